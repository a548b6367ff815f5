-- test_regtable.lua -- stdlib/regtable.lua: models side by side with stars
-- and standard errors. The coefficients themselves are checked against R in
-- test_glm.lua; here every cell must be the fit's own number rounded to the
-- table's digits, with the stars of stats.stars, in text, Markdown and CSV.
local T = require "testing"
local matrix = require "matrix"
local glm = require "glm"
local regtable = require "regtable"

-- R's infert: case on age, parity, induced, spontaneous
local function infert()
  local f = assert(io.open(T.data .. "/r_reference/infert.csv"))
  f:read("l")
  local y, X = {}, {}
  for line in f:lines() do
    local t = {}
    for v in (line .. ","):gmatch("([^,]*),") do t[#t + 1] = tonumber(v) or v end
    y[#y + 1] = t[5]
    X[#X + 1] = {1, t[2], t[3], t[4], t[6]}
  end
  f:close()
  return matrix.col(y), matrix.from(X, nil, {"(Intercept)", "age", "parity", "induced", "spontaneous"})
end

local y, X = infert()
local probit = glm.probit(y, X)
local ols = glm.ols(y, X:slice(nil, nil, 1, 3))  -- intercept, age, parity only

-- the cell of a term's coefficient (or standard error) row in model k
local function cell(t, term, k, se)
  for i, r in ipairs(t.rows) do
    if r.term == term then return (se and t.rows[i + 1] or r)[k] end
  end
end

T.test("cells are the fits' numbers with 3 decimals and economists' stars", function()
  local t = regtable.build({probit, ols}, {titles = {"Probit", "LPM"}})
  T.equal(t.titles[1], "Probit"); T.equal(t.titles[2], "LPM")
  -- probit parity: -0.382 (R: -0.3819), p < 0.01
  local b, se = probit.coef:get(3, 1), probit.se:get(3, 1)
  assert(probit.p:get(3, 1) < 0.01)
  T.equal(cell(t, "parity", 1), string.format("%.3f***", b))
  T.equal(cell(t, "parity", 1, true), string.format("(%.3f)", se))
  -- age: the stars follow the fit's own p-value
  local pa = probit.p:get(2, 1)
  local want = pa < 0.01 and "***" or pa < 0.05 and "**" or pa < 0.1 and "*" or ""
  T.equal(cell(t, "age", 1), string.format("%.3f", probit.coef:get(2, 1)) .. want)
  -- a term the OLS lacks is blank, terms keep their first order
  T.equal(cell(t, "induced", 2), "")
  T.equal(table.concat(t.terms, ","), "(Intercept),age,parity,induced,spontaneous")
end)

T.test("statistics rows: N, log-likelihood, LR chi2, pseudo R2, R2, kind of errors", function()
  local t = regtable.build({probit, ols})
  local rows = {}
  for _, r in ipairs(t.stats) do rows[r.label] = r end
  T.equal(rows.N[1], "248"); T.equal(rows.N[2], "248")
  T.equal(rows["Log-likelihood"][1], string.format("%.3f", probit.loglik))
  T.equal(rows["Log-likelihood"][2], "")
  T.equal(rows["LR chi2"][1], string.format("%.3f", probit.lr))
  T.equal(rows["Pseudo R2"][1], string.format("%.3f", probit.pseudo_r2))
  T.equal(rows.R2[2], string.format("%.3f", ols.r2))
  T.equal(rows["Std. errors"][1], "EIM")
  T.equal(rows["Std. errors"][2], "Classical")
  T.equal(t.titles[1], "Probit"); T.equal(t.titles[2], "OLS")  -- default titles
  T.equal(rows.F[2], string.format("%.3f", ols.f))
  T.equal(rows["Wald chi2"], nil, "no Wald row without robust errors")
  local robust = glm.probit(y, X, {vce = "robust"})
  t = regtable.build({robust})
  for _, r in ipairs(t.stats) do rows[r.label] = r end
  T.equal(rows["Wald chi2"][1], string.format("%.3f", robust.wald))
  T.equal(rows["Std. errors"][1], "Robust")
  -- sampling weights: a Wald test, no likelihood ratio
  local w = {}
  for i = 1, 248 do w[i] = 1 + i % 3 end
  t = regtable.build({glm.probit(y, X, {weights = w})})
  rows = {}
  for _, r in ipairs(t.stats) do rows[r.label] = r end
  T.equal(rows["LR chi2"], nil, "no LR row for a weighted fit")
  assert(rows["Wald chi2"][1] ~= "")
end)

T.test("estimates too small for 3 decimals keep 3 significant digits", function()
  -- age in days instead of years: the coefficient and its error shrink 365 times
  local days = X:copy()
  for i = 1, 248 do days:set(i, 2, X:get(i, 2) * 365) end
  local fit = glm.probit(y, days)
  local t = regtable.build({fit})
  -- 7.91e-05 and 4.84e-05 (R: summary(glm(case ~ I(age * 365) + ..., binomial("probit"))))
  T.equal(cell(t, "age", 1), string.format("%.7f", fit.coef:get(2, 1)))
  T.equal(cell(t, "age", 1, true), string.format("(%.7f)", fit.se:get(2, 1)))
  assert(cell(t, "age", 1):match("^0%.0000%d%d%d$"), cell(t, "age", 1))
end)

T.test("stars and digits as options", function()
  local t = regtable.build({probit}, {stars = {0.05, 0.01, 0.001}, digits = 4})
  T.equal(cell(t, "parity", 1), string.format("%.4f***", probit.coef:get(3, 1)))
  assert(t.notes[1]:find("*** p<0.001", 1, true))
  t = regtable.build({probit}, {labels = {parity = "Number of births"}})
  T.equal(t.rows[5].label, "Number of births")
end)

T.test("text: one line per row, numbers aligned, the notes below", function()
  local s = regtable.text(regtable.build({probit, ols}))
  local lines = {}
  for l in s:gmatch("[^\n]+") do lines[#lines + 1] = l end
  assert(lines[2]:find("Probit") and lines[2]:find("OLS"), lines[2])
  assert(s:find("parity%s+%-0%.382%*%*%*"), s)
  -- a coefficient and its standard error end in the same column (stars aside)
  local coef_line, se_line
  for i, l in ipairs(lines) do
    if l:match("^parity") then coef_line, se_line = l, lines[i + 1] end
  end
  local c_end = coef_line:find("%*%*%*") - 1
  local s_end = se_line:find("%)") - 1
  T.equal(c_end, s_end, "the last digits line up")
  assert(lines[#lines]:find("standard errors in parentheses"))
  T.equal(tostring(probit), regtable.text(regtable.build({probit})), "a fit prints as its table")
  -- what the prompt shows for a fit (repl.render), not a dump of its fields
  T.equal(require("repl").render(probit), tostring(probit), "the prompt prints the table")
end)

T.test("markdown and CSV", function()
  local t = regtable.build({probit, ols})
  local md = regtable.markdown(t)
  assert(md:find("| | Probit | OLS |", 1, true) or md:find("|  | Probit | OLS |", 1, true), md)
  assert(md:find("| --- | ---: | ---: |", 1, true))
  assert(md:find("\\*\\*\\*", 1, true), "stars escaped")
  local path = os.tmpname()
  regtable.write_csv(path, t)
  local f = assert(io.open(path))
  local header, first = f:read("l"), f:read("l")
  f:close(); os.remove(path)
  T.equal(header, "term,Probit,OLS")
  T.equal(first, "(Intercept)," .. cell(t, "(Intercept)", 1) .. "," .. cell(t, "(Intercept)", 2))
  -- a term label that a spreadsheet would run as a formula is neutralised
  local hostile = regtable.build({probit}, {labels = {age = "=HYPERLINK(1)"}, titles = {"@x"}})
  regtable.write_csv(path, hostile)
  f = assert(io.open(path))
  local text = f:read("a")
  f:close(); os.remove(path)
  assert(text:find("term,'@x\n", 1, true), text)
  assert(text:find("\n'=HYPERLINK(1),", 1, true), text)
  assert(text:find("\nparity,%-0%.382%*%*%*\n"), text)
end)

T.test("margins: the average marginal effects", function()
  local m = glm.margins(probit, X)
  local t = regtable.build({m})
  T.close(tonumber(cell(t, "age", 1):match("^[-%d.]+")), m.ame.dydx:get(1, 1), 1e-3, "age AME")
  T.equal(t.stats[#t.stats][1], "Delta method")
end)

T.test("bad input", function()
  T.errors("a list of fitted models expected", regtable.build, {})
  T.errors("model 2 is not a result of glm", regtable.build, {probit, {a = 1}})
  T.errors("titles must be a list of 2 titles", regtable.build, {probit, ols}, {titles = {"a"}})
  T.errors("digits must be a non-negative integer", regtable.build, {probit}, {digits = 1.5})
  T.errors("a table from regtable.build expected", regtable.text, {})
  T.errors("cannot write '/nonexistent-dir/t.csv'", regtable.write_csv, "/nonexistent-dir/t.csv",
    regtable.build({probit}))
end)

T.done()
