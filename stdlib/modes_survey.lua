-- modes_survey.lua -- the firm survey of the study's chapter 4 (Samambayeva
-- 2013, Tables 23-24): one row per firm with its id, employees and 2-digit
-- NACE code, and either the nine STI/DUI indicators of Jensen, Johnson, Lorenz
-- & Lundvall (2007) coded 0/1 (columns DUI1..DUI7, STI1, STI2) or the raw
-- answers with a mapping file that says how modes.code turns them into those
-- indicators. Every bad cell is an error naming the file, the firm and its row.
local csv = require "csv"
local frame = require "frame"
local matrix = require "matrix"
local modes = require "modes"
local check = require "check"

local M = {}

M._help = {
  _about = "the chapter 4 firm survey: reading and checking firm, employees, nace and the"
    .. " STI/DUI indicators (coded 0/1 or raw answers with a mapping file)",
  read = "modes_survey.read(path [, {mapping=path or modes.code mapping}]) -> {file=, firms=,"
    .. " employees=, nace= (\"07\"), size_class=, B= (n x 9 0/1, rows by firm), simulated="
    .. " (the file has a simulated_mode column, as the bundled generator writes)}; path: .csv or"
    .. " Stata .dta (frame.read)",
  read_mapping = "modes_survey.read_mapping(path) -> a modes.code mapping from a CSV with"
    .. " columns indicator, column, yes, no, above, at_least (lists of answers split by '|')",
  size_class = "modes_survey.size_class(employees) -> \"<50\", \"50-249\" or \">=250\" (the EU"
    .. " SME classes, Commission Recommendation 2003/361/EC)",
  SIZE_CLASSES = "the three size classes in order",
  read_sectors = "modes_survey.read_sectors(path) -> {[\"07\"] = name, ..., order= {codes}} from a CSV"
    .. " with columns code (NACE 2-digit) and sector, as the study's Table 24",
}

M.SIZE_CLASSES = {"<50", "50-249", ">=250"}
local REQUIRED = {"firm", "employees", "nace"}

local fail = check.failer("modes_survey")

-- The one place that reads a survey file, .csv or Stata .dta by its extension:
-- {names=, columns={name = array (numbers with NaN missing, or strings)}, nrow=}
local function read_columns(path)
  local f = frame.read(path)
  local columns = {}
  for _, name in ipairs(f:names()) do columns[name] = f:list(name) end
  return {names = f:names(), columns = columns, nrow = f:nrow()}
end

function M.size_class(e)
  return e < 50 and M.SIZE_CLASSES[1] or e < 250 and M.SIZE_CLASSES[2] or M.SIZE_CLASSES[3]
end

-- a cell as text: whole numbers without ".0" (ids and codes read as numbers),
-- a missing number as ""
local function text(v)
  if v ~= v then return "" end
  if math.type(v) == "float" and v == math.floor(v) and v == v and math.abs(v) < 2^53 then
    return string.format("%d", v)
  end
  return tostring(v)
end

local function split(s)
  local out = {}
  for part in (s .. "|"):gmatch("([^|]*)|") do
    part = part:match("^%s*(.-)%s*$")
    if part ~= "" then out[#out + 1] = tonumber(part) or part end
  end
  return out
end

function M.read_mapping(path)
  local header, rows, lines = csv.read_rows(path)
  local col = {}
  for j, name in ipairs(header or {}) do col[name] = j end
  for _, name in ipairs{"indicator", "column"} do
    if not col[name] then
      fail("read_mapping", "%s: no column '%s' (a mapping file has indicator, column, yes, no, above, at_least)",
        path, name)
    end
  end
  local known = {}
  for _, e in ipairs(modes.indicators()) do known[e.id] = true end
  local mapping = {}
  for r, row in ipairs(rows) do
    local function cell(name) local v = col[name] and row[col[name]] or ""; return v ~= "" and v or nil end
    local id, where = cell("indicator"), string.format("%s:%d", path, lines[r])
    if not id then fail("read_mapping", "%s: no indicator named", where) end
    if not known[id] then fail("read_mapping", "%s: '%s' is not an indicator (DUI1..DUI7, STI1, STI2)", where, id) end
    if mapping[id] then fail("read_mapping", "%s: indicator %s is mapped twice", where, id) end
    local spec = {column = cell("column")}
    if not spec.column then fail("read_mapping", "%s: %s has no survey column", where, id) end
    if cell("yes") then spec.yes = split(cell("yes")) end
    if cell("no") then spec.no = split(cell("no")) end
    for _, key in ipairs{"above", "at_least"} do
      if cell(key) then
        spec[key] = tonumber(cell(key))
        if not spec[key] then fail("read_mapping", "%s: %s of %s is '%s', not a number", where, key, id, cell(key)) end
      end
    end
    mapping[id] = spec
  end
  return mapping
end

-- firm ids as text, each present and distinct
local function firm_ids(path, t)
  local firms, seen = {}, {}
  for i = 1, t.nrow do
    local v = t.columns.firm[i]
    local id = v == v and text(v) or ""
    if id == "" then fail("read", "%s: row %d has no firm id", path, i) end
    if seen[id] then
      fail("read", "%s: firm '%s' appears in rows %d and %d (firm ids must be unique)", path, id, seen[id], i)
    end
    seen[id], firms[i] = i, id
  end
  return firms
end

local function employees_of(path, t, firms)
  local out = {}
  for i = 1, t.nrow do
    local v = t.columns.employees[i]
    if v ~= v or v == "" then
      fail("read", "%s: firm '%s' (row %d): employees is missing", path, firms[i], i)
    elseif type(v) ~= "number" or v < 0 or v == math.huge then
      fail("read", "%s: firm '%s' (row %d): employees '%s' is not a number of employees", path, firms[i], i, text(v))
    end
    out[i] = v
  end
  return out
end

local function nace_of(path, t, firms)
  local out = {}
  for i = 1, t.nrow do
    local v = t.columns.nace[i]
    local code = tonumber(v)
    if not code or code ~= math.floor(code) or code < 1 or code > 99 then
      fail("read", "%s: firm '%s' (row %d): nace '%s' is not a 2-digit NACE code", path, firms[i], i, text(v))
    end
    out[i] = string.format("%02d", code)
  end
  return out
end

-- the nine coded indicators, each 0 or 1
local function coded(path, t, firms, ids)
  local B = matrix.new(t.nrow, #ids)
  for j, id in ipairs(ids) do
    local col = t.columns[id]
    for i = 1, t.nrow do
      local v = col[i]
      if v ~= v or v == "" then
        fail("read", "%s: firm '%s' (row %d): %s is missing (code it 0 or 1)", path, firms[i], i, id)
      elseif v ~= 0 and v ~= 1 then
        fail("read", "%s: firm '%s' (row %d): %s = '%s', but a coded indicator must be 0 or 1",
          path, firms[i], i, id, text(v))
      end
      B:set(i, j, v)
    end
  end
  B:setnames(firms, ids)
  return B
end

function M.read_sectors(path)
  local t = csv.read_table(path)
  if not t.columns.code or not t.columns.sector then
    fail("read_sectors", "%s: a sectors file needs the columns code (NACE 2-digit) and sector", path)
  end
  local out = {order = {}}
  for i = 1, t.nrow do
    local code = tonumber(t.columns.code[i])
    if not code or code ~= math.floor(code) or code < 1 or code > 99 then
      fail("read_sectors", "%s: row %d: code '%s' is not a 2-digit NACE code", path, i, text(t.columns.code[i]))
    end
    code = string.format("%02d", code)
    out[code], out.order[#out.order + 1] = tostring(t.columns.sector[i]), code
  end
  return out
end

function M.read(path, opts)
  opts = opts or {}
  local t = read_columns(path)
  local ids = {}
  for k, e in ipairs(modes.indicators()) do ids[k] = e.id end
  for _, name in ipairs(REQUIRED) do
    if not t.columns[name] then
      fail("read", "%s: no column '%s' (a survey has firm, employees, nace and the indicators %s..%s)",
        path, name, ids[1], ids[#ids])
    end
  end
  if t.nrow == 0 then fail("read", "%s: no firms (the file has only a header)", path) end
  local firms = firm_ids(path, t)
  local s = {file = path, firms = firms, employees = employees_of(path, t, firms),
    nace = nace_of(path, t, firms), simulated = t.columns.simulated_mode ~= nil, size_class = {}}
  for i, e in ipairs(s.employees) do s.size_class[i] = M.size_class(e) end
  if opts.mapping then
    local mapping = type(opts.mapping) == "string" and M.read_mapping(opts.mapping) or opts.mapping
    local ok, B = pcall(modes.code, t, mapping)
    if not ok then fail("read", "%s: %s", path, (tostring(B):gsub("^[^\n:]-:%d+: ", ""))) end
    s.B = B
  else
    for _, id in ipairs(ids) do
      if not t.columns[id] then
        fail("read", "%s: no column '%s': give the nine coded indicators %s..%s (0/1) or the raw answers"
          .. " with a mapping file", path, id, ids[1], ids[#ids])
      end
    end
    s.B = coded(path, t, firms, ids)
  end
  return s
end

return M
