-- test_leontief.lua -- the leontief module: Miller & Blair's (2009, ch. 2)
-- two-sector example, the Eurostat manual's Germany 1995 published inverse
-- and multipliers, labels carried along, and one test per bad input.
local T = require "testing"
local io_data = require "iodata"
local matrix = require "matrix"
local leontief = require "leontief"

-- Miller & Blair (2009) Table 2.3 (tests/data/miller_blair): Z, x, f
local S = { "Agriculture", "Manufacturing" }
local function mb()
  return matrix.from({ { 150, 500 }, { 200, 100 } }, S, S), matrix.from({ 1000, 2000 }, S)
end
local D = 0.7575  -- det(I - A) = 0.85 * 0.95 - 0.25 * 0.20, by hand

T.test("Miller & Blair: A, L, multipliers, new final demand", function()
  local Z, x = mb()
  local A = leontief.coefficients(Z, x)
  T.close_matrix(A, { { 0.15, 0.25 }, { 0.20, 0.05 } }, 1e-15, "A (published)")
  local L = leontief.inverse(A)
  -- L = (1 / 0.7575) [0.95 0.25; 0.20 0.85] by hand; published 1.25412541 ...
  T.close_matrix(L, { { 0.95 / D, 0.25 / D }, { 0.20 / D, 0.85 / D } }, 1e-14, "L")
  T.close(L:get(1, 2), 0.330033, 1e-6, "L[1,2] published")
  local m = leontief.multipliers(A)
  T.equal(m:rows(), 2, "multipliers are n x 1")
  T.close(m:get(1, 1), 1.51815, 1e-5, "output multiplier 1 (published)")
  T.close(m:get(2, 1), 1.45215, 1e-5, "output multiplier 2 (published)")
  T.close(m:get(1, 1), 1.15 / D, 1e-14, "column sum 1 by hand")
  -- f_new = (600, 1500): published x_new = (1247.5, 1841.6); by hand
  -- L f = (945, 1395) / 0.7575
  local xs = leontief.solve(A, { 600, 1500 })
  T.close(xs:get(1, 1), 1247.5, 0.05 / 1247.5, "x_new 1 (published, rounded)")
  T.close(xs:get(2, 1), 1841.6, 0.05 / 1841.6, "x_new 2 (published, rounded)")
  T.close(xs:get(1, 1), 945 / D, 1e-14, "x_new 1 exact")
  -- the base year: L (350, 1700) reproduces x
  T.close_matrix(leontief.solve(A, matrix.from({ { 350, 600 }, { 1700, 1500 } })),
    { { 1000, 945 / D }, { 2000, 1395 / D } }, 1e-12, "two scenarios in one solve")
end)

T.test("Miller & Blair: weighted multipliers, output coefficients, Ghosh (R)", function()
  local Z, x = mb()
  local A = leontief.coefficients(Z, x)
  -- labour coefficients (0.3, 0.25) of the textbook's example: sum_i w_i l_ij
  -- = (0.3 * 0.95 + 0.25 * 0.20) / D and (0.3 * 0.25 + 0.25 * 0.85) / D
  local m = leontief.multipliers(A, { 0.3, 0.25 })
  T.close(m:get(1, 1), 0.335 / D, 1e-14, "labour multiplier 1")
  T.close(m:get(2, 1), 0.2875 / D, 1e-14, "labour multiplier 2")
  T.close_matrix(leontief.output_coefficients(Z, x), { { 0.15, 0.5 }, { 0.1, 0.05 } }, 1e-15, "B")
  local _, g = io_data.readcsv(T.data .. "/miller_blair/ref_R_ghosh.csv")
  local G = leontief.ghosh(Z, x)
  for i = 1, 2 do for j = 1, 2 do
    T.close(G:get(i, j), tonumber(g[i][j]), 1e-13, ("G[%d,%d] (R)"):format(i, j))
  end end
  -- rows are selling sectors: G[1,2] = 0.5 / D, not L's 0.25 / D
  T.close(G:get(1, 2), 0.5 / D, 1e-14, "G[1,2] by hand")
end)

T.test("labels travel: A gets Z's, L gets A's, vectors get the sectors", function()
  local Z, x = mb()
  local A = leontief.coefficients(Z, x)
  local L = leontief.inverse(A)
  T.equal(A:rownames()[2], "Manufacturing", "A rows"); T.equal(A:colnames()[1], "Agriculture", "A cols")
  T.equal(L:rownames()[1], "Agriculture", "L rows"); T.equal(L:colnames()[2], "Manufacturing", "L cols")
  T.equal(leontief.multipliers(A):rownames()[2], "Manufacturing", "multipliers")
  T.equal(leontief.solve(A, { 1, 1 }):rownames()[1], "Agriculture", "solve")
  T.equal(leontief.ghosh(Z, x):colnames()[2], "Manufacturing", "ghosh")
  T.close(L:get("Agriculture", "Manufacturing"), 0.25 / D, 1e-14, "L by labels")
  -- an unlabelled Z takes the labels of x
  local A2 = leontief.coefficients({ { 150, 500 }, { 200, 100 } }, x)
  T.equal(A2:colnames()[2], "Manufacturing", "labels from x")
  T.equal(leontief.coefficients({ { 150, 500 }, { 200, 100 } }, { 1000, 2000 }):rownames(), nil, "no labels")
end)

T.test("Germany 1995: published Leontief diagonal and output multipliers", function()
  local de = io_data.germany()
  local A = leontief.coefficients(de.Z, de.x)
  local L = leontief.inverse(A)
  -- Eurostat manual (2008), table 15.10 (tests/data/germany_1995/PROVENANCE.md)
  local diag = { 1.0339, 1.4292, 1.0289, 1.1784, 1.4126, 1.0515 }
  local mult = { 1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782 }
  local m = leontief.multipliers(A)
  for i = 1, 6 do
    T.close(L:get(i, i), diag[i], 5e-5, "L diagonal " .. i)
    T.close(m:get(i, 1), mult[i], 5e-5, "multiplier " .. i)
    T.close(m:get(i, 1), L:colsums():get(1, i), 1e-12, "transposed solve = column sums of L, " .. i)
  end
end)

T.test("errors: outputs", function()
  local Z = mb()
  T.errors("leontief.coefficients: sector 2 (Manufacturing): output is 0; drop the sector or give its output",
    leontief.coefficients, Z, { 1000, 0 })
  T.errors("sector 1 (Agriculture): output is -5; output cannot be negative", leontief.coefficients, Z, { -5, 2000 })
  T.errors("sector 2: output is 0", leontief.coefficients, { { 1, 2 }, { 3, 4 } }, { 10, 0 })
  T.errors("sector 1 (Agriculture): output is nan, not a finite number", leontief.ghosh, Z, { 0 / 0, 1 })
  T.errors("bad argument #2 to 'leontief.coefficients' (x has 3 elements, Z has 2 sectors)",
    leontief.coefficients, Z, { 1, 2, 3 })
  T.errors("x must be a vector of outputs, got 2 x 2", leontief.output_coefficients, Z, { { 1, 2 }, { 3, 4 } })
end)

T.test("errors: flows, shapes and labels", function()
  local Z, x = mb()
  T.errors("negative flow Z[2,1] (Manufacturing -> Agriculture) = -3", leontief.coefficients,
    matrix.from({ { 150, 500 }, { -3, 100 } }, S, S), x)
  T.errors("Z[1,2] (Agriculture -> Manufacturing) is inf, not a finite number", leontief.coefficients,
    matrix.from({ { 150, 1 / 0 }, { 3, 100 } }, S, S), x)
  T.errors("bad argument #1 to 'leontief.coefficients' (Z must be square (sectors x sectors), got 2 x 3)",
    leontief.coefficients, { { 1, 2, 3 }, { 4, 5, 6 } }, { 1, 2 })
  T.errors("labels of Z and x differ at sector 1: 'Agriculture' in Z, 'Manufacturing' in x",
    leontief.coefficients, Z, matrix.from({ 1000, 2000 }, { "Manufacturing", "Agriculture" }))
  T.errors("row and column labels of Z differ at sector 2: 'Manufacturing' in the rows, 'Mining' in the columns",
    leontief.ghosh, matrix.from({ { 150, 500 }, { 200, 100 } }, S, { "Agriculture", "Mining" }), x)
  T.errors("matrix or table expected", leontief.inverse, "A")
  T.errors("A must be square (sectors x sectors), got 1 x 2", leontief.inverse, { { 0.1, 0.2 } })
  T.errors("negative coefficient A[1,2] (Agriculture -> Manufacturing) = -0.1", leontief.inverse,
    matrix.from({ { 0.1, -0.1 }, { 0.2, 0.3 } }, S, S))
  T.errors("f has 3 rows, A has 2 sectors", leontief.solve, { { 0.1, 0 }, { 0, 0.1 } }, { 1, 2, 3 })
  T.errors("w must be a vector of 2 weights, got 3 x 1", leontief.multipliers, { { 0.1, 0 }, { 0, 0.1 } }, { 1, 2, 3 })
  local A = matrix.from({ { 0.1, 0 }, { 0, 0.1 } }, S, S)
  T.errors("final demand f[2,1] of sector 2 (Manufacturing) is nan, not a finite number", leontief.solve, A, { 1, 0 / 0 })
  T.errors("sector 1 (Agriculture): weight is inf, not a finite number", leontief.multipliers, A, { 1 / 0, 1 })
end)

T.test("errors: singular and unproductive tables", function()
  -- I - A = [0.5 -0.5; -0.5 0.5] has rank 1
  T.errors("(I - A) is singular (reciprocal condition number 0), so the Leontief inverse does not exist; "
    .. "check sector 1 (Agriculture) whose column sum of A is 1", leontief.inverse,
    matrix.from({ { 0.5, 0.5 }, { 0.5, 0.5 } }, S, S))
  -- A = [0.6 0.6; 0.6 0.7]: spectral radius (1.3 + sqrt(1.45)) / 2 = 1.25208,
  -- by hand; column 2 sums to 1.3
  local A = matrix.from({ { 0.6, 0.6 }, { 0.6, 0.7 } }, S, S)
  local msg = "the table is not productive: spectral radius of A is 1.25208 >= 1; check sector 2 "
    .. "(Manufacturing) whose column sum of A is 1.3"
  T.errors(msg, leontief.inverse, A)
  T.errors(msg, leontief.multipliers, A)
  T.errors(msg, leontief.solve, A, { 1, 1 })
  -- Z = 100 A, x = 100: B = A, blamed by its row sums
  T.errors("spectral radius of B is 1.25208 >= 1; check sector 2 (Manufacturing) whose row sum of B is 1.3",
    leontief.ghosh, matrix.from({ { 60, 60 }, { 60, 70 } }, S, S), { 100, 100 })
  -- a column sum above 1 alone is no error: A = [0 0.5; 1.2 0] has spectral
  -- radius sqrt(0.6); (I - A)^-1 = [1 0.5; 1.2 1] / 0.4 by hand
  T.close_matrix(leontief.inverse({ { 0, 0.5 }, { 1.2, 0 } }), { { 2.5, 1.25 }, { 3, 2.5 } }, 1e-14, "productive")
end)

T.test("inverses: many tables side by side, each as leontief.inverse to the bit", function()
  local Z, x = mb()
  -- Miller & Blair's A, and k x k tables with a_ij = 1 / (2k + i + j) (column
  -- sums below 1/2: productive; 64 sectors and more go side by side)
  local As = { leontief.coefficients(Z, x) }
  for k = 64, 70 do As[#As + 1] = matrix.new(k, k):map(function(_, i, j) return 1 / (2 * k + i + j) end) end
  for _, threads in ipairs { 2, 1 } do
    local Ls = leontief.inverses(As, threads)
    T.equal(#Ls, #As, "one inverse per table")
    for k, A in ipairs(As) do
      T.equal((Ls[k] - leontief.inverse(A)):abs():max(), 0, "table " .. k .. ", " .. threads .. " thread(s)")
    end
    T.close_matrix(Ls[1], { { 0.95 / D, 0.25 / D }, { 0.20 / D, 0.85 / D } }, 1e-14, "M&B's L by hand")
    T.equal(Ls[1]:rownames()[2], "Manufacturing", "labelled as A")
  end
  T.equal(#leontief.inverses({}), 0, "no tables")
  -- A = [0.6 0.6; 0.6 0.7] has spectral radius 1.25208 (by hand, above): its
  -- index and message come back, for the caller to name the region
  local Ls, k, msg = leontief.inverses({ As[2], matrix.from({ { 0.6, 0.6 }, { 0.6, 0.7 } }, S, S), As[3] })
  T.equal(Ls, nil, "no inverses")
  T.equal(k, 2, "the second table")
  assert(msg:find("spectral radius of A is 1.25208 >= 1; check sector 2 (Manufacturing)", 1, true), msg)
  T.errors("table 2 is a string, not a matrix", leontief.inverses, { As[1], "A" })
  T.errors("table 1 must be square (sectors x sectors), got 1 x 2", leontief.inverses, { matrix.from({ { 0.1, 0.2 } }) })
  T.errors("thread count must be 1..64", leontief.inverses, As, 100)
  -- in two halves: the caller works while the workers invert
  local timer = require "timer"
  local blas = timer.blas_threads()
  local batch = leontief.start_inverses(As, 2)
  local busy = leontief.inverse(As[2])   -- this thread's own work meanwhile
  local Ls2 = batch:finish()
  for k, A in ipairs(As) do
    T.equal((Ls2[k] - leontief.inverse(A)):abs():max(), 0, "started table " .. k)
  end
  T.equal((busy - Ls2[2]):abs():max(), 0, "the caller's inverse meanwhile")
  T.equal(timer.blas_threads(), blas, "OpenBLAS's thread count restored")
  T.errors("finished already", batch.finish, batch)
  local bad = leontief.start_inverses({ As[2], matrix.from({ { 0.6, 0.6 }, { 0.6, 0.7 } }, S, S) })
  local none, which = bad:finish()
  T.equal(none, nil, "no inverses"); T.equal(which, 2, "the second table")
  -- a batch dropped unfinished is waited for when collected
  leontief.start_inverses(As, 2)
  collectgarbage(); collectgarbage()
  T.equal(timer.blas_threads(), blas, "restored by the collector's finish")
end)

T.done()
