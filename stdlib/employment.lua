-- employment.lua -- regional and national employment by sector, the size
-- measure of location quotients (Flegg & Webber 1997; Miller & Blair 2009,
-- ch. 8), read from a CSV file and aligned with an input-output table's
-- sectors. The rule, the same at the prompt and in the scripts: E^r and E^n
-- come from one source, the employment file (its region's column and its
-- national column), as the study takes both from the agency's employment
-- statistics; the table's own employment row is used only when asked for
-- (national = "table"), since it may count jobs another way (FTE, or the
-- national accounts' persons) than the regional figures.
local csv = require "csv"
local matrix = require "matrix"
local check = require "check"
local sectors = require "sectors"

local M = {}

M.RULE = "regional and national employment both from the employment file (its region's column and its national"
  .. " column); the table's employment row only when asked for (opts.national = 'table')"

M._help = {
  _about = "employment by sector for location quotients, read from a file and aligned with a table",
  RULE = "employment.RULE -- " .. M.RULE,
  read = "employment.read(path, tbl [, {region=, national=, sep=, decimal=, drop={labels}}]) -> {regional=, "
    .. "national= (n x 1, the table's sectors), region_column=, national_source=, absent={sectors}, columns=}: "
    .. "region names a column (default: the first of numbers); national names a column, or 'table' for the "
    .. "table's employment row (default: the file's other column of numbers)",
  describe = "employment.describe(emp, path) -> where the regional and national numbers come from, in a line",
}

local fail = check.failer("employment")

-- the columns of numbers beside the sector column; a column of numbers but
-- for a few cells is a typo, not a text column
local function numeric_columns(path, t, decimal)
  local labels, numeric = t.columns[t.names[1]], {}
  for k = 2, #t.names do
    local name = t.names[k]
    local col = t.columns[name]
    if type(col[1]) == "number" then numeric[#numeric + 1] = name
    else
      local bad, some
      for r, v in ipairs(col) do
        if csv.number(v, { decimal = decimal }) then some = true elseif v ~= "" then bad = bad or r end
      end
      if some and bad then
        fail("read", "%s: '%s' is not a number", check.where { file = path, row = bad + 1, sector = labels[bad],
          column = name }, col[bad])
      end
    end
  end
  if #numeric == 0 then fail("read", "%s: no column of employment numbers beside the sector labels", path) end
  return numeric
end

-- the column named `name` (compared as sector names are), else an error listing the columns
local function named_column(path, numeric, name, option)
  for _, c in ipairs(numeric) do
    if sectors.key(c) == sectors.key(name) then return c end
  end
  fail("read", "%s: opts.%s '%s' names no column of employment numbers; the columns are: %s", path, option, name,
    table.concat(numeric, ", "))
end

local function choose_columns(path, numeric, opts)
  local rcol = opts.region and named_column(path, numeric, opts.region, "region") or numeric[1]
  if opts.national == "table" then return rcol, nil end
  if opts.national then
    local ncol = named_column(path, numeric, opts.national, "national")
    if ncol == rcol then fail("read", "%s: the region's and the nation's column are both '%s'", path, rcol) end
    return rcol, ncol
  end
  local others = {}
  for _, c in ipairs(numeric) do if c ~= rcol then others[#others + 1] = c end end
  if #others == 0 then
    fail("read", "%s has only the region's employment (column '%s'): add the nation's as a column of the file "
      .. "(from the same source as the region's), or ask for the table's employment row (opts.national = 'table')",
      path, rcol)
  end
  if #others > 1 then
    fail("read", "%s has %d columns of numbers besides the region's '%s' (%s): name the nation's (opts.national = "
      .. "'COLUMN')", path, #others, rcol, table.concat(others, ", "))
  end
  return rcol, others[1]
end

function M.read(path, tbl, opts)
  opts = opts or {}
  local ok, t = pcall(csv.read_table, path, { sep = opts.sep, decimal = opts.decimal, na = true })
  if not ok then fail("read", "%s", tostring(t)) end
  local labels = t.columns[t.names[1]]
  local rcol, ncol = choose_columns(path, numeric_columns(path, t, opts.decimal), opts)
  if not ncol and not tbl.employment then
    fail("read", "the table %s has no employment row: the nation's employment must come from %s", tbl.source or "",
      path)
  end
  local index, dropped = sectors.index(tbl.labels), {}
  for _, s in ipairs(opts.drop or {}) do dropped[sectors.key(s)] = true end
  local reg, nat, seen = {}, {}, {}
  for k, s in ipairs(labels) do
    local i = index[sectors.key(s)]
    local where = { file = path, row = k + 1, sector = s }
    if dropped[sectors.key(s)] then
      -- a sector left out of the table has no place in the region either
    elseif not i then
      fail("read", "%s: matches no sector of the table %s", check.where(where), tbl.source or "")
    else
      if seen[i] then fail("read", "%s: the sector appears twice", check.where(where)) end
      seen[i] = true
      for _, col in ipairs { rcol, ncol } do
        local v = t.columns[col][k]
        where.column = col
        if v ~= v then fail("read", "%s: no number (an empty or NA cell)", check.where(where)) end
        if v < 0 then fail("read", "%s: negative employment %g", check.where(where), v) end
      end
      reg[i] = t.columns[rcol][k]
      if ncol then nat[i] = t.columns[ncol][k] end
    end
  end
  local absent, total = {}, 0
  for i, s in ipairs(tbl.labels) do
    if not seen[i] then
      absent[#absent + 1] = s
      reg[i] = 0
      if ncol then fail("read", "%s has no row for sector '%s' of the table (its national employment is needed)", path, s) end
    end
    total = total + reg[i]
  end
  if total == 0 then
    fail("read", "%s: the region's column '%s' is 0 for every sector of the table: no employment to regionalise with",
      path, rcol)
  end
  return {
    regional = matrix.col(reg, tbl.labels),
    national = ncol and matrix.col(nat, tbl.labels) or tbl.employment,
    region_column = rcol,
    national_source = ncol and string.format("column '%s' of %s", ncol, path)
      or string.format("the table's row '%s'", tbl.layout and tbl.layout.employment_row or "employment"),
    absent = absent, columns = t.names,
  }
end

-- the record in a line: where the regional and national numbers come from
function M.describe(emp, path)
  return string.format("%s (region: column '%s'; nation: %s)%s", path, emp.region_column, emp.national_source,
    #emp.absent > 0 and "\n  sectors with no row in the employment file (no regional employment): "
    .. table.concat(emp.absent, "; ") or "")
end

return M
