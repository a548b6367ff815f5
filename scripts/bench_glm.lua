-- bench_glm.lua -- times glm.probit, glm.logit and glm.ols on n observations
-- of p regressors (default 1,000,000 x 10) and statsmodels' Probit, Logit and
-- OLS (python3-statsmodels) on the same data in the same run, best of k
-- runs each, and prints the times, the ratios and how far the coefficients
-- agree. A benchmark, not a test (issues 9 and 12: the probit at half
-- statsmodels' time at most, logit and OLS no slower).
-- usage: clusterlab scripts/bench_glm.lua [n] [p] [repeats]
local matrix = require "matrix"
local glm = require "glm"
local bench = require "bench"

local n = tonumber(arg and arg[1]) or 1000000
local p = tonumber(arg and arg[2]) or 10
local repeats = tonumber(arg and arg[3]) or 3

-- The same data in both languages, from integer formulas (no file, no
-- random generator to match): u_ij uniform-like on [0, 1), regressors
-- sqrt(3) (2 u - 1) (mean 0, variance 1) after an intercept, beta_j =
-- +-0.5, noise the sum of three such uniforms (Irwin-Hall) centred and
-- doubled; y = 1 when the latent index is positive; the OLS outcome is the
-- latent index itself.
local M = 100003
local function u(i, j) return ((i * i * 31 + i * 7919 + j * 104729 + i * j * 13) % M) / M end
local X = matrix.new(n, p):map(function(_, i, j)
  return j == 1 and 1 or math.sqrt(3) * (2 * u(i, j) - 1)
end)
local beta = matrix.new(p, 1):map(function(_, j) return j % 2 == 0 and 0.5 or -0.5 end)
local noise = matrix.new(n, 1):map(function(_, i)
  return (u(i, p + 1) + u(i, p + 2) + u(i, p + 3) - 1.5) * 2
end)
local latent = X * beta + noise
local y = latent:gt(0)

local results, times = {}, {}
for _, model in ipairs{"probit", "logit", "ols"} do
  local yy = model == "ols" and latent or y
  times[model], results[model] = bench.best_of(repeats, function() return glm[model](yy, X) end)
end

local python = string.format([[
import time, numpy as np, statsmodels.api as sm
n, p, k, M = %d, %d, %d, 100003
i = np.arange(1, n + 1, dtype=np.int64).reshape(-1, 1)
def u(j):
    return ((i * i * 31 + i * 7919 + j * 104729 + i * j * 13) %% M) / M
j = np.arange(1, p + 1, dtype=np.int64).reshape(1, -1)
X = np.sqrt(3) * (2 * u(j) - 1)
X[:, 0] = 1
beta = np.where(np.arange(1, p + 1) %% 2 == 0, 0.5, -0.5)
noise = ((u(p + 1) + u(p + 2) + u(p + 3)) - 1.5).ravel() * 2
latent = X @ beta + noise
y = (latent > 0).astype(float)
def fit(model):
    if model == "ols":
        r = sm.OLS(latent, X).fit()
        return r.params, r.bse
    r = (sm.Probit if model == "probit" else sm.Logit)(y, X).fit(disp=0)
    return r.params, r.bse, r.llf
for model in ("probit", "logit", "ols"):
    best = float("inf")
    for _ in range(k):
        t0 = time.perf_counter()
        res = fit(model)
        best = min(best, time.perf_counter() - t0)
    print(model, best, " ".join(repr(v) for v in res[0]))
]], n, p, repeats)
local out, err = bench.peer(os.getenv("PYTHON") or "/usr/bin/python3", python)
if not out then error("bench_glm: " .. err) end

print(string.format("glm on %d observations x %d regressors (intercept included), best of %d"
  .. " runs, wall clock", n, p, repeats))
print(string.format("%-8s %12s %14s %8s %22s", "model", "clusterlab s", "statsmodels s", "ratio",
  "max |coef difference|"))
for line in out:gmatch("[^\n]+") do
  local words = {}
  for w in line:gmatch("%S+") do words[#words + 1] = w end
  local model, t = words[1], tonumber(words[2])
  if times[model] and t then
    local diff = 0
    for k = 1, p do
      diff = math.max(diff, math.abs(results[model].coef:get(k, 1) - tonumber(words[2 + k])))
    end
    print(string.format("%-8s %12.3f %14.3f %8.2f %22.1e", model, times[model], t,
      times[model] / t, diff))
  end
end
print("ratio = clusterlab / statsmodels (below 1: clusterlab is faster); coefficients differ by"
  .. " the convergence criteria (R's relative deviance change 1e-8, statsmodels' Newton)")
