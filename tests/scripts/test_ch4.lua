-- test_ch4.lua -- end to end: scripts/ch4_modes_of_innovation.lua on the
-- bundled SIMULATED survey (memberships against R's cutree, every output
-- marked SIMULATED, the charts), every distance and linkage stats offers, raw
-- answers with the mapping template, and bad input ending with its message.
-- The bundled survey is also regenerated from its seed and compared.
local T = require "testing"
local csv = require "csv"

local SCRIPT = "scripts/ch4_modes_of_innovation.lua"

-- a temporary file name ending in ext (readers go by the extension)
local function tmpfile(ext)
  local t = os.tmpname()
  os.remove(t)
  return t .. ext
end

local dir = T.tmpdir()
local out, code = T.run(SCRIPT, "--out " .. dir)

T.test("the script runs on the bundled SIMULATED survey", function()
  T.equal(code, 0, "exit status; output:\n" .. out)
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
  local text = T.slurp(dir .. "/memberships.csv")
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

T.test("a second run writes the same files (the dendrogram drew its colours in hash order)", function()
  local again = T.tmpdir()
  local o, c = T.run(SCRIPT, "--out " .. again)
  T.equal(c, 0, o)
  for _, f in ipairs({ "ch4_dendrogram.svg", "cluster_profiles_heatmap.svg", "memberships.csv", "clusters.csv" }) do
    T.equal(T.slurp(again .. "/" .. f), T.slurp(dir .. "/" .. f), f .. " identical")
  end
  os.execute("rm -rf " .. T.quote(again))
end)

T.test("every output says SIMULATED", function()
  for _, f in ipairs{"clusters.csv", "coded_indicators.csv", "modes_by_size.csv", "modes_by_sector.csv",
      "lca_classes.csv", "choose_k.csv"} do
    local t = csv.read_table(dir .. "/" .. f)
    T.equal(t.columns.data and t.columns.data[1], "SIMULATED", f)
  end
  for _, f in ipairs{"ch4_dendrogram.svg", "cluster_profiles_heatmap.svg", "choose_k_silhouette.svg"} do
    local s = T.slurp(dir .. "/" .. f)
    assert(s and s:find("(SIMULATED)", 1, true), f .. " says SIMULATED")
  end
  -- the dendrogram: one leaf label per firm
  local _, leaves = T.slurp(dir .. "/ch4_dendrogram.svg"):gsub('class="leaf"', "")
  T.equal(leaves, 33, "leaves")
end)

T.test("every distance and linkage stats offers runs", function()
  local stats = require "stats"
  local d2 = T.tmpdir()
  for _, d in ipairs(stats.distances) do
    local o, code = T.run(SCRIPT, "--distance " .. d .. " --out " .. d2)
    T.equal(code, 0, "--distance " .. d .. ": " .. o)
  end
  for _, m in ipairs(stats.linkages) do
    local o, code = T.run(SCRIPT, "--method " .. m .. " --k 3 --out " .. d2)
    T.equal(code, 0, "--method " .. m .. ": " .. o)
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
  local o, code = T.run(SCRIPT, "--survey " .. raw .. " --mapping scripts/data/ch4/mapping_template.csv --out " .. T.tmpdir())
  T.equal(code, 0, "raw survey: " .. o)
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
  local o, code = T.run(SCRIPT, "--survey " .. bad .. " --out " .. T.tmpdir())
  T.equal(code ~= 0, true, "fails")
  assert(o:find(bad .. ": firm 'A' appears in rows 1 and 2", 1, true), o)
  assert(not o:find("traceback", 1, true), "no traceback for a user's mistake")
  o, code = T.run(SCRIPT, "--method centre --out " .. T.tmpdir())
  T.equal(code ~= 0, true, "bad method fails")
  assert(o:find("--method must be one of ward.D, single", 1, true), o)
  o, code = T.run(SCRIPT, "--k 34 --out " .. T.tmpdir())
  assert(code ~= 0 and o:find("k = 34 clusters need at least 34 firms, but the survey has 33", 1, true), o)
end)

T.test("the empty templates: what tools/ch4_templates.lua writes, read as a survey with no firms", function()
  local d = T.tmpdir()
  local o, code = T.run("tools/ch4_templates.lua", "--out " .. d)
  T.equal(code, 0, o)
  for _, f in ipairs{"survey_template.csv", "survey_template.dta", "survey_raw_template.csv",
      "survey_raw_template.dta"} do
    T.equal(T.slurp(d .. "/" .. f), T.slurp("scripts/data/ch4/" .. f), f)
  end
  o, code = T.run(SCRIPT, "--survey scripts/data/ch4/survey_template.dta --out " .. T.tmpdir())
  assert(code ~= 0 and o:find("survey_template.dta: no firms (the file has only a header)", 1, true), o)
  local frame = require "frame"
  local raw = frame.read("scripts/data/ch4/survey_raw_template.dta")
  local mapping = require("modes_survey").read_mapping("scripts/data/ch4/mapping_template.csv")
  for id, m in pairs(mapping) do assert(raw:has(m.column), id .. ": the raw template has " .. m.column) end
end)

T.test("the bundled survey is what its generator writes with its seed", function()
  local path = tmpfile(".csv")
  local o, code = T.run("tools/simulate_ch4_survey.lua", "--out " .. path)
  T.equal(code, 0, o)
  T.equal(T.slurp(path), T.slurp("scripts/data/ch4/simulated_survey.csv"), "same file")
  T.equal(T.slurp(path), T.slurp(T.data .. "/modes/survey33.csv"), "the test copy too")
end)

T.done()
