-- test_bad_input.lua -- every function of every C module, called with
-- arguments of the wrong kind and shape, must raise a Lua error (or return),
-- never crash the process; errors must be messages, not NaN results.
local T = require "testing"
local matrix = require "matrix"

local C_MODULES = {"matrix", "linalg", "leontief", "stats", "csv"}

local nan = matrix.from{{0 / 0, 1}, {1, 1}}
local BAD = {
  {}, {nil}, {"text"}, {{}}, {{{}}}, {-1}, {0}, {1.5}, {2^62}, {true},
  {matrix.new(0, 0)}, {matrix.new(1, 1)}, {matrix.new(2, 3)}, {nan},
  {matrix.new(3, 3), matrix.new(2, 2)}, {matrix.new(2, 2), "x"},
  {matrix.eye(2), {1, 2, 3}}, {matrix.new(2, 2), matrix.new(2, 2)},
  {{{1, 2}, {3}}}, {"/nonexistent/file.csv"}, {matrix.eye(2), -1, -1},
  {matrix.eye(2), 0, 0, 0, 0}, {function() end},
}

for _, name in ipairs(C_MODULES) do
  local ok, mod = pcall(require, name)
  if ok then
    T.test(name .. ": bad arguments never crash", function()
      local names = {}
      for k, v in pairs(mod) do if type(v) == "function" then names[#names + 1] = k end end
      table.sort(names)
      for _, fname in ipairs(names) do
        for _, args in ipairs(BAD) do
          local okcall, err = pcall(mod[fname], table.unpack(args, 1, 5))
          if not okcall then
            assert(type(err) == "string" and #err > 0,
              name .. "." .. fname .. ": error is not a message")
            assert(not err:find("%%z") and not err:find("invalid option"),
              name .. "." .. fname .. ": badly formatted error: " .. err)
          end
        end
      end
    end)
  end
end

T.test("matrix methods: bad arguments never crash", function()
  local m = matrix.from({{1, 2}, {3, 4}}, {"a", "b"}, {"c", "d"})
  local mt = getmetatable(m).__index
  for fname, f in pairs(mt) do
    for _, args in ipairs(BAD) do
      local okcall, err = pcall(f, m, table.unpack(args, 1, 5))
      if not okcall then
        assert(type(err) == "string", "matrix:" .. fname .. ": error is not a message")
      end
    end
    -- and with something that is not a matrix as self (tables of numbers
    -- convert to matrices by design; strings and booleans must not)
    assert(not pcall(f, "text", 1), "matrix:" .. fname .. " accepted a string as self")
    assert(not pcall(f, true, 1), "matrix:" .. fname .. " accepted a boolean as self")
  end
end)

T.done()
