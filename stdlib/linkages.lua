-- linkages.lua -- key sectors from inter-industry linkages: Rasmussen's (1956)
-- power and sensitivity of dispersion with Hazari's (1970) coefficients of
-- variation, Hazari's final-demand-weighted indices, Jones (1976) and Laumas
-- (1976) weighted linkages, Chenery & Watanabe's (1958) direct linkages,
-- hypothetical extraction (Dietzenbacher & van der Linden 1997) and the
-- multiplier product matrix (Sonis, Hewings & Guo 1997). Miller & Blair
-- (2009), ch. 12, throughout.
local matrix = require "matrix"
local leontief = require "leontief"
local check = require "check"

local M = {}

M._help = {
  _about = "key sectors from backward and forward linkages (Miller & Blair 2009, ch. 12)",
  rasmussen = "linkages.rasmussen(L) -> {backward=, forward=, cv_backward=, cv_forward=, labels=}: "
    .. "power (n colsum_j / sum L) and sensitivity (n rowsum_i / sum L) of dispersion, Hazari's "
    .. "coefficients of variation of column j and row i of L (sd with n - 1 over the mean); n x 1 each",
  classify = "linkages.classify(res [, {local_serving = {labels or indices}, threshold = 1}]) -> classes, by_label: "
    .. "'key' (both > 1), 'backward', 'forward', 'weak', or 'local' for sectors set aside",
  hazari = "linkages.hazari(L, f) -> {backward=, forward=, weights=}: Rasmussen's indices with L weighted "
    .. "by final-demand shares (f may be n x k: summed over categories)",
  jones = "linkages.jones(L, G, f, v) -> {backward=, forward=}: backward from L weighted by final demand, "
    .. "forward from the Ghosh inverse G weighted by value added (v may be m x n rows: summed)",
  laumas = "linkages.laumas(L, G, f, v) -- the same as linkages.jones",
  chenery_watanabe = "linkages.chenery_watanabe(A, B) -> {backward=, forward=}: direct linkages, column "
    .. "sums of A and row sums of B (not of L)",
  hypothetical_extraction = "linkages.hypothetical_extraction(A, f [, sector]) -> {total=, backward=, forward=, "
    .. "output=, percent={...}}: output lost when a sector is extracted (all sectors when none is given)",
  mpm = "linkages.mpm(L) -> n x n multiplier product matrix, MPM_ij = rowsum_i * colsum_j / sum L",
}

local fail = check.failer("linkages")

-- a square matrix (a table of rows becomes one)
local function square(m, fname, what)
  if type(m) == "table" and not matrix.ismatrix(m) then m = matrix.from(m) end
  if not matrix.ismatrix(m) then fail(fname, "%s must be a matrix, got %s", what, type(m)) end
  if m:rows() ~= m:cols() then
    fail(fname, "%s must be square (sectors x sectors), got %d x %d", what, m:rows(), m:cols())
  end
  return m
end

-- an n x 1 vector from a Lua array or an n x 1 / 1 x n matrix; an n x k
-- matrix (final demand by category) is summed over its columns with
-- sum_over = "cols", an m x n matrix (value-added rows) over its rows with
-- sum_over = "rows"
local function vector(v, n, fname, what, sum_over)
  if type(v) == "table" and not matrix.ismatrix(v) then v = matrix.from(v) end
  if not matrix.ismatrix(v) then fail(fname, "%s must be a vector, got %s", what, type(v)) end
  if v:cols() == 1 and v:rows() == n then return v end
  if v:rows() == 1 and v:cols() == n then return v:t() end
  if sum_over == "cols" and v:rows() == n then return v:rowsums() end
  if sum_over == "rows" and v:cols() == n then return v:colsums():t() end
  fail(fname, "%s has %d x %d elements, the table has %d sectors", what, v:rows(), v:cols(), n)
end

-- a 1-based sector index from an index or a label of L's columns
local function sector_index(m, s, fname)
  local n = m:rows()
  if type(s) == "number" then
    if s ~= math.floor(s) or s < 1 or s > n then fail(fname, "sector index %s out of range 1..%d", s, n) end
    return s
  end
  local labels = m:colnames() or m:rownames()
  for i, l in ipairs(labels or {}) do if l == s then return i end end
  fail(fname, "no sector labelled '%s'", tostring(s))
end

-- a vector scaled to average 1: n v_i / sum v (Rasmussen's normalisation)
local function normalised(v, n, fname, what)
  local total = v:sum()
  if not (total > 0) then fail(fname, "%s sum to %g; the weights must have a positive total", what, total) end
  return v * (n / total)
end

-- Rasmussen (1956); Miller & Blair (2009) sect. 12.2: with L = (I - A)^-1,
--   backward_j = (1/n) sum_i l_ij / ((1/n^2) sum_ij l_ij)   (power of dispersion, columns)
--   forward_i  = (1/n) sum_j l_ij / ((1/n^2) sum_ij l_ij)   (sensitivity of dispersion, rows)
-- Hazari (1970): coefficients of variation, the sample standard deviation
-- (divisor n - 1) of column j (backward) or row i (forward) over its mean;
-- a low value means the effects spread evenly over many sectors.
function M.rasmussen(L)
  L = square(L, "rasmussen", "L")
  local n = L:rows()
  if n < 2 then fail("rasmussen", "L has %d sector; linkages need at least 2", n) end
  -- the sum, column and row sums and sds of L in two passes (L:margins)
  local total, colsums, rowsums, colsd, rowsd = L:margins()
  colsums = colsums:t()
  local labels = L:colnames() or L:rownames()
  if not (total > 0 and total < math.huge) then   -- also NaN: never NaN indices
    fail("rasmussen", "L sums to %s; a Leontief inverse has a positive, finite total "
      .. "(an all-zero or non-finite L is not one)", tostring(total))
  end
  -- a zero column or row of L has no coefficient of variation (0 / 0)
  for _, c in ipairs { { "column", colsums }, { "row", rowsums } } do
    local what, sums = c[1], c[2]
    if not (sums:abs():min() > 0) then
      for i = 1, n do
        if sums:get(i) == 0 then
          fail("rasmussen", "%s %d (%s) of L sums to 0; a Leontief inverse has l_ii >= 1",
            what, i, labels and labels[i] or "unlabelled")
        end
      end
    end
  end
  -- the means are the sums / n, as L:mean would compute them (same bits)
  return {
    backward = colsums * (n / total),
    forward = rowsums * (n / total),
    cv_backward = colsd:t():ediv(colsums / n),
    cv_forward = rowsd:ediv(rowsums / n),
    labels = labels,
  }
end

-- "key" when both indices exceed the threshold (1, the average), "backward" or
-- "forward" when one does, "weak" when neither; sectors listed in
-- opts.local_serving (labels or indices) are set aside as "local", as the
-- study does for sectors that serve only the local market.
function M.classify(res, opts)
  opts = opts or {}
  if type(res) ~= "table" or res.backward == nil or res.forward == nil then
    fail("classify", "a result of linkages.rasmussen (with backward and forward) expected")
  end
  local n = #res.backward
  local b = vector(res.backward, n, "classify", "backward")
  local f = vector(res.forward, n, "classify", "forward")
  local threshold = opts.threshold or 1
  local labels = res.labels or b:rownames()
  local set_aside = {}
  for _, s in ipairs(opts.local_serving or {}) do
    local found
    if type(s) == "number" then
      found = s >= 1 and s <= n and s == math.floor(s) and s or nil
    else
      for i, l in ipairs(labels or {}) do if l == s then found = i end end
    end
    if not found then fail("classify", "local-serving sector '%s' is not in the table", tostring(s)) end
    set_aside[found] = true
  end
  local classes, by_label = {}, {}
  for i = 1, n do
    local bi, fi = b:get(i, 1), f:get(i, 1)
    local c
    if bi ~= bi or fi ~= fi then
      fail("classify", "sector %d (%s) has a NaN linkage index; no class can be given",
        i, labels and labels[i] or "unlabelled")
    end
    if set_aside[i] then c = "local"
    elseif bi > threshold and fi > threshold then c = "key"
    elseif bi > threshold then c = "backward"
    elseif fi > threshold then c = "forward"
    else c = "weak" end
    classes[i] = c
    if labels then by_label[labels[i]] = c end
  end
  return classes, by_label
end

-- Hazari (1970): Rasmussen's indices computed on L weighted by the final-
-- demand shares w = f / sum(f) of the sectors:
--   backward_j = n sum_i w_i l_ij / sum_ij w_i l_ij,
--   forward_i  = n sum_j l_ij w_j / sum_ij l_ij w_j   (= n x_i / sum x, as L f = x).
-- With equal shares both reduce to Rasmussen's indices.
function M.hazari(L, f)
  L = square(L, "hazari", "L")
  local n = L:rows()
  f = vector(f, n, "hazari", "f", "cols")
  local total = f:sum()
  if not (total > 0) then fail("hazari", "final demand sums to %g; the weights need a positive total", total) end
  local w = f * (1 / total)
  return {
    backward = normalised(L:crossprod(w), n, "hazari", "the weighted column sums"),
    forward = normalised(L * w, n, "hazari", "the weighted row sums"),
    weights = w,
  }
end

-- Laumas (1976) weights the backward linkage of sector j, the column sum of
-- L, by j's final demand; Jones (1976) measures forward linkages on the Ghosh
-- inverse G (rows = selling sectors, Miller & Blair sect. 12.1), weighted by
-- primary inputs (value added) v_i, since x' = v' G:
--   backward_j = n f_j sum_i l_ij / sum_k f_k sum_i l_ik   (share of the output 1'L f = 1'x due to j's final demand)
--   forward_i  = n v_i sum_j g_ij / sum_k v_k sum_j g_kj   (share of the output v'G 1 = x'1 supported by i's primary inputs)
function M.jones(L, G, f, v)
  L = square(L, "jones", "L")
  local n = L:rows()
  G = square(G, "jones", "G")
  if G:rows() ~= n then fail("jones", "G has %d sectors, L has %d", G:rows(), n) end
  f = vector(f, n, "jones", "f", "cols")
  v = vector(v, n, "jones", "v", "rows")
  return {
    backward = normalised(L:colsums():t():emul(f), n, "jones", "the final-demand-weighted column sums of L"),
    forward = normalised(G:rowsums():emul(v), n, "jones", "the value-added-weighted row sums of G"),
  }
end
M.laumas = M.jones

-- Chenery & Watanabe (1958); Miller & Blair sect. 12.2: direct linkages only,
-- backward_j = sum_i a_ij (column sums of A), forward_i = sum_j b_ij (row sums
-- of the output coefficients B = diag(x)^-1 Z), not sums of L.
function M.chenery_watanabe(A, B)
  A = square(A, "chenery_watanabe", "A")
  B = square(B, "chenery_watanabe", "B")
  if A:rows() ~= B:rows() then fail("chenery_watanabe", "A has %d sectors, B has %d", A:rows(), B:rows()) end
  return { backward = A:colsums():t(), forward = B:rowsums() }
end

-- Hypothetical extraction (Miller & Blair sect. 12.2; Dietzenbacher & van
-- der Linden 1997). With x = L f and total output T = 1'x:
--   total:    T - 1'x~, x~ = (I - A~)^-1 f~ with row and column k removed
--   backward: T - 1'x~, x~ = (I - A~)^-1 f with column k of A set to 0
--   forward:  T - x~'1, x~' = v'(I - B~)^-1 with row k of B set to 0,
-- where B = diag(x)^-1 A diag(x) and v_j = x_j (1 - sum_i a_ij) are the
-- output coefficients and primary inputs of the same table (Ghosh model).
local function extract(A, f, x, v, B, k)
  local n = A:rows()
  local T = x:sum()
  local reduced = n > 1 and leontief.solve(A:drop(k, k), f:drop(k)):sum() or 0
  local Ac, Br = A:copy(), B:copy()
  for i = 1, n do Ac:set(i, k, 0); Br:set(k, i, 0) end
  return T - reduced, T - leontief.solve(Ac, f):sum(), T - leontief.solve(Br:t(), v):sum()
end

function M.hypothetical_extraction(A, f, sector)
  A = square(A, "hypothetical_extraction", "A")
  local n = A:rows()
  f = vector(f, n, "hypothetical_extraction", "f", "cols")
  local x = leontief.solve(A, f)
  for i = 1, n do
    if not (x:get(i, 1) > 0) then
      local l = (A:colnames() or {})[i]
      fail("hypothetical_extraction", "sector %d%s has output %g for this final demand; the supply-side "
        .. "(forward) extraction needs positive outputs", i, l and (" (" .. l .. ")") or "", x:get(i, 1))
    end
  end
  local B = A:divrows(x):mulcols(x)
  local v = x:emul(1 - A:colsums():t())
  local T = x:sum()
  local res = { output = T, x = x }
  if sector ~= nil then
    local k = sector_index(A, sector, "hypothetical_extraction")
    res.total, res.backward, res.forward = extract(A, f, x, v, B, k)
    res.sector = k
    res.percent = { total = 100 * res.total / T, backward = 100 * res.backward / T, forward = 100 * res.forward / T }
    return res
  end
  local tot, back, fwd = matrix.new(n, 1), matrix.new(n, 1), matrix.new(n, 1)
  for k = 1, n do
    local t, b, fw = extract(A, f, x, v, B, k)
    tot:set(k, 1, t); back:set(k, 1, b); fwd:set(k, 1, fw)
  end
  local labels = A:colnames()
  for _, m in ipairs { tot, back, fwd } do m:setnames(labels, nil) end
  res.total, res.backward, res.forward = tot, back, fwd
  res.percent = { total = tot * (100 / T), backward = back * (100 / T), forward = fwd * (100 / T) }
  return res
end

-- Multiplier product matrix (Sonis, Hewings & Guo 1997; Miller & Blair sect.
-- 12.2): MPM = (1/V) FL BL with FL_i = sum_j l_ij (rows: forward), BL_j =
-- sum_i l_ij (columns: backward) and V = sum_ij l_ij. Row i, column j.
function M.mpm(L)
  L = square(L, "mpm", "L")
  local total = L:sum()
  if not (total > 0 and total < math.huge) then
    fail("mpm", "L sums to %s; a Leontief inverse has a positive, finite total", tostring(total))
  end
  return (L:rowsums() * L:colsums()) * (1 / total)
end

return M
