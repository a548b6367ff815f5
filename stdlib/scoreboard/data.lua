-- scoreboard/data.lua -- the scoreboard's inputs: the indicator catalogue of a
-- scoreboard framework (default: the EIS 2008-2010 framework of Hollanders &
-- van Cruysen 2008, 29 indicators in 7 dimensions and 3 groups, EIS 2008
-- report Table 1; stdlib/data/eis_2008_2010_indicators.csv) and the values of
-- any number of units (regions, countries, averages) read from CSV, wide or long.
local check = require "check"
local M = {}
local fail = check.failer("scoreboard")

local DESCRIPTORS = {code = true, group = true, dimension = true, indicator = true,
  name = true, unit = true, direction = true, transform = true, part_of = true,
  label = true, source = true, note = true, notes = true}

local function is_missing(v) return v == nil or v ~= v end

-- the folder of the bundled data files (stdlib/data)
local function data_dir()
  if package.clusterlab_stdlib then return package.clusterlab_stdlib .. "/data" end
  local here = package.searchpath("scoreboard", package.path)
  return here and here:gsub("scoreboard%.lua$", "data") or "stdlib/data"
end

M.default_catalogue = data_dir() .. "/eis_2008_2010_indicators.csv"

-- codes as strings: a column read as numbers (1, 2.1) gives its shortest form
local function code_text(v, where, fname)
  if type(v) == "string" then return v end
  if type(v) == "number" and v == v then
    return math.type(v) == "integer" and tostring(v) or string.format("%.15g", v)
  end
  fail(fname, "%s: missing indicator code", where)
end

-- reads a CSV file into {names=, columns=, nrow=}; the csv module's reader
local function read_table(path, opts, what, fname)
  local csv = require "csv"
  local ok, t = pcall(csv.read_table, path, opts)
  if not ok then fail(fname, "%s '%s': %s", what, tostring(path), tostring(t)) end
  return t
end

---------------------------------------------------------------------------
-- the indicator catalogue
---------------------------------------------------------------------------

-- Builds a catalogue from rows {code, group, dimension, name, unit, direction,
-- transform, part_of}. An indicator with parts (the EIS's 3.1.3, resource
-- efficiency innovators = unweighted average of 3.1.3a and 3.1.3b) takes its
-- value from them; the parts themselves do not enter the composites.
function M.catalogue_from_rows(rows, source)
  source = source or "catalogue"
  local cat = {indicators = {}, components = {}, by_code = {}, dimensions = {},
    groups = {}, source = source}
  local dim_of, group_of = {}, {}
  for i, r in ipairs(rows) do
    local where = string.format("%s row %d", source, i)
    local code = code_text(r.code, where, "catalogue")
    if cat.by_code[code] then fail("catalogue", "%s: indicator %s listed twice", where, code) end
    for _, f in ipairs{"group", "dimension", "name"} do
      if type(r[f]) ~= "string" or r[f] == "" then
        fail("catalogue", "%s (%s): missing %s", where, code, f)
      end
    end
    local direction = (r.direction == nil or r.direction == "") and "higher" or r.direction
    if direction ~= "higher" and direction ~= "lower" then
      fail("catalogue", "%s (%s): direction must be 'higher' or 'lower', not '%s'", where, code, tostring(direction))
    end
    local transform = (r.transform == nil or r.transform == "") and "none" or r.transform
    if transform ~= "none" and transform ~= "sqrt" then
      fail("catalogue", "%s (%s): transform must be 'none' or 'sqrt', not '%s'", where, code, tostring(transform))
    end
    if group_of[r.dimension] and group_of[r.dimension] ~= r.group then
      fail("catalogue", "%s (%s): dimension '%s' is in group '%s' on an earlier row, here in '%s'",
        where, code, r.dimension, group_of[r.dimension], r.group)
    end
    local part_of = r.part_of ~= nil and r.part_of ~= "" and code_text(r.part_of, where, "catalogue") or nil
    local e = {code = code, group = r.group, dimension = r.dimension, name = r.name,
      unit = r.unit or "", direction = direction, transform = transform, part_of = part_of}
    cat.by_code[code] = e
    if part_of then
      cat.components[#cat.components + 1] = e
    else
      cat.indicators[#cat.indicators + 1] = e
      if not dim_of[r.dimension] then
        dim_of[r.dimension] = {name = r.dimension, group = r.group, codes = {}}
        cat.dimensions[#cat.dimensions + 1] = dim_of[r.dimension]
        if not group_of[r.dimension] then
          local g
          for _, x in ipairs(cat.groups) do if x.name == r.group then g = x end end
          if not g then
            g = {name = r.group, dimensions = {}, codes = {}}
            cat.groups[#cat.groups + 1] = g
          end
          g.dimensions[#g.dimensions + 1] = r.dimension
        end
      end
      local d = dim_of[r.dimension]
      d.codes[#d.codes + 1] = code
      for _, g in ipairs(cat.groups) do
        if g.name == r.group then g.codes[#g.codes + 1] = code end
      end
    end
    group_of[r.dimension] = r.group
  end
  for _, c in ipairs(cat.components) do
    local parent = cat.by_code[c.part_of]
    if not parent or parent.part_of then
      fail("catalogue", "%s: %s is part of '%s', which is not an indicator of the catalogue", source, c.code, c.part_of)
    end
    if parent.dimension ~= c.dimension then
      fail("catalogue", "%s: %s is in dimension '%s' but its indicator %s in '%s'", source, c.code, c.dimension,
        parent.code, parent.dimension)
    end
    parent.parts = parent.parts or {}
    parent.parts[#parent.parts + 1] = c.code
  end
  return cat
end

-- Reads the catalogue (default: the EIS 2008-2010 framework, 29 indicators in
-- 7 dimensions and 3 groups, stdlib/data/eis_2008_2010_indicators.csv).
function M.catalogue(path)
  path = path or M.default_catalogue
  local t = read_table(path, {text = {"code"}}, "indicator catalogue", "catalogue")
  for _, f in ipairs{"code", "group", "dimension", "name"} do
    if not t.columns[f] then
      fail("catalogue", "indicator catalogue '%s': no column '%s'", path, f)
    end
  end
  local rows = {}
  for i = 1, t.nrow do
    local r = {}
    for _, name in ipairs(t.names) do
      local v = t.columns[name][i]
      if name == "code" or name == "part_of" then r[name] = v
      elseif type(v) == "string" then r[name] = v end
    end
    rows[i] = r
  end
  return M.catalogue_from_rows(rows, path)
end

---------------------------------------------------------------------------
-- values of units (regions, countries, averages)
---------------------------------------------------------------------------

-- Values from a Lua table: {units = {names in order}, data = {unit = {code = v}},
-- codes = {row order}, labels = {code = text}}; NaN counts as missing.
function M.values(t)
  if not (type(t) == "table" and type(t.units) == "table" and type(t.data) == "table") then
    fail("values", "want {units = {...}, data = {unit = {code = value}}}")
  end
  local v = {units = {}, data = {}, codes = {}, labels = t.labels or {}, imputed = {}}
  local seen = {}
  for _, u in ipairs(t.units) do
    local col = t.data[u]
    if type(col) ~= "table" then fail("values", "no data for unit '%s'", u) end
    v.units[#v.units + 1] = u
    v.data[u], v.imputed[u] = {}, {}
    for code, x in pairs(col) do
      if type(x) ~= "number" then
        fail("values", "unit '%s', indicator %s: not a number (%s)", u, tostring(code), tostring(x))
      end
      if not is_missing(x) then v.data[u][code] = x end
      seen[code] = true
    end
    if t.imputed and t.imputed[u] then
      for code, how in pairs(t.imputed[u]) do v.imputed[u][code] = how end
    end
  end
  if t.codes then
    for _, c in ipairs(t.codes) do v.codes[#v.codes + 1] = c end
  else
    for c in pairs(seen) do v.codes[#v.codes + 1] = c end
    table.sort(v.codes)
  end
  return v
end

local function read_long(path, t, opts)
  local ucol, vcol, ccol = opts.unit or "unit", opts.value or "value", opts.code or "code"
  for _, f in ipairs{ccol, ucol, vcol} do
    if not t.columns[f] then fail("read", "'%s' has no column '%s'", path, f) end
  end
  local units, data, codes, seen_code, seen = {}, {}, {}, {}, {}
  for i = 1, t.nrow do
    local where = string.format("'%s' row %d", path, i + 1)
    local code = code_text(t.columns[ccol][i], where, "read")
    local u, x = t.columns[ucol][i], t.columns[vcol][i]
    if type(u) ~= "string" or u == "" then fail("read", "%s: missing unit", where) end
    if type(x) ~= "number" then
      fail("read", "%s, column '%s': not a number '%s'", where, vcol, tostring(x))
    end
    if not data[u] then data[u] = {}; units[#units + 1] = u end
    if not seen_code[code] then seen_code[code] = true; codes[#codes + 1] = code end
    local key = u .. "\0" .. code
    if seen[key] then fail("read", "%s: a second value for %s, %s", where, u, code) end
    seen[key] = true
    data[u][code] = x
  end
  return {units = units, data = data, codes = codes}
end

local function read_wide(path, t, opts)
  local ccol = opts.code or "code"
  if not t.columns[ccol] then fail("read", "'%s' has no column '%s'", path, ccol) end
  local units = opts.units
  if not units then
    units = {}
    for _, name in ipairs(t.names) do
      if not DESCRIPTORS[name] and name ~= ccol then units[#units + 1] = name end
    end
  end
  local data, codes, labels, seen = {}, {}, {}, {}
  for i = 1, t.nrow do
    local code = code_text(t.columns[ccol][i], string.format("'%s' row %d", path, i + 1), "read")
    if seen[code] then fail("read", "'%s' row %d: indicator %s listed twice", path, i + 1, code) end
    seen[code] = true
    codes[i] = code
    local label = t.columns.indicator or t.columns.name
    if label and type(label[i]) == "string" then labels[code] = label[i] end
  end
  for _, u in ipairs(units) do
    local col = t.columns[u]
    if not col then fail("read", "'%s' has no column '%s'", path, u) end
    data[u] = {}
    for i = 1, t.nrow do
      local x = col[i]
      -- one bad cell makes the whole column text: name that cell, not the first
      if type(x) == "string" and x ~= "" and not require("csv").number(x, {decimal = opts.decimal}) then
        fail("read", "'%s' row %d, column '%s': not a number '%s' (a decimal comma? pass {decimal=\",\"})",
          path, i + 1, u, x)
      end
      if type(x) == "number" then data[u][codes[i]] = x end
    end
  end
  return {units = units, data = data, codes = codes, labels = labels}
end

-- Reads values from CSV. Wide: a `code` column and one numeric column per unit
-- (every column except code, group, dimension, indicator, name, unit, ...);
-- long: columns code, unit, value. Empty cells are missing values.
-- opts: format ("wide"/"long", default: long when there are unit and value
-- columns), units (the unit columns to take), code/unit/value (column names),
-- sep, decimal (passed to the csv reader).
function M.read(path, opts)
  opts = opts or {}
  local t = read_table(path, {na = true, sep = opts.sep, decimal = opts.decimal,
    text = {opts.code or "code"}}, "scoreboard data", "read")
  local format = opts.format
  if not format then
    format = (t.columns[opts.unit or "unit"] and t.columns[opts.value or "value"]) and "long" or "wide"
  end
  if format ~= "wide" and format ~= "long" then
    fail("read", "format must be 'wide' or 'long', not '%s'", tostring(format))
  end
  local v = (format == "long" and read_long or read_wide)(path, t, opts)
  return M.values(v)
end

-- an indicator's value for a unit: its own, or the unweighted average of its
-- parts when all of them are there (EIS 2008 Table 1, indicator 3.1.3)
local function value_of(cat, values, unit, code)
  local d = values.data[unit]
  if d[code] ~= nil then return d[code], values.imputed[unit][code] end
  local e = cat.by_code[code]
  if not (e and e.parts) then return nil end
  local sum, how = 0, nil
  for _, p in ipairs(e.parts) do
    if d[p] == nil then return nil end
    sum = sum + d[p]
    how = how or values.imputed[unit][p]
  end
  return sum / #e.parts, how
end
M.value = value_of

-- a unit of the values, or an error naming the option that gave it
function M.check_unit(values, u, what)
  if not values.data[u] then check.fail("scoreboard", "no unit '%s' (%s)", tostring(u), what) end
end

-- every code of the values must be in the catalogue (for the other modules)
function M.check_codes(cat, values)
  for _, c in ipairs(values.codes) do
    if not cat.by_code[c] then
      check.fail("scoreboard", "indicator %s is not in the catalogue %s", c, cat.source)
    end
  end
end

M._help = {
  _about = "scoreboard inputs: indicator catalogue and unit values (EIS 2008-2010 framework)",
  catalogue = "data.catalogue([path]) -- the indicator catalogue (default: EIS 2008-2010, 29 indicators)",
  catalogue_from_rows = "data.catalogue_from_rows(rows [, source]) -- a catalogue from {code, group, dimension, name, ...} rows",
  values = "data.values{units=, data={unit={code=v}}, codes=} -- unit values from a Lua table",
  read = "data.read(path [, {format=, units=, sep=, decimal=}]) -- unit values from a wide or long CSV",
  value = "data.value(cat, values, unit, code) -- one value (an indicator with parts: their average), imputation mark",
  check_unit = "data.check_unit(values, unit, what) -- error unless the values have that unit",
  check_codes = "data.check_codes(cat, values) -- error unless every indicator of the values is in the catalogue",
}

return M
