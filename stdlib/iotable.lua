-- iotable.lua -- national symmetric input-output tables as statistics offices
-- publish them (Miller & Blair 2009, ch. 2, table 2.1 and 2.3; Eurostat Manual of
-- Supply, Use and Input-Output Tables 2008, ch. 11 and table 15.4): a square
-- labelled block of intermediate flows Z, final-demand columns f, value-added
-- and import rows below, gross output x as a row (and often as a column), and
-- employment. Reading, the accounting identities (row: sum_j z_ij + f_i = x_i;
-- column: sum_i z_ij + v_j + m_j = x_j), aggregation with a concordance and
-- dropping sectors, labels kept throughout.
local matrix = require "matrix"
local csv = require "csv"
local check = require "check"

local M = {}

M._help = {
  _about = "national symmetric input-output tables: reading (ABS, Eurostat layouts), accounting identities, aggregation (Miller & Blair 2009, ch. 2; Eurostat manual 2008)",
  read = "iotable.read(path [, opts]) -> {Z=, x=, f=, v=, imports=, employment=, labels=, source=, layout=}: "
    .. "opts {sectors = n or {labels}, final_demand = {labels}, value_added = {labels}, imports = {labels} or false, "
    .. "output_row =, output_col =, employment_row = label or false, drop = {labels}, label_column = k (codes before "
    .. "it skipped), sep =, decimal =, thousands =}; without them the layout of ABS (Australia), Eurostat (P1, D1, "
    .. "B1G ...) and Russian-labelled tables is recognised",
  check = "iotable.check(tbl [, {tolerance = 1e-4}]) -> {ok=, summary= (a line), gaps= (worst first: sector, identity, total, output, gap, relative), "
    .. "message=}: row totals (Z + f) and column totals (Z + v + imports) against output",
  aggregate = "iotable.aggregate(tbl, concordance) -> table with sectors summed into groups; concordance = CSV path "
    .. "(columns: sector, group) or {[sector] = group}",
  drop = "iotable.drop(tbl, sectors) -> table without the named sectors (rows and columns)",
  describe = "iotable.describe(tbl) -> text: which rows and columns of the file hold what",
}

-- labels recognised when opts do not name the rows and columns (lower case):
-- the ABS's, Eurostat's codes, and the Russian of the Kazakhstan statistics
-- agency's symmetric tables ("Выпуск", "Импорт", "Итого ...", "Занятые")
local OUTPUT_ROWS = { "australian production", "p1", "output", "total output", "gross output",
  "output at basic prices", "domestic output", "total production",
  "выпуск", "выпуск в основных ценах", "валовой выпуск", "выпуск продукции", "всего выпуск" }
local OUTPUT_COLS = { "total supply", "p1", "output", "total output", "gross output",
  "выпуск", "выпуск в основных ценах", "валовой выпуск", "всего выпуск" }
local EMPLOYMENT_ROWS = { "total employment", "emp", "employment", "employed persons", "persons employed",
  "занятые", "численность занятых", "занятость" }
-- subtotals that are neither final demand nor value added
local TOTAL_CODES = { t1 = true, t2 = true, t4 = true, p2 = true, tfu = true, cpa_total = true,
  b1g = true, ["b1g_total"] = true, ["валовая добавленная стоимость"] = true }
local IMPORT_CODES = { p7 = true }

local function trim(s) return (tostring(s):gsub("^%s+", ""):gsub("%s+$", "")) end

-- lower case for ASCII and Cyrillic (string.lower knows bytes only): А-Я and
-- Ё (U+0410-042F, U+0401) to а-я and ё
local function lower(s)
  if not s:find("[\xD0\xD1]") then return s:lower() end
  local out = {}
  for _, c in utf8.codes(s) do
    if c >= 0x41 and c <= 0x5A then c = c + 32
    elseif c >= 0x410 and c <= 0x42F then c = c + 32
    elseif c == 0x401 then c = 0x451 end
    out[#out + 1] = utf8.char(c)
  end
  return table.concat(out)
end

local function key(s) return lower(trim(s)) end

-- a label without a leading code such as "T2 " or "P1 " (ABS: "T2 Australian
-- production", "T1 Total intermediate use")
local function bare(k) return (k:gsub("^%a%d+%s+", "")) end

local function is_total(label)
  local k = bare(key(label))
  return k:match("^total") ~= nil or k:match("^final uses") ~= nil or k:find("^итого") ~= nil or k:find("^всего") ~= nil
    or TOTAL_CODES[k] == true
end

local function is_import(label)
  local k = key(label)
  return k:find("import", 1, true) ~= nil or k:find("импорт", 1, true) ~= nil or IMPORT_CODES[k] == true
end

-- employment rows ("Total Employment", "FTE Employment", EMP, EMP-WS,
-- "Численность занятых") are not value added ("Compensation of employees",
-- "Оплата труда" are)
local function is_employment(label)
  local k = key(label)
  return k:find("employment", 1, true) ~= nil or k:find("employed", 1, true) ~= nil
    or k == "emp" or k:match("^emp[%-_ ]") ~= nil or k:find("занят", 1, true) ~= nil
end

-- position of label in list (trimmed, case-sensitive first, then any case)
local function position(list, label, from)
  local t = trim(label)
  for i = from or 1, #list do if trim(list[i]) == t then return i end end
  local k = lower(t)
  for i = from or 1, #list do if key(list[i]) == k then return i end end
end

local function first_known(list, known, from)
  for i = from or 1, #list do
    local k = key(list[i])
    for _, name in ipairs(known) do if k == name or bare(k) == name then return i end end
  end
end

local fail = check.fail

-- the sector block: rows 1..n and columns 1..n, or those named by opts.sectors
-- labels that may head both a row and a column without being a sector
local function is_margin(label)
  local k = key(label)
  for _, name in ipairs(OUTPUT_ROWS) do if k == name then return true end end
  for _, name in ipairs(OUTPUT_COLS) do if k == name then return true end end
  return is_total(label) or is_import(label)
end

local function sector_block(path, rows, cols, sectors)
  if type(sectors) == "number" then
    local n = math.tointeger(sectors)
    if not n or n < 1 then fail("iotable.read", "opts.sectors must be a positive count or a list of labels") end
    if n > #rows or n > #cols then
      fail("iotable.read", "the intermediate block is not square: opts.sectors = %d but %s has %d rows and %d columns of numbers",
        n, path, #rows, #cols)
    end
    for i = 1, n do
      if trim(rows[i]) ~= trim(cols[i]) then
        fail("iotable.read", "row and column labels of the intermediate block differ in %s: row %d is '%s' but column %d is '%s'",
          path, i, rows[i], i, cols[i])
      end
    end
    local ri = {}
    for i = 1, n do ri[i] = i end
    return ri, ri
  elseif type(sectors) == "table" then
    local ri, ci = {}, {}
    for k, s in ipairs(sectors) do
      ri[k], ci[k] = position(rows, s), position(cols, s)
      if not ri[k] and not ci[k] then fail("iotable.read", "no row or column labelled '%s' in %s", s, path) end
      if not ri[k] or not ci[k] then
        fail("iotable.read", "the intermediate block is not square: sector '%s' has a %s but no %s in %s",
          s, ri[k] and "row" or "column", ri[k] and "column" or "row", path)
      end
    end
    if #ri == 0 then fail("iotable.read", "opts.sectors is an empty list") end
    return ri, ci
  elseif sectors ~= nil then
    fail("iotable.read", "opts.sectors must be a count or a list of labels, got %s", type(sectors))
  end
  -- default: the leading rows and columns whose labels agree position by position
  local n = 0
  while n < #rows and n < #cols and trim(rows[n + 1]) == trim(cols[n + 1]) do n = n + 1 end
  -- does the block go on after position n? (a later position where the labels
  -- agree again, or the next row or column label heading a column or row)
  local r, c = rows[n + 1], cols[n + 1]
  local r_is_col = r and not is_margin(r) and position(cols, r, n + 1)
  local c_is_row = c and not is_margin(c) and position(rows, c, n + 1)
  local later = false
  for k = n + 2, math.min(#rows, #cols) do
    if trim(rows[k]) == trim(cols[k]) and not is_margin(rows[k]) then later = true break end
  end
  if r and c and (r_is_col or c_is_row or later or n == 0) then
    if not r_is_col and c_is_row then
      fail("iotable.read", "the intermediate block is not square: row %d '%s' of %s has no column (column %d is '%s')",
        n + 1, r, path, n + 1, c)
    elseif r_is_col and not c_is_row then
      fail("iotable.read", "the intermediate block is not square: column %d '%s' of %s has no row (row %d is '%s')",
        n + 1, c, path, n + 1, r)
    end
    fail("iotable.read", "row and column labels of the intermediate block differ in %s: row %d is '%s' but column %d is '%s'"
      .. " (name the sectors with opts.sectors if the block is smaller)", path, n + 1, r, n + 1, c)
  end
  if n == 0 then fail("iotable.read", "%s has no intermediate block (no rows or columns)", path) end
  local ri = {}
  for i = 1, n do ri[i] = i end
  return ri, ri
end

-- indices of the named labels, each required
local function named(path, list, labels, what, option)
  local out = {}
  for k, s in ipairs(labels) do
    out[k] = position(list, s)
    if not out[k] then fail("iotable.read", "no %s labelled '%s' in %s (opts.%s)", what, s, path, option) end
  end
  return out
end

local function one(path, list, label, what, option)
  return named(path, list, { label }, what, option)[1]
end

local function label_list(list, idx)
  local out = {}
  for k, i in ipairs(idx) do out[k] = trim(list[i]) end
  return out
end

-- first element (i, j) of m that is not a finite number; the search is O(n)
-- in Lua over row sums, the sums themselves in C
local function nonfinite(m)
  local s = m:sum()
  if s == s and s ~= math.huge and s ~= -math.huge then return nil end
  local rs = m:rowsums():list()
  for i, v in ipairs(rs) do
    if v ~= v or v == math.huge or v == -math.huge then
      for j, w in ipairs(m:row(i):list()) do
        if w ~= w or w == math.huge or w == -math.huge then return i, j end
      end
    end
  end
end

local function check_cells(path, m, what)
  if m:rows() == 0 or m:cols() == 0 then return end
  local i, j = nonfinite(m)
  if i then
    fail("iotable.read", "%s of %s has no number at row '%s', column '%s' (an empty or NA cell)",
      what, path, m:rownames()[i], m:colnames()[j])
  end
end

local function check_flows(path, Z)
  if Z:min() >= 0 then return end
  local mins = Z:min("row"):list()
  for i, v in ipairs(mins) do
    if v < 0 then
      for j, w in ipairs(Z:row(i):list()) do
        if w < 0 then
          fail("iotable.read", "negative intermediate flow %s from sector '%s' (row) to sector '%s' (column) in %s:"
            .. " intermediate flows cannot be negative", string.format("%.6g", w), Z:rownames()[i], Z:colnames()[j], path)
        end
      end
    end
  end
end

local function check_output(path, x, where)
  for i, v in ipairs(x:list()) do
    if not (v > 0) then
      fail("iotable.read", "sector '%s' has %s output %s in %s (%s): every sector needs a positive output"
        .. " (drop it with opts.drop = {'%s'})", x:rownames()[i], v == 0 and "zero" or "negative",
        string.format("%.6g", v), path, where, x:rownames()[i])
    end
  end
end

local function contains(list, i)
  for _, k in ipairs(list) do if k == i then return true end end
  return false
end

function M.read(path, opts)
  opts = opts or {}
  if type(path) ~= "string" then fail("iotable.read", "path must be a file name, got %s", type(path)) end
  local copts = { sep = opts.sep, decimal = opts.decimal, thousands = opts.thousands, na = true,
    rownames = opts.label_column }
  local ok, m = pcall(csv.read, path, copts)
  -- a code column before the names ("01", "Agriculture", ...): when the second
  -- column is text, the names are there
  if not ok and opts.label_column == nil and tostring(m):find(': column 2 %(') then
    copts.rownames = 2
    local ok2, m2 = pcall(csv.read, path, copts)
    if ok2 then ok, m = true, m2 end
  end
  if not ok then fail("iotable.read", "%s", (tostring(m):gsub("^[^\n]-iotable%.lua:%d+: ", ""))) end
  local rows, cols = m:rownames(), m:colnames()
  if not rows or not cols then fail("iotable.read", "%s has no row or column labels", path) end
  local ri, ci = sector_block(path, rows, cols, opts.sectors)
  local last_row, last_col = math.max(table.unpack(ri)), math.max(table.unpack(ci))

  -- output: a row (column totals) and/or a column (row totals)
  local orow, ocol
  if opts.output_row then orow = one(path, rows, opts.output_row, "row", "output_row")
  elseif opts.output_row == nil then orow = first_known(rows, OUTPUT_ROWS, last_row + 1) end
  if opts.output_col then ocol = one(path, cols, opts.output_col, "column", "output_col")
  elseif opts.output_col == nil then ocol = first_known(cols, OUTPUT_COLS, last_col + 1) end
  if not orow and not ocol then
    fail("iotable.read", "no output row or column in %s (looked for rows labelled '%s' and columns labelled '%s');"
      .. " name one with opts.output_row or opts.output_col", path, table.concat(OUTPUT_ROWS, "', '"),
      table.concat(OUTPUT_COLS, "', '"))
  end

  -- final demand: the named columns, or every column after the block but totals and output
  local fd
  if opts.final_demand then fd = named(path, cols, opts.final_demand, "column", "final_demand")
  else
    fd = {}
    for j = last_col + 1, #cols do
      if j ~= ocol and not is_total(cols[j]) and not contains(ci, j) then fd[#fd + 1] = j end
    end
  end

  -- imports and value added: rows between the block and the output row
  local below_end = orow and orow - 1 or #rows
  local imp, va = {}, {}
  if opts.imports then imp = named(path, rows, opts.imports, "row", "imports")
  elseif opts.imports == nil then
    for i = last_row + 1, below_end do
      if is_import(rows[i]) and not contains(ri, i) then imp[#imp + 1] = i end
    end
  end
  if opts.value_added then va = named(path, rows, opts.value_added, "row", "value_added")
  else
    for i = last_row + 1, below_end do
      if not is_total(rows[i]) and not is_employment(rows[i]) and not contains(imp, i) and not contains(ri, i) then
        va[#va + 1] = i
      end
    end
  end

  local erow
  if opts.employment_row then erow = one(path, rows, opts.employment_row, "row", "employment_row")
  elseif opts.employment_row == nil then erow = first_known(rows, EMPLOYMENT_ROWS, last_row + 1) end

  local labels = label_list(rows, ri)
  local Z = m:select(ri, ci)
  Z:setnames(labels, labels)
  local f = m:select(ri, fd)
  f:setnames(labels, label_list(cols, fd))
  local v = m:select(va, ci)
  v:setnames(label_list(rows, va), labels)
  local x, x_col
  if orow then
    x = m:select({ orow }, ci):t()
    x:setnames(labels, { "output" })
  end
  if ocol then
    x_col = m:select(ri, { ocol })
    x_col:setnames(labels, { "output" })
  end
  local tbl = {
    Z = Z, f = f, v = v, x = x or x_col, labels = labels, source = path,
    layout = {
      sectors = #labels, final_demand = label_list(cols, fd), value_added = label_list(rows, va),
      imports = label_list(rows, imp), output_row = orow and trim(rows[orow]) or nil,
      output_col = ocol and trim(cols[ocol]) or nil, employment_row = erow and trim(rows[erow]) or nil,
    },
  }
  if x and x_col then tbl.x_col = x_col end
  if #imp > 0 then
    tbl.imports = m:select(imp, ci)
    tbl.imports:setnames(label_list(rows, imp), labels)
  end
  if erow then
    tbl.employment = m:select({ erow }, ci):t()
    tbl.employment:setnames(labels, { "employment" })
  end

  if opts.drop then tbl = M.drop(tbl, opts.drop) end
  check_cells(path, tbl.Z, "the intermediate block")
  check_cells(path, tbl.f, "final demand")
  check_cells(path, tbl.v, "value added")
  if tbl.imports then check_cells(path, tbl.imports, "imports") end
  check_cells(path, tbl.x, "output")
  if tbl.x_col then check_cells(path, tbl.x_col, "the output column") end
  if tbl.employment then check_cells(path, tbl.employment, "employment") end
  check_flows(path, tbl.Z)
  check_output(path, tbl.x, orow and "row '" .. tbl.layout.output_row .. "'" or "column '" .. tbl.layout.output_col .. "'")
  return tbl
end

function M.describe(tbl)
  local l = tbl.layout or {}
  local function list(t) return t and #t > 0 and table.concat(t, ", ") or "none" end
  return table.concat({
    string.format("%s: %d sectors", tbl.source or "table", #tbl.labels),
    "  output: " .. (l.output_row and "row '" .. l.output_row .. "'" or "")
      .. (l.output_row and l.output_col and " and " or "") .. (l.output_col and "column '" .. l.output_col .. "'" or ""),
    "  final demand: " .. list(l.final_demand),
    "  value added: " .. list(l.value_added),
    "  imports: " .. list(l.imports),
    "  employment: " .. (l.employment_row and "row '" .. l.employment_row .. "'" or "none"),
  }, "\n")
end

-- a vector as a Lua array (n x 1 or 1 x n)
local function list(v) return v:list() end

function M.check(tbl, opts)
  opts = opts or {}
  local tol = opts.tolerance or 1e-4
  local x = list(tbl.x)
  local rowtot = list(tbl.Z:rowsums() + tbl.f:rowsums())
  local coltot = tbl.Z:colsums() + tbl.v:colsums()
  if tbl.imports then coltot = coltot + tbl.imports:colsums() end
  coltot = list(coltot)
  local gaps = {}
  local function add(identity, totals, what)
    for i, s in ipairs(totals) do
      local gap = s - x[i]
      gaps[#gaps + 1] = { sector = tbl.labels[i], identity = identity, what = what, total = s, output = x[i],
        gap = gap, relative = math.abs(gap) / math.max(math.abs(x[i]), 1) }
    end
  end
  add("row", rowtot, "intermediate sales + final demand")
  add("column", coltot, "intermediate inputs + value added" .. (tbl.imports and " + imports" or ""))
  if tbl.x_col then add("output", list(tbl.x_col), "output column") end
  table.sort(gaps, function(a, b)
    if a.relative ~= b.relative then return a.relative > b.relative end
    return a.sector < b.sector
  end)
  local res = { ok = true, gaps = gaps, tolerance = tol }
  local worst = gaps[1]
  if worst and worst.relative > tol then
    res.ok = false
    local bad = 0
    for _, g in ipairs(gaps) do if g.relative > tol then bad = bad + 1 end end
    res.message = string.format("%s: %d accounting %s (tolerance %g relative); worst: sector '%s', %s %s = %.6g"
      .. " but output = %.6g (gap %.6g)", tbl.source or "table", bad, bad == 1 and "identity fails" or "identities fail",
      tol, worst.sector, worst.identity == "output"
      and "the" or worst.identity .. " total", worst.what, worst.total, worst.output, worst.gap)
  end
  res.summary = res.ok and (worst and string.format("accounting identities hold (largest gap: %s, %s, %.4f)",
    worst.sector, worst.identity, worst.gap) or "accounting identities hold") or "WARNING: " .. res.message
  return res
end

-- the 0/1 aggregation matrix S (groups x sectors) of a concordance
local function concordance_of(tbl, conc)
  local map = {}
  if type(conc) == "string" then
    local _, rows, lines = csv.read_rows(conc, { header = true })
    for k, r in ipairs(rows) do
      if #r < 2 then fail("iotable.aggregate", "%s line %d: a sector and its group expected", conc, lines[k]) end
      local s = trim(r[1])
      if map[s] and map[s] ~= trim(r[2]) then
        fail("iotable.aggregate", "%s line %d: sector '%s' is mapped to both '%s' and '%s'", conc, lines[k], s, map[s], trim(r[2]))
      end
      map[s] = trim(r[2])
    end
  elseif type(conc) == "table" then
    for s, g in pairs(conc) do map[trim(s)] = trim(g) end
  else
    fail("iotable.aggregate", "concordance must be a CSV file name or a table {[sector] = group}, got %s", type(conc))
  end
  local known = {}
  for _, s in ipairs(tbl.labels) do known[s] = true end
  for s in pairs(map) do
    if not known[s] then fail("iotable.aggregate", "the concordance names sector '%s', which the table does not have", s) end
  end
  local groups, index = {}, {}
  for _, s in ipairs(tbl.labels) do
    local g = map[s]
    if not g then fail("iotable.aggregate", "sector '%s' has no group in the concordance", s) end
    if not index[g] then groups[#groups + 1] = g; index[g] = #groups end
  end
  local S = matrix.new(#groups, #tbl.labels, 0)
  for j, s in ipairs(tbl.labels) do S:set(index[map[s]], j, 1) end
  S:setnames(groups, tbl.labels)
  return S, groups
end

local function relabel(m, rows, cols)
  m:setnames(rows or m:rownames(), cols or m:colnames())
  return m
end

function M.aggregate(tbl, conc)
  local S, groups = concordance_of(tbl, conc)
  local St = S:t()
  local out = { labels = groups, source = tbl.source, layout = tbl.layout, aggregated_from = tbl.labels }
  out.Z = relabel(S * tbl.Z * St, groups, groups)
  out.x = relabel(S * tbl.x, groups, tbl.x:colnames())
  out.f = relabel(S * tbl.f, groups, tbl.f:colnames())
  out.v = relabel(tbl.v * St, tbl.v:rownames(), groups)
  if tbl.x_col then out.x_col = relabel(S * tbl.x_col, groups, tbl.x_col:colnames()) end
  if tbl.imports then out.imports = relabel(tbl.imports * St, tbl.imports:rownames(), groups) end
  if tbl.employment then out.employment = relabel(S * tbl.employment, groups, tbl.employment:colnames()) end
  return out
end

function M.drop(tbl, sectors)
  if type(sectors) == "string" then sectors = { sectors } end
  if type(sectors) ~= "table" then fail("iotable.drop", "sectors must be a list of labels, got %s", type(sectors)) end
  local idx, gone = {}, {}
  for k, s in ipairs(sectors) do
    idx[k] = position(tbl.labels, s)
    if not idx[k] then fail("iotable.drop", "no sector labelled '%s' in %s", s, tbl.source or "the table") end
    gone[idx[k]] = true
  end
  local keep = {}
  for i, s in ipairs(tbl.labels) do if not gone[i] then keep[#keep + 1] = s end end
  if #keep == 0 then fail("iotable.drop", "dropping every sector leaves no table") end
  local out = {}
  for k, v in pairs(tbl) do out[k] = v end
  out.labels = keep
  out.Z = tbl.Z:drop(idx, idx)
  out.x = tbl.x:drop(idx, nil)
  out.f = tbl.f:drop(idx, nil)
  out.v = tbl.v:drop(nil, idx)
  if tbl.x_col then out.x_col = tbl.x_col:drop(idx, nil) end
  if tbl.imports then out.imports = tbl.imports:drop(nil, idx) end
  if tbl.employment then out.employment = tbl.employment:drop(idx, nil) end
  return out
end

return M
