-- check.lua -- argument checks and errors for all of stdlib. An error names the
-- function ("regionalize.flq: ...") and, through check.where, the file, row,
-- column or sector at fault; it points at the first line outside stdlib (the
-- user's call), however deep in stdlib it was raised, as luaL_argerror points
-- at the caller of a C function (Lua 5.4 manual, 4.7 and lauxlib.c).
local M = {}

M._help = {
  _about = "argument checks and errors for stdlib: the function's name, the place at fault, the caller's line",
  fail = "check.fail(fname, fmt, ...) -- raises 'fname: message' at the first line outside stdlib",
  failer = "check.failer(module) -> fail(fname, fmt, ...): check.fail with 'module.fname' as the name",
  where = "check.where{file=, row=, column=, sector=} -> \"file.csv, row 3, column 'x', sector 'y'\" (the parts given)",
  alternatives = "check.alternatives{'a', 'b', 'c'} -> \"'a', 'b' or 'c'\"",
  one_of = "check.one_of(fname, what, value, choices) -> value if it is one of the list choices, else an error listing them",
}

-- the folder holding this file, hence all of stdlib ("@/path/stdlib/")
local STDLIB = debug.getinfo(1, "S").source:match("^(@.*[/\\])check%.lua$")

local function in_stdlib(source)
  return STDLIB ~= nil and source:sub(1, #STDLIB) == STDLIB
end

-- the level, for error() called by check.fail, of the first Lua function
-- outside stdlib on the stack (0, no position, when there is none)
local function caller_level()
  local level = 3  -- 1 is this function, 2 check.fail, 3 the stdlib function that failed
  while true do
    local info = debug.getinfo(level, "S")
    if not info then return 0 end
    if info.what ~= "C" and not in_stdlib(info.source) then return level - 1 end
    level = level + 1
  end
end

function M.fail(fname, fmt, ...)
  error(fname .. ": " .. string.format(fmt, ...), caller_level())
end

function M.failer(module)
  return function(fname, fmt, ...) M.fail(module .. "." .. fname, fmt, ...) end
end

-- the place of a bad value, in the order a reader looks for it
function M.where(place)
  local parts = {}
  if place.file then parts[#parts + 1] = tostring(place.file) end
  if place.row then parts[#parts + 1] = "row " .. tostring(place.row) end
  if place.column then parts[#parts + 1] = string.format("column '%s'", tostring(place.column)) end
  if place.sector then parts[#parts + 1] = string.format("sector '%s'", tostring(place.sector)) end
  return table.concat(parts, ", ")
end

-- "'a', 'b' or 'c'"
function M.alternatives(choices)
  local quoted = {}
  for k, c in ipairs(choices) do quoted[k] = "'" .. tostring(c) .. "'" end
  if #quoted < 2 then return quoted[1] or "" end
  return table.concat(quoted, ", ", 1, #quoted - 1) .. " or " .. quoted[#quoted]
end

function M.one_of(fname, what, value, choices)
  for _, c in ipairs(choices) do
    if value == c then return value end
  end
  M.fail(fname, "%s must be %s, got '%s'", what, M.alternatives(choices), tostring(value))
end

return M
