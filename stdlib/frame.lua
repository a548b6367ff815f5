-- frame.lua -- data frames for survey data: named columns of numbers (n x 1
-- matrices, missing = NaN) or text (Lua arrays of strings), read from CSV or
-- from Stata .dta files with their variable and value labels, as the World
-- Bank ships its Enterprise Surveys; selection, filtering, recoding, dummies,
-- derived columns, sorting, summaries, and design matrices with listwise
-- deletion that says which variable dropped how many rows (as R's
-- model.frame with na.omit, and Stata's estimation sample).
local matrix = require "matrix"
local csv = require "csv"
local dta = require "dta"
local report = require "report"

local M = {}

M._help = {
  _about = "data frames of survey data: .csv and Stata .dta (value labels, missing codes), select,"
    .. " filter, recode, dummies, derived columns, sort, summary, design matrices",
  read = "frame.read(path [, opts]) -> frame: .dta (Stata; . and .a-.z are missing) or .csv (csv.read_table"
    .. " options; empty cells and NA missing) by extension; opts.missing = {-9, -8, -7} turns those codes"
    .. " (the Enterprise Surveys' don't know, refused, does not apply) into missing in every numeric column",
  new = "frame.new{names=, columns= {name = matrix | array of numbers | array of strings}, labels=,"
    .. " value_labels=, source=} -> frame",
  design = "frame.design(f, y, {x1, x2, ...} [, {intercept=true}]) -> y (n x 1), X (columns named by"
    .. " variable, the intercept \"(Intercept)\" first), dropped (rows dropped), info {kept= (row numbers),"
    .. " missing = {{name=, rows=}} (rows missing on each variable), text= (why)}: listwise deletion",
  methods = "f:names() f:nrow() f:ncol() f:has(name) f:column(name) f:labels(name) f:label(name)"
    .. " f:select{names} f:filter(fn(row) | mask) f:rows{i...} f:head([n]) f:sort(name [, {descending=}])"
    .. " f:recode(name, {[old]=new} [, {into=}]) f:missing(codes [, names]) f:dummies(name [, {prefix=}])"
    .. " f:add(name, values [, label]) f:derive(name, fn(row) [, label]) f:summary()"
    .. " f:write(path [, {file_label=, timestamp=}])"
    .. " f:file_label() f:source() f:list(name) f:is_text(name) f:missing_codes()",
  is_frame = "frame.is_frame(x) -> true for a frame",
  which = "frame.which(mask) -> the row numbers where a 0/1 vector (or boolean array) is 1 (true)",
  ES_MISSING = "frame.ES_MISSING = {-9, -8, -7}: the Enterprise Surveys' don't know, refusal, does not apply",
}

M.ES_MISSING = {-9, -8, -7}

local Frame = {}
Frame.__index = Frame
Frame.__name = "frame"

local NaN = 0 / 0

local function fail(fname, fmt, ...)
  error(fname .. ": " .. string.format(fmt, ...), 0)
end

local function is_text(col) return type(col) == "table" and not matrix.ismatrix(col) end

local function is_frame(f) return getmetatable(f) == Frame end

-- "in FILE" for messages, when the frame came from a file
local function where(f)
  return f._source and (" in " .. f._source) or ""
end

local function column_of(fname, f, name)
  local c = f._cols[name]
  if c == nil then
    local list = table.concat(f._names, ", ")
    if #list > 300 then list = list:sub(1, 297) .. "..." end
    fail(fname, "no column '%s'%s (columns: %s)", tostring(name), where(f), list)
  end
  return c
end

-- a frame from parts already checked; labels tables are copied
local function make(names, cols, n, labels, value_labels, source, file_label)
  local f = setmetatable({_names = {}, _cols = {}, _n = n, _labels = {}, _value_labels = {},
    _source = source, _file_label = file_label}, Frame)
  for k, name in ipairs(names) do
    f._names[k] = name
    f._cols[name] = cols[name]
    f._labels[name] = labels and labels[name]
    f._value_labels[name] = value_labels and value_labels[name]
  end
  return f
end

-- a column from a matrix or an array (numbers; NaN or nil missing) or an
-- array of strings
local function as_column(fname, name, v, n)
  if matrix.ismatrix(v) then
    if v:cols() ~= 1 then fail(fname, "column '%s' must be n x 1, got %d x %d", name, v:rows(), v:cols()) end
    return v
  end
  if type(v) ~= "table" then fail(fname, "column '%s' must be a matrix or an array, got %s", name, type(v)) end
  local len = n or #v
  local text = false
  for i = 1, len do
    if type(v[i]) == "string" then text = true break end
  end
  if text then
    local out = {}
    for i = 1, len do
      if v[i] ~= nil and type(v[i]) ~= "string" then
        fail(fname, "column '%s' mixes text and numbers (row %d)", name, i)
      end
      out[i] = v[i] or ""
    end
    return out
  end
  local out = {}
  for i = 1, len do
    local x = v[i]
    if x ~= nil and type(x) ~= "number" then
      fail(fname, "column '%s' row %d is %s, not a number", name, i, type(x))
    end
    out[i] = x == nil and NaN or x
  end
  return matrix.col(out)
end

local function length(c) return is_text(c) and #c or c:rows() end

function M.new(spec)
  if type(spec) ~= "table" or type(spec.names) ~= "table" or type(spec.columns) ~= "table" then
    fail("frame.new", "expected {names = {...}, columns = {name = values}}")
  end
  local cols, n, seen = {}, nil, {}
  for k, name in ipairs(spec.names) do
    if type(name) ~= "string" then fail("frame.new", "name %d is not a string", k) end
    if seen[name] then fail("frame.new", "column '%s' appears twice", name) end
    seen[name] = true
    if spec.columns[name] == nil then fail("frame.new", "no values for column '%s'", name) end
    cols[name] = as_column("frame.new", name, spec.columns[name], n)
    local len = length(cols[name])
    n = n or len
    if len ~= n then
      fail("frame.new", "column '%s' has %d rows, column '%s' %d", name, len, spec.names[1], n)
    end
  end
  return make(spec.names, cols, n or 0, spec.labels, spec.value_labels, spec.source, spec.file_label)
end

-- ---------------------------------------------------------------------------
-- reading and writing
-- ---------------------------------------------------------------------------

local function extension(path) return (path:match("%.([%w]+)$") or ""):lower() end

local readers = {}

function readers.dta(path)
  local ok, t = pcall(dta.read, path)
  if not ok then fail("frame.read", "%s", tostring(t):gsub("^dta%.read: ", "")) end
  return t
end

function readers.csv(path, opts)
  local o = {}
  for k, v in pairs(opts or {}) do if k ~= "missing" then o[k] = v end end
  if o.na == nil then o.na = true end
  local ok, t = pcall(csv.read_table, path, o)
  if not ok then fail("frame.read", "%s", tostring(t)) end
  local cols = {}
  for _, name in ipairs(t.names) do cols[name] = as_column("frame.read", name, t.columns[name], t.nrow) end
  return {names = t.names, columns = cols, nrow = t.nrow}
end

function M.read(path, opts)
  if type(path) ~= "string" then fail("frame.read", "expected a file name, got %s", type(path)) end
  local ext = extension(path)
  local reader = readers[ext]
  if not reader then fail("frame.read", "%s: unknown kind of file (.dta or .csv)", path) end
  local t = reader(path, opts)
  local f = make(t.names, t.columns, t.nrow, t.labels, t.value_labels, path, t.file_label)
  if opts and opts.missing then f = f:missing(opts.missing) end
  return f
end

local writers = {}

function writers.dta(f, path, opts)
  local ok, err = pcall(dta.write, path, {names = f._names, columns = f._cols, labels = f._labels,
    value_labels = f._value_labels, file_label = opts.file_label or f._file_label, timestamp = opts.timestamp})
  if not ok then fail("frame:write", "%s", tostring(err):gsub("^dta%.write: ", "")) end
end

function writers.csv(f, path)
  local recs, lists = {}, {}
  for _, name in ipairs(f._names) do
    local c = f._cols[name]
    lists[name] = is_text(c) and c or c:list()
  end
  for i = 1, f._n do
    local r = {}
    for _, name in ipairs(f._names) do r[name] = lists[name][i] end
    recs[i] = r
  end
  local ok, err = pcall(report.write_csv, path, recs, f._names)
  if not ok then fail("frame:write", "%s", tostring(err)) end
end

-- f:write(path [, {file_label=, timestamp=}]) -- .dta (with labels) or .csv,
-- by extension; timestamp (seconds since 1970) fixes a .dta's date stamp
function Frame:write(path, opts)
  local w = writers[extension(path or "")]
  if not w then fail("frame:write", "%s: unknown kind of file (.dta or .csv)", tostring(path)) end
  w(self, path, opts or {})
  return path
end

-- the file's label (a .dta's data label), or nil
function Frame:file_label() return self._file_label end

-- the file the frame came from (named in messages), or nil
function Frame:source() return self._source end

-- ---------------------------------------------------------------------------
-- columns
-- ---------------------------------------------------------------------------

function Frame:names()
  local out = {}
  for k, n in ipairs(self._names) do out[k] = n end
  return out
end

function Frame:nrow() return self._n end
function Frame:ncol() return #self._names end
function Frame:has(name) return self._cols[name] ~= nil end

-- numbers: an n x 1 matrix labelled by the column name (a copy); text: an array
function Frame:column(name)
  local c = column_of("frame:column", self, name)
  if is_text(c) then return table.move(c, 1, #c, 1, {}) end
  local m = c:copy()
  m:setnames(nil, {name})
  return m
end

-- the column's values as a Lua array (NaN missing), not a copy for text
function Frame:list(name)
  local c = column_of("frame:list", self, name)
  return is_text(c) and c or c:list()
end

function Frame:is_text(name) return is_text(column_of("frame:is_text", self, name)) end

function Frame:labels(name)
  column_of("frame:labels", self, name)
  return self._value_labels[name]
end

function Frame:label(name)
  column_of("frame:label", self, name)
  return self._labels[name]
end

function Frame:select(names)
  if type(names) == "string" then names = {names} end
  local cols = {}
  for _, name in ipairs(names) do cols[name] = column_of("frame:select", self, name) end
  return make(names, cols, self._n, self._labels, self._value_labels, self._source, self._file_label)
end

-- the frame of rows idx (1-based, in that order)
function Frame:rows(idx)
  local cols = {}
  for _, name in ipairs(self._names) do
    local c = self._cols[name]
    if is_text(c) then
      local t = {}
      for k, i in ipairs(idx) do t[k] = c[i] end
      cols[name] = t
    elseif #idx == 0 then
      cols[name] = matrix.new(0, 1)
    else
      cols[name] = c:select(idx)
    end
  end
  return make(self._names, cols, #idx, self._labels, self._value_labels, self._source, self._file_label)
end

-- a row as a table that reads its values by column name (NaN missing)
local function row_reader(f)
  local lists, i = {}, 0
  local row = setmetatable({}, {__index = function(_, name)
    local l = lists[name]
    if not l then
      l = f:list(name)
      lists[name] = l
    end
    return l[i]
  end})
  return row, function(k) i = k end
end

-- keeps the rows where fn(row) is true, or where mask (a Lua array of
-- booleans or a 0/1 vector) is true / 1
function Frame:filter(pred)
  local keep = {}
  if type(pred) == "function" then
    local row, at = row_reader(self)
    for i = 1, self._n do
      at(i)
      if pred(row) then keep[#keep + 1] = i end
    end
  else
    local mask = matrix.ismatrix(pred) and pred:list() or pred
    if type(mask) ~= "table" or #mask ~= self._n then
      fail("frame:filter", "expected a function(row) or a mask of %d values", self._n)
    end
    for i = 1, self._n do
      if mask[i] == true or mask[i] == 1 then keep[#keep + 1] = i end
    end
  end
  return self:rows(keep)
end

function Frame:head(n)
  n = math.min(n or 6, self._n)
  local idx = {}
  for i = 1, n do idx[i] = i end
  return self:rows(idx)
end

-- sorted by one column (stable; missing values last)
function Frame:sort(name, opts)
  local v = self:list(name)
  local desc = opts and opts.descending
  local idx = {}
  for i = 1, self._n do idx[i] = i end
  table.sort(idx, function(a, b)
    local x, y = v[a], v[b]
    local mx, my = x ~= x, y ~= y
    if mx or my then
      if mx ~= my then return my end
      return a < b
    end
    if x == y then return a < b end
    if desc then return x > y end
    return x < y
  end)
  return self:rows(idx)
end

-- a new frame with column `name` added or replaced
function Frame:add(name, values, label)
  if type(name) ~= "string" then fail("frame:add", "the column name must be a string") end
  local c = as_column("frame:add", name, values)
  if length(c) ~= self._n then
    fail("frame:add", "column '%s' has %d values, the frame %d rows", name, length(c), self._n)
  end
  local names, cols = self:names(), {}
  for _, n in ipairs(names) do cols[n] = self._cols[n] end
  if not cols[name] then names[#names + 1] = name end
  cols[name] = c
  local f = make(names, cols, self._n, self._labels, self._value_labels, self._source, self._file_label)
  if label then f._labels[name] = label end
  if self._cols[name] and not label then f._labels[name] = nil end
  if self._cols[name] then f._value_labels[name] = nil end
  return f
end

-- a derived column: fn(row) gives each row's value (nil or NaN: missing)
function Frame:derive(name, fn, label)
  if type(fn) ~= "function" then fail("frame:derive", "expected a function(row)") end
  local row, at = row_reader(self)
  local out = {}
  for i = 1, self._n do
    at(i)
    local ok, v = pcall(fn, row)
    if not ok then fail("frame:derive", "column '%s', row %d: %s", name, i, tostring(v)) end
    out[i] = v
  end
  return self:add(name, out, label)
end

-- values mapped by map {[old] = new}; others kept (opts.others = "missing"
-- makes them missing); opts.into names a new column
function Frame:recode(name, map, opts)
  opts = opts or {}
  local v = self:list(name)
  local text = is_text(self._cols[name])
  local out = {}
  for i = 1, self._n do
    local x = v[i]
    local y = map[x]
    if y == nil then y = (opts.others == "missing") and (text and "" or NaN) or x end
    out[i] = y
  end
  return self:add(opts.into or name, out, self._labels[name])
end

-- the codes (e.g. frame.ES_MISSING) become missing in the numeric columns
-- `names` (default all); how many per column is kept in f:missing_codes()
function Frame:missing(codes, names)
  if type(codes) ~= "table" then fail("frame:missing", "expected a list of codes, e.g. {-9, -8, -7}") end
  local set = {}
  for _, c in ipairs(codes) do set[c] = true end
  local f = self
  local counts = {}
  for _, name in ipairs(names or self._names) do
    local c = column_of("frame:missing", self, name)
    if not is_text(c) then
      local v, n = c:list(), 0
      for i = 1, #v do
        if set[v[i]] then v[i] = NaN; n = n + 1 end
      end
      if n > 0 then
        local labels, vl = f._labels[name], f._value_labels[name]
        f = f:add(name, matrix.col(v), labels)
        f._value_labels[name] = vl
        counts[name] = n
      end
    end
  end
  f._coded_missing = counts
  return f
end

-- {column = count} of values turned missing by the last f:missing
function Frame:missing_codes() return self._coded_missing or {} end

local function sorted_values(v)
  local seen, out = {}, {}
  for i = 1, #v do
    local x = v[i]
    if x == x and x ~= "" and not seen[x] then seen[x] = true; out[#out + 1] = x end
  end
  table.sort(out)
  return out
end

-- one 0/1 column per value of a categorical column, named prefix_value
-- (prefix defaults to the column's name) and labelled by its value label;
-- missing stays missing. Returns the frame and the new names.
function Frame:dummies(name, opts)
  opts = opts or {}
  local v = self:list(name)
  local text = is_text(self._cols[name])
  local prefix = opts.prefix or name
  local vl = self._value_labels[name] or {}
  local values = sorted_values(v)
  -- one pass: each row sets a 1 in its value's column, a missing value NaN in all
  local column_of_value, columns = {}, {}
  for k, value in ipairs(values) do
    columns[k] = matrix.new(self._n, 1, 0)
    column_of_value[value] = columns[k]
  end
  for i = 1, self._n do
    local x = v[i]
    if (text and x == "") or x ~= x then
      for _, c in ipairs(columns) do c:set(i, 1, NaN) end
    else
      column_of_value[x]:set(i, 1, 1)
    end
  end
  local f, names = self, {}
  for k, value in ipairs(values) do
    local suffix = tostring(math.type(value) == "float" and value == math.floor(value)
      and math.tointeger(value) or value):gsub("[^%w]", "_")
    local dname = prefix .. "_" .. suffix
    names[#names + 1] = dname
    f = f:add(dname, columns[k], vl[value] or (name .. " = " .. tostring(value)))
  end
  return f, names
end

-- ---------------------------------------------------------------------------
-- summaries and printing
-- ---------------------------------------------------------------------------

local SUMMARY_COLUMNS = {"name", "type", "n", "missing", {key = "coded", title = "of them codes"},
  "mean", "sd", "min", "max", "distinct",
  {key = "label", title = "label"}}

-- one record per column: name, label, type, n (present), missing, coded (of
-- the missing, survey codes made missing by f:missing), mean, sd, min, max
-- (numbers) or distinct values (text); printed as an aligned table
function Frame:summary()
  local title = string.format("summary of %d rows%s", self._n, self._source and (" (" .. self._source .. ")") or "")
  local out = setmetatable({}, {__tostring = function(t)
    return report.table(t, SUMMARY_COLUMNS, {title = title, max_text = 40})
  end})
  for _, name in ipairs(self._names) do
    local c = self._cols[name]
    local r = {name = name, label = self._labels[name] or "", type = is_text(c) and "text" or "number",
      coded = (self._coded_missing or {})[name]}
    if is_text(c) then
      local missing = 0
      for i = 1, #c do if c[i] == "" then missing = missing + 1 end end
      r.n, r.missing, r.distinct = #c - missing, missing, #sorted_values(c)
    else
      local present = c:equal(c)
      r.n = math.tointeger(present:sum()) or present:sum()
      r.missing = self._n - r.n
      if r.n > 0 then
        local v = c:select(M.which(present))
        r.mean, r.min, r.max = v:mean(), v:min(), v:max()
        r.sd = r.n > 1 and v:sd() or NaN
      end
    end
    out[#out + 1] = r
  end
  return out
end

-- the row numbers where a 0/1 vector is 1
function M.which(mask)
  local v, out = matrix.ismatrix(mask) and mask:list() or mask, {}
  for i = 1, #v do if v[i] == 1 or v[i] == true then out[#out + 1] = i end end
  return out
end

local function cell(v, vl)
  if type(v) == "string" then return v end
  if v ~= v then return "--" end
  local s = report.number(v, (v == math.floor(v)) and 0 or 4):gsub("(%.%d-)0+$", "%1"):gsub("%.$", "")
  if vl and vl[math.tointeger(v) or v] then s = s .. " " .. vl[math.tointeger(v) or v] end
  return s
end

function Frame:__tostring()
  local shown, width = {}, 0
  for _, name in ipairs(self._names) do
    if width > 100 then break end
    shown[#shown + 1] = name
    width = width + #name + 8
  end
  local h = self:head(6)
  local recs = {}
  for i = 1, h._n do
    local r = {}
    for _, name in ipairs(shown) do
      local v = h:list(name)[i]
      r[name] = cell(v, self._value_labels[name])
    end
    recs[i] = r
  end
  local title = string.format("frame: %d rows x %d columns%s", self._n, #self._names,
    self._source and (" (" .. self._source .. ")") or "")
  local text = report.table(recs, shown, {title = title, max_text = 24})
  if #shown < #self._names then
    text = text .. string.format("\n... and %d more columns: f:names(), f:summary()", #self._names - #shown)
  end
  if self._n > h._n then text = text .. string.format("\n... %d more rows", self._n - h._n) end
  return text
end

M.is_frame = is_frame

-- design matrices (frame/design.lua): loaded here so that frame.design is there
M.design = require("frame.design").design

return M
