-- test_ch1.lua -- end to end: scripts/ch1_regional_clusters.lua on the bundled
-- ABS table and Mount Isa employment, on the same data written with ';' and
-- decimal commas as a user's files, and on bad options and files.
local T = require "testing"
local csv = require "csv"

local SCRIPT = "scripts/ch1_regional_clusters.lua"
local D = T.data .. "/iotable/"

local function exists(path)
  local f = io.open(path)
  if f then f:close() end
  return f ~= nil
end

local function contains(text, s, what)
  if not text:find(s, 1, true) then error(string.format("%s lacks '%s':\n%s", what or "output", s, text), 2) end
end

-- records of a CSV file written by the script: {sector -> {column -> value}}
local function by_sector(path, key)
  local t = csv.read_table(path, { na = true })
  local out = {}
  for k = 1, t.nrow do
    local r = {}
    for _, name in ipairs(t.names) do r[name] = t.columns[name][k] end
    out[r[key or "sector"]] = r
  end
  return out, t
end

local out1 = T.tmpdir()
local text1, code1 = T.run(SCRIPT, { "--out", out1 })

T.test("bundled run: exits 0, prints the tables, writes CSV and SVG", function()
  T.equal(code1, 0, "exit code\n" .. text1)
  for _, s in ipairs { "Chapter 1: key sectors of Mount Isa (FLQ, delta = 0.30)", "accounting identities hold",
    "Key sectors: both Rasmussen indices above 1 and both Hazari CVs at or below the limit (the mean CV"
    .. " over the sectors) [the study's table 5]", "Backward-linkage-oriented sectors with low CV",
    "Forward-linkage-oriented sectors with low CV", "Regional table: Mount Isa", "19 of 19 sectors present" } do
    contains(text1, s)
  end
  assert(not text1:lower():find("%f[%w]nan%f[%W]"), "no nan in the output")
  for _, f in ipairs { "national_linkages.csv", "regional_linkages.csv", "national_key_sectors.csv",
    "regional_key_sectors.csv", "regional_coefficients.csv", "national_key_sector_map.svg",
    "regional_key_sector_map.svg" } do
    assert(exists(out1 .. "/" .. f), "missing " .. f)
  end
end)

T.test("national value chains: R's varimax loadings of the same table, scree plots", function()
  contains(text1, "Value chains (factor analysis), national table")
  -- R 4.2.2: eigen(L) has a negative eigenvalue (ref_R_australia19_fsr_eigen.csv: -0.5218)
  contains(text1, "not positive semi-definite: 5 of its 19 eigenvalues are negative (smallest -0.522")
  contains(text1, "shares of variance can add up to more than 100%")
  contains(text1, "4 factors (initial eigenvalues >= 1, Kaiser)")
  -- R's loadings (tests/data/r_reference/make_ref_factor.R) of the table's flows, which
  -- agree with the bundled file within 0.006 AUD million; factors matched up to sign
  local ref = csv.read(T.data .. "/australia_2021/ref_R_australia19_fsr_pca_varimax_loadings.csv")
  local row = {}
  for i, s in ipairs(ref:rownames()) do row[s] = i end
  local t = csv.read_table(out1 .. "/national_value_chains.csv")
  local members = {}
  for k = 1, t.nrow do
    local f = t.columns.factor[k]
    members[f] = members[f] or {}
    table.insert(members[f], { row[t.columns.industry[k]], t.columns.loading[k] })
  end
  T.equal(#members, 4, "four factors with members")
  for f, list in ipairs(members) do
    local best = math.huge
    for c = 1, 4 do for _, sign in ipairs { 1, -1 } do
      local d = 0
      for _, m in ipairs(list) do d = math.max(d, math.abs(sign * ref:get(m[1], c) - m[2])) end
      best = math.min(best, d)
    end end
    T.close(best, 0, 1e-4, "factor " .. f .. " loadings against R")
  end
  for _, f in ipairs { "national_scree.svg", "regional_scree.svg", "regional_value_chains.csv" } do
    assert(exists(out1 .. "/" .. f), "missing " .. f)
  end
end)

T.test("regional linkages match R's FLQ (delta 0.3) run on the same data", function()
  local mine = by_sector(out1 .. "/regional_linkages.csv")
  -- computed in R (tests/data/australia_2021/PROVENANCE.md) from the same flows
  -- (which agree with the bundled table within 0.006 AUD million)
  local ref, t = by_sector(T.data .. "/australia_2021/ref_R_mount_isa_flq.csv")
  T.equal(t.nrow, 19, "reference sectors")
  for s, r in pairs(ref) do
    local m = assert(mine[s], "no result for " .. s)
    T.close(m.backward, r.backward, 1e-6, s .. " backward")
    T.close(m.forward, r.forward, 1e-6, s .. " forward")
    T.close(m.cv_backward, r.cv_backward, 1e-6, s .. " cv_backward")
    T.close(m.cv_forward, r.cv_forward, 1e-6, s .. " cv_forward")
    T.close(m.output_multiplier, r.output_multiplier, 1e-6, s .. " output multiplier")
  end
end)

-- the sectors of one list in a key_sectors.csv file, sorted
local function listed(path, list)
  local _, t = by_sector(path)
  local out = {}
  for k = 1, t.nrow do
    if t.columns.list[k] == list then out[#out + 1] = t.columns.sector[k] end
  end
  table.sort(out)
  return table.concat(out, "; "), t
end

T.test("Mount Isa's key sectors follow R's indices under both rules", function()
  -- the study's rule: both indices > 1 and both CVs at or below the mean CV
  -- over the sectors; from R's indices (ref_R_mount_isa_flq.csv)
  local ref, rt = by_sector(T.data .. "/australia_2021/ref_R_mount_isa_flq.csv")
  local mb, mf = 0, 0
  for _, r in pairs(ref) do mb, mf = mb + r.cv_backward / rt.nrow, mf + r.cv_forward / rt.nrow end
  local want, both = {}, {}
  for s, r in pairs(ref) do
    if r.backward > 1 and r.forward > 1 then
      both[#both + 1] = s
      if r.cv_backward <= mb and r.cv_forward <= mf then want[#want + 1] = s end
    end
  end
  table.sort(want); table.sort(both)
  -- in the R reference exactly three sectors have both indices above 1
  T.equal(table.concat(both, "; "), "Construction; Electricity, Gas, Water and Waste Services; Manufacturing", "R")
  local key, t = listed(out1 .. "/regional_key_sectors.csv", "key sectors")
  T.equal(key, table.concat(want, "; "), "key sectors, CV rule")
  T.equal(key, "Manufacturing", "the one with both CVs low")
  local out = T.tmpdir()
  local text, code = T.run(SCRIPT, { "--key-rule", "index", "--no-factor", "--out", out })
  T.equal(code, 0, "exit code\n" .. text)
  contains(text, "Key-sector rule: both Rasmussen indices above 1 (CVs not used)")
  T.equal((listed(out .. "/regional_key_sectors.csv", "key sectors")), table.concat(both, "; "), "index rule")
  local classes = by_sector(out .. "/regional_linkages.csv")
  T.equal(classes.Construction.class, "key", "the class column follows the index rule")
  T.equal(by_sector(out1 .. "/regional_linkages.csv").Construction.class, "uneven", "and the CV rule")
  -- oriented sectors carry the CV of their own linkage
  local mine = by_sector(out1 .. "/regional_linkages.csv")
  for k = 1, t.nrow do
    if t.columns.list[k] == "forward-linkage-oriented" then
      T.close(t.columns.coefficient_of_variation[k], mine[t.columns.sector[k]].cv_forward, 1e-9, "forward CV")
    end
  end
end)

T.test("national linkages match R", function()
  local mine = by_sector(out1 .. "/national_linkages.csv")
  -- R 4.2.2: A = Z diag(x)^-1 from the bundled file, L = solve(I - A),
  -- bl = n colSums(L) / sum(L), fl = n rowSums(L) / sum(L), cv = sd / mean
  local want = {
    Mining = { 0.824697114718, 0.867668114725, 3.095076147258, 2.944616081301 },
    Manufacturing = { 1.134181320154, 1.380504096732, 2.454044294747, 1.984434964244 },
    Construction = { 1.288613006313, 1.418714298436, 2.692935390729, 2.402687671717 },
  }
  for s, w in pairs(want) do
    T.close(mine[s].backward, w[1], 1e-9, s .. " backward")
    T.close(mine[s].forward, w[2], 1e-9, s .. " forward")
    T.close(mine[s].cv_backward, w[3], 1e-9, s .. " cv_backward")
    T.close(mine[s].cv_forward, w[4], 1e-9, s .. " cv_forward")
  end
  -- R: the sectors with bl > 1 and fl > 1; key when both CVs are at or below
  -- the mean CVs over the 19 sectors, else uneven
  local mb, mf = 0, 0
  for _, r in pairs(mine) do mb, mf = mb + r.cv_backward / 19, mf + r.cv_forward / 19 end
  for _, s in ipairs { "Manufacturing", "Electricity, Gas, Water and Waste Services", "Construction",
    "Transport, Postal and Warehousing", "Information Media and Telecommunications" } do
    local low = mine[s].cv_backward <= mb and mine[s].cv_forward <= mf
    T.equal(mine[s].class, low and "key" or "uneven", s)
  end
  -- Electricity's backward CV 2.679 is below the mean, its forward CV 2.962 above it
  T.equal(mine["Electricity, Gas, Water and Waste Services"].class, "uneven", "a high forward CV")
end)

T.test("the key-sector maps label every sector and name the quadrants", function()
  for _, f in ipairs { "national_key_sector_map.svg", "regional_key_sector_map.svg" } do
    local h = io.open(out1 .. "/" .. f); local svg = h:read("a"); h:close()
    contains(svg, "<svg", f)
    for _, s in ipairs { "Key sectors", "Forward-linkage oriented", "Backward-linkage oriented", "Weak linkages",
      "Mining", "Manufacturing", "Construction", "Health Care", "Other Services", "Backward linkage" } do
      contains(svg, s, f)
    end
  end
  -- under the study's rule the map says which sectors above 1 on both have a high CV
  local h = io.open(out1 .. "/regional_key_sector_map.svg"); local svg = h:read("a"); h:close()
  contains(svg, "Key sectors (if both CVs low)"); contains(svg, "Construction (CV high)")
end)

T.test("a user's table with ';' and decimal commas gives the same results", function()
  local out2 = T.tmpdir()
  local text, code = T.run(SCRIPT, { "--table", D .. "australia_19_semicolon.csv", "--employment",
    D .. "employment_mount_isa_semicolon.csv", "--region", "Mount Isa", "--delta", "0.3",
    "--sep", ";", "--decimal", ",", "--out", out2 })
  T.equal(code, 0, "exit code\n" .. text)
  contains(text, "Published results (Samambayeva 2013, tables 5-10) beside these")
  local a, b = by_sector(out1 .. "/regional_linkages.csv"), by_sector(out2 .. "/regional_linkages.csv")
  for s, r in pairs(a) do
    T.close(b[s].backward, r.backward, 1e-12, s .. " backward")
    T.close(b[s].forward, r.forward, 1e-12, s .. " forward")
  end
  -- "Construction" is the one label the published tables share with the ABS table
  local pub, t = by_sector(out2 .. "/published_comparison.csv")
  T.equal(t.nrow, 33, "every published row listed")
  T.close(pub.Construction["published BL"], 1.2, 0, "published backward (thesis table 5)")
  T.close(pub.Construction.BL, a.Construction.backward, 1e-9, "our backward beside it")
  T.equal(pub.Construction.class, a.Construction.class, "our class")
  -- the study's value chains (tables 11-13) beside ours, by level; no ABS division
  -- has the name of a Kazakh industry, so no factor shares one
  contains(text, "Published value chains (Samambayeva 2013, tables 11-13) beside these: 0 of 2")
  local nat = by_sector(out2 .. "/national_published_clusters.csv", "cluster")
  T.close(nat.Metalworking["published eigenvalue (initial)"], 13.75, 0, "thesis table 11")
  T.equal(nat.Metalworking.industries, 8, "eight published industries")
  T.close(nat["Oil processing"]["published %"], 8, 0, "thesis table 12")
  local reg = by_sector(out2 .. "/regional_published_clusters.csv", "cluster")
  T.equal(reg.Metalworking.level, "East Kazakhstan", "thesis table 13 goes with the region")
end)

T.test("two-region model: region plus rest of the country add up to the national multiplier", function()
  -- With A_rr + A_sr = A and A_rs + A_ss = A (each region keeps the national
  -- technology), adding the two regions' balance equations gives
  -- x_r + x_s = A (x_r + x_s) + f, so the in-region plus spillover output
  -- multiplier of every sector equals its national output multiplier exactly.
  local two = by_sector(out1 .. "/two_region_multipliers.csv")
  local nat = by_sector(out1 .. "/national_linkages.csv")
  local reg = by_sector(out1 .. "/regional_linkages.csv")
  local n = 0
  for sector, r in pairs(two) do
    n = n + 1
    T.close(r["in region"] + r["spillover to rest"], nat[sector].output_multiplier, 1e-10, sector)
    -- feedback can only add output inside the region
    assert(r["in region"] >= reg[sector].output_multiplier - 1e-12, sector .. ": negative feedback")
  end
  T.equal(n, 19, "every sector")
end)

T.test("value chains of the detailed national table (ABS 115 industries)", function()
  -- 26 factors by the Kaiser criterion on the FSR matrix of the 115 industries
  -- less the two rent sectors (R: see test_fsr.lua)
  local _, t = by_sector(out1 .. "/national_115_value_chains.csv", "industry")
  local top = 0
  for k = 1, t.nrow do top = math.max(top, t.columns.factor[k]) end
  T.equal(top, 26, "factors with members")
  contains(text1, "26 factors (initial eigenvalues >= 1, Kaiser)")
  -- factors without an industry loading >= 0.5 are listed, not skipped
  local empty = 0
  for k = 1, t.nrow do
    if t.columns.note[k] == "no industry loads >= 0.5" then
      empty = empty + 1
      T.equal(t.columns.industry[k], "", "no industry")
    end
  end
  assert(empty >= 1, "a factor without members is listed")
  contains(text1, "(no industry loads >= 0.5)")
  assert(exists(out1 .. "/national_115_scree.svg"), "scree plot")
end)

T.test("delta sweep: its delta 0.3 column is the classification of the main run", function()
  local sweep = by_sector(out1 .. "/regional_classes_by_delta.csv")
  local reg = by_sector(out1 .. "/regional_linkages.csv")
  for sector, r in pairs(reg) do T.equal(sweep[sector]["delta 0.3"], r.class, sector) end
  contains(text1, "Sensitivity of the regional classification to delta")
end)

T.test("another delta changes lambda and the regional indices", function()
  local out3 = T.tmpdir()
  local text, code = T.run(SCRIPT, { "--out", out3, "--delta", "0.1", "--no-factor" })
  T.equal(code, 0, "exit code\n" .. text)
  -- lambda* = [log2(1 + E^r / E^n)]^0.1 with E^r = 9610 and E^n = 10 929 263, the
  -- sums of the employment file's two columns (awk): 0.5132
  local lambda = (math.log(1 + 9610 / 10929263, 2)) ^ 0.1
  contains(text, string.format("= %.4f;", lambda), "lambda")
end)

T.test("sectors absent from the region are dropped; local-serving sectors set aside", function()
  local out = T.tmpdir()
  -- employment_partial.csv: Mount Isa's column only, without Financial and Insurance
  -- Services and Arts and Recreation Services; the nation's employment comes from
  -- the table's "Total Employment" row only when asked for
  local args = { "--table", "scripts/data/national_19_sector_io_aud_mn.csv", "--employment",
    D .. "employment_partial.csv", "--region", "Mount Isa", "--local-serving", "Retail Trade|Education and Training",
    "--no-factor", "--out", out }
  local text, code = T.run(SCRIPT, args)
  assert(code ~= 0, "the rule: no national column, no run\n" .. text)
  contains(text, "has only the region's employment (column 'Mount Isa')")
  contains(text, "--national table")
  table.insert(args, "--national"); table.insert(args, "table")
  text, code = T.run(SCRIPT, args)
  T.equal(code, 0, "exit code\n" .. text)
  contains(text, "nation: the table's row 'Total Employment'")
  contains(text, "17 of 19 sectors present in Mount Isa (dropped: Financial and Insurance Services; Arts and Recreation Services)")
  contains(text, "Local-serving and primary sectors: --local-serving")
  contains(text, "left out of the oriented lists): Retail Trade; Education and Training")
  local mine, t = by_sector(out .. "/regional_linkages.csv")
  T.equal(t.nrow, 17, "regional sectors")
  T.equal(mine["Arts and Recreation Services"], nil, "dropped sector")
  T.equal(mine["Retail Trade"].local_serving, "yes", "set aside")
  T.equal(mine.Mining.local_serving, "no", "not set aside")
end)

T.test("a sector without output stops the run until it is dropped", function()
  local text, code = T.run(SCRIPT, { "--table", D .. "zero_output.csv", "--employment", D .. "small_employment.csv",
    "--no-factor", "--out", T.tmpdir() })
  assert(code ~= 0, "non-zero exit")
  contains(text, "sector 'C' has zero output 0"); contains(text, "--drop")
  local out = T.tmpdir()
  text, code = T.run(SCRIPT, { "--table", D .. "zero_output.csv", "--employment", D .. "small_employment.csv",
    "--drop", "C", "--no-factor", "--published", "none", "--out", out })
  T.equal(code, 0, "exit code\n" .. text)
  local mine, t = by_sector(out .. "/national_linkages.csv")
  T.equal(t.nrow, 2, "two sectors left")
  -- by hand: A = [[0.1, 0.1], [0.05, 0.2]] (flows over outputs 100 and 200),
  -- det(I - A) = 0.9 * 0.8 - 0.1 * 0.05 = 0.715, L = [[0.8, 0.1], [0.05, 0.9]] / 0.715;
  -- column sums 0.85 / 0.715 and 1.0 / 0.715, their mean 0.925 / 0.715:
  -- backward A = 0.85 / 0.925
  T.close(mine.A.backward, 0.85 / 0.925, 1e-12, "backward A")
  T.close(mine.B.forward, 0.95 / 0.925, 1e-12, "forward B (row sum 0.95 / 0.715)")
end)

T.test("bad options and files stop with a clear message", function()
  local text, code = T.run(SCRIPT, { "--bogus" })
  assert(code ~= 0, "non-zero exit")
  contains(text, "unknown option --bogus"); contains(text, "usage: clusterlab scripts/ch1_regional_clusters.lua")
  text, code = T.run(SCRIPT, { "--delta", "x" })
  assert(code ~= 0); contains(text, "--delta expects a number, got 'x'")
  text, code = T.run(SCRIPT, { "--table", D .. "small.csv" })
  assert(code ~= 0); contains(text, "--table and --employment go together")
  text, code = T.run(SCRIPT, { "--table", D .. "australia_19_semicolon.csv", "--employment", D .. "employment_mount_isa_semicolon.csv",
    "--sep", ";", "--out", T.tmpdir() })
  assert(code ~= 0); contains(text, D .. 'australia_19_semicolon.csv:2: column 2 ("Agriculture, Forestry and Fishing")')
  contains(text, "decimal commas")
  text, code = T.run(SCRIPT, { "--table", D .. "small.csv", "--employment", D .. "small_concordance.csv", "--out", T.tmpdir() })
  assert(code ~= 0); contains(text, "no column of employment numbers")
  text, code = T.run(SCRIPT, { "--help" })
  T.equal(code, 0, "help exits 0"); contains(text, "--delta N")
end)

T.test("a Russian-labelled ';' decimal-comma table (BOM, CRLF): labels reach every output, numbers unchanged", function()
  -- small_russian.csv is small.csv with Russian names; before, the names were
  -- compared with their Cyrillic letters stripped, so every sector looked alike
  local RU = { A = "Горнодобывающая промышленность", B = "Обрабатывающая промышленность", C = "Строительство" }
  local region = "Восточно-Казахстанская область"
  local out_en, out_ru = T.tmpdir(), T.tmpdir()
  local text_en, code_en = T.run(SCRIPT, { "--table", D .. "small.csv", "--employment", D .. "small_employment.csv",
    "--published", "none", "--published-clusters", "none", "--out", out_en })
  T.equal(code_en, 0, "exit code (English)\n" .. text_en)
  local text, code = T.run(SCRIPT, { "--table", D .. "small_russian.csv", "--employment", D .. "small_employment_russian.csv",
    "--sep", ";", "--decimal", ",", "--output-row", "Выпуск", "--output-col", "Выпуск", "--region", region,
    "--published", "none", "--published-clusters", "none", "--out", out_ru })
  T.equal(code, 0, "exit code\n" .. text)
  contains(text, "Chapter 1: key sectors of " .. region)
  contains(text, "Employment: " .. D .. "small_employment_russian.csv (region: column '" .. region .. "'; nation: column 'Казахстан' of " .. D .. "small_employment_russian.csv)")
  for _, s in pairs(RU) do contains(text, s, "printed tables") end
  assert(not text:lower():find("%f[%w]nan%f[%W]"), "no nan in the output")
  -- the same numbers under the other names, at both levels and in the two-region model
  for _, f in ipairs { "national_linkages.csv", "regional_linkages.csv", "two_region_multipliers.csv" } do
    local en, ru = by_sector(out_en .. "/" .. f), by_sector(out_ru .. "/" .. f)
    local n = 0
    for s, r in pairs(en) do
      local mine = assert(ru[RU[s]], f .. ": no row for " .. RU[s])
      for k, v in pairs(r) do
        if type(v) == "number" then T.close(mine[k], v, 1e-12, f .. " " .. s .. " " .. k)
        elseif k ~= "sector" then T.equal(mine[k], v, f .. " " .. s .. " " .. k) end
      end
      n = n + 1
    end
    assert(n >= 2, f .. ": rows")
  end
  -- every file written carries the Russian names, none the letters A/B/C
  local p = io.popen("ls " .. T.quote(out_ru)); local files = p:read("a"); p:close()
  local written = 0
  for f in files:gmatch("[^\n]+") do
    if f:match("%.csv$") or f:match("key_sector_map%.svg$") then
      local h = io.open(out_ru .. "/" .. f); local body = h:read("a"); h:close()
      contains(body, RU.B, f)
      written = written + 1
    end
  end
  assert(written >= 9, "files checked: " .. written)
  contains(text, "Not computed: the factor analysis needs at least 3 sectors, the regional table has 2.")
end)

T.test("without --region the region is named by its employment column, in the text, CSV and maps", function()
  local region = "Восточно-Казахстанская область"
  local out = T.tmpdir()
  local text, code = T.run(SCRIPT, { "--table", D .. "small_russian.csv", "--employment", D .. "small_employment_russian.csv",
    "--sep", ";", "--decimal", ",", "--output-row", "Выпуск", "--no-factor", "--published", "none", "--out", out })
  T.equal(code, 0, "exit code\n" .. text)
  contains(text, "Chapter 1: key sectors of " .. region)
  contains(text, "Regional table: " .. region)
  local h = io.open(out .. "/regional_key_sector_map.svg"); local svg = h:read("a"); h:close()
  contains(svg, "Key sectors, " .. region .. ": Rasmussen linkages", "map title")
  local _, t = by_sector(out .. "/regional_key_sectors.csv")
  T.equal(t.columns.level[1], region, "level column")
end)

T.test("the Russian margins of the Kazakhstan agency's tables are recognised without options", function()
  local text, code = T.run(SCRIPT, { "--table", D .. "small_russian.csv", "--employment", D .. "small_employment_russian.csv",
    "--sep", ";", "--decimal", ",", "--no-factor", "--published", "none", "--out", T.tmpdir() })
  T.equal(code, 0, "exit code\n" .. text)
  contains(text, "output: row 'Выпуск' and column 'Выпуск'")
  contains(text, "imports: Импорт")
  contains(text, "employment: row 'Занятые'")
end)

T.test("a table whose output row is not recognised: the message says which option names it", function()
  local path = os.tmpname()
  local src = assert(io.open(D .. "small_russian.csv")); local body = src:read("a"); src:close()
  local h = assert(io.open(path, "w")); h:write((body:gsub("Выпуск", "Продукция"))); h:close()
  local text, code = T.run(SCRIPT, { "--table", path, "--employment", D .. "small_employment_russian.csv",
    "--sep", ";", "--decimal", ",", "--out", T.tmpdir() })
  os.remove(path)
  assert(code ~= 0, "non-zero exit")
  contains(text, "no output row or column in " .. path)
  contains(text, "name one with --output-row or --output-col")
  assert(not text:find("stack traceback", 1, true), "no traceback:\n" .. text)
end)

T.test("a Russian-labelled table with --concordance: the published tables 5-10 and 11-13 beside the run", function()
  -- australia_19_russian.csv: the bundled table with the agency's Russian sector names
  -- (relabel_russian.lua); without the concordance nothing can be compared
  local args = { "--table", D .. "australia_19_russian.csv", "--employment", D .. "employment_mount_isa_russian.csv",
    "--region", "mount_isa", "--out", T.tmpdir() }
  local text, code = T.run(SCRIPT, args)
  T.equal(code, 0, "exit code\n" .. text)
  contains(text, "nothing to compare. A table in Russian needs --concordance FILE.")
  local out = T.tmpdir()
  args[#args] = out
  for _, a in ipairs { "--concordance", "stdlib/data/kz_2009_sector_concordance.csv" } do args[#args + 1] = a end
  text, code = T.run(SCRIPT, args)
  T.equal(code, 0, "exit code\n" .. text)
  -- the renamed divisions that the published tables name: Agriculture, Metallurgy,
  -- Electricity and Construction (table 5), Mining of metal ores (tables 7 and 9),
  -- Metallurgy (table 9): 7 of the 33 published rows
  contains(text, "7 of 33 published rows found in the table")
  contains(text, "Published sectors not found: Forestry; Manufacture of food products, including beverages")
  local pub = by_sector(out .. "/published_comparison.csv")
  T.equal(pub["Metallurgical industry"]["table's sector"], "Металлургическая промышленность", "matched by concordance")
  T.close(pub["Metallurgical industry"]["published FL"], 1.79, 0, "thesis table 5")
  local en = by_sector(out1 .. "/regional_linkages.csv")
  T.close(pub["Metallurgical industry"].BL, en.Manufacturing.backward, 1e-12, "the run's index beside it")
  -- the study's list of local-serving and primary sectors reaches the Russian names
  -- through their NACE codes: the same 17 divisions as in the English run
  local ru = by_sector(out .. "/regional_linkages.csv")
  local n = 0
  for _, r in pairs(ru) do if r.local_serving == "yes" then n = n + 1 end end
  T.equal(n, 17, "local-serving or primary")
  T.equal(ru["Добыча металлических руд"].local_serving, "no", "mining is kept")
  -- tables 11-13: Mining of non-ferrous metals and Metallurgical industry are found
  contains(text, "Published value chains (Samambayeva 2013, tables 11-13) beside these")
  local nat = by_sector(out .. "/national_published_clusters.csv", "cluster")
  assert(nat.Metalworking.shared >= 1, "a factor shares an industry with Metalworking")
  contains(text, "Published industries not in the table: Other mining and quarrying")
end)

T.test("a wrong --region exits non-zero and lists the employment file's columns", function()
  local text, code = T.run(SCRIPT, { "--table", D .. "small.csv", "--employment", D .. "small_employment.csv", "--region",
    "regoin", "--out", T.tmpdir() })
  assert(code ~= 0, "non-zero exit")
  contains(text, "--region 'regoin' names no column of employment numbers; the columns are: region, nation")
  text, code = T.run(SCRIPT, { "--table", D .. "small.csv", "--employment", D .. "small_employment.csv", "--national",
    "nacion", "--out", T.tmpdir() })
  assert(code ~= 0, "non-zero exit"); contains(text, "--national 'nacion' names no column")
end)

T.test("options: a value that is the next option, --sep by name, --method and --diagonal", function()
  local text, code = T.run(SCRIPT, { "--out", "--no-factor" })
  assert(code ~= 0); contains(text, "--out needs a value (DIR), got the option --no-factor")
  text, code = T.run(SCRIPT, { "--table", D .. "australia_19_semicolon.csv", "--employment", D .. "employment_mount_isa_semicolon.csv",
    "--sep", "semicolon", "--decimal", "comma", "--region", "Mount Isa", "--no-factor", "--published", "none",
    "--out", T.tmpdir() })
  T.equal(code, 0, "--sep semicolon\n" .. text)
  text, code = T.run(SCRIPT, { "--method", "xlq" })
  assert(code ~= 0); contains(text, "--method must be one of aflq, ciq, flq, plq, slq, got 'xlq'")
  local out = T.tmpdir()
  text, code = T.run(SCRIPT, { "--method", "slq", "--no-factor", "--out", out })
  T.equal(code, 0, "exit code\n" .. text)
  contains(text, "Chapter 1: key sectors of Mount Isa (SLQ)")
  contains(text, "Not computed: SLQ does not use delta.")
  contains(text, "Output multipliers of final demand in the region (SLQ)")
  -- SLQ regionalisation by hand for Mining: SLQ = (3307 / 9610) / (199630 / 10929263) > 1,
  -- so the row is kept whole: a^r_ij = a_ij for i = Mining
  local A = csv.read(out .. "/regional_coefficients.csv")
  local nat = require("iotable").read("scripts/data/national_19_sector_io_aud_mn.csv")
  T.close(A:get("Mining", "Manufacturing"), nat.Z:get("Mining", "Manufacturing") / nat.x:get("Manufacturing", 1),
    1e-12, "a^r Mining -> Manufacturing")
end)

-- a user's file in a temporary folder
local function file(text)
  local path = os.tmpname()
  local h = assert(io.open(path, "w")); h:write(text); h:close()
  return path
end

T.test("bad employment files, deltas and tables: one message naming the file, row and sector, no traceback", function()
  local function fails(args, want)
    local text, code = T.run(SCRIPT, args)
    assert(code ~= 0, "non-zero exit for " .. want .. "\n" .. text)
    contains(text, want)
    assert(not text:find("stack traceback", 1, true), "no traceback:\n" .. text)
    assert(not text:find("%.lua:%d+:"), "no source position:\n" .. text)
  end
  local tbl = D .. "small.csv"
  local function emp(body) return { "--table", tbl, "--employment", file(body), "--out", T.tmpdir() } end
  fails(emp("sector,region,nation\nA,2,5\nB,-3,8\nC,0,1\n"), "row 3, column 'region', sector 'B': negative employment -3")
  fails(emp("sector,region,nation\nA,2,5\nB,,8\nC,0,1\n"), "row 3, column 'region', sector 'B': no number (an empty or NA cell)")
  -- a typo must not make the region's column a text column (the nation's was then taken for it)
  fails(emp("sector,region,nation\nA,2,5\nB,x,8\nC,0,1\n"), "row 3, column 'region', sector 'B': 'x' is not a number")
  fails(emp("sector,region,nation\nA,0,5\nB,0,8\nC,0,1\n"), "the region's column 'region' is 0 for every sector")
  fails(emp("sector,region,nation\nA,2,5\nB,3,8\nC,0,1\nD,1,1\n"), "row 5, sector 'D': matches no sector of the table")
  fails(emp("sector;region;nation\nA;2,5;5\nB;3;8\nC;0;1\n"), "(the file uses decimal commas? pass --decimal ',')")
  fails({ "--table", tbl, "--employment", "no/such/file.csv", "--out", T.tmpdir() }, "cannot open no/such/file.csv")
  fails({ "--table", tbl, "--employment", file(""), "--out", T.tmpdir() }, "the file is empty")
  fails({ "--table", tbl, "--employment", T.data, "--out", T.tmpdir() }, "Is a directory")
  fails({ "--delta", "1.5" }, "--delta must be at least 0 and below 1 (Flegg & Webber 1997), got 1.5")
  fails({ "--delta", "-0.1" }, "--delta must be at least 0 and below 1")
  fails({ "--table", tbl, "--employment", D .. "small_employment.csv", "--drop", "A|B", "--out", T.tmpdir() },
    "small.csv has 1 sector: linkages compare sectors, so the table needs at least 2")
  fails({ "--table", tbl, "--employment", D .. "small_employment.csv", "--local-serving", "Q", "--out", T.tmpdir() },
    "--local-serving: no sector 'Q' in the table")
  fails({ "--table", tbl, "--employment", D .. "small_employment.csv", "--published", "no/such.csv", "--out", T.tmpdir() },
    "cannot open no/such.csv")
end)

T.test("delta 0 and 0.99 run through without NaN", function()
  for _, d in ipairs { "0", "0.99" } do
    local text, code = T.run(SCRIPT, { "--delta", d, "--no-factor", "--out", T.tmpdir() })
    T.equal(code, 0, "delta " .. d .. "\n" .. text)
    assert(not text:lower():find("%f[%w]nan%f[%W]") and not text:lower():find("%f[%w]inf%f[%W]"), "no nan/inf")
  end
end)

T.test("the delta sweep follows the key rule and the quotient in force", function()
  local out = T.tmpdir()
  local text, code = T.run(SCRIPT, { "--key-rule", "index", "--diagonal", "ciq", "--no-factor", "--out", out })
  T.equal(code, 0, "exit code\n" .. text)
  contains(text, "FLQ (diagonal CIQ_ii = 1, the study's literal reading)")
  contains(text, "FLQ, key rule 'index'")
  local sweep = by_sector(out .. "/regional_classes_by_delta.csv")
  for s, r in pairs(by_sector(out .. "/regional_linkages.csv")) do T.equal(sweep[s]["delta 0.3"], r.class, s) end
end)

T.done()
