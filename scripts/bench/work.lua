-- work.lua -- clusterlab's side of `make bench` (scripts/bench.lua): one
-- workload on data made from a formula that peers.py and peers.R repeat
-- exactly (SIMULATED data, no randomness), timed by wall clock around the
-- work only. Prints "seconds checksum"; the checksum shows the peers computed
-- the same thing.
-- usage: clusterlab scripts/bench/work.lua WORKLOAD N [FILE]
local matrix = require "matrix"
local timer = require "timer"

local workload, n, file = arg[1], tonumber(arg[2]), arg[3]

-- u(i, j) in [0, 1): the shared formula (integers, exact in every language)
local function u(i, j) return ((i * 7919 + j * 104729) % 100003) / 100003 end

-- a productive n x n table: z_ij = u(i, j), x_j = 2 sum_i z_ij + 1
local function io_table(size)
  local Z = matrix.new(size, size):map(function(_, i, j) return u(i, j) end)
  return Z, (Z:colsums() * 2 + matrix.ones(1, size)):t()
end

-- flows in 20 value chains that trade mostly among themselves
local function chain_table(size)
  return matrix.new(size, size):map(function(_, i, j)
    return ((i % 20) == (j % 20) and 50 or 1) * u(i, j) ^ 3
  end)
end

-- noise: e(i) = 2 (frac(i phi) + frac(i sqrt 2) + frac(i sqrt 3) - 1.5)
local PHI, R2, R3 = (1 + math.sqrt(5)) / 2, math.sqrt(2), math.sqrt(3)
local function frac(v) return v - math.floor(v) end
local function e(i) return 2 * (frac(i * PHI) + frac(i * R2) + frac(i * R3) - 1.5) end

-- y (n x 1, 0/1) and X (n x 10, an intercept and 9 regressors): y = 1 when
-- X b + e > 0
local function glm_data(rows)
  local b = { 0.2, 0.5, -0.3, 0.4, -0.2, 0.1, 0.3, -0.4, 0.25, -0.15 }
  local X = matrix.new(rows, 10):map(function(_, i, j) return j == 1 and 1 or 2 * u(i, j) - 1 end)
  local eta = X * matrix.col(b)
  local y = matrix.new(rows, 1):map(function(_, i)
    return (eta:get(i, 1) + e(i) > 0) and 1 or 0
  end)
  return y, X, eta
end

-- observations for distances: x_ij = frac(i^2 sqrt(p_j)) over the first ten
-- primes (i^2 and the product are exact or rounded once, alike in every
-- language). Tied distances would let each program break ties its own way,
-- and send clusterlab to R's own scheme, which it keeps for R's tie order:
-- u(i, j) ties, and so does frac(i sqrt(p_j)), whose rows i and i + k differ
-- by the same vector for every i (a lattice)
local PRIMES = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29 }
local function observations(rows)
  return matrix.new(rows, 10):map(function(_, i, j) return frac(i * i * math.sqrt(PRIMES[j])) end)
end

local function time(fn)
  local t0 = timer.now()
  local checksum = fn()
  return timer.now() - t0, checksum
end

local W = {}

function W.inverse()
  local leontief = require "leontief"
  local Z, x = io_table(n)
  return time(function() return leontief.inverse(leontief.coefficients(Z, x)):colsums():sum() end)
end

function W.multipliers()
  local leontief = require "leontief"
  local Z, x = io_table(n)
  return time(function() return leontief.multipliers(leontief.coefficients(Z, x)):sum() end)
end

function W.factor()
  local fsr, factor = require "fsr", require "factor"
  local Z = chain_table(n)
  return time(function()
    local res = factor.pca(fsr.linkage_matrix(Z), { rotate = "varimax" })
    local s = 0
    for _, v in ipairs(res.variance) do s = s + v end
    return s
  end)
end

local function glm_fit(method)
  local glm = require "glm"
  local y, X, eta = glm_data(n)
  if method == "ols" then y = eta + matrix.new(n, 1):map(function(_, i) return e(i) end) end
  return time(function() return glm[method](y, X).coef:sum() end)
end
function W.probit() return glm_fit("probit") end
function W.logit() return glm_fit("logit") end
function W.ols() return glm_fit("ols") end

-- the distances packed as R's dist object (scipy's pdist is packed too),
-- which stats.hclust then clusters in place
function W.dist()
  local stats = require "stats"
  local X = observations(n)
  return time(function() return stats.pdist(X, "euclidean"):get(n, 1) end)
end

local function hclust(method)
  local stats = require "stats"
  local X = observations(n)
  return time(function()
    return stats.hclust(stats.pdist(X, "euclidean"), method).height:sum()
  end)
end
function W.average() return hclust("average") end
function W.single() return hclust("single") end

function W.csv()  -- the read alone is timed, as the peers' are
  local csv = require "csv"
  local t0 = timer.now()
  local m = csv.read(file)
  return timer.now() - t0, m:sum()
end

function W.atlas()
  local atlas = require "atlas"
  local labels, areas = {}, {}
  for i = 1, n do labels[i] = "s" .. i end
  local Z, x = io_table(n)
  Z:setnames(labels, labels)
  local regions = tonumber(file)
  -- employment: sector i in area k, one sector in seven absent from each area
  local E = matrix.new(n, regions):map(function(_, i, k)
    return (i + k) % 7 == 0 and 0 or math.floor(1000 * u(i, k + 20)) + 1
  end)
  for k = 1, regions do areas[k] = "area " .. k end
  E:setnames(labels, areas)
  local emp = { areas = areas, E = E, national = E:rowsums() * 3 }
  emp.national:setnames(labels, { "national" })
  return time(function()
    local res = atlas.run({ Z = Z, x = x, labels = labels }, emp)
    local s = 0
    for _, r in ipairs(res.records) do s = s + r.multiplier end
    return s
  end)
end

if not W[workload] then error("work.lua: unknown workload '" .. tostring(workload) .. "'", 0) end
local seconds, checksum = W[workload]()
print(string.format("%.6f %.10g", seconds, checksum))
