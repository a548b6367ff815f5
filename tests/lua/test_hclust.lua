-- test_hclust.lua -- stats.dist, stats.hclust and stats.cutree from Lua:
-- USArrests against R 4.2.2's hclust (tests/data/r_reference, see its
-- PROVENANCE.md), labels, Jaccard distances against R, every error message.
local T = require "testing"
local matrix = require "matrix"
local stats = require "stats"
local csv = require "csv"

local ref = T.data .. "/r_reference/"
local X = csv.read(ref .. "USArrests.csv")   -- 50 x 4, states as row labels

-- rows of a reference CSV (header dropped) as arrays of strings
local function rows (name)
  local out = {}
  for line in io.lines(ref .. name) do
    local r = {}
    for f in line:gmatch("[^,]+") do r[#r + 1] = f:gsub('"', "") end
    out[#out + 1] = r
  end
  table.remove(out, 1)
  return out
end

-- tree against a merge/height file: step, merge1, merge2, height
local function check_tree (tree, name, tol)
  local want = rows(name)
  T.equal(tree.merge:rows(), #want, "merges")
  for k, r in ipairs(want) do
    T.equal(tree.merge:get(k, 1), tonumber(r[2]), "merge[" .. k .. ", 1]")
    T.equal(tree.merge:get(k, 2), tonumber(r[3]), "merge[" .. k .. ", 2]")
    T.close(tree.height:get(k, 1), tonumber(r[4]), tol, "height " .. k)
  end
end

T.test("dist: euclidean distances between the states, labelled", function()
  local D = stats.dist(X, "euclidean")
  T.equal(D:rows(), 50, "rows")
  -- R: as.matrix(dist(USArrests))["Alabama", "Alaska"] = 37.177009024395709,
  -- ["Texas", "Vermont"] = 161.33115012296912
  T.close(D:get("Alabama", "Alaska"), 37.177009024395709, 1e-15, "Alabama-Alaska")
  T.close(D:get("Vermont", "Texas"), 161.33115012296912, 1e-15, "Vermont-Texas")
  T.equal(D:get("Ohio", "Ohio"), 0, "diagonal")
  T.equal(D:colnames()[50], "Wyoming", "column labels = the row labels of X")
  T.equal(stats.dist(X):get(2, 1), D:get(2, 1), "euclidean is the default")
end)

T.test("hclust average on USArrests: merge, height, order, labels as R", function()
  local tree = stats.hclust(stats.dist(X), "average")
  -- the last digits of R's printed heights (15 significant) are all we lose
  check_tree(tree, "ref_R_hclust_USArrests_euclid_average_merge.csv", 1e-13)
  for k, r in ipairs(rows("ref_R_hclust_USArrests_order.csv")) do
    T.equal(tree.order[k], tonumber(r[1]), "order " .. k)
    T.equal(tree.labels[tree.order[k]], r[2], "label of leaf " .. k)
  end
  T.equal(tree.method, "average", "method")
end)

T.test("hclust average on scaled USArrests (z-scores, sd with n - 1)", function()
  local n = X:rows()
  local Z = (X - matrix.ones(n) * X:mean("col")):divcols(X:sd("col"))
  local tree = stats.hclust(stats.dist(Z), "average")
  check_tree(tree, "ref_R_hclust_USArrests_scaled_euclid_average_merge.csv", 1e-12)
end)

T.test("cutree: k = 3 as R, and a cut by height", function()
  local tree = stats.hclust(stats.dist(X), "average")
  local groups = stats.cutree(tree, 3)
  for i, r in ipairs(rows("ref_R_hclust_USArrests_cutree_k3.csv")) do
    T.equal(tree.labels[i], r[1], "state " .. i)
    T.equal(groups[i], tonumber(r[2]), r[1])
  end
  T.equal(stats.cutree(tree, {k = 3})[50], groups[50], "{k = 3} is the same")
  -- R: unname(cutree(hclust(dist(USArrests), "average"), h = 50))
  local want = {1, 1, 1, 2, 1, 2, 3, 1, 4, 2, 5, 3, 1, 3, 5, 3, 3, 1, 5, 1,
                2, 1, 5, 1, 2, 3, 3, 1, 5, 2, 1, 1, 4, 5, 3, 2, 2, 3, 2, 1,
                5, 2, 2, 3, 5, 2, 2, 5, 5, 2}
  local byh = stats.cutree(tree, {h = 50})
  for i = 1, 50 do T.equal(byh[i], want[i], "h = 50, state " .. i) end
  T.equal(stats.cutree(tree, 50)[50], 50, "k = n: every state alone")
  T.equal(stats.cutree(tree, 1)[50], 1, "k = 1: one group")
end)

T.test("dist binary: Jaccard as R, all-zero rows included", function()
  -- R: set.seed(42); B <- rbind(matrix(rbinom(24, 1, 0.5), 4, 6), 0, 0)
  --    print(as.matrix(dist(B, "binary")), digits = 17)
  local B = matrix.from{{1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}, {0, 1, 0, 0, 0, 1},
                        {1, 0, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}}
  local third, sixth = 0.66666666666666663, 0.16666666666666666
  T.close_matrix(stats.dist(B, "binary"), {
    {0, 0.5, third, sixth, 1, 1},
    {0.5, 0, 0.75, third, 1, 1},
    {third, 0.75, 0, 0.83333333333333337, 1, 1},
    {sixth, third, 0.83333333333333337, 0, 1, 1},
    {1, 1, 1, 1, 0, 0},
    {1, 1, 1, 1, 0, 0}}, 1e-16, "binary")
end)

T.test("other methods reach C", function()
  local Y = matrix.from{{1, -2, 3}, {0, 4, 3}}
  -- by hand: |1-0| + |-2-4| + 0 = 7; max 6; (1 + 6^3)^(1/3) = 217^(1/3)
  T.equal(stats.dist(Y, "manhattan"):get(1, 2), 7, "manhattan")
  T.equal(stats.dist(Y, "maximum"):get(1, 2), 6, "maximum")
  T.close(stats.dist(Y, "minkowski", 3):get(1, 2), 217 ^ (1 / 3), 1e-15, "minkowski")
  -- 1/1 + 6/6 + 0/6 = 2
  T.close(stats.dist(Y, "canberra"):get(1, 2), 2, 1e-15, "canberra")
  local tree = stats.hclust(matrix.from{{0, 1, 4}, {1, 0, 2}, {4, 2, 0}})
  T.equal(tree.method, "complete", "complete is the default, as R")
  -- complete: {1,2} at 1, then max(4, 2) = 4
  T.equal(tree.height:get(2, 1), 4, "complete height")
  T.equal(tree.labels, nil, "no labels without row labels")
end)

T.test("help for every new function", function()
  for _, f in ipairs{"dist", "hclust", "cutree"} do
    assert(type(stats._help[f]) == "string", "no help for " .. f)
  end
  assert(stats._help.cor, "the module's own help is kept")
end)

T.test("dist: bad arguments", function()
  local nan = matrix.from({{1, 2}, {0 / 0, 1}}, {"a", "b"}, {"x", "y"})
  T.errors("element [2, 1] (b, x) is", stats.dist, nan)
  T.errors("not a finite number", stats.dist, nan)
  T.errors("unknown method 'cosine' (expected euclidean, manhattan, maximum, "
    .. "canberra, binary, minkowski)", stats.dist, X, "cosine")
  T.errors("minkowski power p must be a positive finite number, got 0",
    stats.dist, X, "minkowski", 0)
  T.errors("X has no columns", stats.dist, matrix.new(3, 0))
  T.errors("canberra distance between rows 1 and 2 is undefined",
    stats.dist, matrix.from{{0, 0}, {0, 0}, {1, 2}}, "canberra")
  T.errors("matrix or table", stats.dist, "X")
end)

T.test("hclust: bad arguments", function()
  local D = stats.dist(X:slice(1, 3))
  T.errors("square matrix expected, got 3 x 2", stats.hclust, matrix.new(3, 2))
  T.errors("at least 2 objects", stats.hclust, matrix.new(1, 1, 0))
  T.errors("unknown method 'ward' (expected ward.D, single, complete, average, "
    .. "mcquitty, median, centroid, ward.D2)", stats.hclust, D, "ward")
  local A = D:copy(); A:set(2, 1, 99)
  T.errors("hclust: D is not symmetric: D[2, 1] = 99 but D[1, 2] = "
    .. "37.177009024395709 (Alaska, Alabama)", stats.hclust, A)
  local N = D:copy(); N:set(3, 1, -1); N:set(1, 3, -1)
  T.errors("D[3, 1] is -1: dissimilarities must be non-negative (Arizona, Alabama)",
    stats.hclust, N)
  local G = D:copy(); G:set(2, 2, 1)
  T.errors("the diagonal of a dissimilarity matrix must be 0 (Alaska, Alaska)",
    stats.hclust, G)
  local F = D:copy(); F:set(1, 2, 0 / 0)
  T.errors("hclust: D: element [1, 2] (Alabama, Alaska) is", stats.hclust, F)
end)

T.test("cutree: bad arguments", function()
  local tree = stats.hclust(stats.dist(X:slice(1, 4)), "average")
  T.errors("between 1 and 4", stats.cutree, tree, 0)
  T.errors("k = 5 groups: must be between 1 and 4", stats.cutree, tree, 5)
  T.errors("k must be a whole number", stats.cutree, tree, 2.5)
  T.errors("give either k (groups) or h (height), not both or neither",
    stats.cutree, tree, {k = 2, h = 1})
  T.errors("give either k (groups) or h (height)", stats.cutree, tree, {})
  T.errors("h must be a number", stats.cutree, tree, {h = "high"})
  T.errors("k (a number of groups), {k = k} or {h = height} expected, got nil",
    stats.cutree, tree)
  T.errors("table expected", stats.cutree, 3, 2)
  T.errors("tree has no 'merge'", stats.cutree, {}, 2)
  T.errors("tree.merge: merge[2, 1] = -1 joins observation 1 a second time",
    stats.cutree, {merge = matrix.from{{-1, -2}, {-1, -3}}}, 2)
  T.errors("tree has no 'height'", stats.cutree, {merge = tree.merge}, {h = 1})
  T.errors("tree.height has 2 values for 3 merges", stats.cutree,
    {merge = tree.merge, height = {1, 2}}, {h = 1})
  -- centroid heights can decrease (R refuses a cut by height then too):
  -- an equilateral triangle, squared distances all 4. First merge {1,2} at 4;
  -- Lance-Williams for the centroid: (1 * 4 + 1 * 4 - 1 * 1 * 4 / 2) / 2 = 3,
  -- the squared distance from the third corner to the midpoint.
  -- R: h <- hclust(as.dist(matrix(c(0,4,4, 4,0,4, 4,4,0), 3)), "centroid");
  -- h$height = 4 3, cutree(h, 2) = 1 1 2
  local ct = stats.hclust(matrix.from{{0, 4, 4}, {4, 0, 4}, {4, 4, 0}}, "centroid")
  T.equal(ct.height:get(2, 1), 3, "centroid height decreases")
  T.errors("not sorted increasingly", stats.cutree, ct, {h = 3.5})
  T.equal(stats.cutree(ct, 2)[3], 2, "a cut by k still works")
end)

T.done()
