-- test_dissertation.lua -- end to end: scripts/dissertation.lua runs every
-- chapter into one folder; a bad option stops it with the usage alone.
local T = require "testing"

local BIN = arg and arg[-1] or "./clusterlab"

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- runs the script; returns its output (stdout and stderr) and exit code
local function run(args)
  local p = io.popen(BIN .. " scripts/dissertation.lua " .. args .. " 2>&1")
  local out = p:read("a")
  local _, _, code = p:close()
  return out, code
end

T.test("every chapter into its folder", function()
  local d = os.tmpname()
  os.remove(d)
  local out, code = run("--out " .. quote(d))
  T.equal(code, 0, "exit code\n" .. out)
  for _, f in ipairs { "/ch1/regional_linkages.csv", "/ch2/scoreboard.csv", "/ch3/table21_probit.csv" } do
    local h = io.open(d .. f)
    assert(h, "missing " .. f); h:close()
  end
  assert(out:find("All chapters written under " .. d .. "/", 1, true), out)
  assert(not out:lower():find("%f[%w]nan%f[%W]"), "no nan")
  os.execute("rm -rf " .. quote(d))
end)

T.test("a bad option or output folder: the message alone, exit 1", function()
  local out, code = run("results")
  T.equal(code, 1, "exit code")
  assert(out:find("unexpected argument 'results' (options start with --)", 1, true), out)
  assert(out:find("usage: clusterlab scripts/dissertation.lua", 1, true), out)
  T.equal(out:find("stack traceback", 1, true), nil, "no traceback:\n" .. out)
  out, code = run("--out /proc/no/such/folder")
  T.equal(code, 1, "exit code")
  assert(out:find("cannot create the output folder /proc/no/such/folder:", 1, true), out)
  T.equal(out:find("stack traceback", 1, true), nil, "no traceback:\n" .. out)
end)

T.test("an empty or root output folder is refused before any chapter runs", function()
  -- --out "" wrote /ch1 and /ch2 at the root of the file system
  for _, dir in ipairs { "''", "/", "//" } do
    local out, code = run("--out " .. dir)
    T.equal(code, 1, "exit code for --out " .. dir)
    assert(out:find("refusing", 1, true) and out:find("as the output folder", 1, true), out)
    T.equal(out:find("Chapter 1", 1, true), nil, "no chapter ran:\n" .. out)
  end
end)

T.done()
