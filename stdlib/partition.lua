-- partition.lua -- choosing and comparing groupings of observations: silhouette
-- widths (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation
-- and validation of cluster analysis", J. Comput. Appl. Math. 20, 53-65; as R's
-- cluster::silhouette), the height jumps of a hierarchical tree (Everitt,
-- Landau, Leese & Stahl 2011, Cluster Analysis, sec. 4.4.4), cross-tables and
-- the adjusted Rand index (Hubert & Arabie 1985, "Comparing partitions",
-- J. of Classification 2, 193-218; as R's mclust::adjustedRandIndex).
local matrix = require "matrix"
local stats = require "stats"
local check = require "check"

local M = {}

M._help = {
  _about = "choosing and comparing groupings: silhouette widths (as R's cluster::silhouette),"
    .. " height jumps of an hclust tree, cross-tables, adjusted Rand index (as mclust)",
  silhouette = "partition.silhouette(D, groups) -> {width= (s(i) of each observation),"
    .. " neighbour= (nearest other group), average=, group_average= (by group)}: a(i) = mean"
    .. " distance to the rest of its group, b(i) = least mean distance to another group,"
    .. " s(i) = (b - a) / max(a, b), 0 in a group of one (Rousseeuw 1987)",
  choose_k = "partition.choose_k(tree, D [, kmax=8]) -> array of {k=, height= (merge height"
    .. " that joins k groups into k - 1), jump= (its rise over the merge before),"
    .. " silhouette= (average width of cutree(tree, k))} for k = 2..kmax; and the k with the"
    .. " widest average silhouette",
  crosstab = "partition.crosstab(a, b [, {rows=, cols=}]) -> {rows=, cols=, counts= (matrix"
    .. " labelled by the levels), n=}: how often each pair of labels occurs; levels in order"
    .. " of first appearance unless given",
  adjusted_rand = "partition.adjusted_rand(a, b) -> the adjusted Rand index of two groupings"
    .. " of the same observations (1 = identical, about 0 = chance), or nil when both put"
    .. " everything in one group (the index is 0/0 there)",
}

local fail = check.failer("partition")

-- the groups as a Lua array (numbers or strings), checked against n
local function groups_of(fname, g, n, what)
  if matrix.ismatrix(g) then g = g:list() end
  if type(g) ~= "table" then fail(fname, "%s must be a Lua array of group labels", what) end
  if n and #g ~= n then fail(fname, "%s has %d labels for %d observations", what, #g, n) end
  for i = 1, #g do
    local v = g[i]
    if (type(v) ~= "number" and type(v) ~= "string") or v ~= v then
      fail(fname, "%s[%d] is %s, not a group label", what, i, tostring(v))
    end
  end
  return g
end

-- the distinct labels of g in order of first appearance, and label -> index
local function levels_of(g, given)
  local levels, index = {}, {}
  for _, v in ipairs(given or g) do
    if not index[v] then levels[#levels + 1] = v; index[v] = #levels end
  end
  return levels, index
end

function M.silhouette(D, groups)
  local fname = "silhouette"
  if not matrix.ismatrix(D) or D:rows() ~= D:cols() then
    fail(fname, "D must be a square matrix of distances (stats.dist)")
  end
  local n = D:rows()
  local g = groups_of(fname, groups, n, "groups")
  local levels, index = levels_of(g)
  local k = #levels
  if k < 2 or k > n - 1 then
    fail(fname, "silhouettes need 2 to n - 1 = %d groups, got %d", n - 1, k)
  end
  local G = matrix.new(n, k, 0)
  for i = 1, n do G:set(i, index[g[i]], 1) end
  local size = G:colsums()
  local S = D * G                               -- S[i, c]: sum of distances from i to group c
  local width, neighbour, sums, counts = {}, {}, {}, {}
  for c = 1, k do sums[c], counts[c] = 0, 0 end
  for i = 1, n do
    local own = index[g[i]]
    local s, b, nb = 0, math.huge, nil
    if size:get(1, own) > 1 then
      local a = S:get(i, own) / (size:get(1, own) - 1)
      for c = 1, k do
        local m = S:get(i, c) / size:get(1, c)
        if c ~= own and m < b then b, nb = m, c end
      end
      -- as cluster's sildist.c: 1 - a/b, b/a - 1 or 0, so that a = b = 0 gives 0
      s = a < b and 1 - a / b or a > b and b / a - 1 or 0
    else
      for c = 1, k do
        local m = S:get(i, c) / size:get(1, c)
        if c ~= own and m < b then b, nb = m, c end
      end
    end
    width[i], neighbour[i] = s, levels[nb]
    sums[own], counts[own] = sums[own] + s, counts[own] + 1
  end
  local total, by_group = 0, {}
  for c = 1, k do
    total = total + sums[c]
    by_group[c] = {group = levels[c], size = counts[c], average = sums[c] / counts[c]}
  end
  return {width = width, neighbour = neighbour, average = total / n, group_average = by_group}
end

function M.choose_k(tree, D, kmax)
  local fname = "choose_k"
  if type(tree) ~= "table" or not matrix.ismatrix(tree.height) then
    fail(fname, "tree must be a stats.hclust result")
  end
  local h = tree.height:list()
  local n = #h + 1
  kmax = kmax or 8
  if math.type(kmax) ~= "integer" or kmax < 2 then
    fail(fname, "kmax must be an integer of at least 2, got %s", tostring(kmax))
  end
  kmax = math.min(kmax, n - 1)
  if kmax < 2 then fail(fname, "choosing k needs at least 3 observations, got %d", n) end
  local out, best = {}, nil
  for k = 2, kmax do
    -- cutting into k groups undoes the last k - 1 merges: the tree joins k groups
    -- into k - 1 at height h[n - k + 1], which rises over the merge before by the jump
    local height = h[n - k + 1]
    local r = {k = k, height = height, jump = height - (h[n - k] or 0),
      silhouette = M.silhouette(D, stats.cutree(tree, k)).average}
    out[#out + 1] = r
    if not best or r.silhouette > best.silhouette then best = r end
  end
  return out, best.k
end

function M.crosstab(a, b, opts)
  local fname = "crosstab"
  opts = opts or {}
  a = groups_of(fname, a, nil, "a")
  b = groups_of(fname, b, #a, "b")
  local rows, ri = levels_of(a, opts.rows)
  local cols, ci = levels_of(b, opts.cols)
  local counts = matrix.new(#rows, #cols, 0)
  for i = 1, #a do
    local r, c = ri[a[i]], ci[b[i]]
    if not r then fail(fname, "a[%d] = '%s' is not among opts.rows", i, tostring(a[i])) end
    if not c then fail(fname, "b[%d] = '%s' is not among opts.cols", i, tostring(b[i])) end
    counts:set(r, c, counts:get(r, c) + 1)
  end
  local rn, cn = {}, {}
  for i, v in ipairs(rows) do rn[i] = tostring(v) end
  for j, v in ipairs(cols) do cn[j] = tostring(v) end
  counts:setnames(rn, cn)
  return {rows = rows, cols = cols, counts = counts, n = #a}
end

-- the number of pairs among m: m (m - 1) / 2
local function pairs2(m) return m * (m - 1) / 2 end

-- Hubert & Arabie (1985), eq. 5: (index - expected) / (maximum - expected) with
-- index = sum_ij C(n_ij, 2), expected = sum_i C(a_i, 2) sum_j C(b_j, 2) / C(n, 2)
-- and maximum = (sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2
function M.adjusted_rand(a, b)
  local t = M.crosstab(a, b)
  local N = t.counts
  if t.n < 2 then fail("adjusted_rand", "needs at least 2 observations, got %d", t.n) end
  local index = N:map(pairs2):sum()
  local rows = N:rowsums():map(pairs2):sum()
  local cols = N:colsums():map(pairs2):sum()
  local expected = rows * cols / pairs2(t.n)
  local maximum = (rows + cols) / 2
  if maximum == expected then return nil end
  return (index - expected) / (maximum - expected)
end

return M
