-- repl.lua -- what the interactive prompt needs: printing results readably
-- (matrices as labelled tables, records field by field) and help(), which
-- reads the `_help` table every clusterlab module carries.
local M = {}

local matrix = require "matrix"

local MODULES = {
  "matrix", "linalg", "leontief", "stats", "csv", "fileout", "timer", "optim",
  "iotable", "employment", "sectors", "regionalize", "multipliers", "linkages", "keysectors", "fsr", "factor",
  "valuechains", "published", "scoreboard", "dta", "frame", "glm", "glmfit", "regtable", "innovation_drivers",
  "modes", "modes_survey", "modes_analysis", "lca", "partition", "policy", "evidence", "scenario", "atlas",
  "heatmap", "report", "studyreport", "workbook", "xlsx", "folder", "plot", "check", "cli",
}

local function format_number(x)
  if x ~= x then return "NaN" end
  if math.type(x) == "integer" then return tostring(x) end
  if x == math.huge then return "Inf" elseif x == -math.huge then return "-Inf" end
  return string.format("%.10g", x)
end

local function is_array(t)
  local n = #t
  if n == 0 then return false end
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
  end
  return true
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  return keys
end

local function indent(s, pad)
  return (s:gsub("\n", "\n" .. pad))
end

-- help text and the matrices and lists inside a record are kept to this many
-- columns: any terminal shows them unbroken
local WIDTH = 78

local function width(s) return utf8.len(s) or #s end

-- text broken at spaces into lines of at most WIDTH columns: the first line
-- starts with `first`, the others with `hang` (a hanging indent)
local function wrap(text, first, hang)
  local lines, line = {}, first
  for word in text:gmatch("%S+") do
    if line ~= first and line ~= hang and width(line) + 1 + width(word) > WIDTH then
      lines[#lines + 1] = line
      line = hang .. word
    else
      line = line .. ((line == first or line == hang) and "" or " ") .. word
    end
  end
  lines[#lines + 1] = line
  return table.concat(lines, "\n")
end

-- a readable rendering of v; tables to `depth` levels
function M.render(v, depth, pad)
  depth, pad = depth or 2, pad or ""
  local t = type(v)
  if t == "number" then return format_number(v)
  elseif t == "string" then return string.format("%q", v)
  elseif matrix.ismatrix(v) then
    -- alone, as wide as the terminal; inside a record, indented: narrower and shorter
    if pad == "" then return tostring(v) end
    return indent(v:format{width = math.max(30, WIDTH - #pad), rows = 10}, pad)
  elseif t ~= "table" or getmetatable(v) and getmetatable(v).__tostring then
    return tostring(v)
  end
  if next(v) == nil then return "{}" end
  if depth == 0 then return "{...}" end
  if is_array(v) and #v <= 20 then
    local simple, parts = true, {}
    for i = 1, #v do
      if type(v[i]) == "table" then simple = false end
      parts[i] = M.render(v[i], depth - 1, pad .. "  ")
    end
    if simple then
      -- a long list (sector labels) continues on indented lines
      local lines, line, room = {}, "{", WIDTH - #pad - 12   -- the first line follows "  name = "
      for i, part in ipairs(parts) do
        local item = part .. (i < #parts and "," or "}")
        if line ~= "{" and width(line) + 1 + width(item) > room then
          lines[#lines + 1] = line
          line, room = pad .. "    " .. item, WIDTH
        else
          line = line .. (line == "{" and "" or " ") .. item
        end
      end
      lines[#lines + 1] = line
      return table.concat(lines, "\n")
    end
  end
  local lines = {"{"}
  local keys = sorted_keys(v)
  for i, k in ipairs(keys) do
    if i > 40 then
      lines[#lines + 1] = pad .. "  ... " .. (#keys - 40) .. " more fields"
      break
    end
    local name = type(k) == "string" and k:match("^[%a_][%w_]*$") and k
      or "[" .. M.render(k, 0) .. "]"
    if matrix.ismatrix(v[k]) then
      lines[#lines + 1] = pad .. "  " .. name .. " ="
      lines[#lines + 1] = pad .. "    " .. M.render(v[k], 0, pad .. "    ")
    else
      lines[#lines + 1] = pad .. "  " .. name .. " = " .. M.render(v[k], depth - 1, pad .. "  ") .. ","
    end
  end
  lines[#lines + 1] = pad .. "}"
  return table.concat(lines, "\n")
end

-- prints the values an expression at the prompt returned
function M.show(...)
  local parts = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    parts[i] = type(v) == "string" and v or M.render(v)
  end
  print(table.concat(parts, "\t"))
end

local function loaded_module(name)
  local ok, mod = pcall(require, name)
  if ok and type(mod) == "table" then return mod end
end

local function about(mod)
  return mod._help and mod._help._about or ""
end

local function print_module(name, mod)
  print(wrap(name .. (about(mod) ~= "" and (" -- " .. about(mod)) or ""), "", "    "))
  local help = mod._help or {}
  local names = {}
  for k, v in pairs(mod) do
    if type(v) == "function" then names[#names + 1] = k end
  end
  table.sort(names)
  for _, k in ipairs(names) do
    print(wrap(help[k] or (name .. "." .. k), "  ", "      "))
  end
  if help.methods then
    print("methods:")
    print(wrap(help.methods, "  ", "  "))
  end
end

-- the matrix methods (m:t(), m:get(i, j), ...), by name
local function matrix_methods()
  return getmetatable(matrix.new(1, 1)).__index
end

-- a matrix method's entry in help(matrix)'s list
local function print_method(name)
  local entry = matrix._help.methods:match("m:" .. name .. "%b()") or matrix._help.methods:match("m:" .. name .. "%b{}")
  print((entry or ("m:" .. name .. "(...)")) .. " -- a matrix method; help(matrix) lists them all")
end

-- the name under which a module table was loaded (MODULES first, then any)
local function module_name(t)
  for _, name in ipairs(MODULES) do
    if package.loaded[name] == t then return name end
  end
  local names = {}
  for name, mod in pairs(package.loaded) do
    if mod == t and type(name) == "string" then names[#names + 1] = name end
  end
  table.sort(names)
  return names[1]
end

-- help(), help(module), help(function) or help("module.function")
function M.help(...)
  local x = ...
  if select("#", ...) == 0 then
    print("clusterlab modules (help(matrix), help(leontief.inverse), ...):")
    for _, name in ipairs(MODULES) do
      local mod = loaded_module(name)
      if mod then print(wrap(about(mod), string.format("  %-12s ", name), string.rep(" ", 15))) end
    end
    print("Matrices: m:rows(), m:get(i, j), m * n, m:t(), ... -- help(matrix).")
    print(wrap("Ctrl-C stops Lua code, CSV reading, distances and clustering at once; it cannot stop a"
      .. " LAPACK or BLAS call (linalg, leontief, factor on a large table), which runs to its end first.", "", ""))
    local ok, timer = pcall(require, "timer")
    if ok then print("BLAS: OpenBLAS kernel " .. select(2, timer.blas_kernel())) end
    return
  end
  if x == nil then
    -- help(matrix) before `matrix = require "matrix"` passes nil
    print(wrap("help: the argument is nil -- a module not loaded yet? Load it (matrix = require \"matrix\")"
      .. " or name it: help(\"matrix\"), help(\"leontief.inverse\"); help() lists the modules.", "", "  "))
    return
  end
  if type(x) == "string" then
    local whole = x:match("^[%w_.]+$") and loaded_module(x)
    if whole then print_module(x, whole); return end
    local modname, fname = x:match("^([%w_.]-)%.?([%w_]*)$")
    local mod = modname and modname ~= "" and loaded_module(modname)
    if not mod then print("no module named '" .. x .. "'"); return end
    if fname == "" then print_module(modname, mod); return end
    if mod == matrix and mod[fname] == nil and matrix_methods()[fname] then print_method(fname); return end
    x = mod[fname]
    if x == nil then print("module " .. modname .. " has no '" .. fname .. "'"); return end
  end
  if matrix.ismatrix(x) then print_module("matrix", matrix); return end
  if type(x) == "table" then
    local name = module_name(x)
    if name then print_module(name, x); return end
    if type(x._help) == "table" then print_module("(module)", x); return end
    print("a table with no help; its fields:")
    print(M.render(x, 1))
    return
  end
  local homes = {}
  for _, name in ipairs(MODULES) do homes[#homes + 1] = name end
  for name, mod in pairs(package.loaded) do
    if type(name) == "string" and type(mod) == "table" and type(mod._help) == "table" then homes[#homes + 1] = name end
  end
  for _, name in ipairs(homes) do
    local mod = package.loaded[name]
    if type(mod) == "table" then
      for k, v in pairs(mod) do
        if v == x then
          print(wrap((mod._help or {})[k] or (name .. "." .. k .. " (no description)"), "", "    "))
          return
        end
      end
    end
  end
  for k, v in pairs(matrix_methods()) do
    if v == x then print_method(k); return end
  end
  print("no help for this " .. type(x) .. (type(x) == "function" and " (not a clusterlab function)" or ""))
end

M._help = {
  _about = "the prompt's printing and help()",
  render = "repl.render(v [, depth]) -- a readable string for any value",
  show = "repl.show(...) -- prints values as the prompt does",
  help = "help([x]) -- modules, a module's functions, or one function",
}

return M
