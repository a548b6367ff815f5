-- test_multipliers.lua -- multipliers against the Eurostat manual's published
-- Germany 1995 values, R, numpy (closed model) and hand calculations on
-- Miller & Blair's two-sector table.
local T = require "testing"
local io_data = require "iodata"
local matrix = require "matrix"
local leontief = require "leontief"
local multipliers = require "multipliers"

local S = { "Agriculture", "Manufacturing" }
local D = 0.7575  -- det(I - A) of Miller & Blair's table, by hand
local function mb_A()
  return leontief.coefficients(matrix.from({ { 150, 500 }, { 200, 100 } }, S, S), { 1000, 2000 })
end

T.test("Germany 1995: published GVA, employment and output multipliers", function()
  local de = io_data.germany()
  local res = multipliers.all(de)
  -- Eurostat manual (2008), tables after 15.10 (tests/data/germany_1995/PROVENANCE.md)
  local gva = { 0.8450, 0.7647, 0.8615, 0.9019, 0.9393, 0.9199 }
  local emp = { 0.0326, 0.0162, 0.0207, 0.0237, 0.0112, 0.0242 }
  local out = { 1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782 }
  local _, ref = io_data.readcsv(T.data .. "/germany_1995/ref_R_germany_linkages.csv")
  for i = 1, 6 do
    T.close(res.value_added.simple:get(i, 1), gva[i], 5e-5, "GVA multiplier " .. i)
    T.close(res.value_added.simple:get(i, 1), tonumber(ref[i][10]), 1e-12, "GVA multiplier (R) " .. i)
    T.close(res.employment.simple:get(i, 1), emp[i], 5e-5, "employment multiplier " .. i)
    T.close(res.output.simple:get(i, 1), out[i], 5e-5, "output multiplier " .. i)
  end
  T.equal(res.employment.simple:rownames()[3], "CPA_F", "labelled")
  T.equal(res.income, nil, "no income multipliers without the household row and column")
end)

T.test("Germany 1995: type II, closed to households (numpy)", function()
  local de = io_data.germany()
  -- households: labour income D1 per unit of output, consumption P3_S14 per
  -- unit of total D1; numpy inverts the 7 x 7 closed matrix directly
  local res = multipliers.all(de, { income = "D1", consumption = "P3_S14" })
  local out2 = { 2.641359808723, 2.980384557171, 3.026128098143, 2.889359219646, 2.313666716657, 2.838067814611 }
  local inc1 = { 0.417241127304, 0.507487983036, 0.540196299238, 0.57287076328, 0.320157883951, 0.650382464919 }
  local inc2 = { 0.704819949381, 0.857268450082, 0.912520610671, 0.967715586873, 0.540823156667, 1.098651369687 }
  local emp2 = { 0.043402613199, 0.029273952587, 0.034633158134, 0.038528265206, 0.019447843214, 0.041018937381 }
  for i = 1, 6 do
    T.close(res.output.total:get(i, 1), out2[i], 1e-11, "type II output " .. i)
    T.close(res.income.simple:get(i, 1), inc1[i], 1e-11, "income, open " .. i)
    T.close(res.income.total:get(i, 1), inc2[i], 1e-11, "income, closed " .. i)
    T.close(res.employment.total:get(i, 1), emp2[i], 1e-11, "employment, closed " .. i)
    -- the parts add up to the total
    local r = res.employment
    T.close(r.initial:get(i, 1) + r.direct:get(i, 1) + r.indirect:get(i, 1) + r.induced:get(i, 1),
      r.total:get(i, 1), 1e-14, "parts " .. i)
  end
  local h = res.households
  T.close(h.income:get(1, 1), 9382 / 43910, 1e-15, "h_1 = D1 / P1")
  -- domestic household consumption 8500 + 197792 + 3457 + 269663 + 214757 +
  -- 119504 = 813673 over total D1 996900
  T.close(h.consumption:sum(), 813673 / 996900, 1e-12, "consumption shares sum to C / income")
end)

T.test("Miller & Blair: decomposition by hand", function()
  local A = mb_A()
  local o = multipliers.decompose(A)
  -- output: initial 1, direct = column sums of A (0.35, 0.30), indirect =
  -- 1.15 / D - 1.35 and 1.10 / D - 1.30
  T.close_matrix(o.initial, { { 1 }, { 1 } }, 0, "initial")
  T.close_matrix(o.direct, { { 0.35 }, { 0.30 } }, 1e-15, "direct")
  T.close(o.indirect:get(1, 1), 1.15 / D - 1.35, 1e-14, "indirect 1")
  T.close(o.type1:get(2, 1), 1.10 / D, 1e-14, "type I output = simple")
  T.equal(o.total, nil, "no type II without households")
  -- labour coefficients (0.3, 0.25): simple (0.335, 0.2875) / D, by hand;
  -- direct 0.3 * 0.15 + 0.25 * 0.20 = 0.095; type I = simple / w
  local w = multipliers.decompose(A, { 0.3, 0.25 })
  T.close(w.simple:get(1, 1), 0.335 / D, 1e-14, "labour simple 1")
  T.close(w.direct:get(1, 1), 0.095, 1e-15, "labour direct 1")
  T.close(w.type1:get(1, 1), 0.335 / D / 0.3, 1e-14, "labour type I 1")
  T.close(multipliers.effects(A, { 0.3, 0.25 }):get(2, 1), 0.2875 / D, 1e-14, "effects")
  T.close(multipliers.output(A):get(1, 1), 1.15 / D, 1e-14, "output")
end)

T.test("Miller & Blair closed to households (numpy)", function()
  local A = mb_A()
  local hh = { income = { 0.3, 0.25 }, consumption = { 0.2, 0.4 } }
  local closed = multipliers.close(A, hh.income, hh.consumption)
  -- [A c; h' 0] by construction
  T.close_matrix(closed, { { 0.15, 0.25, 0.2 }, { 0.2, 0.05, 0.4 }, { 0.3, 0.25, 0 } }, 0, "closed matrix")
  T.equal(closed:rownames()[3], "Households", "household label")
  local o = multipliers.decompose(A, nil, hh)
  local w = multipliers.decompose(A, hh.income, hh)
  -- numpy: inv(I - Abar), column sums of its first two rows, and its
  -- household row (= sum_i h_i lbar_ij)
  T.close(o.total:get(1, 1), 2.033014769765, 1e-11, "output, closed 1")
  T.close(o.total:get(2, 1), 1.894005212858, 1e-11, "output, closed 2")
  T.close(w.total:get(1, 1), 0.582102519548, 1e-11, "income, closed 1")
  T.close(w.type2:get(2, 1), 0.499565595135 / 0.25, 1e-11, "income type II 2")
  T.close(w.induced:get(1, 1), 0.582102519548 - 0.335 / D, 1e-11, "induced 1")
end)

T.test("zero weights: ratios omitted with a note, not NaN", function()
  local w = multipliers.decompose(mb_A(), { 0.3, 0 })
  T.equal(w.type1, nil, "no type I")
  T.equal(w.note, "type I and II ratios omitted: sector 2 (Manufacturing) has w = 0", "note")
  T.close(w.simple:get(2, 1), 0.3 * 0.25 / D, 1e-14, "simple still there")
end)

T.test("bad input", function()
  local A = mb_A()
  T.errors("multipliers.decompose: w has 3 x 1 elements, the table has 2 sectors", multipliers.decompose, A,
    { 1, 2, 3 })
  T.errors("multipliers.close: A must be square (sectors x sectors), got 1 x 2", multipliers.close, { { 1, 2 } },
    { 1 }, { 1 })
  T.errors("households must be {income = h, consumption = c}", multipliers.decompose, A, nil, { 1, 2 })
  T.errors("sector 2 (b): output is 0; coefficients need a positive output", multipliers.coefficients, { 1, 1 },
    matrix.from({ 5, 0 }, { "a", "b" }))
  local de = io_data.germany()
  T.errors("tbl.v has no row labelled 'D11'", multipliers.all, de, { income = "D11", consumption = "P3_S14" })
  T.errors("tbl.f has no column labelled 'P3'", multipliers.all, de, { income = "D1", consumption = "P3" })
  T.errors("give opts.income", multipliers.households, de, { income = "D1" })
  T.errors("multipliers.all: a table record {Z=, x=, f=, v=} expected", multipliers.all, A)
  -- an unproductive closed model is the leontief module's error, naming the household sector
  T.errors("spectral radius of A is", multipliers.decompose, A, nil, { income = { 1, 1 }, consumption = { 1, 1 } })
end)

T.done()
