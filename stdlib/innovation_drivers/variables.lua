-- innovation_drivers/variables.lua -- the study variables of chapter 3
-- (Samambayeva 2013, Table 19) built from the questions of the World Bank
-- Enterprise Survey (Kazakhstan 2009, core questionnaire) through an editable
-- mapping file: each study variable, the question codes it comes from, the
-- transformation, and a note on what to verify against the questionnaire
-- (stdlib/data/es2009_innovation_mapping.csv).
local csv = require "csv"
local frame = require "frame"

local M = {}

M._help = {
  _about = "chapter 3's study variables from Enterprise Survey questions, through a mapping file",
  default_mapping = "variables.default_mapping -- the path of the bundled mapping file",
  read_mapping = "variables.read_mapping([path]) -> array of {variable=, published=, label=, questions= {codes},"
    .. " transformation=, parameter=, note=}",
  build = "variables.build(survey, mapping [, {survey_name=}]) -> frame of the study variables (one row per"
    .. " firm, labelled); a question missing from the survey, or an answer the transformation cannot take,"
    .. " is an error naming the column, the row and the firm",
  transformations = "variables.transformations -- the transformations by name: yes_no, percent, number,"
    .. " any_positive, at_least, code_range, value_label, sector_share_others",
}

local NaN = 0 / 0

local function fail(fmt, ...) error(string.format(fmt, ...), 0) end

local function data_dir()
  if package.clusterlab_stdlib then return package.clusterlab_stdlib .. "/data" end
  local here = package.searchpath("innovation_drivers.variables", package.path)
  return here and here:gsub("innovation_drivers/variables%.lua$", "data") or "stdlib/data"
end

M.default_mapping = data_dir() .. "/es2009_innovation_mapping.csv"

-- ---------------------------------------------------------------------------
-- transformations: each takes the context {f=, spec=, q= (question codes),
-- row= (describes row i), where=} and returns the column's values
-- ---------------------------------------------------------------------------

local T = {}
M.transformations = T

-- the answer of row i cannot be used
local function bad_answer(ctx, code, i, value, expected)
  fail("%s: column '%s' %s holds %.15g, %s (study variable '%s', transformation %s)%s", ctx.where, code,
    ctx.row(i), value, expected, ctx.spec.variable, ctx.spec.transformation,
    value < 0 and "; negative survey codes are missing only with the missing codes on" or "")
end

local function one_question(ctx)
  if #ctx.q ~= 1 then
    fail("%s: study variable '%s': transformation %s takes one question, got %d", ctx.mapping,
      ctx.spec.variable, ctx.spec.transformation, #ctx.q)
  end
  return ctx.f:list(ctx.q[1])
end

-- Yes = 1, No = 2 (the questionnaire's coding) -> 1, 0
function T.yes_no(ctx)
  local v, out = one_question(ctx), {}
  for i = 1, #v do
    local x = v[i]
    if x ~= x then out[i] = NaN
    elseif x == 1 then out[i] = 1
    elseif x == 2 then out[i] = 0
    else bad_answer(ctx, ctx.q[1], i, x, "not 1 (yes) or 2 (no)") end
  end
  return out
end

-- a percentage, 0 to 100
function T.percent(ctx)
  local v, out = one_question(ctx), {}
  for i = 1, #v do
    local x = v[i]
    if x == x and (x < 0 or x > 100) then bad_answer(ctx, ctx.q[1], i, x, "not a percentage (0 to 100)") end
    out[i] = x
  end
  return out
end

-- a count or amount, 0 or more
function T.number(ctx)
  local v, out = one_question(ctx), {}
  for i = 1, #v do
    local x = v[i]
    if x == x and x < 0 then bad_answer(ctx, ctx.q[1], i, x, "below 0") end
    out[i] = x
  end
  return out
end

-- 1 if any of the questions is above 0 (missing if any is missing)
function T.any_positive(ctx)
  local lists, out = {}, {}
  for k, code in ipairs(ctx.q) do lists[k] = ctx.f:list(code) end
  for i = 1, ctx.f:nrow() do
    local y = 0
    for k, l in ipairs(lists) do
      local x = l[i]
      if x ~= x then y = NaN break end
      if x < 0 then bad_answer(ctx, ctx.q[k], i, x, "below 0") end
      if x > 0 then y = 1 end
    end
    out[i] = y
  end
  return out
end

local function parameter_number(ctx)
  local t = tonumber(ctx.spec.parameter)
  if not t then
    fail("%s: study variable '%s': transformation %s needs a number as parameter, got '%s'", ctx.mapping,
      ctx.spec.variable, ctx.spec.transformation, ctx.spec.parameter)
  end
  return t
end

-- 1 if the answer is at least the parameter
function T.at_least(ctx)
  local v, t, out = one_question(ctx), parameter_number(ctx), {}
  for i = 1, #v do
    local x = v[i]
    out[i] = x ~= x and NaN or (x >= t and 1 or 0)
  end
  return out
end

-- 1 if the code lies in the range "lo-hi" of the parameter
function T.code_range(ctx)
  local lo, hi = tostring(ctx.spec.parameter):match("^%s*(%d+)%s*%-%s*(%d+)%s*$")
  if not lo then
    fail("%s: study variable '%s': code_range needs a parameter like 15-37, got '%s'", ctx.mapping,
      ctx.spec.variable, tostring(ctx.spec.parameter))
  end
  lo, hi = tonumber(lo), tonumber(hi)
  local v, out = one_question(ctx), {}
  for i = 1, #v do
    local x = v[i]
    out[i] = x ~= x and NaN or ((x >= lo and x <= hi) and 1 or 0)
  end
  return out
end

-- the text of the answer: its value label (a number without one as such),
-- or the text of a text column
function T.value_label(ctx)
  local code = ctx.q[1]
  local v = one_question(ctx)
  if ctx.f:is_text(code) then return v end
  local labels, out = ctx.f:labels(code) or {}, {}
  for i = 1, #v do
    local x = v[i]
    if x ~= x then out[i] = ""
    else
      local key = math.tointeger(x) or x
      out[i] = labels[key] or tostring(key)
    end
  end
  return out
end

-- the percentage of the other firms of the same group (second question)
-- answering yes (= 1) to the first, the firm itself left out
function T.sector_share_others(ctx)
  if #ctx.q ~= 2 then
    fail("%s: study variable '%s': sector_share_others takes two questions (the item, the sector), got %d",
      ctx.mapping, ctx.spec.variable, #ctx.q)
  end
  local yes = T.yes_no({f = ctx.f, q = {ctx.q[1]}, spec = ctx.spec, row = ctx.row, where = ctx.where})
  local group = ctx.f:list(ctx.q[2])
  local answered, ones = {}, {}
  for i = 1, #yes do
    local g = group[i]
    if g == g and yes[i] == yes[i] then
      answered[g] = (answered[g] or 0) + 1
      ones[g] = (ones[g] or 0) + yes[i]
    end
  end
  local out = {}
  for i = 1, #yes do
    local g = group[i]
    if g ~= g then out[i] = NaN
    else
      local own = yes[i] == yes[i]
      local n = (answered[g] or 0) - (own and 1 or 0)
      local k = (ones[g] or 0) - (own and yes[i] or 0)
      out[i] = n > 0 and 100 * k / n or NaN
    end
  end
  return out
end

-- ---------------------------------------------------------------------------
-- the mapping file
-- ---------------------------------------------------------------------------

local FIELDS = {"variable", "published", "label", "questions", "transformation", "parameter", "note"}

function M.read_mapping(path)
  path = path or M.default_mapping
  local ok, header, rows, lines = pcall(csv.read_rows, path)
  if not ok then fail("mapping file: %s", tostring(header)) end
  for k, name in ipairs(FIELDS) do
    if header[k] ~= name then
      fail("%s: column %d must be '%s' (the columns: %s)", path, k, name, table.concat(FIELDS, ","))
    end
  end
  local out, seen = {}, {}
  for r, row in ipairs(rows) do
    local spec = {}
    for k, name in ipairs(FIELDS) do spec[name] = row[k] or "" end
    local line = lines and lines[r] or (r + 1)
    if spec.variable == "" then fail("%s line %d: no study variable name", path, line) end
    if seen[spec.variable] then fail("%s line %d: study variable '%s' twice", path, line, spec.variable) end
    seen[spec.variable] = true
    if not T[spec.transformation] then
      local names = {}
      for name in pairs(T) do names[#names + 1] = name end
      table.sort(names)
      fail("%s line %d: unknown transformation '%s' for '%s' (known: %s)", path, line, spec.transformation,
        spec.variable, table.concat(names, ", "))
    end
    local codes = spec.questions
    spec.questions = {}
    for code in codes:gmatch("%S+") do spec.questions[#spec.questions + 1] = code end
    if #spec.questions == 0 then fail("%s line %d: no question codes for '%s'", path, line, spec.variable) end
    spec.line = line
    out[#out + 1] = spec
  end
  out.path = path
  return out
end

-- ---------------------------------------------------------------------------
-- building the variables
-- ---------------------------------------------------------------------------

function M.build(f, mapping, opts)
  opts = opts or {}
  local where = opts.survey_name or "survey"
  -- every missing question at once: a user renames them in one go
  local missing = {}
  for _, spec in ipairs(mapping) do
    for _, code in ipairs(spec.questions) do
      if not f:has(code) then
        missing[#missing + 1] = string.format("'%s' (for %s: %s)", code, spec.variable, spec.label)
      end
    end
  end
  if #missing > 0 then
    fail("%s: missing columns %s; name the survey's columns as the mapping file %s does, or edit it",
      where, table.concat(missing, ", "), mapping.path or "")
  end
  local ids = f:has("idstd") and f:list("idstd")
  local function row(i)
    local id = ids and ids[i]
    return id and id == id and string.format("row %d (idstd %s)", i, tostring(math.tointeger(id) or id))
      or string.format("row %d", i)
  end
  local names, columns, labels = {}, {}, {}
  for _, spec in ipairs(mapping) do
    local ctx = {f = f, spec = spec, q = spec.questions, row = row, where = where, mapping = mapping.path}
    names[#names + 1] = spec.variable
    columns[spec.variable] = T[spec.transformation](ctx)
    labels[spec.variable] = spec.label
  end
  return frame.new{names = names, columns = columns, labels = labels, source = opts.survey_name}
end

return M
