-- scoreboard.lua -- the innovation scoreboard of the European Innovation
-- Scoreboard 2008-2010 (Hollanders & van Cruysen 2008, "Rethinking the European
-- Innovation Scoreboard: a new methodology for 2008-2010", UNU-MERIT/Pro Inno
-- Europe; EIS 2008 report, technical annex 8.1 "Calculating composite indexes",
-- proinno-europe.eu/page/technical-annex): an editable indicator catalogue,
-- values of any number of units, comparison with a reference (the EU average),
-- a national value and a reference group's range (the catching-up countries),
-- missing values, imputation on request, the annex's normalisation (steps 1-6)
-- and composite indices (step 7) with the number of indicators behind each.
-- The uncertainty analysis is in scoreboard/uncertainty.lua, the study's
-- figure-12 aggregation in scoreboard/innovators.lua, the charts in
-- scoreboard/charts.lua, the study's chapter-2 tables as records in
-- scoreboard/chapter2.lua.
local check = require "check"
local data = require "scoreboard.data"
local index = require "scoreboard.index"
local M = {}
local fail = check.failer("scoreboard")

-- the inputs (scoreboard/data.lua) and the indices (scoreboard/index.lua)
M.default_catalogue = data.default_catalogue
M.catalogue, M.catalogue_from_rows = data.catalogue, data.catalogue_from_rows
M.values, M.read, M.value = data.values, data.read, data.value
M.normalise, M.composites, M.ranks = index.normalise, index.composites, index.ranks

---------------------------------------------------------------------------
-- comparisons: relative to a reference, a national value, a group's range
---------------------------------------------------------------------------

-- One row per indicator (opts.codes, default the data's rows in order):
-- value, reference value and relative = 100 * value / reference (the study's
-- figure 10, EU average = 100); against a national value (100 * value /
-- national); the reference group's range (n, min, max) and the unit's
-- position in it, (value - min) / (max - min), with "below"/"within"/"above".
-- opts: unit, reference, national, group (array of units), codes.
function M.compare(cat, values, opts)
  data.check_codes(cat, values)
  local unit, ref = opts.unit, opts.reference
  data.check_unit(values, unit, "opts.unit")
  if ref then data.check_unit(values, ref, "opts.reference") end
  if opts.national then data.check_unit(values, opts.national, "opts.national") end
  for _, g in ipairs(opts.group or {}) do data.check_unit(values, g, "opts.group") end
  local rows = {}
  for _, code in ipairs(opts.codes or values.codes) do
    local e = cat.by_code[code] or fail("compare", "indicator %s is not in the catalogue", code)
    local r = {code = code, name = e.name, label = values.labels[code] or e.name,
      unit = e.unit, dimension = e.dimension, group = e.group}
    r.value, r.imputed = data.value(cat, values, unit, code)
    if ref then r.reference = data.value(cat, values, ref, code) end
    if r.value and r.reference and r.reference ~= 0 then
      r.relative = 100 * r.value / r.reference
    end
    if opts.national then
      r.national = data.value(cat, values, opts.national, code)
      if r.value and r.national and r.national ~= 0 then r.relative_to_national = 100 * r.value / r.national end
    end
    if opts.group and #opts.group > 0 then
      local lo, hi, n = math.huge, -math.huge, 0
      for _, g in ipairs(opts.group) do
        local x = data.value(cat, values, g, code)
        if x then n = n + 1; lo = math.min(lo, x); hi = math.max(hi, x) end
      end
      r.group_n = n
      if n > 0 then
        r.group_min, r.group_max = lo, hi
        if r.value then
          r.range = r.value < lo and "below" or r.value > hi and "above" or "within"
          if hi > lo then r.position = (r.value - lo) / (hi - lo) end
        end
      end
    end
    rows[#rows + 1] = r
  end
  return rows
end

-- The unit's values relative to the reference (100 * value / reference)
-- averaged over the indicators of each dimension that have both values; the
-- same for the national unit when given. Returns {{name, group, relative, n,
-- total, national, national_n}} in the catalogue's order. An average of
-- ratios: one indicator far above the reference can lift a dimension.
function M.relative_by_dimension(cat, values, opts)
  data.check_codes(cat, values)
  data.check_unit(values, opts.unit, "opts.unit")
  data.check_unit(values, opts.reference, "opts.reference")
  if opts.national then data.check_unit(values, opts.national, "opts.national") end
  local function mean_ratio(unit, codes)
    local s, n = 0, 0
    for _, c in ipairs(codes) do
      local x, r = data.value(cat, values, unit, c), data.value(cat, values, opts.reference, c)
      if x and r and r ~= 0 then s, n = s + 100 * x / r, n + 1 end
    end
    return n > 0 and s / n or nil, n
  end
  local out = {}
  for _, d in ipairs(cat.dimensions) do
    local r = {name = d.name, group = d.group, total = #d.codes}
    r.relative, r.n = mean_ratio(opts.unit, d.codes)
    if opts.national then r.national, r.national_n = mean_ratio(opts.national, d.codes) end
    out[#out + 1] = r
  end
  return out
end

---------------------------------------------------------------------------
-- missing values
---------------------------------------------------------------------------

-- What a unit lacks, per indicator of the catalogue and per dimension and
-- group: {indicators = {codes}, parts = {code = {missing parts}},
-- dimensions = {{name, group, total, available, missing = {codes}}}, groups
-- = {...}, total, available}. Nothing is filled in.
function M.missing(cat, values, unit)
  data.check_codes(cat, values)
  data.check_unit(values, unit, "unit")
  local res = {unit = unit, indicators = {}, parts = {}, dimensions = {}, groups = {},
    total = #cat.indicators, available = 0, imputed = {}}
  local lacking = {}
  for _, e in ipairs(cat.indicators) do
    local x, how = data.value(cat, values, unit, e.code)
    if x == nil then
      lacking[e.code] = true
      res.indicators[#res.indicators + 1] = e.code
      if e.parts then
        local miss = {}
        for _, p in ipairs(e.parts) do
          if values.data[unit][p] == nil then miss[#miss + 1] = p end
        end
        res.parts[e.code] = miss
      end
    else
      res.available = res.available + 1
      if how then res.imputed[#res.imputed + 1] = e.code end
    end
  end
  local function tally(list, name, group)
    local r = {name = name, group = group, total = #list, available = 0, missing = {}}
    for _, c in ipairs(list) do
      if lacking[c] then r.missing[#r.missing + 1] = c else r.available = r.available + 1 end
    end
    return r
  end
  for _, d in ipairs(cat.dimensions) do res.dimensions[#res.dimensions + 1] = tally(d.codes, d.name, d.group) end
  for _, g in ipairs(cat.groups) do res.groups[#res.groups + 1] = tally(g.codes, g.name) end
  return res
end

---------------------------------------------------------------------------
-- imputation, only on request
---------------------------------------------------------------------------

-- Fills the missing values of opts.units (default all) from the values of
-- opts.group (default all units): method "group_mean" (the mean of the group's
-- available values) or "worst" (the group's worst value: its lowest, or its
-- highest where lower is better; a pessimistic choice). Returns new values;
-- each filled value is marked in .imputed[unit][code] with the method, and
-- shows up in missing().imputed and in the composites' n_imputed. The EIS
-- annex's own step 4 fills gaps in time series from the nearest year; a
-- single cross-section has no such neighbour.
function M.impute(cat, values, opts)
  opts = opts or {}
  data.check_codes(cat, values)
  local method = opts.method or "group_mean"
  if method ~= "group_mean" and method ~= "worst" then
    fail("impute", "method must be 'group_mean' or 'worst', not '%s'", tostring(method))
  end
  local group, units = opts.group or values.units, opts.units or values.units
  for _, u in ipairs(group) do data.check_unit(values, u, "opts.group") end
  for _, u in ipairs(units) do data.check_unit(values, u, "opts.units") end
  local filled, imputed = {}, {}
  for _, u in ipairs(values.units) do
    filled[u], imputed[u] = {}, {}
    for c, x in pairs(values.data[u]) do filled[u][c] = x end
    for c, h in pairs(values.imputed[u]) do imputed[u][c] = h end
  end
  -- indicators and their parts, as the data has them
  local entries = {}
  for _, e in ipairs(cat.indicators) do
    if e.parts then
      for _, p in ipairs(e.parts) do entries[#entries + 1] = cat.by_code[p] end
    else entries[#entries + 1] = e end
  end
  for _, e in ipairs(entries) do
    local code, sum, n, lo, hi = e.code, 0, 0, math.huge, -math.huge
    for _, g in ipairs(group) do
      local x = values.data[g][code]
      if x ~= nil and not values.imputed[g][code] then
        sum, n, lo, hi = sum + x, n + 1, math.min(lo, x), math.max(hi, x)
      end
    end
    if n > 0 then
      local fill = method == "group_mean" and sum / n or e.direction == "lower" and hi or lo
      for _, u in ipairs(units) do
        if filled[u][code] == nil then filled[u][code], imputed[u][code] = fill, method end
      end
    end
  end
  return data.values{units = values.units, data = filled, codes = values.codes,
    labels = values.labels, imputed = imputed}
end

M._help = {
  _about = "innovation scoreboard on the EIS 2008-2010 method (Hollanders & van Cruysen 2008)",
  catalogue = "scoreboard.catalogue([path]) -- the indicator catalogue (default: EIS 2008-2010, 29 indicators)",
  catalogue_from_rows = "scoreboard.catalogue_from_rows(rows [, source]) -- a catalogue from {code, group, dimension, name, ...} rows",
  values = "scoreboard.values{units=, data={unit={code=v}}, codes=} -- unit values from a Lua table",
  read = "scoreboard.read(path [, {format=, units=, sep=, decimal=}]) -- unit values from a wide or long CSV",
  value = "scoreboard.value(cat, values, unit, code) -- one value (an indicator with parts: their average), imputation mark",
  compare = "scoreboard.compare(cat, values, {unit=, reference=, national=, group=}) -- rows: relative = 100*value/reference, range position",
  relative_by_dimension = "scoreboard.relative_by_dimension(cat, values, {unit=, reference=, national=}) -- mean of 100*value/reference per dimension, with counts",
  missing = "scoreboard.missing(cat, values, unit) -- missing indicators, per dimension and group",
  impute = "scoreboard.impute(cat, values, {method='group_mean'|'worst', group=, units=}) -- filled copy, marked in .imputed",
  normalise = "scoreboard.normalise(cat, values, {units=, reference_group=, method='minmax'|'zscore', outlier_sd=3}) -- annex steps 1-6",
  composites = "scoreboard.composites(cat, norm [, {weights='indicator'|'dimension'|'group'}]) -- dimension, group and SII scores with counts",
  ranks = "scoreboard.ranks(composites, units) -- rank of each unit by SII (1 = highest)",
}

return M
