-- glm.lua -- regressions for firm-level innovation data: probit and logit by
-- maximum likelihood, OLS, with R's or Stata's standard errors, sampling
-- weights, marginal effects, and printable coefficient tables; the models of
-- the study's chapter 3 (Samambayeva 2013, Table 21: probit of "introduced a
-- new product" on firm characteristics, World Bank Enterprise Survey 2009,
-- and OLS of the new-product sales share).
--
-- Probit and logit: iteratively reweighted least squares (Fisher scoring,
-- which is Newton's method for the canonical logit link) step by step as R's
-- glm.fit (McCullagh & Nelder 1989, Generalized Linear Models, 2nd ed.,
-- sec. 2.5): start from mu = (w y + 1/2) / (w + 1), stop when the deviance
-- changes by less than epsilon relative, default standard errors from the
-- expected information X'WX of the last step -- so coefficients and standard
-- errors are R's. Where the deviance rises a step is halved (Marschner 2011,
-- The R Journal 3(2), glm2). The iteration runs in C (glmfit, core/glmfit.c).
-- Stata's alternatives (StataCorp, [R] vce_option, [U] 20.22): the observed
-- information (OIM; Greene 2012, Econometric Analysis, 7th ed., eq. 17-19 for
-- the probit), the Huber (1967) / White (1982) sandwich with N/(N-1),
-- cluster-robust sums of scores with G/(G-1) (Rogers 1993, Stata Technical
-- Bulletin 13), sampling weights as pweights, and collinear columns dropped as
-- _rmcoll does. Marginal effects with delta-method standard errors follow
-- Greene (2012, sec. 17.3); HC1 is MacKinnon & White (1985, J. of
-- Econometrics 29); OLS's cluster factor G/(G-1) (N-1)/(N-K) is Stata's.
local matrix = require "matrix"
local linalg = require "linalg"
local stats = require "stats"
local glmfit = require "glmfit"
local regtable = require "regtable"
local check = require "check"

local M = {}

-- a fit prints as its coefficient table (regtable), not as a dump of its fields
local FIT = {__tostring = function(fit) return regtable.text(regtable.build({fit})) end}

M._help = {
  _about = "probit, logit (maximum likelihood, as R's glm) and OLS with R's or Stata's standard"
    .. " errors (OIM, robust, cluster), sampling weights, marginal effects and coefficient tables:"
    .. " the innovation models of chapter 3",
  probit = "glm.probit(y, X [, {vce=\"eim\", cluster=, weights=, collinear=\"error\", maxit=25,"
    .. " epsilon=1e-8}]) -> {coef=, se=, z=, p=, vcov=, loglik=, loglik_null=, lr=, lr_df=, lr_p=,"
    .. " pseudo_r2= (McFadden), aic=, deviance=, n=, iterations=, converged=, names=, fitted=,"
    .. " eta=, vce=, dropped=, model=\"probit\" [, wald=, wald_df=, wald_p=, n_clusters=]}; y 0/1"
    .. " (vector or array), X as given (add the intercept column yourself), results in X's"
    .. " column order and labelled with its column names; IRLS as R's glm.fit, so the numbers"
    .. " are R's. vce: \"eim\" (R's expected information), \"oim\" (observed: Stata,"
    .. " statsmodels), \"robust\" (Huber-White, N/(N-1)), \"cluster\" (cluster = ids, numbers"
    .. " or strings, one per row; G/(G-1)); weights = sampling weights (Stata's pweights: robust"
    .. " errors by default); collinear = \"drop\" drops the later column of each linear relation"
    .. " and lists it in dropped. Robust and cluster fits add the Wald test of the slopes."
    .. " Typing a fit at the prompt prints its table (regtable)",
  logit = "glm.logit(y, X [, opts]) -> the fields and options of glm.probit, model=\"logit\"",
  ols = "glm.ols(y, X [, {vce=\"classical\", cluster=, weights=, collinear=}]) -> {coef=, se=, t=,"
    .. " p=, se_hc1=, t_hc1=, p_hc1=, vcov=, vcov_hc1=, r2=, adj_r2=, f=, f_df1=, f_df2=, f_p=,"
    .. " sigma=, rss=, df_resid=, n=, names=, fitted=, residuals=, vce=, dropped=,"
    .. " model=\"ols\"}; least squares by QR, t tests with n - k degrees of freedom; R^2 centred"
    .. " when X has a constant column, else uncentred (as R's lm). vce as Stata's regress:"
    .. " \"robust\" HC1, \"cluster\" with G/(G-1) (N-1)/(N-K) and t tests on G - 1 df (F then"
    .. " the Wald F); weights as pweights (weighted least squares, robust by default)",
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

local fail = check.fail

local function is_finite(v) return v == v and v ~= math.huge and v ~= -math.huge end

-- " ('label')" when names has one for k
local function label(names, k)
  local s = names and names[k]
  return s and (" ('" .. tostring(s) .. "')") or ""
end

-- ---------------------------------------------------------------------------
-- checking the data
-- ---------------------------------------------------------------------------

local function as_vector(y, fname, what)
  what = what or "y"
  if type(y) == "table" and not matrix.ismatrix(y) then
    local ok, m = pcall(matrix.col, y)
    if not ok then fail(fname, "%s must be a vector of numbers (%s)", what, m) end
    y = m
  end
  if not matrix.ismatrix(y) then
    fail(fname, "%s must be a vector (a matrix or a Lua array), got %s", what, type(y))
  end
  if y:cols() ~= 1 then
    if y:rows() ~= 1 then
      fail(fname, "%s must be a vector, got a %d x %d matrix", what, y:rows(), y:cols())
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
  if y:equal(0):sum() + y:equal(1):sum() == y:rows() then return end
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

-- Full column rank, judged as R does (tolerance 1e-7 on the singular values
-- of X with unit-length columns), from the p x p Gram matrix X'X (one dsyrk)
-- rather than an SVD of X: its eigenvalues are the squared singular values.
-- The eigenvector of the smallest is the linear relation, whose last column
-- is named (the one R's pivoting would drop). With drop, that column is
-- dropped and the rest checked again, as Stata's _rmcoll: returns the
-- indices kept, the names dropped, X'X of the columns kept and the
-- condition number of X with unit-length columns.
local function check_rank(X, names, fname, drop)
  local G = glmfit.gram(X)
  local keep, dropped = {}, {}
  for j = 1, X:cols() do
    if G:get(j, j) > 0 then keep[#keep + 1] = j
    elseif drop then dropped[#dropped + 1] = names[j]
    else fail(fname, "column %d%s of X is all zeros", j, label(names, j)) end
  end
  local cond = math.huge
  while #keep > 0 do
    local p, Gk = #keep, G:select(keep, keep)
    local norms = matrix.diag(Gk):sqrt()
    local vals, vecs = linalg.eigsym(Gk:ediv(norms * norms:t()))
    local dmin, dmax = math.sqrt(math.max(vals:get(p, 1), 0)), math.sqrt(vals:get(1, 1))
    if dmin > RANK_TOL * dmax then
      cond = dmax / dmin
      break
    end
    local v = vecs:col(p):abs()
    local vmax, involved = v:max(), {}
    for k = 1, p do
      if v:get(k, 1) > 1e-6 * vmax then involved[#involved + 1] = keep[k] end
    end
    local last = table.remove(involved)
    if not drop then
      for k, j in ipairs(involved) do involved[k] = j .. label(names, j) end
      fail(fname, "X is rank deficient (collinear columns): column %d%s is a linear combination"
        .. " of column%s %s; drop one of them (or collinear = \"drop\")", last, label(names, last),
        #involved > 1 and "s" or "", table.concat(involved, ", "))
    end
    dropped[#dropped + 1] = names[last]
    for k, j in ipairs(keep) do
      if j == last then table.remove(keep, k); break end
    end
  end
  if #keep == 0 then fail(fname, "every column of X was dropped as collinear or zero") end
  return keep, dropped, G:select(keep, keep), cond
end

-- the weights: positive and finite, one per row
local function check_weights(w, n, fname)
  w = as_vector(w, fname, "weights")
  if w:rows() ~= n then fail(fname, "weights has %d rows but X has %d", w:rows(), n) end
  check_finite(w, "weights", nil, fname)
  if w:min() <= 0 then
    for i, v in ipairs(w:list()) do
      if v <= 0 then
        fail(fname, "weights: row %d%s is %g; sampling weights must be positive", i,
          label(w:rownames(), i), v)
      end
    end
  end
  return w
end

-- y as an n x 1 matrix, X as a matrix (without the columns dropped as
-- collinear), its column names, the names dropped and the weights (or nil);
-- every check that can name a row or column happens here
local function prepare(y, X, fname, binary, opts)
  y, X = as_vector(y, fname), as_design(X, fname)
  local n, p = X:rows(), X:cols()
  if y:rows() ~= n then fail(fname, "y has %d rows but X has %d", y:rows(), n) end
  if p == 0 or n == 0 then fail(fname, "X is empty (%d x %d)", n, p) end
  local names = column_names(X)
  check_finite(y, "y", nil, fname)
  check_finite(X, "X", names, fname)
  if binary then check_binary(y, fname) end
  local w = opts.weights ~= nil and check_weights(opts.weights, n, fname) or nil
  local function check_count()
    if binary and n < p then
      fail(fname, "%d observations are fewer than the %d columns of X", n, p)
    elseif not binary and n <= p then
      fail(fname, "%d observations for %d columns of X: least squares needs more observations"
        .. " than columns to estimate the residual variance", n, p)
    end
  end
  local drop = opts.collinear == "drop"
  if not drop then check_count() end  -- too few rows make X rank deficient: say why
  local keep, dropped, gram, cond = check_rank(X, names, fname, drop)
  if #dropped > 0 then
    X = X:select(nil, keep)
    names = column_names(X)
    p = #keep
  end
  check_count()
  return y, X, names, dropped, w, gram, cond
end

-- the kinds of standard errors of each model, the first the default
local VCE = {
  binary = {"eim", "oim", "robust", "cluster"},
  ols = {"classical", "robust", "cluster"},
}

local function check_options(opts, fname, kind)
  if opts == nil then opts = {} end
  if type(opts) ~= "table" then fail(fname, "options must be a table, got %s", type(opts)) end
  if opts.maxit ~= nil and not (math.type(opts.maxit) == "integer" and opts.maxit >= 1) then
    fail(fname, "maxit must be a positive integer, got %s", tostring(opts.maxit))
  end
  if opts.epsilon ~= nil and not (type(opts.epsilon) == "number" and opts.epsilon > 0) then
    fail(fname, "epsilon must be a positive number, got %s", tostring(opts.epsilon))
  end
  if opts.collinear ~= nil and opts.collinear ~= "drop" and opts.collinear ~= "error" then
    fail(fname, "collinear must be \"error\" or \"drop\", got %s", tostring(opts.collinear))
  end
  local known, vce = VCE[kind], opts.vce
  if vce == nil then
    -- sampling weights imply robust errors (Stata's pweights); a cluster variable, cluster errors
    vce = opts.cluster ~= nil and "cluster" or opts.weights ~= nil and "robust" or known[1]
  end
  local ok = false
  for _, v in ipairs(known) do ok = ok or v == vce end
  if not ok then
    fail(fname, "unknown vce %s (expected %s)", type(vce) == "string" and ("'" .. vce .. "'")
      or tostring(vce), table.concat(known, ", "))
  end
  if vce == "cluster" and opts.cluster == nil then
    fail(fname, "vce = \"cluster\" needs cluster = a vector of cluster ids, one per row")
  elseif vce ~= "cluster" and opts.cluster ~= nil then
    fail(fname, "cluster is given but vce is \"%s\"", vce)
  elseif opts.weights ~= nil and vce ~= "robust" and vce ~= "cluster" then
    fail(fname, "sampling weights need robust or cluster standard errors (as Stata's"
      .. " pweights), not vce = \"%s\"", vce)
  end
  local o = {}
  for k, v in pairs(opts) do o[k] = v end
  o.vce = vce
  return o
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

-- Each link's cdf F, and its density f and derivative f' for marginal
-- effects; the fit itself runs in C (glmfit.irls).
local FAMILY = {
  probit = {
    cdf = function(eta) return stats.pnorm(eta) end,
    density = function(eta)
      local f = stats.dnorm(eta)
      return f, -eta:emul(f)
    end,
  },
  logit = {
    cdf = function(eta) return stats.plogis(eta) end,
    density = function(eta)
      local F = stats.plogis(eta)
      local f = (stats.plogis(eta, true, true) + stats.plogis(eta, false, true)):exp()
      return f, f:emul(1 - F * 2)
    end,
  },
}

-- Separation (Albert & Anderson 1984, Biometrika 71(1)): the estimates
-- do not exist iff some d /= 0 has (2 y_i - 1) x_i'd >= 0 for every i. The
-- candidate d is beta projected (columns scaled to unit length) onto the null
-- space of X restricted to the observations not fitted with probability
-- above 1 - 1e-6; a d that is not zero and predicts all the others with the
-- right sign proves separation. Extreme but identified fits (R's "fitted
-- probabilities numerically 0 or 1") have no such null space.
local function separating_direction(y, X, lp, beta)
  local exact = lp:gt(SEPARATED)  -- 1 for the observations fitted exactly
  local nexact = exact:sum()
  if nexact == 0 then return nil end
  local p, nrest = X:cols(), X:rows() - nexact
  local norms = matrix.diag(glmfit.gram(X)):sqrt()
  local b = beta:emul(norms)
  if nrest > 0 then  -- the rest's scaled Gram matrix: its eigenvectors are their singular vectors
    local vals, V = linalg.eigsym(glmfit.gram(X, 1 - exact):ediv(norms * norms:t()))
    local r = 0
    for k = 1, p do
      if math.sqrt(math.max(vals:get(k, 1), 0)) > RANK_TOL * math.sqrt(vals:get(1, 1)) then r = k end
    end
    if r == p then return nil end
    if r > 0 then
      local Vr = V:slice(nil, nil, 1, r)
      b = b - Vr * (Vr:t() * b)
    end
  end
  local dir = b:ediv(norms)
  -- the smallest margin (2 y - 1) x'd among the exact observations
  local margin = (y * 2 - 1):emul(X * dir):emul(exact) + (1 - exact) * 1e308
  if margin:min() <= 0 then return nil end
  return b, exact, nexact, nrest
end

local function check_separation(fname, y, X, lp, beta, names)
  local b, exact, nexact, nrest = separating_direction(y, X, lp, beta)
  if not b then return end
  local a, bmax, cols = b:abs(), b:abs():max(), {}
  for j = 1, X:cols() do
    if a:get(j, 1) > 1e-3 * bmax then cols[#cols + 1] = j end
  end
  table.sort(cols, function(i, j) return a:get(i, 1) > a:get(j, 1) end)
  for k, j in ipairs(cols) do cols[k] = j .. label(names, j) end
  local first = 1
  while exact:get(first, 1) == 0 do first = first + 1 end
  fail(fname, "perfect separation: %s %s predicts %d of %d observations exactly (the first:"
    .. " row %d%s)%s, so the maximum likelihood estimates do not exist (Albert & Anderson 1984);"
    .. " drop or recode the variable that predicts the outcome",
    #cols > 1 and "a combination of columns" or "column", table.concat(cols, ", "), nexact,
    y:rows(), first, label(y:rownames(), first),
    nrest > 0 and " and leaves the others on its boundary" or "")
end

-- what R's glm.fit would warn about, for the record
local function warnings(lp)
  local k = lp:gt(-10 * EPS):sum()
  if k == 0 then return {} end
  return {string.format("fitted probabilities numerically 0 or 1 occurred (%d observations)", k)}
end

-- Covariances of the estimates, one function per vce (Stata's meanings):
-- eim the inverse expected information (R's vcov), oim the inverse observed
-- information (Stata, statsmodels), robust the sandwich H^-1 (sum s_i^2
-- x_i x_i') H^-1 N/(N - 1) with H the observed information (Huber 1967;
-- White 1982), cluster the same with the scores summed within clusters and
-- G/(G - 1) (Stata's _robust). Sampling weights multiply scores and H.
local BINARY_VCE = {
  eim = function(c) return linalg.inv(c.info) end,
  oim = function(c) return linalg.inv(glmfit.gram(c.X, c.hess)) end,
  robust = function(c)
    local bread = linalg.inv(glmfit.gram(c.X, c.hess))
    return bread * glmfit.gram(c.X, c.score:emul(c.score)) * bread * (c.n / (c.n - 1))
  end,
  cluster = function(c)
    local bread = linalg.inv(glmfit.gram(c.X, c.hess))
    local S, G = glmfit.cluster_scores(c.X, c.score, c.cluster)
    if G < 2 then fail(c.fname, "cluster-robust errors need at least 2 clusters, got %d", G) end
    c.n_clusters = G
    return bread * (S:t() * S) * bread * (G / (G - 1))
  end,
}

-- the Wald test that every coefficient but the intercept is 0: b' V^-1 b
-- over the non-constant columns
local function wald(beta, V, X)
  local const, keep = constant_columns(X), {}
  for j = 1, X:cols() do
    if not const[j] then keep[#keep + 1] = j end
  end
  if #keep == 0 then return nil end
  local b = beta:select(keep, nil)
  local ok, x = pcall(linalg.solve, V:select(keep, keep), b)
  if not ok then return nil end
  return (b:t() * x):get(1, 1), #keep
end

-- the cluster ids: a vector with one per row
local function check_cluster(cluster, n, fname)
  local len = matrix.ismatrix(cluster) and cluster:rows() * cluster:cols()
    or type(cluster) == "table" and #cluster or nil
  if not len then fail(fname, "cluster must be a vector of ids (numbers or strings), got %s", type(cluster)) end
  if len ~= n then fail(fname, "cluster has %d elements but X has %d rows", len, n) end
  return cluster
end

local function fit_binary(model, y, X, opts, fname)
  opts = check_options(opts, fname, "binary")
  local names, dropped, w
  y, X, names, dropped, w = prepare(y, X, fname, true, opts)
  local n, p = X:rows(), X:cols()
  local cluster = opts.cluster and check_cluster(opts.cluster, n, fname)
  local ones = y:sum()
  if ones == 0 or ones == n then
    fail(fname, "y is %d for every observation: nothing to explain (the intercept alone"
      .. " separates the outcomes perfectly)", ones == 0 and 0 or 1)
  end
  local maxit, epsilon = opts.maxit or 25, opts.epsilon or 1e-8
  local r, msg, last = glmfit.irls(model, y, X, w, {maxit = maxit, epsilon = epsilon})
  if not r then
    if last.coef then check_separation(fname, y, X, last.lp, last.coef, names) end
    fail(fname, "%s", msg)
  end
  local beta, eta, lp, dev = r.coef, r.eta, r.lp, r.deviance
  check_separation(fname, y, X, lp, beta, names)
  if not r.converged then
    fail(fname, "did not converge in %d iterations (epsilon %g); raise maxit", maxit, epsilon)
  end
  local c = {X = X, info = r.info, n = n, cluster = cluster, fname = fname}
  if opts.vce ~= "eim" then c.score, c.hess = glmfit.derivatives(model, y, eta, w) end
  local V = BINARY_VCE[opts.vce](c)  -- the covariance itself is wanted: O(p^3), p small
  V:setnames(names, names)
  local se = named(matrix.diag(V):sqrt(), names)
  named(beta, names)
  local z = named(beta:ediv(se), names)
  local loglik = -dev / 2
  local intercept = next(constant_columns(X)) ~= nil
  local sw = w and w:sum() or n
  local loglik_null, lr_df
  if intercept then  -- the intercept-only fit: mu = mean(y), any link
    local ybar = (w and y:emul(w):sum() or ones) / sw
    loglik_null, lr_df = sw * (ybar * math.log(ybar) + (1 - ybar) * math.log(1 - ybar)), p - 1
  else               -- R's null model without an intercept: eta = 0
    loglik_null, lr_df = sw * math.log(0.5), p
  end
  local lr = 2 * (loglik - loglik_null)
  local fit = {
    model = model, names = names, n = n, vce = opts.vce, n_clusters = c.n_clusters,
    dropped = dropped, weighted = w ~= nil,
    coef = beta, se = se, z = z, p = named(p_normal(z), names), vcov = V,
    loglik = loglik, loglik_null = loglik_null, deviance = dev,
    lr = lr, lr_df = lr_df, lr_p = lr_df > 0 and stats.pchisq(lr, lr_df, false) or 1,
    pseudo_r2 = 1 - loglik / loglik_null, aic = dev + 2 * p,
    iterations = r.iterations, converged = true, warnings = warnings(lp),
    fitted = FAMILY[model].cdf(eta), eta = eta,
  }
  if opts.vce == "robust" or opts.vce == "cluster" then  -- Stata reports Wald, not LR
    local W, df = wald(beta, V, X)
    if W then fit.wald, fit.wald_df, fit.wald_p = W, df, stats.pchisq(W, df, false) end
  end
  return setmetatable(fit, FIT)
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
  if fit.dropped and #fit.dropped > 0 and X:cols() == #fit.names + #fit.dropped then
    X = X:select(nil, fit.names)  -- the design the fit was given: its kept columns
  end
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

-- Covariances of OLS estimates as Stata's regress, each with the degrees of
-- freedom of its t tests: classical s^2 (X'WX)^-1; robust HC1, B (sum w_i^2
-- e_i^2 x_i x_i') B n/(n - k) with B = (X'WX)^-1 (MacKinnon & White 1985);
-- cluster B S'S B G/(G - 1) (n - 1)/(n - k), S the scores w_i e_i x_i summed
-- within clusters, t tests with G - 1 degrees of freedom.
local function hc1(c)
  return c.bread * glmfit.gram(c.X, c.we:emul(c.we)) * c.bread * (c.n / c.df)
end

local OLS_VCE = {
  classical = function(c) return c.bread * (c.rss / c.df), c.df end,
  robust = function(c) return hc1(c), c.df end,
  cluster = function(c)
    local S, G = glmfit.cluster_scores(c.X, c.we, c.cluster)
    if G < 2 then fail(c.fname, "cluster-robust errors need at least 2 clusters, got %d", G) end
    c.n_clusters = G
    return c.bread * (S:t() * S) * c.bread * (G / (G - 1) * (c.n - 1) / c.df), G - 1
  end,
}

-- Least squares: from the normal equations with one step of iterative
-- refinement (Bjorck's corrected seminormal equations; Bjorck 1996,
-- Numerical Methods for Least Squares Problems, sec. 2.8.5) when X, its
-- columns scaled to unit length, has a condition number below 1e4: the
-- error is then of QR's order, and X'X (G) is at hand from the rank check
-- (four passes over X instead of a QR of it). Otherwise by QR, as R's lm.
local CSNE_COND = 1e4
local function least_squares(X, y, G, cond)
  if not G or cond >= CSNE_COND then return linalg.lstsq(X, y) end
  local b = linalg.solve(G, (y:t() * X):t())
  local r = y - X * b
  return b + linalg.solve(G, (r:t() * X):t())
end

function M.ols(y, X, opts)
  local fname = "glm.ols"
  opts = check_options(opts, fname, "ols")
  local names, dropped, w, gram, cond
  y, X, names, dropped, w, gram, cond = prepare(y, X, fname, false, opts)
  local n, p = X:rows(), X:cols()
  local cluster = opts.cluster and check_cluster(opts.cluster, n, fname)
  local sw = w and w:sqrt()
  local coef = named(least_squares(w and X:mulrows(sw) or X, w and y:emul(sw) or y,
    not w and gram, cond), names)
  local fitted = X * coef
  local resid = y - fitted
  local we = w and resid:emul(w) or resid
  local rss = resid:emul(we):sum()
  if y:max() == y:min() then fail(fname, "y is constant (%s): there is nothing to explain", tostring(y:get(1))) end
  -- R's summary.lm test of an "essentially perfect fit": residual variance
  -- below 1e-30 (mean(f)^2 + var(f)); such residuals are rounding noise
  if n > 1 and rss / (n - p) < (fitted:mean() ^ 2 + fitted:sd() ^ 2) * 1e-30 or rss == 0 then
    fail(fname, "the fit is perfect (all residuals are 0 up to rounding): standard errors are 0 and t"
      .. " statistics undefined")
  end
  local df = n - p
  -- (X'WX)^-1 itself is wanted: O(p^3), p small
  local c = {X = X, we = we, n = n, df = df, rss = rss, cluster = cluster, fname = fname,
             bread = linalg.inv(w and glmfit.gram(X, w) or gram)}  -- X'X from the rank check
  local vcov, tdf = OLS_VCE[opts.vce](c)
  local vcov_hc1 = opts.vce == "robust" and vcov or hc1(c)
  vcov:setnames(names, names); vcov_hc1:setnames(names, names)
  local function tests(V)
    local se = named(matrix.diag(V):sqrt(), names)
    local t = named(coef:ediv(se), names)
    return se, t, named(stats.pt(t:abs(), tdf, false) * 2, names)
  end
  local se, t, pv = tests(vcov)
  local se1, t1, pv1 = tests(vcov_hc1)
  -- R^2 as R's summary.lm: centred with an intercept, else uncentred;
  -- weighted sums of squares with weights (Stata)
  local intercept = next(constant_columns(X)) ~= nil
  local centred = fitted
  if intercept then
    centred = fitted - (w and fitted:emul(w):sum() / w:sum() or fitted:mean())
  end
  local mss = centred:emul(w and centred:emul(w) or centred):sum()
  local df_int = intercept and 1 or 0
  local r2 = mss / (mss + rss)
  local df1 = p - df_int
  local F
  if df1 > 0 and opts.vce == "classical" then
    F = (mss / df1) / (rss / df)
  elseif df1 > 0 then  -- the Wald F of the robust or cluster covariance (Stata)
    local W = wald(coef, vcov, X)
    F = W and W / df1
  end
  return setmetatable({
    model = "ols", names = names, n = n, vce = opts.vce, n_clusters = c.n_clusters,
    dropped = dropped, weighted = w ~= nil,
    coef = coef, se = se, t = t, p = pv, vcov = vcov,
    se_hc1 = se1, t_hc1 = t1, p_hc1 = pv1, vcov_hc1 = vcov_hc1,
    r2 = r2, adj_r2 = 1 - (1 - r2) * (n - df_int) / df,
    f = F, f_df1 = df1, f_df2 = tdf, f_p = F and stats.pf(F, df1, tdf, false) or nil,
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
