-- multipliers.lua -- output, income, value-added and employment multipliers
-- of the Leontief model, type I (open) and type II (closed to households),
-- split into initial, direct, indirect and induced effects. Miller & Blair
-- (2009), ch. 6 (multipliers) and ch. 2 (closing the model to households).
local matrix = require "matrix"
local leontief = require "leontief"
local check = require "check"

local M = {}

M._help = {
  _about = "output, income, value-added and employment multipliers, type I and II (Miller & Blair 2009, ch. 6)",
  output = "multipliers.output(A) -> n x 1 simple output multipliers, column sums of L (no inverse formed)",
  effects = "multipliers.effects(A, w) -> n x 1, sum_i w_i l_ij: effect on w (income, jobs ... per unit of output) "
    .. "of a unit of final demand for j",
  coefficients = "multipliers.coefficients(values, x) -> n x 1 values_j / x_j (e.g. jobs or wages per unit of output)",
  close = "multipliers.close(A, h, c) -> (n+1) x (n+1) [A c; h' 0]: households' labour income per unit of output h "
    .. "and consumption per unit of household income c",
  households = "multipliers.households(tbl, {income = v row label or vector, consumption = f column label or vector "
    .. "[, household_income = total]}) -> {income = h, consumption = c}",
  decompose = "multipliers.decompose(A, w [, households]) -> {initial=, direct=, indirect=, simple=, type1= "
    .. "[, induced=, total=, type2=]}: w = nil for output; households from multipliers.households",
  all = "multipliers.all(tbl [, {income=, consumption=, employment=, value_added=}]) -> {output=, value_added= "
    .. "[, income=, employment=]}, each a decompose() record",
}

local fail = check.failer("multipliers")

local function square(A, fname)
  if type(A) == "table" and not matrix.ismatrix(A) then A = matrix.from(A) end
  if not matrix.ismatrix(A) then fail(fname, "A must be a matrix, got %s", type(A)) end
  if A:rows() ~= A:cols() then fail(fname, "A must be square (sectors x sectors), got %d x %d", A:rows(), A:cols()) end
  return A
end

-- an n x 1 vector from a Lua array or an n x 1 / 1 x n matrix
local function vector(v, n, fname, what)
  if type(v) == "table" and not matrix.ismatrix(v) then v = matrix.from(v) end
  if not matrix.ismatrix(v) then fail(fname, "%s must be a vector, got %s", what, type(v)) end
  if v:rows() == 1 and v:cols() ~= 1 then v = v:t() end
  if v:cols() ~= 1 or v:rows() ~= n then
    fail(fname, "%s has %d x %d elements, the table has %d sectors", what, v:rows(), v:cols(), n)
  end
  return v
end

local function labelled(m, rows, cols)
  if rows or cols then m:setnames(rows, cols) end
  return m
end

function M.output(A)
  return leontief.multipliers(square(A, "output"))
end

function M.effects(A, w)
  A = square(A, "effects")
  return leontief.multipliers(A, vector(w, A:rows(), "effects", "w"))
end

-- values_j / x_j: e.g. employment or labour income per unit of output
function M.coefficients(values, x)
  x = vector(x, #x, "coefficients", "x")
  local n = x:rows()
  values = vector(values, n, "coefficients", "values")
  for j = 1, n do
    if not (x:get(j, 1) > 0) then
      local l = (x:rownames() or {})[j]
      fail("coefficients", "sector %d%s: output is %g; coefficients need a positive output", j,
        l and (" (" .. l .. ")") or "", x:get(j, 1))
    end
  end
  return labelled(values:ediv(x), x:rownames() or values:rownames())
end

-- The model closed to households (Miller & Blair 2009, ch. 2): households
-- become sector n+1, selling labour (row h', income per unit of each sector's
-- output) and buying goods (column c, consumption per unit of household
-- income):  Abar = [A c; h' 0].
function M.close(A, h, c)
  A = square(A, "close")
  local n = A:rows()
  h, c = vector(h, n, "close", "h"), vector(c, n, "close", "c")
  local closed = matrix.vcat(matrix.hcat(A, c), matrix.hcat(h:t(), matrix.new(1, 1, 0)))
  local labels = A:colnames() or A:rownames()
  if labels then
    local all = { table.unpack(labels) }
    all[n + 1] = "Households"
    closed:setnames(all, all)
  end
  return closed
end

-- selects a row of tbl.v (by label) or takes a vector, as n x 1
local function pick(tbl, spec, field, n, fname, what)
  if type(spec) ~= "string" then return vector(spec, n, fname, what) end
  local m = tbl[field]
  if not matrix.ismatrix(m) then fail(fname, "%s '%s' names a part of tbl.%s, which is missing", what, spec, field) end
  local names = field == "v" and m:rownames() or m:colnames()
  for k, l in ipairs(names or {}) do
    if l == spec then return field == "v" and m:row(k):t() or m:col(k) end
  end
  fail(fname, "tbl.%s has no %s labelled '%s'", field, field == "v" and "row" or "column", spec)
end

-- h_j = labour income_j / x_j; c_i = household consumption_i / total
-- household income (M&B ch. 2: households' "output" is their income, by
-- default the total of the income row)
function M.households(tbl, opts)
  local fname = "households"
  opts = opts or {}
  if type(tbl) ~= "table" or tbl.x == nil then fail(fname, "a table record {Z=, x=, f=, v=} expected") end
  local x = tbl.x
  local n = #x
  if opts.income == nil or opts.consumption == nil then
    fail(fname, "give opts.income (a row of tbl.v, e.g. 'D1', or a vector) and opts.consumption "
      .. "(a column of tbl.f, e.g. 'P3_S14', or a vector)")
  end
  local income = pick(tbl, opts.income, "v", n, fname, "income")
  local consumption = pick(tbl, opts.consumption, "f", n, fname, "consumption")
  local total = opts.household_income or income:sum()
  if not (total > 0) then fail(fname, "total household income is %g; it must be positive", total) end
  return { income = M.coefficients(income, x), consumption = consumption * (1 / total) }
end

-- Effects of a unit of final demand for j on w (w_i per unit of output of
-- i; w = 1 for output), Miller & Blair (2009) ch. 6:
--   initial  w_j                       (the unit itself)
--   direct   sum_i w_i a_ij            (first round of purchases)
--   indirect sum_i w_i l_ij - initial - direct
--   simple   sum_i w_i l_ij            (the type I total)
--   induced  sum_{i<=n} w_i lbar_ij - simple   (households' spending, closed model)
--   type1 = simple / w_j, type2 = total / w_j  (where every w_j > 0)
function M.decompose(A, w, households)
  local fname = "decompose"
  A = square(A, fname)
  local n = A:rows()
  local labels = A:colnames() or A:rownames()
  w = w == nil and labelled(matrix.new(n, 1, 1), labels) or vector(w, n, fname, "w")
  local simple = leontief.multipliers(A, w)
  local initial = labelled(w:copy(), labels)
  local direct = A:t() * w
  local res = { initial = initial, direct = direct, simple = simple, indirect = simple - initial - direct }
  if households ~= nil then
    if type(households) ~= "table" or households.income == nil or households.consumption == nil then
      fail(fname, "households must be {income = h, consumption = c} (see multipliers.households)")
    end
    local closed = M.close(A, households.income, households.consumption)
    local total = leontief.multipliers(closed, w:vcat(matrix.new(1, 1, 0))):slice(1, n)
    res.total, res.induced = total, total - simple
  end
  if w:min() > 0 then
    res.type1 = simple:ediv(w)
    if res.total then res.type2 = res.total:ediv(w) end
  else
    for j = 1, n do
      if not (w:get(j, 1) > 0) then
        res.note = string.format("type I and II ratios omitted: sector %d%s has w = %g", j,
          labels and (" (" .. labels[j] .. ")") or "", w:get(j, 1))
        break
      end
    end
  end
  return res
end

-- Every multiplier of a table record {Z=, x=, f=, v=, employment=}:
-- output; value added (opts.value_added: a row label of v or a vector; by
-- default the column sums of v); income and type II when opts.income and
-- opts.consumption name the household row and column; employment from
-- opts.employment or tbl.employment.
function M.all(tbl, opts)
  local fname = "all"
  opts = opts or {}
  if type(tbl) ~= "table" or tbl.Z == nil or tbl.x == nil then
    fail(fname, "a table record {Z=, x=, f=, v=} expected")
  end
  local A = leontief.coefficients(tbl.Z, tbl.x)
  local n = A:rows()
  local hh = (opts.income or opts.consumption) and M.households(tbl, opts) or nil
  local res = { output = M.decompose(A, nil, hh), households = hh }
  local va = opts.value_added
  if va ~= nil then va = pick(tbl, va, "v", n, fname, "value_added")
  elseif matrix.ismatrix(tbl.v) then va = tbl.v:colsums():t() end
  if va then res.value_added = M.decompose(A, M.coefficients(va, tbl.x), hh) end
  if hh then res.income = M.decompose(A, hh.income, hh) end
  local emp = opts.employment or tbl.employment
  if emp ~= nil then res.employment = M.decompose(A, M.coefficients(vector(emp, n, fname, "employment"), tbl.x), hh) end
  return res
end

return M
