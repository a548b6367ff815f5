-- test_check.lua -- the shared errors of stdlib: the function's name, the place
-- at fault, and the position of the caller's line however deep in stdlib the
-- error was raised.
local T = require "testing"
local check = require "check"
local regionalize = require "regionalize"
local linkages = require "linkages"
local iotable = require "iotable"

-- the error message of fn(...) and the line of this file that called it
local function error_of(fn, ...)
  local line = debug.getinfo(2, "l").currentline
  local ok, err = pcall(fn, ...)
  assert(not ok, "an error expected")
  return err, line
end

T.test("an error points at the caller's line, not the library's", function()
  -- the bad delta is found two helpers deep inside regionalize (quotients -> lambda_of)
  local err = error_of(regionalize.flq, { 1, 2 }, { 10, 20 }, { delta = 2 })
  T.equal(err:match("^(.-):%d+: "), "tests/lua/test_check.lua", "the file at fault\n" .. err)
  assert(err:find("regionalize.flq: delta must be a number in [0, 1)", 1, true), err)
  -- a helper of linkages (square) raising for linkages.rasmussen
  err = error_of(linkages.rasmussen, "L")
  assert(err:find("^tests/lua/test_check%.lua:%d+: linkages%.rasmussen: L must be a matrix"), err)
end)

T.test("the position is the line of the call", function()
  local line = debug.getinfo(1, "l").currentline + 1
  local ok, err = pcall(function() regionalize.slq({ 1 }, { 0 }) end)
  assert(not ok)
  T.equal(err:match("^tests/lua/test_check%.lua:(%d+): "), tostring(line), "line\n" .. err)
end)

T.test("a module reading a file names the file; the position is still the caller's", function()
  local err = error_of(iotable.read, "no/such/table.csv")
  assert(err:find("^tests/lua/test_check%.lua:%d+: iotable%.read: "), err)
  assert(err:find("no/such/table.csv", 1, true), err)
end)

T.test("where names the file, row, column and sector given, in that order", function()
  T.equal(check.where { file = "emp.csv", row = 3, column = "region", sector = "Mining" },
    "emp.csv, row 3, column 'region', sector 'Mining'", "all four")
  T.equal(check.where { sector = "Mining", file = "emp.csv" }, "emp.csv, sector 'Mining'", "two")
end)

T.test("one_of returns the value or lists the choices", function()
  T.equal(check.one_of("m.f", "method", "flq", { "slq", "flq" }), "flq", "accepted")
  T.errors("m.f: method must be 'slq', 'flq' or 'ciq', got 'xlq'", check.one_of, "m.f", "method", "xlq", { "slq", "flq", "ciq" })
end)

T.test("failer names the module and the function", function()
  T.errors("mymodule.fit: k must be positive, got -1", check.failer("mymodule"), "fit", "k must be positive, got %d", -1)
end)

T.done()
