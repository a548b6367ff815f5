-- scoreboard/innovators.lua -- the study's aggregation behind its figure 12
-- (Samambayeva 2013, chapter 2): counts of firms that introduced innovations,
-- by type (product, process, marketing, organisational; Oslo Manual, 3rd ed.,
-- 2005), turned into shares of firms, and the types combined into the EIS
-- 2008 innovator indicators: 3.1.1 technological innovators (product or
-- process) and 3.1.2 non-technological innovators (marketing or organisational).
-- by_expenditure() is the study's own rule for its figure 12; against_table()
-- sets its results beside the study's Table 15.
local check = require "check"
local fail = check.failer("innovators")
local M = {}

M.TYPES = {"product", "process", "marketing", "organisational"}
M.EIS_GROUPS = {
  {code = "3.1.1", name = "Technological innovators", types = {"product", "process"}},
  {code = "3.1.2", name = "Non-technological innovators", types = {"marketing", "organisational"}},
}

-- the types in the order of opts.types, else M.TYPES first, then the rest sorted
local function type_order(keys, opts)
  if opts.types then return opts.types end
  local order, seen = {}, {}
  for _, t in ipairs(M.TYPES) do
    if keys[t] ~= nil then order[#order + 1] = t; seen[t] = true end
  end
  local rest = {}
  for t in pairs(keys) do if not seen[t] then rest[#rest + 1] = t end end
  table.sort(rest)
  for _, t in ipairs(rest) do order[#order + 1] = t end
  return order
end

-- Shares (%) of `firms` from aggregate counts {type = number of firms that
-- introduced that type}. A group of types (opts.groups, default the EIS's
-- 3.1.1 and 3.1.2) cannot be read exactly from aggregate counts, since one
-- firm may introduce several types: `lower` assumes the most overlap (the
-- largest count), `upper` none (the sum, at most all firms); `share` is the
-- upper bound, the reading that counts every reported innovation as a firm.
-- Returns {firms, types = {{type, count, share}}, groups = {{code, name,
-- count, share, lower, upper}}}.
function M.shares(counts, firms, opts)
  opts = opts or {}
  if type(firms) ~= "number" or not (firms > 0) then
    fail("shares", "the number of firms must be positive, not %s", tostring(firms))
  end
  if type(counts) ~= "table" then fail("shares", "counts must be a table {type = count}") end
  local res = {firms = firms, types = {}, groups = {}}
  local by_type = {}
  for _, t in ipairs(type_order(counts, opts)) do
    local c = counts[t]
    if type(c) ~= "number" or c ~= c or c < 0 then
      fail("shares", "count of '%s' must be a number >= 0, not %s", tostring(t), tostring(c))
    end
    if c > firms then
      fail("shares", "%g firms with %s innovations, more than the %g firms; shares of firms need counts of"
        .. " innovating firms", c, t, firms)
    end
    by_type[t] = c
    res.types[#res.types + 1] = {type = t, count = c, share = 100 * c / firms}
  end
  for _, g in ipairs(opts.groups or M.EIS_GROUPS) do
    local sum, most, any = 0, 0, false
    for _, t in ipairs(g.types) do
      if by_type[t] then sum, most, any = sum + by_type[t], math.max(most, by_type[t]), true end
    end
    if any then
      local upper = math.min(sum, firms)
      res.groups[#res.groups + 1] = {code = g.code, name = g.name, count = upper,
        share = 100 * upper / firms, lower = 100 * most / firms, upper = 100 * upper / firms}
    end
  end
  return res
end

-- Exact shares (%) from firm-level records, an array with one table per firm
-- {type = number of innovations (or true/false)}: a firm counts for a type
-- when it introduced at least one, and for a group when it introduced any of
-- the group's types. Same result shape as shares(), with lower = upper.
function M.firm_shares(records, opts)
  opts = opts or {}
  if type(records) ~= "table" or #records == 0 then
    fail("firm_shares", "records must be a non-empty array of firms")
  end
  local keys = {}
  for i, r in ipairs(records) do
    for t, c in pairs(r) do
      if type(c) ~= "boolean" and (type(c) ~= "number" or c ~= c or c < 0) then
        fail("firm_shares", "firm %d, '%s': want a count >= 0 or a boolean, not %s", i, tostring(t), tostring(c))
      end
      keys[t] = true
    end
  end
  local function did(r, t) local c = r[t]; return c == true or (type(c) == "number" and c > 0) end
  local n = #records
  local res = {firms = n, types = {}, groups = {}}
  for _, t in ipairs(type_order(keys, opts)) do
    local c = 0
    for _, r in ipairs(records) do if did(r, t) then c = c + 1 end end
    res.types[#res.types + 1] = {type = t, count = c, share = 100 * c / n}
  end
  for _, g in ipairs(opts.groups or M.EIS_GROUPS) do
    local c = 0
    for _, r in ipairs(records) do
      for _, t in ipairs(g.types) do
        if did(r, t) then c = c + 1; break end
      end
    end
    local s = 100 * c / n
    res.groups[#res.groups + 1] = {code = g.code, name = g.name, count = c, share = s, lower = s, upper = s}
  end
  return res
end

---------------------------------------------------------------------------
-- the study's rule (Samambayeva 2013, chapter 2, the text on figure 12)
---------------------------------------------------------------------------

-- The groups the study splits its innovating firms into, with the key of
-- their share of innovation expenditure and the innovation types they hold
M.EXPENDITURE_GROUPS = {
  {code = "3.1.1", name = "Technological innovators", expenditure = "technological",
    types = {"product", "process"}},
  {code = "3.1.2", name = "Non-technological innovators", expenditure = "non_technological",
    types = {"marketing", "organisational"}},
}

-- The study's aggregation: the share of innovating firms (% of SMEs; the
-- study's 5.9, its Table 15's 2.2.1) split between the groups in proportion to
-- their shares of innovation expenditure (the study's 81 and 19: 3.1.1 = 5.9 x
-- 0.81 = 4.779, 3.1.2 = 5.9 x 0.19 = 1.121), and a group's share split among
-- its innovation types in proportion to the units of innovation counted for
-- each (figure 12's counts, opts.units = {type = count}). The rule assumes a
-- firm's expenditure share is its chance of being in a group, and that every
-- innovating firm is in exactly one group.
-- expenditure = {technological = 81, non_technological = 19}: any scale, the
-- shares are taken over their sum. opts.groups: default M.EXPENDITURE_GROUPS.
-- Returns {innovating, groups = {{code, name, expenditure_share, share, rule}},
-- types = {{type, code, units, share}}}.
function M.by_expenditure(innovating, expenditure, opts)
  opts = opts or {}
  if type(innovating) ~= "number" or not (innovating >= 0 and innovating <= 100) then
    fail("by_expenditure", "the share of innovating firms must be a percentage in [0, 100], not %s", tostring(innovating))
  end
  if type(expenditure) ~= "table" then
    fail("by_expenditure", "expenditure must be a table {technological = share, non_technological = share}")
  end
  local groups = opts.groups or M.EXPENDITURE_GROUPS
  local total = 0
  for _, g in ipairs(groups) do
    local e = expenditure[g.expenditure]
    if type(e) ~= "number" or not (e >= 0) then
      fail("by_expenditure", "expenditure share '%s' (for %s) must be a number >= 0, not %s",
        g.expenditure, g.code, tostring(e))
    end
    total = total + e
  end
  if not (total > 0) then fail("by_expenditure", "the expenditure shares add up to 0") end
  local units = opts.units or {}
  local res = {innovating = innovating, groups = {}, types = {}}
  for _, g in ipairs(groups) do
    local part = expenditure[g.expenditure] / total
    local share = innovating * part
    res.groups[#res.groups + 1] = {code = g.code, name = g.name, expenditure_share = part, share = share,
      rule = string.format("%g x %g", innovating, part)}
    local n = 0
    for _, t in ipairs(g.types) do
      local u = units[t]
      if u ~= nil and (type(u) ~= "number" or not (u >= 0)) then
        fail("by_expenditure", "units of '%s' must be a number >= 0, not %s", t, tostring(u))
      end
      n = n + (u or 0)
    end
    for _, t in ipairs(g.types) do
      if units[t] and n > 0 then
        res.types[#res.types + 1] = {type = t, code = g.code, units = units[t], share = share * units[t] / n}
      end
    end
  end
  return res
end

-- The study's numbers beside its published table: derived = {code = value}
-- (the rule's, or the text's own statements), published = {code = value} (the
-- study's Table 15 for the region). A pair agrees when it is equal at the
-- published precision (opts.decimals, default 2: half a unit in the last
-- place). Returns records {code, derived, published, difference, agrees} in
-- the order of `codes` (default: the derived codes, sorted).
function M.against_table(derived, published, opts)
  opts = opts or {}
  local tol = 0.5 * 10 ^ -(opts.decimals or 2) + 1e-12
  local codes = opts.codes
  if not codes then
    codes = {}
    for c in pairs(derived) do codes[#codes + 1] = c end
    table.sort(codes)
  end
  local out = {}
  for _, c in ipairs(codes) do
    local d, p = derived[c], published[c]
    if type(d) ~= "number" then fail("against_table", "no derived value for %s", tostring(c)) end
    local r = {code = c, derived = d, published = p}
    if type(p) == "number" then
      r.difference = d - p
      r.agrees = math.abs(d - p) <= tol
    end
    out[#out + 1] = r
  end
  return out
end

M._help = {
  _about = "the study's figure 12: innovations by type as shares of firms, EIS 3.1.1/3.1.2",
  by_expenditure = "innovators.by_expenditure(innovating, {technological=, non_technological=} [, {units=, groups=}])"
    .. " -- the study's rule: innovating firms split by expenditure shares, types by units in proportion",
  against_table = "innovators.against_table(derived, published [, {decimals=2, codes=}]) -- records {code, derived,"
    .. " published, difference, agrees}",
  shares = "innovators.shares(counts, firms [, {types=, groups=}]) -- % of firms per type; groups with lower/upper bounds",
  firm_shares = "innovators.firm_shares(records [, {types=, groups=}]) -- exact % of firms per type and group from firm records",
}

return M
