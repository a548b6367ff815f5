-- ch1_regional_clusters.lua -- the study's chapter 1 (Samambayeva 2013): a
-- national input-output table regionalised with location quotients (FLQ by
-- default, Flegg & Webber 1997, 2000; employment as the size measure), key
-- sectors and low-CV linkage-oriented sectors from Rasmussen's (1956) indices
-- and Hazari's (1970) coefficients of variation at national and regional level
-- (tables 5-10, figures 8-9), the sensitivity to delta, a two-region model,
-- and value chains by factor analysis of the Feser-Sweeney-Renski linkage
-- matrix (tables 11-13). The analysis lives in stdlib (employment, sectors,
-- keysectors, regionalize, valuechains, published); this script reads the
-- options, composes those functions and prints and writes their records.
--
-- By default it runs on the bundled ABS 2021-22 19-sector table and Mount Isa's
-- 2021 census employment (scripts/data). On a user's files:
--   clusterlab scripts/ch1_regional_clusters.lua --table national.csv \
--     --employment region.csv --region "East Kazakhstan" --sep ';' --decimal ',' \
--     --concordance stdlib/data/kz_2009_sector_concordance.csv
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
    { name = "region", value = "COLUMN", help = "the region's column of the employment file, also its name"
      .. " (default: the first column of numbers)" },
    { name = "national", value = "COLUMN", help = "the nation's column of the employment file, or 'table' for the"
      .. " table's employment row (default: the file's other column)" },
    { name = "method", value = "NAME", choices = regionalize.method_names(), default = regionalize.METHOD,
      help = "location quotient: " .. table.concat(regionalize.method_names(), ", ") },
    { name = "delta", number = true, default = regionalize.DELTA, help = "FLQ delta, 0 <= delta < 1" },
    { name = "diagonal", value = "slq|ciq", choices = { "slq", "ciq" }, default = regionalize.DIAGONAL,
      help = "diagonal of CIQ/FLQ/AFLQ: SLQ_i (Flegg & Webber) or CIQ_ii = 1 (the study's literal reading)" },
    { name = "key-rule", value = "cv|index", choices = { "cv", "index" }, default = keysectors.RULE,
      help = "key sectors: both indices > 1 and both CVs low (cv, the study's), or both indices > 1 (index)" },
    { name = "max-cv", number = true, help = "highest 'low' coefficient of variation (default: the mean CV)" },
    { name = "sep", value = "CHAR", separator = true, help = "field separator of the input files: ',', ';', '|' or"
      .. " tab (guessed when not given)" },
    { name = "decimal", value = "CHAR", decimal = true, help = "decimal mark of the input files: '.' or ','" },
    { name = "output-row", value = "NAME", help = "the table's row of gross output, when not labelled as"
      .. " iotable knows ('Output', 'P1', 'Выпуск', ...)" },
    { name = "output-col", value = "NAME", help = "the table's column of gross output, when not labelled as iotable knows" },
    { name = "drop", value = "LIST", help = "sectors of the table to leave out (e.g. with no output), separated by '|'" },
    { name = "local-serving", value = "LIST", help = "local-serving and primary sectors, separated by '|', or 'none'"
      .. " (default: the study's list, stdlib/data/" .. sectors.LOCAL_SERVING_FILE .. ")" },
    { name = "concordance", value = "FILE", help = "the table's sector names against the study's (e.g. stdlib/data/"
      .. sectors.CONCORDANCE_FILE .. " for the agency's Russian names)" },
    { name = "published", value = "FILE", help = "published linkages to print beside a user's results ('none' to skip)" },
    { name = "published-clusters", value = "FILE", help = "published value chains to print beside a user's"
      .. " (default: the study's tables 11-13; 'none' to skip)" },
    { name = "no-factor", flag = true, help = "skip the factor-analysis half" },
  },
}

spec.about = spec.about .. "\nEmployment: " .. cli.user_terms(employment.RULE, spec) .. "."

local opts   -- the command-line options, parsed by main()

local function fail(fmt, ...) error(string.format(fmt, ...), 0) end

-- a library call whose error is the user's input: told in the command line's words
local function checked(f, ...)
  local ok, res = pcall(f, ...)
  if not ok then fail("%s", cli.user_terms(res, spec)) end
  return res
end

local function split(list)
  local out = {}
  for s in (list or ""):gmatch("[^|]+") do out[#out + 1] = (s:gsub("^%s+", ""):gsub("%s+$", "")) end
  return out
end

local function load_inputs()
  local user = opts.table ~= nil
  if user ~= (opts.employment ~= nil) then fail("--table and --employment go together\n%s", cli.usage(spec)) end
  if not (opts.delta >= 0 and opts.delta < 1) then
    fail("--delta must be at least 0 and below 1 (Flegg & Webber 1997), got %s", tostring(opts.delta))
  end
  local table_path = opts.table or (DATA .. "/national_19_sector_io_aud_mn.csv")
  local drop = split(opts.drop)
  local tbl = checked(iotable.read, table_path, { sep = opts.sep, decimal = opts.decimal,
    drop = #drop > 0 and drop or nil, output_row = opts.output_row, output_col = opts.output_col })
  if #tbl.labels < 2 then
    fail("%s has %d sector%s: linkages compare sectors, so the table needs at least 2", table_path, #tbl.labels,
      #tbl.labels == 1 and "" or "s")
  end
  local emp = checked(employment.read, opts.employment or (DATA .. "/employment_mount_isa_2021.csv"), tbl,
    { region = opts.region or (not user and "mount_isa" or nil), national = opts.national, sep = opts.sep,
      decimal = opts.decimal, drop = drop })
  local concordance = opts.concordance and checked(sectors.read_concordance, opts.concordance)
  local ls
  if opts.local_serving == "none" then ls = { sectors = {}, source = "none (--local-serving none)" }
  elseif opts.local_serving then
    ls = { sectors = checked(sectors.find, tbl.labels, split(opts.local_serving), "--local-serving"),
      source = "--local-serving" }
  else
    ls = checked(sectors.local_serving, tbl.labels, { concordance = concordance })
    ls.source = "the study's list (stdlib/data/" .. sectors.LOCAL_SERVING_FILE .. ")"
  end
  return { user = user, tbl = tbl, emp = emp, concordance = concordance, local_serving = ls,
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
  if res.hazari_error then print("Hazari's weighted indices not computed: " .. tostring(res.hazari_error)); print() end
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
  local columns, records, changed = { "sector" }, {}, {}
  for k, d in ipairs(sweep.deltas) do columns[#columns + 1] = { key = k, title = "delta " .. report.number(d, 1) } end
  for _, label in ipairs(sweep.labels) do
    local r = { sector = label }
    for k, c in ipairs(sweep.by_sector[label]) do r[k] = c end
    records[#records + 1] = r
  end
  local moves = {}
  for _, l in ipairs(sweep.changed) do moves[l] = true end
  for _, r in ipairs(records) do if moves[r.sector] then changed[#changed + 1] = r end end
  report.write_csv(out .. "/regional_classes_by_delta.csv", records, columns)
  report.print(changed, columns, { max_text = 48, title = string.format("%s, key rule '%s': %d of %d sectors change"
    .. " class (the rest keep theirs)", opts.method:upper(), ks.rule, #changed, #records) })
end

local function interregional(input, out)
  report.heading("Two-region model: " .. input.region .. " and the rest of the country")
  local ok, two = pcall(regionalize.two_region, input.tbl, input.emp.regional, { method = opts.method,
    delta = opts.delta, diagonal = opts.diagonal, national_sizes = input.emp.national })
  if not ok then print("not computed: " .. cli.message(two)); print(); return end
  local m = two.multipliers
  local records = report.records({ "sector", "intraregional", "spillover", "total", "single_region", "feedback_percent" },
    { sector = two.labels, intraregional = m.intraregional, spillover = m.spillover, total = m.total,
      single_region = m.single_region, feedback_percent = m.feedback_percent })
  local columns = { "sector", { key = "intraregional", title = "in region", digits = 3 },
    { key = "spillover", title = "spillover to rest", digits = 3 }, { key = "total", title = "total", digits = 3 },
    { key = "single_region", title = "single-region model", digits = 3 },
    { key = "feedback_percent", title = "feedback %", digits = 3 } }
  report.print(records, columns, { title = "Output multipliers of final demand in the region (" .. opts.method:upper()
    .. ")", max_text = 48 })
  if #two.dropped > 0 then print("Left out (absent from the region or from the rest): " .. table.concat(two.dropped, "; ")); print() end
  report.write_csv(out .. "/two_region_multipliers.csv", records, columns)
end

local function compare_published(input, national, regional, out)
  report.heading("Published results (Samambayeva 2013, tables 5-10) beside these")
  local cmp = checked(published.compare_linkages, opts.published or (DATA .. "/published_linkages.csv"),
    { national = national, regional = regional }, { concordance = input.concordance })
  if #cmp.untranslated > 0 then
    print("Sectors of the table not in the concordance " .. input.concordance.path .. ": "
      .. table.concat(cmp.untranslated, "; ")); print()
  end
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
    cmp.matched, #cmp.rows), max_text = 40 })
  if #cmp.unmatched > 0 then print("Published sectors not found: " .. table.concat(cmp.unmatched, "; ")); print() end
  report.write_csv(out .. "/published_comparison.csv", cmp.rows, cols)
end

local VC_COLUMNS = { "factor", { key = "value_chain", title = "value chain" },
  { key = "initial_eigenvalue", digits = 2 }, { key = "initial_share_percent", title = "initial %", digits = 2 },
  { key = "rotated_variance", digits = 2 }, { key = "rotated_share_percent", title = "rotated %", digits = 2 },
  "industry", { key = "loading", digits = 4 } }

local function published_clusters(input, lv, vc, out)
  local cmp = checked(published.compare_clusters, opts.published_clusters or (DATA .. "/published_factor_clusters.csv"),
    lv.name ~= "regional", vc, { concordance = input.concordance })
  if #cmp.rows == 0 then return end
  local cols = { "level", "cluster", { key = "pub_eigenvalue", title = "published eigenvalue (initial)", digits = 2 },
    { key = "pub_share", title = "published %", digits = 2 }, "industries", { key = "factor", title = "closest factor" },
    { key = "initial_eigenvalue", digits = 2 }, { key = "initial_share", title = "initial %", digits = 2 }, "shared",
    { key = "jaccard", digits = 2 }, { key = "missing", title = "published industries not in it" } }
  report.print(cmp.rows, cols, { title = string.format("Published value chains (Samambayeva 2013, tables 11-13) beside"
    .. " these: %d of %d share industries with a factor", cmp.matched, #cmp.rows), max_text = 48 })
  if #cmp.unmatched > 0 then print("Published industries not in the table: " .. table.concat(cmp.unmatched, "; ")); print() end
  report.write_csv(out .. "/" .. lv.name .. "_published_clusters.csv", cmp.rows, cols)
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
      if not a.definiteness.psd then print(a.definiteness.note); print() end
      local shown = {}
      for k, r in ipairs(a.records) do
        shown[k] = setmetatable({ industry = r.industry or "(" .. r.note .. ")" }, { __index = r })
      end
      report.print(shown, VC_COLUMNS, { max_text = 48, title = string.format("%d factors (initial eigenvalues"
        .. " >= 1, Kaiser), varimax; industries loading >= %s. The study's 'eigenvalue, %% of variance' is the initial"
        .. " eigenvalue and its share (13.75 = 23.71%% of 58)", a.pca.nfactors, report.number(a.vc.threshold, 2)) })
      local key_rows = {}
      for _, f in ipairs(a.vc.factors) do
        if f.key and #f.key > 0 then key_rows[#key_rows + 1] = { factor = f.name, key = table.concat(f.key, "; ") } end
      end
      report.print(key_rows, { "factor", { key = "key", title = "key sectors in the value chain" } },
        { title = "Key sectors confirmed by a value chain" })
      if a.vc.unconfirmed and #a.vc.unconfirmed > 0 then
        print("Key sectors in no value chain: " .. table.concat(a.vc.unconfirmed, "; ")); print()
      end
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
  local chk = iotable.check(tbl)
  print(chk.ok and string.format("  accounting identities hold (largest gap: %s, %s, %s)", chk.gaps[1].sector,
    chk.gaps[1].identity, report.number(chk.gaps[1].gap, 4)) or "  WARNING: " .. chk.message)
  print(string.format("Employment: %s (region: column '%s'; nation: %s)", opts.employment or
    (DATA .. "/employment_mount_isa_2021.csv"), emp.region_column, emp.national_source))
  print("  rule: " .. cli.user_terms(employment.RULE, spec))
  if #emp.absent > 0 then
    print("  sectors with no row in the employment file (no regional employment): " .. table.concat(emp.absent, "; "))
  end
  print("Local-serving and primary sectors: " .. input.local_serving.source)
  print()

  local ks = { rule = opts.key_rule, max_cv = opts.max_cv, local_serving = input.local_serving.sectors }
  local national = keysectors.analyse(leontief.coefficients(tbl.Z, tbl.x), tbl.f, tbl.labels, ks)
  local region = regionalize.regionalise(tbl, emp.regional, { method = opts.method, delta = opts.delta,
    diagonal = opts.diagonal, national_sizes = emp.national })
  local regional = keysectors.analyse(region.A, region.f, region.labels, ks)
  print(string.format("%s%s: lambda* = [log2(1 + %s)]^%s = %s; %d of %d sectors present in %s%s", opts.method:upper(),
    region.diagonal and " (diagonal " .. (region.diagonal == "slq" and "SLQ_i, Flegg & Webber" or "CIQ_ii = 1, the"
    .. " study's literal reading") .. ")" or "", report.number(emp.regional:sum() / emp.national:sum(), 5),
    report.number(opts.delta, 2), report.number(region.lambda, 4), #region.labels, #tbl.labels, input.region,
    #region.dropped > 0 and " (dropped: " .. table.concat(region.dropped, "; ") .. ")" or ""))
  print("Key-sector rule: " .. regional.rule_text)
  print()
  print_level("National table", "national", national)
  print_level("Regional table: " .. input.region, "regional", regional)

  report.write_csv(out .. "/national_linkages.csv", national.records, ALL_COLUMNS)
  report.write_csv(out .. "/regional_linkages.csv", regional.records, ALL_COLUMNS)
  local list_header = { "level", "list", "sector", "backward_linkage", "forward_linkage", "coefficient_of_variation" }
  report.write_csv(out .. "/national_key_sectors.csv", keysectors.list_rows(national, "national"), list_header)
  report.write_csv(out .. "/regional_key_sectors.csv", keysectors.list_rows(regional, input.region), list_header)
  csv.write(out .. "/regional_coefficients.csv", region.A)
  keysectors.map(national, { file = out .. "/national_key_sector_map.svg", title = "Key sectors, national table: Rasmussen linkages" })
  keysectors.map(regional, { file = out .. "/regional_key_sector_map.svg", title = "Key sectors, " .. input.region
    .. ": Rasmussen linkages" })

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
