-- ch2_scoreboard.lua -- the study's chapter 2 innovation scoreboard
-- (Samambayeva 2013, Table 15 and figures 10 and 12): East Kazakhstan against
-- the EU average on the 29 indicators of the EIS 2008-2010 (Hollanders & van
-- Cruysen 2008), with the missing indicators, composite indices, their
-- uncertainty, the figure-12 aggregation beside Table 15, and the charts.
-- The analysis is in stdlib/scoreboard/chapter2.lua; this script reads the
-- options, calls it and prints and writes its records through report.
--
-- usage: clusterlab scripts/ch2_scoreboard.lua [--data FILE] [--out DIR] ...
-- The units are the numeric columns of the data file: eu_average (the
-- reference), east_region (the region), kazakhstan or national (the national
-- value: a marker in figure 10) and every column whose name starts with
-- catching_up_ (the catching-up countries: their range is a grey band). Adding
-- a unit is adding a column; --region, --reference, --national and
-- --catching-up pick other columns.
local cli = require "cli"
local report = require "report"
local sb = require "scoreboard"
local chapter2 = require "scoreboard.chapter2"
local uncertainty = require "scoreboard.uncertainty"
local charts = require "scoreboard.charts"

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local TABLE15 = here .. "/data/scoreboard_2009_east_kazakhstan.csv"
local spec = {
  usage = "clusterlab scripts/ch2_scoreboard.lua [options]",
  about = "The innovation scoreboard of the study's chapter 2 (EIS 2008-2010 method).",
  options = {
    {name = "data", value = "FILE", default = TABLE15,
      help = "indicator values, one column per unit (wide) or code,unit,value (long)"},
    {name = "out", value = "DIR", default = "out", help = "where scoreboard.csv and the charts go"},
    {name = "catalogue", value = "FILE", default = sb.default_catalogue, help = "indicator catalogue"},
    {name = "region", value = "UNIT", default = "east_region", help = "the unit scored"},
    {name = "name", value = "TEXT", help = "the region's name in the charts (default: East Kazakhstan for east_region)"},
    {name = "reference", value = "UNIT", default = "eu_average", help = "the unit = 100"},
    {name = "national", value = "UNIT", help = "national unit (default: kazakhstan or national, if present)"},
    {name = "catching-up", value = "A,B,...", help = "catching-up units (default: columns catching_up_*)"},
    {name = "figure12", value = "FILE", help = "the study's statements on figure 12 (default: the bundled"
      .. " ones, with the bundled Table 15 and region east_region)"},
    {name = "sep", value = "CHAR", separator = true, help = "field separator of the data file (default: guessed)"},
    {name = "decimal", value = "CHAR", decimal = true, default = ".", help = "decimal mark of the data file"},
    {name = "draws", number = true, default = 1000, help = "Monte Carlo draws (at most 100000)"},
    {name = "seed", number = true, default = 1, help = "Monte Carlo seed"},
  },
}


local function main()
  local opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  local draws = math.tointeger(opts.draws)
  -- checked before any work: --draws 1e9 would run for days
  if not (draws and draws >= 1 and draws <= uncertainty.MAX_DRAWS) then
    error(string.format("--draws must be a whole number from 1 to %d, not %s", uncertainty.MAX_DRAWS,
      tostring(opts.draws)), 0)
  end
  local seed = math.tointeger(opts.seed) or error("--seed must be a whole number", 0)

  -- the data and the units' roles
  local cat = sb.catalogue(opts.catalogue)
  local ok, values = pcall(sb.read, opts.data, {sep = opts.sep, decimal = opts.decimal})
  if not ok then error(cli.user_terms(values, spec), 0) end
  local units = chapter2.units(values, {region = opts.region, reference = opts.reference,
    national = opts.national, catching_up = opts.catching_up, source = opts.data})
  local rows = chapter2.table15(cat, values, units)
  -- the output folder before the results, so that a bad --out stops the run at once
  local out = report.mkdir(opts.out)

  -- Table 15 in both of figure 10's scales
  report.heading(string.format("Chapter 2: innovation scoreboard, EIS 2008-2010 method: %s against %s (= 100)",
    units.region, units.reference))
  print("data: " .. opts.data)
  print()
  report.print(rows, chapter2.table15_columns(rows, units), {max_text = 48,
    title = "Table 15: the indicators, the region against the reference in both of figure 10's scales"})
  print(string.format("-- : not available; %% of %s = 100 * %s / %s (figure 10, EU = 100); %s / %s: the study's"
    .. " scale (figure 10, %s = 1)", units.reference, units.region, units.reference, units.reference, units.region,
    units.region))

  -- what is missing
  local miss = sb.missing(cat, values, units.region)
  print()
  report.heading(string.format("Missing for %s: %d of %d indicators (never filled in below)",
    units.region, #miss.indicators, miss.total))
  for _, code in ipairs(miss.indicators) do
    print(string.format("  %-7s %s", code, cat.by_code[code].name))
  end
  print()
  for _, d in ipairs(miss.dimensions) do d.missing_codes = table.concat(d.missing, " ") end
  report.print(miss.dimensions, {{key = "name", title = "dimension"}, "available", {key = "total", title = "of"},
    {key = "missing_codes", title = "missing"}}, {title = "By dimension (indicators available / in the framework):"})

  -- dimensions relative to the reference
  local dims = sb.relative_by_dimension(cat, values, {unit = units.region, reference = units.reference,
    national = units.national})
  local dim_cols = {{key = "name", title = "dimension"}, {key = "relative", title = units.region, digits = 1},
    {key = "n", title = "indicators"}, {key = "total", title = "of"}}
  if units.national then dim_cols[#dim_cols + 1] = {key = "national", title = units.national, digits = 1} end
  print("By dimension: mean of the indicators relative to " .. units.reference .. " (= 100)")
  report.print(dims, dim_cols)

  -- composite indices (EIS 2008 annex) and their uncertainty
  local comp = chapter2.composites(cat, values, units)
  report.heading("Composite indices and their uncertainty")
  print("Composite indices (EIS 2008 annex: sqrt of unbounded indicators, outliers beyond 3 sd, min-max")
  print("across " .. table.concat(units.all, ", ") .. "); n = indicators behind each score")
  if comp.note then print(comp.note) end
  report.print(comp.rows, comp.columns)
  for _, d in ipairs(comp.dropped) do
    print("Not in the composites (" .. d.reason .. "): " .. table.concat(d.codes, " "))
  end
  if #comp.dropped > 0 then print() end
  local mc = chapter2.uncertainty(cat, values, comp, {draws = draws, seed = seed})
  if mc then
    print(string.format("Uncertainty (Monte Carlo, %d draws, seed %d: imputation none/group mean/worst,", mc.draws, mc.seed))
    print("normalisation min-max 3 sd/2 sd/z-score, weights by indicator/dimension/group x U(0.5, 1.5)):")
    report.print(mc.rows, {"unit", {key = "sii", title = "SII", digits = 3}, {key = "sii_p05", title = "SII 5%", digits = 3},
      {key = "sii_p95", title = "SII 95%", digits = 3}, "rank", {key = "rank_p05", title = "rank 5%", digits = 1},
      {key = "rank_p95", title = "rank 95%", digits = 1}, {key = "p_same_rank", title = "P(same rank)", digits = 3}})
    print("mean absolute shift in rank from the baseline: " .. report.number(mc.mean_rank_shift, 3))
    print()
  end

  -- figure 12: the study's rule and text beside its Table 15
  -- the bundled statements are the study's on East Kazakhstan: with its Table 15 and region only
  local f12path = opts.figure12 or (opts.data == TABLE15 and units.region == "east_region"
    and here .. "/data/figure12_east_kazakhstan.csv")
  local f12 = f12path and chapter2.figure12(cat, values, units, chapter2.read_figure12(f12path))
  if f12 then
    report.heading("Figure 12: the study's aggregation (innovating firms split by expenditure shares) beside Table 15")
    report.print(f12, {"code", {key = "derived", title = "text", digits = 2}, {key = "published", title = "Table 15", digits = 2},
      {key = "verdict", title = "agree"}, {key = "how", title = "the text's number"}})
    for _, r in ipairs(f12) do
      if r.agrees == false then
        print(string.format("The study's text disagrees with its Table 15 on %s: %s against %s.", r.code,
          report.number(r.derived, 2), report.number(r.published, 2)))
      end
    end
    print("Table 15 is reproduced as published: the scoreboard above uses its values.")
    print()
  elseif f12path then
    report.heading("Figure 12")
    print(units.region .. " has no value for 2.2.1 (SMEs innovating in-house): nothing to split.")
    print()
  end

  -- files
  report.write_csv(out .. "/scoreboard.csv", rows, chapter2.table15_columns(rows, units, {csv = true}))
  report.write_csv(out .. "/composites.csv", comp.long, {"unit", "level", "name", "score", "indicators"})
  local region_name = opts.name or (units.region == "east_region" and "East Kazakhstan" or units.region)
  local ref_name = units.reference == "eu_average" and "EU average" or units.reference
  local national_name = units.national and (units.national:gsub("^%l", string.upper) .. " (national value)")
  local colours = charts.colours(cat)
  charts.figure10(rows, {file = out .. "/figure10_relative_to_eu.svg", colours = colours,
    title = string.format("%s: innovation indicators relative to the %s (%s = 100)", region_name, ref_name, ref_name),
    reference_name = ref_name, marker_label = national_name})
  charts.figure10(rows, {file = out .. "/figure10_study_scale.svg", colours = colours, scale = "region",
    title = string.format("The %s as a multiple of %s's value (%s = 1)", ref_name, region_name, region_name),
    reference_name = ref_name, region_label = region_name .. " = 1", marker_label = national_name})
  charts.dimensions(dims, {file = out .. "/dimensions_relative_to_eu.svg", colours = colours,
    title = string.format("%s by EIS dimension, relative to the %s (%s = 100)", region_name, ref_name, ref_name),
    reference_name = ref_name, marker_label = national_name})
  print("wrote " .. out .. "/scoreboard.csv, composites.csv, figure10_relative_to_eu.svg, "
    .. "figure10_study_scale.svg, dimensions_relative_to_eu.svg")
end

-- a bad option or input file ends the script with its message alone; a bug
-- (a Lua runtime error) keeps the traceback
cli.run(main)
