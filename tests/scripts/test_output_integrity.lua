-- test_output_integrity.lua -- every output is written whole or not at all
-- (fileout): a full device, a full file system, `ulimit -f` and a SIGKILL in
-- the middle of a write leave earlier outputs intact and no partial file;
-- errors name the file; text cells that a spreadsheet would run as formulas
-- are neutralised (OWASP); SVG output parses as XML (xmllint).
local T = require "testing"
local fileout = require "fileout"
local report = require "report"
local svg = require "svg"
local plot = require "plot"
local csv = require "csv"
local matrix = require "matrix"

local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1")
  local out = p:read("a")
  local _, _, code = p:close()
  return out, code
end
local function listing(dir) return (sh("ls -A " .. T.quote(dir))) end

T.test("/dev/full: every writer reports the error and names the file", function()
  local recs = { { sector = "Mining", v = 1.5 } }
  T.errors("cannot write /dev/full: No space left on device", fileout.write, "/dev/full", "x")
  T.errors("report.write_csv: cannot write '/dev/full': No space left on device", report.write_csv, "/dev/full", recs,
    { "sector", "v" })
  T.errors("svg.write: cannot write '/dev/full'", svg.write, "/dev/full", "<svg/>")
  T.errors("report.write_file: cannot write '/dev/full'", report.write_file, "/dev/full", "x")
  T.errors("plot.quadrant: cannot write '/dev/full'", plot.quadrant,
    { x = { 1, 2 }, y = { 2, 1 }, labels = { "a", "b" }, file = "/dev/full" })
  T.errors("plot.line: cannot write '/dev/full'", plot.line, { x = { 1, 2 }, y = { 2, 1 }, file = "/dev/full" })
  T.errors("cannot write /dev/full", csv.write, "/dev/full", matrix.from { { 1 } })
end)

T.test("a failed write keeps the previous file and leaves no temporary", function()
  local d = T.tmpdir()
  fileout.write(d .. "/a.csv", "good\n")
  T.errors("is a folder", fileout.write, d, "x")
  T.errors("not a string", fileout.write, d .. "/a.csv", { "x", {} })
  T.equal(T.slurp(d .. "/a.csv"), "good\n", "old contents")
  T.equal(listing(d), "a.csv\n", "folder")
  T.errors("refusing an empty name", fileout.mkdir, "")
  T.errors("refusing the root folder", fileout.mkdir, "/")
  T.errors("report.mkdir: refusing the root folder", report.mkdir, "//")
  sh("rm -rf " .. T.quote(d))
end)

T.test("ulimit -f: an error naming the file, the earlier file intact", function()
  local d = T.tmpdir()
  local f = d .. "/big.csv"
  fileout.write(f, "good\n")
  local out, code = sh("ulimit -f 8 && " .. T.bin .. " -e " ..
    T.quote("require'fileout'.write(" .. string.format("%q", f) .. ", string.rep('x', 100000))"))
  T.equal(code, 1, "exit code: " .. out)
  assert(out:find("cannot write " .. f .. ": File too large", 1, true), out)
  T.equal(T.slurp(f), "good\n", "old contents")
  T.equal(listing(d), "big.csv\n", "no temporary left")
  sh("rm -rf " .. T.quote(d))
end)

T.test("SIGKILL halfway through a write: old file intact, no partial file", function()
  local d = T.tmpdir()
  local f = d .. "/table.csv"
  fileout.write(f, "good\n")
  -- 256 MB take a while to write; the writer is killed once its (unnamed)
  -- temporary holds data, i.e. in the middle of the write
  local script = table.concat({
    T.bin .. " -e " .. T.quote("require'fileout'.write(" .. string.format("%q", f) .. ", string.rep('x', 256 * 2^20))") .. " & pid=$!",
    "n=0; while [ $n -lt 2000 ]; do",
    "  for fd in /proc/$pid/fd/*; do",
    "    case $(readlink $fd 2>/dev/null) in " .. d .. "/*) [ $(stat -L -c %s $fd 2>/dev/null || echo 0) -gt 0 ] && break 2;; esac",
    "  done; n=$((n+1)); sleep 0.005",
    "done",
    "kill -9 $pid; wait $pid; echo killed $n",
  }, "\n")
  local out = sh(script)
  assert(out:find("killed", 1, true), out)
  print("SIGKILL test: " .. out:match("killed %d+") .. " polls before the kill")
  assert(not out:find("killed 2000", 1, true), "the write was never seen in progress: " .. out)
  T.equal(T.slurp(f), "good\n", "old contents")
  T.equal(listing(d), "table.csv\n", "no partial file")
  sh("rm -rf " .. T.quote(d))
end)

T.test("a full 64 KB file system: earlier chapter outputs intact, no partial file", function()
  local d = T.tmpdir()
  local _, code = sh("mount -t tmpfs -o size=64k tmpfs " .. T.quote(d))
  if code ~= 0 then
    print("SKIP full file system: cannot mount a tmpfs here (needs root)")
    sh("rm -rf " .. T.quote(d))
    return
  end
  local ok, err = pcall(function()
    local out, c = T.run("scripts/ch2_scoreboard.lua", "--out " .. T.quote(d .. "/ch2"))
    T.equal(c, 0, "first run fits: " .. out)
    local before, names = {}, listing(d .. "/ch2")
    for name in names:gmatch("[^\n]+") do before[name] = T.slurp(d .. "/ch2/" .. name) end
    sh("dd if=/dev/zero of=" .. T.quote(d .. "/filler") .. " bs=4k count=64")  -- fills it
    out, c = T.run("scripts/ch2_scoreboard.lua", "--out " .. T.quote(d .. "/ch2"))
    T.equal(c, 1, "second run fails: " .. out)
    assert(out:find("cannot write '" .. d:gsub("%p", "%%%0") .. "/ch2/[%w_]+%.%a+': No space left on device"), out)
    T.equal(listing(d .. "/ch2"), names, "the same files, no temporary")
    for name, s in pairs(before) do T.equal(T.slurp(d .. "/ch2/" .. name), s, name) end
  end)
  sh("umount " .. T.quote(d))
  sh("rm -rf " .. T.quote(d))
  assert(ok, err)
end)

T.test("CSV injection: formulas neutralised in text cells, numbers untouched", function()
  T.equal(report.safe_cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")", "=")
  for _, s in ipairs { "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx" } do
    T.equal(report.safe_cell(s), "'" .. s, string.format("%q", s))
  end
  for _, s in ipairs { "-1.5", "+3", "Mining", "", "a=b" } do T.equal(report.safe_cell(s), s, s) end
  T.equal(report.safe_cell(-2), -2, "a number")
  local d = T.tmpdir()
  report.write_csv(d .. "/r.csv", { { sector = "=1+1", v = -2.5 } }, { "sector", "v" })
  T.equal(T.slurp(d .. "/r.csv"), "sector,v\n'=1+1,-2.5\n", "report.write_csv")
  report.write_csv(d .. "/r.csv", { { sector = "=1+1", v = -2.5 } }, { "sector", "v" }, { formulas = true })
  T.equal(T.slurp(d .. "/r.csv"), "sector,v\n=1+1,-2.5\n", "formulas = true")
  local m = matrix.from({ { -1 } }, { "@cmd" }, { "-x" })
  csv.write(d .. "/m.csv", m)
  T.equal(T.slurp(d .. "/m.csv"), ",'-x\n'@cmd,-1\n", "csv.write")
  csv.write(d .. "/m.csv", m, { formulas = true })
  T.equal(T.slurp(d .. "/m.csv"), ",-x\n@cmd,-1\n", "csv.write formulas = true")
  sh("rm -rf " .. T.quote(d))
end)

T.test("SVG with hostile labels parses as XML (xmllint)", function()
  local d = T.tmpdir()
  local labels = { "<script>alert(1)</script>", "R&D \"quoted\" 'single'", "Металлургия ]]>" }
  plot.quadrant { x = { 1, 2, 0.5 }, y = { 2, 1, 0.7 }, labels = labels, title = "<b>&", file = d .. "/q.svg" }
  plot.bars { labels = labels, values = { 1, 2, 3 }, title = "</svg>", file = d .. "/b.svg" }
  local out, code = T.run("scripts/ch2_scoreboard.lua", "--out " .. T.quote(d .. "/ch2"))
  T.equal(code, 0, out)
  out, code = sh("xmllint --noout " .. T.quote(d) .. "/*.svg " .. T.quote(d) .. "/ch2/*.svg")
  T.equal(code, 0, "xmllint: " .. out)
  T.equal(out, "", "xmllint says nothing")
  assert(not T.slurp(d .. "/q.svg"):find("<script>", 1, true), "escaped")
  sh("rm -rf " .. T.quote(d))
end)

T.done()
