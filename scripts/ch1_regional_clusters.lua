-- ch1_regional_clusters.lua -- the study's chapter 1 (Samambayeva 2013): a
-- national input-output table regionalised with Flegg's location quotient (FLQ,
-- Flegg & Webber 1997, 2000; employment as the size measure), key sectors from
-- Rasmussen's (1956) backward and forward linkages with Hazari's (1970)
-- coefficients of variation, at national and regional level (Miller & Blair
-- 2009, ch. 2, 8, 12), and the key-sector maps of the study's figures 8 and 9;
-- then the clusters (value chains) by factor analysis of the Feser-Sweeney-
-- Renski linkage matrix (tables 11-13) when those modules are present.
--
-- By default it runs on the bundled ABS 2021-22 19-sector table and Mount Isa's
-- 2021 census employment (scripts/data). On a user's files:
--   clusterlab scripts/ch1_regional_clusters.lua --table national.csv \
--     --employment region.csv --region "East Kazakhstan" --delta 0.3 --sep ';' --decimal ','
-- The employment file has a sector column and one or two columns of persons
-- employed: the one named like --region (else the first) is the region's; the
-- other, if any, the nation's (else the table's employment row).
local cli = require "cli"
local csv = require "csv"
local fileout = require "fileout"
local iotable = require "iotable"
local regionalize = require "regionalize"
local leontief = require "leontief"
local linkages = require "linkages"
local report = require "report"
local plot = require "plot"

local here = (arg and arg[0] or ""):match("^(.*)[/\\][^/\\]*$") or "."
local DATA = here .. "/data"

local spec = {
  usage = "clusterlab scripts/ch1_regional_clusters.lua [options]",
  about = "Regionalises a national input-output table with FLQ and finds key sectors and clusters (chapter 1).",
  options = {
    { name = "out", value = "DIR", default = "out/ch1", help = "folder for the CSV and SVG results" },
    { name = "table", value = "FILE", help = "national symmetric IO table (default: the bundled ABS 2021-22 table)" },
    { name = "employment", value = "FILE", help = "employment by sector: region (and nation) (default: Mount Isa 2021)" },
    { name = "region", value = "NAME", help = "the region's name, and its column in the employment file" },
    { name = "delta", number = true, default = 0.3, help = "FLQ delta, 0 <= delta < 1" },
    { name = "sep", value = "CHAR", help = "field separator of the input files (guessed when not given)" },
    { name = "decimal", value = "CHAR", help = "decimal mark of the input files: '.' or ','" },
    { name = "output-row", value = "NAME", help = "the table's row of gross output, when not labelled as"
      .. " iotable knows ('Output', 'P1', ...; e.g. 'Выпуск')" },
    { name = "output-col", value = "NAME", help = "the table's column of gross output, when not labelled as iotable knows" },
    { name = "drop", value = "LIST", help = "sectors of the table to leave out (e.g. with no output), separated by '|'" },
    { name = "local-serving", value = "LIST", help = "sectors set aside as local-serving, separated by '|'" },
    { name = "max-cv", number = true, help = "highest coefficient of variation of an oriented sector (default: the mean CV)" },
    { name = "published", value = "FILE", help = "published linkages to print beside a user's results ('none' to skip)" },
    { name = "published-clusters", value = "FILE", help = "published value chains to print beside a user's"
      .. " (default: the study's tables 11-13; 'none' to skip)" },
    { name = "no-factor", flag = true, help = "skip the factor-analysis half" },
  },
}

local opts   -- the command-line options, parsed by main()

local function fail(fmt, ...) error(string.format(fmt, ...), 0) end

local function heading(s)
  print(s)
  print(string.rep("=", utf8.len(s) or #s))
  print()
end

local function mkdir(dir)
  local ok, why = pcall(fileout.mkdir, dir)
  if not ok then fail("%s", why) end
end

-- names compared ignoring ASCII case, spaces and punctuation; bytes of UTF-8
-- letters (Cyrillic, Kazakh) are kept, so such names stay distinct
local function sector_key(s) return (tostring(s):lower():gsub("[%s%p%c]+", "")) end

-- Inputs -----------------------------------------------------------------------

-- "a|b|c" -> {"a", "b", "c"} (sector names hold commas, so lists use '|')
local function split(list)
  local out = {}
  for s in (list or ""):gmatch("[^|]+") do out[#out + 1] = (s:gsub("^%s+", ""):gsub("%s+$", "")) end
  return out
end

-- a reader's error as a command-line user needs it: without source positions,
-- with the option that fixes it
local function input_error(err)
  local msg = cli.message(err)
  if msg:find("decimal=", 1, true) then msg = msg .. "\n(on the command line: --decimal ',' or --decimal '.')" end
  if msg:find("opts.drop", 1, true) then msg = msg .. "\n(on the command line: --drop 'SECTOR|SECTOR')" end
  if msg:find("opts.output_row", 1, true) then
    msg = msg .. "\n(on the command line: --output-row 'LABEL' or --output-col 'LABEL')"
  end
  fail("%s", msg)
end

-- employment by sector from a CSV file, aligned with the table's sectors:
-- returns the regional and national sizes (n x 1, labelled) and notes
local function read_employment(path, tbl, region)
  local ok, t = pcall(csv.read_table, path, { sep = opts.sep, decimal = opts.decimal, na = true })
  if not ok then input_error(t) end
  local names = t.names
  local labels = t.columns[names[1]]
  local numeric = {}
  for k = 2, #names do
    local col = t.columns[names[k]]
    if type(col[1]) == "number" then numeric[#numeric + 1] = names[k]
    else
      -- a column of numbers but for a few cells is a typo, not a text column
      local bad, some
      for r, v in ipairs(col) do
        if csv.number(v, { decimal = opts.decimal }) then some = true elseif v ~= "" then bad = bad or r end
      end
      if some and bad then
        fail("%s: row %d, sector '%s', column '%s': '%s' is not a number", path, bad + 1, labels[bad], names[k], col[bad])
      end
    end
  end
  if #numeric == 0 then fail("%s: no column of employment numbers beside the sector labels", path) end
  local rcol
  for _, name in ipairs(numeric) do
    if region and sector_key(name) == sector_key(region) then rcol = name end
  end
  rcol = rcol or numeric[1]
  local ncol
  for _, name in ipairs(numeric) do if name ~= rcol and not ncol then ncol = name end end
  if #numeric > 2 then
    fail("%s has %d columns of numbers; it needs the region's (and optionally the nation's) only", path, #numeric)
  end
  local index = {}
  for i, s in ipairs(tbl.labels) do index[sector_key(s)] = i end
  local dropped = {}
  for _, s in ipairs(split(opts.drop)) do dropped[sector_key(s)] = true end
  local reg, nat, seen = {}, {}, {}
  for k, s in ipairs(labels) do
    local i = index[sector_key(s)]
    if dropped[sector_key(s)] then
      -- a sector left out of the table (--drop) has no place in the region either
    elseif not i then
      fail("%s: row %d, sector '%s', matches no sector of the table %s", path, k + 1, s, tbl.source)
    else
      if seen[i] then fail("%s: sector '%s' appears twice", path, s) end
      seen[i] = true
      for _, col in ipairs { rcol, ncol } do
        local v = t.columns[col][k]
        if v ~= v then fail("%s: row %d, sector '%s', column '%s': no number (an empty or NA cell)", path, k + 1, s, col) end
        if v < 0 then fail("%s: row %d, sector '%s', column '%s': negative employment %g", path, k + 1, s, col, v) end
      end
      reg[i] = t.columns[rcol][k]
      if ncol then nat[i] = t.columns[ncol][k] end
    end
  end
  local absent = {}
  for i, s in ipairs(tbl.labels) do
    if not seen[i] then
      absent[#absent + 1] = s
      reg[i] = 0
      if ncol then fail("%s has no row for sector '%s' of the table (its national employment is needed)", path, s) end
    end
  end
  local total = 0
  for i = 1, #tbl.labels do total = total + reg[i] end
  if total == 0 then
    fail("%s: the region's column '%s' is 0 for every sector of the table: no employment to regionalise with", path, rcol)
  end
  local matrix = require "matrix"
  local R = matrix.col(reg, tbl.labels)
  local N
  if ncol then N = matrix.col(nat, tbl.labels)
  elseif tbl.employment then N = tbl.employment
  else fail("%s has only the region's employment and the table %s has no employment row:"
      .. " add the nation's employment as a second column", path, tbl.source) end
  return R, N, { region_column = rcol, national_column = ncol or ("the table's row '" .. tbl.layout.employment_row .. "'"),
    absent = absent }
end

local function load_inputs()
  local user = opts.table ~= nil
  if user ~= (opts.employment ~= nil) then fail("--table and --employment go together\n%s", cli.usage(spec)) end
  local table_path = opts.table or (DATA .. "/national_19_sector_io_aud_mn.csv")
  local emp_path = opts.employment or (DATA .. "/employment_mount_isa_2021.csv")
  if not (opts.delta >= 0 and opts.delta < 1) then
    fail("--delta must be at least 0 and below 1 (Flegg & Webber 1997), got %s", tostring(opts.delta))
  end
  local drop = split(opts.drop)
  local ok, tbl = pcall(iotable.read, table_path, { sep = opts.sep, decimal = opts.decimal,
    drop = #drop > 0 and drop or nil, output_row = opts.output_row, output_col = opts.output_col })
  if not ok then input_error(tbl) end
  if #tbl.labels < 2 then
    fail("%s has %d sector%s: linkages compare sectors, so the table needs at least 2", table_path, #tbl.labels,
      #tbl.labels == 1 and "" or "s")
  end
  for _, s in ipairs(split(opts.local_serving)) do
    local found = false
    for _, l in ipairs(tbl.labels) do found = found or sector_key(l) == sector_key(s) end
    if not found then fail("--local-serving: no sector '%s' in the table %s", s, table_path) end
  end
  local reg, nat, notes = read_employment(emp_path, tbl, opts.region or (not user and "mount_isa") or nil)
  -- without --region, the region is named by its column of the employment file
  local region = opts.region or (user and notes.region_column or "Mount Isa")
  return { user = user, tbl = tbl, reg = reg, nat = nat, notes = notes, region = region,
    table_path = table_path, emp_path = emp_path }
end

-- Linkages of one table ----------------------------------------------------------

local function mean_of(values)
  local s, n = 0, 0
  for _, v in ipairs(values) do s, n = s + v, n + 1 end
  return n > 0 and s / n or nil
end

-- Rasmussen indices, Hazari CVs and final-demand-weighted indices, classes
local function linkage_analysis(A, f, labels)
  local L = leontief.inverse(A)
  local r = linkages.rasmussen(L)
  local local_serving = {}
  for _, s in ipairs(split(opts.local_serving)) do
    for _, l in ipairs(labels) do if sector_key(l) == sector_key(s) then local_serving[#local_serving + 1] = l end end
  end
  local classes = linkages.classify(r, { local_serving = local_serving })
  local ok, hz = pcall(linkages.hazari, L, f)
  local b, fw = r.backward:list(), r.forward:list()
  local cvb, cvf = r.cv_backward:list(), r.cv_forward:list()
  local mult = L:colsums():list()
  local records = {}
  for i, s in ipairs(labels) do
    records[i] = { sector = s, backward = b[i], forward = fw[i], cv_backward = cvb[i], cv_forward = cvf[i],
      output_multiplier = mult[i], class = classes[i],
      hazari_backward = ok and hz.backward:get(i, 1) or nil, hazari_forward = ok and hz.forward:get(i, 1) or nil }
  end
  -- "low" coefficients of variation: at most --max-cv, else the mean over the
  -- sectors not set aside (Hazari 1970: a low CV means the sector draws on, or
  -- supplies, the economy evenly)
  local sb, sf = {}, {}
  for _, rec in ipairs(records) do
    if rec.class ~= "local" then sb[#sb + 1] = rec.cv_backward; sf[#sf + 1] = rec.cv_forward end
  end
  local limit_b, limit_f = opts.max_cv or mean_of(sb), opts.max_cv or mean_of(sf)
  local key, bwd, fwd = {}, {}, {}
  for _, rec in ipairs(records) do
    if rec.class == "key" then key[#key + 1] = rec end
    if rec.class == "backward" and rec.cv_backward <= limit_b then
      bwd[#bwd + 1] = { sector = rec.sector, backward = rec.backward, forward = rec.forward, cv = rec.cv_backward }
    end
    if rec.class == "forward" and rec.cv_forward <= limit_f then
      fwd[#fwd + 1] = { sector = rec.sector, backward = rec.backward, forward = rec.forward, cv = rec.cv_forward }
    end
  end
  local function by(field, desc)
    return function(x, y) if desc then return x[field] > y[field] end return x[field] < y[field] end
  end
  table.sort(key, by("backward", true)); table.sort(bwd, by("cv")); table.sort(fwd, by("cv"))
  return { L = L, rasmussen = r, classes = classes, records = records, key = key, backward = bwd, forward = fwd,
    cv_limit = { backward = limit_b, forward = limit_f }, hazari_error = not ok and hz or nil,
    local_serving = local_serving }
end

-- Output -----------------------------------------------------------------------

local ALL_COLUMNS = {
  "sector", { key = "backward", digits = 3 }, { key = "forward", digits = 3 },
  { key = "cv_backward", digits = 3 }, { key = "cv_forward", digits = 3 },
  { key = "hazari_backward", digits = 3 }, { key = "hazari_forward", digits = 3 },
  { key = "output_multiplier", digits = 3 }, "class",
}
local KEY_COLUMNS = { "sector", { key = "backward", digits = 2 }, { key = "forward", digits = 2 },
  { key = "cv_backward", digits = 2 }, { key = "cv_forward", digits = 2 } }
local ORIENTED_COLUMNS = { "sector", { key = "backward", digits = 2 }, { key = "forward", digits = 2 },
  { key = "cv", digits = 2 } }

-- the published layout (level, list, sector, backward, forward, cv), one file per level
local function lists_csv(path, level, res)
  local rows = {}
  for _, r in ipairs(res.key) do
    rows[#rows + 1] = { level = level, list = "key sectors", sector = r.sector, backward_linkage = r.backward,
      forward_linkage = r.forward }
  end
  for name, list in pairs({ ["backward-linkage-oriented"] = res.backward, ["forward-linkage-oriented"] = res.forward }) do
    for _, r in ipairs(list) do
      rows[#rows + 1] = { level = level, list = name, sector = r.sector, backward_linkage = r.backward,
        forward_linkage = r.forward, coefficient_of_variation = r.cv }
    end
  end
  local order = { ["key sectors"] = 1, ["backward-linkage-oriented"] = 2, ["forward-linkage-oriented"] = 3 }
  table.sort(rows, function(a, b)
    if a.list ~= b.list then return order[a.list] < order[b.list] end
    return a.sector < b.sector
  end)
  report.write_csv(path, rows, { "level", "list", "sector", "backward_linkage", "forward_linkage",
    "coefficient_of_variation" })
end

-- map labels: long sector names without a closing " Services", then up to
-- their first comma or " and " (a 58-sector table's full names would cover the
-- map); names that would become alike stay whole
local function short_labels(names)
  local out, seen = {}, {}
  for i, s in ipairs(names) do
    local t = s
    if #t > 26 then t = t:gsub(" [Ss]ervices$", "") end
    if #t > 26 then t = t:match("^(.-),") or t end
    if #t > 26 then t = t:match("^(.-) and ") or t end
    if #t < 4 then t = s end
    out[i] = t
    seen[t] = (seen[t] or 0) + 1
  end
  for i, s in ipairs(names) do if seen[out[i]] > 1 then out[i] = s end end
  return out
end

local function key_sector_map(path, level, res, region)
  local x, y, names = {}, {}, {}
  for i, r in ipairs(res.records) do x[i], y[i], names[i] = r.backward, r.forward, r.sector end
  local labels = short_labels(names)
  plot.quadrant{
    x = x, y = y, labels = labels, xline = 1, yline = 1, file = path,
    title = string.format("Key sectors, %s: Rasmussen linkages", level == "national" and "national table" or region),
    xlab = "Backward linkage (power of dispersion)", ylab = "Forward linkage (sensitivity of dispersion)",
    quadrants = { top_right = "Key sectors", top_left = "Forward-linkage oriented",
      bottom_right = "Backward-linkage oriented", bottom_left = "Weak linkages" },
  }
end

local function print_level(title, res)
  heading(title)
  report.print(res.records, ALL_COLUMNS, { title = "All sectors: Rasmussen indices, Hazari CVs, final-demand-weighted"
    .. " (Hazari) indices, output multipliers", max_text = 48 })
  if res.hazari_error then print("Hazari's weighted indices not computed: " .. tostring(res.hazari_error)); print() end
  if #res.local_serving > 0 then
    print("Set aside as local-serving: " .. table.concat(res.local_serving, "; ")); print()
  end
  report.print(res.key, KEY_COLUMNS, { title = "Key sectors (backward and forward linkage > 1)", max_text = 48 })
  report.print(res.backward, ORIENTED_COLUMNS, { title = string.format(
    "Backward-linkage-oriented sectors with low CV (<= %s)", report.number(res.cv_limit.backward, 2)), max_text = 48 })
  report.print(res.forward, ORIENTED_COLUMNS, { title = string.format(
    "Forward-linkage-oriented sectors with low CV (<= %s)", report.number(res.cv_limit.forward, 2)), max_text = 48 })
end

-- Sensitivity and interregional effects ---------------------------------------

-- How the regional key-sector classes move with FLQ's delta (Flegg & Webber
-- 1997 discuss 0.1 to 0.5; the study takes 0.3): the sectors whose class
-- changes, one column per delta.
local SWEEP_DELTAS = { 0.1, 0.2, 0.3, 0.4, 0.5 }

local function delta_sensitivity(input, out, local_serving)
  local sweep = regionalize.delta_sweep(input.tbl, input.reg, SWEEP_DELTAS, nil,
    { national_sizes = input.nat, local_serving = local_serving })
  local columns, records = { { key = "sector", title = "sector" } }, {}
  for k, d in ipairs(SWEEP_DELTAS) do
    columns[#columns + 1] = { key = "d" .. k, title = "delta " .. report.number(d, 1) }
  end
  for _, label in ipairs(sweep.labels) do
    local r = { sector = label }
    for k = 1, #SWEEP_DELTAS do r["d" .. k] = sweep.by_sector[label][k] end
    records[#records + 1] = r
  end
  report.write_csv(out .. "/regional_classes_by_delta.csv", records, columns)
  local moves, changed = {}, {}
  for _, l in ipairs(sweep.changed) do moves[l] = true end
  for _, r in ipairs(records) do
    if moves[r.sector] then changed[#changed + 1] = r end
  end
  heading("Sensitivity of the regional classification to delta")
  if #changed == 0 then
    print(string.format("No sector changes class for delta from %s to %s.",
      report.number(SWEEP_DELTAS[1], 1), report.number(SWEEP_DELTAS[#SWEEP_DELTAS], 1)))
    print()
  else
    report.print(changed, columns, { title = string.format(
      "%d of %d sectors change class (the rest keep theirs)", #changed, #records), max_text = 48 })
  end
end

-- The region and the rest of the country as a two-region model (Miller &
-- Blair 2009, ch. 3): output multipliers inside the region, what leaks to the
-- rest of the country (spillover), and the feedback a single-region model
-- misses.
local function interregional(input, out)
  local ok, two = pcall(regionalize.two_region, input.tbl, input.reg,
    { method = "flq", delta = opts.delta, national_sizes = input.nat })
  heading("Two-region model: " .. input.region .. " and the rest of the country")
  if not ok then print("not computed: " .. tostring(two)); print(); return end
  local m = two.multipliers
  local records = report.records(
    { "sector", "intraregional", "spillover", "total", "single_region", "feedback_percent" },
    { sector = two.labels, intraregional = m.intraregional, spillover = m.spillover, total = m.total,
      single_region = m.single_region, feedback_percent = m.feedback_percent })
  local columns = { "sector",
    { key = "intraregional", title = "in region", digits = 3 },
    { key = "spillover", title = "spillover to rest", digits = 3 },
    { key = "total", title = "total", digits = 3 },
    { key = "single_region", title = "single-region model", digits = 3 },
    { key = "feedback_percent", title = "feedback %", digits = 3 } }
  report.print(records, columns, { title = "Output multipliers of final demand in the region", max_text = 48 })
  if #two.dropped > 0 then
    print("Left out (absent from the region or from the rest): " .. table.concat(two.dropped, "; ")); print()
  end
  report.write_csv(out .. "/two_region_multipliers.csv", records, columns)
end

-- Published results beside a user's ----------------------------------------------

-- the published file (the study's tables 5-10) has a level column: "Kazakhstan"
-- for the national table, the region's name for the regional one
local function compare_published(path, national, regional, out)
  local t = csv.read_table(path, { na = true, text = { "table", "level", "list", "sector" } })
  local c = t.columns
  local function ours(res)
    local idx = {}
    for _, r in ipairs(res.records) do idx[sector_key(r.sector)] = r end
    return idx
  end
  local nat_idx, reg_idx = ours(national), ours(regional)
  local rows, matched = {}, 0
  for k = 1, t.nrow do
    local national_level = c.level[k] == "Kazakhstan"
    local mine = (national_level and nat_idx or reg_idx)[sector_key(c.sector[k])]
    local list = c.list[k]
    local cv
    if mine then
      matched = matched + 1
      cv = list:find("forward") and mine.cv_forward or list:find("backward") and mine.cv_backward or nil
    end
    rows[#rows + 1] = {
      level = c.level[k], list = list, sector = c.sector[k],
      pub_backward = c.backward_linkage[k], pub_forward = c.forward_linkage[k], pub_cv = c.coefficient_of_variation[k],
      backward = mine and mine.backward, forward = mine and mine.forward, cv = cv, class = mine and mine.class,
    }
  end
  heading("Published results (Samambayeva 2013, tables 5-10) beside these")
  if matched == 0 then
    print(string.format("No sector of %s has a label of the published tables (%s): nothing to compare.",
      national.source, path))
    print()
    return
  end
  local cols = { "level", "list", "sector", { key = "pub_backward", title = "published BL", digits = 2 },
    { key = "pub_forward", title = "published FL", digits = 2 }, { key = "pub_cv", title = "published CV", digits = 2 },
    { key = "backward", title = "BL", digits = 2 }, { key = "forward", title = "FL", digits = 2 },
    { key = "cv", title = "CV", digits = 2 }, "class" }
  report.print(rows, cols, { title = string.format("%d of %d published sectors found in the table", matched, #rows),
    max_text = 40 })
  report.write_csv(out .. "/published_comparison.csv", rows, cols)
end

-- Factor analysis (the chapter's second half) ---------------------------------------

-- Clusters as value chains: principal components of the Feser-Sweeney-Renski
-- linkage matrix, Kaiser criterion, varimax, loadings > 0.5 (the study's tables
-- 11-13), with each chain's key sectors from the linkage half; a scree plot.
-- the study's value chains (tables 11-13) beside ours: each published cluster
-- with the factor sharing most of its industries (names compared ignoring case
-- and spacing); the national table is level "Kazakhstan", the region any other
local function published_clusters(path, lv, vc, out)
  local t = csv.read_table(path, { na = true, text = { "level", "cluster", "industry" } })
  local c, published, pub = t.columns, {}, {}
  for k = 1, t.nrow do
    if (c.level[k] == "Kazakhstan") == (lv.name == "national") then
      published[#published + 1] = { cluster = c.cluster[k], industry = c.industry[k] }
      pub[c.cluster[k]] = pub[c.cluster[k]] or { level = c.level[k], eigenvalue = c.eigenvalue[k],
        share = c.variance_share_pct[k], n = 0 }
      pub[c.cluster[k]].n = pub[c.cluster[k]].n + 1
    end
  end
  if #published == 0 then return end
  local rows, matched = {}, 0
  for _, m in ipairs(require("valuechains").compare(vc, published)) do
    local p, f = pub[m.cluster], vc.factors[m.factor]
    local found = #m.shared > 0
    if found then matched = matched + 1 end
    rows[#rows + 1] = { level = p.level, cluster = m.cluster, pub_eigenvalue = p.eigenvalue, pub_share = p.share,
      industries = p.n, factor = found and f.name or nil, eigenvalue = found and f.eigenvalue or nil,
      share = found and 100 * f.share or nil, shared = #m.shared, jaccard = found and m.jaccard or nil,
      missing = table.concat(m.missing, "; ") }
  end
  local cols = { "level", "cluster", { key = "pub_eigenvalue", title = "published eigenvalue", digits = 2 },
    { key = "pub_share", title = "published variance %", digits = 2 }, "industries",
    { key = "factor", title = "closest factor" }, { key = "eigenvalue", digits = 2 },
    { key = "share", title = "variance %", digits = 2 }, "shared", { key = "jaccard", digits = 2 },
    { key = "missing", title = "published industries not in it" } }
  report.print(rows, cols, { title = string.format("Published value chains (Samambayeva 2013, tables 11-13) beside"
    .. " these: %d of %d share industries with a factor", matched, #rows), max_text = 48 })
  report.write_csv(out .. "/" .. lv.name .. "_published_clusters.csv", rows, cols)
end

local function factor_analysis(levels, out, user)
  local have = pcall(require, "fsr") and pcall(require, "factor") and pcall(require, "valuechains")
  if not have or opts.no_factor then return end
  local fsr, factor, valuechains = require "fsr", require "factor", require "valuechains"
  for _, lv in ipairs(levels) do
    heading("Value chains (factor analysis), " .. lv.title)
    if #lv.res.records < 3 then
      -- the FSR linkage matrix correlates the sectors' purchase and sales patterns
      print(string.format("Not computed: the factor analysis needs at least 3 sectors, the %s has %d.",
        lv.name == "national" and "national table" or "regional table", #lv.res.records))
      print()
      goto next_level
    end
    local R, info = fsr.linkage_matrix(lv.Z)
    for _, m in ipairs(info.messages or {}) do print(m) end
    local res = factor.pca(R, { rotate = "varimax" })
    local smallest = res.eigenvalues:get(res.eigenvalues:rows(), 1)
    if smallest < 0 then
      -- a maximum of four correlation matrices need not be one itself
      print(string.format("The linkage matrix is not positive semi-definite (smallest eigenvalue %s): the"
        .. " retained factors can explain more than 100%% of its trace and a loading can exceed 1.",
        report.number(smallest, 3)))
      print()
    end
    local by_label = {}
    for i, r in ipairs(lv.res.records) do by_label[r.sector] = lv.res.classes[i] end
    local vc = valuechains.identify(res, { classes = by_label })
    -- the rows of valuechains.rows, with numbers kept as numbers
    local header = { "factor", "value_chain", "eigenvalue", "variance_percent", "industry", "loading" }
    local records = {}
    for _, f in ipairs(vc.factors) do
      for _, m in ipairs(f.members) do
        records[#records + 1] = { factor = f.factor, value_chain = f.name, eigenvalue = f.eigenvalue,
          variance_percent = f.share and 100 * f.share, industry = m.sector, loading = m.loading }
      end
    end
    local total = 0
    for j = 1, res.nfactors do total = total + (res.proportion[j] or 0) end
    report.print(records, { "factor", { key = "value_chain", title = "value chain" }, { key = "eigenvalue", digits = 2 },
      { key = "variance_percent", title = "variance %", digits = 2 }, "industry", { key = "loading", digits = 4 } },
      { title = string.format("%d %s (eigenvalues >= 1) %s %s%% of the variance;"
      .. " industries with loadings >= %s", res.nfactors, res.nfactors == 1 and "factor" or "factors",
      res.nfactors == 1 and "explains" or "explain", report.number(100 * total, 1), report.number(vc.threshold, 2)),
      max_text = 48 })
    local key_rows = {}
    for _, f in ipairs(vc.factors) do
      if f.key and #f.key > 0 then key_rows[#key_rows + 1] = { factor = f.name, key = table.concat(f.key, "; ") } end
    end
    report.print(key_rows, { "factor", { key = "key", title = "key sectors in the value chain" } },
      { title = "Key sectors confirmed by a value chain" })
    if vc.unconfirmed and #vc.unconfirmed > 0 then
      print("Key sectors in no value chain: " .. table.concat(vc.unconfirmed, "; ")); print()
    end
    report.write_csv(out .. "/" .. lv.name .. "_value_chains.csv", records, header)
    factor.scree(res, { file = out .. "/" .. lv.name .. "_scree.svg",
      title = "Scree plot of the FSR linkage matrix, " .. lv.title })
    if user and opts.published_clusters ~= "none" then
      published_clusters(opts.published_clusters or (DATA .. "/published_factor_clusters.csv"), lv, vc, out)
    end
    ::next_level::
  end
end

-- Main -------------------------------------------------------------------------

local function main()
  opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)) return end
  local input = load_inputs()
  local tbl = input.tbl
  mkdir(opts.out)

  heading(string.format("Chapter 1: key sectors of %s (FLQ, delta = %s)", input.region, report.number(opts.delta, 2)))
  print(iotable.describe(tbl))
  local chk = iotable.check(tbl)
  print(chk.ok and string.format("  accounting identities hold (largest gap: %s, %s, %s)", chk.gaps[1].sector,
    chk.gaps[1].identity, report.number(chk.gaps[1].gap, 4)) or "  WARNING: " .. chk.message)
  print(string.format("Employment: %s (region: column '%s'; nation: %s)", input.emp_path, input.notes.region_column,
    input.notes.national_column))
  if #input.notes.absent > 0 then
    print("  sectors with no row in the employment file (no regional employment): "
      .. table.concat(input.notes.absent, "; "))
  end
  print()

  local A = leontief.coefficients(tbl.Z, tbl.x)
  local national = linkage_analysis(A, tbl.f, tbl.labels)
  national.source = tbl.source

  local region = regionalize.regionalise(tbl, input.reg, { method = "flq", delta = opts.delta,
    national_sizes = input.nat })
  local regional = linkage_analysis(region.A, region.f, region.labels)
  print(string.format("FLQ: lambda* = [log2(1 + %s)]^%s = %s; %d of %d sectors present in %s%s", report.number(
    input.reg:sum() / input.nat:sum(), 5), report.number(opts.delta, 2), report.number(region.lambda, 4),
    #region.labels, #tbl.labels, input.region, #region.dropped > 0 and " (dropped: "
    .. table.concat(region.dropped, "; ") .. ")" or ""))
  print()

  print_level("National table", national)
  print_level("Regional table: " .. input.region, regional)

  local out = opts.out
  report.write_csv(out .. "/national_linkages.csv", national.records, ALL_COLUMNS)
  report.write_csv(out .. "/regional_linkages.csv", regional.records, ALL_COLUMNS)
  lists_csv(out .. "/national_key_sectors.csv", "national", national)
  lists_csv(out .. "/regional_key_sectors.csv", input.region, regional)
  csv.write(out .. "/regional_coefficients.csv", region.A)
  key_sector_map(out .. "/national_key_sector_map.svg", "national", national, input.region)
  key_sector_map(out .. "/regional_key_sector_map.svg", "regional", regional, input.region)

  delta_sensitivity(input, out, regional.local_serving)
  interregional(input, out)

  if input.user and opts.published ~= "none" then
    compare_published(opts.published or (DATA .. "/published_linkages.csv"), national, regional, out)
  end

  local levels = {
    { name = "national", title = "national table", Z = tbl.Z, res = national },
    { name = "regional", title = input.region, Z = region.Z, res = regional },
  }
  if not input.user then
    -- the study's national value chains come from its 58-sector table; the
    -- bundled analogue at that level of detail is the ABS 115-industry table
    local detailed = iotable.read(DATA .. "/abs_industry_flows_115_aud_mn.csv")
    table.insert(levels, 2, { name = "national_115", title = "detailed national table (ABS, 115 industries)",
      Z = detailed.Z, res = linkage_analysis(leontief.coefficients(detailed.Z, detailed.x), detailed.f,
        detailed.labels) })
  end
  factor_analysis(levels, out, input.user)

  print("Results written to " .. out .. "/")
end

-- a bad option or input file ends the script with its message alone; a bug
-- (a Lua runtime error) keeps the traceback
cli.run(main)
