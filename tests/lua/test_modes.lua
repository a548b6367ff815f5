-- test_modes.lua -- modes.indicators, modes.code, modes.cluster, modes.label
-- on a hand-made 8-firm survey (tests/data/modes/survey8.csv, see its
-- PROVENANCE.md): coding and Jaccard distances by hand, clusters against R.
local T = require "testing"
local matrix = require "matrix"
local csv = require "csv"
local modes = require "modes"

local survey = csv.read_table(T.data .. "/modes/survey8.csv")

local function yesno(v)
  if v == "yes" then return 1 elseif v == "no" then return 0 end
  return nil
end

-- the JJLL coding (Table 23 of the study, stdlib/data/sti_dui_indicators.csv)
local mapping = {
  DUI1 = {column = "workgroups", rule = yesno},
  DUI2 = {column = "quality_circles", rule = yesno},
  DUI3 = {column = "proposals", yes = {"yes"}, no = {"no"}},
  DUI4 = {column = "autonomous", yes = {"yes"}, no = {"no"}},
  DUI5 = {column = "integration", yes = {"yes"}, no = {"no"}},
  DUI6 = {column = "demarcations", yes = {"more indistinct"}, no = {"unchanged", "more distinct"}},
  DUI7 = {column = "customers", yes = {"high"}, no = {"medium", "small", "none"}},
  STI1 = {column = "rd_share", above = 0},
  STI2 = {column = "researchers", yes = {"rarely", "occasionally", "frequently", "always"}, no = {"never"}},
}

-- coded by hand from survey8.csv with the rules above (columns DUI1..DUI7, STI1, STI2)
local want_B = {
  {1, 1, 0, 0, 0, 0, 0, 0, 0},  -- A: workgroups, quality circles
  {0, 0, 1, 1, 1, 1, 1, 0, 0},  -- B: proposals .. customers
  {0, 0, 0, 0, 0, 0, 0, 1, 1},  -- C: R&D 2.5 > 0, researchers frequently
  {1, 1, 1, 1, 1, 1, 1, 1, 1},  -- D: everything
  {1, 0, 0, 0, 0, 0, 0, 0, 0},  -- E: workgroups only
  {0, 0, 1, 1, 1, 1, 0, 0, 0},  -- F: customers only medium
  {1, 0, 0, 0, 0, 0, 0, 1, 1},  -- G: workgroups, R&D 1.2, researchers rarely
  {1, 1, 1, 1, 1, 0, 0, 1, 1},  -- H: demarcations unchanged, customers medium
}

T.test("indicators: the 9 JJLL indicators of Table 23", function()
  local ind = modes.indicators()
  T.equal(#ind, 9, "count")
  T.equal(ind[1].id, "DUI1", "first id")
  T.equal(ind[1].name, "Interdisciplinary workgroups", "first name")
  T.equal(ind[7].name, "Cooperation with customers", "DUI7")
  T.equal(ind[8].id, "STI1", "STI1 id")
  T.equal(ind[9].mode, "STI", "STI2 mode")
  T.equal(ind[9].item, 2, "STI2 item")
  assert(ind[6].coding:find("indistinct", 1, true), "DUI6 coding")
  assert(modes._help._about, "help")
end)

T.test("code: the hand coding, labelled by firm and indicator", function()
  local B = modes.code(survey, mapping)
  T.close_matrix(B, want_B, 0, "B")
  T.equal(B:rownames()[8], "H", "firm label")
  T.equal(B:colnames()[9], "STI2", "indicator label")
end)

-- a copy of the survey with one cell changed
local function with(column, row, value)
  local s = {names = survey.names, nrow = survey.nrow, columns = {}}
  for k, col in pairs(survey.columns) do
    local c = {}
    for i, v in ipairs(col) do c[i] = v end
    s.columns[k] = c
  end
  s.columns[column][row] = value
  return s
end

T.test("code: missing and invalid answers name firm, row and column", function()
  T.errors("firm 'C' (row 3), column 'rd_share': missing answer for STI1",
    modes.code, with("rd_share", 3, 0 / 0), mapping)
  T.errors("firm 'B' (row 2), column 'customers': missing answer",
    modes.code, with("customers", 2, ""), mapping)
  T.errors("firm 'E' (row 5), column 'demarcations': invalid answer for DUI6",
    modes.code, with("demarcations", 5, "somewhat"), mapping)
  T.errors("firm 'A' (row 1), column 'workgroups': invalid answer for DUI1",
    modes.code, with("workgroups", 1, "maybe"), mapping)
  T.errors("is not a number", modes.code, with("rd_share", 4, "n/a"), mapping)
  local m2 = {}
  for k, v in pairs(mapping) do m2[k] = v end
  m2.STI2 = nil
  T.errors("no spec for STI2", modes.code, survey, m2)
  m2.STI2 = {column = "nowhere"}
  T.errors("no column 'nowhere'", modes.code, survey, m2)
  m2.STI3 = mapping.STI1
  T.errors("'STI3' is not an indicator", modes.code, survey, m2)
  T.errors("csv.read_table record", modes.code, {}, mapping)
end)

-- Jaccard distances d = |symmetric difference| / |union| by hand, firms A..H:
--      A     B     C     D     E     F     G
-- B   5/5
-- C   4/4   7/7
-- D   7/9   4/9   7/9
-- E   1/2   6/6   3/3   8/9
-- F   6/6   1/5   6/6   5/9   5/5
-- G   3/4   8/8   1/3   6/9   2/3   7/7
-- H   5/7   6/9   5/7   2/9   6/7   5/8   4/7
-- Average linkage: B-F 0.2, D-H 2/9, C-G 1/3, A-E 1/2, then {B,F}-{D,H} =
-- (4/9 + 6/9 + 5/9 + 5/8) / 4 = 0.5729167: at k = 4 {A,E} {B,F} {C,G} {D,H}.
-- R 4.2.2 (Rscript /tmp/r8.R, B = want_B with rownames A..H):
--   h <- hclust(dist(B, "binary"), "average"); h$height; cutree(h, 4)
--   [1] 0.2000000000 0.2222222222 0.3333333333 0.5000000000 0.5729166667
--   [6] 0.8412698413 0.8878968254
--   A B C D E F G H
--   1 2 3 4 1 2 3 4
T.test("cluster: R's cutree(hclust(dist(B, 'binary'), 'average'), 4)", function()
  local B = modes.code(survey, mapping)
  local cl = modes.cluster(B, {k = 4})
  local want = {1, 2, 3, 4, 1, 2, 3, 4}
  for i = 1, 8 do T.equal(cl.cluster[i], want[i], "cluster of firm " .. i) end
  local h = {0.2, 2 / 9, 1 / 3, 0.5, 0.5729166667, 0.8412698413, 0.8878968254}
  for s = 1, 7 do T.close(cl.tree.height:get(s, 1), h[s], 1e-9, "height " .. s) end
  for c = 1, 4 do T.equal(cl.sizes[c], 2, "size " .. c) end
  -- shares of firms with each indicator, from want_B by hand
  T.close_matrix(cl.profile, {
    {1, 0.5, 0, 0, 0, 0, 0, 0, 0},
    {0, 0, 1, 1, 1, 1, 0.5, 0, 0},
    {0.5, 0, 0, 0, 0, 0, 0, 1, 1},
    {1, 1, 1, 1, 1, 0.5, 0.5, 1, 1},
  }, 1e-15, "profile")
  T.equal(cl.profile:colnames()[8], "STI1", "profile labels")
  T.equal(cl.modes[8], "STI", "column mode")
end)

-- DUI sample share: (2+5+0+7+1+4+1+5) / 56 = 25/56; STI: 8/16 = 1/2.
-- Cluster DUI/STI shares: {A,E} 3/14, 0; {B,F} 9/14, 0; {C,G} 1/14, 1;
-- {D,H} 12/14, 1 -> low learning, DUI, STI, DUI/STI, 2 firms (25%) each.
T.test("label: JJLL's names from the cluster means", function()
  local lab = modes.label(modes.cluster(modes.code(survey, mapping)))
  T.close(lab.dui_mean, 25 / 56, 1e-15, "DUI mean")
  T.close(lab.sti_mean, 0.5, 1e-15, "STI mean")
  local want = {"low learning", "DUI", "STI", "DUI/STI"}
  local dui = {3 / 14, 9 / 14, 1 / 14, 12 / 14}
  local sti = {0, 0, 1, 1}
  for c = 1, 4 do
    T.equal(lab.clusters[c].mode, want[c], "mode of cluster " .. c)
    T.close(lab.clusters[c].dui, dui[c], 1e-15, "DUI share " .. c)
    T.close(lab.clusters[c].sti, sti[c], 1e-15, "STI share " .. c)
    T.equal(lab.counts[want[c]], 2, "count " .. want[c])
    T.close(lab.shares[want[c]], 0.25, 0, "share " .. want[c])
  end
  T.equal(lab.mode[8], "DUI/STI", "mode of firm H")
end)

T.test("cluster: bad input", function()
  local B = matrix.from(want_B)
  local cl = modes.cluster(B)   -- unnamed: the 9 columns in JJLL's order
  T.equal(cl.indicators[1], "DUI1", "default names")
  B:set(3, 2, 2)
  T.errors("B[3, 2] = 2: the indicators must be 0 or 1", modes.cluster, B)
  T.errors("k must be an integer from 1 to the number of firms (8)", modes.cluster, want_B, {k = 9})
  T.errors("k must be", modes.cluster, want_B, {k = 0})
  T.errors("B has 2 unnamed columns", modes.cluster, {{1, 0}, {0, 1}}, {k = 1})
  local named = matrix.from{{1, 0}, {0, 1}, {1, 1}}
  named:setnames(nil, {"x", "STI1"})
  T.errors("column 'x' is neither", modes.cluster, named, {k = 2})
  local ok = modes.cluster(named, {k = 2, modes = {x = "DUI"}})
  T.equal(ok.modes[1], "DUI", "opts.modes")
  T.errors("modes.cluster result", modes.label, {})
end)

T.done()
