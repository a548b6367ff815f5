-- ch4_modes_of_innovation.lua -- chapter 4 of Samambayeva (2013): modes of
-- innovation of the firms of the East Kazakhstan metallurgical cluster. The 7
-- DUI and 2 STI indicators of Jensen, Johnson, Lorenz & Lundvall (2007; the
-- study's Table 23), firms clustered by average linkage into four modes (low
-- learning, DUI, STI, DUI/STI; figure 16), the modes by size class and sector
-- (Table 24), how to choose k, and latent classes beside the tree. The
-- analysis is modes_analysis.run; this script reads, prints and writes.
--
-- usage: clusterlab scripts/ch4_modes_of_innovation.lua [--survey FILE]
--          [--mapping FILE] [--k 4] [--distance binary] [--method average] [--out DIR]
-- Without --survey it runs on the bundled SIMULATED survey of 33 firms
-- (tools/simulate_ch4_survey.lua); empty templates of the inputs are in
-- scripts/data/ch4/ (survey_template and survey_raw_template as .csv and
-- .dta, mapping_template.csv).
local cli = require "cli"
local report = require "report"
local plot = require "plot"
local stats = require "stats"
local modes = require "modes"
local modes_survey = require "modes_survey"
local modes_analysis = require "modes_analysis"

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local DEFAULTS = modes_analysis.DEFAULTS
local spec = {
  usage = "clusterlab scripts/ch4_modes_of_innovation.lua [options]",
  about = "Modes of innovation (STI/DUI) of a firm survey: clusters, their names, cross-tables,"
    .. " dendrogram, choice of k and latent classes.",
  options = {
    {name = "survey", value = "FILE", default = here .. "/data/ch4/simulated_survey.csv",
     help = "one row per firm: firm, employees, nace, DUI1..DUI7, STI1, STI2 (0/1) or raw answers"},
    {name = "mapping", value = "FILE", help = "how raw answers become the indicators (see mapping_template.csv)"},
    {name = "sectors", value = "FILE", default = here .. "/data/ch4/metallurgical_cluster_sectors.csv",
     help = "NACE codes and names of the cluster's sectors (Table 24)"},
    {name = "k", number = true, min = 1, default = DEFAULTS.k, help = "number of clusters"},
    {name = "distance", value = "NAME", default = DEFAULTS.distance, choices = stats.distances,
     help = table.concat(stats.distances, ", ")},
    {name = "method", value = "NAME", default = DEFAULTS.method, choices = stats.linkages,
     help = table.concat(stats.linkages, ", ")},
    {name = "out", value = "DIR", default = "out/ch4", help = "output folder"},
  },
}

local opts, tag   -- the options; " (SIMULATED)" when the survey is the generator's

local function distance_name()
  return opts.distance == "binary" and "binary (Jaccard)" or opts.distance
end

-- a table printed and written to DIR/file; with simulated data every row says so
local function show(title, records, columns, file, digits, max_text)
  report.print(records, columns, {title = title .. tag, digits = digits or 3, max_text = max_text})
  if tag ~= "" then
    for _, r in ipairs(records) do r.data = "SIMULATED" end
    columns = {table.unpack(columns)}
    columns[#columns + 1] = "data"
  end
  report.write_csv(opts.out .. "/" .. file, records, columns)
end

-- a matrix as records: one per row, a column per column label (counts as integers)
local function matrix_records(m, rowkey, rowname, counts)
  local out, cols = {}, {rowkey}
  for j, c in ipairs(m:colnames()) do cols[j + 1] = rowname(c) end
  for i, r in ipairs(m:rownames()) do
    out[i] = {[rowkey] = r}
    for j = 1, m:cols() do out[i][cols[j + 1]] = counts and math.tointeger(m:get(i, j)) or m:get(i, j) end
  end
  return out, cols
end

local function print_header(s, r)
  print(string.format("Survey %s: %d firms, %d indicators%s", s.file, #s.firms, s.B:cols(), tag))
  if tag ~= "" then
    print("SIMULATED data: the study's survey is not public; these firms come from")
    print("tools/simulate_ch4_survey.lua (seeded), calibrated to the study's four groups.")
  end
  print(string.format("Clustering: %s linkage on %s distances, k = %d.", opts.method, distance_name(), opts.k))
  print("The study names only the linkage (average), not the distance. For binary practices")
  print("Jaccard (--distance binary) is the choice: firms are alike by the practices they share,")
  print("not by those both lack. Modes: low learning, DUI, STI and DUI/STI (the study's \"mixed\").")
  if #r.set_aside > 0 then
    print(string.format("%d firm(s) use none of the nine practices (%s). Under Jaccard such a firm",
      #r.set_aside, table.concat(r.set_aside, ", ")))
    print("is at distance 1 from every other firm, so it is set aside from the tree and counted")
    print("as low learning (cluster 0 in memberships.csv).")
  end
  print()
end

local function clusters_part(s, r)
  local inds = {"firm", "employees", "size", "nace", "mode"}
  for _, e in ipairs(modes.indicators()) do inds[#inds + 1] = e.id end
  inds[#inds + 1] = {key = "latent_class", title = "class"}
  show("Coded indicators (1 = the firm uses the practice; class: its latent class, below)", r.coded, inds,
    "coded_indicators.csv", 0)
  show("Share of firms using each practice (JJLL 2007; the study's Table 23)", r.indicators,
    {"id", "mode", "name", "firms", {key = "share", digits = 2}}, "indicators.csv")
  local cols = {"cluster", "mode", "firms", {key = "share", digits = 2},
    {key = "dui", title = "DUI mean", digits = 2}, {key = "sti", title = "STI mean", digits = 2}}
  show(string.format("Clusters and their JJLL names (high on DUI/STI: mean share above the sample's"
    .. " %.2f / %.2f)", r.labels.dui_mean, r.labels.sti_mean), r.cluster_table, cols, "clusters.csv")
  local profile = matrix_records(r.profile, "cluster", function(c) return c end)
  show("Cluster profiles: share of the cluster's firms using each practice", profile,
    {"cluster", table.unpack(r.profile:colnames())}, "cluster_profiles.csv", 2)
  local mcols = {"size", table.unpack(modes.MODES)}
  mcols[#mcols + 1] = "total"
  show("Modes by size class (employees)", r.by_size, mcols, "modes_by_size.csv")
  mcols[1] = "nace"
  table.insert(mcols, 2, "sector")
  show("Modes by sector (NACE 2-digit; the study's Table 24)", r.by_sector, mcols, "modes_by_sector.csv",
    nil, 48)
  show("Firms of each mode", r.firms_by_mode, {"mode", "count", "firms"}, "firms_by_mode.csv")
  report.write_csv(opts.out .. "/memberships.csv", r.memberships, {"firm", "cluster", "mode"})
end

local function choose_k_part(r)
  if not r.choose_k then return end
  show("Choosing k: average silhouette width (Rousseeuw 1987) and the height at which the tree"
    .. " joins k groups into k - 1 (a big jump: k groups are well apart)", r.choose_k,
    {"k", "height", "jump", "silhouette"}, "choose_k.csv")
  print(string.format("Widest average silhouette at k = %d; the study uses k = 4.\n", r.best_k))
end

local function lca_part(r)
  local l = r.lca
  show("Latent classes (JJLL's method): log-likelihood, AIC and BIC by number of classes",
    l.select, {"k", "loglik", "npar", "aic", "bic"}, "lca_bic.csv")
  print(string.format("BIC chooses %d class(es).\n", l.k))
  local cols = {"class", {key = "share", digits = 2}}
  for _, e in ipairs(modes.indicators()) do cols[#cols + 1] = {key = e.id, digits = 2} end
  show("Latent class shares and P(practice | class)", l.classes, cols, "lca_classes.csv")
  local names = {}
  for _, c in ipairs(r.cluster_table) do names[tostring(c.cluster)] = c.cluster .. " " .. c.mode end
  local recs, vcols = matrix_records(l.vs_clusters.counts, "class", function(c) return names[c] end, true)
  for _, rec in ipairs(recs) do rec.class = "class " .. rec.class end
  show("Latent classes (rows) against clusters (columns)", recs, vcols, "lca_vs_clusters.csv")
  print(string.format("Adjusted Rand index of latent classes and clusters: %s (1 = the same"
    .. " grouping, 0 = chance)%s\n", report.number(l.ari), tag))
end

local function plots(s, r)
  local group_names = {}
  for c, rec in ipairs(r.labels.clusters) do group_names[c] = rec.mode end
  local file = opts.out .. "/ch4_dendrogram.svg"
  plot.dendrogram(r.clusters.tree, {labels = r.clusters.firms, k = opts.k, group_names = group_names,
    file = file, title = string.format("Firms by %s linkage on %s distances, cut at k = %d%s",
      opts.method, distance_name(), opts.k, tag), xlab = "height (" .. distance_name() .. " distance)"})
  local rows = {}
  for c, rec in ipairs(r.labels.clusters) do rows[c] = string.format("%d %s (%d)", c, rec.mode, rec.size) end
  local titles = {}
  for j, e in ipairs(modes.indicators()) do titles[j] = e.id .. ": " .. e.name end
  plot.heatmap{values = r.profile, rows = rows, col_titles = titles,
    file = opts.out .. "/cluster_profiles_heatmap.svg",
    title = "Share of each cluster's firms using each practice" .. tag,
    note = "DUI1 workgroups, DUI2 quality circles, DUI3 proposals, DUI4 autonomous groups, DUI5"
      .. " integration of functions, DUI6 softened demarcations, DUI7 cooperation with customers;"
      .. " STI1 R&D, STI2 cooperation with researchers (JJLL 2007)"}
  local charts = {file, "cluster_profiles_heatmap.svg"}
  if r.choose_k then
    charts[3] = "choose_k_silhouette.svg"
    local ks, sil = {}, {}
    for i, c in ipairs(r.choose_k) do ks[i], sil[i] = c.k, c.silhouette end
    plot.line{x = ks, y = sil, file = opts.out .. "/choose_k_silhouette.svg", xlab = "k (clusters)",
      ylab = "average silhouette width", title = "Average silhouette width by k" .. tag}
  end
  print("Charts: " .. table.concat(charts, ", "))
end

local function main()
  opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  local k = math.tointeger(opts.k)
  if not k or k < 1 then error("--k must be a whole number of clusters (at least 1)", 0) end
  opts.k = k
  local s = modes_survey.read(opts.survey, {mapping = opts.mapping})
  tag = s.simulated and " (SIMULATED)" or ""
  local r = modes_analysis.run(s, {k = k, distance = opts.distance, method = opts.method,
    sectors = modes_survey.read_sectors(opts.sectors)})
  report.mkdir(opts.out)
  print_header(s, r)
  clusters_part(s, r)
  choose_k_part(r)
  lca_part(r)
  plots(s, r)
  print("Tables written to " .. opts.out .. "/ (memberships.csv: firm, cluster, mode)" .. tag)
end

cli.run(main)
