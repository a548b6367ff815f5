-- scoreboard/innovators.lua -- the study's aggregation behind its figure 12
-- (Samambayeva 2013, chapter 2): counts of firms that introduced innovations,
-- by type (product, process, marketing, organisational; Oslo Manual, 3rd ed.,
-- 2005), turned into shares of firms, and the types combined into the EIS
-- 2008 innovator indicators: 3.1.1 technological innovators (product or
-- process) and 3.1.2 non-technological innovators (marketing or organisational).
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
    error("innovators.shares: the number of firms must be positive, not " .. tostring(firms), 2)
  end
  if type(counts) ~= "table" then error("innovators.shares: counts must be a table {type = count}", 2) end
  local res = {firms = firms, types = {}, groups = {}}
  local by_type = {}
  for _, t in ipairs(type_order(counts, opts)) do
    local c = counts[t]
    if type(c) ~= "number" or c ~= c or c < 0 then
      error("innovators.shares: count of '" .. tostring(t) .. "' must be a number >= 0, not " .. tostring(c), 2)
    end
    if c > firms then
      error(string.format("innovators.shares: %g firms with %s innovations, more than the %g firms;"
        .. " shares of firms need counts of innovating firms", c, t, firms), 2)
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
    error("innovators.firm_shares: records must be a non-empty array of firms", 2)
  end
  local keys = {}
  for i, r in ipairs(records) do
    for t, c in pairs(r) do
      if type(c) ~= "boolean" and (type(c) ~= "number" or c ~= c or c < 0) then
        error(string.format("innovators.firm_shares: firm %d, '%s': want a count >= 0 or a boolean, not %s",
          i, tostring(t), tostring(c)), 2)
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

M._help = {
  _about = "the study's figure 12: innovations by type as shares of firms, EIS 3.1.1/3.1.2",
  shares = "innovators.shares(counts, firms [, {types=, groups=}]) -- % of firms per type; groups with lower/upper bounds",
  firm_shares = "innovators.firm_shares(records [, {types=, groups=}]) -- exact % of firms per type and group from firm records",
}

return M
