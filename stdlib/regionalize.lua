-- regionalize.lua -- a regional input-output table from a national one with
-- location quotients: simple (SLQ), purchases-only (PLQ), cross-industry
-- (CIQ), Flegg's FLQ (Flegg, Webber & Elliott 1995; Flegg & Webber 1997) and
-- the augmented AFLQ (Flegg & Webber 2000); regional supply percentages; a
-- two-region model with spillovers and feedbacks; a sweep over FLQ's delta.
-- Miller & Blair (2009), ch. 3 (interregional models) and ch. 8 (LQs).
local matrix = require "matrix"
local leontief = require "leontief"
local check = require "check"

local M = {}

M._help = {
  _about = "regional tables from national ones with location quotients (Flegg & Webber 1997, 2000; Miller & Blair 2009, ch. 8)",
  slq = "regionalize.slq(reg, nat) -> n x 1 simple location quotients (E^r_i/E^r) / (E^n_i/E^n)",
  plq = "regionalize.plq(reg, nat, A) -> n x 1 purchases-only LQs: the totals are those of the sectors buying from i",
  ciq = "regionalize.ciq(reg, nat) -> n x n cross-industry quotients CIQ_ij = SLQ_i / SLQ_j",
  flq = "regionalize.flq(reg, nat [, {delta=0.3, diagonal='slq'|'ciq'}]) -> n x n FLQ, lambda*: "
    .. "CIQ_ij * lambda* off the diagonal, SLQ_i * lambda* (or lambda*) on it; lambda* = log2(1 + E^r/E^n)^delta",
  aflq = "regionalize.aflq(reg, nat [, {delta=0.3, diagonal=}]) -> n x n AFLQ: column j of FLQ times log2(1 + SLQ_j) where SLQ_j > 1",
  lambda = "regionalize.lambda(reg, nat [, delta]) -> lambda* = log2(1 + E^r/E^n)^delta",
  supply_percentages = "regionalize.supply_percentages(A, x_r [, f_r]) -> n x 1 p_i = min(1, x_i^r / (A x^r + f^r)_i)",
  apply = "regionalize.apply(A, Q) -> regional coefficients a_ij * min(Q_ij, 1); Q a vector (by rows) or an n x n matrix",
  regionalise = "regionalize.regionalise(tbl, regional_sizes [, {method='flq', delta=0.3, diagonal=, national_sizes=}]) "
    .. "-> regional record {Z=, x=, f=, v=, m=, A=, Q=, labels=, dropped=, ...}; sizes = employment by default; "
    .. "national_sizes = the nation's (from the region's source, employment.read) or 'table' (the table's row); "
    .. "coefficients = the table's A, made once for many regions; for CIQ, FLQ and AFLQ, Q and Z are made when first read",
  regionalize = "regionalize.regionalize(...) -- the same as regionalize.regionalise",
  describe = "regionalize.describe(region [, name]) -> a line: the method, the diagonal in force, lambda*, the sectors kept",
  two_region = "regionalize.two_region(tbl, regional_sizes [, {method=, delta=, national_sizes=, names={'r','s'}}]) "
    .. "-> {A=, L=, L_rr=, L_rs=, L_sr=, L_ss=, feedback=, multipliers={intraregional=, spillover=, total=, single_region=, feedback_percent=}, records= (one per sector)}",
  METHODS = "regionalize.METHODS -- the methods by name (slq, plq, ciq, flq, aflq): {quotients = function(q, fname), "
    .. "uses_delta =, diagonal =}; regionalise, two_region and delta_sweep dispatch through it",
  method_names = "regionalize.method_names() -> the names of regionalize.METHODS, sorted",
  DELTA = "regionalize.DELTA -- FLQ's delta when none is given (0.3, Flegg & Webber 1997); also METHOD ('flq'), "
    .. "DIAGONAL ('slq'), SWEEP_DELTAS",
  delta_sweep = "regionalize.delta_sweep(tbl, regional_sizes [, deltas [, classify_fn [, opts]]]) -> "
    .. "{deltas=, labels=, classes=, by_sector=, changed=, records=}: key-sector classes for each delta; records = "
    .. "{sector=, changed=, [k] = class at deltas[k]}",
}

local fail = check.failer("regionalize")

-- FLQ's delta when none is given: Flegg & Webber's (1997) estimate, the study's choice
M.DELTA = 0.3
-- the deltas of a sensitivity sweep: the range Flegg & Webber (1997) discuss
M.SWEEP_DELTAS = { 0.1, 0.2, 0.3, 0.4, 0.5 }
-- the diagonal of CIQ, FLQ and AFLQ when none is given: SLQ_i, Flegg & Webber's
-- (1997) convention ("ciq" puts CIQ_ii = 1 there, the literal reading)
M.DIAGONAL = "slq"
-- the method when none is given: Flegg's location quotient
M.METHOD = "flq"

local function delta_of(opts)
  if opts.delta == nil then return M.DELTA end
  return opts.delta
end

local function diagonal_of(opts, fname)
  return check.one_of("regionalize." .. fname, "diagonal", opts.diagonal or M.DIAGONAL, { "slq", "ciq" })
end

local function sector(labels, i)
  local l = labels and labels[i]
  return l and string.format("sector %d (%s)", i, l) or string.format("sector %d", i)
end

-- an n x 1 matrix from a Lua array or an n x 1 / 1 x n matrix, labels kept
local function vector(v, fname, what)
  if type(v) == "table" and not matrix.ismatrix(v) then v = matrix.from(v) end
  if not matrix.ismatrix(v) then fail(fname, "%s must be a vector, got %s", what, type(v)) end
  if v:rows() == 1 and v:cols() ~= 1 then v = v:t() end
  if v:cols() ~= 1 then fail(fname, "%s must be a vector, got %d x %d", what, v:rows(), v:cols()) end
  return v
end

local function labels_agree(a, b, fname, what_a, what_b)
  if not (a and b) then return end
  for i = 1, math.min(#a, #b) do
    if a[i] ~= b[i] then
      fail(fname, "labels of %s and %s differ at sector %d: '%s' in %s, '%s' in %s",
        what_a, what_b, i, a[i], what_a, b[i], what_b)
    end
  end
end

-- Regional and national sizes (employment, output or value added by
-- sector): equally long, finite, non-negative, the region within the nation,
-- every national size positive, the region not empty. Returns reg, nat
-- (n x 1) and the sector labels.
local function sizes(reg, nat, fname)
  reg, nat = vector(reg, fname, "reg"), vector(nat, fname, "nat")
  local n = reg:rows()
  if nat:rows() ~= n then fail(fname, "reg has %d sectors, nat has %d", n, nat:rows()) end
  local labels = nat:rownames() or reg:rownames()
  labels_agree(reg:rownames(), nat:rownames(), fname, "reg", "nat")
  -- whole-vector checks first (min propagates NaN); the loop names the sector
  local fine = reg:min() >= 0 and nat:min() > 0 and (nat - reg):min() >= 0
    and math.abs(reg:sum() + nat:sum()) < math.huge
  for i = 1, fine and 0 or n do
    local r, m = reg:get(i, 1), nat:get(i, 1)
    if r ~= r or math.abs(r) == math.huge then fail(fname, "regional size of %s is not a finite number", sector(labels, i)) end
    if m ~= m or math.abs(m) == math.huge then fail(fname, "national size of %s is not a finite number", sector(labels, i)) end
    if r < 0 then fail(fname, "regional size of %s is %g; sizes cannot be negative", sector(labels, i), r) end
    if m < 0 then fail(fname, "national size of %s is %g; sizes cannot be negative", sector(labels, i), m) end
    if m == 0 then
      fail(fname, "national size of %s is 0, so it has no location quotient; drop the sector", sector(labels, i))
    end
    if r > m then
      fail(fname, "regional size of %s (%g) exceeds its national size (%g): are reg and nat swapped?",
        sector(labels, i), r, m)
    end
  end
  if reg:sum() == 0 then fail(fname, "the region is empty: every regional size is 0") end
  return reg, nat, labels
end

local function labelled(m, rows, cols)
  if rows or cols then m:setnames(rows, cols) end
  return m
end

-- SLQ_i = (E^r_i / E^r) / (E^n_i / E^n)   (Miller & Blair 2009, ch. 8, simple LQ)
local function slq_of(reg, nat, labels)
  return labelled(reg:ediv(nat) * (nat:sum() / reg:sum()), labels)
end

-- lambda* = [log2(1 + E^r / E^n)]^delta, 0 <= delta < 1 (Flegg & Webber 1997)
local function lambda_of(reg, nat, delta, fname)
  if type(delta) ~= "number" or not (delta >= 0 and delta < 1) then
    fail(fname, "delta must be a number in [0, 1) (Flegg & Webber 1997), got %s", tostring(delta))
  end
  return (math.log(1 + reg:sum() / nat:sum(), 2)) ^ delta
end

-- CIQ_ij = SLQ_i / SLQ_j (Miller & Blair 2009, ch. 8): the supplying sector i
-- relative to the buying sector j; undefined for a j absent from the region
local function ciq_of(s, labels, fname)
  for j = 1, s:rows() do
    if s:get(j, 1) == 0 then
      fail(fname, "%s has no regional size, so CIQ_ij = SLQ_i / SLQ_j is undefined in its column; "
        .. "drop the sector (regionalise does)", sector(labels, j))
    end
  end
  return s * (1 / s):t()
end

-- CIQ with the diagonal in force: SLQ_i (diagonal "slq") or CIQ_ii = 1 ("ciq")
local function ciq_diagonal(s, diagonal, labels, fname)
  local Q = ciq_of(s, labels, fname)
  if diagonal == "slq" then
    for i = 1, s:rows() do Q:set(i, i, s:get(i, 1)) end
  end
  return Q
end

-- FLQ_ij = CIQ_ij * lambda* for i ~= j; on the diagonal SLQ_i * lambda*
-- (Flegg & Webber 1997), or CIQ_ii * lambda* = lambda* with diagonal = "ciq"
local function flq_of(s, lambda, diagonal, labels, fname)
  return ciq_diagonal(s, diagonal, labels, fname) * lambda
end

-- AFLQ_ij = FLQ_ij * log2(1 + SLQ_j) where SLQ_j > 1 (Flegg & Webber
-- 2000): a regionally specialised buyer j draws more on local suppliers
local function aflq_weights(s)
  local w = matrix.new(s:rows(), 1, 1)
  for j = 1, s:rows() do
    local sj = s:get(j, 1)
    if sj > 1 then w:set(j, 1, math.log(1 + sj, 2)) end
  end
  return w
end

local function aflq_of(s, lambda, diagonal, labels, fname)
  return flq_of(s, lambda, diagonal, labels, fname):mulcols(aflq_weights(s))
end

function M.slq(reg, nat)
  local r, n, labels = sizes(reg, nat, "slq")
  return slq_of(r, n, labels)
end

function M.lambda(reg, nat, delta)
  local r, n = sizes(reg, nat, "lambda")
  return lambda_of(r, n, delta_of { delta = delta }, "lambda")
end

function M.ciq(reg, nat)
  local r, n, labels = sizes(reg, nat, "ciq")
  return ciq_of(slq_of(r, n, labels), labels, "ciq")
end

function M.flq(reg, nat, opts)
  opts = opts or {}
  local r, n, labels = sizes(reg, nat, "flq")
  local lambda = lambda_of(r, n, delta_of(opts), "flq")
  return flq_of(slq_of(r, n, labels), lambda, diagonal_of(opts, "flq"), labels, "flq"), lambda
end

function M.aflq(reg, nat, opts)
  opts = opts or {}
  local r, n, labels = sizes(reg, nat, "aflq")
  local lambda = lambda_of(r, n, delta_of(opts), "aflq")
  return aflq_of(slq_of(r, n, labels), lambda, diagonal_of(opts, "aflq"), labels, "aflq"), lambda
end

-- a square coefficient matrix with n sectors
local function square(A, fname, n)
  if type(A) == "table" and not matrix.ismatrix(A) then A = matrix.from(A) end
  if not matrix.ismatrix(A) then fail(fname, "A must be a matrix, got %s", type(A)) end
  if A:rows() ~= A:cols() then fail(fname, "A must be square (sectors x sectors), got %d x %d", A:rows(), A:cols()) end
  if n and A:rows() ~= n then fail(fname, "A has %d sectors, the sizes have %d", A:rows(), n) end
  return A
end

-- Purchases-only LQ (Miller & Blair 2009, ch. 8): the SLQ with the totals
-- E^r and E^n replaced by the sizes of the sectors that buy from i, i.e.
-- the j with a_ij > 0:
--   PLQ_i = (E^r_i / sum_{j: a_ij > 0} E^r_j) / (E^n_i / sum_{j: a_ij > 0} E^n_j)
-- (rows: only these sectors' quotients, as 1-based indices; all by default)
local function plq_of(r, n, A, labels, fname, rows)
  local buyers = (rows and A:select(rows, nil) or A):gt(0)
  local reg_buyers, nat_buyers = buyers * r, buyers * n
  local rk, nk = rows and r:select(rows) or r, rows and n:select(rows) or n
  for k = 1, rk:rows() do
    local i = rows and rows[k] or k
    if nat_buyers:get(k, 1) == 0 then
      fail(fname, "no sector buys from %s (its row of A is zero), so its purchases-only LQ is undefined",
        sector(labels, i))
    end
    if reg_buyers:get(k, 1) == 0 then
      fail(fname, "no sector that buys from %s is present in the region, so its purchases-only LQ is "
        .. "undefined; drop the sectors absent from the region", sector(labels, i))
    end
  end
  local kl = labels
  if labels and rows then
    kl = {}
    for k, i in ipairs(rows) do kl[k] = labels[i] end
  end
  return labelled(rk:ediv(reg_buyers):emul(nat_buyers:ediv(nk)), kl)
end

function M.plq(reg, nat, A)
  local r, n, labels = sizes(reg, nat, "plq")
  return plq_of(r, n, square(A, "plq", r:rows()), labels, "plq")
end

-- Regional supply percentages (the commodity-balance or supply-demand pool
-- approach, Miller & Blair 2009, ch. 8): regional requirements at national
-- technology d = A x^r + f^r; p_i = min(1, x^r_i / d_i), and p_i = 1 where
-- there is no requirement to meet (d_i = 0).
function M.supply_percentages(A, x_r, f_r)
  local fname = "supply_percentages"
  x_r = vector(x_r, fname, "x_r")
  A = square(A, fname, x_r:rows())
  local d = A * x_r
  if f_r ~= nil then
    f_r = vector(f_r, fname, "f_r")
    if f_r:rows() ~= x_r:rows() then fail(fname, "f_r has %d sectors, x_r has %d", f_r:rows(), x_r:rows()) end
    d = d + f_r
  end
  local labels = A:rownames()
  local p = matrix.new(x_r:rows(), 1)
  for i = 1, x_r:rows() do
    local xi, di = x_r:get(i, 1), d:get(i, 1)
    if not (xi >= 0) then fail(fname, "regional output of %s is %s; it cannot be negative", sector(labels, i), xi) end
    if not (di >= 0) then fail(fname, "regional requirement of %s is %g; it cannot be negative", sector(labels, i), di) end
    p:set(i, 1, (di == 0 or xi >= di) and 1 or xi / di)
  end
  return labelled(p, labels)
end

-- min(Q, 1) elementwise, after checking Q is finite and non-negative
local function capped(Q, fname)
  local total = Q:sum()
  if total ~= total or math.abs(total) == math.huge then fail(fname, "Q has a value that is not a finite number") end
  if Q:min() < 0 then fail(fname, "Q has a negative quotient (%g)", Q:min()) end
  local below = Q:lt(1)
  return Q:emul(below) + (1 - below)
end

-- a^r_ij = a_ij * min(Q_ij, 1) (Miller & Blair 2009, ch. 8): a quotient of
-- 1 or more means the region supplies all it needs of i; a vector Q of
-- per-sector quotients (SLQ, PLQ, supply percentages) scales the rows
function M.apply(A, Q)
  local fname = "apply"
  A = square(A, fname)
  local n = A:rows()
  if type(Q) == "table" and not matrix.ismatrix(Q) then Q = matrix.from(Q) end
  if not matrix.ismatrix(Q) then fail(fname, "Q must be a vector or a matrix, got %s", type(Q)) end
  if Q:rows() == n and Q:cols() == n and n > 1 then return A:emul(capped(Q, fname)) end
  if #Q == n and (Q:rows() == 1 or Q:cols() == 1) then return A:mulrows(capped(Q, fname)) end
  fail(fname, "Q is %d x %d; A has %d sectors (give n quotients or an n x n matrix)", Q:rows(), Q:cols(), n)
end

-- ---------------------------------------------------------------------
-- regional tables
-- ---------------------------------------------------------------------

-- the national record: Z (n x n), x (n x 1), labels; returns A and labels.
-- A is opts.coefficients when given: leontief.coefficients(tbl.Z, tbl.x),
-- made once for many regions of one table (the atlas)
local function national(tbl, fname, coefficients)
  if type(tbl) ~= "table" or tbl.Z == nil or tbl.x == nil then
    fail(fname, "a table record {Z=, x=, f=, v=, labels=} expected")
  end
  local Z = square(tbl.Z, fname)
  local labels = tbl.labels or Z:rownames() or Z:colnames()
  local A = coefficients
  if A then
    A = square(A, fname, Z:rows())
  else
    A = leontief.coefficients(Z, tbl.x)
    if labels then A:setnames(labels, labels) end
  end
  return A, vector(tbl.x, fname, "tbl.x"), labels
end

-- the national sizes: opts.national_sizes, or "table" for the table's
-- employment row; never the table's row by default (employment.RULE: E^r and
-- E^n from one source, so that the prompt and the scripts agree)
local function national_sizes(tbl, opts, fname)
  local nat = opts.national_sizes
  if nat == "table" then
    if tbl.employment == nil then fail(fname, "national_sizes = 'table', but the table has no employment row") end
    return tbl.employment
  end
  if nat == nil then
    fail(fname, "national sizes needed: give opts.national_sizes, the nation's employment from the same source as"
      .. " the region's (employment.read(path, tbl).national), or 'table' for the table's employment row")
  end
  return nat
end

-- The regionalisation methods: each builds the quotients of the kept sectors
-- from q = {s = their SLQs, labels = their labels, lambda = lambda*, diagonal =
-- "slq"|"ciq", reg =, nat = (all sectors), A = the national coefficients, keep =
-- the kept sectors' indices, all_labels =}. uses_delta: lambda* enters the
-- quotients; diagonal: the diagonal option applies; one_pass: Q_ij = (SLQ_i /
-- SLQ_j) lambda* w_j (w = weights(s), else 1), so regionalise makes the table
-- with leontief.regional in one pass. A new quotient is a new entry.
M.METHODS = {
  slq = { quotients = function(q) return q.s end },
  plq = { quotients = function(q, fname) return plq_of(q.reg, q.nat, q.A, q.all_labels, fname, q.keep) end },
  ciq = { diagonal = true, one_pass = true,
    quotients = function(q, fname) return ciq_diagonal(q.s, q.diagonal, q.labels, fname) end },
  flq = { uses_delta = true, diagonal = true, one_pass = true,
    quotients = function(q, fname) return flq_of(q.s, q.lambda, q.diagonal, q.labels, fname) end },
  aflq = { uses_delta = true, diagonal = true, one_pass = true, weights = aflq_weights,
    quotients = function(q, fname) return aflq_of(q.s, q.lambda, q.diagonal, q.labels, fname) end },
}

-- the method names, sorted (for messages and options)
function M.method_names()
  local names = {}
  for name in pairs(M.METHODS) do names[#names + 1] = name end
  table.sort(names)
  return names
end

-- the name and record of opts.method
local function method_of(opts, fname)
  local name = opts.method or M.METHOD
  local m = M.METHODS[name]
  if not m then
    fail(fname, "method must be %s, got '%s'", check.alternatives(M.method_names()), tostring(name))
  end
  return name, m
end

-- the quotients of `method` for the kept sectors, with SLQs and lambda* from
-- the whole economy's totals (dropping sectors must not change them)
local function quotients(method, reg, nat, A, keep, opts, labels, fname)
  local m = M.METHODS[method]
  local s = slq_of(reg, nat, labels)
  local sk = s:select(keep)
  local lambda = m.uses_delta and lambda_of(reg, nat, delta_of(opts), fname) or nil
  local q = { s = sk, labels = labels and sk:rownames(), lambda = lambda,
    diagonal = m.diagonal and diagonal_of(opts, fname) or nil, reg = reg, nat = nat, A = A, keep = keep,
    all_labels = labels }
  return m.quotients(q, fname), lambda
end

-- the national table's A, x and labels with the regional and national sizes,
-- checked to have the table's sectors in its order
local function table_and_sizes(tbl, regional_sizes, opts, fname)
  local A, x, labels = national(tbl, fname, opts.coefficients)
  local n = A:rows()
  local reg, nat = sizes(regional_sizes, national_sizes(tbl, opts, fname), fname)
  if reg:rows() ~= n then fail(fname, "the regional sizes have %d sectors, the table has %d", reg:rows(), n) end
  labels_agree(labels, reg:rownames(), fname, "the table", "the regional sizes")
  labels_agree(labels, nat:rownames(), fname, "the table", "the national sizes")
  return A, x, labels, n, reg, nat
end

-- CIQ, FLQ, AFLQ: A^r, f^r and m^r from leontief.regional in one pass over
-- the kept block of A (the numbers of apply and the composition in
-- regionalise, to the bit); Q and Z^r, k x k each, are made when first read
-- (the atlas reads neither)
local function one_pass_table(method, m, A, reg, nat, keep, xr, opts, labels, kept, fname)
  local s = slq_of(reg, nat, labels):select(keep)
  local lambda = m.uses_delta and lambda_of(reg, nat, delta_of(opts), fname) or nil
  local ok, Ar, f, imports = pcall(leontief.regional, A, keep, s, lambda or 1, xr, m.weights and m.weights(s),
    diagonal_of(opts, fname))
  if not ok then fail(fname, "%s", (tostring(Ar):gsub("^leontief%.regional: ", ""))) end
  if kept then Ar:setnames(kept, kept) end
  local later = {
    Q = function() return (quotients(method, reg, nat, A, keep, opts, labels, fname)) end,
    Z = function(t) return t.A:mulcols(xr) end,
  }
  return setmetatable({ A = Ar, f = f, m = imports, lambda = lambda }, { __index = function(t, key)
    local make = later[key]
    if not make then return nil end
    local v = make(t)
    rawset(t, key, v)
    return v
  end })
end

-- The regional record (Miller & Blair 2009, ch. 8; the study's procedure):
-- sectors with no regional size are dropped; regional output from national
-- output per unit of size, x^r_i = x_i E^r_i / E^n_i; A^r = apply(A, Q);
-- Z^r = A^r diag(x^r); f^r = x^r - Z^r 1 (all sales outside the regional
-- intermediate market: local final demand and exports); m^r_j = sum_i (a_ij
-- - a^r_ij) x^r_j (intermediate inputs bought outside the region); v^r keeps
-- the national value-added coefficients (same technology).
function M.regionalise(tbl, regional_sizes, opts)
  local fname = "regionalise"
  opts = opts or {}
  local A, x, labels, n, reg, nat = table_and_sizes(tbl, regional_sizes, opts, fname)
  local keep, dropped = {}, {}
  for i = 1, n do
    if reg:get(i, 1) > 0 then keep[#keep + 1] = i else dropped[#dropped + 1] = labels and labels[i] or i end
  end
  local method, m = method_of(opts, fname)
  local rk, nk = reg:select(keep), nat:select(keep)
  local xr = x:select(keep):emul(rk):ediv(nk)
  local kept = labels and {}
  if kept then for k, i in ipairs(keep) do kept[k] = labels[i] end end
  local res
  if m.one_pass then
    res = one_pass_table(method, m, A, reg, nat, keep, xr, opts, labels, kept, fname)
  else
    local Q, lambda = quotients(method, reg, nat, A, keep, opts, labels, fname)
    local Ak = A:select(keep, keep)
    local Ar = M.apply(Ak, Q)
    local Zr = Ar:mulcols(xr)
    res = { Z = Zr, A = Ar, Q = Q, lambda = lambda, f = xr - Zr:rowsums(), m = (Ak - Ar):mulcols(xr):colsums() }
  end
  res.x, res.method = labelled(xr, kept, { "output" }), method
  labelled(res.f, kept, { "final demand and exports" })
  labelled(res.m, { "intermediate imports" }, kept)
  res.employment = labelled(rk, kept, { "regional size" })
  res.labels, res.kept, res.dropped = kept or nil, keep, dropped
  res.size_share = reg:sum() / nat:sum()
  if m.uses_delta then res.delta = delta_of(opts) end
  if m.diagonal then res.diagonal = diagonal_of(opts, fname) end
  if tbl.v then
    local v = tbl.v
    if not matrix.ismatrix(v) then v = matrix.from(v) end
    if v:cols() ~= n then fail(fname, "tbl.v has %d columns, the table has %d sectors", v:cols(), n) end
    res.v = v:select(nil, keep):divcols(x:select(keep)):mulcols(xr)
  end
  return res
end
M.regionalize = M.regionalise

-- what a regional record was made with, in a line: the method, the diagonal
-- in force, lambda* and the sectors kept
function M.describe(region, name)
  local diag = { slq = "SLQ_i, Flegg & Webber", ciq = "CIQ_ii = 1, the study's literal reading" }
  local n = #region.kept + #region.dropped
  return string.format("%s%s%s; %d of %d sectors present in %s%s", region.method:upper(),
    region.diagonal and " (diagonal " .. diag[region.diagonal] .. ")" or "",
    region.delta and string.format(": lambda* = [log2(1 + %.5f)]^%g = %.4f", region.size_share, region.delta,
      region.lambda) or "", #region.kept, n, name or "the region",
    #region.dropped > 0 and " (dropped: " .. table.concat(region.dropped, "; ") .. ")" or "")
end

-- prefixes every label: "r: Mining"
local function prefixed(labels, prefix, n)
  local out = {}
  for i = 1, n do out[i] = prefix .. ": " .. (labels and labels[i] or tostring(i)) end
  return out
end

-- one record per sector of the two-region output multipliers
local function multiplier_records(kept, intra, spill, single)
  local out = {}
  for i = 1, intra:rows() do
    local a, b, c = intra:get(i, 1), spill:get(i, 1), single:get(i, 1)
    out[i] = { sector = kept and kept[i] or i, intraregional = a, spillover = b, total = a + b, single_region = c,
      feedback_percent = (a - c) / a * 100 }
  end
  return out
end

-- Two-region model, region r and the rest of the country s (Miller & Blair
-- 2009, ch. 3, interregional models; ch. 8 for the coefficients). With the
-- national domestic coefficients A and quotients for each region against the
-- nation: A^rr = apply(A, Q^r), A^ss = apply(A, Q^s); what a region does not
-- buy locally it buys from the other region, A^sr = A - A^rr, A^rs = A - A^ss.
-- The 2n x 2n inverse is formed explicitly because its blocks are read:
-- L^sr (output in s per unit of final demand in r) gives the spillovers, and
-- L^rr - (I - A^rr)^-1 the interregional feedback effects (ch. 3).
function M.two_region(tbl, regional_sizes, opts)
  local fname = "two_region"
  opts = opts or {}
  local A, x, labels, n, reg, nat = table_and_sizes(tbl, regional_sizes, opts, fname)
  local rest = nat - reg
  if rest:sum() == 0 then fail(fname, "the rest of the country is empty: the region holds every sector's whole size") end
  local keep, dropped = {}, {}
  for i = 1, n do
    if reg:get(i, 1) > 0 and rest:get(i, 1) > 0 then keep[#keep + 1] = i
    else dropped[#dropped + 1] = labels and labels[i] or i end
  end
  local method = method_of(opts, fname)
  local Qr = quotients(method, reg, nat, A, keep, opts, labels, fname)
  local Qs = quotients(method, rest, nat, A, keep, opts, labels, fname)
  local Ak = A:select(keep, keep)
  local k = #keep
  local Arr, Ass = M.apply(Ak, Qr), M.apply(Ak, Qs)
  local Asr, Ars = Ak - Arr, Ak - Ass
  local kept = Ak:rownames()
  local names = opts.names or { "r", "s" }
  local all = prefixed(kept, names[1], k)
  for i, l in ipairs(prefixed(kept, names[2], k)) do all[k + i] = l end
  local A2 = matrix.vcat(matrix.hcat(Arr, Ars), matrix.hcat(Asr, Ass)):setnames(all, all)
  local L2 = leontief.inverse(A2)
  local function block(r0, c0) return L2:slice(r0 + 1, r0 + k, c0 + 1, c0 + k):setnames(kept, kept) end
  local Lrr, Lrs, Lsr, Lss = block(0, 0), block(0, k), block(k, 0), block(k, k)
  local Lr = leontief.inverse(Arr)
  local intra, spill = Lrr:colsums():t(), Lsr:colsums():t()
  local single = Lr:colsums():t()
  local xk = x:select(keep)
  return {
    A = A2, L = L2, L_rr = Lrr, L_rs = Lrs, L_sr = Lsr, L_ss = Lss, L_r = Lr,
    A_rr = Arr, A_rs = Ars, A_sr = Asr, A_ss = Ass,
    feedback = Lrr - Lr,
    multipliers = {
      intraregional = intra, spillover = spill, total = intra + spill, single_region = single,
      -- Miller & Blair's percentage error of ignoring feedbacks
      feedback_percent = (intra - single):ediv(intra) * 100,
    },
    records = multiplier_records(kept, intra, spill, single),
    x_r = labelled(xk:emul(reg:select(keep)):ediv(nat:select(keep)), kept, { "output" }),
    x_s = labelled(xk:emul(rest:select(keep)):ediv(nat:select(keep)), kept, { "output" }),
    labels = kept, kept = keep, dropped = dropped, names = names,
  }
end

-- The key-sector classification of the regional table for each delta (the
-- study uses delta = 0.3; Flegg & Webber discuss 0.1 to 0.5).
-- classify_fn(L, region) returns a class per sector of region.labels; the
-- default is linkages.classify(linkages.rasmussen(L), opts).
function M.delta_sweep(tbl, regional_sizes, deltas, classify_fn, opts)
  local fname = "delta_sweep"
  opts = opts or {}
  deltas = deltas or M.SWEEP_DELTAS
  if type(deltas) ~= "table" or #deltas == 0 then fail(fname, "deltas must be a non-empty list of numbers") end
  if classify_fn == nil then
    local linkages = require "linkages"
    classify_fn = function(L) return (linkages.classify(linkages.rasmussen(L), opts)) end
  elseif type(classify_fn) ~= "function" then
    fail(fname, "classify_fn must be a function, got %s", type(classify_fn))
  end
  local res = { deltas = deltas, classes = {}, lambda = {}, by_sector = {}, changed = {}, records = {} }
  for k, delta in ipairs(deltas) do
    local region = M.regionalise(tbl, regional_sizes, {
      method = opts.method, delta = delta, diagonal = opts.diagonal, national_sizes = opts.national_sizes })
    local classes = classify_fn(leontief.inverse(region.A), region)
    res.labels = res.labels or region.labels or region.kept
    if type(classes) ~= "table" or #classes ~= #res.labels then
      fail(fname, "classify_fn must return one class per sector (%d), got %s", #res.labels,
        type(classes) == "table" and #classes or type(classes))
    end
    res.classes[k], res.lambda[k] = classes, region.lambda
  end
  for i, l in ipairs(res.labels) do
    local row, differs = {}, false
    for k = 1, #deltas do
      row[k] = res.classes[k][i]
      differs = differs or row[k] ~= row[1]
    end
    res.by_sector[l] = row
    if differs then res.changed[#res.changed + 1] = l end
    -- a record per sector: its class at each delta under [k]
    local rec = { sector = l, changed = differs }
    for k = 1, #deltas do rec[k] = row[k] end
    res.records[#res.records + 1] = rec
  end
  return res
end

return M
