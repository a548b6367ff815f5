-- test_ch3.lua -- end to end: scripts/ch3_innovation_drivers.lua on the
-- bundled SIMULATED survey and on a second survey made by the generator with
-- another seed (a user's .dta whose columns follow the mapping file), and its
-- messages for bad input: missing columns, a non-binary outcome, every row
-- dropped, an unknown kind of standard errors.
local T = require "testing"
local csv = require "csv"
local frame = require "frame"
local matrix = require "matrix"

local SCRIPT = "scripts/ch3_innovation_drivers.lua"
local BUNDLED = "scripts/data/es2009_kazakhstan_simulated.dta"

local function has(text, piece) return text:find(piece, 1, true) ~= nil end

local dir = T.tmpdir()
local out, code = T.run(SCRIPT, "--out " .. dir)

T.test("runs on the bundled survey and says it is SIMULATED everywhere", function()
  T.equal(code, 0, "exit status; output:\n" .. out)
  T.equal(out:lower():find("%f[%w]nan%f[%W]") == nil, true, "no nan printed")
  T.equal(has(out, "SIMULATED DATA"), true, "banner")
  T.equal(has(out, "www.enterprisesurveys.org"), true, "where the real file comes from")
  for _, name in ipairs{"table18.csv", "table20.csv", "table21_probit.csv", "table21_ols.csv", "table21_fit.csv",
      "table21_models.csv", "figure13.csv", "ch3_innovation_drivers.md", "figure13_innovators_by_trade.svg"} do
    local text = T.slurp(dir .. "/" .. name)
    T.equal(text ~= nil, true, name .. " written")
    T.equal(has(text, "SIMULATED"), true, name .. " says SIMULATED")
  end
end)

T.test("Table 18: the published counts by industry (the generator draws them exactly)", function()
  local t = csv.read_table(dir .. "/table18.csv", {text = {"sector", "data"}})
  local want = csv.read_table("scripts/data/enterprise_survey_2009_industry_breakdown.csv", {text = {"sector"}})
  T.equal(t.nrow, want.nrow)
  for i = 1, want.nrow do
    T.equal(t.columns.sector[i], want.columns.sector[i])
    T.equal(t.columns.Firms[i], want.columns.frequency[i], want.columns.sector[i])
    T.close(t.columns["%"][i], want.columns.percentage[i], 0.006, want.columns.sector[i] .. " %")
  end
end)

T.test("Table 21: N = 172 and 74 with why rows were dropped, foreign inputs omitted", function()
  -- the generator's 12 don't-knows: 8 on input origin (both shares), 4 on employment
  T.equal(has(out, "Probit sample (manufacturing firms): 12 of 184 rows dropped (domestic_inputs missing in 8,"
    .. " foreign_inputs missing in 8, size missing in 4)"), true, out)
  local fit = csv.read_table(dir .. "/table21_fit.csv", {na = true, text = {"Model", "Statistic", "data"}})
  T.equal(fit.columns.Here[1], 172)
  T.equal(fit.columns.Here[5], 74)
  T.equal(has(out, "omitted"), true, "the collinear input share is omitted and said so")
end)

T.test("Table 20 and the probit on the bundled file: the generator's calibration", function()
  -- the generator sets the shares of 0/1 variables of each group to the
  -- published ones (rounded to whole firms), so the innovators' R&D share is
  -- 0.224 to within a firm; the test statistics are stats.ttest's and
  -- stats.chisq_test's (tested against R in test_stats_tests.lua)
  local t = csv.read_table(dir .. "/table20.csv", {na = true, text = {"Variable", "Test", "Sig.", "Published sig.", "data"}})
  T.equal(t.columns.Variable[4], "R&D investments")
  T.close(t.columns.Innovators[4], 0.224, 0.01, "R&D share of innovators")
  T.equal(t.columns.Test[1], "Welch t")
  T.equal(t.columns.Test[4], "chi2")
end)

T.test("figure 13: an SVG with the four trade orientations", function()
  local svg = T.slurp(dir .. "/figure13_innovators_by_trade.svg")
  for _, name in ipairs{"Domestic only", "Importer only", "Exporter only", "Importer and exporter"} do
    T.equal(has(svg, name), true, name)
  end
end)

-- a user's survey: the generator with another seed, no SIMULATED label
local user = T.tmpdir()
local made = T.run("tools/simulate_enterprise_survey.lua", "--seed 7 --out " .. user .. "/survey.dta")

local function variant(name, change)
  local f = frame.read(user .. "/survey.dta")
  f = change(f)
  local path = user .. "/" .. name .. ".dta"
  f:write(path, {file_label = "a user's survey"})
  return path
end

T.test("the generator (seed 2009) makes the bundled file byte for byte", function()
  local again = user .. "/again.dta"
  local o = T.run("tools/simulate_enterprise_survey.lua", "--out " .. again)
  T.equal(has(o, "544 SIMULATED firms, seed 2009"), true, o)
  T.equal(T.slurp(again) == T.slurp(BUNDLED), true, "same bytes")
end)

T.test("runs on a user's .dta whose columns follow the mapping", function()
  T.equal(has(made, "wrote"), true, made)
  local path = variant("user", function(f) return f end)
  local o, code = T.run(SCRIPT, "--survey " .. path .. " --out " .. user .. "/out")
  T.equal(code, 0, o)
  T.equal(has(o, "SIMULATED DATA"), false, "a user's file is not called simulated")
  T.equal(has(o, "Survey: " .. path .. ", 544 firms"), true, o)
  local t = T.slurp(user .. "/out/table18.csv")
  T.equal(has(t, path), true, "CSV rows name the survey")
end)

T.test("bad input: missing columns are named with their study variables", function()
  local path = variant("missing", function(f)
    local names = {}
    for _, n in ipairs(f:names()) do if n ~= "d12b" and n ~= "h8" then names[#names + 1] = n end end
    return f:select(names)
  end)
  local o, code = T.run(SCRIPT, "--survey " .. path .. " --out " .. user .. "/bad")
  T.equal(code ~= 0, true)
  T.equal(has(o, path .. ": missing columns 'd12b' (for foreign_inputs: Material inputs of foreign origin (%)),"
    .. " 'h8' (for rnd: Spent on research and development last fiscal year)"), true, o)
  T.equal(has(o, "traceback"), false, "a user's mistake, not a bug")
end)

T.test("bad input: a non-binary outcome names the row and firm", function()
  local path = variant("nonbinary", function(f)
    local v = f:list("h1")
    v[5] = 3
    return f:add("h1", matrix.col(v), f:label("h1"))
  end)
  local o, code = T.run(SCRIPT, "--survey " .. path .. " --out " .. user .. "/bad")
  T.equal(code ~= 0, true)
  T.equal(has(o, ": column 'h1' row 5 (idstd "), true, o)
  T.equal(has(o, "holds 3, not 1 (yes) or 2 (no) (study variable 'innovator', transformation yes_no)"), true, o)
end)

T.test("bad input: every row of the probit sample dropped", function()
  -- no manufacturing firm knows its employment: the probit sample is empty
  local path = variant("nosize", function(f)
    local v, sector = f:list("l1"), f:list("a4a")
    for i = 1, #v do
      if sector[i] >= 15 and sector[i] <= 37 then v[i] = -9 end
    end
    return f:add("l1", matrix.col(v), f:label("l1"))
  end)
  local o, code = T.run(SCRIPT, "--survey " .. path .. " --out " .. user .. "/bad")
  T.equal(code ~= 0, true)
  T.equal(has(o, "frame.design: all 184 rows dropped in " .. path .. ": no row has every variable"), true, o)
  T.equal(has(o, "size missing in 184)"), true, o)
end)

T.test("bad input: an unknown kind of standard errors", function()
  local o, code = T.run(SCRIPT, "--vce bootstrap --out " .. user .. "/bad")
  T.equal(code ~= 0, true)
  T.equal(has(o, "glm.probit: unknown vce 'bootstrap' (expected eim, oim, robust, cluster)"), true, o)
  T.equal(has(o, "traceback"), false, o)
  o, code = T.run(SCRIPT, "--vce cluster --out " .. user .. "/bad")
  T.equal(code ~= 0, true)
  T.equal(has(o, "--vce cluster needs --cluster VAR"), true, o)
end)

T.test("cluster-robust errors by sector run end to end", function()
  local o, code = T.run(SCRIPT, "--vce cluster --cluster sector --out " .. user .. "/cl")
  T.equal(code, 0, o)
  T.equal(has(o, "Cluster (11)"), true, "the 11 manufacturing sectors of Table 18 are the clusters:\n" .. o)
end)

os.execute("rm -rf '" .. dir .. "' '" .. user .. "'")
T.done()
