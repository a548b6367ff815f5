-- ch1_regional_clusters.lua -- the study's chapter 1 (Samambayeva 2013): a national
-- input-output table regionalised with location quotients (FLQ by default, Flegg &
-- Webber 1997, 2000; employment as the size measure), key sectors and low-CV
-- linkage-oriented sectors (Rasmussen 1956, Hazari 1970) at national and regional
-- level (tables 5-10, figures 8-9), the sensitivity to delta, a two-region model, and
-- value chains by factor analysis of the Feser-Sweeney-Renski linkage matrix (tables
-- 11-13). The analysis is in stdlib; this script reads the options, composes it and
-- prints and writes its records. Default data: the bundled ABS 2021-22 table and Mount
-- Isa's employment (scripts/data); a user's: --table, --employment, --region (see --help).
local cli = require "cli"
local csv = require "csv"
local iotable = require "iotable"
local regionalize = require "regionalize"
local leontief = require "leontief"
local employment = require "employment"
local sectors = require "sectors"
local keysectors = require "keysectors"
local valuechains = require "valuechains"
local published = require "published"
local report = require "report"

local here = (arg and arg[0] or ""):match("^(.*)[/\\][^/\\]*$") or "."
local DATA = here .. "/data"

local spec = {
  usage = "clusterlab scripts/ch1_regional_clusters.lua [options]",
  about = "Regionalises a national input-output table and finds key sectors and clusters (chapter 1).",
  options = {
    { name = "out", value = "DIR", default = "out/ch1", help = "folder for the CSV and SVG results" },
    { name = "table", value = "FILE", help = "national symmetric IO table (default: the bundled ABS 2021-22 table)" },
    { name = "employment", value = "FILE", help = "employment by sector: region and nation (default: Mount Isa 2021)" },
    { name = "region", value = "COLUMN", help = "the region's column of the employment file (default: the first)" },
    { name = "national", value = "COLUMN", help = "the nation's column of the employment file, or 'table'" },
    { name = "method", value = "NAME", choices = regionalize.method_names(), default = regionalize.METHOD,
      help = "location quotient: " .. table.concat(regionalize.method_names(), ", ") },
    { name = "delta", number = true, min = 0, below = 1, source = "Flegg & Webber 1997", default = regionalize.DELTA,
      help = "FLQ delta, 0 <= delta < 1" },
    { name = "diagonal", value = "slq|ciq", choices = { "slq", "ciq" }, default = regionalize.DIAGONAL,
      help = "diagonal of CIQ/FLQ/AFLQ: SLQ_i (Flegg & Webber) or CIQ_ii = 1 (the study's literal reading)" },
    { name = "key-rule", value = "cv|index", choices = { "cv", "index" }, default = keysectors.RULE,
      help = "key sectors: both indices > 1 and both CVs low (cv, the study's), or both indices > 1 (index)" },
    { name = "max-cv", number = true, help = "highest 'low' coefficient of variation (default: the mean CV)" },
    { name = "sep", value = "CHAR", separator = true, help = "separator of the input files: ',', ';', '|' or tab" },
    { name = "decimal", value = "CHAR", decimal = true, help = "decimal mark of the input files: '.' or ','" },
    { name = "output-row", value = "NAME", help = "the table's row of gross output ('Output', 'P1', 'Выпуск', ...)" },
    { name = "output-col", value = "NAME", help = "the table's column of gross output" },
    { name = "drop", value = "LIST", list = true, help = "sectors to leave out of the table, separated by '|'" },
    { name = "local-serving", value = "LIST", list = true, help = "local-serving and primary sectors ('a|b' or 'none';"
      .. " default: the study's list, stdlib/data/" .. sectors.LOCAL_SERVING_FILE .. ")" },
    { name = "concordance", value = "FILE", help = "the table's sector names against the study's (e.g. stdlib/data/"
      .. sectors.CONCORDANCE_FILE .. ")" },
    { name = "published", value = "FILE", help = "published linkages beside a user's results ('none' to skip)" },
    { name = "published-clusters", value = "FILE", help = "published value chains beside a user's ('none' to skip)" },
    { name = "no-factor", flag = true, help = "skip the factor-analysis half" },
  },
}

spec.about = spec.about .. "\nEmployment: " .. cli.user_terms(employment.RULE, spec) .. "."

local opts   -- the command-line options, parsed by main()

-- a library call whose error is the user's input, told in the command line's words
local function checked(f, ...) return cli.call(spec, f, ...) end

local function load_inputs()
  local user = opts.table ~= nil
  if user ~= (opts.employment ~= nil) then error("--table and --employment go together\n" .. cli.usage(spec), 0) end
  local table_path = opts.table or (DATA .. "/national_19_sector_io_aud_mn.csv")
  local tbl = checked(iotable.read, table_path, { sep = opts.sep, decimal = opts.decimal, drop = opts.drop,
    output_row = opts.output_row, output_col = opts.output_col })
  if #tbl.labels < 2 then
    error(string.format("%s has %d sector%s: linkages compare sectors, so the table needs at least 2", table_path,
      #tbl.labels, #tbl.labels == 1 and "" or "s"), 0)
  end
  local emp_path = opts.employment or (DATA .. "/employment_mount_isa_2021.csv")
  local emp = checked(employment.read, emp_path, tbl,
    { region = opts.region or (not user and "mount_isa" or nil), national = opts.national, sep = opts.sep,
      decimal = opts.decimal, drop = opts.drop })
  local concordance = opts.concordance and checked(sectors.read_concordance, opts.concordance)
  local names = opts.local_serving
  local ls = checked(sectors.local_serving, tbl.labels, { concordance = concordance, what = "--local-serving",
    names = names and names[1] == "none" and "none" or names })
  return { user = user, tbl = tbl, emp = emp, emp_path = emp_path, concordance = concordance, local_serving = ls,
    region = opts.region or (user and emp.region_column or "Mount Isa") }
end

local ALL_COLUMNS = { "sector", { key = "backward", digits = 3 }, { key = "forward", digits = 3 },
  { key = "cv_backward", digits = 3 }, { key = "cv_forward", digits = 3 }, { key = "hazari_backward", digits = 3 },
  { key = "hazari_forward", digits = 3 }, { key = "output_multiplier", digits = 3 }, "class", "local_serving" }
local LIST_COLUMNS = { key = { "sector", { key = "backward", digits = 2 }, { key = "forward", digits = 2 },
    { key = "cv_backward", digits = 2 }, { key = "cv_forward", digits = 2 } },
  oriented = { "sector", { key = "backward", digits = 2 }, { key = "forward", digits = 2 }, { key = "cv", digits = 2 } } }

local function print_level(title, level, res)
  report.heading(title)
  report.print(res.records, ALL_COLUMNS, { title = "All sectors: Rasmussen indices, Hazari CVs, final-demand-weighted"
    .. " (Hazari) indices, output multipliers; class by the rule in force", max_text = 48 })
  report.note("Hazari's weighted indices not computed", res.hazari_error and { cli.message(res.hazari_error) })
  print(string.format("CV limits: backward %s, forward %s (%s)", report.number(res.cv_limit.backward, 2),
    report.number(res.cv_limit.forward, 2), res.cv_limit.source))
  print("Local-serving and primary sectors (kept among the key sectors, left out of the oriented lists): "
    .. (#res.local_serving > 0 and table.concat(res.local_serving, "; ") or "none"))
  print()
  for _, l in ipairs(keysectors.LISTS) do
    local title = l.name == "key" and "Key sectors: " .. res.rule_text or string.format("%s (<= %s)", l.title,
      report.number(res.cv_limit[l.name], 2))
    report.print(res[l.name], LIST_COLUMNS[l.name == "key" and "key" or "oriented"], { max_text = 48,
      title = string.format("%s [the study's table %d]", title, l.tables[level]) })
  end
end

local function delta_sensitivity(input, out, ks)
  report.heading("Sensitivity of the regional classification to delta")
  if not regionalize.METHODS[opts.method].uses_delta then
    print(string.format("Not computed: %s does not use delta.", opts.method:upper())); print(); return
  end
  local sweep = regionalize.delta_sweep(input.tbl, input.emp.regional, regionalize.SWEEP_DELTAS,
    keysectors.classifier(ks), { national_sizes = input.emp.national, method = opts.method, diagonal = opts.diagonal })
  local columns, changed = { "sector" }, {}
  for k, d in ipairs(sweep.deltas) do columns[#columns + 1] = { key = k, title = "delta " .. report.number(d, 1) } end
  for _, r in ipairs(sweep.records) do if r.changed then changed[#changed + 1] = r end end
  report.write_csv(out .. "/regional_classes_by_delta.csv", sweep.records, columns)
  report.print(changed, columns, { max_text = 48, title = string.format("%s, key rule '%s': %d of %d sectors change"
    .. " class (the rest keep theirs)", opts.method:upper(), ks.rule, #changed, #sweep.records) })
end

local function interregional(input, out)
  report.heading("Two-region model: " .. input.region .. " and the rest of the country")
  local ok, two = pcall(regionalize.two_region, input.tbl, input.emp.regional, { method = opts.method,
    delta = opts.delta, diagonal = opts.diagonal, national_sizes = input.emp.national })
  if not ok then print("not computed: " .. cli.message(two)); print(); return end
  local columns = { "sector", { key = "intraregional", title = "in region", digits = 3 },
    { key = "spillover", title = "spillover to rest", digits = 3 }, { key = "total", title = "total", digits = 3 },
    { key = "single_region", title = "single-region model", digits = 3 },
    { key = "feedback_percent", title = "feedback %", digits = 3 } }
  report.print(two.records, columns, { title = "Output multipliers of final demand in the region (" .. opts.method:upper()
    .. ")", max_text = 48, csv = out .. "/two_region_multipliers.csv" })
  report.note("Left out (absent from the region or from the rest)", two.dropped)
end

local function compare_published(input, national, regional, out)
  report.heading("Published results (Samambayeva 2013, tables 5-10) beside these")
  local cmp = checked(published.compare_linkages, opts.published or (DATA .. "/published_linkages.csv"),
    { national = national, regional = regional }, { concordance = input.concordance })
  report.note("Sectors of the table not in the concordance", cmp.untranslated)
  if cmp.matched == 0 then
    print(string.format("No sector of %s has a name of the published tables: nothing to compare.%s",
      input.tbl.source, input.concordance and "" or " A table in Russian needs --concordance FILE.")); print()
    return
  end
  local cols = { "table", "level", "list", "sector", { key = "ours", title = "table's sector" },
    { key = "pub_backward", title = "published BL", digits = 2 }, { key = "pub_forward", title = "published FL", digits = 2 },
    { key = "pub_cv", title = "published CV", digits = 2 }, { key = "backward", title = "BL", digits = 2 },
    { key = "forward", title = "FL", digits = 2 }, { key = "cv", title = "CV", digits = 2 }, "class" }
  report.print(cmp.rows, cols, { title = string.format("%d of %d published rows found in the table",
    cmp.matched, #cmp.rows), max_text = 40, csv = out .. "/published_comparison.csv" })
  report.note("Published sectors not found", cmp.unmatched)
end

local VC_COLUMNS = { "factor", { key = "value_chain", title = "value chain" },
  { key = "initial_eigenvalue", digits = 2 }, { key = "initial_share_percent", title = "initial %", digits = 2 },
  { key = "rotated_variance", digits = 2 }, { key = "rotated_share_percent", title = "rotated %", digits = 2 },
  { key = "member", title = "industry" }, { key = "loading", digits = 4 } }

local function published_clusters(input, lv, vc, out)
  local cmp = checked(published.compare_clusters, opts.published_clusters or (DATA .. "/published_factor_clusters.csv"),
    lv.name ~= "regional", vc, { concordance = input.concordance })
  if #cmp.rows == 0 then return end
  local cols = { "level", "cluster", { key = "pub_eigenvalue", title = "published eigenvalue (initial)", digits = 2 },
    { key = "pub_share", title = "published %", digits = 2 }, "industries", { key = "factor", title = "closest factor" },
    { key = "initial_eigenvalue", digits = 2 }, { key = "initial_share", title = "initial %", digits = 2 }, "shared",
    { key = "jaccard", digits = 2 }, { key = "missing", title = "published industries not in it" } }
  report.print(cmp.rows, cols, { title = string.format("Published value chains (Samambayeva 2013, tables 11-13) beside"
    .. " these: %d of %d share industries with a factor", cmp.matched, #cmp.rows), max_text = 48,
    csv = out .. "/" .. lv.name .. "_published_clusters.csv" })
  report.note("Published industries not in the table", cmp.unmatched)
end

local function factor_analysis(levels, out, input)
  for _, lv in ipairs(levels) do
    report.heading("Value chains (factor analysis), " .. lv.title)
    if #lv.res.records < 3 then
      print(string.format("Not computed: the factor analysis needs at least 3 sectors, the %s has %d.",
        lv.name == "regional" and "regional table" or "national table", #lv.res.records)); print()
    else
      local classes = {}
      for _, r in ipairs(lv.res.records) do classes[r.sector] = r.class end
      local a = valuechains.analyse(lv.Z, { classes = classes })
      for _, m in ipairs(a.info.messages or {}) do print(m) end
      if not a.definiteness.psd then report.paragraph(a.definiteness.note) end
      report.print(a.records, VC_COLUMNS, { max_text = 48, title = string.format("%d factors (initial eigenvalues"
        .. " >= 1, Kaiser), varimax; industries loading >= %s. The study's 'eigenvalue, %% of variance' is the initial"
        .. " eigenvalue and its share (13.75 = 23.71%% of 58)", a.pca.nfactors, report.number(a.vc.threshold, 2)) })
      report.print(valuechains.key_records(a.vc), { "factor", { key = "key", title = "key sectors in the value chain" } },
        { title = "Key sectors confirmed by a value chain" })
      report.note("Key sectors in no value chain", a.vc.unconfirmed)
      report.write_csv(out .. "/" .. lv.name .. "_value_chains.csv", a.records, { "factor", "value_chain",
        "initial_eigenvalue", "initial_share_percent", "rotated_variance", "rotated_share_percent", "industry",
        "loading", "note" })
      require("factor").scree(a.pca, { file = out .. "/" .. lv.name .. "_scree.svg",
        title = "Scree plot of the FSR linkage matrix, " .. lv.title })
      if input.user and opts.published_clusters ~= "none" then published_clusters(input, lv, a.vc, out) end
    end
  end
end

local function main()
  opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)) return end
  local input = load_inputs()
  local tbl, emp, out = input.tbl, input.emp, report.mkdir(opts.out)
  local uses_delta = regionalize.METHODS[opts.method].uses_delta
  report.heading(string.format("Chapter 1: key sectors of %s (%s%s)", input.region, opts.method:upper(),
    uses_delta and ", delta = " .. report.number(opts.delta, 2) or ""))
  print(iotable.describe(tbl))
  print("  " .. iotable.check(tbl).summary)
  print("Employment: " .. employment.describe(emp, input.emp_path))
  print("  rule: " .. cli.user_terms(employment.RULE, spec))
  print("Local-serving and primary sectors: " .. input.local_serving.source)
  print()

  local ks = { rule = opts.key_rule, max_cv = opts.max_cv, local_serving = input.local_serving.sectors }
  local national = keysectors.analyse(leontief.coefficients(tbl.Z, tbl.x), tbl.f, tbl.labels, ks)
  local region = regionalize.regionalise(tbl, emp.regional, { method = opts.method, delta = opts.delta,
    diagonal = opts.diagonal, national_sizes = emp.national })
  local regional = keysectors.analyse(region.A, region.f, region.labels, ks)
  print(regionalize.describe(region, input.region))
  print("Key-sector rule: " .. regional.rule_text)
  print()
  print_level("National table", "national", national)
  print_level("Regional table: " .. input.region, "regional", regional)

  for _, lv in ipairs { { "national", national, "national table" }, { "regional", regional, input.region } } do
    local name, res, title = lv[1], lv[2], lv[3]
    report.write_csv(out .. "/" .. name .. "_linkages.csv", res.records, ALL_COLUMNS)
    report.write_csv(out .. "/" .. name .. "_key_sectors.csv", keysectors.list_rows(res, name == "national" and
      "national" or input.region), { "level", "list", "sector", "backward_linkage", "forward_linkage",
      "coefficient_of_variation" })
    keysectors.map(res, { file = out .. "/" .. name .. "_key_sector_map.svg", title = "Key sectors, " .. title
      .. ": Rasmussen linkages" })
  end
  csv.write(out .. "/regional_coefficients.csv", region.A)

  delta_sensitivity(input, out, ks)
  interregional(input, out)
  if input.user and opts.published ~= "none" then compare_published(input, national, regional, out) end

  if not opts.no_factor then
    local levels = { { name = "national", title = "national table", Z = tbl.Z, res = national },
      { name = "regional", title = input.region, Z = region.Z, res = regional } }
    if not input.user then
      -- the study's national value chains come from its 58-sector table; the
      -- bundled analogue at that level of detail is the ABS 115-industry table
      local detailed = iotable.read(DATA .. "/abs_industry_flows_115_aud_mn.csv")
      table.insert(levels, 2, { name = "national_115", title = "detailed national table (ABS, 115 industries)",
        Z = detailed.Z, res = keysectors.analyse(leontief.coefficients(detailed.Z, detailed.x), detailed.f,
        detailed.labels, { rule = opts.key_rule, max_cv = opts.max_cv }) })
    end
    factor_analysis(levels, out, input)
  end
  print("Results written to " .. out .. "/")
end

-- a bad option or input file ends the script with its message alone; a bug
-- (a Lua runtime error) keeps the traceback
cli.run(main)
