-- testing.lua -- a small test harness for the Lua tests: named cases, numeric
-- comparisons with tolerances, expected errors, running a script, temporary
-- folders, reading files and CSV records, and a closing
-- "N passed, N failed" line that tests/run.sh adds up.
local M = {}
local passed, failed = 0, 0

-- every temporary name a test file asks for (os.tmpname, and so tmpfile and
-- tmpdir) is removed when the file is done, with what a script wrote into it
-- and the name with an extension added (name.csv, name.xlsx)
local made = {}
local tmpname = os.tmpname
function os.tmpname()
  local path = tmpname()
  made[#made + 1] = path
  return path
end

-- runs fn as a named case; an error in it is a failure with its message
function M.test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then passed = passed + 1
  else failed = failed + 1; print("FAIL " .. name .. ": " .. tostring(err)) end
end

-- |got - want| <= tol * max(1, |want|)
function M.close(got, want, tol, what)
  tol = tol or 1e-12
  if type(got) ~= "number" or got ~= got or math.abs(got - want) > tol * math.max(1, math.abs(want)) then
    error(string.format("%s: got %s, want %.15g (tolerance %g)", what or "value",
      tostring(got), want, tol), 2)
  end
end

-- every element of matrix m against a table of rows
function M.close_matrix(m, want, tol, what)
  assert(m:rows() == #want and m:cols() == #want[1],
    string.format("%s: shape %dx%d, want %dx%d", what or "matrix", m:rows(), m:cols(), #want, #want[1]))
  for i = 1, #want do for j = 1, #want[1] do
    M.close(m:get(i, j), want[i][j], tol, string.format("%s[%d,%d]", what or "matrix", i, j))
  end end
end

function M.equal(got, want, what)
  if got ~= want then
    error(string.format("%s: got %s, want %s", what or "value", tostring(got), tostring(want)), 2)
  end
end

-- fn(...) must raise an error whose message contains `pattern` (plain text)
function M.errors(pattern, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected an error containing '" .. pattern .. "', got none", 2) end
  if not tostring(err):find(pattern, 1, true) then
    error("expected an error containing '" .. pattern .. "', got: " .. tostring(err), 2)
  end
end

-- the folder holding the test data (tests/data), relative to the project root
M.data = "tests/data"

-- the binary running this test (./clusterlab, or ./clusterlab-san under make check-memory)
M.bin = arg and arg[-1] or "./clusterlab"

-- s as one word of the POSIX shell
function M.quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- runs the binary on script with args (a list, each quoted, or a string of
-- shell words); returns its output (stdout and stderr) and exit code
function M.run(script, args)
  if type(args) == "table" then
    local words = {}
    for i, a in ipairs(args) do words[i] = M.quote(a) end
    args = table.concat(words, " ")
  end
  local p = io.popen(M.bin .. " " .. script .. " " .. args .. " 2>&1")
  local out = p:read("a")
  local _, _, code = p:close()
  return out, code
end

-- a new empty temporary folder
function M.tmpdir()
  local d = os.tmpname()
  os.remove(d)
  assert(os.execute("mkdir -p " .. M.quote(d)))
  return d
end

-- a new temporary file holding text; its path
function M.tmpfile(text)
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
  return path
end

-- the whole file, or nil when it cannot be opened
function M.slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- the records whose fields equal every value in where ({model = "probit"})
function M.select(records, where)
  local out = {}
  for _, r in ipairs(records) do
    local ok = true
    for k, v in pairs(where) do ok = ok and r[k] == v end
    if ok then out[#out + 1] = r end
  end
  return out
end

-- a CSV file with a header and quoted fields without commas as records
-- {field = value}, numbers as numbers
function M.read_records(path)
  local f = assert(io.open(path, "r"))
  local header, rows = nil, {}
  for line in f:lines() do
    local fields = {}
    for v in (line .. ","):gmatch("([^,]*),") do
      v = v:gsub('^"(.*)"$', "%1")
      fields[#fields + 1] = tonumber(v) or v
    end
    if not header then header = fields
    else
      local row = {}
      for k, name in ipairs(header) do row[name] = fields[k] end
      rows[#rows + 1] = row
    end
  end
  f:close()
  return rows
end

function M.done()
  if #made > 0 then
    local words = {}
    for i, path in ipairs(made) do words[i] = M.quote(path) .. " " .. M.quote(path) .. ".*" end
    os.execute("rm -rf " .. table.concat(words, " "))
  end
  print(string.format("%d passed, %d failed", passed, failed))
  os.exit(failed == 0 and 0 or 1)
end

return M
