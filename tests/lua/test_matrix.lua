-- test_matrix.lua -- the matrix binding: constructors, labels, selection,
-- arithmetic, reductions and the error for every kind of bad argument.
-- Expected numbers are hand calculations on 2 x 2 and 2 x 3 matrices.
local T = require "testing"
local matrix = require "matrix"

local function ab()
  local a = matrix.from({{1, 2}, {3, 4}}, {"r1", "r2"}, {"c1", "c2"})
  return a, matrix.from{{5, 6}, {7, 8}}
end

T.test("constructors", function()
  T.close_matrix(matrix.new(2, 3, 5), {{5, 5, 5}, {5, 5, 5}})
  T.close_matrix(matrix.eye(2), {{1, 0}, {0, 1}})
  T.close_matrix(matrix.zeros(1, 2), {{0, 0}})
  T.close_matrix(matrix.ones(2), {{1}, {1}})
  T.close_matrix(matrix.col{1, 2}, {{1}, {2}})
  T.close_matrix(matrix.row{1, 2}, {{1, 2}})
  T.close_matrix(matrix.from{1, 2, 3}, {{1}, {2}, {3}})
  T.close_matrix(matrix.diag{2, 3}, {{2, 0}, {0, 3}})
  T.close_matrix(matrix.diag(matrix.from{{1, 2}, {3, 4}}), {{1}, {4}})
  T.equal(matrix.new(0, 0):rows(), 0, "empty matrix")
end)

T.test("labels travel with the numbers", function()
  local a = ab()
  T.equal(a:get("r2", "c1"), 3, "get by label")
  local t = a:t()
  T.equal(t:rownames()[1], "c1", "transpose swaps labels")
  T.equal((a * a):colnames()[2], "c2", "product keeps the right operand's column labels")
  T.equal(a:rowsums():rownames()[2], "r2", "rowsums keeps row labels")
  T.equal(matrix.diag(a:rowsums()):colnames()[1], "r1", "diag of a labelled vector")
  T.equal(a:select({"r2"}):rownames()[1], "r2", "select by label")
  local cyr = matrix.col({1, 2}, {"Горнодобывающая", "Обрабатывающая"})
  T.equal(cyr:rownames()[1], "Горнодобывающая", "UTF-8 label")
  assert(tostring(cyr):find("Обрабатывающая", 1, true), "UTF-8 label printed")
end)

T.test("selection, slicing, dropping, concatenation", function()
  local m = matrix.from({{1, 2, 3}, {4, 5, 6}}, {"a", "b"}, {"x", "y", "z"})
  T.close_matrix(m:slice(1, 2, 2, 3), {{2, 3}, {5, 6}})
  T.close_matrix(m:slice(nil, nil, 3), {{3}, {6}})
  T.close_matrix(m:select({2, 1}, {"z"}), {{6}, {3}})
  T.close_matrix(m:drop(nil, {"y"}), {{1, 3}, {4, 6}})
  T.close_matrix(m:row("b"), {{4, 5, 6}})
  T.close_matrix(m:col(2), {{2}, {5}})
  local h = matrix.hcat(m, m)
  T.equal(h:cols(), 6); T.equal(h:colnames()[4], "x")
  local v = m:vcat(m)
  T.close_matrix(v:col(1), {{1}, {4}, {1}, {4}})
  T.equal(v:rownames()[3], "a")
  -- a labelled and an unlabelled matrix: the result has no labels on the
  -- joined side and keeps the first one's on the other
  local mixed = matrix.vcat(m, matrix.new(1, 3, 9))
  assert(matrix.ismatrix(mixed), "vcat of labelled and unlabelled returns a matrix")
  T.equal(mixed:rownames(), nil, "no row labels"); T.equal(mixed:colnames()[3], "z")
  T.close_matrix(matrix.hcat(matrix.new(2, 1, 7), m):col(1), {{7}, {7}})
end)

T.test("arithmetic", function()
  local a, b = ab()
  T.close_matrix(a * b, {{19, 22}, {43, 50}})   -- 1*5+2*7, 1*6+2*8, ...
  T.close_matrix(a + b, {{6, 8}, {10, 12}})
  T.close_matrix(b - a, {{4, 4}, {4, 4}})
  T.close_matrix(-a, {{-1, -2}, {-3, -4}})
  T.close_matrix(a * 2, {{2, 4}, {6, 8}}); T.close_matrix(2 * a, {{2, 4}, {6, 8}})
  T.close_matrix(a / 2, {{0.5, 1}, {1.5, 2}})
  T.close_matrix(a:emul(b), {{5, 12}, {21, 32}})
  T.close_matrix(b:ediv(a), {{5, 3}, {7 / 3, 2}})
  T.close_matrix(a:mulcols{10, 100}, {{10, 200}, {30, 400}})
  T.close_matrix(a:divrows{1, 2}, {{1, 2}, {1.5, 2}})
  T.close_matrix(a * {1, 1}, {{3}, {7}})       -- a Lua array is a column
  assert(a == matrix.from{{1, 2}, {3, 4}}, "==")
  assert(a ~= b, "~=")
  T.equal(#a, 4, "# counts elements")
end)

T.test("reductions", function()
  local a = ab()
  T.equal(a:sum(), 10)
  T.close_matrix(a:colsums(), {{4, 6}}); T.close_matrix(a:rowsums(), {{3}, {7}})
  T.close(a:mean(), 2.5)
  T.close(a:sd(), math.sqrt(5 / 3), 1e-15, "sd, divisor n - 1")
  T.close_matrix(a:sd("col"), {{math.sqrt(2), math.sqrt(2)}}, 1e-15)  -- sd{1,3}
  T.close_matrix(a:max("row"), {{2}, {4}})
  T.equal(a:min(), 1)
end)

T.test("elementwise functions and comparisons", function()
  local a = ab()
  T.close_matrix(a:sqrt(), {{1, math.sqrt(2)}, {math.sqrt(3), 2}})
  T.close_matrix(a:log(), {{0, math.log(2)}, {math.log(3), math.log(4)}})
  T.close_matrix((-a):abs(), {{1, 2}, {3, 4}})
  T.close_matrix(a:map(function(x, i, j) return x * 10 + i + j end), {{12, 23}, {33, 44}})
  T.close_matrix(a:gt(2), {{0, 0}, {1, 1}})
  T.close_matrix(a:le(matrix.from{{1, 1}, {4, 4}}), {{1, 0}, {1, 1}})
end)

T.test("bad arguments are errors that say what is wrong", function()
  local a, b = ab()
  T.errors("dimension mismatch (2 x 2 * 3 x 1)", function() return a * {1, 2, 3} end)
  T.errors("dimension mismatch", function() return a + matrix.new(3, 3) end)
  T.errors("row index 3 out of range 1..2", function() return a:get(3, 1) end)
  T.errors("no column labelled 'zz'", function() return a:get(1, "zz") end)
  T.errors("has no row labels", function() return b:get("x", 1) end)
  T.errors("row 2 has 1 elements, row 1 has 2", matrix.from, {{1, 2}, {3}})
  T.errors("element [2][1] is string", matrix.from, {{1, 2}, {"x", 3}})
  T.errors("3 row labels for 2 rows", function() return a:setnames({"a", "b", "c"}) end)
  T.errors("log of -1", function() return (-a):log() end)
  T.errors("sd needs at least 2 values", function() return matrix.new(1, 1):sd() end)
  T.errors("use m:ediv", function() return a / b end)
  T.errors("the number of rows must be from 0 to 2147483647, got -1", matrix.new, -1, 2)
  T.errors("map: the function returned nil", function() return a:map(function() end) end)
  T.errors("needs a row and a column index", function() return a:get(1) end)
  T.errors("the number of rows must be from 0 to 2147483647, got 1099511627776", function() return matrix.new(2^40, 2^40) end)
  T.errors("is too large", function() return matrix.new(2^31 - 1, 2^31 - 1) end)
end)

T.test("printing", function()
  local a = ab()
  local s = a:format{}
  T.equal(s, "2 x 2 matrix\n   c1 c2\nr1  1  2\nr2  3  4")
  -- a column shares its decimals (0.25 needs two), so the points line up
  T.equal(matrix.from{{1.5}, {0.25}, {10}}:format{},
    "3 x 1 matrix\n      [,1]\n[1,]  1.50\n[2,]  0.25\n[3,] 10.00")
  -- where fixed notation would be wider than scientific, significant digits
  assert(matrix.from{{1e-12}, {1}}:format{}:find("1e-12", 1, true), "%g fallback")
  local nan = matrix.from{{0 / 0}}
  assert(tostring(nan):find("NA", 1, true), "NaN prints as NA")
  local wide = matrix.new(2, 30, 123.456)
  local trimmed = wide:format{width = 60}
  assert(trimmed:find("more columns", 1, true), "trimmed to the width")
  for line in trimmed:gmatch("[^\n]+") do assert(#line <= 60, "line longer than 60: " .. line) end
  local long = matrix.new(100, 1):format{rows = 10}
  assert(long:find("90 more rows", 1, true), "rows summarised")
end)

T.test("crossprod: t(m) * b without the transpose", function()
  local m = matrix.from({ { 1, 2 }, { 3, 4 } }, { "r1", "r2" }, { "a", "b" })
  local c = m:crossprod(matrix.col({ 5, 6 }))
  -- by hand: t(m) (5, 6)' = (1*5 + 3*6, 2*5 + 4*6)' = (23, 34)'
  T.equal(c:rows(), 2, "2 x 1"); T.equal(c:cols(), 1, "2 x 1")
  T.equal(c:get(1, 1), 23, "first"); T.equal(c:get(2, 1), 34, "second")
  T.equal(c:rownames()[2], "b", "rows named by m's columns")
  T.errors("dimension mismatch", function() return m:crossprod(matrix.col({ 1, 2, 3 })) end)
end)

T.test("margins: sum, column and row sums and sds in two passes", function()
  local t, cs, rs, csd, rsd = matrix.from({ { 1, 2 }, { 3, 4 } }):margins()
  -- by hand: sum 10; columns (1, 3) and (2, 4): sums 4, 6, sd sqrt(((1-2)^2 + (3-2)^2) / 1) = sqrt(2);
  -- rows (1, 2) and (3, 4): sums 3, 7, sd sqrt(0.5)
  T.equal(t, 10, "sum"); T.equal(cs:get(1, 2), 6, "column sum"); T.equal(rs:get(2, 1), 7, "row sum")
  T.close(csd:get(1, 1), math.sqrt(2), 1e-15, "column sd"); T.close(rsd:get(2, 1), math.sqrt(0.5), 1e-15, "row sd")
  -- the very numbers of the separate reductions, on a seeded random 37 x 23
  math.randomseed(7)
  local m = matrix.new(37, 23):map(function() return math.random() * 100 - 50 end)
  t, cs, rs, csd, rsd = m:margins()
  T.equal(t == m:sum() and cs == m:colsums() and rs == m:rowsums() and csd == m:sd("col") and rsd == m:sd("row"),
    true, "bit for bit as sum, colsums, rowsums, sd")
end)

T.done()
