-- test_csv.lua -- the csv module: every option of read, read_table, read_rows,
-- number and write, every error message, round trips (Cyrillic labels too),
-- and the real Eurostat Germany 1995 table checked against the file's text.
local T = require "testing"
local matrix = require "matrix"
local csv = require "csv"

local DIR = T.data .. "/csv/"
local GERMANY = T.data .. "/germany_1995/germany_1995_wide.csv"
local MINING = "Горнодобывающая промышленность"

-- writes text to a new temporary file and returns its name
local function temp(text)
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
  return path
end

local function same_list(got, want, what)
  T.equal(#got, #want, what .. " length")
  for i = 1, #want do T.equal(got[i], want[i], what .. "[" .. i .. "]") end
end

-- the small table's numbers, as written in germany_small.csv (the first three
-- sectors of the Eurostat Germany 1995 table and the Leontief inverse's
-- diagonal published in the Eurostat manual, Table 15.10)
local SMALL = {{1131, 25480, 1}, {7930, 304584, 64167}, {426, 7334, 3875},
               {1.0339, 1.4292, 1.0289}}
local SMALL_ROWS = {"CPA_A", "CPA_B-E", "CPA_F", "L_diag"}
local SMALL_COLS = {"CPA_A", "CPA_B-E", "CPA_F"}

T.test("read: a comma-separated table with labels", function()
  local m = csv.read(DIR .. "germany_small.csv")
  T.close_matrix(m, SMALL, 0, "small")
  same_list(m:rownames(), SMALL_ROWS, "rownames")
  same_list(m:colnames(), SMALL_COLS, "colnames")
  T.close_matrix(csv.read(DIR .. "germany_small.csv", {sep = ","}), SMALL, 0, "sep=','")
end)

T.test("read: ';', decimal commas, thousands spaces, BOM, CRLF", function()
  -- the same table: 25 480 with U+202F, 304 584 with U+00A0, 64 167 with a space
  local m = csv.read(DIR .. "germany_small_semicolon.csv", {decimal = ","})
  T.close_matrix(m, SMALL, 0, "semicolon")
  same_list(m:rownames(), SMALL_ROWS, "rownames")
  same_list(m:colnames(), SMALL_COLS, "colnames")
  T.close_matrix(csv.read(DIR .. "germany_small_semicolon.csv", {sep = ";", decimal = ","}),
    SMALL, 0, "sep=';'")
end)

T.test("read: Cyrillic labels in a ';' file with a BOM", function()
  local m = csv.read(DIR .. "cyrillic_semicolon.csv", {decimal = ","})
  T.close_matrix(m, SMALL, 0, "cyrillic")
  same_list(m:colnames(), {"Сельское хозяйство", "Промышленность", "Строительство"}, "colnames")
  T.equal(m:rownames()[4], "Обратная матрица Леонтьева, диагональ", "quoted label with a comma")
  T.equal(m:get("Промышленность", "Строительство"), 64167, "by label")
end)

T.test("read: tabs, '|', header=false, rownames=false", function()
  local path = temp("1.5\t2\n3\t-4e1\n")
  T.close_matrix(csv.read(path, {header = false, rownames = false}), {{1.5, 2}, {3, -40}}, 0, "tab")
  T.equal(csv.read(path, {header = false, rownames = false}):rownames(), nil, "no rownames")
  local m = csv.read(path, {header = false, sep = "\t"})
  T.close_matrix(m, {{2}, {-40}}, 0, "rownames only")
  same_list(m:rownames(), {"1.5", "3"}, "rownames")
  T.equal(m:colnames(), nil, "no colnames")
  os.remove(path)
  path = temp("a|b\n1|2\n")
  m = csv.read(path, {sep = "|", rownames = false})
  T.close_matrix(m, {{1, 2}}, 0, "pipe")
  same_list(m:colnames(), {"a", "b"}, "colnames")
  os.remove(path)
end)

T.test("read: thousands option", function()
  local path = temp("x;a\nr;1.234,5\n")
  T.close_matrix(csv.read(path, {decimal = ",", thousands = "."}), {{1234.5}}, 0, "1.234,5")
  os.remove(path)
  path = temp("x\ta\nr\t1,234,567.25\n")
  T.close_matrix(csv.read(path, {thousands = ","}), {{1234567.25}}, 0, "1,234,567.25")
  os.remove(path)
  path = temp("x,a\nr,1'234\n")
  T.close_matrix(csv.read(path, {thousands = "'"}), {{1234}}, 0, "1'234")
  os.remove(path)
end)

T.test("read: numbers in every notation, missing values with na", function()
  local path = temp('x,a,b\nr1, +1 ,1e-3\nr2,-0.5,"7"\nr3,,NA\nr4,-,..\n')
  local m = csv.read(path, {na = {"-", "..", "NA"}})
  T.equal(m:get(1, 1), 1, "+1"); T.equal(m:get(1, 2), 1e-3, "1e-3")
  T.equal(m:get(2, 1), -0.5, "-0.5"); T.equal(m:get(2, 2), 7, "quoted")
  T.equal(m:get(3, 1) ~= m:get(3, 1), true, "empty is NaN")
  T.errors(path .. ':4: column 3 ("b"): "NA" is not a number', csv.read, path, {na = {"-", ".."}})
  T.errors(path .. ':5: column 2 ("a"): "-" is not a number (a mark for missing values? pass {na={"-"}})',
    csv.read, path, {na = true})
  T.equal(m:get(4, 2) ~= m:get(4, 2), true, ".. is NaN")
  os.remove(path)
  path = temp("x,a\nr1,\nr2,n/a\n")
  m = csv.read(path, {na = "n/a"})
  T.equal(m:get(2, 1) ~= m:get(2, 1), true, "na as one string")
  os.remove(path)
end)

T.test("read: duplicate column labels are allowed", function()
  local path = temp("x,a,a\nr,1,2\n")
  same_list(csv.read(path):colnames(), {"a", "a"}, "colnames")
  os.remove(path)
end)

T.test("read: errors name the file, line, column and cell", function()
  T.errors("cannot open " .. DIR .. "nothing.csv: No such file or directory", csv.read, DIR .. "nothing.csv")
  local path = temp("")
  T.errors(path .. ": the file is empty", csv.read, path)
  os.remove(path)
  path = temp("x,Agriculture,Mining\nr1,1,2\nr2,3,\"12,5\"\n")
  T.errors(path .. ':3: column 3 ("Mining"): "12,5" is not a number (the file uses decimal commas? pass {decimal=","})',
    csv.read, path)
  os.remove(path)
  T.errors(DIR .. 'germany_small.csv:5: column 2 ("CPA_A"): "1.0339" is not a number (the file uses decimal points? pass {decimal="."})',
    csv.read, DIR .. "germany_small.csv", {decimal = ","})
  -- thousands spaces pass with either decimal mark; the comma in row 5 does not
  T.errors(DIR .. 'germany_small_semicolon.csv:5: column 2 ("CPA_A"): "1,0339" is not a number (the file uses decimal commas? pass {decimal=","})',
    csv.read, DIR .. "germany_small_semicolon.csv")
  path = temp("x,a,b,c,d,e\nr,1,2,3,4,5\nr,1,2,3,4\n")
  T.errors(path .. ":3: 5 fields, the header has 6", csv.read, path)
  T.errors(path .. ":3: 5 fields, the first row has 6", csv.read, path, {header = false})
  os.remove(path)
  path = temp("x,a\n")
  T.errors(path .. ": no data rows after the header", csv.read, path)
  os.remove(path)
  path = temp("x\nr\n")
  T.errors(path .. ": no columns of numbers besides the row labels", csv.read, path)
  os.remove(path)
  path = temp("x,a\nr,1\ns,\n")
  T.errors(path .. ':3: column 2 ("a"): empty cell (pass {na=true} to read empty cells and NA as missing values)',
    csv.read, path)
  os.remove(path)
  path = temp("x,a\nr,12abc\n")
  T.errors(path .. ':2: column 2 ("a"): "12abc" is not a number', csv.read, path)
  os.remove(path)
  path = temp("x,a\nr,1.2.3\n")
  T.errors(path .. ':2: column 2 ("a"): "1.2.3" is not a number', csv.read, path)
  os.remove(path)
  path = temp("x,a\nr,\"1\n")
  T.errors(path .. ":3: a quoted field is not closed by the end of the file", csv.read, path)
  os.remove(path)
  path = temp("x,a\nr,1\"\n")
  T.errors(path .. ":2: misplaced quote", csv.read, path)
  os.remove(path)
  path = temp("x,a\n\xC3\xEE\xF0\xED\xEE,1\n")  -- Windows-1251
  T.errors(path .. ":2: column 1 is not valid UTF-8", csv.read, path)
  os.remove(path)
  path = temp("\xFF\xFEx\0")
  T.errors(path .. ": the file is UTF-16; save it as UTF-8", csv.read, path)
  os.remove(path)
end)

T.test("read: option errors", function()
  local f = DIR .. "germany_small.csv"
  T.errors("bad argument #2 to 'csv.read' (unknown option 'dec')", csv.read, f, {dec = ","})
  T.errors("unknown option '1'", csv.read, f, {","})
  T.errors("opts.sep must be one of", csv.read, f, {sep = "::"})
  T.errors("opts.decimal must be one of", csv.read, f, {decimal = ";"})
  T.errors("opts.thousands must be one of", csv.read, f, {thousands = "_"})
  T.errors("opts.sep and opts.decimal are both ','", csv.read, f, {sep = ",", decimal = ","})
  T.errors("opts.thousands and opts.decimal are both '.'", csv.read, f, {thousands = "."})
  T.errors("opts.header must be true or false", csv.read, f, {header = 0})
  T.errors("opts.rownames must be true, false or the number", csv.read, f, {rownames = "no"})
  T.errors("opts.na must be true, a string or a list of strings", csv.read, f, {na = 1})
  T.errors("opts.na[2] must be a string", csv.read, f, {na = {"-", 0}})
  T.errors("bad argument #2 to 'csv.read' (table expected, got string)", csv.read, f, ",")
  T.errors("bad argument #1 to 'csv.read' (string expected, got no value)", csv.read)
end)

T.test("read: the Eurostat Germany 1995 table", function()
  local m = csv.read(GERMANY, {na = true})
  T.equal(m:rows(), 16, "rows"); T.equal(m:cols(), 11, "cols")
  -- cells as written in the file
  T.equal(m:get("CPA_A", "CPA_A"), 1131, "line 2, CPA_A")
  T.equal(m:get("P7", "P52"), -4233, "line 8, P52")
  T.equal(m:get("P1", "CPA_B-E"), 1079446, "line 15, CPA_B-E")
  T.equal(m:get("EMP", "CPA_O-T"), 10206, "line 17, CPA_O-T")
  T.equal(m:get("D29X39", "CPA_O-T"), -8602, "line 11, CPA_O-T")
  T.equal(m:get("D1", "P3_S14") ~= m:get("D1", "P3_S14"), true, "empty cell on line 10")
  T.equal(m:colnames()[11], "P6", "last column")
  T.equal(m:rownames()[16], "EMP", "last row")
  T.errors(GERMANY .. ':10: column 8 ("P3_S14"): empty cell (pass {na=true}', csv.read, GERMANY)
end)

T.test("read_table: numeric and text columns", function()
  -- the first rows of east_kazakhstan_key_indicators_2006_2011.csv (see
  -- tests/data/csv/PROVENANCE.md); 2011 is empty for foreign trade
  local t = csv.read_table(DIR .. "key_indicators.csv", {na = true})
  same_list(t.names, {"indicator", "unit", "2006", "2007", "2008", "2009", "2010", "2011"}, "names")
  T.equal(t.nrow, 5, "nrow")
  T.equal(t.columns.indicator[3], "Gross agriculture production", "text")
  T.equal(t.columns.unit[4], "million dollars", "text")
  T.equal(t.columns["2006"][1], 615.1, "GDP 2006")
  T.equal(t.columns["2010"][4], 2988.1, "trade 2010")
  T.equal(t.columns["2011"][4] ~= t.columns["2011"][4], true, "missing 2011")
  T.equal(t.columns["2011"][5], 241.6, "investments 2011")
  -- without na the column with an empty cell is text, "" kept
  t = csv.read_table(DIR .. "key_indicators.csv")
  T.equal(t.columns["2011"][4], "", "empty string")
  T.equal(t.columns["2011"][1], "1624.3", "as text")
  T.equal(t.columns["2010"][1], 1244.1, "still numbers")
  -- text= keeps numeric columns as strings
  t = csv.read_table(DIR .. "key_indicators.csv", {text = {"2006"}})
  T.equal(t.columns["2006"][3], "80.3", "forced text")
end)

T.test("read_table: options and errors", function()
  local path = temp("Food;51;9,38\nTextiles;3;0,55\n")
  local t = csv.read_table(path, {header = false, decimal = ","})
  same_list(t.names, {"V1", "V2", "V3"}, "R's names")
  T.equal(t.columns.V3[2], 0.55, "decimal comma")
  T.errors(path .. ':1: column 3: "9,38" is not a number (the file uses decimal commas? pass {decimal=","})',
    csv.read_table, path, {header = false})
  os.remove(path)
  path = temp("a,b,a\n1,2,3\n")
  T.errors(path .. ':1: column 3 ("a") has the name of column 1; read_table needs distinct names',
    csv.read_table, path)
  os.remove(path)
  T.errors("opts.text names no column \"GDP\"", csv.read_table, DIR .. "key_indicators.csv", {text = {"GDP"}})
  T.errors("opts.text must be a list of column names", csv.read_table, DIR .. "key_indicators.csv", {text = "unit"})
  T.errors("opts.text[1] must be a column name", csv.read_table, DIR .. "key_indicators.csv", {text = {1}})
  T.errors("unknown option 'rownames'", csv.read_table, DIR .. "key_indicators.csv", {rownames = false})
  path = temp("a,b\n1,2\n3\n")
  T.errors(path .. ":3: 1 field, the header has 2", csv.read_table, path)
  os.remove(path)
end)

T.test("read_rows: raw fields, rows of any length, line numbers", function()
  local path = temp('a;"b;c"\n\n1;2;3\n"x\ny";\n')
  local header, rows, lines = csv.read_rows(path)
  same_list(header, {"a", "b;c"}, "header")
  same_list(rows[1], {"1", "2", "3"}, "row 1")
  same_list(rows[2], {"x\ny", ""}, "row 2")
  same_list(lines, {3, 5}, "lines")
  header, rows = csv.read_rows(path, {header = false, sep = ";"})
  T.equal(header, nil, "no header")
  T.equal(#rows, 3, "all rows")
  os.remove(path)
  header, rows = csv.read_rows(DIR .. "germany_small_semicolon.csv", {decimal = ","})
  T.equal(header[1], "", "BOM dropped")
  T.equal(rows[4][2], "1,0339", "raw text")
  T.errors("unknown option 'na'", csv.read_rows, GERMANY, {na = true})
end)

T.test("number: one cell as read reads it", function()
  T.equal(csv.number(" 1 234,5 ", {decimal = ","}), 1234.5, "decimal comma")
  T.equal(csv.number("1.234,5", {decimal = ",", thousands = "."}), 1234.5, "thousands")
  T.equal(csv.number("-1e-3"), -1e-3, "exponent")
  T.equal(csv.number("12,5"), nil, "decimal comma with '.'")
  T.equal(csv.number("12abc"), nil, "junk")
  T.equal(csv.number(""), nil, "empty")
  T.errors("unknown option 'sep'", csv.number, "1", {sep = ";"})
end)

T.test("write: round trip with Cyrillic labels, exact numbers, NaN", function()
  local m = matrix.from({{0.1, 1 / 3}, {-2.5e-7, 0 / 0}, {1e300, 43910}},
    {MINING, "Trade; \"retail\"", " padded "}, {"Сельское хозяйство", "x,y"})
  local path = os.tmpname()
  csv.write(path, m)
  local back = csv.read(path, {na = true})
  same_list(back:rownames(), m:rownames(), "rownames")
  same_list(back:colnames(), m:colnames(), "colnames")
  for i = 1, 3 do for j = 1, 2 do
    local a, b = m:get(i, j), back:get(i, j)
    T.equal(a == b or (a ~= a and b ~= b), true, "element " .. i .. "," .. j)
  end end
  -- the text: the fewest digits that read back (as Python's repr), quotes where needed
  T.equal(T.slurp(path), ',Сельское хозяйство,"x,y"\n' ..
    MINING .. ',0.1,0.3333333333333333\n' ..
    '"Trade; ""retail""",-2.5e-07,NA\n' ..
    '" padded ",1e+300,43910\n', "text")
  -- ';' and decimal commas, a BOM for Excel, NaN as an empty cell
  csv.write(path, m, {decimal = ",", na = "", bom = true})
  local text = T.slurp(path)
  T.equal(text:sub(1, 3), "\xEF\xBB\xBF", "BOM")
  T.equal(text:match("\n([^\n]*)\n"), MINING .. ";0,1;0,3333333333333333", "decimal comma")
  back = csv.read(path, {decimal = ",", na = true})
  T.equal(back:rownames()[1], MINING, "label after BOM round trip")
  T.equal(back:get(1, 2), 1 / 3, "exact")
  T.equal(back:get(2, 2) ~= back:get(2, 2), true, "NaN")
  -- digits, tabs
  csv.write(path, m, {sep = "\t", digits = 3})
  T.equal(T.slurp(path):match("\n([^\n]*)\n"), MINING .. "\t0.1\t0.333", "3 digits")
  os.remove(path)
end)

T.test("write: matrices without labels and Lua tables", function()
  local path = os.tmpname()
  csv.write(path, {{1, 2}, {3, 4.5}})
  T.equal(T.slurp(path), "1,2\n3,4.5\n", "no labels, no header")
  T.close_matrix(csv.read(path, {header = false, rownames = false}), {{1, 2}, {3, 4.5}}, 0, "back")
  local m = matrix.from({{1}, {2}}, {"a", "b"})
  csv.write(path, m)
  T.equal(T.slurp(path), "a,1\nb,2\n", "rownames only")
  os.remove(path)
end)

T.test("write: errors", function()
  local m = matrix.from({{1, 1 / 0}}, {"r"}, {"a", "Mining"})
  T.errors("/tmp/never.csv: element [1, 2] (r, Mining) is inf; only finite numbers and NaN (written as NA) can be written",
    csv.write, "/tmp/never.csv", m)
  local ok = matrix.from{{1}}
  T.errors("cannot write /no/such/dir/x.csv: No such file or directory", csv.write, "/no/such/dir/x.csv", ok)
  T.errors("opts.digits must be an integer from 1 to 17", csv.write, "/tmp/never.csv", ok, {digits = 18})
  T.errors("opts.digits must be an integer from 1 to 17", csv.write, "/tmp/never.csv", ok, {digits = 2.5})
  T.errors("opts.na must be a string", csv.write, "/tmp/never.csv", ok, {na = true})
  T.errors("opts.bom must be true or false", csv.write, "/tmp/never.csv", ok, {bom = 1})
  T.errors("unknown option 'header'", csv.write, "/tmp/never.csv", ok, {header = false})
  T.errors("opts.sep and opts.decimal are both ','", csv.write, "/tmp/never.csv", ok, {sep = ",", decimal = ","})
  T.errors("bad argument #2 to 'csv.write'", csv.write, "/tmp/never.csv", "x")
end)

T.test("read: a 400 x 400 table with Cyrillic labels and decimal commas", function()
  local n = 400
  local m = matrix.new(n, n)
  for i = 1, n do for j = 1, n do m:set(i, j, (i * 7919 + j * 104729) % 100003 / 7) end end
  local names = {}
  for i = 1, n do names[i] = "Отрасль " .. i end
  m:setnames(names, names)
  local path = os.tmpname()
  csv.write(path, m, {decimal = ",", digits = 8})
  local back = csv.read(path, {decimal = ","})
  os.remove(path)
  T.equal(back:rows(), n, "rows")
  T.close(back:get(n, n), m:get(n, n), 1e-7, "last cell")
  T.equal(back:rownames()[n], "Отрасль 400", "last label")
end)

T.test("_help names every function", function()
  for name, f in pairs(csv) do
    if type(f) == "function" then assert(csv._help[name], "no help for " .. name) end
  end
  assert(csv._help._about, "no _about")
end)

T.test("read: rownames = k takes the labels from column k and skips the code columns before it", function()
  local m = csv.read(T.data .. "/csv/coded_labels.csv", { rownames = 2 })
  T.close_matrix(m, { { 1.5, 2 }, { 3, 4.25 } }, 0, "numbers after the label column")
  T.equal(m:rownames()[2], "Mining", "row labels from column 2")
  T.equal(m:colnames()[1], "Agriculture", "column labels start after the label column")
  T.errors("opts.rownames must be true, false or the number", csv.read, T.data .. "/csv/coded_labels.csv", { rownames = 0 })
  T.errors("opts.rownames must be true, false or the number", csv.read, T.data .. "/csv/coded_labels.csv", { rownames = "sector" })
end)

T.test("read: row labels made on first use keep their text everywhere labels go", function()
  local path = temp('id,a,b\n"r 1",1,2\n"два, три",3,4\n"",5,6\n')
  local m = csv.read(path)
  os.remove(path)
  local t = m:t()  -- built when first used, here by the transpose
  same_list(t:colnames(), { "r 1", "два, три", "" }, "colnames of t")
  same_list(m:rownames(), { "r 1", "два, три", "" }, "rownames")
  T.equal(m:get("два, три", "b"), 4, "get by label")
  T.equal(csv.read(GERMANY, { na = true }):rownames()[1], T.slurp(GERMANY):match("\n\"?([^,\"]+)"), "Germany's first sector")
end)

T.test("read: a 3 MB file, read in bands of lines on threads, gives read_table's numbers and labels", function()
  -- numbers and labels compared with the general reader (read_table), which
  -- reads the file whole on one thread; quoted labels and CRLF as R writes them
  local lines = { '"","a","b"' }
  for i = 1, 60000 do
    lines[#lines + 1] = string.format('"r%d",%.17g,%d', i, i / 7, -31 * i)
  end
  local text = table.concat(lines, "\r\n") .. "\r\n"
  local path = temp(text)
  local m, t = csv.read(path), csv.read_table(path)
  T.equal(m:rows(), 60000, "rows")
  for _, i in ipairs({ 1, 29999, 30000, 30001, 45678, 60000 }) do
    T.equal(m:rownames()[i], t.columns[""][i], "label " .. i)
    T.equal(m:get(i, 1), t.columns.a[i], "a " .. i)
    T.equal(m:get(i, 2), t.columns.b[i], "b " .. i)
  end
  T.equal(m:colsums():get(1, 2), -31 * 60000 * 60001 / 2, "sum of b (n(n+1)/2 by hand)")
  os.remove(path)
  -- a bad cell and a blank line deep in the second half: the general reader's messages
  local bad = text:gsub("\r\n\"r45678\",([^,]*),", "\r\n\"r45678\",%1,x")
  path = temp(bad)
  T.errors(path .. ':45679: column 3 ("b"): "x-1416018" is not a number', csv.read, path)
  os.remove(path)
  path = temp((text:gsub('\r\n"r45678"', '\r\n\r\n"r45678"')))
  T.equal(csv.read(path):rownames()[45678], "r45678", "a blank line is skipped")
  os.remove(path)
end)

T.test("read: a pipe, which cannot be mapped, is read by the general reader", function()
  local p = io.popen("cat " .. T.quote(DIR .. "germany_small.csv") .. " | " .. T.bin
    .. [[ -e 'local m = require("csv").read("/dev/stdin"); print(m:rows(), m:cols(), m:rownames()[2], m:get(2, 3))' 2>&1]])
  local out = p:read("a")
  p:close()
  T.equal(out, "4\t3\tCPA_B-E\t64167.0\n", "read from a pipe")  -- SMALL[2][3]
end)

T.done()
