-- test_modes_analysis.lua -- the chapter 4 survey and analysis (modes_survey,
-- modes_analysis) on two generated surveys (tests/data/modes/survey33.csv and
-- survey300.csv, see PROVENANCE.md): clusters, heights, silhouettes and the
-- adjusted Rand index against R, latent-class log-likelihoods against an
-- independent numpy EM, and each kind of bad input with its own message.
local T = require "testing"
local csv = require "csv"
local modes_survey = require "modes_survey"
local modes_analysis = require "modes_analysis"
local partition = require "partition"

local DIR = T.data .. "/modes/"

local function column(path, name)
  return csv.read_table(path).columns[name]
end

local runs = {}
for _, name in ipairs{"survey33", "survey300"} do
  local s = modes_survey.read(DIR .. name .. ".csv")
  runs[name] = {survey = s, result = modes_analysis.run(s, {lca_kmax = 2})}
end

-- R: cutree(hclust(dist(X, "binary"), "average"), 4) (survey_hclust_r.R)
T.test("memberships equal R's cutree(hclust(dist(X, 'binary'), 'average'), 4)", function()
  for name, r in pairs(runs) do
    local ref = DIR .. "ref_R_" .. name .. "_cutree4.csv"
    local firms, want = column(ref, "firm"), column(ref, "cluster")
    T.equal(#r.result.memberships, #want, name .. " firms")
    for i, m in ipairs(r.result.memberships) do
      T.equal(m.firm, firms[i], name .. " firm " .. i)
      T.equal(m.cluster, math.tointeger(want[i]), name .. " cluster of " .. m.firm)
    end
    local h = column(DIR .. "ref_R_" .. name .. "_heights.csv", "height")
    local got = r.result.clusters.tree.height
    for step = 1, #h do T.close(got:get(step, 1), h[step], 1e-15, name .. " height " .. step) end
  end
end)

T.test("average silhouette widths by k equal R's cluster::silhouette", function()
  for name, r in pairs(runs) do
    local want = column(DIR .. "ref_R_" .. name .. "_silhouette.csv", "silhouette")
    for i, rec in ipairs(r.result.choose_k) do
      T.equal(rec.k, i + 1, "k")
      T.close(rec.silhouette, want[i], 1e-13, name .. " silhouette k = " .. rec.k)
    end
  end
end)

-- R: mclust::adjustedRandIndex(cutree(h, 4), simulated_mode) printed
-- 1 (survey33) and 0.61447355834948802 (survey300)
T.test("adjusted Rand index of clusters and generating groups equals mclust's", function()
  local want = {survey33 = 1, survey300 = 0.61447355834948802}
  for name, r in pairs(runs) do
    local truth = column(DIR .. name .. ".csv", "simulated_mode")
    T.close(partition.adjusted_rand(r.result.cluster, truth), want[name], 1e-13, name)
  end
end)

-- survey_lca_numpy.py (200 starts per k, tolerance 1e-13) printed
--   survey33  loglik_k1 -183.5236989142  k2 -150.0233559136  k3 -131.8399336839
--   survey300 loglik_k1 -1679.1501663746 k2 -1402.9161347676 k3 -1261.4430293730
T.test("latent class log-likelihoods equal an independent numpy EM's optimum", function()
  local lca = require "lca"
  local want = {survey33 = {-183.5236989142, -150.0233559136, -131.8399336839},
    survey300 = {-1679.1501663746, -1402.9161347676, -1261.4430293730}}
  for name, r in pairs(runs) do
    for k = 1, 3 do
      local f = lca.fit(r.survey.B, k, {starts = 20, tol = 1e-13, maxiter = 20000})
      T.close(f.loglik, want[name][k], 1e-12, name .. " k = " .. k)
    end
    local sel = r.result.lca.select
    T.close(sel[2].loglik, want[name][2], 1e-9, name .. " the chapter's fit, k = 2")
  end
end)

-- the bundled example is calibrated to the study: groups of 4, 5, 3 and 21
-- firms named low learning, DUI, STI and DUI/STI; low-learning firms < 50
T.test("the simulated survey reproduces the study's four groups", function()
  local r = runs.survey33.result
  local want = {["low learning"] = 4, DUI = 5, STI = 3, ["DUI/STI"] = 21}
  for _, rec in ipairs(r.firms_by_mode) do T.equal(rec.count, want[rec.mode], rec.mode) end
  for _, row in ipairs(r.by_size) do
    if row.size ~= "<50" then T.equal(row["low learning"], 0, "low learning of size " .. row.size) end
  end
  assert(runs.survey33.survey.simulated, "marked simulated")
end)

-- a survey file written from lines (.csv: the reader goes by the extension)
local function file(lines)
  local tmp = os.tmpname()
  os.remove(tmp)
  local path = tmp .. ".csv"
  local f = assert(io.open(path, "w"))
  f:write(table.concat(lines, "\n"), "\n")
  f:close()
  return path
end
local HEAD = "firm,employees,nace,DUI1,DUI2,DUI3,DUI4,DUI5,DUI6,DUI7,STI1,STI2"

T.test("bad input: a non-0/1 indicator", function()
  local p = file{HEAD, "A,10,24,1,0,0,0,0,0,0,1,1", "B,20,24,1,1,2,0,0,0,0,0,0"}
  T.errors(p .. ": firm 'B' (row 2): DUI3 = '2', but a coded indicator must be 0 or 1",
    modes_survey.read, p)
  p = file{HEAD, "A,10,24,1,0,0,0,0,0,0,1,yes"}
  T.errors("firm 'A' (row 1): STI2 = 'yes', but a coded indicator must be 0 or 1", modes_survey.read, p)
end)

T.test("bad input: a duplicate firm id", function()
  local p = file{HEAD, "A,10,24,1,0,0,0,0,0,0,1,1", "B,20,24,1,1,0,0,0,0,0,0,0", "A,5,07,0,0,0,0,0,0,1,0,0"}
  T.errors(p .. ": firm 'A' appears in rows 1 and 3 (firm ids must be unique)", modes_survey.read, p)
end)

T.test("bad input: fewer firms than k", function()
  local p = file{HEAD, "A,10,24,1,0,0,0,0,0,0,1,1", "B,20,24,1,1,0,0,0,0,0,0,0", "C,5,07,0,0,0,0,0,0,1,0,0"}
  T.errors("k = 4 clusters need at least 4 firms, but the survey has 3",
    modes_analysis.run, modes_survey.read(p), {k = 4})
  p = file{HEAD, "A,10,24,1,0,0,0,0,0,0,1,1"}
  T.errors("clustering needs at least 2 firms, but the survey has 1",
    modes_analysis.run, modes_survey.read(p), {k = 1})
end)

-- Under Jaccard a firm with no practice is at distance 1 from all others: it is
-- set aside from the tree and counted as low learning, in cluster 0
T.test("an all-zero firm under Jaccard: set aside, low learning, cluster 0", function()
  local lines = {HEAD}
  for line in io.lines(DIR .. "survey33.csv") do
    if not line:find("^firm") then lines[#lines + 1] = line:gsub(",[^,]*$", "") end
  end
  lines[#lines + 1] = "Z,12,24,0,0,0,0,0,0,0,0,0"
  local p = file(lines)
  local r = modes_analysis.run(modes_survey.read(p), {lca_kmax = 1})
  T.equal(#r.set_aside, 1, "set aside")
  T.equal(r.set_aside[1], "Z", "which firm")
  T.equal(r.memberships[34].cluster, 0, "cluster 0")
  T.equal(r.memberships[34].mode, "low learning", "mode")
  T.equal(r.cluster_table[1].cluster, 0, "listed first among the clusters")
  -- the other 33 firms cluster as without it
  for i = 1, 33 do T.equal(r.cluster[i], runs.survey33.result.cluster[i], "firm " .. i) end
  -- with another distance it stays in the tree
  local e = modes_analysis.run(modes_survey.read(p), {distance = "euclidean", lca_kmax = 1})
  T.equal(#e.set_aside, 0, "euclidean keeps it")
  T.errors("but the survey has 3 with any practice", modes_analysis.run, modes_survey.read(file{HEAD,
    "A,10,24,1,0,0,0,0,0,0,1,1", "B,20,24,1,1,0,0,0,0,0,0,0", "C,5,07,0,0,0,0,0,0,1,0,0",
    "D,5,07,0,0,0,0,0,0,0,0,0"}), {k = 4})
end)

T.test("bad input: columns, employees, NACE codes, empty files", function()
  local p = file{"firm,employees,DUI1", "A,1,1"}
  T.errors(p .. ": no column 'nace' (a survey has firm, employees, nace", modes_survey.read, p)
  p = file{"firm,employees,nace,DUI1", "A,1,24,1"}
  T.errors(p .. ": no column 'DUI2': give the nine coded indicators", modes_survey.read, p)
  p = file{HEAD, "A,many,24,1,0,0,0,0,0,0,1,1"}
  T.errors("firm 'A' (row 1): employees 'many' is not a number of employees", modes_survey.read, p)
  p = file{HEAD, "A,10,2a,1,0,0,0,0,0,0,1,1"}
  T.errors("firm 'A' (row 1): nace '2a' is not a 2-digit NACE code", modes_survey.read, p)
  p = file{HEAD, ",10,24,1,0,0,0,0,0,0,1,1"}
  T.errors(p .. ": row 1 has no firm id", modes_survey.read, p)
end)

-- the same survey as a Stata file (written by frame, read back by extension)
T.test("a .dta survey reads as its .csv", function()
  local frame = require "frame"
  local tmp = os.tmpname()
  os.remove(tmp)
  local dta = tmp .. ".dta"
  frame.read(DIR .. "survey33.csv"):write(dta)
  local s = modes_survey.read(dta)
  T.close_matrix(s.B, runs.survey33.survey.B:totable(), 0, "indicators")
  T.equal(s.firms[33], "F33", "firm ids")
  T.equal(s.nace[2], runs.survey33.survey.nace[2], "NACE codes")
  assert(s.simulated, "still marked simulated")
  os.remove(dta)
end)

T.test("bad input: missing cells", function()
  local p = file{HEAD, "A,10,24,1,0,,0,0,0,0,1,1"}
  T.errors(p .. ": firm 'A' (row 1): DUI3 is missing (code it 0 or 1)", modes_survey.read, p)
  p = file{HEAD, "A,,24,1,0,0,0,0,0,0,1,1"}
  T.errors(p .. ": firm 'A' (row 1): employees is missing", modes_survey.read, p)
  p = file{HEAD, "A,10,,1,0,0,0,0,0,0,1,1"}
  T.errors(p .. ": firm 'A' (row 1): nace '' is not a 2-digit NACE code", modes_survey.read, p)
end)

-- raw answers through a mapping file (scripts/data/ch4/mapping_template.csv)
T.test("raw answers with a mapping file give the coded indicators", function()
  local raw = "firm,employees,nace,workgroups,quality_circles,proposals,autonomous,integration,"
    .. "demarcations,customers,rd_share,researchers"
  local p = file{raw, "A,10,24,yes,no,no,no,yes,more indistinct,high,0.5,never",
    "B,300,71,no,no,no,no,no,unchanged,small,0,always"}
  local s = modes_survey.read(p, {mapping = "scripts/data/ch4/mapping_template.csv"})
  local want = {{1, 0, 0, 0, 1, 1, 1, 1, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 1}}
  T.close_matrix(s.B, want, 0, "coded")
  T.equal(s.size_class[2], ">=250", "size class")
  local bad = file{raw, "A,10,24,yes,no,no,no,yes,somewhat,high,0.5,never"}
  T.errors(bad .. ": modes.code: firm 'A' (row 1), column 'demarcations': invalid answer for DUI6",
    modes_survey.read, bad, {mapping = "scripts/data/ch4/mapping_template.csv"})
  local m = file{"indicator,column,yes", "DUI1,workgroups,yes", "DUI1,workgroups,yes"}
  T.errors(m .. ":3: indicator DUI1 is mapped twice", modes_survey.read_mapping, m)
  m = file{"indicator,column,yes", "DUI1,workgroups,yes", "STI3,grants,yes"}
  T.errors(m .. ":3: 'STI3' is not an indicator", modes_survey.read_mapping, m)
  m = file{"indicator,column,above", "STI1,rd_share,some"}
  T.errors(m .. ":2: above of STI1 is 'some', not a number", modes_survey.read_mapping, m)
end)

T.done()
