-- test_frame.lua -- data frames: a Stata file with value labels and missing
-- values reads as R's haven reads it (tests/data/dta, made and read by
-- make_haven_reference.R), survey codes become missing only when asked,
-- listwise deletion says why, and the frame operations.
local T = require "testing"
local frame = require "frame"
local csv = require "csv"
local matrix = require "matrix"

local DIR = T.data .. "/dta"
local f = frame.read(DIR .. "/labelled_survey.dta")
local ref = csv.read_table(DIR .. "/haven_values.csv", {na = true, text = {"city"}})

local function isnan(x) return x ~= x end

T.test("the .dta reads as haven: names, values, NA for . .a .b", function()
  T.equal(table.concat(f:names(), ","), table.concat(ref.names, ","), "names")
  T.equal(f:nrow(), ref.nrow, "rows")
  for _, name in ipairs(ref.names) do
    local got, want = f:list(name), ref.columns[name]
    for i = 1, ref.nrow do
      if type(want[i]) == "string" then T.equal(got[i], want[i], name .. "[" .. i .. "]")
      elseif isnan(want[i]) then T.equal(isnan(got[i]), true, name .. "[" .. i .. "] missing")
      else T.close(got[i], want[i], 0, name .. "[" .. i .. "]") end
    end
  end
  -- h1 row 5 is .a, d12a row 6 is .b, h1 row 8 is . (make_haven_reference.R)
  T.equal(isnan(f:list("h1")[5]) and isnan(f:list("d12a")[6]) and isnan(f:list("h1")[8]), true)
end)

T.test("value and variable labels as haven reads them", function()
  local _, rows = csv.read_rows(DIR .. "/haven_value_labels.csv")
  local count = {}
  for _, r in ipairs(rows) do
    local vl = f:labels(r[1])
    T.equal(vl ~= nil, true, "labels of " .. r[1])
    T.equal(vl[math.tointeger(tonumber(r[2]))], r[3], r[1] .. " = " .. r[2])
    count[r[1]] = (count[r[1]] or 0) + 1
  end
  for name, n in pairs(count) do
    local k = 0
    for _ in pairs(f:labels(name)) do k = k + 1 end
    T.equal(k, n, "number of labels of " .. name)
  end
  T.equal(f:labels("l1"), nil, "no value labels")
  local _, vrows = csv.read_rows(DIR .. "/haven_variable_labels.csv")
  for _, r in ipairs(vrows) do T.equal(f:label(r[1]) or "", r[2], "label of " .. r[1]) end
end)

T.test("a .csv reads by extension: the same values, missing codes on request", function()
  local c = frame.read(DIR .. "/haven_values.csv", {missing = {-9}})
  local d = frame.read(DIR .. "/labelled_survey.dta", {missing = {-9}})
  T.equal(table.concat(c:names(), ","), table.concat(d:names(), ","))
  for _, name in ipairs{"h1", "d12a", "l1"} do
    local a, b = c:list(name), d:list(name)
    for i = 1, 8 do T.equal(a[i] == b[i] or (isnan(a[i]) and isnan(b[i])), true, name .. "[" .. i .. "]") end
  end
  T.equal(c:labels("h1"), nil, "no value labels in a CSV")
  T.equal(c:column("city")[4], "", "an empty text cell")
  T.errors("frame.read: cannot open /nonexistent.csv", frame.read, "/nonexistent.csv")
end)

T.test("column: numbers as a labelled n x 1 matrix, text as strings", function()
  local m = f:column("l1")
  T.equal(matrix.ismatrix(m) and m:rows() == 8 and m:cols() == 1, true)
  T.equal(m:colnames()[1], "l1")
  T.equal(f:column("city")[1], "Ust-Kamenogorsk")
  T.errors("no column 'h2' in tests/data/dta/labelled_survey.dta", function() f:column("h2") end)
end)

T.test("survey codes become missing only when asked", function()
  T.equal(f:list("h1")[3], -9, "kept without the option")
  local g = frame.read(DIR .. "/labelled_survey.dta", {missing = frame.ES_MISSING})
  T.equal(isnan(g:list("h1")[3]) and isnan(g:list("d12a")[4]), true, "-9 missing")
  T.equal(g:missing_codes().h1, 1)
  T.equal(g:missing_codes().d12a, 1)
  T.equal(g:labels("h1")[1], "Yes", "value labels kept")
end)

T.test("design: listwise deletion says which variable dropped rows", function()
  local g = f:missing(frame.ES_MISSING)
  local y, X, dropped, info = frame.design(g, "h1", {"d12a", "l1"})
  -- by hand from haven_values.csv with -9 missing: h1 missing in rows 3, 5, 8;
  -- d12a in 4, 6; l1 in 5: rows 1, 2, 7 are complete
  T.equal(dropped, 5)
  T.equal(table.concat(info.kept, ","), "1,2,7")
  T.equal(info.text, "5 of 8 rows dropped (h1 missing in 3, d12a missing in 2, l1 missing in 1)")
  T.equal(table.concat(X:colnames(), ","), "(Intercept),d12a,l1")
  T.close_matrix(X, {{1, 80, 12}, {1, 100, 250}, {1, 70, 1200}}, 0, "X")
  T.close_matrix(y, {{1}, {2}, {1}}, 0, "y")
  local _, X2 = frame.design(g, "h1", {"l1"}, {intercept = false})
  T.equal(table.concat(X2:colnames(), ","), "l1")
end)

T.test("design: bad input has its own message", function()
  T.errors("frame.design: no column 'x9'", frame.design, f, "h1", {"x9"})
  T.errors("column 'city' in tests/data/dta/labelled_survey.dta is text", frame.design, f, "h1", {"city"})
  -- rows 5 and 8: h1 missing in both, l1 in row 5 (haven_values.csv)
  local g = f:filter(function(r) return r.l1 ~= r.l1 or r.h1 ~= r.h1 end)
  T.errors("all 2 rows dropped in tests/data/dta/labelled_survey.dta: no row has every variable"
    .. " (h1 missing in 2, l1 missing in 1)", frame.design, g, "h1", {"l1"})
end)

T.test("select, filter, sort, head, recode, dummies, derive", function()
  T.equal(table.concat(f:select{"l1", "idstd"}:names(), ","), "l1,idstd")
  local big = f:filter(function(r) return r.l1 >= 40 end)
  T.equal(table.concat(big:list("idstd"), ","), "102.0,104.0,107.0")
  T.equal(f:filter({true, false, false, false, false, false, false, true}):nrow(), 2)
  local s = f:sort("l1", {descending = true})
  T.equal(table.concat(s:head(3):list("idstd"), ","), "107.0,102.0,104.0")
  T.equal(s:list("idstd")[8], 105.0, "missing last")
  local r = f:recode("h1", {[2] = 0}, {into = "innov"})
  T.equal(table.concat(r:list("innov"), ",", 1, 4), "1.0,0.0,-9.0,1.0")
  local d, names = f:dummies("a4a")
  T.equal(table.concat(names, ","), "a4a_15,a4a_18,a4a_27,a4a_52")
  T.equal(d:label("a4a_52"), "Retail")
  T.equal(table.concat(d:list("a4a_52"), ","), "0.0,0.0,0.0,1.0,1.0,0.0,0.0,0.0")
  local e = f:derive("big", function(row) return row.l1 >= 100 and 1 or 0 end, "100 or more employees")
  T.equal(e:list("big")[7], 1)
  T.equal(e:label("big"), "100 or more employees")
end)

T.test("summary: counts, means and missing", function()
  local sm = f:summary()
  T.equal(sm[5].name, "l1")
  T.equal(sm[5].missing, 1)
  -- mean of 12, 250, 7, 40, 3, 1200, 18 (haven_values.csv) = 1530 / 7
  T.close(sm[5].mean, 1530 / 7, 1e-15, "mean l1")
  T.equal(sm[6].type, "text")
  T.equal(sm[6].distinct, 5)
  local g = f:missing(frame.ES_MISSING)
  T.equal(g:summary()[3].coded, 1, "h1: one -9 made missing")
  local text = tostring(g:summary())
  T.equal(text:find("summary of 8 rows (tests/data/dta/labelled_survey.dta)", 1, true) ~= nil, true, text)
  -- h1 with -9 missing: 1, 2, 1, 2, 1 present (n 5, mean 7/5), 3 missing of which 1 a code
  T.equal(text:find("\nh1     number  5        3              1    1.400    0.548    1.000     2.000", 1, true) ~= nil,
    true, text)
end)

T.test("printing shows the dimensions and the head with value labels", function()
  local s = tostring(f)
  T.equal(s:find("frame: 8 rows x 6 columns", 1, true) ~= nil, true, s)
  T.equal(s:find("15 Food", 1, true) ~= nil, true, s)
  T.equal(s:find("... 2 more rows", 1, true) ~= nil, true, s)
end)

T.test("write .dta and read it back: values, labels, missing", function()
  local path = os.tmpname() .. ".dta"
  f:write(path)
  local g = frame.read(path)
  os.remove(path)
  for _, name in ipairs(f:names()) do
    local a, b = f:list(name), g:list(name)
    for i = 1, 8 do
      T.equal(a[i] == b[i] or (isnan(a[i]) and isnan(b[i])), true, name .. "[" .. i .. "]")
    end
    T.equal(g:label(name), f:label(name), "label " .. name)
  end
  T.equal(g:labels("a4a")[27], "Basic metals")
  T.errors("unknown kind of file", function() f:write("/tmp/x.sav") end)
  T.errors("'a b' is not a Stata variable name", function()
    frame.new{names = {"a b"}, columns = {["a b"] = {1, 2}}}:write(path)
  end)
  T.errors("cannot write /nonexistent/x.dta", function() f:write("/nonexistent/x.dta") end)
  T.errors("cannot open", frame.read, "/nonexistent/x.dta")
  local bad = os.tmpname() .. ".dta"
  local out = assert(io.open(bad, "w"))
  out:write("idstd,a4a\n1,2\n")
  out:close()
  T.errors("is not a readable Stata file", frame.read, bad)
  os.remove(bad)
end)

T.done()
