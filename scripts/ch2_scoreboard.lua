-- ch2_scoreboard.lua -- the study's chapter 2 innovation scoreboard
-- (Samambayeva 2013, Table 15 and figure 10): East Kazakhstan against the EU
-- average on the 29 indicators of the EIS 2008-2010 (Hollanders & van Cruysen
-- 2008), with the missing indicators, composite indices, their uncertainty
-- and the charts.
--
-- usage: clusterlab scripts/ch2_scoreboard.lua [--data FILE] [--out DIR] ...
-- The units are the numeric columns of the data file: eu_average (the
-- reference), east_region (the region), kazakhstan or national (the national
-- value: a marker in figure 10) and every column whose name starts with
-- catching_up_ (the catching-up countries: their range is a grey band). Adding
-- a unit is adding a column; --region, --reference, --national and
-- --catching-up pick other columns.
local cli = require "cli"
local fileout = require "fileout"
local report = require "report"
local sb = require "scoreboard"
local uncertainty = require "scoreboard.uncertainty"
local charts = require "scoreboard.charts"

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local spec = {
  usage = "clusterlab scripts/ch2_scoreboard.lua [options]",
  about = "The innovation scoreboard of the study's chapter 2 (EIS 2008-2010 method).",
  options = {
    {name = "data", value = "FILE", default = here .. "/data/scoreboard_2009_east_kazakhstan.csv",
      help = "indicator values, one column per unit (wide) or code,unit,value (long)"},
    {name = "out", value = "DIR", default = "out", help = "where scoreboard.csv and the charts go"},
    {name = "catalogue", value = "FILE", default = sb.default_catalogue, help = "indicator catalogue"},
    {name = "region", value = "UNIT", default = "east_region", help = "the unit scored"},
    {name = "name", value = "TEXT", help = "the region's name in the charts (default: East Kazakhstan for east_region)"},
    {name = "reference", value = "UNIT", default = "eu_average", help = "the unit = 100"},
    {name = "national", value = "UNIT", help = "national unit (default: kazakhstan or national, if present)"},
    {name = "catching-up", value = "A,B,...", help = "catching-up units (default: columns catching_up_*)"},
    {name = "sep", value = "CHAR", help = "field separator of the data file (default: guessed)"},
    {name = "decimal", value = "CHAR", default = ".", help = "decimal mark of the data file"},
    {name = "draws", number = true, default = 1000, help = "Monte Carlo draws (at most 100000)"},
    {name = "seed", number = true, default = 1, help = "Monte Carlo seed"},
  },
}

-- numbers: four significant digits, no exponent, "--" when missing; the
-- decimal mark is a point whatever the locale
local function fmt(x)
  if x == nil or x ~= x then return "--" end
  if x == 0 then return "0" end
  local digits = math.min(8, math.max(0, 3 - math.floor(math.log(math.abs(x), 10))))
  local s = string.format("%." .. digits .. "f", x):gsub(",", ".")
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  return s
end

-- a CSV field: numbers exact (shortest form that reads back), NA when missing
local function field(x)
  if type(x) == "number" then
    if x ~= x then return "NA" end
    local s = string.format("%.15g", x)
    if tonumber(s) ~= x then s = string.format("%.17g", x) end
    return (s:gsub(",", "."))
  end
  if x == nil then return "NA" end
  x = report.safe_cell(tostring(x))
  if x:find('[,"\n]') then x = '"' .. x:gsub('"', '""') .. '"' end
  return x
end

-- whole or not at all (fileout): a failed run never leaves half a table
local function write_csv(path, header, rows)
  local lines = {table.concat(header, ","), "\n"}
  for _, r in ipairs(rows) do
    local cells = {}
    for i, h in ipairs(header) do cells[i] = field(r[h]) end
    lines[#lines + 1] = table.concat(cells, ",")
    lines[#lines + 1] = "\n"
  end
  fileout.write(path, lines)
end

-- widths in characters, not bytes: indicator and dimension names may be
-- Cyrillic (a catalogue in Russian)
local function len(s) return utf8.len(s) or #s end

local function cut(s, w)
  if len(s) <= w then return s end
  return (utf8.len(s) and s:sub(1, utf8.offset(s, w - 2) - 1) or s:sub(1, w - 3)) .. "..."
end

local function pad(s, w, right)
  s = tostring(s)
  local fill = string.rep(" ", math.max(0, w - len(s)))
  return right and fill .. s or s .. fill
end

local function main()
  local opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  -- checked before any work: --draws 1e9 would run for days
  opts.draws = math.tointeger(opts.draws)
  if not opts.draws or opts.draws < 1 or opts.draws > uncertainty.MAX_DRAWS then
    error(string.format("--draws must be a whole number from 1 to %d", uncertainty.MAX_DRAWS), 0)
  end

  ---------------------------------------------------------------------------
  -- the data and the units' roles
  ---------------------------------------------------------------------------
  local cat = sb.catalogue(opts.catalogue)
  local ok, values = pcall(sb.read, opts.data, {sep = opts.sep, decimal = opts.decimal})
  if not ok then
    local msg = cli.message(values)
    if msg:find("decimal", 1, true) then msg = msg .. "\n(on the command line: --decimal ',' or --decimal '.')" end
    error(msg, 0)
  end
  local has = {}
  for _, u in ipairs(values.units) do has[u] = true end
  for _, role in ipairs{"region", "reference"} do
    if not has[opts[role]] then
      error(string.format("%s: no column '%s' for the %s (the units are: %s)",
        opts.data, opts[role], role, table.concat(values.units, ", ")), 0)
    end
  end
  local national = opts.national or (has.kazakhstan and "kazakhstan") or (has.national and "national") or nil
  if national and not has[national] then error(opts.data .. ": no column '" .. national .. "' for --national", 0) end
  local region_name = opts.name or (opts.region == "east_region" and "East Kazakhstan" or opts.region)
  local national_name = national and (national:gsub("^%l", string.upper) .. " (national value)")
  local group = {}
  if opts.catching_up then
    for u in opts.catching_up:gmatch("[^,]+") do
      if not has[u] then error(opts.data .. ": no column '" .. u .. "' for --catching-up", 0) end
      group[#group + 1] = u
    end
  else
    for _, u in ipairs(values.units) do
      if u:match("^catching_up_") then group[#group + 1] = u end
    end
  end

  ---------------------------------------------------------------------------
  -- Table 15: the scoreboard
  ---------------------------------------------------------------------------
  local rows = sb.compare(cat, values, {unit = opts.region, reference = opts.reference,
    national = national, group = #group > 0 and group or nil})
  local compared = 0
  for _, r in ipairs(rows) do if r.relative then compared = compared + 1 end end
  if compared == 0 then
    error(string.format("%s: no indicator has both a value for %s and a non-zero value for %s: nothing to compare",
      opts.data, opts.region, opts.reference), 0)
  end
  -- the output folder before the results, so that a bad --out stops the run at once
  local made, why = pcall(fileout.mkdir, opts.out)
  if not made then error(why, 0) end
  print(string.format("Innovation scoreboard, EIS 2008-2010 method: %s against %s (= 100)", opts.region, opts.reference))
  print("data: " .. opts.data)
  print()
  local head = pad("code", 7) .. pad("indicator", 50) .. pad("EU average", 11, true) .. pad("region", 11, true)
    .. pad("rel. to EU", 11, true)
  if national then head = head .. pad("national", 11, true) .. pad("rel. to nat.", 13, true) end
  if #group > 0 then head = head .. pad("catching-up range", 22, true) end
  head = head .. "  dimension"
  print(head)
  print(string.rep("-", #head + 16))
  for _, r in ipairs(rows) do
    local line = pad(r.code, 7) .. pad(cut(r.name, 48), 50) .. pad(fmt(r.reference), 11, true)
      .. pad(fmt(r.value), 11, true) .. pad(fmt(r.relative), 11, true)
    if national then line = line .. pad(fmt(r.national), 11, true) .. pad(fmt(r.relative_to_national), 13, true) end
    if #group > 0 then
      line = line .. pad(r.group_n and r.group_n > 0 and (fmt(r.group_min) .. " - " .. fmt(r.group_max)) or "--", 22, true)
    end
    print(line .. "  " .. r.dimension)
  end
  print("-- : not available; rel. to EU = 100 * region / EU average")

  ---------------------------------------------------------------------------
  -- what is missing
  ---------------------------------------------------------------------------
  local miss = sb.missing(cat, values, opts.region)
  print()
  print(string.format("Missing for %s: %d of %d indicators (never filled in below)",
    opts.region, #miss.indicators, miss.total))
  for _, code in ipairs(miss.indicators) do
    print(string.format("  %-7s %s", code, cat.by_code[code].name))
  end
  print("By dimension (indicators available / in the framework):")
  for _, d in ipairs(miss.dimensions) do
    print(string.format("  %s %d / %d%s", pad(d.name, 30), d.available, d.total,
      #d.missing > 0 and ("   missing " .. table.concat(d.missing, " ")) or ""))
  end
  for _, g in ipairs(miss.groups) do
    print(string.format("  %s %d / %d", pad("group: " .. g.name, 30), g.available, g.total))
  end

  ---------------------------------------------------------------------------
  -- dimensions relative to the EU average
  ---------------------------------------------------------------------------
  local dims = sb.relative_by_dimension(cat, values, {unit = opts.region, reference = opts.reference, national = national})
  print()
  print("By dimension: mean of the indicators relative to " .. opts.reference .. " (= 100)")
  for _, d in ipairs(dims) do
    print(string.format("  %s %8s  (%d of %d indicators)%s", pad(d.name, 30), fmt(d.relative), d.n, d.total,
      national and ("   national " .. fmt(d.national)) or ""))
  end

  ---------------------------------------------------------------------------
  -- composite indices (EIS 2008 annex) and their uncertainty
  ---------------------------------------------------------------------------
  local units = values.units
  local norm = sb.normalise(cat, values, {units = units})
  local comp = sb.composites(cat, norm)
  local rank = sb.ranks(comp, units)
  print()
  print("Composite indices (EIS 2008 annex: sqrt of unbounded indicators, outliers beyond 3 sd, min-max")
  print("across " .. table.concat(units, ", ") .. "); score (indicators behind it)")
  if #units == 2 then
    print("With two units min-max gives 1 to the better and 0 to the other on each indicator.")
  end
  local width = {}
  local line = pad("", 32)
  for _, u in ipairs(units) do
    width[u] = math.max(14, #u) + 2
    line = line .. pad(u, width[u], true)
  end
  print(line)
  local function crow(name, get)
    local l = pad(name, 32)
    for _, u in ipairs(units) do
      local c = get(comp[u])
      l = l .. pad(c.score and string.format("%s (%d)", fmt(c.score), c.n) or "--", width[u], true)
    end
    print(l)
  end
  for _, d in ipairs(cat.dimensions) do crow("  " .. d.name, function(c) return c.dimensions[d.name] end) end
  for _, g in ipairs(cat.groups) do crow("group: " .. g.name, function(c) return c.groups[g.name] end) end
  crow("Summary Innovation Index", function(c) return c.sii end)
  local dropped, reasons = {}, {}
  for _, e in ipairs(cat.indicators) do
    local why = norm.dropped[e.code]
    if why then
      if not dropped[why] then dropped[why] = {}; reasons[#reasons + 1] = why end
      table.insert(dropped[why], e.code)
    end
  end
  for _, why in ipairs(reasons) do
    print("Not in the composites (" .. why .. "): " .. table.concat(dropped[why], " "))
  end

  local draws = opts.draws
  local mc = uncertainty.monte_carlo(cat, values, {units = units, draws = draws,
    seed = math.tointeger(opts.seed) or error("--seed must be a whole number", 0)})
  print()
  print(string.format("Uncertainty (Monte Carlo, %d draws, seed %d: imputation none/group mean/worst,", mc.draws, mc.seed))
  print("normalisation min-max 3 sd/2 sd/z-score, weights by indicator/dimension/group x U(0.5, 1.5)):")
  local uw = 12
  for _, u in ipairs(units) do uw = math.max(uw, #u + 2) end
  print(pad("", uw) .. pad("SII", 9, true) .. pad("SII 5%-95% (min-max)", 24, true) .. pad("rank", 6, true)
    .. pad("rank 5%-95%", 13, true) .. pad("P(same rank)", 14, true))
  for _, u in ipairs(units) do
    local s, r = mc.sii[u], mc.rank[u]
    print(pad(u, uw) .. pad(fmt(mc.baseline.sii[u]), 9, true)
      .. pad(s.n > 0 and (fmt(s.p05) .. " - " .. fmt(s.p95)) or "--", 24, true)
      .. pad(rank[u] or "--", 6, true)
      .. pad(r.n > 0 and (fmt(r.p05) .. " - " .. fmt(r.p95)) or "--", 13, true)
      .. pad(rank[u] and fmt(r.freq[rank[u]] or 0) or "--", 14, true))
  end
  print("mean absolute shift in rank from the baseline: " .. fmt(mc.mean_rank_shift))

  ---------------------------------------------------------------------------
  -- files
  ---------------------------------------------------------------------------
  local header = {"code", "indicator", "dimension", "group", "eu_average", "east_region", "relative_to_eu"}
  if national then
    for _, h in ipairs{"national", "relative_to_national"} do header[#header + 1] = h end
  end
  if #group > 0 then
    for _, h in ipairs{"catching_up_n", "catching_up_min", "catching_up_max", "in_range", "position_in_range"} do
      header[#header + 1] = h
    end
  end
  local out = {}
  for i, r in ipairs(rows) do
    out[i] = {code = r.code, indicator = r.label, dimension = r.dimension, group = r.group,
      eu_average = r.reference, east_region = r.value, relative_to_eu = r.relative,
      national = r.national, relative_to_national = r.relative_to_national,
      catching_up_n = r.group_n, catching_up_min = r.group_min, catching_up_max = r.group_max,
      in_range = r.range, position_in_range = r.position}
  end
  write_csv(opts.out .. "/scoreboard.csv", header, out)

  local cout = {}
  for _, u in ipairs(units) do
    local c = comp[u]
    cout[#cout + 1] = {unit = u, level = "summary", name = "Summary Innovation Index", score = c.sii.score, indicators = c.sii.n}
    for _, g in ipairs(cat.groups) do
      cout[#cout + 1] = {unit = u, level = "group", name = g.name, score = c.groups[g.name].score, indicators = c.groups[g.name].n}
    end
    for _, d in ipairs(cat.dimensions) do
      cout[#cout + 1] = {unit = u, level = "dimension", name = d.name, score = c.dimensions[d.name].score,
        indicators = c.dimensions[d.name].n}
    end
  end
  write_csv(opts.out .. "/composites.csv", {"unit", "level", "name", "score", "indicators"}, cout)

  charts.figure10(rows, {file = opts.out .. "/figure10_relative_to_eu.svg",
    title = region_name .. ": innovation indicators relative to the EU average (EU = 100)",
    marker_label = national_name, range_label = "catching-up countries (range)"})
  charts.dimensions(dims, {file = opts.out .. "/dimensions_relative_to_eu.svg",
    title = region_name .. " by EIS dimension, relative to the EU average (EU = 100)", marker_label = national_name})
  print()
  print("wrote " .. opts.out .. "/scoreboard.csv, composites.csv, figure10_relative_to_eu.svg, dimensions_relative_to_eu.svg")
end

-- a bad option or input file ends the script with its message alone; a bug
-- (a Lua runtime error) keeps the traceback
cli.run(main)
