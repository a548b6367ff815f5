-- bench_factor.lua -- times the full factor analysis of an input-output table
-- (Feser-Sweeney-Renski linkage matrix, principal components, Kaiser
-- criterion, varimax) on a random 400-sector table, and the same computation
-- written in numpy (corrcoef, eigh, R's varimax algorithm) on the same table.
-- A benchmark, not a test. Usage: clusterlab scripts/bench_factor.lua [n] [repeats]
local matrix = require "matrix"
local fsr = require "fsr"
local factor = require "factor"
local bench = require "bench"

local n = tonumber(arg and arg[1]) or 400
local repeats = tonumber(arg and arg[2]) or 5
local chains = 20

-- a table with structure, as real ones have: sectors in `chains` value chains
-- that trade mostly among themselves, plus thin flows everywhere
math.randomseed(20240611)
local Z = matrix.new(n, n):map(function(_, i, j)
  local same = (i % chains) == (j % chains)
  return (same and 50 or 1) * math.random() ^ 3
end)

local lua_time, res = bench.best_of(repeats, function()
  local L = fsr.linkage_matrix(Z)
  return factor.pca(L, {rotate = "varimax"})
end)

-- the same table for numpy, written with full precision
local zpath = os.tmpname()
local f = assert(io.open(zpath, "w"))
local rows = Z:totable()
for i = 1, n do f:write(table.concat(rows[i], " ", 1, n), "\n") end
f:close()

local numpy_program = [[
import sys, time
import numpy as np

def varimax(x, eps=1e-5, maxit=1000):      # R's stats::varimax, normalize = TRUE
    sc = np.sqrt((x ** 2).sum(axis=1))
    x = x / sc[:, None]
    p, k = x.shape
    T, d = np.eye(k), 0.0
    for _ in range(maxit):
        z = x @ T
        B = x.T @ (z ** 3 - z * (z ** 2).sum(axis=0) / p)
        u, s, vt = np.linalg.svd(B)
        T = u @ vt
        dpast, d = d, s.sum()
        if d < dpast * (1 + eps):
            break
    return (x @ T) * sc[:, None]

def analysis(Z):
    n = Z.shape[0]
    X = Z / Z.sum(axis=0)                 # purchase shares
    Y = Z / Z.sum(axis=1)[:, None]        # sales shares
    R = np.corrcoef(np.hstack([X, Y.T]), rowvar=False)
    xy = R[:n, n:]
    L = np.maximum(np.maximum(R[:n, :n], R[n:, n:]), np.maximum(xy, xy.T))
    np.fill_diagonal(L, 1.0)
    w, V = np.linalg.eigh(L)
    w, V = w[::-1], V[:, ::-1]
    k = int((w >= 1).sum())
    A = varimax(V[:, :k] * np.sqrt(w[:k]))
    return k, np.sort((A ** 2).sum(axis=0))[::-1]

Z = np.loadtxt(sys.argv[1])
best = float("inf")
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    k, var = analysis(Z)
    best = min(best, time.perf_counter() - t0)
print(best, k, " ".join(repr(v) for v in var))
]]
local python = os.getenv("PYTHON") or "/usr/bin/python3"   -- Debian's, with python3-numpy
local out = assert(bench.peer(python, numpy_program, zpath .. " " .. repeats))
os.remove(zpath)

local words = {}
for w in out:gmatch("%S+") do words[#words + 1] = tonumber(w) end
local numpy_time, numpy_k = words[1], words[2]
if not numpy_time then error("bench_factor: numpy run failed: " .. out) end
local maxdiff = 0
for j = 1, math.min(res.nfactors, numpy_k) do
  maxdiff = math.max(maxdiff, math.abs(res.variance[j] - words[2 + j]))
end

print(("table: %d sectors, %d value chains; Kaiser keeps %d factors (numpy: %d)"):format(
  n, chains, res.nfactors, numpy_k))
print(("clusterlab: %.3f s   numpy: %.3f s   ratio clusterlab/numpy: %.2f"):format(
  lua_time, numpy_time, lua_time / numpy_time))
print(("best of %d runs, wall clock (timer.now / time.perf_counter);"
  .. " rotated variances agree to %.1e"):format(repeats, maxdiff))
