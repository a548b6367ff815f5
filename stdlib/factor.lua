-- factor.lua -- principal-component factor extraction from a correlation-type
-- matrix (such as the Feser-Sweeney-Renski linkage matrix), Kaiser's
-- eigenvalue-one criterion, and varimax (Kaiser 1958) or promax (Hendrickson &
-- White 1964) rotation as R's stats::varimax / stats::promax; the method of
-- Feser & Bergman (2000, Regional Studies 34(1)) and the study's tables 11-13.
local matrix = require "matrix"
local linalg = require "linalg"
local stats = require "stats"
local check = require "check"

local M = {}

M._help = {
  _about = "principal-component factor analysis with varimax/promax rotation and scree plots",
  pca = "factor.pca(R [, {nfactors=, rotate=\"varimax\"|\"promax\"|\"none\", kaiser=true, eps=1e-5, m=4}])"
    .. " -> {loadings=, unrotated=, eigenvalues= (all, descending), variance=, proportion=, cumulative=,"
    .. " communalities=, rotmat=, nfactors=, rotation=, phi= (promax)}; without nfactors keeps"
    .. " eigenvalues >= 1 (Kaiser criterion); kaiser=false turns off varimax's row normalisation;"
    .. " factors ordered by variance, largest loading positive; loadings = unrotated * rotmat",
  definiteness = "factor.definiteness(res) -> {psd=, negative=, smallest=, negative_sum=, note=}: whether the "
    .. "factored matrix is positive semi-definite; note says what an indefinite one means for shares and loadings",
  scree = "factor.scree(res_or_eigenvalues [, {file=, title=, max=}]) -> svg: eigenvalues by"
    .. " component with the Kaiser line at 1 (plot.line)",
}

local ROTATIONS = {varimax = true, promax = true, none = true}

local fail = check.failer("factor")

local function is_finite(v) return v == v and v ~= math.huge and v ~= -math.huge end

local function check_options(opts)
  if opts == nil then return {} end
  if type(opts) ~= "table" then fail("pca", "options must be a table, got %s", type(opts)) end
  if opts.nfactors ~= nil and math.type(opts.nfactors) ~= "integer"
     and not (type(opts.nfactors) == "number" and opts.nfactors == math.floor(opts.nfactors)) then
    fail("pca", "nfactors must be a whole number, got %s", tostring(opts.nfactors))
  end
  if opts.rotate ~= nil and not ROTATIONS[opts.rotate] then
    fail("pca", "rotate must be \"varimax\", \"promax\" or \"none\", got %s", tostring(opts.rotate))
  end
  return opts
end

-- the correlation-type matrix, checked, and its labels; symmetry is checked
-- (to 1e-8 of its largest element) where the eigenproblem copies it, in C
local function check_matrix(R)
  if not matrix.ismatrix(R) then
    if type(R) ~= "table" then fail("pca", "R must be a correlation matrix, got %s", type(R)) end
    R = matrix.from(R)
  end
  local p = R:rows()
  if p ~= R:cols() then fail("pca", "R must be square, got %d x %d", p, R:cols()) end
  if p == 0 then fail("pca", "R is empty") end
  if not is_finite(R:sum()) then fail("pca", "R has an element that is not a finite number") end
  local names = R:rownames() or R:colnames()
  if not names then
    names = {}
    for i = 1, p do names[i] = "V" .. i end
  end
  return R, names
end

-- every eigenvalue of R (descending), and eigenvectors only for the factors
-- kept: the nfactors largest, or Kaiser's criterion (eigenvalues >= 1). The
-- eigenproblem uses R's symmetric part (R + R')/2.
local function eigen(R, nfactors)
  local ok, values, vectors = pcall(linalg.eigsym, R,
    nfactors and {vectors = nfactors, tol = 1e-8} or {above = 1, tol = 1e-8})
  if not ok then fail("pca", "R: %s", (tostring(values):gsub("^.-linalg%.eigsym: ", ""))) end
  return values, vectors
end

-- order by variance after rotation (descending) and sign each column so that
-- its largest-magnitude loading is positive; the same for rotmat's columns
local function order_and_sign(loadings, rotmat)
  local k = loadings:cols()
  local ss = loadings:emul(loadings):colsums()
  local order = {}
  for j = 1, k do order[j] = j end
  table.sort(order, function(a, b)
    local va, vb = ss:get(1, a), ss:get(1, b)
    if va ~= vb then return va > vb end
    return a < b
  end)
  loadings, rotmat = loadings:select(nil, order), rotmat:select(nil, order)
  local signs = {}
  for j = 1, k do
    local col = loadings:col(j)
    signs[j] = col:max() >= -col:min() and 1 or -1
  end
  return loadings:mulcols(signs), rotmat:mulcols(signs)
end

function M.pca(R, opts)
  opts = check_options(opts)
  local names
  R, names = check_matrix(R)
  local p = R:rows()

  local k = opts.nfactors
  if k ~= nil then
    k = math.tointeger(k)
    if k < 1 or k > p then fail("pca", "nfactors must be between 1 and %d, got %d", p, k) end
  end
  local values, vectors = eigen(R, k)
  if k == nil then  -- Kaiser criterion: components with eigenvalue >= 1
    k = vectors:cols()
    if k == 0 then fail("pca", "no eigenvalue is >= 1 (largest %g): give nfactors", values:get(1, 1)) end
  end
  if values:get(k, 1) <= 0 then
    fail("pca", "eigenvalue %d is %g: a principal component needs a positive eigenvalue", k, values:get(k, 1))
  end

  -- loadings a_ij = v_ij * sqrt(lambda_j)
  local lambda = values:slice(1, k)
  local unrotated = vectors:mulcols(lambda:sqrt())
  unrotated = order_and_sign(unrotated, matrix.eye(k))  -- eigenvector signs are arbitrary
  local fnames = {}
  for j = 1, k do fnames[j] = "F" .. j end
  unrotated:setnames(names, fnames)

  local rotation = opts.rotate or "varimax"
  local loadings, rotmat, iterations
  if rotation == "varimax" then
    loadings, rotmat, iterations = stats.varimax(unrotated,
      {normalize = opts.kaiser ~= false, eps = opts.eps or 1e-5})
  elseif rotation == "promax" then
    loadings, rotmat = stats.promax(unrotated, {m = opts.m or 4})
  else
    loadings, rotmat = unrotated:copy(), matrix.eye(k)
  end
  loadings, rotmat = order_and_sign(loadings, rotmat)  -- loadings = unrotated * rotmat
  loadings:setnames(names, fnames)
  rotmat:setnames(fnames, fnames)

  local res = {
    loadings = loadings, unrotated = unrotated, rotmat = rotmat,
    eigenvalues = values, nfactors = k, rotation = rotation, iterations = iterations,
    -- rotation leaves each variable's explained variance unchanged
    communalities = unrotated:emul(unrotated):rowsums(),
    variance = {}, proportion = {}, cumulative = {},
  }
  local ss, total = loadings:emul(loadings):colsums(), 0
  for j = 1, k do
    res.variance[j] = ss:get(1, j)
    res.proportion[j] = res.variance[j] / p
    total = total + res.proportion[j]
    res.cumulative[j] = total
  end
  if rotation == "promax" then  -- factor correlations of the oblique solution
    res.phi = linalg.solve(rotmat:t() * rotmat, matrix.eye(k))
    res.phi:setnames(fnames, fnames)
  end
  return res
end

-- Whether R is positive semi-definite, and what it means when it is not: an
-- FSR linkage matrix, a maximum of four correlation matrices, need not be a
-- correlation matrix itself (Feser, Sweeney & Renski 2005).
function M.definiteness(res)
  local values = res.eigenvalues
  local p, negative, sum, smallest = values:rows(), 0, 0, values:get(values:rows(), 1)
  for i = 1, p do
    local v = values:get(i, 1)
    if v < 0 then negative, sum = negative + 1, sum + v end
  end
  local out = { psd = negative == 0, negative = negative, smallest = smallest, negative_sum = sum }
  if negative > 0 then
    out.note = string.format("The matrix is not positive semi-definite: %d of its %d eigenvalues are negative"
      .. " (smallest %.3f, together %.3f). Its eigenvalues still sum to its trace, %d, so the positive ones sum to"
      .. " more: the factors' shares of variance can add up to more than 100%%, and a loading or a communality can"
      .. " exceed 1. Compare the initial eigenvalues and the order of the industries with the study's, not the"
      .. " cumulative share; read a loading above 1 as a rank, not a correlation. For shares that add up, factor"
      .. " a proper correlation matrix (e.g. of the purchase patterns alone).", negative, p, smallest, sum, p)
  end
  return out
end

-- the scree plot: eigenvalues against component number, Kaiser's line at 1
function M.scree(res, opts)
  opts = opts or {}
  local values = matrix.ismatrix(res) and res or (type(res) == "table" and res.eigenvalues)
  if not values then fail("scree", "give factor.pca's result or a vector of eigenvalues") end
  if not matrix.ismatrix(values) then values = matrix.from(values) end
  local list = values:list()
  local n = math.min(#list, opts.max or #list)
  local y = {}
  for i = 1, n do y[i] = list[i] end
  local plot = require "plot"
  return plot.line{
    y = y, hline = 1, hline_label = "eigenvalue 1 (Kaiser)",
    title = opts.title or "Scree plot", xlab = "component", ylab = "eigenvalue",
    file = opts.file, width = opts.width,
  }
end

return M
