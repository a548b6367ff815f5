-- repl.lua -- what the interactive prompt needs: printing results readably
-- (matrices as labelled tables, records field by field) and help(), which
-- reads the `_help` table every clusterlab module carries.
local M = {}

local matrix = require "matrix"

local MODULES = {
  "matrix", "linalg", "leontief", "stats", "csv", "timer", "optim",
  "iotable", "regionalize", "multipliers", "linkages", "fsr", "factor",
  "valuechains", "scoreboard", "glm", "modes", "policy", "report", "plot",
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

-- a readable rendering of v; tables to `depth` levels
function M.render(v, depth, pad)
  depth, pad = depth or 2, pad or ""
  local t = type(v)
  if t == "number" then return format_number(v)
  elseif t == "string" then return string.format("%q", v)
  elseif matrix.ismatrix(v) then return indent(tostring(v), pad)
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
    if simple then return "{" .. table.concat(parts, ", ") .. "}" end
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
  print(name .. (about(mod) ~= "" and (" -- " .. about(mod)) or ""))
  local help = mod._help or {}
  local names = {}
  for k, v in pairs(mod) do
    if type(v) == "function" then names[#names + 1] = k end
  end
  table.sort(names)
  for _, k in ipairs(names) do
    print("  " .. (help[k] or (name .. "." .. k)))
  end
  if help.methods then
    print("methods:")
    local line = " "
    for word in help.methods:gmatch("%S+") do
      if #line + #word > 76 then print(line); line = " " end
      line = line .. " " .. word
    end
    print(line)
  end
end

-- help(), help(module), help(function) or help("module.function")
function M.help(x)
  if x == nil then
    print("clusterlab modules (help(matrix), help(leontief.inverse), ...):")
    for _, name in ipairs(MODULES) do
      local mod = loaded_module(name)
      if mod then print(string.format("  %-12s %s", name, about(mod))) end
    end
    print("Matrices: m:rows(), m:get(i, j), m * n, m:t(), ... -- help(matrix).")
    return
  end
  if type(x) == "string" then
    local modname, fname = x:match("^([%w_]+)%.?([%w_]*)$")
    local mod = modname and loaded_module(modname)
    if not mod then print("no module named '" .. x .. "'"); return end
    if fname == "" then print_module(modname, mod); return end
    x = mod[fname]
    if x == nil then print("module " .. modname .. " has no '" .. fname .. "'"); return end
  end
  if type(x) == "table" then
    for _, name in ipairs(MODULES) do
      if package.loaded[name] == x then print_module(name, x); return end
    end
    if matrix.ismatrix(x) then print_module("matrix", require "matrix"); return end
    print("a table with no help; its fields:")
    print(M.render(x, 1))
    return
  end
  for _, name in ipairs(MODULES) do
    local mod = package.loaded[name]
    if type(mod) == "table" then
      for k, v in pairs(mod) do
        if v == x then
          print((mod._help or {})[k] or (name .. "." .. k .. " (no description)"))
          return
        end
      end
    end
  end
  print("no help for this " .. type(x))
end

M._help = {
  _about = "the prompt's printing and help()",
  render = "repl.render(v [, depth]) -- a readable string for any value",
  show = "repl.show(...) -- prints values as the prompt does",
  help = "help([x]) -- modules, a module's functions, or one function",
}

return M
