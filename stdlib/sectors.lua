-- sectors.lua -- sector names across classifications: matching a table's
-- labels to names given elsewhere (an employment file, a user's list, the
-- study's published tables), the concordance of the Kazakhstan statistics
-- agency's 2009 sectors (OKED 2007 = NACE Rev. 1.1 divisions, Russian names)
-- with the study's English names, and the study's local-serving and primary
-- sectors (Samambayeva 2013, section on key sectors, tables 5-10) as data.
local csv = require "csv"
local check = require "check"

local M = {}

M._help = {
  _about = "sector names: matching labels, the Kazakhstan 2009 concordance, the study's local-serving list",
  key = "sectors.key(name) -> name compared ignoring ASCII case, spaces and punctuation (UTF-8 letters kept)",
  index = "sectors.index(labels) -> {[key] = position}",
  find = "sectors.find(labels, names, what) -> the labels named by names (a list), in the order given; an "
    .. "unknown name is an error naming `what` and the name",
  read_concordance = "sectors.read_concordance(path) -> {rows = {{code=, russian=, nace=, study={names}}}, path=}: "
    .. "the agency's sector codes and Russian names against NACE Rev. 1.1 and the study's English names",
  translate = "sectors.translate(labels, concordance) -> {names = {[label] = {study names}}, nace = {[label] = code}, "
    .. "unmatched = {labels}}: the study's names of each label of a table",
  local_serving = "sectors.local_serving(labels [, {concordance=, file=, names=}]) -> {sectors = {labels}, by = {[label] "
    .. "= 'primary'|'local-serving'}, source=}: the study's local-serving and primary sectors among labels, by name, "
    .. "NACE code or ANZSIC division (stdlib/data/local_serving_sectors.csv); names = a list of labels or 'none' "
    .. "overrides the study's list",
  data_file = "sectors.data_file(name) -> the path of a bundled data file (stdlib/data/name)",
}

local fail = check.failer("sectors")

function M.key(name) return (tostring(name):lower():gsub("[%s%p%c]+", "")) end

function M.index(labels)
  local idx = {}
  for i, s in ipairs(labels) do idx[M.key(s)] = i end
  return idx
end

function M.find(labels, names, what)
  local idx, out = M.index(labels), {}
  for _, s in ipairs(names) do
    local i = idx[M.key(s)]
    if not i then fail("find", "%s: no sector '%s' in the table", what or "names", s) end
    out[#out + 1] = labels[i]
  end
  return out
end

-- the folder of the bundled data files (stdlib/data)
local function data_dir()
  if package.clusterlab_stdlib then return package.clusterlab_stdlib .. "/data" end
  local here = package.searchpath("sectors", package.path)
  return here and here:gsub("sectors%.lua$", "data") or "stdlib/data"
end

M.LOCAL_SERVING_FILE = "local_serving_sectors.csv"
M.CONCORDANCE_FILE = "kz_2009_sector_concordance.csv"

-- the path of a bundled data file
function M.data_file(name) return data_dir() .. "/" .. name end

-- a text CSV as records of strings, every named column required
local function read_text(fname, path, columns)
  local ok, header, rows, lines = pcall(csv.read_rows, path)
  if not ok then fail(fname, "%s", (tostring(header):gsub("^[^\n]-%.lua:%d+: ", ""))) end
  local at = {}
  for k, name in ipairs(header) do at[name] = k end
  for _, c in ipairs(columns) do
    if not at[c] then fail(fname, "%s has no column '%s' (it needs %s)", path, c, table.concat(columns, ", ")) end
  end
  local out = {}
  for k, row in ipairs(rows) do
    local r = { line = lines[k] }
    for _, c in ipairs(columns) do r[c] = row[at[c]] or "" end
    out[k] = r
  end
  return out
end

-- "a|b" -> {"a", "b"}, trimmed, empty parts dropped
local function split(s)
  local out = {}
  for part in (s or ""):gmatch("[^|]+") do
    part = part:gsub("^%s+", ""):gsub("%s+$", "")
    if part ~= "" then out[#out + 1] = part end
  end
  return out
end

function M.read_concordance(path)
  local rows = read_text("read_concordance", path, { "code", "russian", "nace", "study" })
  for _, r in ipairs(rows) do
    if r.russian == "" then fail("read_concordance", "%s", check.where { file = path, row = r.line, column = "russian" }
      .. ": the agency's sector name is empty") end
    r.study = split(r.study)
  end
  return { rows = rows, path = path }
end

function M.translate(labels, concordance)
  local by_russian = {}
  for _, r in ipairs(concordance.rows) do by_russian[M.key(r.russian)] = r end
  local out = { names = {}, nace = {}, unmatched = {} }
  for _, l in ipairs(labels) do
    local r = by_russian[M.key(l)]
    if r then out.names[l], out.nace[l] = r.study, r.nace
    else out.unmatched[#out.unmatched + 1] = l end
  end
  return out
end

-- NACE codes "40-41" or "50|51" as a set of two-digit codes
local function codes(spec)
  local set = {}
  for _, part in ipairs(split(spec)) do
    local a, b = part:match("^(%d+)%-(%d+)$")
    if a then for c = tonumber(a), tonumber(b) do set[string.format("%02d", c)] = true end
    else set[part] = true end
  end
  return set
end

-- The study's list: a table label is local-serving or primary when it is
-- one of the list's names (the study's, NACE Rev. 1.1's or ANZSIC 2006's),
-- or, with a concordance, when its NACE division is one of the list's.
function M.local_serving(labels, opts)
  opts = opts or {}
  if opts.names == "none" then return { sectors = {}, by = {}, source = "none" } end
  if opts.names then
    local out = { sectors = M.find(labels, opts.names, opts.what or "local_serving"), by = {}, source = opts.what or "names" }
    for _, l in ipairs(out.sectors) do out.by[l] = "local-serving" end
    return out
  end
  local path = opts.file or M.data_file(M.LOCAL_SERVING_FILE)
  local rows = read_text("local_serving", path, { "kind", "classification", "code", "name" })
  local by_name, by_code = {}, {}
  for _, r in ipairs(rows) do
    if r.kind ~= "primary" and r.kind ~= "local-serving" then
      fail("local_serving", "%s: kind must be 'primary' or 'local-serving', got '%s'",
        check.where { file = path, row = r.line, column = "kind" }, r.kind)
    end
    by_name[M.key(r.name)] = r.kind
    if r.classification == "NACE Rev. 1.1" then
      for c in pairs(codes(r.code)) do by_code[c] = r.kind end
    end
  end
  local translated = opts.concordance and M.translate(labels, opts.concordance)
  local out = { sectors = {}, by = {}, source = "the study's list (" .. path .. ")" }
  for _, l in ipairs(labels) do
    local kind = by_name[M.key(l)]
    if not kind and translated and translated.nace[l] then
      for c in pairs(codes(translated.nace[l])) do kind = kind or by_code[c] end
    end
    if kind then out.sectors[#out.sectors + 1] = l; out.by[l] = kind end
  end
  if #out.sectors == 0 then
    out.source = out.source .. "; no sector of the table is in it" .. (translated and ""
      or " (a table named otherwise, e.g. in Russian, needs a concordance)")
  end
  return out
end

return M
