-- workbook.lua -- tables into one .xlsx workbook (Debian's libxlsxwriter,
-- through the xlsx module), one sheet per table, for users who work in
-- spreadsheets. Sheet names follow Excel's rules (at most 31 characters, none
-- of [ ] : * ? / \, unique ignoring case). Text cells that a spreadsheet would
-- read as a formula -- starting with = + - @, a tab or a carriage return --
-- are neutralised with a leading apostrophe (OWASP, "CSV Injection").
local xlsx = require "xlsx"
local check = require "check"
local report = require "report"

local M = {}

M._help = {
  _about = "tables into one .xlsx workbook, one sheet per table, formula-like text neutralised (OWASP)",
  write = "workbook.write(path, {{name=, header={...}, rows={{...}, ...}}, ...} [, {neutralise = true}]) -> path, "
    .. "names: sheet names made valid and unique; the file is written whole or not at all",
  sheet_name = "workbook.sheet_name(name, used) -> a valid sheet name not in used (a set of lower-case names)",
  neutralise = "workbook.neutralise(s) -> s, with a leading ' when it starts with = + - @ tab or CR and is not a number",
}

-- the same rule as the CSV files' (report.safe_cell): text that is a
-- number ("-1.5") stays as it is
M.neutralise = report.safe_cell

function M.sheet_name(name, used)
  local base = tostring(name):gsub("[%[%]:%*%?/\\]", " "):gsub("^'+", ""):gsub("'+$", "")
  if base == "" then base = "Sheet" end
  -- cut at a UTF-8 character boundary
  local function cut(s, n)
    if (utf8.len(s) or #s) <= n then return s end
    return s:sub(1, (utf8.offset(s, n + 1) or (n + 1)) - 1)
  end
  local candidate, k = cut(base, 31), 1
  while used[candidate:lower()] do
    k = k + 1
    local suffix = " (" .. k .. ")"
    candidate = cut(base, 31 - #suffix) .. suffix
  end
  used[candidate:lower()] = true
  return candidate
end

function M.write(path, tables, opts)
  opts = opts or {}
  local neutral = opts.neutralise ~= false
  if type(tables) ~= "table" or #tables == 0 then check.fail("workbook.write", "no tables for %s", tostring(path)) end
  local used, sheets, names = {}, {}, {}
  for k, t in ipairs(tables) do
    if type(t) ~= "table" or type(t.header) ~= "table" or type(t.rows) ~= "table" then
      check.fail("workbook.write", "table %d must be {name=, header=, rows=}", k)
    end
    local rows, widths = { {} }, {}
    for j, h in ipairs(t.header) do
      rows[1][j] = neutral and M.neutralise(h) or h
      widths[j] = math.min(60, math.max(8, (utf8.len(h) or #h) + 2))
    end
    for i, r in ipairs(t.rows) do
      local out = {}
      for j = 1, #t.header do
        local v = r[j]
        if type(v) == "string" then
          if neutral then v = M.neutralise(v) end
          widths[j] = math.min(60, math.max(widths[j], (utf8.len(v) or #v) + 2))
        end
        out[j] = v
      end
      rows[i + 1] = out
    end
    names[k] = M.sheet_name(t.name or ("Table " .. k), used)
    sheets[k] = { name = names[k], rows = rows, widths = widths }
  end
  local tmp = path .. ".tmp"
  -- a folder that cannot be written to is the user's error, said here
  -- (libxlsxwriter would print its own message on stderr)
  local probe, perr = io.open(tmp, "wb")
  if not probe then check.fail("workbook.write", "cannot write '%s': %s", path, tostring(perr)) end
  probe:close()
  local ok, err = pcall(xlsx.write, tmp, sheets)
  if not ok then
    os.remove(tmp)
    check.fail("workbook.write", "%s", (tostring(err):gsub("^xlsx%.write: ", "")))
  end
  local renamed, rerr = os.rename(tmp, path)
  if not renamed then
    os.remove(tmp)
    check.fail("workbook.write", "cannot write '%s': %s", path, tostring(rerr))
  end
  return path, names
end

return M
