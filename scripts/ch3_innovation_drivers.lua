-- ch3_innovation_drivers.lua -- the study's chapter 3 (Samambayeva 2013):
-- what drives firms in Kazakhstan to innovate, from the World Bank Enterprise
-- Survey 2009. Prints Tables 18, 20 and 21 and figure 13 beside the published
-- values and writes them as CSV, Markdown and SVG.
--
-- usage: clusterlab scripts/ch3_innovation_drivers.lua [--survey FILE.dta] [--out DIR] ...
-- The survey's columns are the questionnaire's codes; the study variables
-- are built from them as stdlib/data/es2009_innovation_mapping.csv says
-- (--mapping FILE for another). Without --survey it runs on a SIMULATED
-- survey (scripts/data/es2009_kazakhstan_simulated.dta, made by
-- tools/simulate_enterprise_survey.lua); the real one comes from the World
-- Bank Enterprise Surveys (www.enterprisesurveys.org, free registration).
local cli = require "cli"
local frame = require "frame"
local report = require "report"
local regtable = require "regtable"
local id = require "innovation_drivers"
local variables = require "innovation_drivers.variables"

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local BUNDLED = here .. "/data/es2009_kazakhstan_simulated.dta"
local spec = {
  usage = "clusterlab scripts/ch3_innovation_drivers.lua [options]",
  about = "Chapter 3: Tables 18, 20, 21 and figure 13 from the Enterprise Survey (Kazakhstan 2009).",
  options = {
    {name = "survey", value = "FILE", help = "the survey (.dta as the World Bank ships it, or .csv); default: the"
      .. " bundled SIMULATED survey"},
    {name = "out", value = "DIR", default = "out", help = "where the CSV, Markdown and SVG files go"},
    {name = "mapping", value = "FILE", default = variables.default_mapping, help = "study variables <- question codes"},
    {name = "vce", value = "KIND", default = "oim", help = "standard errors: oim (Stata's), eim (R's), robust, cluster"},
    {name = "cluster", value = "VAR", help = "with --vce cluster: the study variable of the clusters (e.g. sector)"},
    {name = "keep-codes", flag = true, help = "keep negative survey codes (-9 don't know ...) as numbers"},
    {name = "published", value = "DIR", default = here .. "/data", help = "the thesis's tables (CSV)"},
  },
}

local SIMULATED_NOTE = "SIMULATED DATA: not the World Bank's survey, but a stand-in made by"
  .. " tools/simulate_enterprise_survey.lua (seed 2009) with the survey's question codes, calibrated to the"
  .. " study's Tables 18, 20 and 21. The real file: World Bank Enterprise Surveys, www.enterprisesurveys.org"
  .. " (free registration); run with --survey FILE.dta."

local COLUMNS = {
  table18 = {"sector", {key = "frequency", title = "Firms"}, {key = "percentage", title = "%", digits = 2},
    {key = "published_frequency", title = "Published firms"},
    {key = "published_percentage", title = "Published %", digits = 2}},
  table20 = {{key = "published_name", title = "Variable"}, {key = "innovators", title = "Innovators"},
    {key = "non_innovators", title = "Non-innovators"}, {key = "difference", title = "Difference"},
    {key = "test", title = "Test"}, {key = "p", title = "p"}, {key = "stars", title = "Sig."},
    {key = "published_innovators", title = "Published innov."},
    {key = "published_non_innovators", title = "Published non-innov."},
    {key = "published_stars", title = "Published sig."}},
  coefficients = {{key = "label", title = "Variable"}, {key = "coef", title = "Coefficient", digits = 4},
    {key = "se", title = "(s.e.)", digits = 4}, {key = "stars", title = "Sig."},
    {key = "published", title = "Published", digits = 4}, {key = "published_stars", title = "Published sig."}},
  fit = {{key = "model", title = "Model"}, {key = "statistic", title = "Statistic"},
    {key = "value", title = "Here", digits = 4}, {key = "published", title = "Published", digits = 4}},
  figure13 = {{key = "orientation", title = "Trade orientation"}, {key = "firms", title = "Firms"},
    {key = "innovators", title = "Innovators"}, {key = "share", title = "% innovators", digits = 1}},
}

-- each record marked with where its numbers come from (a column of the CSV)
local function marked(records, source)
  for _, r in ipairs(records) do r.data = source end
  return records
end

local function with_data(columns)
  local out = table.move(columns, 1, #columns, 1, {})
  out[#out + 1] = "data"
  return out
end

local function main()
  local opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  if opts.vce == "cluster" and not opts.cluster then
    error("--vce cluster needs --cluster VAR: the study variable whose values are the clusters (e.g. sector)", 0)
  end
  -- the output folder first, so that a bad --out stops the run at once
  if not os.execute("mkdir -p '" .. opts.out:gsub("'", "'\\''") .. "'") then
    error("cannot create the output folder " .. opts.out, 0)
  end
  local path = opts.survey or BUNDLED
  local survey = frame.read(path, {missing = not opts.keep_codes and frame.ES_MISSING or nil})
  local simulated = not opts.survey or (survey:file_label() or ""):find("SIMULATED", 1, true) ~= nil
  local source = simulated and "SIMULATED" or path
  local heading = simulated and " [SIMULATED data]" or ""
  if simulated then print(SIMULATED_NOTE .. "\n") end
  print(string.format("Survey: %s, %d firms, %d columns%s", path, survey:nrow(), survey:ncol(),
    opts.keep_codes and " (negative codes kept)" or "; -9, -8, -7 (don't know, refusal, does not apply) are missing"))
  local study, mapping = id.study(survey, {mapping = opts.mapping, survey_name = path})
  local published = id.published(opts.published)
  local md = {"# Chapter 3. What drives firms to innovate" .. heading, ""}
  if simulated then md[#md + 1] = "_" .. SIMULATED_NOTE .. "_\n" end

  local function show(name, title, records, columns)
    report.print(records, columns, {title = title .. heading})
    report.write_csv(opts.out .. "/" .. name .. ".csv", marked(records, source), with_data(columns))
    md[#md + 1] = report.markdown(records, columns, {title = title .. heading}) .. "\n"
  end

  show("table18", "Table 18. The survey by industry (published N = 544)", id.table18(study, published.table18),
    COLUMNS.table18)
  show("table20", "Table 20. Innovators and non-innovators (Welch t-test; chi-square with Yates' correction for 0/1"
    .. " variables; * 10%, ** 5%, *** 1%)",
    id.table20(study, published.table20, mapping), COLUMNS.table20)

  local t21 = id.table21(study, {vce = opts.vce, cluster = opts.cluster})
  print("Probit sample (manufacturing firms): " .. t21.probit_sample.text)
  print("OLS sample (manufacturing innovators): " .. t21.ols_sample.text .. "\n")
  show("table21_probit", "Table 21, model 1. Probit: introduced a new product or service",
    id.coefficients(t21.probit, published.table21, mapping, "probit"), COLUMNS.coefficients)
  show("table21_ols", "Table 21, model 2. OLS: new-product share of sales (coefficients not published)",
    id.coefficients(t21.ols, published.table21, mapping, "ols"), COLUMNS.coefficients)
  show("table21_fit", "Table 21. Fit", id.fit_statistics(t21, published.table21), COLUMNS.fit)
  local models = regtable.build({t21.probit, t21.ols},
    {titles = {"Probit: new product" .. heading, "OLS: new-product share" .. heading},
    labels = id.term_labels(mapping)})
  print(regtable.text(models) .. "\n")
  regtable.write_csv(opts.out .. "/table21_models.csv", models)
  md[#md + 1] = regtable.markdown(models) .. "\n"

  local fig = id.figure13(study)
  show("figure13", "Figure 13. Innovators by trade orientation (manufacturing; published as a chart only)",
    fig, COLUMNS.figure13)
  local svgfile = opts.out .. "/figure13_innovators_by_trade.svg"
  id.figure13_svg(fig, {file = svgfile, title = "Figure 13. Innovators by trade orientation" .. heading})
  local mdfile = opts.out .. "/ch3_innovation_drivers.md"
  local f = assert(io.open(mdfile .. ".tmp", "w"))
  assert(f:write(table.concat(md, "\n"), "\n"))
  assert(f:close())
  assert(os.rename(mdfile .. ".tmp", mdfile))
  print(string.format("Written to %s/: table18.csv, table20.csv, table21_*.csv, figure13.csv, %s, %s",
    opts.out, "ch3_innovation_drivers.md", "figure13_innovators_by_trade.svg"))
end

cli.run(main)
