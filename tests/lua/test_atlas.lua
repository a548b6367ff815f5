-- test_atlas.lua -- every area of an employment file at once: Mount Isa's
-- row of the atlas against R's FLQ, multipliers and Rasmussen indices for
-- Mount Isa alone (ref_R_mount_isa_flq.csv), areas without employment in some
-- sectors or in all but one, the employment file's errors, and the heat map.
local T = require "testing"
local io_data = require "iodata"
local matrix = require "matrix"
local atlas = require "atlas"
local heatmap = require "heatmap"
local leontief = require "leontief"
local linkages = require "linkages"
local regionalize = require "regionalize"

local AU = T.data .. "/australia_2021/"
local tbl = io_data.australia()
local _, ref = io_data.readcsv(AU .. "ref_R_mount_isa_flq.csv")

-- the atlas's records of one area, by sector
local function area_records(res, area)
  local by = {}
  for _, r in ipairs(res.records) do if r.area == area then by[r.sector] = r end end
  return by
end

-- atlas_four_areas.csv: the LGA file's national column (= the Mount Isa test
-- file's), Mount Isa, Albury, Unincorporated Other Territories (no mining)
-- and a made-up town employed in mining only
local emp = atlas.read_employment(AU .. "atlas_four_areas.csv", tbl.labels)
local res = atlas.run(tbl, emp)

T.test("Mount Isa in the atlas equals R's single-region run", function()
  T.equal(#emp.areas, 4, "four areas beside the nation's column")
  T.equal(emp.national_column, "australia", "national column found")
  local mi = area_records(res, "Mount Isa (Qld)")
  local mean_cv = { [7] = 0, [8] = 0 }
  for i = 1, #ref do for c = 7, 8 do mean_cv[c] = mean_cv[c] + tonumber(ref[i][c]) / #ref end end
  for i, s in ipairs(tbl.labels) do
    local r = mi[s]
    T.close(r.multiplier, tonumber(ref[i][4]), 1e-10, "output multiplier " .. s)
    T.close(r.backward, tonumber(ref[i][5]), 1e-10, "backward " .. s)
    T.close(r.forward, tonumber(ref[i][6]), 1e-10, "forward " .. s)
    T.close(r.cv_backward, tonumber(ref[i][7]), 1e-10, "cv backward " .. s)
    -- the class follows from R's indices and CVs by the study's rule
    -- (keysectors: both indices > 1 and both CVs at most their mean)
    local b, f = tonumber(ref[i][5]), tonumber(ref[i][6])
    local even = tonumber(ref[i][7]) <= mean_cv[7] and tonumber(ref[i][8]) <= mean_cv[8]
    local want = (b > 1 and f > 1) and (even and "key" or "uneven") or b > 1 and "backward" or f > 1 and "forward"
      or "weak"
    T.equal(r.class, want, "class " .. s)
    T.equal(res.class["Mount Isa (Qld)"][s], want, "class table " .. s)
  end
  T.close(res.lambda["Mount Isa (Qld)"], tonumber(ref[1][3]), 1e-12, "lambda*")
end)

T.test("Hazari indices as linkages.hazari on the area's own table", function()
  local r = regionalize.regionalise(tbl, emp.E:col(2), { method = "flq", delta = 0.3, national_sizes = emp.national })
  local hz = linkages.hazari(leontief.inverse(r.A), r.f)
  local al = area_records(res, "Albury (NSW)")
  for i, s in ipairs(r.labels) do
    T.close(al[s].hazari_backward, hz.backward:get(i, 1), 1e-12, "Hazari backward " .. s)
    T.close(al[s].hazari_forward, hz.forward:get(i, 1), 1e-12, "Hazari forward " .. s)
  end
end)

T.test("a sector without employment is absent; an area with one sector is skipped", function()
  T.equal(res.class["Unincorp. Other Territories (OT)"]["Mining"], "absent", "no mining in OT")
  T.equal(area_records(res, "Unincorp. Other Territories (OT)")["Mining"], nil, "no record for it")
  T.equal(#res.skipped, 1, "one area skipped")
  T.equal(res.skipped[1].area, "One Sector Town", "the mining-only town")
  assert(res.skipped[1].reason:find("1 sector with employment", 1, true), res.skipped[1].reason)
  -- 3 areas x 19 sectors, one absent: 56 records; counts add up to 3 x 19
  T.equal(#res.records, 56, "records")
  local c = res.counts
  T.equal(c.key + c.uneven + c.backward + c.forward + c.weak + c.absent, 57, "class counts")
end)

T.test("the employment file's errors name the file, row, sector and column", function()
  local bad = T.tmpfile("sector,australia,Town\nMining,10,-3\n")
  T.errors("has no row for sector 'Agriculture, Forestry and Fishing'", atlas.read_employment, bad, tbl.labels)
  local lines = { "sector,australia,Town" }
  for _, s in ipairs(tbl.labels) do lines[#lines + 1] = string.format("%q,100,%s", s, s == "Mining" and "-3" or "1") end
  bad = T.tmpfile(table.concat(lines, "\n") .. "\n")
  T.errors("row 3, column 'Town', sector 'Mining': negative employment -3", atlas.read_employment, bad, tbl.labels)
  lines[3] = lines[3]:gsub("%-3", "NA")
  bad = T.tmpfile(table.concat(lines, "\n") .. "\n")
  T.errors("row 3, column 'Town', sector 'Mining': no number", atlas.read_employment, bad, tbl.labels)
  lines[3] = '"Mining",100,1'
  lines[#lines + 1] = '"Fishing",1,1'
  bad = T.tmpfile(table.concat(lines, "\n") .. "\n")
  T.errors("row 21, sector 'Fishing', matches no sector of the table", atlas.read_employment, bad, tbl.labels)
  T.errors("has no column 'Kazakhstan' for the nation", atlas.read_employment, AU .. "atlas_four_areas.csv",
    tbl.labels, { national = "Kazakhstan" })
  T.errors("a table record", atlas.run, {}, emp)
end)

T.test("without the nation's column the areas' sum is the nation", function()
  local lines = { "sector,A,B" }
  for i, s in ipairs(tbl.labels) do lines[#lines + 1] = string.format("%q,%d,%d", s, i, 2 * i + 1) end
  local e = atlas.read_employment(T.tmpfile(table.concat(lines, "\n") .. "\n"), tbl.labels)
  T.equal(e.national_column, nil, "no national column")
  T.close(e.national:get(3, 1), 3 + 7, 0, "A + B for sector 3")
end)

T.test("heat map: a rect per run of a class, labels, legend; unknown classes refused", function()
  local s = heatmap.categories{ rows = { "r1", "r2" }, cols = { "a (X)", "b (X)", "c (Y)" },
    value = function(r, c) return (r == "r1" and c ~= "c (Y)") and "key" or "weak" end,
    palette = { { "key", "#b2182b", "key sector" }, { "weak", "#e0e0e0" } }, title = "t" }
  local _, rects = s:gsub('<rect [^>]*fill="#b2182b"', "")
  T.equal(rects, 2, "one key run on row r1, and the legend's swatch")
  assert(s:find(">key sector<", 1, true) and s:find(">r2<", 1, true), s)
  T.errors("no colour in the palette for category 'odd'", heatmap.categories, { rows = { "r" }, cols = { "c" },
    value = function() return "odd" end, palette = { { "key", "#000" } } })
end)

T.test("records and classes are made when read; the run keeps columns", function()
  T.equal(#res.records, 56, "length")
  local n = 0
  for i, r in ipairs(res.records) do
    n = n + 1
    T.equal(res.records[i].multiplier, r.multiplier, "record " .. i .. " read again")
  end
  T.equal(n, 56, "ipairs walks every record")
  T.equal(res.records[0], nil, "no record 0")
  T.equal(res.records[57], nil, "no record past the last")
  -- records come area by area in the file's order; Albury's reads back after Mount Isa's
  T.equal(res.records[1].area, "Mount Isa (Qld)", "first area")
  T.equal(res.records[56].area, "Unincorp. Other Territories (OT)", "last area with records")
  T.equal(res.records[20].area, "Albury (NSW)", "Albury after Mount Isa's 19")
  T.equal(res.records[2].sector, tbl.labels[2], "then Mount Isa again")
  T.equal(next(res.class["One Sector Town"]), nil, "a skipped area has no classes")
  T.equal(res.class["Nowhere"], nil, "no such area")
  T.equal(res.class["Albury (NSW)"]["Mining"], area_records(res, "Albury (NSW)")["Mining"].class, "class table = record")
end)

T.test("an area whose table has no Leontief inverse is named", function()
  -- A = [0.6 0.6; 0.6 0.7] (spectral radius 1.25208); each of two equal areas
  -- has half the nation's employment: lambda* = log2(1.5)^0.3 = 0.58496^0.3
  -- = 0.85142 and every SLQ 1, so A^r = 0.85142 A, spectral radius
  -- 0.85142 * 1.25208 = 1.06603 >= 1 (by hand)
  local S = { "a", "b" }
  local t = { Z = matrix.from({ { 60, 60 }, { 60, 70 } }, S, S), x = matrix.from({ 100, 100 }, S), labels = S }
  local E = matrix.from({ { 5, 5 }, { 5, 5 } }, S, { "Town", "City" })
  T.errors("atlas.run: area 'Town': the table is not productive: spectral radius of A is 1.06603 >= 1", atlas.run, t,
    { areas = { "Town", "City" }, E = E, national = matrix.from({ 10, 10 }, S) })
end)

T.test("80 sectors, 7 areas (about 71 kept): inverted side by side, the numbers of keysectors.analyse on each area", function()
  -- SIMULATED: z_ij = u(i, j), x_j = 2 sum_i z_ij + 1 (scripts/bench/work.lua's
  -- formula); area k employs (i + k) % 9 in sector i, so some are absent
  local keysectors = require "keysectors"
  local function u(i, j) return ((i * 7919 + j * 104729) % 100003) / 100003 end
  local n, S, areas = 80, {}, {}
  for i = 1, n do S[i] = "s" .. i end
  for k = 1, 7 do areas[k] = "area " .. k end
  local Z = matrix.new(n, n):map(function(_, i, j) return u(i, j) end)
  Z:setnames(S, S)
  local x = (Z:colsums() * 2 + matrix.ones(1, n)):t()
  local E = matrix.new(n, 7):map(function(_, i, k) return (i + k) % 9 end)
  E:setnames(S, areas)
  local t = { Z = Z, x = x, labels = S }
  local run = atlas.run(t, { areas = areas, E = E, national = E:rowsums() * 2 })
  local k, A = 0, leontief.coefficients(Z, x)
  for a = 1, 7 do
    local r = regionalize.regionalise(t, E:col(a), { method = "flq", delta = 0.3, national_sizes = E:rowsums() * 2 })
    local ks = keysectors.analyse(r.A, r.f, r.labels)
    for i, want in ipairs(ks.records) do
      k = k + 1
      local got = run.records[k]
      T.equal(got.area, areas[a], "area of record " .. k)
      T.equal(got.sector, want.sector, "sector of record " .. k)
      T.equal(got.class, want.class, "class " .. k)
      for _, f in ipairs { "backward", "forward", "cv_backward", "cv_forward", "hazari_backward", "hazari_forward" } do
        T.equal(got[f], want[f], f .. " " .. k)
      end
      T.equal(got.multiplier, want.output_multiplier, "multiplier " .. k)
      T.equal(got.employment, E:get(r.kept[i], a), "employment " .. k)
    end
  end
  T.equal(#run.records, k, "every area's records")
  assert(A:rows() == n and k < 7 * n, "some sectors absent")
end)

T.done()
