-- test_ch2_scoreboard.lua -- end to end: runs scripts/ch2_scoreboard.lua into a
-- temporary folder and checks scoreboard.csv against the study's Table 15
-- (relative_to_eu = 100 * region / EU for every indicator with both values,
-- NA for the others), the charts and the printed table; headers that follow
-- the units given, composites with two units and with more, figure 12.
local T = require "testing"
local csv = require "csv"

local TABLE15 = "scripts/data/scoreboard_2009_east_kazakhstan.csv"

-- Table 15's rows with a parser of this test's own (the file has no quotes)
local function table15(path)
  local rows, header = {}, nil
  for line in io.lines(path) do
    local f = {}
    for field in (line .. ","):gmatch("([^,]*),") do f[#f + 1] = field end
    if header then rows[#rows + 1] = f else header = f end
  end
  return rows, header
end

local dir = T.tmpdir()
local out, code = T.run("scripts/ch2_scoreboard.lua", "--out " .. dir .. " --draws 200")

T.test("the script runs on the bundled Table 15", function()
  T.equal(code, 0, "exit status; output:\n" .. out)
  T.equal(out:lower():find("%f[%w]nan%f[%W]") == nil, true, "no nan printed")
  T.equal(out:find("\n1%.1%.4%s+Participation in life%-long learning") ~= nil, true, "table row")
  T.equal(out:find("Missing for east_region: 9 of 29 indicators", 1, true) ~= nil, true, "missing count")
end)

T.test("scoreboard.csv: relative_to_eu = 100 * region / EU, NA where missing", function()
  local t = csv.read_table(dir .. "/scoreboard.csv", {na = true, text = {"code"}})
  for _, name in ipairs{"code", "indicator", "eu_average", "east_region", "relative_to_eu"} do
    T.equal(t.columns[name] ~= nil, true, "column " .. name)
  end
  local rows = table15(TABLE15)
  T.equal(t.nrow, #rows)
  local missing = {}
  for i, f in ipairs(rows) do
    T.equal(t.columns.code[i], f[1])
    local eu, region = tonumber(f[5]), tonumber(f[6])
    T.close(t.columns.eu_average[i], eu, 1e-15, f[1] .. " eu_average")
    if eu and region then
      T.close(t.columns.east_region[i], region, 1e-15, f[1] .. " east_region")
      T.close(t.columns.relative_to_eu[i], 100 * region / eu, 1e-13, f[1] .. " relative_to_eu")
    else
      local rel = t.columns.relative_to_eu[i]
      T.equal(rel ~= rel, true, f[1] .. " relative_to_eu is NA")
      missing[#missing + 1] = f[1]
    end
  end
  -- the empty cells of the file's east_region column
  T.equal(table.concat(missing, " "), "1.1.4 2.1.3 2.2.4 2.3.2 2.3.3 2.3.4 3.2.4 3.2.5 3.2.6")
  -- the same codes listed as missing in the printed report
  for _, code in ipairs(missing) do
    T.equal(out:find("\n  " .. code:gsub("%.", "%%.") .. "%s") ~= nil, true, "listed " .. code)
  end
end)

T.test("the charts are SVG files", function()
  for _, name in ipairs{"figure10_relative_to_eu.svg", "figure10_study_scale.svg", "dimensions_relative_to_eu.svg"} do
    local s = T.slurp(dir .. "/" .. name)
    T.equal(s ~= nil and s:find("<svg", 1, true) ~= nil, true, name)
  end
  -- figure 10 has one bar per indicator with both values (21 in Table 15)
  local svg = T.slurp(dir .. "/figure10_relative_to_eu.svg")
  local bars = 0
  for _ in svg:gmatch('class="bar"') do bars = bars + 1 end
  T.equal(bars, 21, "bars")
end)

T.test("a unit is a column: national values and catching-up countries", function()
  -- Table 15 plus made-up columns: kazakhstan = 2 * region, two catching-up
  -- countries at 0.5 and 1.5 times the EU average
  local rows, header = table15(TABLE15)
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write(table.concat(header, ","), ",kazakhstan,catching_up_a,catching_up_b\n")
  for _, r in ipairs(rows) do
    local eu, region = tonumber(r[5]), tonumber(r[6])
    f:write(table.concat(r, ","), ",", region and tostring(2 * region) or "",
      ",", tostring(0.5 * eu), ",", tostring(1.5 * eu), "\n")
  end
  f:close()
  local d2 = T.tmpdir()
  local o2, code2 = T.run("scripts/ch2_scoreboard.lua", "--data " .. path .. " --out " .. d2 .. " --draws 50")
  T.equal(code2, 0, "exit status; output:\n" .. o2)
  local t = csv.read_table(d2 .. "/scoreboard.csv", {na = true, text = {"code"}})
  -- 1.1.1: region 28, national 56 -> 100 * 28/56 = 50; range 20.25..60.75,
  -- position (28 - 20.25)/40.5 = 0.19136
  T.close(t.columns.relative_to_kazakhstan[1], 50, 1e-13)
  T.close(t.columns.kazakhstan[1], 56, 1e-13)
  T.close(t.columns.catching_up_min[1], 20.25, 1e-13)
  T.close(t.columns.catching_up_max[1], 60.75, 1e-13)
  T.close(t.columns.position_in_range[1], (28 - 20.25) / 40.5, 1e-13)
  T.equal(t.columns.in_range[1], "within")
  local svg = T.slurp(d2 .. "/figure10_relative_to_eu.svg")
  T.equal(svg:find('class="range"', 1, true) ~= nil and svg:find('class="marker"', 1, true) ~= nil, true,
    "range bands and markers")
  -- five units: the composites carry information, ranks and uncertainty are back
  T.equal(o2:find("With two units", 1, true), nil, "no two-unit note:\n" .. o2)
  T.equal(o2:find("Uncertainty (Monte Carlo, 50 draws", 1, true) ~= nil, true, "uncertainty table")
  T.equal(o2:find("P(same rank)", 1, true) ~= nil, true, "rank column")
  -- catching_up_b = 1.5 x EU leads every indicator where 2 x region does not
  -- pass it (2 x 28 = 56 < 60.75 on 1.1.1; 2 x 12.6 = 25.2 > 7.35 on 2.2.3)
  assert(o2:find("\ncatching_up_b%s+[%d.]+%s+[%d.]+%s+[%d.]+%s+1%s"), o2)
  os.remove(path)
end)

T.test("two units: the note where composites are printed, no rank or uncertainty table", function()
  T.equal(out:find("With two units, min-max re-scaling gives 1 to the better unit and 0 to the other", 1, true) ~= nil,
    true, "the note")
  T.equal(out:find("Uncertainty", 1, true), nil, "no uncertainty table")
  T.equal(out:find("rank", 1, true), nil, "no rank")
  -- the composites are still printed: SII 0.9 for the EU, 0.1 for the region
  -- (18 of 20 indicators higher in the EU: all but 1.1.5 and 2.2.3)
  assert(out:find("\nsummary%s+Summary Innovation Index%s+0%.900%s+20%s+0%.100%s+20"), out)
end)

T.test("figure 12: the text against Table 15, printed; Table 15 as published", function()
  -- 5.9 x 0.81 = 4.779 against 3.1.1 = 0.51; 1.99 against 3.1.3a = 1.03
  T.equal(out:find("The study's text disagrees with its Table 15 on 3.1.1: 4.78 against 0.51.", 1, true) ~= nil, true, out)
  T.equal(out:find("The study's text disagrees with its Table 15 on 3.1.3a: 1.99 against 1.03.", 1, true) ~= nil, true, out)
  local t = csv.read_table(dir .. "/scoreboard.csv", {na = true, text = {"code"}})
  for i, code in ipairs(t.columns.code) do
    if code == "3.1.1" then T.equal(t.columns.east_region[i], 0.51, "3.1.1 as published") end
    if code == "3.1.3a" then T.equal(t.columns.east_region[i], 1.03, "3.1.3a as published") end
  end
end)

T.test("--region eu_average --reference east_region: headers follow the units", function()
  local d = T.tmpdir()
  local o, code = T.run("scripts/ch2_scoreboard.lua", "--region eu_average --reference east_region --draws 20 --out " .. d)
  T.equal(code, 0, o)
  local f = assert(io.open(d .. "/scoreboard.csv"))
  local header = f:read("l")
  f:close()
  T.equal(header, "code,indicator,dimension,group,east_region,eu_average,relative_to_east_region,east_region_per_eu_average")
  local t = csv.read_table(d .. "/scoreboard.csv", {na = true, text = {"code"}})
  -- 1.1.1: east_region 28, eu_average 40.5 under their own names; 100 * 40.5 / 28
  T.equal(t.columns.east_region[1], 28); T.equal(t.columns.eu_average[1], 40.5)
  T.close(t.columns.relative_to_east_region[1], 100 * 40.5 / 28, 1e-13)
  os.execute("rm -rf '" .. d .. "'")
end)

T.test("a missing data file is an error naming it", function()
  local o, code = T.run("scripts/ch2_scoreboard.lua", "--data /nonexistent/table.csv --out " .. dir)
  T.equal(code ~= 0, true, "non-zero exit")
  T.equal(o:find("/nonexistent/table.csv", 1, true) ~= nil, true, o)
end)

-- Table 15 with each data row passed through edit(fields) (fields: code, group,
-- dimension, indicator, eu_average, east_region), written to a temporary file
local function edited(edit)
  local rows, header = table15(TABLE15)
  local lines = {table.concat(header, ",")}
  for _, f in ipairs(rows) do edit(f); lines[#lines + 1] = table.concat(f, ",") end
  local path = os.tmpname()
  local h = io.open(path, "w"); h:write(table.concat(lines, "\n"), "\n"); h:close()
  return path
end

T.test("bad data files and options: one message, exit 1, no traceback", function()
  local function fails(args, want)
    local o, code = T.run("scripts/ch2_scoreboard.lua", args)
    T.equal(code ~= 0, true, "non-zero exit for " .. args)
    T.equal(o:find(want, 1, true) ~= nil, true, "message '" .. want .. "' in:\n" .. o)
    T.equal(o:find("stack traceback", 1, true), nil, "no traceback:\n" .. o)
  end
  local d = T.tmpdir()
  fails("--bogus", "unknown option --bogus")
  fails("--data /nonexistent/table.csv --out " .. d, "cannot open /nonexistent/table.csv")
  fails("--data " .. T.data .. " --out " .. d, "Is a directory")
  fails("--draws 0 --out " .. d, "--draws must be a whole number from 1 to 100000")
  fails("--draws 1e12 --out " .. d, "--draws must be a whole number from 1 to 100000")
  fails("--region nowhere --out " .. d, "no column 'nowhere' for the region")
  -- every EU value 0: nothing can be relative to it; before, the run failed in the chart
  local zero = edited(function(f) f[5] = "0" end)
  fails("--data " .. zero .. " --out " .. d, "no indicator has both a value for east_region and a non-zero value for eu_average")
  -- a typo under a good cell is named (before, the good cell above it was)
  local typo = edited(function(f) if f[1] == "1.1.2" then f[6] = "n/a" end end)
  fails("--data " .. typo .. " --out " .. d, "row 3, column 'east_region': not a number 'n/a'")
  local comma = edited(function(f) if f[1] == "1.1.1" then f[5] = '"40,5"' end end)
  fails("--data " .. comma .. " --out " .. d, "not a number '40,5' (a decimal comma? pass --decimal ',')")
  fails("--out /proc/no/such/folder", "cannot create the output folder /proc/no/such/folder")
  for _, p in ipairs {zero, typo, comma} do os.remove(p) end
  os.execute("rm -rf '" .. d .. "'")
end)

T.test("figure 12 on another table: only when asked, and said when the region has no 2.2.1", function()
  local path = edited(function(f) if f[1] == "2.2.1" then f[6] = "" end end)
  local d = T.tmpdir()
  local o, code = T.run("scripts/ch2_scoreboard.lua", "--data " .. path .. " --draws 20 --out " .. d)
  T.equal(code, 0, o)
  T.equal(o:find("Figure 12", 1, true), nil, "the study's statements are not applied to another table")
  o, code = T.run("scripts/ch2_scoreboard.lua", "--data " .. path .. " --figure12 scripts/data/figure12_east_kazakhstan.csv --draws 20 --out " .. d)
  T.equal(code, 0, o)
  assert(o:find("east_region has no value for 2.2.1 (SMEs innovating in-house): nothing to split.", 1, true), o)
  os.remove(path)
  os.execute("rm -rf '" .. d .. "'")
end)

T.test("an EU value of 0: its indicator is '--', never NaN or inf", function()
  local path = edited(function(f) if f[1] == "1.1.1" then f[5] = "0" end end)
  local d = T.tmpdir()
  local o, code = T.run("scripts/ch2_scoreboard.lua", "--data " .. path .. " --draws 50 --out " .. d)
  T.equal(code, 0, o)
  -- the row: EU average 0, region 28, relative "--"
  assert(o:match("\n1%.1%.1 [^\n]- 0%.000%s+28%.000000%s+%-%-%s+0%.00%s+Human resources"), o)
  local text = o .. (T.slurp(d .. "/scoreboard.csv") or "") .. (T.slurp(d .. "/composites.csv") or "")
  T.equal(text:lower():find("%f[%w]nan%f[%W]"), nil, "no nan")
  T.equal(text:lower():find("%f[%w]inf%f[%W]"), nil, "no inf")
  os.remove(path)
  os.execute("rm -rf '" .. d .. "'")
end)

T.test("a catalogue in Russian: names cut by characters, columns aligned as with English names", function()
  -- the bundled catalogue with every name and one dimension in Russian
  local rows = {}
  for line in io.lines(require("scoreboard").default_catalogue) do rows[#rows + 1] = line end
  local lines = {rows[1]}
  for k = 2, #rows do
    local code, rest = rows[k]:match("^([^,]+),(.*)$")
    rest = rest:gsub("^([^,]*),Human resources,", "%1,Человеческие ресурсы,")
    -- the name field: quoted or not, replaced by a long Russian one
    rest = rest:gsub('^([^,]*,[^,]*,)"[^"]*"', '%1x'):gsub("^([^,]*,[^,]*,)[^,]*", "%1Показатель инновационной деятельности предприятий " .. code)
    lines[k] = code .. "," .. rest
  end
  local path = os.tmpname()
  local h = io.open(path, "w"); h:write(table.concat(lines, "\n"), "\n"); h:close()
  local d = T.tmpdir()
  local o, code = T.run("scripts/ch2_scoreboard.lua", "--catalogue " .. path .. " --draws 50 --out " .. d)
  T.equal(code, 0, o)
  assert(utf8.len(o), "the output is valid UTF-8")
  local function row(text, code) return text:match("\n(" .. code:gsub("%.", "%%.") .. " [^\n]*)") end
  local ru, en = row(o, "1.1.2"), row(out, "1.1.2")
  assert(ru:find("Показатель инновационной деятельности предпри...", 1, true), ru)
  -- the columns after the name start where they do with the English catalogue
  T.equal(utf8.len(ru:match("^(.-)1%.03")), utf8.len(en:match("^(.-)1%.03")), "EU average column")
  assert(o:find("\nЧеловеческие ресурсы%s+4%s+5%s+1%.1%.4"), o)
  os.remove(path)
  os.execute("rm -rf '" .. d .. "'")
end)

os.execute("rm -rf '" .. dir .. "'")
T.done()
