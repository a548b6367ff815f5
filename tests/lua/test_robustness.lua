-- test_robustness.lua -- hostile Lua values and edge cases found by the attack
-- of issue 13, one case each: lengths that wrap a size, strings C holds after
-- the Lua value is gone, caller's tables changed after the call, dimensions
-- out of range, NaN in reductions (R's rule), numbers that only look real
-- (an all-zero L, a constant y), and limits on work and input.
local T = require "testing"
local matrix = require "matrix"
local csv = require "csv"
local stats = require "stats"
local leontief = require "leontief"
local linkages = require "linkages"
local glm = require "glm"


-- a table whose length is n whatever it holds; __index makes up values
local function fake(n, value)
  return setmetatable({}, { __len = function() return n end, __index = function(_, k) return value and value(k) end })
end
-- a fresh string on each access, referenced by nothing after the call
local function fresh(k) return "label " .. k .. string.rep("x", 40) end

T.test("lengths that would wrap a size computation are argument errors", function()
  local m = matrix.from { { 1, 2 }, { 3, 4 } }
  -- 8 * (2^61 + 1) wraps to 8 bytes: the second index written overflowed the heap
  T.errors("the selection has length 2305843009213693953",
    function() return m:select(fake((1 << 61) + 1, function() return 1 end)) end)
  T.errors("opts.na has length 2305843009213693953", csv.read, T.data .. "/csv/germany_small.csv",
    { na = fake((1 << 61) + 1, function() return "NA" end) })
  T.errors("has length -1", matrix.from, fake(-1))
  T.errors("has length 4611686018427387904", matrix.from, { fake(1 << 62) })
  T.errors("has length 4611686018427387904", matrix.from, { { 1 } }, fake(1 << 62))
end)

T.test("strings made by __index stay alive while C uses them", function()
  -- each name exists only as long as C anchors it; a collection in between
  -- would free it (ASan: heap-use-after-free before the fix)
  local na = setmetatable({}, { __len = function() return 3 end,
    __index = function(_, k) collectgarbage(); return k == 1 and "NA" or fresh(k) end })
  local m = csv.read(T.data .. "/csv/germany_small.csv", { na = na })
  T.equal(m:rows(), 4, "read with generated NA marks")
  local lab = fake(2, fresh)
  local A = matrix.from({ { 0.1, 0.2 }, { 0.3, 0.1 } }, lab, lab)
  collectgarbage()
  T.equal(leontief.inverse(A):rownames()[2], fresh(2), "leontief.inverse labels")
  local D = matrix.from({ { 0, 1 }, { 1, 0 / 0 } }, fake(2, fresh), fake(2, fresh))
  T.errors("(" .. fresh(2) .. ", " .. fresh(2) .. ") is nan, not a finite number", stats.hclust, D)
  local path = os.tmpname()
  csv.write(path, matrix.from({ { 1 } }, fake(1, fresh), fake(1, fresh)))
  local f = io.open(path); local s = f:read("a"); f:close(); os.remove(path)
  T.equal(s, "," .. fresh(1) .. "\n" .. fresh(1) .. ",1\n", "csv.write labels")
end)

T.test("matrix.from copies the label tables: later changes do not reach the matrix", function()
  local rn, cn = { "a", "b" }, { "x", "y" }
  local m = matrix.from({ { 1, 2 }, { 3, 4 } }, rn, cn)
  rn[1], cn[2] = "changed", 99
  T.equal(m:rownames()[1], "a", "row label")
  T.equal(m:colnames()[2], "y", "column label")
  T.equal(m:get("a", "y"), 2, "lookup by the original labels")
  local v = matrix.col({ 1, 2 }, rn)
  rn[2] = "again"
  T.equal(v:rownames()[2], "b", "matrix.col copies too")
  T.errors("row label 1 is table, not a string", matrix.from, { { 1 } }, { {} })
end)

T.test("dimensions: every constructor and concatenation checks them", function()
  T.errors("the number of columns must be from 0 to 2147483647, got -1", matrix.zeros, 0, -1)
  T.errors("the number of columns must be from 0 to 2147483647, got -1", matrix.ones, 2, -1)
  T.errors("the number of columns must be from 0 to 2147483647, got 1099511627776", matrix.new, 0, 2^40)
  T.errors("the size must be from 0 to 2147483647, got -3", matrix.eye, -3)
  local e = matrix.new(0, 2)
  T.errors("an empty table has no shape", matrix.hcat, e, {})
  T.errors("an empty table has no shape", matrix.vcat, {}, matrix.new(2, 0))
  local r, c = matrix.hcat(e, matrix.new(0, 3)):shape()
  T.equal(r * 10 + c, 5, "0 x 2 hcat 0 x 3 is 0 x 5")
  T.errors("hcat: 0 rows and 1 rows", matrix.hcat, e, matrix.new(1, 1))
  T.errors("vcat: 2 columns and 1 columns", matrix.vcat, e, matrix.new(1, 1))
  -- the transpose of the widest empty matrix is immediate (it looped 2^40 times)
  local t0 = os.clock()
  r, c = matrix.new(0, 2^31 - 1):t():shape()
  T.equal(r, 2^31 - 1, "rows"); T.equal(c, 0, "cols")
  assert(os.clock() - t0 < 1, "transpose took " .. os.clock() - t0 .. " s")
end)

T.test("error messages name the method and show a large index as itself", function()
  local m = matrix.from { { 1, 2 }, { 3, 4 } }
  T.errors("bad argument #2 to 'matrix.methods.get' (row index 4294967297 out of range 1..2)", m.get, m, 2^32 + 1, 1)
  local function tail() return m:select({ 9 }) end
  local ok, err = pcall(tail)
  assert(not ok and not err:find("'?'", 1, true) and err:find("row index 9 out of range 1..2", 1, true), err)
  T.errors("column index -5 out of range 1..2", m.get, m, 1, -5)
end)

T.test("reductions: NaN anywhere makes NaN, as in R", function()
  -- R: min(c(1, NaN, 0)) and max(c(0, 1, NaN)) are NaN; so are sum and mean
  for _, v in ipairs { { 0 / 0, 1, 2 }, { 1, 0 / 0, 0 }, { 0, 1, 0 / 0 } } do
    local m = matrix.col(v)
    for _, f in ipairs { "min", "max", "sum", "mean", "sd" } do
      local x = m[f](m)
      assert(x ~= x, f .. " of {" .. table.concat(v, ", ", 1, 3) .. "} is " .. tostring(x))
    end
  end
  local m = matrix.from { { 1, 0 / 0 }, { 3, 4 } }
  local cmin, rmax = m:min("col"), m:max("row")
  T.equal(cmin:get(1, 1), 1, "column without NaN")
  assert(cmin:get(1, 2) ~= cmin:get(1, 2), "column with NaN")
  assert(rmax:get(1, 1) ~= rmax:get(1, 1), "row with NaN")
  T.equal(rmax:get(2, 1), 4, "row without NaN")
end)

T.test("numbers that only look real are errors", function()
  T.errors("L sums to 0.0", linkages.rasmussen, matrix.new(3, 3))
  T.errors("linkages.mpm: L sums to 0.0", linkages.mpm, matrix.new(3, 3))
  T.errors("has a NaN linkage index", linkages.classify, { backward = { 0 / 0, 1 }, forward = { 1, 1 } })
  local X = matrix.from { { 1, 1 }, { 1, 2 }, { 1, 3 }, { 1, 4.5 } }
  T.errors("y is constant", glm.ols, { 3, 3, 3, 3 }, X)
  T.errors("the fit is perfect", glm.ols, { 1.1, 2.2, 3.3, 4.95 }, X)
end)

T.test("csv.read keeps spaces around unquoted fields, as R", function()
  -- R 4.2: read.csv keeps "  Mining " and reads " 2 " as 2 (data/robustness/PROVENANCE.md)
  local f = csv.read(T.data .. "/robustness/padded_labels.csv")
  T.equal(f:rownames()[1], "  Mining ", "kept")
  T.equal(f:get(2, 1), 2, "number with blanks")
  T.equal(csv.read(T.data .. "/robustness/padded_labels.csv", { trim = true }):rownames()[1], "Mining", "trim = true")
end)

T.test("input limits: no line end within max_line is an error, not unbounded memory", function()
  T.errors("/dev/zero:1: a line longer than 1000 bytes", csv.read, "/dev/zero", { max_line = 1000 })
  T.errors("opts.max_line must be a whole number", csv.read, "/dev/zero", { max_line = -1 })
end)

T.test("Ctrl-C stops a CSV read in progress", function()
  -- reading /dev/zero without a limit never ends; SIGINT must stop it
  local script = T.bin .. " -e " .. T.quote("require'csv'.read('/dev/zero', {max_line = 1 << 50})") ..
    " 2>&1 & pid=$!; sleep 0.5; kill -INT $pid; wait $pid; echo exit $?"
  local p = io.popen(script); local out = p:read("a"); p:close()
  assert(out:find("interrupted", 1, true) and out:find("exit 1", 1, true), out)
end)

T.test("plot.quadrant: 400 points are labelled in well under a second (18 s before)", function()
  local plot = require "plot"
  local x, y, l = {}, {}, {}
  for i = 1, 400 do  -- a fixed scatter: a lattice folded by a prime step
    x[i] = 0.5 + (i * 37 % 400) / 400; y[i] = 0.5 + (i * 91 % 400) / 400; l[i] = "Sector number " .. i
  end
  local t0 = os.clock()
  local s = plot.quadrant { x = x, y = y, labels = l }
  local took = os.clock() - t0
  assert(took < 2, string.format("took %.2f s", took))
  assert(select(2, s:gsub(">Sector number %d+<", "")) >= 400, "every label drawn")
end)

T.test("a piped REPL line longer than 8191 bytes runs once, whole", function()
  local long = "x = '" .. string.rep("a", 20000) .. "' print(#x)"
  local path = os.tmpname()
  local f = io.open(path, "w"); f:write(long, "\n"); f:close()
  local p = io.popen(T.bin .. " -i < " .. path .. " 2>&1"); local out = p:read("a"); p:close()
  os.remove(path)
  assert(out:find("20000", 1, true) and not out:find("error", 1, true), out:sub(1, 300))
end)

T.done()
