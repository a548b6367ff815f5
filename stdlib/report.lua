-- report.lua -- results as people read them: aligned text tables of labelled
-- columns and CSV files of records, numbers written the same in every locale
-- (a point as the decimal mark unless a file asks for a comma), a missing value
-- as "--" in a table and an empty cell in a file, never "nan".
local matrix = require "matrix"
local check = require "check"
local fileout = require "fileout"

local M = {}

M._help = {
  _about = "aligned text tables and CSV files of results, locale-independent, missing values as --",
  number = "report.number(v [, digits]) -> v with `digits` decimals (default 3), '.' as the point; '--' for nil or NaN",
  records = "report.records(order, columns) -> array of records from parallel columns: order = {'sector', 'backward'}, "
    .. "columns = {sector = labels, backward = vector}; vectors may be Lua arrays or n x 1 / 1 x n matrices",
  table = "report.table(records, columns [, {title=, digits=, max_text=}]) -> text: columns = {'sector', "
    .. "{key = 'backward', title = 'Backward', digits = 2}}; text left-aligned, numbers right-aligned",
  print = "report.print(records, columns [, opts]) -- prints report.table(...) followed by a blank line; opts.csv = "
    .. "path also writes the records there (report.write_csv)",
  write_csv = "report.write_csv(path, records, columns [, {sep = ',', decimal = '.', digits =, formulas = false}]) -- a "
    .. "header of column titles, one line per record; numbers exact (the fewest digits that read back the same) unless "
    .. "digits (significant) is given; missing values as empty cells; text cells through report.safe_cell unless "
    .. "formulas = true; errors naming the file; written whole or not at all",
  safe_cell = "report.safe_cell(s) -> s, or \"'\" .. s when s is text a spreadsheet would run as a formula "
    .. "(starts with = + - @ tab or CR and is not a number: OWASP's CSV-injection rule)",
  write_file = "report.write_file(path, text) -- text into path through a temporary file and a rename, every write "
    .. "checked (fileout.write)",
  paragraph = "report.paragraph(text [, columns=100]) -- prints text broken at spaces into lines, then a blank line",
  note = "report.note(label, items) -- prints 'label: a; b; c' and a blank line when the list items is not empty",
  heading = "report.heading(text) -- prints text underlined with '=' and a blank line",
  mkdir = "report.mkdir(dir) -> dir, made with its parents when missing; an error naming it when it cannot be; "
    .. "an empty name and the root folder are refused",
  markdown = "report.markdown(records, columns [, {title=, digits=}]) -> a Markdown pipe table (numbers"
    .. " right-aligned, '|' in text escaped, missing values as --), the title as a bold line above",
  contents = "report.contents(dir, {{file=, title=, kind='table'|'figure'|'note'}, ...}) -- writes dir/contents.csv, "
    .. "the titles of what a chapter wrote, in order, for the study report (stdlib/studyreport.lua)",
}

-- OWASP, "CSV Injection": a cell starting with = + - @ tab or carriage return
-- is a formula to Excel and LibreOffice; a leading single quote makes it text.
-- Numbers (also written as text, "-1.5") are left as they are.
function M.safe_cell(s)
  if type(s) == "string" and s:find("^[=+%-@\t\r]") and not tonumber(s) then
    return "'" .. s
  end
  return s
end

local function missing(v) return v == nil or (type(v) == "number" and v ~= v) end

-- the decimal mark the C library uses now (a locale may have made it ',')
local function locale_point()
  return string.format("%.1f", 0.5):sub(2, -2)
end

-- string.format of a number with '.' as the decimal mark whatever the locale
local function format_c(fmt, v)
  local s, p = string.format(fmt, v), locale_point()
  if p ~= "." then s = s:gsub((p:gsub("%p", "%%%0")), ".") end
  return s
end

function M.number(v, digits)
  if missing(v) then return "--" end
  if type(v) ~= "number" then return tostring(v) end
  if v == math.huge then return "Inf" elseif v == -math.huge then return "-Inf" end
  if math.type(v) == "integer" then return tostring(v) end
  local s = format_c("%." .. (digits or 3) .. "f", v)
  if s:match("^%-0%.?0*$") then s = s:sub(2) end   -- no "-0.000"
  return s
end

-- display width of a UTF-8 string (bytes when it is not valid UTF-8)
local function width(s) return utf8.len(s) or #s end

-- the first n characters of s, ending in "..." when cut
local function cut(s, n)
  if not n or width(s) <= n then return s end
  if not utf8.len(s) then return s:sub(1, n - 3) .. "..." end
  return s:sub(1, utf8.offset(s, n - 2) - 1) .. "..."
end

local function as_list(v, what)
  if matrix.ismatrix(v) then
    if v:rows() ~= 1 and v:cols() ~= 1 then
      check.fail("report.records", "column '%s' must be a vector, got a %d x %d matrix", what, v:rows(), v:cols())
    end
    return v:list()
  end
  if type(v) ~= "table" then
    check.fail("report.records", "column '%s' must be a Lua array or a vector, got %s", what, type(v))
  end
  return v
end

function M.records(order, columns)
  local lists, n = {}, nil
  for _, key in ipairs(order) do
    local v = columns[key]
    if v == nil then check.fail("report.records", "no column '%s'", key) end
    lists[key] = as_list(v, key)
    -- an array with missing values at the end still has the length of the first column
    n = n or #lists[key]
  end
  local out = {}
  for i = 1, n or 0 do
    local r = {}
    for _, key in ipairs(order) do r[key] = lists[key][i] end
    out[i] = r
  end
  return out
end

-- column specs as {key=, title=, digits=}
local function specs(columns)
  local out = {}
  for k, c in ipairs(columns) do
    if type(c) == "string" then c = { key = c } end
    if type(c) ~= "table" or c.key == nil then
      check.fail("report", "column %d must be a key or {key = ..., title = ...}", k)
    end
    out[k] = { key = c.key, title = c.title or tostring(c.key), digits = c.digits }
  end
  return out
end

function M.table(records, columns, opts)
  opts = opts or {}
  local cols = specs(columns)
  local cells, widths, numeric = {}, {}, {}
  for k, c in ipairs(cols) do
    widths[k] = width(c.title)
    numeric[k] = true
    for _, r in ipairs(records) do
      local v = r[c.key]
      if not missing(v) and type(v) ~= "number" then numeric[k] = false end
    end
  end
  for i, r in ipairs(records) do
    cells[i] = {}
    for k, c in ipairs(cols) do
      local v = r[c.key]
      local s = numeric[k] and M.number(v, c.digits or opts.digits)
        or (missing(v) and "--" or cut(tostring(v), opts.max_text))
      cells[i][k] = s
      widths[k] = math.max(widths[k], width(s))
    end
  end
  local function line(values)
    local parts = {}
    for k, s in ipairs(values) do
      local pad = string.rep(" ", widths[k] - width(s))
      parts[k] = numeric[k] and pad .. s or s .. pad
    end
    return (table.concat(parts, "  "):gsub("%s+$", ""))
  end
  local out = {}
  if opts.title then out[#out + 1] = opts.title end
  local titles = {}
  for k, c in ipairs(cols) do titles[k] = c.title end
  out[#out + 1] = line(titles)
  local rule = {}
  for k = 1, #cols do rule[k] = string.rep("-", widths[k]) end
  out[#out + 1] = table.concat(rule, "  ")
  if #records == 0 then out[#out + 1] = "(none)" end
  for i = 1, #records do out[#out + 1] = line(cells[i]) end
  return table.concat(out, "\n")
end

function M.print(records, columns, opts)
  print(M.table(records, columns, opts))
  print()
  if opts and opts.csv then M.write_csv(opts.csv, records, columns) end
end

function M.markdown(records, columns, opts)
  opts = opts or {}
  local cols = specs(columns)
  local numeric = {}
  for k, c in ipairs(cols) do
    numeric[k] = true
    for _, r in ipairs(records) do
      local v = r[c.key]
      if not missing(v) and type(v) ~= "number" then numeric[k] = false end
    end
  end
  local function esc(s) return (tostring(s):gsub("|", "\\|")) end
  local out, titles, rule = {}, {}, {}
  if opts.title then out[#out + 1] = "**" .. esc(opts.title) .. "**\n" end
  for k, c in ipairs(cols) do
    titles[k] = esc(c.title)
    rule[k] = numeric[k] and "---:" or "---"
  end
  out[#out + 1] = "| " .. table.concat(titles, " | ") .. " |"
  out[#out + 1] = "| " .. table.concat(rule, " | ") .. " |"
  for _, r in ipairs(records) do
    local cells = {}
    for k, c in ipairs(cols) do
      local v = r[c.key]
      cells[k] = numeric[k] and M.number(v, c.digits or opts.digits) or (missing(v) and "--" or esc(v))
    end
    out[#out + 1] = "| " .. table.concat(cells, " | ") .. " |"
  end
  return table.concat(out, "\n")
end

-- one CSV field: quoted when it holds the separator, a quote or a line break
local function field(s, sep)
  if s:find('[\n\r"]') or s:find(sep, 1, true) then
    return '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

-- v with `digits` significant digits, or else the fewest (up to 17) that read back as v
local function exact(v, digits)
  if digits then return format_c("%." .. digits .. "g", v) end
  for d = 15, 17 do
    local s = format_c("%." .. d .. "g", v)
    if tonumber(s) == v or d == 17 then return s end
  end
end

function M.write_csv(path, records, columns, opts)
  opts = opts or {}
  local sep, decimal = opts.sep or ",", opts.decimal or "."
  if sep == decimal then
    check.fail("report.write_csv", "separator and decimal mark are both '%s' (%s)", sep, path)
  end
  local cols = specs(columns)
  local lines, titles = {}, {}
  for k, c in ipairs(cols) do titles[k] = field(opts.formulas and c.title or M.safe_cell(c.title), sep) end
  lines[1] = table.concat(titles, sep)
  for i, r in ipairs(records) do
    local parts = {}
    for k, c in ipairs(cols) do
      local v, s = r[c.key], nil
      if missing(v) then s = ""
      elseif math.type(v) == "integer" then s = tostring(v)
      elseif type(v) == "number" then
        s = exact(v, opts.digits)
        if decimal ~= "." then s = s:gsub("%.", decimal) end
      else s = tostring(v); if not opts.formulas then s = M.safe_cell(s) end end
      parts[k] = field(s, sep)
    end
    lines[i + 1] = table.concat(parts, sep)
  end
  M.write_file(path, table.concat(lines, "\n") .. "\n", "report.write_csv")
  return path
end

-- text into path whole or not at all: fileout.write (core/fileout.c) puts it
-- in a temporary file beside path, checks every write, flush, sync and close,
-- then renames it over path
function M.write_file(path, text, fname)
  fname = fname or "report.write_file"
  local ok, err = pcall(fileout.write, path, text)
  if not ok then
    local why = tostring(err):gsub("^cannot write " .. tostring(path):gsub("%p", "%%%0") .. ": ", "")
    check.fail(fname, "cannot write '%s': %s", tostring(path), why)
  end
end

-- text broken at spaces into lines of at most `columns` characters, printed,
-- then a blank line
function M.paragraph(text, columns)
  columns = columns or 100
  local line = ""
  for word in text:gmatch("%S+") do
    if line ~= "" and width(line) + 1 + width(word) > columns then print(line); line = word
    else line = line == "" and word or line .. " " .. word end
  end
  if line ~= "" then print(line) end
  print()
end

-- "label: a; b; c" and a blank line, when there are items
function M.note(label, items)
  if items and #items > 0 then
    print(label .. ": " .. table.concat(items, "; "))
    print()
  end
end

-- a heading underlined to its width, then a blank line
function M.heading(s)
  print(s)
  print(string.rep("=", width(s)))
  print()
end

-- the folder dir, made with its parents when missing
function M.mkdir(dir)
  local ok, err = pcall(fileout.mkdir, dir)
  if not ok then check.fail("report.mkdir", "%s", err) end
  return dir
end

-- the list of a chapter's outputs with their titles, which the study report
-- (stdlib/studyreport.lua) reads; files not listed appear under their names
function M.contents(dir, entries)
  for k, e in ipairs(entries) do
    if type(e) ~= "table" or type(e.file) ~= "string" then
      error(string.format("report.contents: entry %d must be {file=, title=, kind=}", k), 2)
    end
  end
  return M.write_csv(dir .. "/contents.csv", entries, { "file", "title", "kind" })
end

return M
