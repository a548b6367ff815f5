-- test_stats_tests.lua -- stats.ttest, stats.chisq_test and stats.stars
-- against R 4.2.2's t.test and chisq.test on R's mtcars (reference file
-- tests/data/r_reference/ref_R_htest.csv, written by make_ref_htest.R, see
-- PROVENANCE.md), and every error path.
local T = require "testing"
local matrix = require "matrix"
local stats = require "stats"

local REF = T.data .. "/r_reference/"

local cars = T.read_records(REF .. "mtcars.csv")
local ref = {}
for _, r in ipairs(T.read_records(REF .. "ref_R_htest.csv")) do ref[r.test] = r end

-- mpg of manual (am = 1) and automatic cars; with_na: Datsun 710 (row 3) missing
local function mpg_by_am(with_na)
  local manual, automatic = {}, {}
  for i, c in ipairs(cars) do
    local v = (with_na and i == 3) and 0 / 0 or c.mpg
    if c.am == 1 then manual[#manual + 1] = v else automatic[#automatic + 1] = v end
  end
  return manual, automatic
end

local function column(name)
  local v = {}
  for i, c in ipairs(cars) do v[i] = c[name] end
  return v
end

local function check_t(r, want, what)
  T.close(r.statistic, want.statistic, 1e-12, what .. " t")
  T.close(r.df, want.df, 1e-12, what .. " df")
  T.close(r.p, want.p, 1e-11, what .. " p")
  T.close(r.conf_int[1], want.conf_lo, 1e-12, what .. " conf_int[1]")
  T.close(r.conf_int[2], want.conf_hi, 1e-12, what .. " conf_int[2]")
  T.close(r.estimate[1], want.estimate_x, 1e-13, what .. " mean x")
  if want.estimate_y ~= "NA" then T.close(r.estimate[2], want.estimate_y, 1e-13, what .. " mean y") end
end

T.test("Welch t-test as R's t.test (the default)", function()
  local m, a = mpg_by_am()
  check_t(stats.ttest(m, a), ref["welch mpg manual vs automatic"], "Welch")
  -- n x 1 matrices give the same
  check_t(stats.ttest(matrix.col(m), matrix.col(a)), ref["welch mpg manual vs automatic"], "matrices")
end)

T.test("pooled t-test with var_equal", function()
  local m, a = mpg_by_am()
  local r = stats.ttest(m, a, {var_equal = true})
  check_t(r, ref["pooled mpg manual vs automatic"], "pooled")
  T.equal(r.method, "Two Sample t-test")
end)

T.test("missing values (NaN) are dropped, as R drops NA", function()
  local m, a = mpg_by_am(true)
  local r = stats.ttest(m, a)
  check_t(r, ref["welch mpg with NA"], "with NaN")
  T.equal(r.n[1], 12, "manual cars used")
  T.equal(r.n[2], 19, "automatic cars used")
end)

T.test("one-sample t-test", function()
  check_t(stats.ttest(column("mpg"), nil, {mu = 20}), ref["one sample mpg mu 20"], "one sample")
end)

T.test("conf_level: a 99% interval is wider and centred on the difference", function()
  local m, a = mpg_by_am()
  local r95, r99 = stats.ttest(m, a), stats.ttest(m, a, {conf_level = 0.99})
  T.close(r99.conf_int[1] + r99.conf_int[2], r95.conf_int[1] + r95.conf_int[2], 1e-12, "centre")
  assert(r99.conf_int[1] < r95.conf_int[1] and r99.conf_int[2] > r95.conf_int[2])
end)

T.test("chi-square of two 0/1 variables, Yates' correction by default as R", function()
  local r = stats.chisq_test(column("vs"), column("am"))
  T.close(r.statistic, ref["chisq vs by am yates"].statistic, 1e-12, "X2")
  T.close(r.p, ref["chisq vs by am yates"].p, 1e-12, "p")
  T.equal(r.df, 1, "df")
  T.equal(r.corrected, true, "corrected")
  local u = stats.chisq_test(column("vs"), column("am"), {correct = false})
  T.close(u.statistic, ref["chisq vs by am plain"].statistic, 1e-12, "X2 uncorrected")
  T.close(u.p, ref["chisq vs by am plain"].p, 1e-12, "p uncorrected")
  T.equal(u.corrected, false, "not corrected")
end)

T.test("chi-square: groups as strings, a 3 x 3 table, a table of counts", function()
  local am = {}
  for i, c in ipairs(cars) do am[i] = c.am == 1 and "manual" or "automatic" end
  T.close(stats.chisq_test(column("vs"), am).statistic, ref["chisq vs by am yates"].statistic, 1e-12)
  local r = stats.chisq_test(column("cyl"), column("gear"))
  T.close(r.statistic, ref["chisq cyl by gear"].statistic, 1e-12, "3 x 3")
  T.close(r.p, ref["chisq cyl by gear"].p, 1e-12, "3 x 3 p")
  T.equal(r.df, 4)
  assert(r.warning:find("may be incorrect"), "expected counts below 5 are flagged")
  -- the same table counted by hand from mtcars: cyl 4/6/8 by gear 3/4/5
  local t = stats.chisq_test(matrix.from{{1, 8, 2}, {2, 4, 1}, {12, 0, 2}})
  T.close(t.statistic, ref["chisq cyl by gear"].statistic, 1e-12, "table of counts")
end)

T.test("chi-square drops pairs with a missing value", function()
  local vs, am = column("vs"), column("am")
  vs[5] = 0 / 0
  local r = stats.chisq_test(vs, am)
  T.equal(r.dropped, 1)
end)

T.test("stars: *** below 1%, ** below 5%, * below 10%", function()
  T.equal(stats.stars(0.009), "***")
  T.equal(stats.stars(0.01), "**")   -- strictly below the cutoff
  T.equal(stats.stars(0.049), "**")
  T.equal(stats.stars(0.07), "*")
  T.equal(stats.stars(0.1), "")
  T.equal(stats.stars(0.5), "")
  T.equal(stats.stars(0.004, {0.05, 0.01, 0.001}), "**")
end)

T.test("bad input: each has its own message", function()
  local m, a = mpg_by_am()
  T.errors("not enough 'x' observations", stats.ttest, {1}, a)
  T.errors("not enough 'y' observations", stats.ttest, m, {0 / 0, 3})
  T.errors("essentially constant", stats.ttest, {2, 2, 2}, {2, 2})
  T.errors("y: element 2 is Inf", stats.ttest, m, {1, math.huge, 3})
  T.errors("must be a vector", stats.ttest, matrix.new(3, 2, 1), a)
  T.errors("conf_level = 1.5", stats.ttest, m, a, {conf_level = 1.5})
  T.errors("option 'var_equal' must be true or false", stats.ttest, m, a, {var_equal = 1})
  T.errors("x has 3 elements but y has 2", stats.chisq_test, {1, 0, 1}, {1, 2})
  T.errors("y takes only 1 value", stats.chisq_test, {1, 0, 1}, {1, 1, 1})
  T.errors("x[2] is boolean", stats.chisq_test, {1, true, 1}, {1, 1, 2})
  T.errors("y (the groups) missing", stats.chisq_test, {1, 0, 1})
  T.errors("row 2 of the table has no observations", stats.chisq_test, matrix.from{{1, 2}, {0, 0}})
  T.errors("count [1, 2] is -1", stats.chisq_test, matrix.from{{1, -1}, {3, 4}})
  T.errors("not a probability", stats.stars, 0 / 0)
  T.errors("cutoff 2 must be a number", stats.stars, 0.2, {0.1, "x"})
end)

T.done()
