-- test_linalg.lua -- the linalg binding: results against hand calculations
-- and R 4.2.2 (commands quoted where used), labels carried as R's solve does,
-- empty and 1 x 1 input, and the message of every error.
local T = require "testing"
local matrix = require "matrix"
local linalg = require "linalg"

-- vector element i of an n x 1 matrix
local function v(m, i) return m:get(i, 1) end

-- R: A <- rbind(c(4,-2,1,3), c(3,6,-4,2), c(2,1,8,-5), c(1,-3,2,7))
local A4 = {{4, -2, 1, 3}, {3, 6, -4, 2}, {2, 1, 8, -5}, {1, -3, 2, 7}}

T.test("solve: hand-calculated 2 x 2, vector and matrix right-hand sides", function()
  -- [4 1; 2 3]^-1 = [3 -1; -2 4] / 10
  local a = matrix.from{{4, 1}, {2, 3}}
  T.close_matrix(linalg.solve(a, {1, 2}), {{0.1}, {0.6}}, 1e-14, "x")
  T.close_matrix(linalg.solve(a, matrix.from{{1, 0}, {2, 1}}), {{0.1, -0.1}, {0.6, 0.4}}, 1e-14, "X")
  T.close_matrix(linalg.solve({{4, 1}, {2, 3}}, {1, 2}), {{0.1}, {0.6}}, 1e-14, "tables")
end)

T.test("solve, inv, det on 4 x 4 against R", function()
  local a = matrix.from(A4)
  -- R: B <- cbind(c(1,2,3,4), c(-1,0,1,2)); solve(A, B)
  T.close_matrix(linalg.solve(a, matrix.from{{1, -1}, {2, 0}, {3, 1}, {4, 2}}), {
    {-0.099153567110036145, -0.45949214026602175},
    {0.649939540507859848, 0.38996372430471593},
    {0.728536880290205691, 0.43712212817412344},
    {0.655985489721886195, 0.39359129383313179}}, 1e-12, "solve")
  -- R: solve(A)
  T.close_matrix(linalg.inv(a), {
    {0.251511487303506698, 0.0278113663845223763, 0.0096735187424425648, -0.108827085852478841},
    {-0.160822249093107605, 0.1408706166868198273, 0.0707376058041112588, 0.079201934703748506},
    {-0.091898428053204376, 0.0090689238210399023, 0.1118500604594921677, 0.116686819830713440},
    {-0.078597339782345815, 0.0538089480048367513, -0.0030229746070133024, 0.159008464328899618}},
    1e-12, "inv")
  -- R: det(A) = 1654 (an integer matrix, so exactly 1654)
  T.close(linalg.det(a), 1654, 1e-12, "det")
  T.close(linalg.lu(a):det(), 1654, 1e-12, "lu:det")
end)

T.test("det: pivot signs, singular, empty", function()
  T.close(linalg.det(matrix.from{{0, 1}, {1, 0}}), -1, 0, "one row swap")
  T.close(linalg.det(matrix.from{{4, 1}, {2, 3}}), 10, 1e-14, "4*3 - 1*2")
  T.equal(linalg.det(matrix.from{{1, 2}, {2, 4}}), 0, "singular")
  T.equal(linalg.det(matrix.new(0, 0)), 1, "empty product")
  T.equal(linalg.det(matrix.from{{-3}}), -3, "1 x 1")
end)

T.test("lu: reuse for several systems, transposed solve (Leontief multipliers)", function()
  -- Miller & Blair ch. 2: A = [.15 .25; .20 .05]; I - A = [.85 -.25; -.20 .95],
  -- det .7575, L = [.95 .25; .20 .85] / .7575. Output multipliers are L's
  -- column sums, i.e. y with (I - A)' y = 1: (1.15, 1.10) / .7575.
  local ia = matrix.from({{0.85, -0.25}, {-0.20, 0.95}}, {"agri", "manu"}, {"agri", "manu"})
  local f = linalg.lu(ia)
  local m = f:tsolve{1, 1}
  T.close(v(m, 1), 1.15 / 0.7575, 1e-13, "multiplier agri")
  T.close(v(m, 2), 1.10 / 0.7575, 1e-13, "multiplier manu")
  T.close(f:solve({1, 1}, "T"):get(2, 1), 1.10 / 0.7575, 1e-13, "solve(B, 'T')")
  -- L f for final demand (600, 1500): (.95*600 + .25*1500, .2*600 + .85*1500) / .7575
  local x = f:solve{600, 1500}
  T.close(v(x, 1), 945 / 0.7575, 1e-12, "output agri")
  T.close(v(x, 2), 1395 / 0.7575, 1e-12, "output manu")
  T.close(f:det(), 0.7575, 1e-14, "det")
  -- ||I - A||_1 = 1.2, ||L||_1 = 1.15 / .7575: rcond = .7575 / (1.2 * 1.15)
  T.close(f:rcond(), 0.7575 / (1.2 * 1.15), 1e-12, "rcond")
  T.equal(m:rownames()[1], "agri", "labels")
  assert(tostring(f):find("LU factors of a 2 x 2 matrix", 1, true), tostring(f))
end)

T.test("labels: solve and lu take A's column labels, inv swaps them", function()
  local a = matrix.from({{4, 1}, {2, 3}}, {"r1", "r2"}, {"c1", "c2"})
  local b = matrix.from({{1, 0}, {2, 1}}, {"b1", "b2"}, {"x", "y"})
  local s = linalg.solve(a, b)
  T.equal(s:rownames()[2], "c2", "solve rows")
  T.equal(s:colnames()[1], "x", "solve cols")
  local i = linalg.inv(a)
  T.equal(i:rownames()[1], "c1", "inv rows = A's colnames")
  T.equal(i:colnames()[2], "r2", "inv cols = A's rownames")
  local f = linalg.lu(a)
  T.equal(f:solve(b):rownames()[1], "c1", "lu:solve rows")
  T.equal(f:tsolve(b):rownames()[1], "r1", "lu:tsolve rows = A's rownames")
  T.equal(f:solve(b):colnames()[2], "y", "lu:solve cols")
  T.equal(linalg.chol(matrix.from({{4, 2}, {2, 3}}, {"p", "q"}, {"p", "q"})):colnames()[2], "q", "chol")
  local _, vec = linalg.eigsym(matrix.from({{2, 1}, {1, 2}}, {"p", "q"}, {"p", "q"}))
  T.equal(vec:rownames()[2], "q", "eigenvector rows")
  local _, u, vv = linalg.svd(a)
  T.equal(u:rownames()[1], "r1", "U rows")
  T.equal(vv:rownames()[1], "c1", "V rows")
  local x = linalg.lstsq(matrix.from({{1, 1}, {1, 2}, {1, 3}}, nil, {"const", "t"}), {1, 2, 2})
  T.equal(x:rownames()[2], "t", "lstsq rows")
end)

T.test("chol: hand 2 x 2 and R 4 x 4", function()
  -- [4 2; 2 3] = R'R, R = [2 1; 0 sqrt 2]
  T.close_matrix(linalg.chol(matrix.from{{4, 2}, {2, 3}}), {{2, 1}, {0, math.sqrt(2)}}, 1e-14, "2 x 2")
  -- R: S <- crossprod(A) + diag(4); chol(S)
  local S = matrix.from{{31, 9, 10, 15}, {9, 51, -24, -20}, {10, -24, 86, -31}, {15, -20, -31, 88}}
  T.close_matrix(linalg.chol(S), {
    {5.5677643628300215, 1.6164477182409742, 1.7960530202677492, 2.6940795304016238},
    {0, 6.9560834364025244, -3.8675823906398032, -3.5012286629892708},
    {0, 0, 8.2350470551175352, -5.9963227495237694},
    {0, 0, 0, 5.7032838625547155}}, 1e-13, "4 x 4")
end)

T.test("lstsq: hand line fit and R lm.fit", function()
  -- y = a + b t through (1,1), (2,2), (3,2): a = 2/3, b = 1/2, rss = 1/6
  local x, rss = linalg.lstsq(matrix.from{{1, 1}, {1, 2}, {1, 3}}, {1, 2, 2})
  T.close_matrix(x, {{2 / 3}, {0.5}}, 1e-14, "line")
  T.close(rss, 1 / 6, 1e-14, "rss")
  -- R: X <- cbind(1, 1:6, c(2,1,4,3,6,5)); y <- c(3.1,3.9,6.2,6.8,9.9,10.1)
  --    f <- lm.fit(X, y); f$coefficients; sum(f$residuals^2)
  local X = matrix.from{{1, 1, 2}, {1, 2, 1}, {1, 3, 4}, {1, 4, 3}, {1, 5, 6}, {1, 6, 5}}
  x, rss = linalg.lstsq(X, {3.1, 3.9, 6.2, 6.8, 9.9, 10.1})
  T.close_matrix(x, {{0.97916666666666652}, {1.07916666666666661}, {0.54583333333333328}}, 1e-12, "lm.fit")
  T.close(rss, 0.17666666666666725, 1e-10, "rss")
  -- two right-hand sides: rss is 1 x 2; the second column is fitted exactly
  local b = matrix.from({{1, 3}, {2, 5}, {2, 7}}, nil, {"y1", "y2"})
  x, rss = linalg.lstsq(matrix.from{{1, 1}, {1, 2}, {1, 3}}, b)
  T.close_matrix(rss, {{1 / 6, 0}}, 1e-14, "rss by column")
  T.equal(rss:colnames()[2], "y2", "rss labels")
end)

-- a tiny reader for R's write.csv output: quoted labels, numbers
local function read_csv(path)
  local f = assert(io.open(path, "r"))
  local rows = {}
  for line in f:lines() do
    local row = {}
    for field in (line .. ","):gmatch("([^,]*),") do row[#row + 1] = field:gsub('"', "") end
    rows[#rows + 1] = row
  end
  f:close()
  return rows
end

T.test("eigsym: Harman74 correlations against R's eigen", function()
  local rows = read_csv(T.data .. "/r_reference/Harman74_cor_matrix.csv")
  local n = #rows - 1
  local S = matrix.new(n, n)
  for i = 1, n do for j = 1, n do S:set(i, j, tonumber(rows[i + 1][j + 1])) end end
  local ref = read_csv(T.data .. "/r_reference/ref_R_Harman74_eigenvalues.csv")
  local values, vectors = linalg.eigsym(S)
  T.equal(values:rows(), 24, "24 eigenvalues")
  for k = 1, n do T.close(v(values, k), tonumber(ref[k + 1][2]), 1e-10, "eigenvalue " .. k) end
  -- S v = lambda v for the leading vector, and unit length
  local sv = S * vectors:col(1)
  for i = 1, n do T.close(sv:get(i, 1), v(values, 1) * vectors:get(i, 1), 1e-10, "S v1") end
  T.close((vectors:t() * vectors):get(1, 1), 1, 1e-12, "unit vector")
end)

T.test("eigsym with options: every value, vectors of the largest only (dsytrd, dsterf, dstemr)", function()
  local rows = read_csv(T.data .. "/r_reference/Harman74_cor_matrix.csv")
  local n = #rows - 1
  local S = matrix.new(n, n)
  for i = 1, n do for j = 1, n do S:set(i, j, tonumber(rows[i + 1][j + 1])) end end
  local ref = read_csv(T.data .. "/r_reference/ref_R_Harman74_eigenvalues.csv")
  local full_values, full_vectors = linalg.eigsym(S)
  local values, vectors = linalg.eigsym(S, {vectors = 4})
  T.equal(vectors:rows() * 100 + vectors:cols(), 24 * 100 + 4, "24 x 4 vectors")
  for k = 1, n do T.close(v(values, k), tonumber(ref[k + 1][2]), 1e-10, "eigenvalue " .. k) end
  for j = 1, 4 do  -- the same vectors as dsyevr's, up to sign
    local sign = (full_vectors:col(j):t() * vectors:col(j)):get(1, 1) > 0 and 1 or -1
    T.close((full_vectors:col(j) - vectors:col(j) * sign):abs():max(), 0, 1e-10, "vector " .. j)
  end
  -- R: sum(eigen(Harman74.cor$cov)$values >= 1) is 5 (Kaiser)
  local _, kaiser = linalg.eigsym(S, {above = 1})
  T.equal(kaiser:cols(), 5, "vectors for the values >= 1")
  T.equal(select(2, linalg.eigsym(S, {vectors = 0})):cols(), 0, "no vectors")
  local _, labelled = linalg.eigsym(matrix.from({{2, 1}, {1, 2}}, {"p", "q"}, {"p", "q"}), {vectors = 1})
  T.equal(labelled:rownames()[2], "q", "vectors labelled by S's rows")
  T.close((full_values - values):abs():max(), 0, 1e-12, "values as dsyevr's")
  -- the symmetric part is used within tol; beyond it, the largest difference is named
  local A = matrix.from{{2, 1 + 1e-9}, {1, 2}}
  T.close_matrix((linalg.eigsym(A, {tol = 1e-8})), {{3 + 0.5e-9}, {1 - 0.5e-9}}, 1e-15, "(A + A')/2")
  T.errors("linalg.eigsym: matrix is not symmetric: [2,1] = 1 but [1,2] = 1.000000001",
    linalg.eigsym, A, {vectors = 1})
  T.errors("vectors must be 0..2", linalg.eigsym, A, {vectors = 3, tol = 1e-8})
end)

T.test("eigsym: descending order with matching vectors", function()
  -- diag(1, 3, 2): 3, 2, 1 with vectors e2, e3, e1 (up to sign)
  local values, vectors = linalg.eigsym(matrix.from{{1, 0, 0}, {0, 3, 0}, {0, 0, 2}})
  T.close_matrix(values, {{3}, {2}, {1}}, 1e-14, "values")
  T.close(math.abs(vectors:get(2, 1)), 1, 1e-14, "e2")
  T.close(math.abs(vectors:get(3, 2)), 1, 1e-14, "e3")
  T.close(math.abs(vectors:get(1, 3)), 1, 1e-14, "e1")
end)

T.test("eig: a Leontief-like matrix with a complex pair, and by modulus", function()
  -- every row of E sums to 0.6, so 0.6 is an eigenvalue (E 1 = 0.6 * 1); the
  -- trace 0.4 and det 0.018 leave -0.1 +- i sqrt(0.02). R: eigen(E)$values
  local re, im, vr, vi = linalg.eig(matrix.from{{0.2, 0.3, 0.1}, {0.1, 0.1, 0.4}, {0.3, 0.2, 0.1}})
  T.close_matrix(re, {{0.6}, {-0.1}, {-0.1}}, 1e-13, "re")
  T.close_matrix(im, {{0}, {math.sqrt(0.02)}, {-math.sqrt(0.02)}}, 1e-13, "im")
  -- the Perron vector is proportional to (1, 1, 1), norm 1
  T.close(math.abs(vr:get(1, 1)), 1 / math.sqrt(3), 1e-13, "Perron vector")
  T.close(vi:get(2, 1), 0, 0, "real vector")
  T.close(vi:get(2, 3), -vi:get(2, 2), 1e-15, "conjugate vectors")
  -- [1 2 0; -2 1 0; 0 0 3]: 3, then 1 +- 2i (modulus sqrt 5)
  re, im = linalg.eig(matrix.from{{1, 2, 0}, {-2, 1, 0}, {0, 0, 3}})
  T.close_matrix(re, {{3}, {1}, {1}}, 1e-14, "re")
  T.close_matrix(im, {{0}, {2}, {-2}}, 1e-14, "im")
end)

T.test("svd: R's singular values and reconstruction", function()
  -- R: C <- rbind(c(2,0,1), c(1,3,1), c(0,1,4), c(1,1,1)); svd(C)$d
  local C = matrix.from{{2, 0, 1}, {1, 3, 1}, {0, 1, 4}, {1, 1, 1}}
  local d, U, V = linalg.svd(C)
  T.close_matrix(d, {{5.0502681940101279}, {2.5948012219305472}, {1.9395354565558756}}, 1e-13, "d")
  T.equal(U:rows() * 10 + U:cols(), 43, "U is 4 x 3")
  T.equal(V:rows() * 10 + V:cols(), 33, "V is 3 x 3")
  local back = U * matrix.diag(d) * V:t()
  for i = 1, 4 do for j = 1, 3 do T.close(back:get(i, j), C:get(i, j), 1e-13, "U D V'") end end
end)

T.test("empty and 1 x 1 input never crash", function()
  local e = matrix.new(0, 0)
  T.equal(linalg.solve(e, matrix.new(0, 1)):rows(), 0, "solve")
  T.equal(linalg.inv(e):rows(), 0, "inv")
  T.equal(linalg.lu(e):solve(matrix.new(0, 2)):cols(), 2, "lu")
  T.equal(linalg.chol(e):rows(), 0, "chol")
  T.equal(linalg.eigsym(e):rows(), 0, "eigsym")
  T.equal(linalg.eig(e):rows(), 0, "eig")
  T.equal(linalg.svd(e):rows(), 0, "svd")
  T.equal(linalg.svd(matrix.new(3, 0)):rows(), 0, "svd 3 x 0")
  local x, rss = linalg.lstsq(matrix.new(2, 0), {3, 4})
  T.equal(x:rows(), 0, "lstsq without regressors")
  T.equal(rss, 25, "rss = |b|^2")
  local one = matrix.from{{2}}
  T.close_matrix(linalg.solve(one, {3}), {{1.5}}, 0, "solve")
  T.close_matrix(linalg.inv(one), {{0.5}}, 0, "inv")
  T.close_matrix(linalg.chol(matrix.from{{9}}), {{3}}, 0, "chol")
  T.close_matrix(linalg.eigsym(one), {{2}}, 0, "eigsym")
  T.close_matrix(linalg.eig(one), {{2}}, 0, "eig")
  T.close_matrix(linalg.svd(matrix.from{{-2}}), {{2}}, 0, "svd")
  T.close(linalg.lu(one):det(), 2, 0, "lu:det")
end)

T.test("errors: shapes and dimension mismatches", function()
  local rect = matrix.new(3, 4, 1)
  for _, name in ipairs{"solve", "inv", "lu", "det", "chol", "eigsym", "eig"} do
    T.errors("square matrix expected, got 3 x 4", linalg[name], rect, {1, 2, 3})
  end
  local a = matrix.from{{4, 1}, {2, 3}}
  T.errors("bad argument #2 to 'solve' (dimension mismatch: A is 2 x 2 but B has 3 rows)",
    function() return linalg.solve(a, {1, 2, 3}) end)
  local f = linalg.lu(a)
  T.errors("dimension mismatch: A is 2 x 2 but B has 3 rows", function() return f:solve{1, 2, 3} end)
  T.errors("dimension mismatch: A is 2 x 2 but B has 1 rows", function() return f:tsolve{1} end)
  T.errors("invalid option 'X'", function() return f:solve({1, 2}, "X") end)
  T.errors("lu expected, got matrix", f.det, a)
  T.errors("matrix or table expected", linalg.inv, "A")
  T.errors("at least as many rows as columns expected, got 2 x 3", linalg.lstsq, matrix.new(2, 3), {1, 2})
  T.errors("dimension mismatch: A has 3 rows but b has 2", linalg.lstsq, matrix.new(3, 2), {1, 2})
end)

T.test("errors: singular, indefinite, asymmetric, overflowing", function()
  local sing = matrix.from{{1, 2}, {2, 4}}
  T.errors("linalg.solve: matrix is singular (U[2,2] = 0)", linalg.solve, sing, {1, 2})
  T.errors("linalg.inv: matrix is singular (U[2,2] = 0)", linalg.inv, sing)
  T.errors("linalg.lu: matrix is singular (U[2,2] = 0)", linalg.lu, sing)
  -- [1 1; 1 1+d], d = 2^-51: rcond = d / (2 + d)^2 = 1.1e-16 < DBL_EPSILON
  local near = matrix.from{{1, 1}, {1, 1 + 2^-51}}
  local msg = "matrix is numerically singular (reciprocal condition number 1.1e-16)"
  T.errors(msg, linalg.solve, near, {1, 2})
  T.errors(msg, linalg.inv, near)
  T.errors(msg, linalg.lu, near)
  T.errors("linalg.chol: matrix is not positive definite (the leading minor of order 2 is not positive)",
    linalg.chol, matrix.from{{1, 2}, {2, 1}})
  T.errors("linalg.eigsym: matrix is not symmetric: [2,1] = 3 but [1,2] = 2 (difference 1)",
    linalg.eigsym, matrix.from{{1, 2}, {3, 1}})
  T.errors("linalg.chol: matrix is not symmetric", linalg.chol, matrix.from{{1, 2}, {3, 1}})
  -- an exactly rank-deficient design: the QR's R[2,2] is 0 under OpenBLAS's
  -- generic kernels and about 1e-17 under its AVX-512 ones; either way a rank error
  local ok, err = pcall(linalg.lstsq, matrix.from{{1, 1}, {1, 1}, {1, 1}}, {1, 2, 3})
  assert(not ok and (err:find("linalg.lstsq: matrix does not have full column rank (R[2,2] = 0)", 1, true)
    or err:find("linalg.lstsq: matrix is numerically rank deficient", 1, true)), tostring(err))
  T.errors("linalg.lstsq: matrix is numerically rank deficient",
    linalg.lstsq, matrix.from{{1, 1}, {1, 1 + 2^-51}, {1, 1}}, {1, 2, 3})
  T.errors("linalg.det: determinant overflows", linalg.det, matrix.from{{1e200, 0}, {0, 1e200}})
end)

T.test("errors: NaN and Inf input, naming the element and its labels", function()
  local bad = matrix.from({{1, 0 / 0}, {0, 1}}, {"r1", "r2"}, {"c1", "c2"})
  for _, name in ipairs{"solve", "inv", "lu", "det", "chol", "eigsym", "eig", "svd", "lstsq"} do
    T.errors("element [1, 2] (r1, c2) is", linalg[name], bad, {1, 2})
  end
  T.errors("linalg.solve: B: element [2, 1] is inf, not a finite number",
    linalg.solve, matrix.eye(2), {1, math.huge})
  T.errors("lu:solve: B: element [1, 1] is -inf", function() return linalg.lu(matrix.eye(2)):solve{-math.huge, 1} end)
end)

T.test("_help: a line for every function; inv points to solve", function()
  for name, fn in pairs(linalg) do
    if type(fn) == "function" then
      assert(type(linalg._help[name]) == "string", "no _help for " .. name)
      assert(linalg._help[name]:find("linalg." .. name .. "(", 1, true), "_help." .. name .. " shows the call")
    end
  end
  assert(linalg._help.inv:find("solve", 1, true), "inv's help recommends solve")
end)

T.done()
