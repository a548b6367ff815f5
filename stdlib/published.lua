-- published.lua -- the study's published chapter-1 results (Samambayeva 2013:
-- tables 5-10, key and linkage-oriented sectors; tables 11-13, value chains)
-- beside a user's run on the official tables. The published sectors carry the
-- study's English names; a table labelled in Russian, as the Kazakhstan
-- statistics agency publishes it, is matched through a concordance
-- (sectors.read_concordance). Each function returns records and the names
-- that found no partner, so that nothing is left out silently.
local csv = require "csv"
local check = require "check"
local sectors = require "sectors"
local valuechains = require "valuechains"

local M = {}

M._help = {
  _about = "the study's tables 5-13 beside a run, through a concordance when the table is in Russian",
  NATIONAL = "published.NATIONAL -- the level name of the national tables in the published files ('Kazakhstan')",
  names = "published.names(labels [, concordance]) -> {[key] = label}: each label under its own name and the study's "
    .. "names the concordance gives it; untranslated = the labels without a concordance row",
  compare_linkages = "published.compare_linkages(path, {national=, regional=} [, {concordance=}]) -> {rows=, matched=, "
    .. "unmatched=, untranslated=}: each published row of tables 5-10 with the run's indices and class",
  compare_clusters = "published.compare_clusters(path, national, vc [, {concordance=}]) -> {rows=, matched=, "
    .. "unmatched=}: each published value chain of tables 11-13 with the factor sharing most of its industries",
}

local fail = check.failer("published")

M.NATIONAL = "Kazakhstan"

local function read(fname, path, text)
  local ok, t = pcall(csv.read_table, path, { na = true, text = text })
  if not ok then fail(fname, "%s", (tostring(t):gsub("^[^\n]-%.lua:%d+: ", ""))) end
  for _, c in ipairs(text) do
    if not t.columns[c] then fail(fname, "%s has no column '%s'", path, c) end
  end
  return t
end

function M.names(labels, concordance)
  local idx, untranslated = {}, {}
  local translated = concordance and sectors.translate(labels, concordance)
  for _, l in ipairs(labels) do
    idx[sectors.key(l)] = l
    for _, name in ipairs(translated and translated.names[l] or {}) do idx[sectors.key(name)] = l end
  end
  return idx, translated and translated.unmatched or untranslated
end

-- the published names with no partner, each once
local function add_unmatched(list, seen, name)
  if not seen[name] then seen[name] = true; list[#list + 1] = name end
end

function M.compare_linkages(path, runs, opts)
  opts = opts or {}
  local t = read("compare_linkages", path, { "table", "level", "list", "sector" })
  local c = t.columns
  local index, untranslated, untranslated_seen = {}, {}, {}
  for _, level in ipairs { "national", "regional" } do
    local res = runs[level] or { records = {} }
    local labels = {}
    for i, r in ipairs(res.records) do labels[i] = r.sector end
    local names, missing = M.names(labels, opts.concordance)
    local by_label = {}
    for _, r in ipairs(res.records) do by_label[r.sector] = r end
    index[level] = { names = names, records = by_label }
    for _, l in ipairs(missing) do add_unmatched(untranslated, untranslated_seen, l) end
  end
  local out = { rows = {}, matched = 0, unmatched = {}, untranslated = untranslated }
  local seen = {}
  for k = 1, t.nrow do
    local level = c.level[k] == M.NATIONAL and "national" or "regional"
    local ix = index[level]
    local label = ix and ix.names[sectors.key(c.sector[k])]
    local mine = label and ix.records[label]
    local list = c.list[k]
    if mine then out.matched = out.matched + 1 else add_unmatched(out.unmatched, seen, c.sector[k]) end
    out.rows[#out.rows + 1] = {
      table = c.table[k], level = c.level[k], list = list, sector = c.sector[k], ours = label,
      pub_backward = c.backward_linkage[k], pub_forward = c.forward_linkage[k], pub_cv = c.coefficient_of_variation[k],
      backward = mine and mine.backward, forward = mine and mine.forward,
      cv = mine and (list:find("forward") and mine.cv_forward or list:find("backward") and mine.cv_backward) or nil,
      class = mine and mine.class,
    }
  end
  return out
end

function M.compare_clusters(path, national, vc, opts)
  opts = opts or {}
  local t = read("compare_clusters", path, { "level", "cluster", "industry" })
  local c = t.columns
  local names = M.names(vc.sectors, opts.concordance)
  local published, pub, order = {}, {}, {}
  local out = { rows = {}, matched = 0, unmatched = {} }
  local seen = {}
  for k = 1, t.nrow do
    if (c.level[k] == M.NATIONAL) == national then
      -- the published industry under the table's label, when it has one
      local label = names[sectors.key(c.industry[k])]
      if not label then add_unmatched(out.unmatched, seen, c.industry[k]) end
      published[#published + 1] = { cluster = c.cluster[k], industry = label or c.industry[k] }
      if not pub[c.cluster[k]] then
        order[#order + 1] = c.cluster[k]
        pub[c.cluster[k]] = { level = c.level[k], eigenvalue = c.eigenvalue and c.eigenvalue[k],
          share = c.variance_share_pct and c.variance_share_pct[k], n = 0 }
      end
      pub[c.cluster[k]].n = pub[c.cluster[k]].n + 1
    end
  end
  if #published == 0 then return out end
  for _, m in ipairs(valuechains.compare(vc, published)) do
    local p, f = pub[m.cluster], vc.factors[m.factor]
    local found = #m.shared > 0
    if found then out.matched = out.matched + 1 end
    out.rows[#out.rows + 1] = { level = p.level, cluster = m.cluster, pub_eigenvalue = p.eigenvalue,
      pub_share = p.share, industries = p.n, factor = found and f.name or nil,
      initial_eigenvalue = found and f.initial_eigenvalue or nil,
      initial_share = found and f.initial_share and 100 * f.initial_share or nil,
      shared = #m.shared, jaccard = found and m.jaccard or nil, missing = table.concat(m.missing, "; ") }
  end
  return out
end

return M
