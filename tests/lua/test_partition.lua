-- test_partition.lua -- silhouettes, the choice of k, cross-tables and the
-- adjusted Rand index on examples worked by hand (and checked with R's
-- cluster::silhouette and mclust::adjustedRandIndex, whose outputs are quoted).
local T = require "testing"
local matrix = require "matrix"
local stats = require "stats"
local partition = require "partition"

-- five points on a line, 0 1 | 5 6 10, Euclidean distances
local X = matrix.from{{0}, {1}, {5}, {6}, {10}}
local D = stats.dist(X)

-- a(i): mean distance to the rest of its group, b(i): mean distance to the
-- other group, s = 1 - a/b (a < b everywhere here):
--   0: a = 1, b = (5 + 6 + 10)/3 = 7      -> 6/7
--   1: a = 1, b = (4 + 5 + 9)/3 = 6       -> 5/6
--   5: a = (1 + 5)/2 = 3, b = (5 + 4)/2 = 4.5   -> 1/3
--   6: a = (1 + 4)/2 = 2.5, b = (6 + 5)/2 = 5.5 -> 6/11
--  10: a = (5 + 4)/2 = 4.5, b = (10 + 9)/2 = 9.5 -> 10/19
-- R 4.2.2, cluster 2.1.4: summary(silhouette(c(1,1,2,2,2), dist(c(0,1,5,6,10))))$avg.width
-- prints 0.619116
T.test("silhouette: widths by hand", function()
  local s = partition.silhouette(D, {1, 1, 2, 2, 2})
  local want = {6 / 7, 5 / 6, 1 / 3, 6 / 11, 10 / 19}
  for i = 1, 5 do T.close(s.width[i], want[i], 1e-14, "s(" .. i .. ")") end
  T.close(s.average, (6 / 7 + 5 / 6 + 1 / 3 + 6 / 11 + 10 / 19) / 5, 1e-14, "average")
  T.close(s.average, 0.619116, 1e-6, "R's avg.width")
  T.equal(s.neighbour[1], 2, "neighbour")
  T.close(s.group_average[1].average, (6 / 7 + 5 / 6) / 2, 1e-14, "group 1 average")
end)

-- a group of one has width 0 (Rousseeuw 1987): 0 1 | 5 | 6 10 -> s(5) = 0
T.test("silhouette: a singleton has width 0; labels may be strings", function()
  local s = partition.silhouette(D, {"a", "a", "b", "c", "c"})
  T.close(s.width[3], 0, 0, "singleton")
  T.equal(s.group_average[2].group, "b", "group label")
  T.errors("need 2 to n - 1 = 4 groups, got 1", partition.silhouette, D, {1, 1, 1, 1, 1})
  T.errors("groups has 3 labels for 5 observations", partition.silhouette, D, {1, 2, 1})
  T.errors("D must be a square matrix", partition.silhouette, X, {1, 2, 1, 2, 1})
end)

-- a = 1 1 2 2 3 3, b = 1 1 1 2 2 2: table rows (2 0) (1 1) (0 2);
-- index = C(2,2) + C(2,2) = 2; rows: 3 C(2,2) = 3; columns: 2 C(3,2) = 6;
-- expected = 3 * 6 / C(6,2) = 1.2; maximum = (3 + 6)/2 = 4.5;
-- ARI = (2 - 1.2) / (4.5 - 1.2) = 0.8 / 3.3 = 0.24242... (mclust: 0.2424242)
T.test("adjusted Rand index by hand", function()
  T.close(partition.adjusted_rand({1, 1, 2, 2, 3, 3}, {1, 1, 1, 2, 2, 2}), 0.8 / 3.3, 1e-14, "ARI")
  T.close(partition.adjusted_rand({1, 1, 2, 2}, {"x", "x", "y", "y"}), 1, 1e-15, "same grouping")
  T.equal(partition.adjusted_rand({1, 1, 1}, {2, 2, 2}), nil, "0/0: both one group")
  T.errors("b has 2 labels for 3 observations", partition.adjusted_rand, {1, 2, 3}, {1, 2})
end)

T.test("crosstab: counts with given and found levels", function()
  local t = partition.crosstab({"a", "b", "a", "a"}, {1, 2, 2, 2}, {cols = {2, 1, 3}})
  T.close_matrix(t.counts, {{2, 1, 0}, {1, 0, 0}}, 0, "counts")
  T.equal(t.counts:colnames()[1], "2", "column label")
  T.equal(t.counts:rownames()[2], "b", "row label")
  T.errors("b[1] = '1' is not among opts.cols", partition.crosstab, {"a"}, {1}, {cols = {2}})
end)

-- the tree of 0 1 5 6 10 under average linkage: heights 1, 1 (ties), then
-- {5,6}-{10} at (5 + 4)/2 = 4.5, then {0,1}-{5,6,10} at (5+6+10+4+5+9)/6 = 6.5
T.test("choose_k: heights, jumps and silhouettes by k", function()
  local tree = stats.hclust(D, "average")
  local ck, best = partition.choose_k(tree, D, 4)
  T.equal(#ck, 3, "k = 2..4")
  T.close(ck[1].height, 6.5, 1e-14, "k = 2 height")
  T.close(ck[1].jump, 2, 1e-14, "k = 2 jump")
  T.close(ck[2].height, 4.5, 1e-14, "k = 3 height")
  T.close(ck[2].jump, 3.5, 1e-14, "k = 3 jump")
  T.close(ck[1].silhouette, 0.619116, 1e-6, "k = 2 silhouette (R, as above)")
  -- k = 3: {0,1} {5,6} {10}: s = 1 - 1/5.5, 1 - 1/4.5, 1 - 1/4.5 (b = (5+4)/2 to
  -- {0,1}), 1 - 1/4 (b = 4 to {10}), 0 (singleton): mean 0.6247 > 0.6191
  T.close(ck[2].silhouette, (1 - 1 / 5.5 + 2 * (1 - 1 / 4.5) + 1 - 1 / 4) / 5, 1e-14, "k = 3 silhouette")
  T.equal(best, 3, "widest")
  T.errors("kmax must be an integer of at least 2", partition.choose_k, tree, D, 1)
  T.errors("tree must be a stats.hclust result", partition.choose_k, {}, D)
end)

T.done()
