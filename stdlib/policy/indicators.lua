-- policy/indicators.lua -- what the rules of stdlib/data/policy/rules.csv
-- can test: each indicator takes the evidence record (see stdlib/policy.lua)
-- and the rule's argument and returns a value and the words behind it, or
-- nil and why it cannot be had (the evidence is then missing).
local M = {}

-- the deck's row of an indicator for an economy
function M.deck_value(deck, indicator, economy)
  for _, r in ipairs(deck) do
    if r.indicator == indicator and r.economy == economy then return r end
  end
end

local function leading(ev)
  local l = ev.leading and ev.leading[1]
  if not l then return nil, "no leading industry identified" end
  for _, r in ipairs(ev.linkages) do if r.sector == l.sector then return r, l end end
  return nil, "the leading industry '" .. l.sector .. "' is not among the regional linkages"
end

-- the probit row of `variable`; `spec` may list alternatives "A|-B": the
-- first with an estimate is used, a leading '-' reversing its sign (shares
-- that sum to 100, as foreign and domestic imported inputs: when one is
-- dropped as collinear the other carries its effect with the opposite sign)
local function probit_term(ev, spec)
  local why, names = nil, {}
  for alt in spec:gmatch("[^|]+") do
    local sign, name = alt:match("^%s*(%-?)%s*(.-)%s*$")
    names[#names + 1] = name
    for _, r in ipairs(ev.probit) do
      if r.variable == name then
        if r.coef ~= nil then
          local significance = r.stars and (r.stars ~= "" and (" " .. r.stars) or "")
            or r.p and string.format(" (p = %.3g)", r.p) or ""
          return { coef = sign == "-" and -r.coef or r.coef, p = r.p, significance = significance,
            name = sign == "-" and (name .. ", sign reversed") or name }
        end
        why = why or string.format("the probit has no estimate for '%s'%s", name, r.note and (" " .. r.note) or "")
      end
    end
  end
  return nil, why or string.format("the probit has no variable '%s'", table.concat(names, "' or '"))
end

local INDICATORS = {
  deck = function(ev, name)
    local r = M.deck_value(ev.speca, name, ev.country or "KAZ")
    if not r then return nil, string.format("the deck has no '%s' for %s", name, ev.country or "KAZ") end
    return r.value, string.format("%s, %s %s (%s)", ev.country or "KAZ", name, r.year or "", r.unit or "")
  end,
  scoreboard = function(ev, code)
    for _, r in ipairs(ev.scoreboard) do
      if r.code == code then
        if r.relative_to_eu == nil or r.relative_to_eu ~= r.relative_to_eu then
          return nil, string.format("scoreboard indicator %s (%s) has no value for the region", code, r.indicator or "")
        end
        return r.relative_to_eu, string.format("%s %s, %% of the EU average", code, r.indicator or "")
      end
    end
    return nil, "the scoreboard has no indicator " .. code
  end,
  leading_backward = function(ev)
    local r, l = leading(ev)
    if not r then return nil, l end
    return r.backward, string.format("%s (leading industry, SLQ %.2f): Rasmussen backward linkage", r.sector, l.slq or 0 / 0)
  end,
  leading_forward = function(ev)
    local r, l = leading(ev)
    if not r then return nil, l end
    return r.forward, string.format("%s (leading industry, SLQ %.2f): Rasmussen forward linkage", r.sector, l.slq or 0 / 0)
  end,
  leading_value_chains = function(ev)
    local l = ev.leading and ev.leading[1]
    if not l then return nil, "no leading industry identified" end
    if not ev.value_chains then return nil, "chapter 1's value chains did not run" end
    local chains = {}
    for _, r in ipairs(ev.value_chains) do if r.industry == l.sector then chains[r.value_chain] = true end end
    local n, names = 0, {}
    for c in pairs(chains) do n = n + 1; names[#names + 1] = c end
    table.sort(names)
    return n, string.format("value chains holding %s%s", l.sector, n > 0 and (": " .. table.concat(names, ", ")) or "")
  end,
  -- a coefficient counts only when significant at 10% (else 0)
  probit_positive = function(ev, spec)
    local r, why = probit_term(ev, spec)
    if not r then return nil, why end
    local sig = r.p ~= nil and r.p == r.p and r.p < 0.10
    return sig and r.coef or 0, string.format("probit coefficient of %s %.4g%s", r.name, r.coef, r.significance)
      .. (sig and "" or ", not significant at 10%")
  end,
  probit_coef = function(ev, spec)
    local r, why = probit_term(ev, spec)
    if not r then return nil, why end
    return r.coef, string.format("probit coefficient of %s %.4g", r.name, r.coef)
  end,
  mode_share = function(ev, mode)
    for _, r in ipairs(ev.modes) do
      if r.mode == mode then return r.share, string.format("share of firms in the %s mode", mode) end
    end
    return 0, string.format("share of firms in the %s mode (none found)", mode)
  end,
}

-- Institutional capacity ---------------------------------------------------------

M.INDICATORS = INDICATORS

return M
