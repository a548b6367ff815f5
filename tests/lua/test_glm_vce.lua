-- test_glm_vce.lua -- glm's standard errors beyond R's default, as Stata
-- computes them: observed information (OIM), Huber-White robust, cluster-
-- robust, sampling weights (pweights) and the dropping of collinear
-- columns. References on R's infert data: statsmodels 0.13.5 (probit and
-- logit, tests/data/statsmodels_reference/make_ref_vce.py) and R 4.2.2 with
-- sandwich 3.0.2 (logit, lm, weighted fits, tests/data/r_reference/
-- make_ref_vce.R); the runs are recorded in the PROVENANCE.md files there.
local T = require "testing"
local matrix = require "matrix"
local glm = require "glm"
local regtable = require "regtable"

local infert = T.read_records(T.data .. "/r_reference/infert.csv")
local SM = T.read_records(T.data .. "/statsmodels_reference/ref_statsmodels_infert_vce.csv")
local R = T.read_records(T.data .. "/r_reference/ref_R_infert_vce.csv")
local NAMES = {"(Intercept)", "age", "parity", "induced", "spontaneous"}

local y, X, stratum, w = {}, {}, {}, {}
for i, r in ipairs(infert) do
  y[i] = r.case
  X[i] = {1, r.age, r.parity, r.induced, r.spontaneous}
  stratum[i] = r.stratum
  w[i] = 1 + ((i - 1) % 4) / 2   -- the weights of make_ref_vce.R
end
y, X = matrix.col(y), matrix.from(X, nil, NAMES)

-- the reference rows of one model, in term order
local function ref(rows, where)
  local out = T.select(rows, where)
  assert(#out == 5, "reference rows missing")
  return out
end

local function check(fit, rows, tol, what, with_p)
  for k, r in ipairs(rows) do
    T.equal(fit.names[k], r.term, what .. " term")
    T.close(fit.coef:get(k, 1), r.coef, tol, what .. " coef " .. r.term)
    T.close(fit.se:get(k, 1), r.se, tol, what .. " se " .. r.term)
    if with_p then T.close(fit.p:get(k, 1), r.p, tol, what .. " p " .. r.term) end
  end
end

-- statsmodels converged by Newton's method to 1e-13: ours tightened alike.
-- R's glm iterated to a relative change of the deviance of 1e-14: ours with
-- the same epsilon takes the same steps.
local TIGHT, R_EPS = 1e-15, 1e-14

T.test("probit: OIM, robust and cluster-robust as statsmodels' scores and Hessian", function()
  for _, vce in ipairs{"oim", "robust", "cluster"} do
    local fit = glm.probit(y, X, {vce = vce, cluster = vce == "cluster" and stratum or nil,
                                  epsilon = TIGHT})
    check(fit, ref(SM, {model = "probit", vce = vce}), 1e-8, "probit " .. vce)
    T.equal(fit.vce, vce)
  end
  local fit = glm.probit(y, X, {vce = "cluster", cluster = stratum})
  T.equal(fit.n_clusters, 83, "matched sets")
  -- OIM differs from R's EIM for the probit (the point of the option)
  local eim = glm.probit(y, X)
  assert(math.abs(eim.se:get(3, 1) - fit.se:get(3, 1)) > 1e-4)
end)

T.test("logit: OIM is EIM; robust and cluster as statsmodels and R's sandwich", function()
  for _, vce in ipairs{"oim", "robust", "cluster"} do
    local opts = {vce = vce, cluster = vce == "cluster" and stratum or nil}
    opts.epsilon = TIGHT
    check(glm.logit(y, X, opts), ref(SM, {model = "logit", vce = vce}), 1e-8, "logit " .. vce)
    if vce ~= "oim" then
      opts.epsilon = R_EPS
      check(glm.logit(y, X, opts), ref(R, {model = "logit", vce = vce, weighted = "FALSE"}), 1e-9,
        "logit (R) " .. vce, true)
    end
  end
  local eim, oim = glm.logit(y, X, {epsilon = TIGHT}), glm.logit(y, X, {vce = "oim", epsilon = TIGHT})
  -- (EIM is taken at the last iteration's weights, OIM at the estimates)
  T.close(oim.se:get(2, 1), eim.se:get(2, 1), 1e-9, "logit OIM = EIM")
end)

T.test("OLS: HC1 and cluster-robust with Stata's factors, t with G - 1 df", function()
  check(glm.ols(y, X, {vce = "robust"}), ref(R, {model = "ols", vce = "robust", weighted = "FALSE"}),
    1e-10, "ols robust", true)
  local fit = glm.ols(y, X, {vce = "cluster", cluster = stratum})
  check(fit, ref(R, {model = "ols", vce = "cluster", weighted = "FALSE"}), 1e-10, "ols cluster", true)
  T.equal(fit.f_df2, 82, "the F test's denominator degrees of freedom: G - 1")
  -- cluster ids as strings give the same
  local names = {}
  for i, s in ipairs(stratum) do names[i] = "set" .. s end
  T.close(glm.ols(y, X, {cluster = names}).se:get(2, 1), fit.se:get(2, 1), 1e-14, "string ids")
end)

T.test("sampling weights: logit, OLS and probit as R with prior weights", function()
  for _, vce in ipairs{"robust", "cluster"} do
    local opts = {weights = w, vce = vce, cluster = vce == "cluster" and stratum or nil,
                  epsilon = R_EPS}
    local rows = ref(R, {model = "logit", vce = vce, weighted = "TRUE"})
    local fit = glm.logit(y, X, opts)
    check(fit, rows, 1e-9, "weighted logit " .. vce, true)
    T.close(fit.loglik, rows[1].loglik, 1e-10, "weighted log-likelihood")
    rows = ref(R, {model = "ols", vce = vce, weighted = "TRUE"})
    fit = glm.ols(y, X, opts)
    check(fit, rows, 1e-10, "weighted ols " .. vce, true)
    T.close(fit.r2, rows[1].r2, 1e-10, "weighted R2")
  end
  for _, vce in ipairs{"robust", "cluster"} do  -- observed information by differences in R
    local fit = glm.probit(y, X, {weights = w, vce = vce, epsilon = R_EPS,
                                  cluster = vce == "cluster" and stratum or nil})
    check(fit, ref(R, {model = "probit", vce = vce, weighted = "TRUE"}), 1e-7, "weighted probit " .. vce)
  end
  local rows = ref(R, {model = "probit", vce = "coef"})
  local fit = glm.probit(y, X, {weights = w, epsilon = R_EPS})
  T.equal(fit.vce, "robust", "weights imply robust errors (pweights)")
  T.equal(fit.weighted, true)
  for k, r in ipairs(rows) do T.close(fit.coef:get(k, 1), r.coef, 1e-10, "weighted probit " .. r.term) end
  T.close(fit.loglik, rows[1].loglik, 1e-10, "weighted probit log-likelihood")
  assert(fit.wald > 0 and fit.wald_df == 4, "robust fits report a Wald test")
end)

T.test("collinear = \"drop\": the later column of a linear relation is dropped and named", function()
  local mix = matrix.hcat(X, X:col(4) + X:col(5) * 2)
  mix:setnames(nil, {"(Intercept)", "age", "parity", "induced", "spontaneous", "mix"})
  local fit = glm.probit(y, mix, {collinear = "drop"})
  T.equal(#fit.dropped, 1); T.equal(fit.dropped[1], "mix")
  local base = glm.probit(y, X)
  for k = 1, 5 do T.close(fit.coef:get(k, 1), base.coef:get(k, 1), 1e-12, "coef " .. k) end
  local zero = matrix.hcat(mix, matrix.new(248, 1))
  zero:setnames(nil, {"(Intercept)", "age", "parity", "induced", "spontaneous", "mix", "none"})
  local ols = glm.ols(y, zero, {collinear = "drop"})
  T.equal(table.concat(ols.dropped, ","), "none,mix")
  -- margins take the design as it was given
  T.close(glm.margins(fit, mix).ame.dydx:get(1, 1), glm.margins(base, X).ame.dydx:get(1, 1), 1e-12,
    "margins after a drop")
  local t = regtable.text(regtable.build({fit}))
  assert(t:find("mix%s+%(omitted%)"), t)
  assert(t:find("mix omitted (collinear)", 1, true), t)
end)

T.test("large data (passes split between threads): 500 copies of infert, same estimates", function()
  -- the log-likelihood of k copies is k times the original's: same maximum,
  -- standard errors 1/sqrt(k) times, deviance k times
  local k = 500
  local ys, Xs = {}, {}
  for c = 1, k do ys[c], Xs[c] = y, X end
  local Y, XX = matrix.vcat(table.unpack(ys)), matrix.vcat(table.unpack(Xs))
  for _, model in ipairs{"probit", "logit"} do
    local small, big = glm[model](y, X), glm[model](Y, XX)
    T.equal(big.iterations, small.iterations, model .. " iterations")
    for j = 1, 5 do
      T.close(big.coef:get(j, 1), small.coef:get(j, 1), 1e-10, model .. " coef " .. j)
      T.close(big.se:get(j, 1) * math.sqrt(k), small.se:get(j, 1), 1e-10, model .. " se " .. j)
    end
    T.close(big.deviance, k * small.deviance, 1e-10, model .. " deviance")
  end
end)

T.test("OLS from the normal equations with refinement agrees with QR", function()
  -- x3 = x2 + e cos: the smaller e, the worse the conditioning (about 1/e);
  -- below 1e4 the normal equations with one refinement step, above it QR
  local linalg = require "linalg"
  for _, e in ipairs{1, 1e-2, 1e-3, 1e-5} do
    local Xc = matrix.new(2000, 3):map(function(_, i, j)
      if j == 1 then return 1 end
      local x = math.sin(i * 0.37) * 100
      return j == 2 and x or x + e * math.cos(i * 1.3) * 100
    end)
    local yc = matrix.new(2000, 1):map(function(_, i) return 3 + math.sin(i * 0.37) + 0.1 * math.cos(i * 0.11) end)
    local qr, fit = linalg.lstsq(Xc, yc), glm.ols(yc, Xc)
    for j = 1, 3 do T.close(fit.coef:get(j, 1), qr:get(j, 1), 1e-13, "e = " .. e .. ", coef " .. j) end
  end
end)

T.test("bad options: each has its own message", function()
  T.errors("glm.probit: unknown vce 'hc3' (expected eim, oim, robust, cluster)", glm.probit, y, X,
    {vce = "hc3"})
  T.errors("glm.ols: unknown vce 'eim' (expected classical, robust, cluster)", glm.ols, y, X,
    {vce = "eim"})
  T.errors("vce = \"cluster\" needs cluster = a vector", glm.logit, y, X, {vce = "cluster"})
  T.errors("cluster is given but vce is \"oim\"", glm.probit, y, X, {vce = "oim", cluster = stratum})
  T.errors("sampling weights need robust or cluster standard errors", glm.probit, y, X,
    {weights = w, vce = "eim"})
  local bad = {table.unpack(w)}
  bad[7] = -1
  T.errors("glm.logit: weights: row 7 is -1; sampling weights must be positive", glm.logit, y, X,
    {weights = bad})
  T.errors("weights has 3 rows but X has 248", glm.ols, y, X, {weights = {1, 2, 3}})
  T.errors("cluster has 2 elements but X has 248 rows", glm.probit, y, X, {cluster = {1, 2}})
  local holes = {table.unpack(stratum)}
  holes[9] = 0 / 0
  T.errors("cluster: row 9 has no cluster (NaN)", glm.probit, y, X, {cluster = holes})
  local one = {}
  for i = 1, 248 do one[i] = 1 end
  T.errors("cluster-robust errors need at least 2 clusters, got 1", glm.ols, y, X, {cluster = one})
  T.errors("collinear must be \"error\" or \"drop\"", glm.probit, y, X, {collinear = "yes"})
end)

T.done()
