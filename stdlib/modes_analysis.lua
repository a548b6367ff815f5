-- modes_analysis.lua -- the study's chapter 4 as records (Samambayeva 2013,
-- sec. 4, Tables 23-24, figure 16): the STI/DUI indicators of Jensen, Johnson,
-- Lorenz & Lundvall (2007), firms clustered by average linkage on Jaccard
-- distances and named as JJLL's four modes, the modes by size class and
-- sector, the choice of k (silhouettes, Rousseeuw 1987; height jumps), and
-- JJLL's own method beside the tree: latent classes chosen by BIC (lca.lua),
-- cross-tabulated against the clusters with the adjusted Rand index.
local matrix = require "matrix"
local stats = require "stats"
local modes = require "modes"
local lca = require "lca"
local partition = require "partition"
local survey_mod = require "modes_survey"
local check = require "check"

local M = {}

M._help = {
  _about = "the chapter 4 analysis of modes of innovation as records: indicators, clusters"
    .. " and their JJLL names, cross-tables by size and sector, choice of k, latent classes",
  run = "modes_analysis.run(survey, {k=4, distance=\"binary\", method=\"average\", sectors="
    .. " {[\"07\"] = name}, kmax=8, lca_kmax=6, lca_starts=20}) -> {indicators=, coded= (a record"
    .. " per firm: its indicators, size class, mode and latent_class),"
    .. " clusters=, labels=, cluster_table=, profile=, memberships=, by_size=, by_sector=,"
    .. " firms_by_mode=, choose_k=, best_k=, lca=, set_aside=}; survey from"
    .. " modes_survey.read",
  DEFAULTS = "modes_analysis.DEFAULTS: the options run uses when not given",
}

-- the study's choices (k = 4, average linkage) and Jaccard for binary practices
M.DEFAULTS = {k = 4, distance = "binary", method = "average", kmax = 8, lca_kmax = 6, lca_starts = 20}

local function fail(fmt, ...) check.fail("modes_analysis.run", fmt, ...) end

-- the share of firms using each indicator
local function indicator_shares(B)
  local used = B:colsums()
  local out = {}
  for j, e in ipairs(modes.indicators()) do
    out[j] = {id = e.id, mode = e.mode, name = e.name, firms = math.tointeger(used:get(1, j)),
      share = used:get(1, j) / B:rows()}
  end
  return out
end

-- rows of a cross-table of modes (columns) by the levels of `by` (rows); levels
-- without firms are left out when drop_empty
local function by_levels(mode, by, levels, label, drop_empty)
  local t = partition.crosstab(by, mode, {rows = levels, cols = modes.MODES})
  local out = {}
  for r, level in ipairs(levels) do
    local rec, total = {[label] = level}, 0
    for c, name in ipairs(modes.MODES) do
      rec[name] = math.tointeger(t.counts:get(r, c))
      total = total + rec[name]
    end
    rec.total = total
    if total > 0 or not drop_empty then out[#out + 1] = rec end
  end
  return out
end

-- the sector rows: the sectors table's codes first (in its order), then others
local function sector_levels(nace, sectors)
  local levels, seen = {}, {}
  for _, code in ipairs(sectors.order or {}) do levels[#levels + 1] = code; seen[code] = true end
  for _, code in ipairs(nace) do
    if not seen[code] then levels[#levels + 1] = code; seen[code] = true end
  end
  return levels
end

local function sector_table(mode, nace, sectors)
  local rows = by_levels(mode, nace, sector_levels(nace, sectors), "nace", true)
  for _, r in ipairs(rows) do
    r.sector = sectors[r.nace] or "(not among the cluster's sectors)"
  end
  return rows
end

-- latent classes by BIC over 1..kmax, the chosen fit and its comparison with the clusters
local function latent_classes(B, cluster, o)
  local kmax = math.max(1, math.min(o.lca_kmax, B:rows() - 1))
  local sel, best = lca.select(B, {kmax = kmax, starts = o.lca_starts, seed = 1})
  local fit = lca.fit(B, best, {starts = o.lca_starts, seed = 1})
  local classes = {}
  for c = 1, best do
    local r = {class = c, share = fit.prior[c]}
    for j, id in ipairs(B:colnames()) do r[id] = fit.prob:get(c, j) end
    classes[c] = r
  end
  local vs = partition.crosstab(fit.class, cluster)
  return {select = sel, k = best, fit = fit, classes = classes, vs_clusters = vs,
    ari = partition.adjusted_rand(fit.class, cluster)}
end

local function options(survey, opts)
  if type(survey) ~= "table" or not matrix.ismatrix(survey.B) then
    fail("survey must be a modes_survey.read record")
  end
  opts = opts or {}
  local o = {sectors = opts.sectors or {}}
  for key, default in pairs(M.DEFAULTS) do
    if opts[key] == nil then o[key] = default else o[key] = opts[key] end
  end
  if math.type(o.k) ~= "integer" or o.k < 1 then
    fail("k must be a whole number of clusters of at least 1, got %s", tostring(o.k))
  end
  return o
end

function M.run(survey, opts)
  local o = options(survey, opts)
  local B, n = survey.B, survey.B:rows()
  local out = {indicators = indicator_shares(B), set_aside = {}, options = o}
  -- Under Jaccard a firm with none of the practices shares nothing with anyone:
  -- at distance 1 from every other firm (0 from another such firm) it would
  -- join the tree only at its top. It uses no STI or DUI practice, which is
  -- JJLL's low learning by definition: set aside from the tree, in that mode.
  local keep, rows = {}, B:rowsums()
  for i = 1, n do
    if o.distance == "binary" and rows:get(i, 1) == 0 then
      out.set_aside[#out.set_aside + 1] = survey.firms[i]
    else
      keep[#keep + 1] = i
    end
  end
  if #keep < 2 then
    fail("clustering needs at least 2 firms, but the survey has %d%s", #keep,
      #out.set_aside > 0 and " with any practice" or "")
  end
  if #keep < o.k then
    fail("k = %d clusters need at least %d firms, but the survey has %d%s", o.k, o.k, #keep,
      #out.set_aside > 0 and " with any practice" or "")
  end
  local Bc = #keep == n and B or B:select(keep, nil)
  local cl = modes.cluster(Bc, {k = o.k, distance = o.distance, method = o.method})
  local lab = modes.label(cl)
  out.clusters, out.labels, out.profile = cl, lab, cl.profile
  local cluster, mode = {}, {}
  for i = 1, n do cluster[i], mode[i] = 0, "low learning" end
  for r, i in ipairs(keep) do cluster[i], mode[i] = cl.cluster[r], lab.mode[r] end
  out.cluster, out.mode = cluster, mode

  out.cluster_table = {}
  for c, rec in ipairs(lab.clusters) do
    out.cluster_table[c] = {cluster = c, mode = rec.mode, firms = math.tointeger(rec.size),
      share = rec.size / n, dui = rec.dui, sti = rec.sti}
  end
  if #out.set_aside > 0 then
    table.insert(out.cluster_table, 1, {cluster = 0, mode = "low learning", firms = #out.set_aside,
      share = #out.set_aside / n})
  end
  out.memberships, out.coded = {}, {}
  for i = 1, n do
    out.memberships[i] = {firm = survey.firms[i], cluster = cluster[i], mode = mode[i]}
    local r = {firm = survey.firms[i], employees = survey.employees[i], size = survey.size_class[i],
      nace = survey.nace[i], mode = mode[i]}
    for j, id in ipairs(B:colnames()) do r[id] = B:get(i, j) end
    out.coded[i] = r
  end
  out.by_size = by_levels(mode, survey.size_class, survey_mod.SIZE_CLASSES, "size")
  out.by_sector = sector_table(mode, survey.nace, o.sectors)
  out.firms_by_mode = {}
  for _, name in ipairs(modes.MODES) do
    local list = {}
    for i = 1, n do if mode[i] == name then list[#list + 1] = survey.firms[i] end end
    out.firms_by_mode[#out.firms_by_mode + 1] = {mode = name, count = #list, firms = table.concat(list, " ")}
  end
  if #keep >= 3 then
    out.choose_k, out.best_k = partition.choose_k(cl.tree, stats.dist(Bc, o.distance), o.kmax)
  end
  out.lca = latent_classes(B, cluster, o)
  for i, r in ipairs(out.coded) do r.latent_class = out.lca.fit.class[i] end
  return out
end

return M
