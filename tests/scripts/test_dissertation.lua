-- test_dissertation.lua -- end to end: scripts/dissertation.lua runs every
-- chapter into one folder, then the policy options and the study report
-- (HTML well-formed, all six options ranked, at least four inline figures,
-- the workbook read back by python3-openpyxl); a bad option stops it with the
-- usage alone.
local T = require "testing"

T.test("every chapter into its folder", function()
  local d = os.tmpname()
  os.remove(d)
  local out, code = T.run("scripts/dissertation.lua", "--out " .. T.quote(d))
  T.equal(code, 0, "exit code\n" .. out)
  for _, f in ipairs { "/ch1/regional_linkages.csv", "/ch2/scoreboard.csv", "/ch3/table21_probit.csv",
    "/policy/options.csv", "/report.html", "/report.md", "/clusterlab.xlsx" } do
    local h = io.open(d .. f)
    assert(h, "missing " .. f); h:close()
  end
  assert(out:find("All chapters written under " .. d .. "/", 1, true), out)
  assert(out:find("[1/", 1, true) and out:find("] done in ", 1, true), "progress of each step")
  assert(not out:lower():find("%f[%w]nan%f[%W]"), "no nan")
  local h = assert(io.open(d .. "/report.html"))
  local html = h:read("a")
  h:close()
  local _, options = html:gsub('<article class="option', "")
  T.equal(options, 6, "all six options ranked")
  local _, figures = html:gsub("<svg ", "")
  assert(figures >= 4, "at least four inline figures, got " .. figures)
  assert(not html:lower():find("%f[%w]nan%f[%W]"), "no nan in the report")
  if os.execute("command -v xmllint >/dev/null") then
    T.equal(os.execute("xmllint --noout " .. T.quote(d .. "/report.html")), true, "well-formed XHTML")
  else print("SKIP: xmllint is not installed") end
  if os.execute("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") then
    local p = io.popen("/usr/bin/python3 -c \"import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); "
      .. "print('\\n'.join(ws.title for ws in wb.worksheets)); print('C2=' + wb['policy options']['C2'].value)\" "
      .. T.quote(d .. "/clusterlab.xlsx"))
    local titles = p:read("a")
    p:close()
    local seen, n = {}, 0
    local c2 = titles:match("C2=([^\n]*)")
    assert(c2 and #c2 > 10, "the top option's name read back: " .. tostring(c2))
    for t in titles:gmatch("[^\n]+") do
      if t:find("^C2=") then break end
      n = n + 1
      assert(utf8.len(t) <= 31, "sheet name too long: " .. t)
      assert(not seen[t:lower()], "sheet names unique: " .. t)
      seen[t:lower()] = true
    end
    assert(seen["ch1 regional linkages"] and seen["ch2 scoreboard"], "chapter tables as sheets:\n" .. titles)
    assert(n >= 15, "every table a sheet: " .. n)
  else print("SKIP: python3-openpyxl is not installed; the workbook was not read back") end
  os.execute("rm -rf " .. T.quote(d))
end)

T.test("a bad option or output folder: the message alone, exit 1", function()
  local out, code = T.run("scripts/dissertation.lua", "results")
  T.equal(code, 1, "exit code")
  assert(out:find("unexpected argument 'results' (options start with --)", 1, true), out)
  assert(out:find("usage: clusterlab scripts/dissertation.lua", 1, true), out)
  T.equal(out:find("stack traceback", 1, true), nil, "no traceback:\n" .. out)
  out, code = T.run("scripts/dissertation.lua", "--out /proc/no/such/folder")
  T.equal(code, 1, "exit code")
  assert(out:find("cannot create the output folder /proc/no/such/folder:", 1, true), out)
  T.equal(out:find("stack traceback", 1, true), nil, "no traceback:\n" .. out)
end)

T.test("an empty or root output folder is refused before any chapter runs", function()
  -- --out "" wrote /ch1 and /ch2 at the root of the file system
  for _, dir in ipairs { "''", "/", "//" } do
    local out, code = T.run("scripts/dissertation.lua", "--out " .. dir)
    T.equal(code, 1, "exit code for --out " .. dir)
    assert(out:find("refusing", 1, true) and out:find("as the output folder", 1, true), out)
    T.equal(out:find("Chapter 1", 1, true), nil, "no chapter ran:\n" .. out)
  end
end)

T.done()
