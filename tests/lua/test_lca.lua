-- test_lca.lua -- lca.fit and lca.select: the one-class closed form by hand,
-- the Stouffer-Toby (1951) role-conflict data against the log-likelihoods
-- published with poLCA and an independent numpy EM (tests/data/modes/
-- PROVENANCE.md), monotone EM, seeded reproducibility, errors.
local T = require "testing"
local matrix = require "matrix"
local csv = require "csv"
local lca = require "lca"

-- the 216 respondents of Stouffer & Toby (1951) from the 16 pattern counts
-- (Goodman 1974, Table 1; poLCA's data(values) with 1 = universalistic)
local function stouffer_toby()
  local t = csv.read_table(T.data .. "/modes/stouffer_toby.csv")
  local rows = {}
  for p = 1, t.nrow do
    for _ = 1, t.columns.count[p] do
      rows[#rows + 1] = {t.columns.A[p], t.columns.B[p], t.columns.C[p], t.columns.D[p]}
    end
  end
  local B = matrix.from(rows)
  B:setnames(nil, {"A", "B", "C", "D"})
  return B
end
local ST = stouffer_toby()

-- k = 1: p_j = column mean, loglik = sum_j n [p_j log p_j + (1 - p_j) log(1 - p_j)].
-- Column means of X by hand: 3/5, 1/5, 3/5.
local X = matrix.from{{1, 0, 1}, {1, 1, 0}, {0, 0, 1}, {1, 0, 1}, {0, 0, 0}}
local function bern(m) return 5 * (m * math.log(m) + (1 - m) * math.log(1 - m)) end

T.test("fit k = 1: the closed form", function()
  local f = lca.fit(X, 1)
  T.close_matrix(f.prob, {{0.6, 0.2, 0.6}}, 1e-14, "prob")
  -- 10 (.6 log .6 + .4 log .4) + 5 (.2 log .2 + .8 log .8)
  -- = 10 (-0.6730117) + 5 (-0.5004024) = -9.2321288
  local ll = 2 * bern(0.6) + bern(0.2)
  T.close(ll, -9.2321288, 1e-7, "hand value")
  T.close(f.loglik, ll, 1e-13, "loglik")
  T.equal(f.npar, 3, "npar")
  T.close(f.aic, -2 * ll + 6, 1e-13, "aic")
  T.close(f.bic, -2 * ll + 3 * math.log(5), 1e-13, "bic")
  T.close(f.prior[1], 1, 0, "prior")
  T.equal(f.class[5], 1, "class")
  assert(f.converged, "converged")
  assert(lca._help._about and lca._help.fit, "help")
end)

-- Published: poLCA 1.4 documentation of data(values) (man/values.Rd, Linzer &
-- Lewis), replicating Goodman (2002, Tables 5b, 5c, 6): log-likelihood
-- -543.6498 (1 class), -504.4677 (2 classes), -503.3011 (3 classes).
T.test("Stouffer-Toby: log-likelihoods published with poLCA", function()
  T.close(lca.fit(ST, 1).loglik, -543.6498, 5e-5 / 543, "k = 1")
  T.close(lca.fit(ST, 2).loglik, -504.4677, 5e-5 / 504, "k = 2")
  T.close(lca.fit(ST, 3, {maxiter = 8000}).loglik, -503.3011, 5e-5 / 503, "k = 3")
end)

-- Independent: tests/data/modes/lca_em_numpy.py (numpy EM on the pattern
-- counts, tolerance 1e-14), output recorded in tests/data/modes/PROVENANCE.md:
--   loglik_k2 -504.4676701184
--   prior 0.7207539015 0.2792460985
--   prob 0.7135879564 0.3296193584 0.3540164690 0.1323725935
--   prob 0.9931933319 0.9397644688 0.9265308952 0.7691320419
T.test("Stouffer-Toby k = 2: against the numpy EM", function()
  local f = lca.fit(ST, 2, {tol = 1e-13})
  T.close(f.loglik, -504.4676701184, 1e-12, "loglik")
  T.close(f.prior[1], 0.7207539015, 1e-6, "prior 1")
  T.close(f.prior[2], 0.2792460985, 1e-6, "prior 2")
  T.close_matrix(f.prob, {
    {0.7135879564, 0.3296193584, 0.3540164690, 0.1323725935},
    {0.9931933319, 0.9397644688, 0.9265308952, 0.7691320419}}, 1e-5, "prob")
  T.equal(f.npar, 9, "npar")
  T.close(f.bic, 2 * 504.4676701184 + 9 * math.log(216), 1e-10, "bic")
  T.equal(f.prob:colnames()[4], "D", "item labels")
  -- posteriors sum to 1; the modal class of the all-universalistic pattern
  -- (rows 1..42) is the "universalistic" class 2, of the all-0 one (last 20) class 1
  local s = f.posterior:rowsums()
  for i = 1, 216, 23 do T.close(s:get(i, 1), 1, 1e-14, "posterior row " .. i) end
  T.equal(f.class[1], 2, "class of 1111")
  T.equal(f.class[216], 1, "class of 0000")
  assert(f.converged and f.iterations < 1000, "converged")
end)

T.test("EM log-likelihood never falls (every start's trace of the best)", function()
  for _, k in ipairs{2, 3} do
    for seed = 1, 3 do
      local f = lca.fit(ST, k, {starts = 1, seed = seed})
      for it = 2, #f.trace do
        assert(f.trace[it] >= f.trace[it - 1] - 1e-9,
          string.format("k %d seed %d: loglik fell at iteration %d", k, seed, it))
      end
      T.close(f.trace[#f.trace], f.loglik, 0, "last trace value")
    end
  end
end)

T.test("seeded starts are reproducible", function()
  local a = lca.fit(ST, 3, {seed = 7, starts = 3, maxiter = 200})
  local b = lca.fit(ST, 3, {seed = 7, starts = 3, maxiter = 200})
  T.equal(a.loglik, b.loglik, "same loglik")
  T.equal(a.iterations, b.iterations, "same iterations")
  assert(a.prob == b.prob, "same probabilities")
  local c = lca.fit(ST, 2, {seed = 99})
  T.close(c.loglik, -504.4677, 5e-5 / 504, "another seed, the same maximum")
  T.close(a.prior[1] + a.prior[2] + a.prior[3], 1, 1e-14, "priors sum to 1")
  assert(a.prior[1] >= a.prior[2] and a.prior[2] >= a.prior[3], "classes ordered by size")
end)

-- BIC = -2 loglik + npar log 216 with the published log-likelihoods:
-- k = 1: 1087.2996 + 4 * 5.3753 = 1108.8008; k = 2: 1008.9354 + 9 * 5.3753 =
-- 1057.3129; k = 3: 1006.6022 + 14 * 5.3753 = 1081.8563 -> k = 2 is chosen.
T.test("select: BIC of k = 1..3", function()
  local s, best = lca.select(ST, {kmax = 3, maxiter = 8000})
  T.equal(#s, 3, "rows")
  T.close(s[1].bic, 2 * 543.6498 + 4 * math.log(216), 1e-7, "bic k = 1")
  T.close(s[2].bic, 2 * 504.4677 + 9 * math.log(216), 1e-7, "bic k = 2")
  T.close(s[3].bic, 2 * 503.3011 + 14 * math.log(216), 1e-7, "bic k = 3")
  T.equal(s[3].npar, 14, "npar k = 3")
  T.equal(best, 2, "smallest BIC")
end)

T.test("errors", function()
  local bad = matrix.from{{1, 0}, {0, 2}, {1, 1}}
  T.errors("B[2, 2] = 2: the items must be 0 or 1", lca.fit, bad, 1)
  bad:setnames({"f1", "f2", "f3"}, {"DUI1", "STI1"})
  bad:set(2, 2, 0); bad:set(3, 1, 0 / 0)
  T.errors("B[f3, DUI1] = NaN: the items", lca.fit, bad, 1)
  T.errors("k must be an integer from 1 to the number of rows of B (5), got 0", lca.fit, X, 0)
  T.errors("got 6", lca.fit, X, 6)
  T.errors("got 1.5", lca.fit, X, 1.5)
  T.errors("opts.starts must be a positive integer", lca.fit, X, 2, {starts = 0})
  T.errors("opts.tol must be >= 0", lca.fit, X, 2, {tol = -1})
  T.errors("opts.kmax must be an integer", lca.select, X, {kmax = 9})
  T.errors("B must be a matrix", lca.fit, "x", 1)
end)

T.done()
