-- test_leontief_refine.lua -- multipliers and solves of 300-sector tables,
-- which take the single-precision LU and refinement in double (core/refine.h),
-- against R's double LU (tests/data/leontief_refine, make_ref_refine.R):
-- a well-conditioned table and one with every column sum of A 0.9999.
local T = require "testing"
local matrix = require "matrix"
local leontief = require "leontief"

local n = 300
local ref = T.read_records("tests/data/leontief_refine/ref_R_refine_300.csv")

-- the formula of make_ref_refine.R (and of the benchmarks)
local function u(i, j) return ((i * 7919 + j * 104729) % 100003) / 100003 end
local Z = matrix.new(n, n):map(function(_, i, j) return u(i, j) end)
local s = Z:colsums():t()
local f = matrix.new(n, 1):map(function(_, i) return 100 * u(i, n + 1) end)
local outputs = {
  well = s * 2 + matrix.ones(n, 1),              -- kappa(I - A) about 3
  near = s:map(function(v) return v / 0.9999 end), -- kappa about 2e4
}

-- R and numpy agree to 8e-16 (well) and 7e-14 (near, about kappa eps):
-- a single-precision answer alone would be off by about 1e-7 and 1e-3
for case, tol in pairs({ well = 1e-14, near = 1e-12 }) do
  T.test("refined multipliers and solve against R, " .. case, function()
    local A = leontief.coefficients(Z, outputs[case])
    local m, x = leontief.multipliers(A), leontief.solve(A, f)
    for i = 1, n do
      T.close(m:get(i, 1), ref[i]["multiplier_" .. case], tol, "multiplier " .. i)
      T.close(x:get(i, 1), ref[i]["x_" .. case], tol, "x " .. i)
    end
    if case == "near" then  -- by hand: A'1 = 0.9999 1, so m = 1 / (1 - 0.9999)
      T.close(m:get(7, 1), 1 / (1 - 0.9999), 1e-12, "multiplier by hand")
    end
  end)
end

-- every a_ij = 0.001: column sums 0.1, so by hand L'1 = 1 / 0.9 and, for
-- weights w = 2, w'L = 2 / 0.9; f with no columns gives x with none
T.test("refined route: a weights row, a final demand of no columns", function()
  local A = matrix.new(100, 100, 0.001)
  local m = leontief.multipliers(A, matrix.new(1, 100, 2))
  T.equal(m:rows(), 100, "multipliers n x 1")
  T.close(m:get(100, 1), 2 / 0.9, 1e-14, "weighted multiplier by hand")
  local x = leontief.solve(A, matrix.new(100, 0))
  T.equal(x:rows() .. "x" .. x:cols(), "100x0", "no scenarios, no columns")
end)

T.done()
