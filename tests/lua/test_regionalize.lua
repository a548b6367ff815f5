-- test_regionalize.lua -- location quotients and regional tables on Mount
-- Isa's 2021 employment and Australia's 2021-22 table against R (and numpy
-- where stated), small hand calculations, and one test per bad input.
local T = require "testing"
local io_data = require "iodata"
local matrix = require "matrix"
local leontief = require "leontief"
local linkages = require "linkages"
local regionalize = require "regionalize"

local au, reg, nat = io_data.australia()
local _, ref = io_data.readcsv(T.data .. "/australia_2021/ref_R_mount_isa_flq.csv")
local _, refm = io_data.readcsv(T.data .. "/australia_2021/ref_R_mount_isa_flq_matrix.csv")

T.test("Mount Isa: SLQ, lambda, CIQ, FLQ, AFLQ (R)", function()
  local slq = regionalize.slq(reg, nat)
  for i = 1, 19 do T.close(slq:get(i, 1), tonumber(ref[i][2]), 1e-12, "slq " .. i) end
  T.equal(slq:rownames()[2], "Mining", "labels kept")
  T.close(regionalize.lambda(reg, nat), tonumber(ref[1][3]), 1e-12, "lambda*")
  local ciq = regionalize.ciq(reg, nat)
  local flq, lambda = regionalize.flq(reg, nat, { delta = 0.3 })
  local aflq = regionalize.aflq(reg, nat, { delta = 0.3 })
  T.close(lambda, tonumber(ref[1][3]), 1e-12, "flq returns lambda*")
  for _, r in ipairs(refm) do
    local i, j = tonumber(r[1]), tonumber(r[2])
    if i ~= j then T.close(ciq:get(i, j), tonumber(r[3]), 1e-12, ("ciq %d,%d"):format(i, j)) end
    T.close(flq:get(i, j), tonumber(r[4]), 1e-12, ("flq %d,%d"):format(i, j))
    T.close(aflq:get(i, j), tonumber(r[5]), 1e-12, ("aflq %d,%d"):format(i, j))
  end
  -- the CIQ diagonal is 1; with diagonal = "ciq" the FLQ diagonal is lambda*
  T.close(ciq:get(5, 5), 1, 1e-15, "ciq diagonal")
  local flq_c = regionalize.flq(reg, nat, { diagonal = "ciq" })
  T.close(flq_c:get(2, 2), lambda, 1e-15, "CIQ diagonal option")
  T.close(flq_c:get(2, 1), flq:get(2, 1), 1e-15, "off-diagonal unchanged")
  -- Lua arrays work as well as matrices
  T.close(regionalize.slq({ 1, 3 }, { 4, 4 }):get(2, 1), 1.5, 1e-15, "arrays: (3/4) / (4/8) by hand")
end)

T.test("Mount Isa: regional table, multipliers and linkages (R)", function()
  local region = regionalize.regionalise(au, reg, { method = "flq", delta = 0.3, national_sizes = nat })
  T.equal(#region.dropped, 0, "no sector dropped"); T.equal(#region.labels, 19, "19 sectors")
  local L = leontief.inverse(region.A)
  local m = leontief.multipliers(region.A)
  local r = linkages.rasmussen(L)
  for i = 1, 19 do
    T.close(m:get(i, 1), tonumber(ref[i][4]), 1e-12, "output multiplier " .. i)
    T.close(r.backward:get(i, 1), tonumber(ref[i][5]), 1e-12, "backward " .. i)
    T.close(r.forward:get(i, 1), tonumber(ref[i][6]), 1e-12, "forward " .. i)
    T.close(r.cv_backward:get(i, 1), tonumber(ref[i][7]), 1e-12, "cv_backward " .. i)
    T.close(r.cv_forward:get(i, 1), tonumber(ref[i][8]), 1e-12, "cv_forward " .. i)
  end
  -- regional output from national output per worker: Mining 456293 * 3307 / 199630
  T.close(region.x:get("Mining", 1), 456293 * 3307 / 199630, 1e-12, "x_r Mining")
  -- the record is consistent: Z = A diag(x), x = Z 1 + f, and the column
  -- balance of intermediate inputs: local + bought outside = national coefficients
  T.close(region.Z:get(3, 2), region.A:get(3, 2) * region.x:get(2, 1), 1e-12, "Z_r = A_r diag(x_r)")
  T.close(region.Z:rowsums():get(4, 1) + region.f:get(4, 1), region.x:get(4, 1), 1e-12, "row balance")
  local A = leontief.coefficients(au.Z, au.x)
  T.close(region.Z:colsums():get(1, 7) + region.m:get(1, 7), A:colsums():get(1, 7) * region.x:get(7, 1), 1e-10,
    "column balance with intermediate imports")
  T.equal(region.A:rownames()[19], "Other Services", "labels")
end)

T.test("sectors absent from the region are dropped; quotients use the whole economy", function()
  local r2 = reg:copy()
  r2:set(10, 1, 0); r2:set(18, 1, 0)  -- no information media, no arts
  local region = regionalize.regionalise(au, r2, { national_sizes = "table" })
  T.equal(#region.labels, 17, "17 sectors remain")
  T.equal(table.concat(region.dropped, "; "), "Information Media and Telecommunications; Arts and Recreation Services",
    "dropped by name")
  -- lambda* from the totals of all sectors (numpy: 0.13487821460390553)
  T.close(region.lambda, 0.13487821460390553, 1e-12, "lambda*")
  -- each kept quotient equals the full FLQ's: dropping does not change them
  local s = regionalize.slq(r2, nat)
  T.close(region.Q:get("Mining", "Manufacturing"), s:get(2, 1) / s:get(3, 1) * region.lambda, 1e-14, "Q kept")
  T.close(region.Q:get("Mining", "Mining"), s:get(2, 1) * region.lambda, 1e-14, "Q diagonal kept")
  T.equal(region.A:rows(), 17, "A_r is 17 x 17")
  T.errors("sector 10 (Information Media and Telecommunications) has no regional size, so CIQ_ij",
    regionalize.flq, r2, nat)
end)

T.test("apply, PLQ and supply percentages (by hand)", function()
  local A = matrix.from({ { 0.1, 0.2 }, { 0.3, 0.4 } })
  -- vector: rows scaled by min(q, 1) = (0.5, 1)
  T.close_matrix(regionalize.apply(A, { 0.5, 2 }), { { 0.05, 0.1 }, { 0.3, 0.4 } }, 1e-15, "by rows")
  -- matrix: elementwise min(Q, 1)
  T.close_matrix(regionalize.apply(A, { { 0.5, 3 }, { 1, 0.25 } }), { { 0.05, 0.2 }, { 0.3, 0.1 } }, 1e-15, "matrix")
  -- PLQ: A3 has a_13 = 0, so sector 3 does not buy from sector 1. Region (2,
  -- 1, 7), nation (10, 20, 70). PLQ_1 = (2 / (2 + 1)) / (10 / (10 + 20)) = 2;
  -- rows 2 and 3 are bought by everyone: PLQ = SLQ = (1/10) / (20/100) = 0.5
  -- and (7/10) / (70/100) = 1.
  local A3 = matrix.from { { 0.1, 0.1, 0 }, { 0.1, 0.1, 0.1 }, { 0.2, 0.1, 0.1 } }
  T.close_matrix(regionalize.plq({ 2, 1, 7 }, { 10, 20, 70 }, A3), { { 2 }, { 0.5 }, { 1 } }, 1e-14, "PLQ")
  -- supply percentages: x_r = (10, 10), f_r = (5, 0); requirements A x_r + f_r
  -- = (1 + 2 + 5, 3 + 4) = (8, 7): p = (min(1, 10/8), min(1, 10/7)) = (1, 1);
  -- with x_r = (4, 10): A x_r + f = (0.4 + 2 + 5, 1.2 + 4) = (7.4, 5.2), p_1 = 4/7.4
  T.close_matrix(regionalize.supply_percentages(A, { 10, 10 }, { 5, 0 }), { { 1 }, { 1 } }, 1e-15, "RSP 1")
  T.close(regionalize.supply_percentages(A, { 4, 10 }, { 5, 0 }):get(1, 1), 4 / 7.4, 1e-15, "RSP 2")
  -- without f: A x_r = (2.4, 5.2) < x_r, so both are capped at 1
  T.close_matrix(regionalize.supply_percentages(A, { 4, 10 }), { { 1 }, { 1 } }, 1e-15, "RSP capped at 1")
end)

T.test("regionalise with the other methods", function()
  local A = leontief.coefficients(au.Z, au.x)
  -- SLQ by rows: Mining's SLQ 18.84 caps at 1; Agriculture's 0.5311 (R) scales row 1
  local s = regionalize.regionalise(au, reg, { method = "slq", national_sizes = nat })
  T.close(s.A:get(2, 3), A:get(2, 3), 1e-15, "Mining row kept")
  T.close(s.A:get(1, 3), A:get(1, 3) * tonumber(ref[1][2]), 1e-12, "Agriculture row scaled by its SLQ")
  T.equal(s.delta, nil, "no delta for SLQ")
  -- CIQ with SLQ on the diagonal (Miller & Blair ch. 8): a_12 * min(SLQ_1 / SLQ_2, 1), a_11 * SLQ_1
  local c = regionalize.regionalise(au, reg, { method = "ciq", national_sizes = nat })
  T.close(c.A:get(1, 2), A:get(1, 2) * tonumber(ref[1][2]) / tonumber(ref[2][2]), 1e-12, "CIQ off the diagonal")
  T.close(c.A:get(1, 1), A:get(1, 1) * tonumber(ref[1][2]), 1e-12, "CIQ diagonal = SLQ")
  -- PLQ and AFLQ: the regional A is apply(A, quotients) of the same inputs
  local p = regionalize.regionalise(au, reg, { method = "plq", national_sizes = nat })
  T.close(p.A:get(4, 6), regionalize.apply(A, regionalize.plq(reg, nat, A)):get(4, 6), 1e-15, "PLQ")
  local a = regionalize.regionalise(au, reg, { method = "aflq", delta = 0.3, national_sizes = nat })
  T.close(a.A:get(1, 2), A:get(1, 2) * math.min(1, tonumber(refm[20][5])), 1e-12, "AFLQ (R) [1,2]")
  T.equal(tonumber(refm[20][1]) == 1 and tonumber(refm[20][2]) == 2, true, "reference row is (1, 2)")
end)

T.test("two-region model: identities and numpy values", function()
  local two = regionalize.two_region(au, reg, { names = { "Mount Isa", "rest" }, national_sizes = nat })
  T.equal(two.A:rows(), 38, "2n x 2n")
  T.equal(two.A:rownames()[21], "rest: Mining", "block labels")
  -- A^rr + A^sr = A (what r does not buy locally it buys from s), and
  -- therefore [I I] L2 = L [I I]: L^rr + L^sr = L, so intraregional plus
  -- spillover multipliers are the national ones
  local A = leontief.coefficients(au.Z, au.x)
  local Lnat = leontief.multipliers(A)
  T.close((two.A_rr + two.A_sr):get(3, 5), A:get(3, 5), 1e-15, "A_rr + A_sr = A")
  for j = 1, 19 do
    T.close(two.multipliers.total:get(j, 1), Lnat:get(j, 1), 1e-12, "intra + spillover = national " .. j)
  end
  -- numpy on the same blocks (tests/data/australia_2021): spillover and
  -- intraregional multipliers, feedback in percent
  T.close(two.multipliers.spillover:get(1, 1), 0.783745900667, 1e-11, "spillover Agriculture")
  T.close(two.multipliers.spillover:get(2, 1), 0.415369298954, 1e-11, "spillover Mining")
  T.close(two.multipliers.intraregional:get(3, 1), 1.182253165126, 1e-11, "intraregional Manufacturing")
  T.close(two.multipliers.feedback_percent:get(1, 1), 0.02924006153, 1e-9, "feedback % Agriculture")
  T.close(two.L_ss:colsums():get(1, 2), 1.470035411428, 1e-11, "L_ss column sum Mining")
  -- the single-region model is the FLQ table above; feedbacks are never negative
  T.close(two.multipliers.single_region:get(1, 1), tonumber(ref[1][4]), 1e-12, "single region = regionalise")
  T.equal(two.feedback:min() >= -1e-15, true, "feedback >= 0")
end)

T.test("delta sweep: classes per delta and the sectors that change (numpy)", function()
  local sweep = regionalize.delta_sweep(au, reg, { 0.1, 0.3, 0.5 }, nil, { national_sizes = nat })
  -- delta 0.3 agrees with the classes of R's indices
  local classes = linkages.classify({ backward = io_data.column(ref, 5), forward = io_data.column(ref, 6) })
  for i = 1, 19 do T.equal(sweep.classes[2][i], classes[i], "delta 0.3, sector " .. i) end
  -- numpy, same method: these eight sectors change class between 0.1 and 0.5
  T.equal(table.concat(sweep.changed, "; "), "Agriculture, Forestry and Fishing; Mining; Manufacturing; "
    .. "Electricity, Gas, Water and Waste Services; Construction; Wholesale Trade; "
    .. "Transport, Postal and Warehousing; Professional, Scientific and Technical Services", "changed")
  T.equal(table.concat(sweep.by_sector.Mining, " "), "forward forward key", "Mining")
  T.close(sweep.lambda[2], tonumber(ref[1][3]), 1e-12, "lambda at 0.3")
  local custom = regionalize.delta_sweep(au, reg, { 0.2 }, function(L, region)
    local out = {}
    for i = 1, #region.labels do out[i] = "x" end
    return out
  end, { national_sizes = nat })
  T.equal(custom.classes[1][19], "x", "custom classify_fn")
  T.errors("classify_fn must return one class per sector (19)", regionalize.delta_sweep, au, reg, { 0.2 },
    function() return {} end, { national_sizes = nat })
end)

T.test("methods come from one table: a new quotient is a new entry; delta and diagonal defaults written once", function()
  -- a toy quotient of 1 for every pair: the region buys locally all it needs,
  -- so its coefficients are the national ones on the kept sectors
  regionalize.METHODS.unity = { quotients = function(q) return matrix.new(q.s:rows(), q.s:rows(), 1) end }
  local ok, region = pcall(regionalize.regionalise, au, reg, { method = "unity", national_sizes = nat })
  regionalize.METHODS.unity = nil
  assert(ok, region)
  local A = leontief.coefficients(au.Z, au.x)
  T.close(region.A:get(3, 3), A:get(3, 3), 1e-15, "a_33 kept")
  T.equal(region.method, "unity", "method recorded")
  T.equal(region.delta, nil, "no delta for a quotient without lambda")
  -- by hand: reg = {1, 3}, nat = {4, 4}: E^r/E^n = 4/8, lambda* = log2(1.5)^0.3 = 0.8552...;
  -- SLQ = {(1/4)/(4/8), (3/4)/(4/8)} = {0.5, 1.5}
  local lambda = math.log(1.5, 2) ^ 0.3
  T.equal(regionalize.DELTA, 0.3, "Flegg & Webber's delta")
  local Q = regionalize.flq({ 1, 3 }, { 4, 4 })
  T.close(Q:get(1, 1), 0.5 * lambda, 1e-15, "default diagonal SLQ_1 lambda*")
  T.close(Q:get(1, 2), 0.5 / 1.5 * lambda, 1e-15, "CIQ_12 lambda*")
  Q = regionalize.flq({ 1, 3 }, { 4, 4 }, { diagonal = "ciq" })
  T.close(Q:get(2, 2), lambda, 1e-15, "the literal reading: CIQ_22 = 1, lambda* on the diagonal")
  local r = regionalize.regionalise(au, reg, { national_sizes = nat, diagonal = "ciq" })
  T.equal(r.diagonal, "ciq", "diagonal recorded"); T.equal(r.delta, 0.3, "default delta recorded")
  -- SLQ uses neither delta nor a diagonal: none is checked or recorded
  local s = regionalize.regionalise(au, reg, { method = "slq", national_sizes = nat, delta = 5, diagonal = "x" })
  T.equal(s.lambda, nil, "no lambda*"); T.equal(s.diagonal, nil, "no diagonal")
end)

T.test("bad input: sizes", function()
  T.errors("regionalize.slq: reg has 2 sectors, nat has 3", regionalize.slq, { 1, 2 }, { 1, 2, 3 })
  T.errors("regional size of sector 2 is -1; sizes cannot be negative", regionalize.slq, { 1, -1 }, { 5, 5 })
  T.errors("national size of sector 1 (Mining) is -5", regionalize.flq, matrix.from({ 1, 1 }, { "Mining", "Rest" }),
    matrix.from({ -5, 5 }, { "Mining", "Rest" }))
  T.errors("national size of sector 2 (Rest) is 0, so it has no location quotient; drop the sector",
    regionalize.ciq, { 1, 0 }, matrix.from({ 5, 0 }, { "Mining", "Rest" }))
  T.errors("the region is empty: every regional size is 0", regionalize.slq, { 0, 0 }, { 5, 5 })
  T.errors("regional size of sector 1 (3) exceeds its national size (2): are reg and nat swapped?",
    regionalize.slq, { 3, 1 }, { 2, 5 })
  T.errors("regional size of sector 2 is not a finite number", regionalize.slq, { 1, 0 / 0 }, { 5, 5 })
  T.errors("labels of reg and nat differ at sector 1: 'Mining' in reg, 'Rest' in nat", regionalize.slq,
    matrix.from({ 1, 1 }, { "Mining", "Rest" }), matrix.from({ 5, 5 }, { "Rest", "Mining" }))
  T.errors("reg must be a vector, got 2 x 2", regionalize.slq, { { 1, 2 }, { 3, 4 } }, { 5, 5 })
  T.errors("delta must be a number in [0, 1) (Flegg & Webber 1997), got 1.5", regionalize.flq, { 1, 2 }, { 5, 5 },
    { delta = 1.5 })
  T.errors("diagonal must be 'slq' or 'ciq', got 'one'", regionalize.flq, { 1, 2 }, { 5, 5 }, { diagonal = "one" })
end)

T.test("bad input: quotients and tables", function()
  local A = matrix.from { { 0.1, 0.2 }, { 0.3, 0.4 } }
  T.errors("regionalize.apply: Q is 3 x 1; A has 2 sectors", regionalize.apply, A, { 1, 1, 1 })
  T.errors("Q has a negative quotient (-1)", regionalize.apply, A, { -1, 1 })
  T.errors("Q has a value that is not a finite number", regionalize.apply, A, { 1, 0 / 0 })
  T.errors("A must be square (sectors x sectors), got 1 x 2", regionalize.apply, { { 1, 2 } }, { 1 })
  T.errors("no sector buys from sector 1 (its row of A is zero)", regionalize.plq, { 1, 1 }, { 5, 5 },
    { { 0, 0 }, { 0.1, 0.1 } })
  T.errors("no sector that buys from sector 1 is present in the region", regionalize.plq, { 1, 0 }, { 5, 5 },
    { { 0, 0.1 }, { 0.1, 0.1 } })
  T.errors("A has 2 sectors, the sizes have 3", regionalize.plq, { 1, 1, 1 }, { 5, 5, 5 }, A)
  T.errors("regionalize.regionalise: a table record {Z=, x=, f=, v=, labels=} expected", regionalize.regionalise,
    A, reg)
  T.errors("national sizes needed: give opts.national_sizes", regionalize.regionalise, { Z = au.Z, x = au.x }, reg)
  -- the table's employment row is used only when asked for (employment.RULE)
  T.errors("national sizes needed", regionalize.regionalise, au, reg)
  T.errors("national_sizes = 'table', but the table has no employment row", regionalize.regionalise,
    { Z = au.Z, x = au.x }, reg, { national_sizes = "table" })
  T.errors("the regional sizes have 2 sectors, the table has 19", regionalize.regionalise, au, { 1, 1 },
    { national_sizes = { 5, 5 } })
  T.errors("method must be 'aflq', 'ciq', 'flq', 'plq' or 'slq', got 'rsp'", regionalize.regionalise, au, reg,
    { method = "rsp", national_sizes = nat })
  local reversed = {}
  for i = 1, 19 do reversed[i] = au.labels[20 - i] end
  T.errors("labels of reg and nat differ at sector 1: 'Other Services' in reg, 'Agriculture, Forestry and Fishing' "
    .. "in nat", regionalize.regionalise, au, matrix.from(reg:list(), reversed), { national_sizes = "table" })
  T.errors("labels of the table and the regional sizes differ at sector 1: 'Agriculture, Forestry and Fishing' in "
    .. "the table, 'Other Services' in the regional sizes", regionalize.regionalise, au, matrix.from(reg:list(), reversed),
    { national_sizes = nat:list() })
  T.errors("the rest of the country is empty", regionalize.two_region, { Z = au.Z, x = au.x }, nat,
    { national_sizes = nat })
end)

-- leontief.regional (the one-pass table regionalise uses for CIQ, FLQ and
-- AFLQ) against the matrix composition it replaces, to the bit, on a random
-- table (seeded) with sectors absent from the region and both diagonals
T.test("one-pass regional table equals apply and the composition, bit for bit", function()
  math.randomseed(20261130)
  local n = 40
  local Z = matrix.new(n, n):map(function() return math.random() * 100 end)
  local x = Z:rowsums() * 1.5 + 10
  local nat = matrix.new(n, 1):map(function() return 100 + math.random() * 900 end)
  local reg = nat:map(function(v, i) return (i % 7 == 3) and 0 or v * math.random() * 0.5 end)
  local full = nat * 0.25  -- every sector present: Q comparable with regionalize.flq itself
  local tbl = { Z = Z, x = x }
  local A = leontief.coefficients(Z, x)
  for _, method in ipairs { "flq", "aflq", "ciq" } do
    for _, diagonal in ipairs { "slq", "ciq" } do
      for _, sizes in ipairs { reg, full } do
        local what = method .. ", diagonal " .. diagonal .. (sizes == full and ", all sectors" or "")
        local r = regionalize.regionalise(tbl, sizes, { method = method, delta = 0.25, diagonal = diagonal,
          national_sizes = nat, coefficients = sizes == full and A or nil })
        local Ak = A:select(r.kept, r.kept)
        local Ar = regionalize.apply(Ak, r.Q)
        local Zr = Ar:mulcols(r.x)
        T.equal(r.A == Ar, true, what .. ": A^r")
        T.equal(r.Z == Zr, true, what .. ": Z^r")
        T.equal(r.f == r.x - Zr:rowsums(), true, what .. ": f^r")
        T.equal(r.m == (Ak - Ar):mulcols(r.x):colsums(), true, what .. ": m^r")
        if sizes == full and method ~= "ciq" then
          T.equal(r.Q == regionalize[method](sizes, nat, { delta = 0.25, diagonal = diagonal }), true, what .. ": Q")
        end
      end
    end
  end
  T.equal(#regionalize.regionalise(tbl, reg, { national_sizes = nat }).kept < n, true, "some sectors absent")
end)

T.done()
