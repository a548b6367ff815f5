-- test_factor.lua -- factor.pca against R 4.2.2: Harman74 (varimax, promax),
-- the Australian FSR linkage matrix (varimax with and without Kaiser
-- normalisation), the conventions (order, signs, shares) and bad input.
-- Reference files and the R script that wrote them: tests/data/*/PROVENANCE.md.
local T = require "testing"
local matrix = require "matrix"
local csv = require "csv"
local factor = require "factor"
local fsr = require "fsr"

local RR, AU = T.data .. "/r_reference/", T.data .. "/australia_2021/"

local function harman()
  return csv.read(RR .. "Harman74_cor_matrix.csv")
end

local function australia_L()
  local W = csv.read(AU .. "australia_19_wide.csv")
  return (fsr.linkage_matrix(W:slice(nil, nil, 1, 19)))
end

-- R's factors come in arbitrary order and sign: match every reference column
-- to one of ours (each used once) and return the largest difference
local function max_diff_up_to_sign(got, ref)
  local used, worst = {}, 0
  for rf = 1, ref:cols() do
    local best, bestcol = math.huge, nil
    for c = 1, got:cols() do
      if not used[c] then
        for _, s in ipairs{1, -1} do
          local d = (got:col(c) * s - ref:col(rf)):abs():max()
          if d < best then best, bestcol = d, c end
        end
      end
    end
    used[bestcol] = true
    worst = math.max(worst, best)
  end
  return worst
end

T.test("Harman74, 4 components, varimax: loadings and eigenvalues equal R's", function()
  local res = factor.pca(harman(), {nfactors = 4, rotate = "varimax"})
  T.equal(res.nfactors, 4, "nfactors")
  T.equal(res.rotation, "varimax", "rotation")
  -- R: varimax(loadings, normalize = TRUE, eps = 1e-5) (shared r_reference)
  local ref = csv.read(RR .. "ref_R_Harman74_pca4_varimax_loadings.csv")
  T.close(max_diff_up_to_sign(res.loadings, ref), 0, 1e-10, "loadings")
  -- R: eigen(Harman74.cor$cov)$values, all 24
  local ev = csv.read(RR .. "ref_R_Harman74_eigenvalues.csv")
  T.equal(res.eigenvalues:rows(), 24, "all eigenvalues")
  for k = 1, 24 do T.close(res.eigenvalues:get(k, 1), ev:get(k, 1), 1e-10, "eigenvalue " .. k) end
  T.equal(res.loadings:rownames()[1], "VisualPerception", "variable labels")
  T.equal(res.loadings:colnames()[2], "F2", "factor labels")
end)

T.test("Harman74: rotation matrix orthogonal, loadings = unrotated * rotmat", function()
  local res = factor.pca(harman(), {nfactors = 4})
  T.close((res.rotmat:t() * res.rotmat - matrix.eye(4)):abs():max(), 0, 1e-12, "T'T = I")
  T.close((res.unrotated * res.rotmat - res.loadings):abs():max(), 0, 1e-12, "A T = loadings")
  -- communalities: rowSums(ref^2) of R's rotated loadings (rotation keeps them)
  local ref = csv.read(RR .. "ref_R_Harman74_pca4_varimax_loadings.csv")
  local h2 = ref:emul(ref):rowsums()
  for i = 1, 24 do T.close(res.communalities:get(i, 1), h2:get(i, 1), 1e-10, "communality " .. i) end
end)

T.test("conventions: variance descending, largest loading positive, shares", function()
  local res = factor.pca(harman(), {nfactors = 4})
  for j = 1, 4 do
    local col = res.loadings:col(j)
    assert(col:max() >= -col:min(), "factor " .. j .. " has its largest loading negative")
    if j > 1 then assert(res.variance[j] <= res.variance[j - 1], "variance not descending") end
    -- variance is the column's sum of squared loadings; proportion = variance / 24 variables
    T.close(res.variance[j], res.loadings:col(j):emul(res.loadings:col(j)):sum(), 1e-12, "variance")
    T.close(res.proportion[j], res.variance[j] / 24, 1e-15, "proportion")
  end
  -- orthogonal rotation keeps the total: sum of the 4 variances = sum of the
  -- first 4 eigenvalues (R: 8.135 + 2.096 + 1.693 + 1.502, ref file)
  local ev = csv.read(RR .. "ref_R_Harman74_eigenvalues.csv")
  local want = (ev:get(1, 1) + ev:get(2, 1) + ev:get(3, 1) + ev:get(4, 1)) / 24
  T.close(res.cumulative[4], want, 1e-12, "cumulative share")
end)

T.test("Kaiser criterion: without nfactors, eigenvalues >= 1 are kept", function()
  -- R's eigenvalues of Harman74: 5 of them are >= 1 (ref file, counted here)
  local ev, count = csv.read(RR .. "ref_R_Harman74_eigenvalues.csv"), 0
  for k = 1, ev:rows() do if ev:get(k, 1) >= 1 then count = count + 1 end end
  T.equal(count, 5, "R's count")
  T.equal(factor.pca(harman()).nfactors, count, "factor.pca's count")
end)

T.test("Harman74, promax (m = 4): loadings equal R's stats::promax", function()
  local res = factor.pca(harman(), {nfactors = 4, rotate = "promax"})
  local ref = csv.read(RR .. "ref_R_Harman74_pca4_promax_loadings.csv")
  T.close(max_diff_up_to_sign(res.loadings, ref), 0, 1e-10, "promax loadings")
  T.close((res.unrotated * res.rotmat - res.loadings):abs():max(), 0, 1e-12, "A U = loadings")
  for j = 1, 4 do T.close(res.phi:get(j, j), 1, 1e-12, "factor correlation diagonal") end
end)

T.test("Australia 19 FSR matrix: Kaiser keeps 4, varimax equals R's", function()
  local L = australia_L()
  local res = factor.pca(L)
  T.equal(res.nfactors, 4, "Kaiser")       -- R: sum(eigen(L)$values >= 1) = 4
  local ref = csv.read(AU .. "ref_R_australia19_fsr_pca_varimax_loadings.csv")
  T.close(max_diff_up_to_sign(res.loadings, ref), 0, 1e-9, "varimax (Kaiser-normalised)")
  local raw = factor.pca(L, {kaiser = false})
  local ref_raw = csv.read(AU .. "ref_R_australia19_fsr_pca_varimax_raw_loadings.csv")
  T.close(max_diff_up_to_sign(raw.loadings, ref_raw), 0, 1e-9, "varimax (normalize = FALSE)")
  T.equal(res.loadings:rownames()[2], "Mining", "sector labels")
end)

T.test("rotate = \"none\": the principal components, variance = eigenvalues", function()
  local res = factor.pca(harman(), {nfactors = 3, rotate = "none"})
  for j = 1, 3 do T.close(res.variance[j], res.eigenvalues:get(j, 1), 1e-12, "variance " .. j) end
  T.close((res.rotmat - matrix.eye(3)):abs():max(), 0, 0, "identity rotation")
  -- one factor: nothing to rotate, as R
  local one = factor.pca(harman(), {nfactors = 1})
  T.close(one.variance[1], one.eigenvalues:get(1, 1), 1e-12, "one factor")
end)

T.test("bad input is a clear error", function()
  local R = harman()
  T.errors("nfactors must be between 1 and 24", factor.pca, R, {nfactors = 25})
  T.errors("nfactors must be a whole number", factor.pca, R, {nfactors = 2.5})
  T.errors("rotate must be", factor.pca, R, {rotate = "quartimax"})
  T.errors("must be square", factor.pca, matrix.new(2, 3))
  T.errors("not symmetric", factor.pca, matrix.from{{1, 0.5}, {0.2, 1}})
  T.errors("not a finite number", factor.pca, matrix.from{{1, 0 / 0}, {0 / 0, 1}})
  -- eigenvalues 1.5 and -0.5: the second component cannot be extracted
  T.errors("eigenvalue 2 is -0.5", factor.pca, matrix.from{{0.5, 1}, {1, 0.5}}, {nfactors = 2})
  T.errors("no eigenvalue is >= 1", factor.pca, matrix.from{{0.5, 0}, {0, 0.4}})
end)

T.test("scree plot: an SVG with one point per eigenvalue", function()
  if not pcall(require, "plot") then return end
  local res = factor.pca(harman(), {nfactors = 4})
  local path = os.tmpname()
  factor.scree(res, {file = path, title = "Harman74"})
  local f = assert(io.open(path))
  local text = f:read("a")
  f:close()
  os.remove(path)
  assert(text:find("<svg", 1, true), "an SVG document")
  local _, points = text:gsub('class="point"', "")
  T.equal(points, 24, "one point per eigenvalue")
end)

T.done()
