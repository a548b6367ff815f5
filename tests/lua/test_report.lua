-- test_report.lua -- aligned text tables and CSV files of records: numbers with
-- a point whatever the locale, missing values as "--" (tables) or empty cells
-- (files), never "nan"; UTF-8 labels aligned by characters.
local T = require "testing"
local report = require "report"
local matrix = require "matrix"

T.test("number: fixed decimals, missing, infinities, integers", function()
  T.equal(report.number(1.23456, 2), "1.23", "two decimals")
  T.equal(report.number(2.5), "2.500", "three by default")
  T.equal(report.number(nil), "--", "nil")
  T.equal(report.number(0 / 0), "--", "NaN")
  T.equal(report.number(math.huge), "Inf", "Inf")
  T.equal(report.number(-math.huge), "-Inf", "-Inf")
  T.equal(report.number(7), "7", "integer")
  T.equal(report.number(-0.0001, 3), "0.000", "no negative zero")
  T.equal(report.number("key"), "key", "text passes through")
end)

T.test("records from parallel columns: arrays and vectors", function()
  local r = report.records({ "sector", "bl" },
    { sector = { "Mining", "Construction" }, bl = matrix.col { 1.5, 0.75 } })
  T.equal(#r, 2, "two records")
  T.equal(r[2].sector, "Construction", "text column")
  T.close(r[2].bl, 0.75, 0, "vector column")
  T.errors("no column 'fl'", report.records, { "sector", "fl" }, { sector = { "a" } })
  T.errors("column 'm' must be a vector", report.records, { "m" }, { m = matrix.new(2, 2) })
end)

T.test("table: aligned columns, titles, missing as --", function()
  local recs = {
    { sector = "Mining", bl = 1.23456, cv = 0 / 0 },
    { sector = "Финансы", bl = 0.5, cv = 4.2 },
  }
  local s = report.table(recs, { "sector", { key = "bl", title = "Backward", digits = 2 }, "cv" }, { title = "Key sectors" })
  local want = table.concat({
    "Key sectors",
    "sector   Backward     cv",
    "-------  --------  -----",
    "Mining       1.23     --",
    "Финансы      0.50  4.200",
  }, "\n")
  T.equal(s, want, "table text")
  assert(not s:lower():find("nan"), "no nan")
  T.equal(report.table({}, { "sector" }), "sector\n------\n(none)", "empty table")
  T.equal(report.table({ { s = "abcdefghij" } }, { "s" }, { max_text = 6 }), "s\n------\nabc...", "cut text")
end)

T.test("write_csv: quoted labels, empty missing cells, separator and decimal comma", function()
  local path = os.tmpname()
  local recs = { { sector = "Agriculture, Forestry and Fishing", bl = 0.985, n = 3 }, { sector = 'say "hi"', bl = 0 / 0, n = 4 } }
  report.write_csv(path, recs, { "sector", { key = "bl", title = "backward" }, "n" })
  local f = io.open(path); local text = f:read("a"); f:close()
  T.equal(text, 'sector,backward,n\n"Agriculture, Forestry and Fishing",0.985,3\n"say ""hi""",,4\n', "comma file")
  report.write_csv(path, recs, { "sector", "bl" }, { sep = ";", decimal = "," })
  f = io.open(path); text = f:read("a"); f:close()
  T.equal(text, 'sector;bl\nAgriculture, Forestry and Fishing;0,985\n"say ""hi""";\n', "semicolon file")
  report.write_csv(path, { { v = 0.1 + 0.2 }, { v = 1 / 3 } }, { "v" })
  f = io.open(path); text = f:read("a"); f:close()
  -- 0.1 + 0.2 needs 17 digits to read back (0.30000000000000004), 1/3 needs 16
  T.equal(text, "v\n0.30000000000000004\n0.3333333333333333\n", "exact numbers")
  report.write_csv(path, { { v = 1 / 3 } }, { "v" }, { digits = 4 })
  f = io.open(path); text = f:read("a"); f:close()
  T.equal(text, "v\n0.3333\n", "digits")
  os.remove(path)
  T.errors("cannot write", report.write_csv, "/nonexistent-dir/x.csv", recs, { "sector" })
  T.errors("separator and decimal mark are both ','", report.write_csv, path, recs, { "sector" }, { decimal = "," })
end)

T.test("paragraph: lines broken at spaces, none longer than asked", function()
  local saved, lines = print, {}
  print = function(s) lines[#lines + 1] = s or "" end
  report.paragraph("aaa bbb ccc ddd", 7)
  print = saved
  T.equal(table.concat(lines, "|"), "aaa bbb|ccc ddd|", "two lines of 7 and a blank line")
end)

T.test("files are written whole or not at all; headings, notes, print with csv", function()
  local dir = os.tmpname(); os.remove(dir)
  assert(report.mkdir(dir .. "/a/b"), "mkdir with parents")
  local path = dir .. "/a/b/t.csv"
  report.print({ { x = 1.5 } }, { "x" }, { csv = path })
  local f = io.open(path); T.equal(f:read("a"), "x\n1.5\n", "written beside the print"); f:close()
  T.equal(io.open(path .. ".tmp"), nil, "no temporary file left")
  -- a folder in the way of the rename: the old content stays, the temporary goes
  assert(os.execute("mkdir -p '" .. dir .. "/a/b/d.csv'"))
  T.errors("cannot write '" .. dir .. "/a/b/d.csv'", report.write_file, dir .. "/a/b/d.csv", "new")
  T.equal(io.open(dir .. "/a/b/d.csv.tmp"), nil, "no temporary file left after a failure")
  T.errors("report.mkdir: cannot create the output folder", report.mkdir, "/proc/no/such")
  os.execute("rm -r '" .. dir .. "'")
end)

T.test("markdown: a pipe table, numbers right-aligned, '|' escaped, missing as --", function()
  local md = report.markdown({ { a = "x|y", b = 1.5 }, { a = "z", b = 0 / 0 } },
    { "a", { key = "b", title = "B", digits = 1 } }, { title = "T" })
  T.equal(md, "**T**\n\n| a | B |\n| --- | ---: |\n| x\\|y | 1.5 |\n| z | -- |", "markdown")
end)

T.done()
