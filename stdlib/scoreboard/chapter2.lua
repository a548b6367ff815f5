-- scoreboard/chapter2.lua -- the study's chapter 2 (Samambayeva 2013: Table
-- 15, figures 10 and 12) as functions that return its tables as records: the
-- units' roles, the scoreboard against the reference (EIS 2008-2010 method,
-- Hollanders & van Cruysen 2008) in both of figure 10's scales, the composite
-- indices and their Monte Carlo uncertainty (Saisana, Saltelli & Tarantola
-- 2005) when they carry information, and the figure-12 aggregation beside
-- Table 15. Column specifications for report.table and report.write_csv go
-- with the records, titled by the units given, so a header always names the
-- unit whose values it holds.
local check = require "check"
local sb = require "scoreboard"
local innovators = require "scoreboard.innovators"
local uncertainty = require "scoreboard.uncertainty"
local M = {}
local fail = check.failer("chapter2")

---------------------------------------------------------------------------
-- the units' roles
---------------------------------------------------------------------------

-- The roles of the data's units: opts.region (scored), opts.reference (= 100),
-- opts.national (default: a unit named kazakhstan or national), opts.catching_up
-- (an array or "A,B"; default: the units named catching_up_*), opts.source
-- (the file, for messages). Returns {region, reference, national, group, all}.
function M.units(values, opts)
  local has = {}
  for _, u in ipairs(values.units) do has[u] = true end
  local function need(u, role)
    if not has[u] then
      fail("units", "%s: no column '%s' for the %s (the units are: %s)", opts.source or "data",
        tostring(u), role, table.concat(values.units, ", "))
    end
    return u
  end
  local res = {region = need(opts.region, "region"), reference = need(opts.reference, "reference"),
    group = {}, all = values.units}
  if opts.national then res.national = need(opts.national, "national value")
  else res.national = (has.kazakhstan and "kazakhstan") or (has.national and "national") or nil end
  local list = opts.catching_up
  if type(list) == "string" then
    local t = {}
    for u in list:gmatch("[^,]+") do t[#t + 1] = u end
    list = t
  end
  if list then
    for _, u in ipairs(list) do res.group[#res.group + 1] = need(u, "catching-up countries") end
  else
    for _, u in ipairs(values.units) do
      if u:match("^catching_up_") then res.group[#res.group + 1] = u end
    end
  end
  return res
end

-- a unit's name in a column title: an average (eu_average) by what it averages
local function short(unit) return (unit:gsub("_average$", "")) end

---------------------------------------------------------------------------
-- Table 15 and figure 10's two scales
---------------------------------------------------------------------------

-- Table 15's rows (scoreboard.compare) with figure 10's two scales: relative =
-- 100 * region / reference (the EU = 100 view) and multiple = reference /
-- region (the study's: the indicators as a fraction of the region's value,
-- region = 1; nil where the region's value is 0 or missing). Numbers are floats.
function M.table15(cat, values, units)
  local rows = sb.compare(cat, values, {unit = units.region, reference = units.reference,
    national = units.national, group = #units.group > 0 and units.group or nil})
  local any = false
  for _, r in ipairs(rows) do
    for _, k in ipairs{"value", "reference", "national", "group_min", "group_max"} do
      if r[k] then r[k] = r[k] + 0.0 end
    end
    if r.value and r.value ~= 0 and r.reference then r.multiple = r.reference / r.value end
    any = any or r.relative ~= nil
  end
  if not any then
    fail("table15", "no indicator has both a value for %s and a non-zero value for %s: nothing to compare",
      units.region, units.reference)
  end
  return rows
end

-- the fewest decimals (at most 6) that show every value of rows[key] as it is
local function decimals(rows, key)
  local d = 0
  for _, r in ipairs(rows) do
    local x = r[key]
    while x and d < 6 and math.abs(x * 10 ^ d - math.floor(x * 10 ^ d + 0.5)) > 1e-6 * math.max(1, math.abs(x * 10 ^ d)) do
      d = d + 1
    end
  end
  return d
end

-- The columns of Table 15 for report.table (opts.csv false) or
-- report.write_csv (true): the value columns titled by their units, the
-- relative one by its reference (relative_to_eu for eu_average), each printed
-- with one number of decimals.
function M.table15_columns(rows, units, opts)
  local csv = opts and opts.csv
  local ref, reg = units.reference, units.region
  local cols = {{key = "code"}, {key = csv and "label" or "name", title = "indicator"}}
  if csv then cols[#cols + 1] = {key = "dimension"}; cols[#cols + 1] = {key = "group"} end
  local function add(key, title, digits) cols[#cols + 1] = {key = key, title = title, digits = digits} end
  add("reference", ref, decimals(rows, "reference"))
  add("value", reg, decimals(rows, "value"))
  add("relative", csv and "relative_to_" .. short(ref) or "% of " .. ref, 1)
  add("multiple", csv and ref .. "_per_" .. reg or ref .. " / " .. reg, 2)
  if units.national then
    add("national", units.national, decimals(rows, "national"))
    add("relative_to_national", csv and "relative_to_" .. short(units.national) or "% of " .. units.national, 1)
  end
  if #units.group > 0 then
    if csv then
      add("group_n", "catching_up_n"); add("group_min", "catching_up_min"); add("group_max", "catching_up_max")
      add("range", "in_range"); add("position", "position_in_range")
    else
      add("group_min", "catching-up min", decimals(rows, "group_min"))
      add("group_max", "catching-up max", decimals(rows, "group_max"))
    end
  end
  if not csv then cols[#cols + 1] = {key = "dimension"} end
  return cols
end

---------------------------------------------------------------------------
-- composites and uncertainty: informative from three units on
---------------------------------------------------------------------------

M.TWO_UNITS = "With two units, min-max re-scaling gives 1 to the better unit and 0 to the other\n"
  .. "on every indicator: each composite is only the share of its indicators where a unit\n"
  .. "leads. Ranks and their uncertainty carry no information and are not shown; give three\n"
  .. "or more units (e.g. the catching-up countries as columns catching_up_*) for composites\n"
  .. "that do."

-- The composite indices of every unit (EIS 2008 annex, steps 1-7): {units,
-- informative (three units or more), note (when not), rows = one record per
-- dimension, group and the SII with score.<unit> and n.<unit>, long = the
-- same as {unit, level, name, score, indicators}, columns (for report.table),
-- rank = {unit = rank} (informative only), dropped = {{reason, codes}}}.
function M.composites(cat, values, units)
  local all = units.all
  local norm = sb.normalise(cat, values, {units = all})
  local comp = sb.composites(cat, norm)
  local res = {units = all, informative = #all >= 3, rows = {}, long = {}, dropped = {},
    columns = {"level", {key = "name", title = "composite"}}}
  if not res.informative then res.note = M.TWO_UNITS end
  local function add(level, name, get)
    local r = {level = level, name = name}
    for _, u in ipairs(all) do
      local c = get(comp[u])
      r["score." .. u], r["n." .. u] = c.score, c.n
      res.long[#res.long + 1] = {unit = u, level = level, name = name, score = c.score, indicators = c.n}
    end
    res.rows[#res.rows + 1] = r
  end
  for _, d in ipairs(cat.dimensions) do add("dimension", d.name, function(c) return c.dimensions[d.name] end) end
  for _, g in ipairs(cat.groups) do add("group", g.name, function(c) return c.groups[g.name] end) end
  add("summary", "Summary Innovation Index", function(c) return c.sii end)
  for _, u in ipairs(all) do
    res.columns[#res.columns + 1] = {key = "score." .. u, title = u, digits = 3}
    res.columns[#res.columns + 1] = {key = "n." .. u, title = "n"}
  end
  if res.informative then res.rank = sb.ranks(comp, all) end
  local by = {}
  for _, e in ipairs(cat.indicators) do
    local why = norm.dropped[e.code]
    if why then
      if not by[why] then by[why] = {reason = why, codes = {}}; res.dropped[#res.dropped + 1] = by[why] end
      table.insert(by[why].codes, e.code)
    end
  end
  return res
end

-- The Monte Carlo uncertainty of the SII and the ranks (scoreboard.uncertainty)
-- as one record per unit {unit, sii, sii_p05, sii_p95, rank, rank_p05,
-- rank_p95, p_same_rank}, with the run {draws, seed, mean_rank_shift}; nil
-- when composites.informative is false (two units: nothing can move).
function M.uncertainty(cat, values, composites, opts)
  if not composites.informative then return nil end
  local mc = uncertainty.monte_carlo(cat, values, {units = composites.units, draws = opts.draws, seed = opts.seed})
  local rows = {}
  for _, u in ipairs(composites.units) do
    local s, r, base = mc.sii[u], mc.rank[u], composites.rank[u]
    rows[#rows + 1] = {unit = u, sii = mc.baseline.sii[u], sii_p05 = s.p05, sii_p95 = s.p95,
      rank = base, rank_p05 = r.p05, rank_p95 = r.p95, p_same_rank = base and (r.freq[base] or 0)}
  end
  return {rows = rows, draws = mc.draws, seed = mc.seed, mean_rank_shift = mc.mean_rank_shift}
end

---------------------------------------------------------------------------
-- figure 12 beside Table 15
---------------------------------------------------------------------------

-- The study's statements on figure 12 from a CSV (key, value, statement):
-- expenditure.<group> = its share of innovation expenditure, text.<code> = a
-- value the text gives. Returns {expenditure = {group = v}, text = {code = v}}.
function M.read_figure12(path)
  local ok, t = pcall(require("csv").read_table, path, {text = {"key"}})
  if not ok then fail("read_figure12", "%s", tostring(t)) end
  if not (t.columns.key and t.columns.value) then fail("read_figure12", "%s: want the columns key and value", path) end
  local res = {expenditure = {}, text = {}}
  for i = 1, t.nrow do
    local key, v = t.columns.key[i], t.columns.value[i]
    local kind, name = tostring(key):match("^(%a+)%.(.+)$")
    if type(v) ~= "number" or not res[kind] then
      fail("read_figure12", "%s: want expenditure.<group> or text.<code> with a number",
        check.where{file = path, row = i + 1})
    end
    res[kind][name] = v
  end
  return res
end

-- The study's figure-12 rule (innovators.by_expenditure on the region's
-- 2.2.1, the share of innovating SMEs) and the values its text states, beside
-- the region's Table 15 as published: records {code, derived, how, published,
-- difference, agrees, verdict = yes/no}; nil when the region has no 2.2.1.
function M.figure12(cat, values, units, statements)
  local innovating = sb.value(cat, values, units.region, "2.2.1")
  if not innovating then return nil end
  local rule = innovators.by_expenditure(innovating, statements.expenditure)
  local derived, how, codes, published = {}, {}, {}, {}
  for _, g in ipairs(rule.groups) do
    derived[g.code], how[g.code] = g.share, "2.2.1 x expenditure share = " .. g.rule
    codes[#codes + 1] = g.code
  end
  local stated = {}
  for code in pairs(statements.text) do stated[#stated + 1] = code end
  table.sort(stated)
  for _, code in ipairs(stated) do
    derived[code], how[code] = statements.text[code], "as the text states it"
    codes[#codes + 1] = code
  end
  for _, c in ipairs(codes) do published[c] = sb.value(cat, values, units.region, c) end
  local rows = innovators.against_table(derived, published, {codes = codes})
  for _, r in ipairs(rows) do
    r.how = how[r.code]
    if r.agrees ~= nil then r.verdict = r.agrees and "yes" or "no" end
  end
  return rows
end

M._help = {
  _about = "the study's chapter 2 as records: units' roles, Table 15 in both figure-10 scales, composites, uncertainty, figure 12",
  units = "chapter2.units(values, {region=, reference=, national=, catching_up=, source=}) -- {region, reference, national, group, all}",
  table15 = "chapter2.table15(cat, values, units) -- scoreboard.compare rows with relative (= 100) and multiple (reference / region)",
  table15_columns = "chapter2.table15_columns(rows, units [, {csv=true}]) -- report columns titled by the units",
  composites = "chapter2.composites(cat, values, units) -- {informative, note, rows, long, columns, rank, dropped}",
  uncertainty = "chapter2.uncertainty(cat, values, composites, {draws=, seed=}) -- per-unit SII and rank ranges, or nil with two units",
  read_figure12 = "chapter2.read_figure12(path) -- {expenditure = {group = share}, text = {code = value}}",
  figure12 = "chapter2.figure12(cat, values, units, statements) -- records {code, derived, how, published, agrees}",
}

return M
