-- test_scoreboard.lua -- the innovation scoreboard (EIS 2008-2010 method):
-- catalogue, reading, comparisons, missing values, imputation, the annex's
-- normalisation and composites on a hand-computed toy, Monte Carlo, figure 12,
-- the chapter-2 records (units' roles, column titles, two units against three,
-- the study's figure-12 rule beside its Table 15) and figure 10's two scales.
local T = require "testing"
local sb = require "scoreboard"
local uncertainty = require "scoreboard.uncertainty"
local innovators = require "scoreboard.innovators"
local chapter2 = require "scoreboard.chapter2"
local charts = require "scoreboard.charts"

local TABLE15 = "scripts/data/scoreboard_2009_east_kazakhstan.csv"

---------------------------------------------------------------------------
-- the toy: 3 units (X, Y, Z), 5 indicators in 3 dimensions and 2 groups
--   A1 (G1/D1)              X 10  Y 20  Z 30
--   A2 (G1/D1, sqrt)        X  4  Y 16  Z 64   -> sqrt 2, 4, 8
--   B1 (G1/D2)              X  1  Y  2  Z  9   (Z an outlier)
--   C1 (G2/D3)              X 50  Y --  Z 70   (Y missing)
--   C2 (G2/D3, lower=better) X 5  Y  3  Z  4
-- Three units can lie at most 2/sqrt(3) = 1.155 sd from their mean, so the
-- annex's 3-sd rule cannot fire here; outlier_sd = 1.1 makes it visible.
-- Sample sd (n - 1); z-scores checked in R: (a - mean(a)) / sd(a).
---------------------------------------------------------------------------
local TOY_ROWS = {
  {code = "A1", group = "G1", dimension = "D1", name = "a one"},
  {code = "A2", group = "G1", dimension = "D1", name = "a two", transform = "sqrt"},
  {code = "B1", group = "G1", dimension = "D2", name = "b one"},
  {code = "C1", group = "G2", dimension = "D3", name = "c one"},
  {code = "C2", group = "G2", dimension = "D3", name = "c two", direction = "lower"},
}
local toy = sb.catalogue_from_rows(TOY_ROWS, "toy")
local toyv = sb.values{units = {"X", "Y", "Z"}, codes = {"A1", "A2", "B1", "C1", "C2"}, data = {
  X = {A1 = 10, A2 = 4, B1 = 1, C1 = 50, C2 = 5},
  Y = {A1 = 20, A2 = 16, B1 = 2, C1 = 0 / 0, C2 = 3},
  Z = {A1 = 30, A2 = 64, B1 = 9, C1 = 70, C2 = 4},
}}
local TOY_OPTS = {outlier_sd = 1.1}

T.test("toy: annex steps 1-6 by hand", function()
  local n = sb.normalise(toy, toyv, TOY_OPTS)
  -- A1: z = -1, 0, 1 (inside 1.1 sd); min 10, max 30: 0, 10/20, 1
  T.close(n.score.X.A1, 0); T.close(n.score.Y.A1, 0.5); T.close(n.score.Z.A1, 1)
  -- A2 step 1: sqrt -> 2, 4, 8; z(8) = 1.091 < 1.1, no outlier;
  -- min 2, max 8: 0, (4-2)/6 = 1/3, 1
  T.close(n.value.Y.A2, 4, 1e-15, "sqrt 16")
  T.close(n.score.X.A2, 0); T.close(n.score.Y.A2, 1 / 3, 1e-15); T.close(n.score.Z.A2, 1)
  -- B1 step 2: mean 4, sd sqrt(19) = 4.359, 4 + 1.1 * 4.359 = 8.79 < 9: Z is
  -- a positive outlier; step 5 min 1, max 2 from X and Y; step 6: 0, 1, Z -> 1
  T.equal(n.outliers.Z.B1, "positive", "B1 outlier")
  T.equal(n.outliers.Y.B1, nil, "B1 not an outlier")
  T.close(n.min.B1, 1); T.close(n.max.B1, 2)
  T.close(n.score.X.B1, 0); T.close(n.score.Y.B1, 1); T.close(n.score.Z.B1, 1)
  -- C1: Y missing stays missing; X 0, Z 1
  T.equal(n.score.Y.C1, nil, "missing C1 not filled")
  T.close(n.score.X.C1, 0); T.close(n.score.Z.C1, 1)
  -- C2, lower is better: (max - x) / (max - min) = (5-5)/2, (5-3)/2, (5-4)/2
  T.close(n.score.X.C2, 0); T.close(n.score.Y.C2, 1); T.close(n.score.Z.C2, 0.5)
end)

T.test("toy: without the square root A2's 64 is an outlier", function()
  -- 4, 16, 64: mean 28, sd sqrt(1008) = 31.75, z(64) = 1.134 > 1.1;
  -- min 4, max 16 from X and Y: X 0, Y 1, Z 1 (outlier)
  local n = sb.normalise(toy, toyv, {outlier_sd = 1.1, transform = false})
  T.equal(n.outliers.Z.A2, "positive")
  T.close(n.score.Y.A2, 1); T.close(n.score.Z.A2, 1)
end)

T.test("toy: without the outlier rule B1 spans 1..9", function()
  -- min 1, max 9: Y = (2 - 1) / 8 = 0.125
  local n = sb.normalise(toy, toyv, {outlier_sd = 10})
  T.equal(n.outliers.Z.B1, nil)
  T.close(n.score.Y.B1, 0.125)
end)

T.test("toy: composites (step 7) by hand, with counts", function()
  local c = sb.composites(toy, sb.normalise(toy, toyv, TOY_OPTS))
  -- X scores 0 everywhere
  T.close(c.X.sii.score, 0); T.equal(c.X.sii.n, 5)
  -- Y: D1 = (1/2 + 1/3)/2 = 5/12; D2 = 1; D3 = C2 only = 1 (C1 missing)
  T.close(c.Y.dimensions.D1.score, 5 / 12); T.equal(c.Y.dimensions.D1.n, 2)
  T.close(c.Y.dimensions.D2.score, 1)
  T.close(c.Y.dimensions.D3.score, 1); T.equal(c.Y.dimensions.D3.n, 1)
  -- G1 = (1/2 + 1/3 + 1)/3 = 11/18; G2 = 1
  T.close(c.Y.groups.G1.score, 11 / 18, 1e-15); T.equal(c.Y.groups.G1.n, 3)
  T.close(c.Y.groups.G2.score, 1); T.equal(c.Y.groups.G2.n, 1)
  -- SII = (1/2 + 1/3 + 1 + 1)/4 = 17/24 over the 4 available indicators
  T.close(c.Y.sii.score, 17 / 24, 1e-15); T.equal(c.Y.sii.n, 4)
  -- Z: D1 = 1, D2 = 1, D3 = (1 + 0.5)/2 = 0.75; SII = 4.5/5 = 0.9
  T.close(c.Z.dimensions.D3.score, 0.75)
  T.close(c.Z.groups.G2.score, 0.75)
  T.close(c.Z.sii.score, 0.9, 1e-15); T.equal(c.Z.sii.n, 5)
  local r = sb.ranks(c, {"X", "Y", "Z"})
  T.equal(r.Z, 1); T.equal(r.Y, 2); T.equal(r.X, 3)
end)

T.test("toy: weights by dimension and by group", function()
  local n = sb.normalise(toy, toyv, TOY_OPTS)
  local d = sb.composites(toy, n, {weights = "dimension"})
  -- Y: mean of D1, D2, D3 = (5/12 + 1 + 1)/3 = 29/36; Z: (1 + 1 + 0.75)/3 = 11/12
  T.close(d.Y.sii.score, 29 / 36, 1e-15); T.equal(d.Y.sii.n, 4)
  T.close(d.Z.sii.score, 11 / 12, 1e-15)
  -- G1 as the mean of its dimensions: Y (5/12 + 1)/2 = 17/24
  T.close(d.Y.groups.G1.score, 17 / 24, 1e-15)
  local g = sb.composites(toy, n, {weights = "group"})
  -- Y: (G1 + G2)/2 = (11/18 + 1)/2 = 29/36; Z: (1 + 0.75)/2 = 0.875
  T.close(g.Y.sii.score, 29 / 36, 1e-15)
  T.close(g.Z.sii.score, 0.875, 1e-15)
  -- dimension weight 3 on D3 (indicator scheme): Z = (1+1+1 + 3*(1+0.5)) / (3 + 3*2) = 7.5/9
  local w = sb.composites(toy, n, {dimension_weights = {D3 = 3}})
  T.close(w.Z.sii.score, 7.5 / 9, 1e-15)
end)

T.test("toy: z-score option", function()
  -- A1: (x - 20)/10 = -1, 0, 1; C2 (lower is better): -(x - 4)/1 = -1, 1, 0
  local n = sb.normalise(toy, toyv, {method = "zscore"})
  T.close(n.score.X.A1, -1); T.close(n.score.Y.A1, 0); T.close(n.score.Z.A1, 1)
  T.close(n.score.X.C2, -1); T.close(n.score.Y.C2, 1); T.close(n.score.Z.C2, 0)
end)

T.test("the annex's 3-sd rule on a 12-unit reference group", function()
  -- ten units at 0, one at 0.1, one at 10: mean 0.8417, sd 2.8843 (R: sd());
  -- mean + 3 sd = 9.494 < 10: an outlier scoring 1, min 0 and max 0.1 from the
  -- others; at 3.5 sd (10.94) it is not, and 0.1 scores 0.1/10 = 0.01
  local rows, data, units = {{code = "P", group = "G", dimension = "D", name = "p"}}, {}, {}
  for i = 1, 12 do
    units[i] = "U" .. i
    data[units[i]] = {P = i == 11 and 0.1 or i == 12 and 10 or 0}
  end
  local cat = sb.catalogue_from_rows(rows)
  local v = sb.values{units = units, data = data, codes = {"P"}}
  local n = sb.normalise(cat, v)
  T.equal(n.outliers.U12.P, "positive")
  T.close(n.score.U12.P, 1); T.close(n.score.U11.P, 1); T.close(n.score.U1.P, 0)
  local n2 = sb.normalise(cat, v, {outlier_sd = 3.5})
  T.equal(n2.outliers.U12.P, nil)
  T.close(n2.score.U11.P, 0.01)
end)

T.test("toy: outliers judged against a separate reference group", function()
  -- reference group X, Y: B1 mean 1.5, sd 0.7071; 1.5 + 3 * 0.7071 = 3.62 < 9
  local n = sb.normalise(toy, toyv, {reference_group = {"X", "Y"}})
  T.equal(n.outliers.Z.B1, "positive")
end)

T.test("toy: imputation only on request, and marked", function()
  local m = sb.missing(toy, toyv, "Y")
  T.equal(#m.indicators, 1); T.equal(m.indicators[1], "C1")
  T.equal(m.available, 4); T.equal(m.total, 5)
  T.equal(m.dimensions[3].name, "D3"); T.equal(#m.dimensions[3].missing, 1)
  T.equal(m.groups[2].available, 1)
  -- group mean of C1 = (50 + 70)/2 = 60 -> (60-50)/20 = 0.5;
  -- SII = (1/2 + 1/3 + 1 + 1/2 + 1)/5 = 2/3, one of the 5 imputed
  local filled = sb.impute(toy, toyv, {method = "group_mean"})
  T.close(filled.data.Y.C1, 60); T.equal(filled.imputed.Y.C1, "group_mean")
  T.equal(toyv.data.Y.C1, nil, "the original values are untouched")
  local c = sb.composites(toy, sb.normalise(toy, filled, TOY_OPTS))
  T.close(c.Y.sii.score, 2 / 3, 1e-15); T.equal(c.Y.sii.n, 5); T.equal(c.Y.sii.n_imputed, 1)
  T.equal(sb.missing(toy, filled, "Y").imputed[1], "C1")
  -- worst value: C1's lowest, 50 -> 0. At the annex's 3 sd B1 has no outlier
  -- (Y = 1/8); SII = (1/2 + 1/3 + 1/8 + 0 + 1)/5 = (24 + 16 + 6 + 48)/240 = 47/120
  local worst = sb.impute(toy, toyv, {method = "worst"})
  T.close(worst.data.Y.C1, 50)
  T.close(sb.composites(toy, sb.normalise(toy, worst)).Y.sii.score, 47 / 120, 1e-15)
  -- at 1.1 sd, 70 is an outlier among 50, 50, 70 (z = 1.155) and the rest
  -- have no spread: C1 is dropped and said so
  local n = sb.normalise(toy, worst, TOY_OPTS)
  T.equal(n.dropped.C1, "no spread across the compared units")
end)

T.test("toy: relative to a reference, a national value, a group's range", function()
  local rows = sb.compare(toy, toyv, {unit = "Y", reference = "X", national = "Z", group = {"X", "Z"}})
  -- A1: 100 * 20/10 = 200; against Z: 100 * 20/30; range 10..30, position 0.5
  T.close(rows[1].relative, 200)
  T.close(rows[1].relative_to_national, 200 / 3, 1e-15)
  T.close(rows[1].group_min, 10); T.close(rows[1].group_max, 30)
  T.close(rows[1].position, 0.5); T.equal(rows[1].range, "within")
  -- B1: 2 in 1..9 -> 1/8; C2: 3 below 4..5
  T.close(rows[3].position, 0.125)
  T.equal(rows[5].range, "below")
  -- C1: Y missing -> no relative, no position, but the group's range
  T.equal(rows[4].relative, nil); T.equal(rows[4].position, nil); T.equal(rows[4].group_n, 2)
  -- dimension D3, only C2 has both values: 100 * 3/5 = 60
  local d = sb.relative_by_dimension(toy, toyv, {unit = "Y", reference = "X"})
  T.close(d[3].relative, 60); T.equal(d[3].n, 1); T.equal(d[3].total, 2)
  -- D1: (200 + 400)/2 = 300
  T.close(d[1].relative, 300)
end)

T.test("bad input: clear errors", function()
  T.errors("is not in the catalogue", sb.compare, toy,
    sb.values{units = {"X"}, data = {X = {Q9 = 1}}, codes = {"Q9"}}, {unit = "X"})
  T.errors("no unit 'W'", sb.compare, toy, toyv, {unit = "W"})
  T.errors("toy row 1 (A1): direction must be 'higher' or 'lower'", sb.catalogue_from_rows,
    {{code = "A1", group = "G", dimension = "D", name = "a", direction = "up"}}, "toy")
  T.errors("listed twice", sb.catalogue_from_rows,
    {{code = "A", group = "G", dimension = "D", name = "a"}, {code = "A", group = "G", dimension = "D", name = "b"}})
  T.errors("method must be", sb.normalise, toy, toyv, {method = "rank"})
  T.errors("cannot be square-rooted", sb.normalise, toy,
    sb.values{units = {"X"}, data = {X = {A2 = -1}}, codes = {"A2"}})
  T.errors("not a number", sb.values, {units = {"X"}, data = {X = {A1 = "1,5"}}})
  local path = T.tmpfile("code,eu,region\n1.1.1,40.5,\"28,0\"\n")
  T.errors('column 3 ("region"): "28,0" is not a number', sb.read, path)
  os.remove(path)
  path = T.tmpfile("code,eu,region\n1.1.1,40.5,n/a\n")
  T.errors("row 2, column 'region': not a number 'n/a'", sb.read, path)
  os.remove(path)
  -- the bad cell below a good one: the column is read as text, the message names the bad cell
  path = T.tmpfile("code,eu,region\n1.1.1,40.5,28\n1.1.2,1.03,n/a\n")
  T.errors("row 3, column 'region': not a number 'n/a'", sb.read, path)
  os.remove(path)
end)

---------------------------------------------------------------------------
-- the EIS 2008-2010 catalogue and the study's Table 15
---------------------------------------------------------------------------

T.test("catalogue: 29 indicators, 7 dimensions, 3 groups (EIS 2008 Table 1)", function()
  local cat = sb.catalogue()
  T.equal(#cat.indicators, 29); T.equal(#cat.dimensions, 7); T.equal(#cat.groups, 3)
  local per_dim = {5, 4, 3, 4, 4, 3, 6}
  for i, d in ipairs(cat.dimensions) do T.equal(#d.codes, per_dim[i], d.name) end
  local sqrt = {}
  for _, e in ipairs(cat.indicators) do if e.transform == "sqrt" then sqrt[#sqrt + 1] = e.code end end
  T.equal(table.concat(sqrt, " "), "2.2.4 2.3.1 2.3.2 2.3.3", "the four unbounded indicators")
  T.equal(table.concat(cat.by_code["3.1.3"].parts, " "), "3.1.3a 3.1.3b")
end)

-- Table 15 read with a parser of this test's own (the file has no quotes)
local function table15()
  local rows = {}
  for line in io.lines(TABLE15) do
    assert(not line:find('"'), "the test's parser expects no quotes")
    local f = {}
    for field in (line .. ","):gmatch("([^,]*),") do f[#f + 1] = field end
    rows[#rows + 1] = f
  end
  return rows
end

T.test("Table 15: relative_to_eu = 100 * region / EU, the missing ones listed", function()
  local cat = sb.catalogue()
  local v = sb.read(TABLE15)
  T.equal(table.concat(v.units, ","), "eu_average,east_region")
  local rows = sb.compare(cat, v, {unit = "east_region", reference = "eu_average"})
  local file = table15()
  T.equal(#rows, #file - 1)
  local missing = {}
  for i = 2, #file do
    local f, r = file[i], rows[i - 1]
    T.equal(r.code, f[1])
    local eu, region = tonumber(f[5]), tonumber(f[6])
    if eu and region then
      T.close(r.relative, 100 * region / eu, 1e-12, f[1])
    else
      T.equal(r.relative, nil, f[1])
      missing[#missing + 1] = f[1]
    end
  end
  -- the file's empty cells of east_region, by eye
  T.equal(table.concat(missing, " "), "1.1.4 2.1.3 2.2.4 2.3.2 2.3.3 2.3.4 3.2.4 3.2.5 3.2.6")
  local m = sb.missing(cat, v, "east_region")
  T.equal(table.concat(m.indicators, " "), table.concat(missing, " "))
  T.equal(m.available, 20); T.equal(m.total, 29)
  -- per dimension (file rows): HR 4/5, F&S 4/4, FI 2/3, L&E 3/4, Thr 1/4, Inn 3/3, EE 3/6
  local avail = {4, 4, 2, 3, 1, 3, 3}
  for i, d in ipairs(m.dimensions) do T.equal(d.available, avail[i], d.name) end
  -- 3.1.3 = mean of its parts: EU (18 + 9.6)/2 = 13.8, region (1.03 + 0)/2 = 0.515
  T.close(sb.value(cat, v, "eu_average", "3.1.3"), 13.8, 1e-15)
  T.close(sb.value(cat, v, "east_region", "3.1.3"), 0.515, 1e-15)
end)

T.test("Table 15 in long form reads the same", function()
  local lines = {"code,unit,value"}
  for i, f in ipairs(table15()) do
    if i > 1 then
      lines[#lines + 1] = f[1] .. ",eu_average," .. f[5]
      lines[#lines + 1] = f[1] .. ",east_region," .. (f[6] == "" and "NA" or f[6])
    end
  end
  local path = T.tmpfile(table.concat(lines, "\n") .. "\n")
  local long, wide = sb.read(path), sb.read(TABLE15)
  os.remove(path)
  for _, u in ipairs{"eu_average", "east_region"} do
    for _, c in ipairs(wide.codes) do T.equal(long.data[u][c], wide.data[u][c], u .. " " .. c) end
  end
end)

---------------------------------------------------------------------------
-- Monte Carlo uncertainty analysis
---------------------------------------------------------------------------

local function same(a, b, path)
  if type(a) ~= type(b) then error(path .. ": " .. tostring(a) .. " vs " .. tostring(b)) end
  if type(a) == "table" then
    for k, x in pairs(a) do same(x, b[k], path .. "." .. tostring(k)) end
    for k in pairs(b) do if a[k] == nil then error(path .. "." .. tostring(k) .. " only in the second") end end
  elseif a ~= b and not (a ~= a and b ~= b) then
    error(path .. ": " .. tostring(a) .. " vs " .. tostring(b))
  end
end

T.test("Monte Carlo: the same seed gives the same results", function()
  local opts = {draws = 200, seed = 42}
  local a = uncertainty.monte_carlo(toy, toyv, opts)
  local b = uncertainty.monte_carlo(toy, toyv, opts)
  same(a, b, "result")
  local c = uncertainty.monte_carlo(toy, toyv, {draws = 200, seed = 43})
  T.equal(pcall(same, a.scenarios, c.scenarios, "s"), false, "another seed, other draws")
  local total = 0
  for _, k in pairs(a.scenarios.weights) do total = total + k end
  T.equal(total, 200)
end)

T.test("Monte Carlo: nothing varied, nothing moves", function()
  -- baseline = the hand-computed toy composites at the annex's 3 sd, where B1
  -- has no outlier: Y = (1/2 + 1/3 + 1/8 + 1)/4 = (24 + 16 + 6 + 48)/192 = 47/96
  local r = uncertainty.monte_carlo(toy, toyv, {draws = 50, seed = 1,
    vary = {weights = false, normalisation = false, imputation = false}})
  T.close(r.baseline.sii.Y, 47 / 96, 1e-15)
  T.close(r.sii.Y.mean, 47 / 96, 1e-15); T.close(r.sii.Y.sd, 0)
  T.close(r.sii.Y.p05, 47 / 96, 1e-15); T.close(r.sii.Y.p95, 47 / 96, 1e-15)
  T.equal(r.rank.Z.freq[1], 1); T.close(r.mean_rank_shift, 0)
end)

T.test("Monte Carlo: varied, ranks and composites move", function()
  local r = uncertainty.monte_carlo(toy, toyv, {draws = 300, seed = 5})
  T.equal(r.rank.X.freq[3] ~= nil, true)
  T.equal(r.sii.Y.sd > 0, true, "Y's SII varies")
  T.equal(r.sii.Y.p05 <= r.sii.Y.p50 and r.sii.Y.p50 <= r.sii.Y.p95, true, "quantiles ordered")
  T.equal(r.mean_rank_shift >= 0, true)
  T.errors("seed must be an integer", uncertainty.monte_carlo, toy, toyv, {seed = 1.5})
end)

---------------------------------------------------------------------------
-- the study's figure 12: innovations by type as shares of firms
---------------------------------------------------------------------------

T.test("figure 12: shares of firms from counts", function()
  -- 50 firms: product 10 -> 20 %, process 6 -> 12 %, marketing 4 -> 8 %
  local s = innovators.shares({product = 10, process = 6, marketing = 4, organisational = 0}, 50)
  T.equal(s.types[1].type, "product"); T.close(s.types[1].share, 20)
  T.close(s.types[2].share, 12); T.close(s.types[3].share, 8); T.close(s.types[4].share, 0)
  -- technological (3.1.1): at least max(10, 6)/50 = 20 %, at most 16/50 = 32 %
  T.equal(s.groups[1].code, "3.1.1")
  T.close(s.groups[1].lower, 20); T.close(s.groups[1].upper, 32); T.close(s.groups[1].share, 32)
  T.close(s.groups[2].lower, 8); T.close(s.groups[2].upper, 8)
  T.errors("more than the 50 firms", innovators.shares, {product = 60}, 50)
  T.errors("must be positive", innovators.shares, {product = 1}, 0)
end)

T.test("figure 12: exact shares from firm records", function()
  -- 4 firms: F1 product + process, F2 process, F3 marketing, F4 nothing
  local s = innovators.firm_shares({{product = 2, process = 1}, {process = 1}, {marketing = true}, {}})
  T.close(s.types[1].share, 25); T.close(s.types[2].share, 50); T.close(s.types[3].share, 25)
  -- technological: F1, F2 -> 50 %; non-technological: F3 -> 25 %
  T.close(s.groups[1].share, 50); T.close(s.groups[2].share, 25)
  T.errors("firm 1", innovators.firm_shares, {{product = -1}})
end)

T.test("figure 12, the study's rule: innovating firms split 81/19 by expenditure", function()
  -- the study: 5.9 % of SMEs innovate (Table 15, 2.2.1); 81 % of innovation
  -- expenditure technological, 19 % not: 5.9 x 0.81 = 4.779, 5.9 x 0.19 = 1.121
  local r = innovators.by_expenditure(5.9, {technological = 81, non_technological = 19})
  T.equal(r.groups[1].code, "3.1.1"); T.close(r.groups[1].share, 4.779, 1e-14)
  T.equal(r.groups[2].code, "3.1.2"); T.close(r.groups[2].share, 1.121, 1e-14)
  T.close(r.groups[1].expenditure_share, 0.81, 1e-15)
  T.equal(r.groups[1].rule, "5.9 x 0.81")
  -- the same shares given as fractions
  T.close(innovators.by_expenditure(5.9, {technological = 0.81, non_technological = 0.19}).groups[1].share, 4.779, 1e-14)
  -- units of innovation into firm shares in proportion: product 3 and process 1
  -- units split 4.779 as 3/4 and 1/4: 3.58425 and 1.19475; marketing 2,
  -- organisational 0: 1.121 and 0
  local u = innovators.by_expenditure(5.9, {technological = 81, non_technological = 19},
    {units = {product = 3, process = 1, marketing = 2, organisational = 0}})
  T.equal(u.types[1].type, "product"); T.close(u.types[1].share, 3.58425, 1e-14)
  T.equal(u.types[2].type, "process"); T.close(u.types[2].share, 1.19475, 1e-14)
  T.close(u.types[3].share, 1.121, 1e-14); T.close(u.types[4].share, 0)
  T.errors("percentage in [0, 100]", innovators.by_expenditure, 120, {technological = 1, non_technological = 1})
  T.errors("expenditure share 'non_technological' (for 3.1.2)", innovators.by_expenditure, 5.9, {technological = 81})
  T.errors("add up to 0", innovators.by_expenditure, 5.9, {technological = 0, non_technological = 0})
  T.errors("units of 'product'", innovators.by_expenditure, 5.9, {technological = 1, non_technological = 1},
    {units = {product = -1}})
end)

T.test("figure 12 beside Table 15: the text disagrees, Table 15 stays as published", function()
  -- at two decimals, 4.779 -> 4.78 is not 0.51; 1.03 = 1.03 within 0.005
  local rows = innovators.against_table({a = 4.779, b = 1.034}, {a = 0.51, b = 1.03})
  T.equal(rows[1].agrees, false); T.close(rows[1].difference, 4.269, 1e-14)
  T.equal(rows[2].agrees, true)
  -- the bundled Table 15 and the study's statements on figure 12
  local cat, v = sb.catalogue(), sb.read(TABLE15)
  local units = chapter2.units(v, {region = "east_region", reference = "eu_average"})
  local st = chapter2.read_figure12("scripts/data/figure12_east_kazakhstan.csv")
  T.equal(st.expenditure.technological, 81); T.equal(st.expenditure.non_technological, 19)
  local f12 = chapter2.figure12(cat, v, units, st)
  local by = {}
  for _, r in ipairs(f12) do by[r.code] = r end
  -- 3.1.1: the text's 5.9 x 0.81 = 4.779 against Table 15's 0.51
  T.close(by["3.1.1"].derived, 4.779, 1e-14); T.equal(by["3.1.1"].published, 0.51)
  T.equal(by["3.1.1"].verdict, "no")
  -- 3.1.2: 5.9 x 0.19 = 1.121 against 1.55
  T.close(by["3.1.2"].derived, 1.121, 1e-14); T.equal(by["3.1.2"].published, 1.55)
  -- 3.1.3a: the text's 1.99 against Table 15's 1.03
  T.equal(by["3.1.3a"].derived, 1.99); T.equal(by["3.1.3a"].published, 1.03); T.equal(by["3.1.3a"].agrees, false)
  -- Table 15 itself is untouched: the scoreboard reads 0.51 for 3.1.1
  T.equal(sb.value(cat, v, "east_region", "3.1.1"), 0.51)
  local bad = T.tmpfile("key,value\nexpenditure.technological,x\n")
  T.errors("row 2", chapter2.read_figure12, bad)
  os.remove(bad)
end)

T.test("chapter 2: the units' roles, and headers that follow them", function()
  local v = sb.read(TABLE15)
  T.errors("no column 'nowhere' for the region (the units are: eu_average, east_region)",
    chapter2.units, v, {region = "nowhere", reference = "eu_average", source = "t15.csv"})
  -- the units swapped: each value column is titled by the unit whose values it holds
  local cat = sb.catalogue()
  local units = chapter2.units(v, {region = "eu_average", reference = "east_region"})
  local rows = chapter2.table15(cat, v, units)
  local cols = chapter2.table15_columns(rows, units, {csv = true})
  local title = {}
  for _, c in ipairs(cols) do title[c.key] = c.title end
  T.equal(title.reference, "east_region"); T.equal(title.value, "eu_average")
  T.equal(title.relative, "relative_to_east_region"); T.equal(title.multiple, "east_region_per_eu_average")
  -- 1.1.1: region (eu_average) 40.5, reference (east_region) 28: 100 * 40.5 / 28
  T.equal(rows[1].value, 40.5); T.equal(rows[1].reference, 28)
  T.close(rows[1].relative, 100 * 40.5 / 28, 1e-14)
  -- the study's units: relative_to_eu; decimals per column, the fewest that show
  -- every value as published: EU 3 (0.107), region 6 (0.000018), relative 1
  units = chapter2.units(v, {region = "east_region", reference = "eu_average"})
  rows = chapter2.table15(cat, v, units)
  local digits = {}
  for _, c in ipairs(chapter2.table15_columns(rows, units)) do digits[c.key] = c.digits end
  for _, c in ipairs(chapter2.table15_columns(rows, units, {csv = true})) do title[c.key] = c.title end
  T.equal(title.relative, "relative_to_eu")
  T.equal(digits.reference, 3); T.equal(digits.value, 6); T.equal(digits.relative, 1); T.equal(digits.multiple, 2)
  -- the study's scale: 1.1.1 EU / region = 40.5 / 28; 3.1.3b region 0 -> none
  T.close(rows[1].multiple, 40.5 / 28, 1e-15)
  for _, r in ipairs(rows) do if r.code == "3.1.3b" then T.equal(r.multiple, nil, "3.1.3b") end end
end)

T.test("chapter 2: two units make uninformative composites, three bring ranks and uncertainty back", function()
  -- X and Y of the toy: min-max gives 0 and 1 on A1, A2, B1 and C2 (lower is
  -- better: Y's 3 beats X's 5); C1 has only X: dropped. SII X 0, Y 1.
  local two = sb.values{units = {"X", "Y"}, codes = toyv.codes, data = {X = toyv.data.X, Y = toyv.data.Y}}
  local c2 = chapter2.composites(toy, two, {all = two.units})
  T.equal(c2.informative, false); T.equal(c2.note, chapter2.TWO_UNITS); T.equal(c2.rank, nil)
  local sii = c2.rows[#c2.rows]
  T.equal(sii.name, "Summary Innovation Index")
  T.close(sii["score.X"], 0); T.close(sii["score.Y"], 1); T.equal(sii["n.X"], 4)
  T.equal(c2.dropped[1].reason, "only one unit has a value"); T.equal(c2.dropped[1].codes[1], "C1")
  T.equal(chapter2.uncertainty(toy, two, c2, {draws = 10, seed = 1}), nil, "no uncertainty with two units")
  -- X, Y, Z at the annex's 3 sd (three units cannot be outliers): scores by hand
  -- A1 0 .5 1; A2 (sqrt 2 4 8) 0 1/3 1; B1 (1 2 9) 0 1/8 1; C1 0 -- 1;
  -- C2 (lower better, 5 3 4) 0 1 .5. SII: X 0, Y (.5 + 1/3 + 1/8 + 1)/4 =
  -- 0.4895833, Z (1 + 1 + 1 + 1 + .5)/5 = 0.9; ranks Z 1, Y 2, X 3
  local c3 = chapter2.composites(toy, toyv, {all = toyv.units})
  T.equal(c3.informative, true); T.equal(c3.note, nil)
  sii = c3.rows[#c3.rows]
  T.close(sii["score.X"], 0); T.close(sii["score.Y"], (0.5 + 1 / 3 + 1 / 8 + 1) / 4, 1e-15)
  T.close(sii["score.Z"], 0.9, 1e-15)
  T.equal(c3.rank.Z, 1); T.equal(c3.rank.Y, 2); T.equal(c3.rank.X, 3)
  local mc = chapter2.uncertainty(toy, toyv, c3, {draws = 50, seed = 3})
  T.equal(#mc.rows, 3); T.equal(mc.rows[3].unit, "Z"); T.equal(mc.rows[3].rank, 1)
  T.close(mc.rows[3].sii, 0.9, 1e-15)
  T.equal(mc.rows[1].sii_p05 <= mc.rows[1].sii_p95, true)
end)

T.test("figure 10 in both scales: n/a rows, one colour per dimension, fixed decimals", function()
  local cat, v = sb.catalogue(), sb.read(TABLE15)
  local rows = chapter2.table15(cat, v, chapter2.units(v, {region = "east_region", reference = "eu_average"}))
  local colours = charts.colours(cat)
  local eu = charts.figure10(rows, {colours = colours})
  local study = charts.figure10(rows, {colours = colours, scale = "region"})
  local function count(s, pat) local n = 0; for _ in s:gmatch(pat) do n = n + 1 end; return n end
  -- every indicator is a row: 21 bars + 9 missing = 30 on the EU scale; on the
  -- study's, 3.1.3b (region 0: no multiple of it) is n/a too
  T.equal(count(eu, 'class="bar"'), 21); T.equal(count(eu, ">n/a<"), 9)
  T.equal(count(study, 'class="bar"'), 20); T.equal(count(study, ">n/a<"), 10)
  -- values with one decimal (EU = 100) and two (multiples): 1.1.1 69.1 and 1.45
  for label in eu:gmatch('class="value"[^>]*>([^<]*)<') do
    if label ~= "n/a" then assert(label:match("^%d+%.%d$"), label) end
  end
  T.equal(eu:find(">69.1<", 1, true) ~= nil, true); T.equal(study:find(">1.45<", 1, true) ~= nil, true)
  T.equal(study:find(">150000.00<", 1, true) ~= nil, true, "2.1.2: 2.7 / 0.000018")
  -- Human resources is the first dimension: the palette's first colour in figure
  -- 10 and in the dimension chart, whatever else the charts show
  local dims = charts.dimensions(sb.relative_by_dimension(cat, v, {unit = "east_region", reference = "eu_average"}),
    {colours = colours})
  local first = require("plot").palette[1]
  for _, s in ipairs{eu, study, dims} do
    T.equal(s:match('<rect [^>]*fill="(#%x+)"[^>]*class="bar"') or s:match('class="bar"[^>]*fill="(#%x+)"'), first)
  end
  T.errors("scale must be 'reference' or 'region'", charts.figure10, rows, {scale = "log"})
end)

T.test("errors name the function and point at the caller's line, not the library's", function()
  local cat, v = sb.catalogue(), sb.read(TABLE15)
  local line = debug.getinfo(1, "l").currentline + 1
  local ok, err = pcall(function() return sb.compare(cat, v, {unit = "nowhere", reference = "eu_average"}) end)
  T.equal(ok, false)
  T.equal(err, "tests/lua/test_scoreboard.lua:" .. line .. ": scoreboard: no unit 'nowhere' (opts.unit)")
  line = debug.getinfo(1, "l").currentline + 1
  ok, err = pcall(function() return chapter2.units(v, {region = "x", reference = "eu_average", source = "t.csv"}) end)
  T.equal(err:match("^(.-): chapter2.units: t.csv: no column 'x' for the region"), "tests/lua/test_scoreboard.lua:" .. line)
end)

T.test("every module has _help", function()
  for _, name in ipairs{"scoreboard", "scoreboard.data", "scoreboard.index",
      "scoreboard.uncertainty", "scoreboard.innovators", "scoreboard.chapter2", "scoreboard.charts"} do
    local mod = require(name)
    T.equal(type(mod._help), "table", name)
    for k, f in pairs(mod) do
      if type(f) == "function" then T.equal(type(mod._help[k]), "string", name .. "." .. k) end
    end
  end
end)

T.done()
