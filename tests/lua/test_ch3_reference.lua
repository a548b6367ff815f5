-- test_ch3_reference.lua -- the whole chapter 3 chain (reading the .dta,
-- survey codes as missing, the study variables through the mapping file,
-- Table 20's tests, Table 21's samples and fits) on the bundled SIMULATED
-- survey against an independent run in R (tests/data/ch3/make_ref_ch3.R:
-- haven, t.test, chisq.test, glm with binomial(probit), lm; see the
-- provenance there).
local T = require "testing"
local frame = require "frame"
local csv = require "csv"
local id = require "innovation_drivers"

local survey = frame.read("scripts/data/es2009_kazakhstan_simulated.dta", {missing = frame.ES_MISSING})
local study, mapping = id.study(survey)
local DIR = T.data .. "/ch3"

T.test("Table 20 as R's t.test and chisq.test", function()
  local ref = csv.read_table(DIR .. "/ref_R_ch3_table20.csv", {text = {"variable"}})
  local t = id.table20(study, nil, mapping)
  T.equal(#t, ref.nrow)
  for i, r in ipairs(t) do
    local c = ref.columns
    T.equal(r.variable, c.variable[i])
    T.close(r.innovators, c.innovators[i], 1e-13, r.variable .. " innovators")
    T.close(r.non_innovators, c.non_innovators[i], 1e-13, r.variable .. " non-innovators")
    T.close(r.statistic, c.statistic[i], 1e-10, r.variable .. " statistic")
    T.close(r.df, c.df[i], 1e-10, r.variable .. " df")
    T.close(r.p, c.p[i], 1e-8, r.variable .. " p")
  end
end)

T.test("Table 21 as R's glm (probit, EIM errors) and lm, foreign_inputs aliased", function()
  local ref = csv.read_table(DIR .. "/ref_R_ch3_table21.csv", {na = true, text = {"model", "term"}})
  local t21 = id.table21(study, {vce = "eim"})
  local want = {probit = {}, ols = {}}
  for i = 1, ref.nrow do
    want[ref.columns.model[i]][ref.columns.term[i]] = {ref.columns.coef[i], ref.columns.se[i]}
  end
  for model, fit in pairs{probit = t21.probit, ols = t21.ols} do
    local coef, se = fit.coef:list(), fit.se:list()
    for k, name in ipairs(fit.names) do
      local w = want[model][name]
      T.equal(w ~= nil, true, model .. " " .. name .. " in R's fit")
      T.close(coef[k], w[1], 1e-7, model .. " " .. name)
      T.close(se[k], w[2], 1e-6, model .. " se " .. name)
    end
    T.equal(#fit.names, 7, model .. ": R's 7 estimated terms")
    T.equal(table.concat(fit.dropped, ","), "foreign_inputs", model .. " drops what R aliases")
  end
  T.equal(t21.probit.n, want.probit.n[1])
  T.close(t21.probit.loglik, want.probit.loglik[1], 1e-9, "loglik")
  T.equal(t21.ols.n, want.ols.n[1])
  T.close(t21.ols.r2, want.ols.r2[1], 1e-12, "R2")
  T.close(t21.ols.adj_r2, want.ols.adj_r2[1], 1e-12, "adjusted R2")
end)

T.done()
