-- test_workbook.lua -- the xlsx workbook: Excel's sheet-name rules, the OWASP
-- neutralisation of formula-like text, and the file read back by an
-- independent reader, Debian's python3-openpyxl (skipped when absent).
local T = require "testing"
local workbook = require "workbook"

local PY = "/usr/bin/python3"

local function has_openpyxl()
  return os.execute(PY .. " -c 'import openpyxl' 2>/dev/null") == true
end

T.test("sheet names: at most 31 characters, no []:*?/\\, unique ignoring case", function()
  local used = {}
  T.equal(workbook.sheet_name("ch1 national 115 value chains and more words", used), "ch1 national 115 value chains a", "cut at 31")
  T.equal(workbook.sheet_name("CH1 national 115 value chains and more", used), "CH1 national 115 value chai (2)", "unique")
  T.equal(workbook.sheet_name("a/b[c]:d*e?f\\g", used), "a b c  d e f g", "forbidden characters")
  T.equal(workbook.sheet_name("'quoted'", used), "quoted", "no quote at either end")
  T.equal(workbook.sheet_name("", used), "Sheet", "never empty")
  -- UTF-8 names are cut at a character boundary (31 characters, not bytes)
  local kz = workbook.sheet_name(string.rep("Ө", 40), {})
  T.equal(utf8.len(kz), 31, "31 characters")
end)

T.test("formula-like text is neutralised (OWASP), unless turned off", function()
  for _, s in ipairs { "=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx" } do
    T.equal(workbook.neutralise(s), "'" .. s, "neutralised " .. s)
  end
  T.equal(workbook.neutralise("Mining"), "Mining", "plain text kept")
  T.equal(workbook.neutralise(-2), -2, "numbers are numbers")
end)

T.test("the workbook read back with openpyxl", function()
  if not has_openpyxl() then print("SKIP: python3-openpyxl is not installed (make deps installs it)"); return end
  local path = os.tmpname() .. ".xlsx"
  local _, names = workbook.write(path, {
    { name = "regional linkages", header = { "sector", "backward" },
      rows = { { "Mining", 0.985 }, { "=HYPERLINK(\"http://x\")", 1.5 }, { "Ore & <metal>", 0 / 0 } } },
    { name = "Regional Linkages", header = { "a" }, rows = { { 1 } } },
  })
  T.equal(names[2], "Regional Linkages (2)", "second name made unique")
  local p = io.popen(PY .. [[ -c "
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        print(ws.title + '|' + '|'.join('' if v is None else repr(v) for v in row))
" ]] .. path)
  local out = p:read("a")
  p:close()
  os.remove(path)
  local want = table.concat({
    "regional linkages|'sector'|'backward'",
    "regional linkages|'Mining'|0.985",
    "regional linkages|'\\'=HYPERLINK(\"http://x\")'|1.5",
    "regional linkages|'Ore & <metal>'|",
    "Regional Linkages (2)|'a'",
    "Regional Linkages (2)|1", "" }, "\n")
  T.equal(out, want, "cells read back")
end)

T.test("neutralisation turned off: the text as it is", function()
  if not has_openpyxl() then print("SKIP: python3-openpyxl is not installed"); return end
  local path = os.tmpname() .. ".xlsx"
  workbook.write(path, { { name = "a", header = { "x" }, rows = { { "=1+1" } } } }, { neutralise = false })
  local p = io.popen(PY .. [[ -c "import sys, openpyxl; print(openpyxl.load_workbook(sys.argv[1])['a']['A2'].value)" ]]
    .. path)
  local out = p:read("a")
  p:close()
  os.remove(path)
  T.equal(out, "=1+1\n", "not neutralised")
end)

T.test("bad input: a table without rows, an unwritable path", function()
  T.errors("table 1 must be {name=, header=, rows=}", workbook.write, "/tmp/x.xlsx", { { name = "a" } })
  T.errors("no tables", workbook.write, "/tmp/x.xlsx", {})
  T.errors("workbook.write: cannot write '/proc/no/such/dir/x.xlsx'", workbook.write, "/proc/no/such/dir/x.xlsx", { { name = "a", header = { "a" }, rows = {} } })
end)

T.test("the xlsx binding: a bad cell, a bad or repeated sheet name are errors naming them", function()
  local xlsx = require "xlsx"
  local path = os.tmpname()
  T.errors("sheet 1, row 2, column 1: a function is not a cell value", xlsx.write, path,
    { { name = "a", rows = { { "h" }, { print } } } })
  T.errors("sheet 1, name 'a[': Worksheet name cannot contain invalid characters", xlsx.write, path,
    { { name = "a[", rows = {} } })
  T.errors("sheet 2, name 'A': Worksheet name is already in use", xlsx.write, path,
    { { name = "a", rows = {} }, { name = "A", rows = {} } })
  os.remove(path)
end)

T.test("SOURCE_DATE_EPOCH fixes the creation time: a rerun writes the same bytes", function()
  local script = T.tmpfile('require "xlsx".write(arg[1], {{name = "a", rows = {{"x"}, {1}}}})')
  local function write(epoch, path)
    local env = epoch and ("SOURCE_DATE_EPOCH=" .. epoch .. " ") or ""
    return os.execute(env .. T.bin .. " " .. script .. " " .. T.quote(path) .. " 2>/dev/null")
  end
  local function tmpxlsx()   -- openpyxl wants the extension
    local p = os.tmpname()
    os.remove(p)
    return p .. ".xlsx"
  end
  local a, b, c = tmpxlsx(), tmpxlsx(), tmpxlsx()
  assert(write("1700000000", a))
  os.execute("sleep 1.1")   -- the default creation time is the current second
  assert(write("1700000000", b))
  assert(write(nil, c))
  T.equal(T.slurp(a) == T.slurp(b), true)
  T.equal(T.slurp(a) == T.slurp(c), false)
  T.equal(write("soon", c), nil)
  if has_openpyxl() then   -- 1700000000 s after 1970 is 2023-11-14 22:13:20 UTC
    local p = io.popen(PY .. " -c 'import sys,openpyxl; print(openpyxl.load_workbook(sys.argv[1]).properties.created)' " .. T.quote(a))
    T.equal(p:read("l"), "2023-11-14 22:13:20")
    p:close()
  end
  for _, f in ipairs { script, a, b, c } do os.remove(f) end
end)

T.done()
