-- glm.lua -- regressions for firm-level innovation data: probit and logit by
-- maximum likelihood, OLS with classical and HC1 standard errors, marginal
-- effects, and printable coefficient tables; the models of the study's
-- chapter 3 (Samambayeva 2013, Table 21: probit of "introduced a new product"
-- on firm characteristics, World Bank Enterprise Survey 2009, and OLS of the
-- new-product sales share).
--
-- Probit and logit: iteratively reweighted least squares (Fisher scoring,
-- which is Newton's method for the canonical logit link) step by step as R's
-- glm.fit (McCullagh & Nelder 1989, Generalized Linear Models, 2nd ed.,
-- sec. 2.5): start from mu = (y + 1/2) / 2, stop when the deviance changes by
-- less than epsilon relative, standard errors from the expected information
-- X'WX of the last step -- so coefficients and standard errors are R's. Where
-- the deviance rises a step is halved (Marschner 2011, The R Journal 3(2),
-- glm2). Weights and scores are ratios phi/Phi formed on the log scale
-- (stats.pnorm(x, lower, log)), so extreme linear predictors give neither
-- overflow nor 0/0. Marginal effects with delta-method standard errors follow
-- Greene (2012, Econometric Analysis, 7th ed., sec. 17.3); HC1 is MacKinnon &
-- White (1985, J. of Econometrics 29).
local matrix = require "matrix"
local linalg = require "linalg"
local stats = require "stats"
local regtable = require "regtable"

local M = {}

-- a fit prints as its coefficient table (regtable), not as a dump of its fields
local FIT = {__tostring = function(fit) return regtable.text(regtable.build({fit})) end}

M._help = {
  _about = "probit, logit (maximum likelihood, as R's glm) and OLS (classical and HC1 standard"
    .. " errors) with marginal effects and coefficient tables: the innovation models of chapter 3",
  probit = "glm.probit(y, X [, {maxit=25, epsilon=1e-8}]) -> {coef=, se=, z=, p=, vcov=, loglik=,"
    .. " loglik_null=, lr=, lr_df=, lr_p=, pseudo_r2= (McFadden), aic=, deviance=, n=,"
    .. " iterations=, converged=, names=, fitted=, eta=, model=\"probit\"}; y 0/1 (vector or"
    .. " array), X as given (add the intercept column yourself), results in X's column order"
    .. " and labelled with its column names; the null model is intercept-only when X has a"
    .. " constant column, else eta = 0 (as R); IRLS as R's glm.fit, so the numbers are R's",
  logit = "glm.logit(y, X [, opts]) -> the fields of glm.probit, model=\"logit\"",
  ols = "glm.ols(y, X) -> {coef=, se=, t=, p=, se_hc1=, t_hc1=, p_hc1=, vcov=, vcov_hc1=, r2=,"
    .. " adj_r2=, f=, f_df1=, f_df2=, f_p=, sigma=, rss=, df_resid=, n=, names=, fitted=,"
    .. " residuals=, model=\"ols\"}; least squares by QR, t tests with n - k degrees of"
    .. " freedom; R^2 centred when X has a constant column, else uncentred (as R's lm)",
  margins = "glm.margins(fit, X [, {discrete=false}]) -> {names=, mem={dydx=, se=, z=, p=},"
    .. " ame={dydx=, se=, z=, p=}, xbar=, discrete=}: marginal effects of a probit/logit fit"
    .. " at the means of X and averaged over the observations, delta-method standard errors;"
    .. " constant columns skipped; discrete=true takes 0/1 columns as a change from 0 to 1",
  summary = "glm.summary(fit [, {robust=false, stars=\"economics\"|\"R\","
    .. " at=\"average\"|\"mean\"}]) -> rows {name=, coef=, se=, z=, p=, stars=} (z holds t"
    .. " for OLS; rows.statistic says which); robust: HC1 for OLS; a margins result gives"
    .. " its ame (or mem with at=\"mean\");"
    .. " stars: *** 1%, ** 5%, * 10% (economics) or R's *** 0.1%, ** 1%, * 5%, . 10%",
}

local EPS = 2.220446049250313e-16  -- the machine epsilon
local RANK_TOL = 1e-7              -- R's tolerance in lm's and glm's QR
local SEPARATED = math.log(1 - 1e-6)  -- fitted probability of the observed outcome above 1 - 1e-6

local function fail(fname, fmt, ...)
  error(fname .. ": " .. string.format(fmt, ...), 0)
end

local function is_finite(v) return v == v and v ~= math.huge and v ~= -math.huge end

-- " ('label')" when names has one for k
local function label(names, k)
  local s = names and names[k]
  return s and (" ('" .. tostring(s) .. "')") or ""
end

-- ---------------------------------------------------------------------------
-- checking the data
-- ---------------------------------------------------------------------------

local function as_vector(y, fname)
  if type(y) == "table" and not matrix.ismatrix(y) then
    local ok, m = pcall(matrix.col, y)
    if not ok then fail(fname, "y must be a vector of numbers (%s)", m) end
    y = m
  end
  if not matrix.ismatrix(y) then
    fail(fname, "y must be a vector (a matrix or a Lua array), got %s", type(y))
  end
  if y:cols() ~= 1 then
    if y:rows() ~= 1 then
      fail(fname, "y must be a vector, got a %d x %d matrix", y:rows(), y:cols())
    end
    y = y:t()
  end
  return y
end

local function as_design(X, fname)
  if type(X) == "table" and not matrix.ismatrix(X) then
    local ok, m = pcall(matrix.from, X)
    if not ok then fail(fname, "X must be a matrix (%s)", m) end
    X = m
  end
  if not matrix.ismatrix(X) then fail(fname, "X must be a matrix, got %s", type(X)) end
  return X
end

local function column_names(X)
  local cn, names = X:colnames(), {}
  for j = 1, X:cols() do names[j] = cn and cn[j] or ("x" .. j) end
  return names
end

-- A non-finite element makes its column sum non-finite: one C pass finds
-- the column, then only that column is searched for the row.
local function check_finite(m, what, names, fname)
  local sums = m:colsums()
  for j = 1, m:cols() do
    if not is_finite(sums:get(1, j)) then
      for i, v in ipairs(m:col(j):list()) do
        if not is_finite(v) then
          local where = m:cols() > 1 and (", column " .. j .. label(names, j)) or ""
          fail(fname, "%s: row %d%s%s is %s, not a finite number", what, i,
            label(m:rownames(), i), where, v ~= v and "NaN" or tostring(v))
        end
      end
    end
  end
end

local function check_binary(y, fname)
  if (y:equal(0) + y:equal(1)):sum() == y:rows() then return end
  for i, v in ipairs(y:list()) do
    if v ~= 0 and v ~= 1 then
      fail(fname, "y must be 0 or 1: row %d%s is %g", i, label(y:rownames(), i), v)
    end
  end
end

-- Columns holding one non-zero value throughout (intercepts), as a set
local function constant_columns(X)
  local hi, lo, const = X:max("col"), X:min("col"), {}
  for j = 1, X:cols() do
    local v = hi:get(1, j)
    if v == lo:get(1, j) and v ~= 0 then const[j] = true end
  end
  return const
end

-- Full column rank, judged as R does (tolerance 1e-7) but from the singular
-- values of X with unit-length columns; the right singular vector of the
-- smallest one is the linear relation, whose last column is named (the one
-- R's pivoting would drop).
local function check_rank(X, names, fname)
  local p = X:cols()
  local norms = X:emul(X):colsums():sqrt()
  for j = 1, p do
    if norms:get(1, j) == 0 then
      fail(fname, "column %d%s of X is all zeros", j, label(names, j))
    end
  end
  local d, _, V = linalg.svd(X:divcols(norms))
  if d:get(p, 1) > RANK_TOL * d:get(1, 1) then return end
  local v = V:col(p):abs()
  local vmax, involved = v:max(), {}
  for j = 1, p do
    if v:get(j, 1) > 1e-6 * vmax then involved[#involved + 1] = j end
  end
  local last = table.remove(involved)
  for k, j in ipairs(involved) do involved[k] = j .. label(names, j) end
  fail(fname, "X is rank deficient (collinear columns): column %d%s is a linear combination"
    .. " of column%s %s; drop one of them", last, label(names, last), #involved > 1 and "s" or "",
    table.concat(involved, ", "))
end

-- y as an n x 1 matrix, X as a matrix, X's column names; every check that
-- can name a row or column happens here
local function prepare(y, X, fname, binary)
  y, X = as_vector(y, fname), as_design(X, fname)
  local n, p = X:rows(), X:cols()
  if y:rows() ~= n then fail(fname, "y has %d rows but X has %d", y:rows(), n) end
  if p == 0 or n == 0 then fail(fname, "X is empty (%d x %d)", n, p) end
  local names = column_names(X)
  check_finite(y, "y", nil, fname)
  check_finite(X, "X", names, fname)
  if binary then check_binary(y, fname) end
  if binary and n < p then
    fail(fname, "%d observations are fewer than the %d columns of X", n, p)
  elseif not binary and n <= p then
    fail(fname, "%d observations for %d columns of X: least squares needs more observations"
      .. " than columns to estimate the residual variance", n, p)
  end
  check_rank(X, names, fname)
  return y, X, names
end

local function check_options(opts, fname)
  if opts == nil then return {} end
  if type(opts) ~= "table" then fail(fname, "options must be a table, got %s", type(opts)) end
  if opts.maxit ~= nil and not (math.type(opts.maxit) == "integer" and opts.maxit >= 1) then
    fail(fname, "maxit must be a positive integer, got %s", tostring(opts.maxit))
  end
  if opts.epsilon ~= nil and not (type(opts.epsilon) == "number" and opts.epsilon > 0) then
    fail(fname, "epsilon must be a positive number, got %s", tostring(opts.epsilon))
  end
  return opts
end

-- p x 1 matrix with rows labelled by names
local function named(v, names)
  v:setrownames(names)
  return v
end

-- two-sided normal p-values of z
local function p_normal(z) return stats.pnorm(z:abs(), false) * 2 end

-- ---------------------------------------------------------------------------
-- probit and logit
-- ---------------------------------------------------------------------------

-- Each link: eta for R's starting mu = 3/4 (y = 1; minus it for y = 0); log F
-- and log(1 - F); IRLS weights mu.eta^2 / (mu (1 - mu)) and scores
-- (y - mu) mu.eta / (mu (1 - mu)) (the derivative of the log-likelihood in
-- eta); F; the density f and its derivative f' for marginal effects.
local FAMILY = {
  probit = {
    start = stats.qnorm(0.75),
    logcdf = function(eta) return stats.pnorm(eta, true, true), stats.pnorm(eta, false, true) end,
    weights = function(y, eta, log1, log0)
      local ld = stats.dnorm(eta, true)
      local r1, r0 = (ld - log1):exp(), (ld - log0):exp()  -- phi / Phi, phi / (1 - Phi)
      return r1:emul(r0), y:emul(r1) - (1 - y):emul(r0)
    end,
    cdf = function(eta) return stats.pnorm(eta) end,
    density = function(eta)
      local f = stats.dnorm(eta)
      return f, -eta:emul(f)
    end,
  },
  logit = {
    start = math.log(3),
    logcdf = function(eta) return stats.plogis(eta, true, true), stats.plogis(eta, false, true) end,
    weights = function(y, eta, log1, log0) return (log1 + log0):exp(), y - log1:exp() end,
    cdf = function(eta) return stats.plogis(eta) end,
    density = function(eta)
      local F = stats.plogis(eta)
      local f = (stats.plogis(eta, true, true) + stats.plogis(eta, false, true)):exp()
      return f, f:emul(1 - F * 2)
    end,
  },
}

-- log-probability of each observed outcome: y log F + (1 - y) log(1 - F)
local function logprob(y, log1, log0) return y:emul(log1) + (1 - y):emul(log0) end

-- Separation (Albert & Anderson 1984, Biometrika 71(1)): the estimates
-- do not exist iff some d /= 0 has (2 y_i - 1) x_i'd >= 0 for every i. The
-- candidate d is beta projected (columns scaled to unit length) onto the null
-- space of X restricted to the observations not fitted with probability
-- above 1 - 1e-6; a d that is not zero and predicts all the others with the
-- right sign proves separation. Extreme but identified fits (R's "fitted
-- probabilities numerically 0 or 1") have no such null space.
local function separating_direction(y, X, lp, beta)
  local exact, rest = {}, {}
  for i, v in ipairs(lp:list()) do
    if v > SEPARATED then exact[#exact + 1] = i else rest[#rest + 1] = i end
  end
  if #exact == 0 then return nil end
  local p = X:cols()
  local norms = X:emul(X):colsums():sqrt():t()
  local b = beta:emul(norms)
  if #rest > 0 then
    local d, _, V = linalg.svd(X:select(rest, nil):divcols(norms))
    local r = 0
    for k = 1, d:rows() do
      if d:get(k, 1) > RANK_TOL * d:get(1, 1) then r = k end
    end
    if r == p then return nil end
    if r > 0 then
      local Vr = V:slice(nil, nil, 1, r)
      b = b - Vr * (Vr:t() * b)
    end
  end
  local dir = b:ediv(norms)
  if (y * 2 - 1):emul(X * dir):select(exact, nil):min() <= 0 then return nil end
  return b, exact, #rest
end

local function check_separation(fname, y, X, lp, beta, names)
  local b, exact, nrest = separating_direction(y, X, lp, beta)
  if not b then return end
  local a, bmax, cols = b:abs(), b:abs():max(), {}
  for j = 1, X:cols() do
    if a:get(j, 1) > 1e-3 * bmax then cols[#cols + 1] = j end
  end
  table.sort(cols, function(i, j) return a:get(i, 1) > a:get(j, 1) end)
  for k, j in ipairs(cols) do cols[k] = j .. label(names, j) end
  fail(fname, "perfect separation: %s %s predicts %d of %d observations exactly (the first:"
    .. " row %d%s)%s, so the maximum likelihood estimates do not exist (Albert & Anderson 1984);"
    .. " drop or recode the variable that predicts the outcome",
    #cols > 1 and "a combination of columns" or "column", table.concat(cols, ", "), #exact,
    y:rows(), exact[1], label(y:rownames(), exact[1]),
    nrest > 0 and " and leaves the others on its boundary" or "")
end

-- what R's glm.fit would warn about, for the record
local function warnings(lp)
  local k = lp:gt(-10 * EPS):sum()
  if k == 0 then return {} end
  return {string.format("fitted probabilities numerically 0 or 1 occurred (%d observations)", k)}
end

local function fit_binary(model, y, X, opts, fname)
  opts = check_options(opts, fname)
  local names
  y, X, names = prepare(y, X, fname, true)
  local fam, n, p = FAMILY[model], X:rows(), X:cols()
  local ones = y:sum()
  if ones == 0 or ones == n then
    fail(fname, "y is %d for every observation: nothing to explain (the intercept alone"
      .. " separates the outcomes perfectly)", ones == 0 and 0 or 1)
  end
  local maxit, epsilon = opts.maxit or 25, opts.epsilon or 1e-8
  local Xt = X:t()
  local eta = (y * 2 - 1) * fam.start
  local log1, log0 = fam.logcdf(eta)
  local dev_old = -2 * logprob(y, log1, log0):sum()
  local beta, info, dev, change, iterations, converged
  for iter = 1, maxit do
    iterations = iter
    local w, u = fam.weights(y, eta, log1, log0)
    info = Xt * X:mulrows(w)  -- X'WX, the expected information
    -- the weighted least squares of R's z = eta + (y - mu)/mu.eta: W z = W eta + u
    local ok, b = pcall(linalg.solve, info, Xt * (w:emul(eta) + u))
    if not ok then
      if beta then check_separation(fname, y, X, logprob(y, log1, log0), beta, names) end
      fail(fname, "the information matrix X'WX is singular at iteration %d (%s)", iter, b)
    end
    local e = X * b
    local l1, l0 = fam.logcdf(e)
    dev = -2 * logprob(y, l1, l0):sum()
    local halvings = 0
    while beta and dev - dev_old > 1e-10 * (math.abs(dev) + 0.1) and halvings < 30 do
      b = (b + beta) * 0.5
      e = X * b
      l1, l0 = fam.logcdf(e)
      dev = -2 * logprob(y, l1, l0):sum()
      halvings = halvings + 1
    end
    beta, eta, log1, log0 = b, e, l1, l0
    change = math.abs(dev - dev_old) / (math.abs(dev) + 0.1)
    if change < epsilon then
      converged = true
      break
    end
    dev_old = dev
  end
  local lp = logprob(y, log1, log0)
  check_separation(fname, y, X, lp, beta, names)
  if not converged then
    fail(fname, "did not converge in %d iterations (relative change of the deviance %.3g,"
      .. " epsilon %g); raise maxit", maxit, change, epsilon)
  end
  local V = linalg.inv(info)  -- the covariance itself is wanted: O(p^3), p small
  V:setnames(names, names)
  local se = named(matrix.diag(V):sqrt(), names)
  named(beta, names)
  local z = named(beta:ediv(se), names)
  local loglik = -dev / 2
  local intercept = next(constant_columns(X)) ~= nil
  local loglik_null, lr_df
  if intercept then  -- the intercept-only fit: mu = mean(y), any link
    local ybar = ones / n
    loglik_null, lr_df = n * (ybar * math.log(ybar) + (1 - ybar) * math.log(1 - ybar)), p - 1
  else               -- R's null model without an intercept: eta = 0
    loglik_null, lr_df = n * math.log(0.5), p
  end
  local lr = 2 * (loglik - loglik_null)
  return setmetatable({
    model = model, names = names, n = n,
    coef = beta, se = se, z = z, p = named(p_normal(z), names), vcov = V,
    loglik = loglik, loglik_null = loglik_null, deviance = dev,
    lr = lr, lr_df = lr_df, lr_p = lr_df > 0 and stats.pchisq(lr, lr_df, false) or 1,
    pseudo_r2 = 1 - loglik / loglik_null, aic = dev + 2 * p,
    iterations = iterations, converged = true, warnings = warnings(lp),
    fitted = log1:exp(), eta = eta,
  }, FIT)
end

function M.probit(y, X, opts) return fit_binary("probit", y, X, opts, "glm.probit") end
function M.logit(y, X, opts) return fit_binary("logit", y, X, opts, "glm.logit") end

-- ---------------------------------------------------------------------------
-- marginal effects
-- ---------------------------------------------------------------------------

-- {dydx, se, z, p} from the effects (k x 1) and their Jacobian rows (k x p)
local function delta_method(effects, G, V, names)
  local se = named(matrix.diag(G * V * G:t()):sqrt(), names)
  local z = named(effects:ediv(se), names)
  return {dydx = named(effects, names), se = se, z = z, p = named(p_normal(z), names)}
end

function M.margins(fit, X, opts)
  local fname = "glm.margins"
  if type(fit) ~= "table" or not FAMILY[fit.model] then
    fail(fname, "a probit or logit fit expected, got %s",
      type(fit) == "table" and tostring(fit.model) or type(fit))
  end
  X = as_design(X, fname)
  opts = opts or {}
  if type(opts) ~= "table" then fail(fname, "options must be a table, got %s", type(opts)) end
  local n, p = X:rows(), X:cols()
  if p ~= #fit.names or n ~= fit.n then
    fail(fname, "X is %d x %d but the fit has %d observations and %d coefficients", n, p,
      fit.n, #fit.names)
  end
  check_finite(X, "X", fit.names, fname)
  local fam, beta, V = FAMILY[fit.model], fit.coef, fit.vcov
  local const = constant_columns(X)
  local binary = (X:equal(0) + X:equal(1)):colsums()
  local xbar = X:mean("col")
  local eta = X * beta
  local ebar = xbar * beta  -- 1 x 1
  local fbar, dfbar = fam.density(ebar)
  fbar, dfbar = fbar:get(1, 1), dfbar:get(1, 1)
  local f, df = fam.density(eta)
  local favg = f:mean()
  local gavg = df:t() * X * (1 / n)  -- mean of f'(eta_i) x_i', 1 x p
  local names, discrete = {}, {}
  local mem, mem_rows, ame, ame_rows = {}, {}, {}, {}
  for j = 1, p do
    if not const[j] then
      local bj, k = beta:get(j, 1), #names + 1
      names[k] = fit.names[j]
      if opts.discrete and binary:get(1, j) == n then  -- Pr(x_j = 1) - Pr(x_j = 0)
        discrete[fit.names[j]] = true
        local x1, x0 = xbar:copy(), xbar:copy()
        x1:set(1, j, 1); x0:set(1, j, 0)
        local e1, e0 = x1 * beta, x0 * beta
        local f1, f0 = fam.density(e1), fam.density(e0)
        mem[k] = (fam.cdf(e1) - fam.cdf(e0)):get(1, 1)
        mem_rows[k] = x1 * f1:get(1, 1) - x0 * f0:get(1, 1)
        local xj = X:col(j)
        local a1, a0 = eta + (1 - xj) * bj, eta - xj * bj
        local g1, g0 = fam.density(a1), fam.density(a0)
        ame[k] = (fam.cdf(a1) - fam.cdf(a0)):mean()
        local row = (g1 - g0):t() * X * (1 / n)
        row:set(1, j, g1:mean())  -- d/d beta_j: x_ij is 1 and 0 in the two scenarios
        ame_rows[k] = row
      else                                               -- f(x'b) b_j
        mem[k] = fbar * bj
        local row = xbar * (dfbar * bj)
        row:set(1, j, row:get(1, j) + fbar)
        mem_rows[k] = row
        ame[k] = favg * bj
        row = gavg * bj
        row:set(1, j, row:get(1, j) + favg)
        ame_rows[k] = row
      end
    end
  end
  if #names == 0 then fail(fname, "X has only constant columns: no marginal effects") end
  return setmetatable({
    names = names, discrete = discrete, xbar = xbar,
    mem = delta_method(matrix.col(mem), matrix.vcat(table.unpack(mem_rows)), V, names),
    ame = delta_method(matrix.col(ame), matrix.vcat(table.unpack(ame_rows)), V, names),
  }, FIT)
end

-- ---------------------------------------------------------------------------
-- least squares
-- ---------------------------------------------------------------------------

function M.ols(y, X)
  local fname = "glm.ols"
  local names
  y, X, names = prepare(y, X, fname, false)
  local n, p = X:rows(), X:cols()
  local coef = named(linalg.lstsq(X, y), names)  -- QR
  local fitted = X * coef
  local resid = y - fitted
  local rss = resid:emul(resid):sum()
  if rss == 0 then
    fail(fname, "the fit is perfect (all residuals are 0): standard errors are 0 and t"
      .. " statistics undefined")
  end
  local df = n - p
  local Xt = X:t()
  local bread = linalg.inv(Xt * X)  -- (X'X)^-1 itself is wanted: O(p^3), p small
  local vcov = bread * (rss / df)
  -- HC1: (X'X)^-1 X' diag(e^2) X (X'X)^-1 n / (n - k)
  local vcov_hc1 = bread * (Xt * X:mulrows(resid:emul(resid))) * bread * (n / df)
  vcov:setnames(names, names); vcov_hc1:setnames(names, names)
  local function tests(V)
    local se = named(matrix.diag(V):sqrt(), names)
    local t = named(coef:ediv(se), names)
    return se, t, named(stats.pt(t:abs(), df, false) * 2, names)
  end
  local se, t, pv = tests(vcov)
  local se1, t1, pv1 = tests(vcov_hc1)
  -- R^2 as R's summary.lm: centred with an intercept, else uncentred
  local intercept = next(constant_columns(X)) ~= nil
  local centred = intercept and (fitted - fitted:mean()) or fitted
  local mss = centred:emul(centred):sum()
  local df_int = intercept and 1 or 0
  local r2 = mss / (mss + rss)
  local df1 = p - df_int
  local F = df1 > 0 and (mss / df1) / (rss / df) or nil
  return setmetatable({
    model = "ols", names = names, n = n,
    coef = coef, se = se, t = t, p = pv, vcov = vcov,
    se_hc1 = se1, t_hc1 = t1, p_hc1 = pv1, vcov_hc1 = vcov_hc1,
    r2 = r2, adj_r2 = 1 - (1 - r2) * (n - df_int) / df,
    f = F, f_df1 = df1, f_df2 = df, f_p = F and stats.pf(F, df1, df, false) or nil,
    sigma = math.sqrt(rss / df), rss = rss, df_resid = df,
    fitted = fitted, residuals = resid,
  }, FIT)
end

-- ---------------------------------------------------------------------------
-- coefficient tables
-- ---------------------------------------------------------------------------

local STARS = {
  economics = {{0.01, "***"}, {0.05, "**"}, {0.1, "*"}},
  R = {{0.001, "***"}, {0.01, "**"}, {0.05, "*"}, {0.1, "."}},
}

local function stars(p, scale)
  for _, s in ipairs(scale) do
    if p < s[1] then return s[2] end
  end
  return ""
end

function M.summary(fit, opts)
  local fname = "glm.summary"
  opts = opts or {}
  if type(opts) ~= "table" then fail(fname, "options must be a table, got %s", type(opts)) end
  local scale = STARS[opts.stars or "economics"]
  if not scale then
    fail(fname, "stars must be \"economics\" or \"R\", got %s", tostring(opts.stars))
  end
  if type(fit) ~= "table" then fail(fname, "a fit expected, got %s", type(fit)) end
  local est, se, stat, p, statistic
  if fit.model == "ols" then
    est, statistic = fit.coef, "t"
    if opts.robust then se, stat, p = fit.se_hc1, fit.t_hc1, fit.p_hc1
    else se, stat, p = fit.se, fit.t, fit.p end
  elseif FAMILY[fit.model] then
    est, se, stat, p, statistic = fit.coef, fit.se, fit.z, fit.p, "z"
  elseif fit.ame and fit.mem then
    local m = opts.at == "mean" and fit.mem or fit.ame
    est, se, stat, p, statistic = m.dydx, m.se, m.z, m.p, "z"
  else
    fail(fname, "a result of glm.probit, glm.logit, glm.ols or glm.margins expected")
  end
  local rows = {statistic = statistic}
  for k, name in ipairs(fit.names) do
    local pk = p:get(k, 1)
    rows[k] = {name = name, coef = est:get(k, 1), se = se:get(k, 1), z = stat:get(k, 1),
               p = pk, stars = stars(pk, scale)}
  end
  return rows
end

return M
