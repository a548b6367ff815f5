-- bench_leontief.lua -- times the core input-output computation (technical
-- coefficients, Leontief inverse, output multipliers) on an n-sector table
-- and the same computation in numpy and in R on the same table, in the same
-- run, and prints the ratios. A benchmark, not a test.
-- usage: clusterlab scripts/bench_leontief.lua [n] [repeats]
local matrix = require "matrix"
local leontief = require "leontief"
local bench = require "bench"

local n = tonumber(arg and arg[1]) or 2000
local repeats = tonumber(arg and arg[2]) or 3

-- The same table in every language, from a formula (no file to parse):
-- z_ij = ((i * 7919 + j * 104729) mod 100003) / 100003, x_j = 2 * sum_i z_ij + 1,
-- so every column of A sums to just under 1/2 and the table is productive.
local Z = matrix.new(n, n):map(function(_, i, j)
  return ((i * 7919 + j * 104729) % 100003) / 100003
end)
local x = (Z:colsums() * 2 + matrix.ones(1, n)):t()

local ours, mult = bench.best_of(repeats, function()
  local A = leontief.coefficients(Z, x)
  return leontief.inverse(A):colsums()
end)
local ours_nomat = bench.best_of(repeats, function()
  return leontief.multipliers(leontief.coefficients(Z, x))
end)

local numpy = string.format([[
import time, numpy as np
n, k = %d, %d
i = np.arange(1, n + 1).reshape(-1, 1); j = np.arange(1, n + 1).reshape(1, -1)
Z = ((i * 7919 + j * 104729) %% 100003) / 100003
x = 2 * Z.sum(axis=0) + 1
best = 1e9
for _ in range(k):
    t0 = time.perf_counter()
    A = Z / x
    m = np.linalg.inv(np.eye(n) - A).sum(axis=0)
    best = min(best, time.perf_counter() - t0)
print(best, m.sum())
]], n, repeats)

local r = string.format([==[
n <- %d; k <- %d
i <- matrix(1:n, n, n); j <- t(i)
Z <- ((i * 7919 + j * 104729) %%%% 100003) / 100003
x <- 2 * colSums(Z) + 1
best <- Inf
for (r in 1:k) {
  t0 <- proc.time()[["elapsed"]]
  A <- sweep(Z, 2, x, "/")
  m <- colSums(solve(diag(n) - A))
  best <- min(best, proc.time()[["elapsed"]] - t0)
}
cat(best, format(sum(m), digits = 12), "\n")
]==], n, repeats)

-- a peer's time and checksum, or nil when it is not installed
local function peer(interpreter, program)
  local out = bench.peer(interpreter, program)
  local t, sum = (out or ""):match("^(%S+)%s+(%S+)")
  return tonumber(t), tonumber(sum)
end

print(string.format("Leontief: A = Z diag(x)^-1, L = (I - A)^-1, multipliers = colsums(L); n = %d, best of %d", n, repeats))
print(string.format("  clusterlab   %8.3f s   (sum of multipliers %.10g)", ours, mult:sum()))
print(string.format("  clusterlab   %8.3f s   multipliers from one LU, no inverse", ours_nomat))
for _, p in ipairs{{"numpy", "/usr/bin/python3", numpy}, {"R", "Rscript", r}} do
  local t, sum = peer(p[2], p[3])
  if t then
    print(string.format("  %-12s %8.3f s   (sum of multipliers %.10g)   clusterlab is %.2fx its speed",
      p[1], t, sum, t / ours))
  else
    print(string.format("  %-12s not available (make bench-deps installs it)", p[1]))
  end
end
