-- test_stats_cor.lua -- the Lua side of stats.cor, stats.varimax and
-- stats.promax: labels, zero-variance columns, options and error messages.
-- Numbers from R 4.2.2 (commands in the comments).
local T = require "testing"
local matrix = require "matrix"
local stats = require "stats"

-- X <- cbind(a = c(1,2,3,4,5), b = c(2,1,4,3,6), c = c(5,3,2,2,1))
local X = matrix.from({{1, 2, 5}, {2, 1, 3}, {3, 4, 2}, {4, 3, 2}, {5, 6, 1}}, nil, {"a", "b", "c"})

T.test("cor(X) and cor(X, Y) equal R's, with labels", function()
  local R = stats.cor(X)
  -- R: cor(X)["a", "b"] = 0.821994936526786, cor(X)["a", "c"] = -0.938314863256837
  T.close(R:get("a", "b"), 0.821994936526786, 1e-14, "r(a, b)")
  T.close(R:get("c", "a"), -0.938314863256837, 1e-14, "r(c, a)")
  T.equal(R:get("b", "b"), 1.0, "diagonal exactly 1")
  local Y = matrix.from({{0, 10}, {1, 20}, {0, 25}, {1, 40}, {1, 41}}, nil, {"d", "e"})
  local C = stats.cor(X, Y)
  -- R: cor(X, Y)["a", "e"] = 0.975361439543103
  T.close(C:get("a", "e"), 0.975361439543103, 1e-14, "r(a, e)")
  T.equal(table.concat(C:rownames(), ","), "a,b,c", "rows: X's columns")
  T.equal(table.concat(C:colnames(), ","), "d,e", "columns: Y's columns")
end)

T.test("a zero-variance column is an error naming it, or reported", function()
  local Z = matrix.from({{1, 7}, {2, 7}, {4, 7}}, nil, {"x", "flat"})
  T.errors("column 2 (flat) of X has zero variance", stats.cor, Z)
  local R, constant = stats.cor(Z, nil, {constant = "report"})
  T.equal(#constant.x, 1, "one constant column")
  T.equal(constant.x[1], 2, "column 2")
  T.equal(R:get(1, 2) ~= R:get(1, 2), true, "its correlations are NaN, as reported")
  local _, c2 = stats.cor(X:slice(1, 3), Z, {constant = "report"})
  T.equal(#c2.x, 0, "none in X")
  T.equal(c2.y[1], 2, "column 2 of Y")
end)

T.test("bad arguments", function()
  T.errors("dimension mismatch", stats.cor, X, matrix.new(4, 2, 1))
  T.errors("at least 2 rows", stats.cor, matrix.new(1, 3, 1))
  T.errors("not a finite number", stats.cor, matrix.from{{1, 2}, {0 / 0, 1}, {2, 2}})
  T.errors("constant must be \"error\" or \"report\", got ignore", stats.cor, X, nil, {constant = "ignore"})
end)

T.test("varimax and promax keep labels and take R's options", function()
  local A = matrix.from({{0.8, 0.3}, {0.7, 0.35}, {0.75, 0.2}, {0.3, 0.8}, {0.2, 0.75}},
    {"v1", "v2", "v3", "v4", "v5"}, {"PC1", "PC2"})
  local L, T1, it = stats.varimax(A)
  T.equal(L:rownames()[5], "v5", "row labels")
  assert(it >= 1, "iterations reported")
  T.close((A * T1 - L):abs():max(), 0, 1e-14, "loadings = A * rotmat")
  -- values against R are in tests/c/test_rotation.c; here the options reach C
  local L0 = stats.varimax(A, {normalize = false})
  assert((L0 - L):abs():max() > 1e-6, "normalize = false changes the result")
  local P, U = stats.promax(A, {m = 3})
  T.close((A * U - P):abs():max(), 0, 1e-14, "promax loadings = A * rotmat")
  T.errors("eps must be positive", stats.varimax, A, {eps = -1})
  T.errors("power m must be >= 1", stats.promax, A, {m = 0})
  T.errors("more factors than variables", stats.promax, A:t())
end)

T.done()
