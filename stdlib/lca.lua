-- lca.lua -- latent class analysis of binary items by maximum likelihood
-- with the EM algorithm (Goodman 1974, "Exploratory latent structure analysis
-- using both identifiable and unidentifiable models", Biometrika 61, 215-231;
-- Linzer & Lewis 2011, "poLCA: an R package for polytomous variable latent
-- class analysis", J. of Statistical Software 42(10), sec. 2): the model-based
-- alternative to clustering firms on the STI/DUI indicators (modes.lua).
--
-- Model: P(x_i) = sum_c prior_c prod_j p_cj^x_ij (1 - p_cj)^(1 - x_ij).
-- E-step (Linzer & Lewis eq. 5) on the log scale for all firms at once:
--   log P(x_i | c) = B log(p)' + (1 - B) log(1 - p)'   (n x k, two products)
-- and a log-sum-exp over classes; M-step (eq. 6-7): prior = colmeans(post),
-- p = diag(1 / colsums(post)) post' B. Starts as poLCA's: equal priors,
-- P(item = 1 | class) = u1 / (u1 + u2) with u uniform(0, 1), here from a
-- seeded generator of this module (the global math.random is left alone).
-- Iterations stop when the log-likelihood rises by no more than tol (poLCA's
-- rule). Like poLCA, estimates are not clamped: an estimate of exactly 0 or
-- 1 stays and gives the patterns it rules out likelihood zero; only its
-- logarithm is taken as log(2^-1022) (the smallest normal double) so that
-- 0 * log 0 counts as 0 and such likelihoods underflow to 0 as in poLCA.
local matrix = require "matrix"
local check = require "check"

local M = {}

M._help = {
  _about = "latent class analysis of binary items by EM (Goodman 1974; Linzer & Lewis 2011,"
    .. " poLCA): class shares, item-response probabilities, posteriors, AIC/BIC",
  fit = "lca.fit(B, k [, {starts=10, seed=1, maxiter=1000, tol=1e-10}]) -> {prior= (array),"
    .. " prob= (k x J: P(item = 1 | class)), posterior= (n x k), class= (modal class of each"
    .. " row), loglik=, npar= (k-1 + k*J), aic=, bic=, iterations=, converged=, trace="
    .. " (log-likelihood after each iteration of the best start), starts=, n=}; B: n x J of"
    .. " 0/1; seeded multiple starts, the best log-likelihood kept; classes ordered by size",
  select = "lca.select(B [, {kmax=4, starts=, seed=, maxiter=, tol=}]) -> array of {k=, loglik=,"
    .. " npar=, aic=, bic=} for k = 1..kmax, and the k with the smallest BIC",
}

local LOG_TINY = math.log(2.2250738585072014e-308)  -- log of the smallest normal double

local fail = check.failer("lca")

-- a seeded uniform(0, 1) generator (64-bit LCG, Knuth's MMIX constants; the
-- top 53 bits of the state): the same numbers on every platform
local function uniform(seed)
  local x = seed * 2654435761 + 1
  return function()
    x = x * 6364136223846793005 + 1442695040888963407
    return ((x >> 11) + 0.5) * 2.0 ^ -53
  end
end

-- a value as the error messages show it
local function show(v) return v ~= v and "NaN" or string.format("%.17g", v) end

-- the first entry that is not 0 or 1, named by row and column
local function check_binary(B)
  local bad = matrix.ones(B:rows(), B:cols()) - B:equal(0) - B:equal(1)
  if bad:sum() == 0 then return end
  local rs = bad:rowsums()
  for i = 1, B:rows() do
    if rs:get(i, 1) > 0 then
      for j = 1, B:cols() do
        if bad:get(i, j) > 0 then
          local rn, cn = B:rownames(), B:colnames()
          fail("fit", "B[%s, %s] = %s: the items must be 0 or 1", rn and rn[i] or tostring(i),
            cn and cn[j] or tostring(j), show(B:get(i, j)))
        end
      end
    end
  end
end

local function safe_log(x) return x > 0 and math.log(x) or LOG_TINY end

-- E-step: posterior (n x k) and log-likelihood at (prior, p)
local function estep(B, notB, prior, p, ones_n, ones_k)
  local logprior = matrix.new(1, #prior)
  for c = 1, #prior do logprior:set(1, c, safe_log(prior[c])) end
  local logL = B * p:map(safe_log):t() + notB * p:map(function(v) return safe_log(1 - v) end):t()
    + ones_n * logprior
  local top = logL:max("row")                         -- n x 1, for the log-sum-exp
  local E = (logL - top * ones_k):exp()
  local s = E:rowsums()
  return E:divrows(s), s:log():sum() + top:sum()
end

-- one EM run from a random start
local function run(B, notB, k, rand, maxiter, tol)
  local n, J = B:rows(), B:cols()
  local ones_n, ones_k = matrix.ones(n, 1), matrix.ones(1, k)
  local prior, p = {}, matrix.new(k, J)
  for c = 1, k do
    prior[c] = 1 / k
    for j = 1, J do
      local u1, u2 = rand(), rand()
      p:set(c, j, u1 / (u1 + u2))
    end
  end
  local post, ll = estep(B, notB, prior, p, ones_n, ones_k)
  local trace, iter, converged = {}, 0, false
  while iter < maxiter do
    iter = iter + 1
    local size = post:colsums()                        -- 1 x k
    for c = 1, k do
      if size:get(1, c) <= 0 then return nil end       -- an empty class: a failed start
      prior[c] = size:get(1, c) / n
    end
    p = (post:t() * B):divrows(size)
    local new_post, new_ll = estep(B, notB, prior, p, ones_n, ones_k)
    trace[iter] = new_ll
    local gain = new_ll - ll
    post, ll = new_post, new_ll
    if gain <= tol then converged = true; break end
  end
  return {prior = prior, prob = p, posterior = post, loglik = ll, iterations = iter,
    converged = converged, trace = trace}
end

-- classes reordered by size, largest first (ties keep their order)
local function order_by_size(fit, k)
  local idx = {}
  for c = 1, k do idx[c] = c end
  table.sort(idx, function(a, b)
    if fit.prior[a] ~= fit.prior[b] then return fit.prior[a] > fit.prior[b] end
    return a < b
  end)
  local prior = {}
  for c = 1, k do prior[c] = fit.prior[idx[c]] end
  fit.prior = prior
  fit.prob = fit.prob:select(idx, nil)
  fit.posterior = fit.posterior:select(nil, idx)
end

local function check_args(fname, B, k, opts)
  if not matrix.ismatrix(B) then
    if type(B) ~= "table" then fail(fname, "B must be a matrix of 0/1 items") end
    B = matrix.from(B)
  end
  if opts ~= nil and type(opts) ~= "table" then fail(fname, "opts must be a table") end
  opts = opts or {}
  local o = {starts = opts.starts or 10, seed = opts.seed or 1, maxiter = opts.maxiter or 1000,
    tol = opts.tol or 1e-10}
  for _, key in ipairs{"starts", "seed", "maxiter"} do
    if math.type(o[key]) ~= "integer" or o[key] < (key == "seed" and 0 or 1) then
      fail(fname, "opts.%s must be a %s integer, got %s", key, key == "seed" and "non-negative"
        or "positive", tostring(o[key]))
    end
  end
  if type(o.tol) ~= "number" or not (o.tol >= 0) then fail(fname, "opts.tol must be >= 0") end
  if k ~= nil and (math.type(k) ~= "integer" or k < 1 or k > B:rows()) then
    fail(fname, "k must be an integer from 1 to the number of rows of B (%d), got %s",
      B:rows(), tostring(k))
  end
  return B, o
end

function M.fit(B, k, opts)
  local o
  B, o = check_args("fit", B, k, opts)
  check_binary(B)
  local n, J = B:rows(), B:cols()
  local notB = matrix.ones(n, J) - B
  local rand = uniform(o.seed)
  local best, ok = nil, 0
  for _ = 1, o.starts do
    local f = run(B, notB, k, rand, o.maxiter, o.tol)
    if f then
      ok = ok + 1
      if not best or f.loglik > best.loglik then best = f end
    end
  end
  if not best then fail("fit", "every start ended with an empty class; try more starts or a smaller k") end
  order_by_size(best, k)
  local cnames, names = {}, B:colnames()
  for c = 1, k do cnames[c] = "class " .. c end
  best.prob:setnames(cnames, names)
  best.posterior:setnames(B:rownames(), cnames)
  best.class = {}
  for i = 1, n do                                      -- modal class: O(n k)
    local m = 1
    for c = 2, k do if best.posterior:get(i, c) > best.posterior:get(i, m) then m = c end end
    best.class[i] = m
  end
  best.npar = (k - 1) + k * J
  best.aic = -2 * best.loglik + 2 * best.npar
  best.bic = -2 * best.loglik + math.log(n) * best.npar
  best.n, best.k, best.starts = n, k, ok
  return best
end

function M.select(B, opts)
  local o
  B, o = check_args("select", B, nil, opts)
  local kmax = (opts or {}).kmax or 4
  if math.type(kmax) ~= "integer" or kmax < 1 or kmax > B:rows() then
    fail("select", "opts.kmax must be an integer from 1 to the number of rows of B (%d), got %s",
      B:rows(), tostring(kmax))
  end
  local out, best = {}, 1
  for k = 1, kmax do
    local f = M.fit(B, k, o)
    out[k] = {k = k, loglik = f.loglik, npar = f.npar, aic = f.aic, bic = f.bic}
    if f.bic < out[best].bic then best = k end
  end
  return out, best
end

return M
