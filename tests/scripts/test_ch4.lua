-- test_ch4.lua -- end to end: scripts/ch4_modes_of_innovation.lua on the
-- bundled SIMULATED survey (memberships against R's cutree, every output
-- marked SIMULATED, the charts), every distance and linkage stats offers, raw
-- answers with the mapping template, and bad input ending with its message.
-- The bundled survey is also regenerated from its seed and compared.
local T = require "testing"
local csv = require "csv"

local BIN = arg[-1] or "./clusterlab"
local SCRIPT = "scripts/ch4_modes_of_innovation.lua"

local function tmpdir()
  local d = os.tmpname()
  os.remove(d)
  assert(os.execute("mkdir -p '" .. d .. "'"))
  return d
end

-- a temporary file name ending in ext (readers go by the extension)
local function tmpfile(ext)
  local t = os.tmpname()
  os.remove(t)
  return t .. ext
end

local function run(script, args)
  local p = io.popen(BIN .. " " .. script .. " " .. args .. " 2>&1")
  local out = p:read("a")
  return out, p:close()
end

local function slurp(path)
  local f = io.open(path, "r")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local dir = tmpdir()
local out, ok = run(SCRIPT, "--out " .. dir)

T.test("the script runs on the bundled SIMULATED survey", function()
  T.equal(ok, true, "exit status; output:\n" .. out)
  T.equal(out:lower():find("%f[%w]nan%f[%W]") == nil, true, "no nan printed")
  assert(out:find("SIMULATED data: the study's survey is not public", 1, true), "says SIMULATED")
  assert(out:find("The study names only the linkage (average), not the distance", 1, true), "linkage note")
  assert(out:find("Jaccard (--distance binary) is the choice", 1, true), "Jaccard note")
  for _, part in ipairs{"Coded indicators", "Share of firms using each practice", "Clusters and their JJLL names",
      "Modes by size class", "Modes by sector", "Firms of each mode", "average silhouette width",
      "Latent classes (JJLL's method)", "Adjusted Rand index of latent classes and clusters"} do
    assert(out:find(part, 1, true), "prints: " .. part)
  end
end)

-- R's cutree(hclust(dist(X, "binary"), "average"), 4) on the same survey
-- (tests/data/modes/ref_R_survey33_cutree4.csv, survey_hclust_r.R)
T.test("memberships.csv: firm,cluster,mode as R's cutree and the study's group sizes", function()
  local text = slurp(dir .. "/memberships.csv")
  T.equal(text:match("^[^\n]*"), "firm,cluster,mode", "header")
  local m = csv.read_table(dir .. "/memberships.csv")
  local ref = csv.read_table(T.data .. "/modes/ref_R_survey33_cutree4.csv")
  T.equal(m.nrow, 33, "firms")
  local count = {}
  for i = 1, 33 do
    T.equal(m.columns.firm[i], ref.columns.firm[i], "firm " .. i)
    T.equal(m.columns.cluster[i], ref.columns.cluster[i], "cluster of " .. ref.columns.firm[i])
    count[m.columns.mode[i]] = (count[m.columns.mode[i]] or 0) + 1
  end
  -- the study: low learning 4, DUI 5, STI 3, the rest (21) mixed
  T.equal(count["low learning"], 4, "low learning")
  T.equal(count.DUI, 5, "DUI")
  T.equal(count.STI, 3, "STI")
  T.equal(count["DUI/STI"], 21, "DUI/STI")
end)

T.test("every output says SIMULATED", function()
  for _, f in ipairs{"clusters.csv", "coded_indicators.csv", "modes_by_size.csv", "modes_by_sector.csv",
      "lca_classes.csv", "choose_k.csv"} do
    local t = csv.read_table(dir .. "/" .. f)
    T.equal(t.columns.data and t.columns.data[1], "SIMULATED", f)
  end
  for _, f in ipairs{"ch4_dendrogram.svg", "cluster_profiles_heatmap.svg", "choose_k_silhouette.svg"} do
    local s = slurp(dir .. "/" .. f)
    assert(s and s:find("(SIMULATED)", 1, true), f .. " says SIMULATED")
  end
  -- the dendrogram: one leaf label per firm
  local _, leaves = slurp(dir .. "/ch4_dendrogram.svg"):gsub('class="leaf"', "")
  T.equal(leaves, 33, "leaves")
end)

T.test("every distance and linkage stats offers runs", function()
  local stats = require "stats"
  local d2 = tmpdir()
  for _, d in ipairs(stats.distances) do
    local o, good = run(SCRIPT, "--distance " .. d .. " --out " .. d2)
    T.equal(good, true, "--distance " .. d .. ": " .. o)
  end
  for _, m in ipairs(stats.linkages) do
    local o, good = run(SCRIPT, "--method " .. m .. " --k 3 --out " .. d2)
    T.equal(good, true, "--method " .. m .. ": " .. o)
  end
end)

-- the hand-made answers of tests/data/modes/survey8.csv with employees and a
-- sector added: test_modes.lua codes and clusters them by hand into {A,E} low
-- learning, {B,F} DUI, {C,G} STI and {D,H} DUI/STI
T.test("raw answers with the mapping template", function()
  local raw = tmpfile(".csv")
  local f = assert(io.open(raw, "w"))
  local i = 0
  for line in io.lines(T.data .. "/modes/survey8.csv") do
    local firm, rest = line:match("^([^,]*),(.*)$")
    f:write(i == 0 and "firm,employees,nace," or firm .. "," .. (10 * i) .. ",24,", rest, "\n")
    i = i + 1
  end
  f:close()
  local o, good = run(SCRIPT, "--survey " .. raw .. " --mapping scripts/data/ch4/mapping_template.csv --out " .. tmpdir())
  T.equal(good, true, "raw survey: " .. o)
  T.equal(o:find("SIMULATED", 1, true), nil, "a user's survey is not called simulated")
  for _, want in ipairs{"low learning%s+2%s+A E", "DUI%s+2%s+B F", "STI%s+2%s+C G", "DUI/STI%s+2%s+D H"} do
    assert(o:find(want), want .. " in:\n" .. o)
  end
end)

T.test("bad input ends the script with its message", function()
  local bad = tmpfile(".csv")
  local f = assert(io.open(bad, "w"))
  f:write("firm,employees,nace,DUI1,DUI2,DUI3,DUI4,DUI5,DUI6,DUI7,STI1,STI2\n",
    "A,10,24,1,0,0,0,0,0,0,1,1\n", "A,12,24,1,0,0,0,0,0,0,1,1\n")
  f:close()
  local o, good = run(SCRIPT, "--survey " .. bad .. " --out " .. tmpdir())
  T.equal(good, nil, "fails")
  assert(o:find(bad .. ": firm 'A' appears in rows 1 and 2", 1, true), o)
  assert(not o:find("traceback", 1, true), "no traceback for a user's mistake")
  o, good = run(SCRIPT, "--method centre --out " .. tmpdir())
  T.equal(good, nil, "bad method fails")
  assert(o:find("--method must be one of ward.D, single", 1, true), o)
  o, good = run(SCRIPT, "--k 34 --out " .. tmpdir())
  assert(not good and o:find("k = 34 clusters need at least 34 firms, but the survey has 33", 1, true), o)
end)

T.test("the empty templates: what tools/ch4_templates.lua writes, read as a survey with no firms", function()
  local d = tmpdir()
  local o, good = run("tools/ch4_templates.lua", "--out " .. d)
  T.equal(good, true, o)
  for _, f in ipairs{"survey_template.csv", "survey_template.dta", "survey_raw_template.csv",
      "survey_raw_template.dta"} do
    T.equal(slurp(d .. "/" .. f), slurp("scripts/data/ch4/" .. f), f)
  end
  o, good = run(SCRIPT, "--survey scripts/data/ch4/survey_template.dta --out " .. tmpdir())
  assert(not good and o:find("survey_template.dta: no firms (the file has only a header)", 1, true), o)
  local frame = require "frame"
  local raw = frame.read("scripts/data/ch4/survey_raw_template.dta")
  local mapping = require("modes_survey").read_mapping("scripts/data/ch4/mapping_template.csv")
  for id, m in pairs(mapping) do assert(raw:has(m.column), id .. ": the raw template has " .. m.column) end
end)

T.test("the bundled survey is what its generator writes with its seed", function()
  local path = tmpfile(".csv")
  local o, good = run("tools/simulate_ch4_survey.lua", "--out " .. path)
  T.equal(good, true, o)
  T.equal(slurp(path), slurp("scripts/data/ch4/simulated_survey.csv"), "same file")
  T.equal(slurp(path), slurp(T.data .. "/modes/survey33.csv"), "the test copy too")
end)

T.done()
