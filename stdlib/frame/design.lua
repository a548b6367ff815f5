-- frame/design.lua -- design matrices from a data frame: the outcome y and
-- the regressors X with columns named by variable (the intercept
-- "(Intercept)" first, as R's model.matrix), after listwise deletion (R's
-- na.omit, Stata's estimation sample) that reports how many rows were dropped
-- and which variables were missing in them.
local matrix = require "matrix"

local M = {}

local function fail(fmt, ...) error("frame.design: " .. string.format(fmt, ...), 0) end

-- " in FILE" when the frame came from a file
local function where(f)
  return f:source() and (" in " .. f:source()) or ""
end

local function columns_of(f)
  local list = table.concat(f:names(), ", ")
  return #list > 300 and list:sub(1, 297) .. "..." or list
end

-- the row numbers where a 0/1 vector is 1
local function frame_which(mask)
  local v, out = mask:list(), {}
  for i = 1, #v do if v[i] == 1 then out[#out + 1] = i end end
  return out
end

function M.design(f, yname, xnames, opts)
  if not (type(f) == "table" and f.list and f.nrow) then fail("expected a frame, got %s", type(f)) end
  opts = opts or {}
  if type(yname) ~= "string" then fail("y must be a column name") end
  if type(xnames) ~= "table" then fail("the regressors must be a list of column names") end
  local names = {yname}
  for _, x in ipairs(xnames) do names[#names + 1] = x end
  local parts = {}
  for k, name in ipairs(names) do
    if not f:has(name) then fail("no column '%s'%s (columns: %s)", name, where(f), columns_of(f)) end
    if f:is_text(name) then
      fail("column '%s'%s is text; make 0/1 columns with f:dummies('%s')", name, where(f), name)
    end
    parts[k] = f:column(name)
  end
  local all = matrix.hcat(table.unpack(parts))
  local present = all:equal(all)              -- 1 where a value is there
  local complete = present:rowsums():equal(#names)
  local kept = frame_which(complete)
  local missing_by = present:colsums():list()
  local missing = {}
  for k, name in ipairs(names) do
    local m = f:nrow() - missing_by[k]
    if m > 0 then missing[#missing + 1] = {name = name, rows = math.tointeger(m) or m} end
  end
  local dropped = f:nrow() - #kept
  local why = {}
  for _, m in ipairs(missing) do why[#why + 1] = string.format("%s missing in %d", m.name, m.rows) end
  local text = dropped == 0 and "no rows dropped"
    or string.format("%d of %d rows dropped (%s)", dropped, f:nrow(), table.concat(why, ", "))
  if #kept == 0 then
    fail("all %d rows dropped%s: no row has every variable (%s)", f:nrow(), where(f),
      table.concat(why, ", "))
  end
  local data = all:select(kept, nil)
  local y = data:col(1)
  y:setnames(nil, {yname})
  local xcols = {}
  for k = 2, #names do xcols[#xcols + 1] = k end
  local X = #xcols > 0 and data:select(nil, xcols) or nil
  local colnames = {}
  for _, x in ipairs(xnames) do colnames[#colnames + 1] = x end
  if opts.intercept ~= false then
    local one = matrix.ones(#kept, 1)
    X = X and matrix.hcat(one, X) or one
    table.insert(colnames, 1, "(Intercept)")
  end
  if not X then fail("no regressors and no intercept") end
  X:setnames(nil, colnames)
  return y, X, dropped, {kept = kept, missing = missing, text = text, dropped = dropped}
end

return M
