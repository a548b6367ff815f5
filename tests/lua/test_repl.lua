-- test_repl.lua -- the prompt's help() and printing: every module and function
-- found (submodules, matrix methods, a module not loaded yet), help text and
-- the matrices and lists inside a record kept to 78 columns.
local T = require "testing"
local repl = require "repl"
local matrix = require "matrix"

-- what fn(...) prints, as one string
local function printed(fn, ...)
  local out, saved = {}, print
  print = function(...)
    local parts = {}
    for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
    out[#out + 1] = table.concat(parts, "\t")
  end
  local ok, err = pcall(fn, ...)
  print = saved
  assert(ok, err)
  return table.concat(out, "\n")
end

local function contains(text, s)
  if not text:find(s, 1, true) then error(string.format("lacks '%s':\n%s", s, text), 2) end
end

local function widest(text)
  local w = 0
  for line in (text .. "\n"):gmatch("(.-)\n") do w = math.max(w, utf8.len(line) or #line) end
  return w
end

T.test("help() and a module's help fit 78 columns", function()
  local text = printed(repl.help)
  contains(text, "  leontief     Leontief and Ghosh input-output models")
  T.equal(widest(text) <= 78, true, "help() width " .. widest(text))
  for _, name in ipairs { "matrix", "csv", "iotable", "regionalize", "glm" } do
    text = printed(repl.help, name)
    T.equal(widest(text) <= 78, true, name .. " width " .. widest(text))
  end
end)

T.test("help(nil): the module is not loaded yet, not the module list", function()
  local text = printed(repl.help, nil)
  contains(text, "help: the argument is nil")
  contains(text, 'help("matrix")')
  T.equal(text:find("clusterlab modules", 1, true), nil, "no module list")
end)

T.test("submodules, module tables, matrices and their methods have help", function()
  local sub = require "scoreboard.uncertainty"
  contains(printed(repl.help, "scoreboard.uncertainty"), "scoreboard.uncertainty -- Monte Carlo uncertainty")
  contains(printed(repl.help, sub), "scoreboard.uncertainty -- Monte Carlo uncertainty")
  contains(printed(repl.help, sub.monte_carlo), "uncertainty.monte_carlo(cat, values")
  local m = matrix.new(2, 2)
  contains(printed(repl.help, m), "matrix -- labelled dense matrices")
  contains(printed(repl.help, m.t), "m:t() -- a matrix method")
  contains(printed(repl.help, "matrix.get"), "m:get(i, j) -- a matrix method")
  contains(printed(repl.help, "leontief.inverse"), "leontief.inverse(A) -- Leontief inverse")
  contains(printed(repl.help, print), "no help for this function")
  contains(printed(repl.help, "leontief.nope"), "module leontief has no 'nope'")
end)

T.test("a record's matrices and label lists stay within 78 columns", function()
  local n = 19
  local labels = {}
  for i = 1, n do labels[i] = "Sector number " .. i .. " with a long statistical name" end
  local Z = matrix.new(n, n, 12345.678)
  Z:setnames(labels, labels)
  local text = repl.render({ Z = Z, labels = labels, source = "x.csv" })
  T.equal(widest(text) <= 78, true, "width " .. widest(text) .. "\n" .. text)
  contains(text, "  Z =\n    19 x 19 matrix")
  contains(text, "... 9 more rows")
  contains(text, '  labels = {"Sector number 1 with a long statistical name",')
  contains(text, '"Sector number 19 with a long statistical name"},')
  -- alone, a matrix is the terminal's: its own tostring
  T.equal(repl.render(Z), tostring(Z), "a matrix alone")
  T.equal(repl.render({ 1, 2, 3 }), "{1, 2, 3}", "a short list on one line")
end)

T.done()
