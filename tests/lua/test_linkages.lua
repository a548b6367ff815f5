-- test_linkages.lua -- Rasmussen/Hazari linkages against R on Germany 1995,
-- and small asymmetric tables, computed by hand, on which the mistakes of
-- published IO packages (CV orientation, MPM orientation, direct versus
-- total linkages, population sd) give different numbers.
local T = require "testing"
local io_data = require "iodata"
local matrix = require "matrix"
local leontief = require "leontief"
local linkages = require "linkages"

-- An asymmetric 2 x 2 "inverse" for hand calculations:
--   L = [1.25 0.6; 0.2 1.1], column sums 1.45, 1.7; row sums 1.85, 1.3;
--   total 3.15
local S = { "Mining", "Services" }
local L2 = matrix.from({ { 1.25, 0.6 }, { 0.2, 1.1 } }, S, S)

T.test("Germany 1995: Rasmussen indices and Hazari CVs (R)", function()
  local de = io_data.germany()
  local L = leontief.inverse(leontief.coefficients(de.Z, de.x))
  local r = linkages.rasmussen(L)
  local _, ref = io_data.readcsv(T.data .. "/germany_1995/ref_R_germany_linkages.csv")
  for i = 1, 6 do
    T.close(r.backward:get(i, 1), tonumber(ref[i][3]), 1e-12, "backward " .. i)
    T.close(r.forward:get(i, 1), tonumber(ref[i][4]), 1e-12, "forward " .. i)
    T.close(r.cv_backward:get(i, 1), tonumber(ref[i][5]), 1e-12, "cv_backward " .. i)
    T.close(r.cv_forward:get(i, 1), tonumber(ref[i][6]), 1e-12, "cv_forward " .. i)
  end
  T.equal(r.backward:rownames()[2], "CPA_B-E", "labelled n x 1")
  T.equal(r.labels[6], "CPA_O-T", "labels")
  -- Ghosh row sums (Jones's forward linkages, unweighted) against R
  local G = leontief.ghosh(de.Z, de.x)
  for i = 1, 6 do T.close(G:rowsums():get(i, 1), tonumber(ref[i][7]), 1e-12, "Ghosh row sum " .. i) end
end)

T.test("Rasmussen by hand; CV orientation and the n - 1 divisor", function()
  local r = linkages.rasmussen(L2)
  -- backward = 2 * colsum / 3.15; forward = 2 * rowsum / 3.15
  T.close(r.backward:get(1, 1), 2 * 1.45 / 3.15, 1e-14, "backward 1")
  T.close(r.forward:get(1, 1), 2 * 1.85 / 3.15, 1e-14, "forward 1")
  -- cv_backward of sector 1 uses column 1 (1.25, 0.2): mean 0.725, sample sd
  -- |1.25 - 0.2| / sqrt(2) = 0.742462, cv = 1.024086. The row version (1.25,
  -- 0.6) would give 0.459619 / 0.925 = 0.496885; the population sd (divide
  -- by n) 0.525 / 0.725 = 0.724138.
  T.close(r.cv_backward:get(1, 1), 1.05 / math.sqrt(2) / 0.725, 1e-14, "cv_backward 1 (column)")
  T.close(r.cv_backward:get(1, 1), 1.024086, 1e-6, "cv_backward 1 by hand")
  -- cv_forward of sector 1 uses row 1 (1.25, 0.6): 0.65 / sqrt(2) / 0.925
  T.close(r.cv_forward:get(1, 1), 0.65 / math.sqrt(2) / 0.925, 1e-14, "cv_forward 1 (row)")
  T.close(r.cv_forward:get(2, 1), 0.9 / math.sqrt(2) / 0.65, 1e-14, "cv_forward 2 (row 0.2, 1.1)")
end)

T.test("MPM orientation: rows are forward, columns backward", function()
  local mpm = linkages.mpm(L2)
  -- MPM[1,2] = rowsum_1 * colsum_2 / V = 1.85 * 1.7 / 3.15 = 0.998413;
  -- the transposed (wrong) matrix would hold 1.3 * 1.45 / 3.15 = 0.598413 there
  T.close(mpm:get(1, 2), 1.85 * 1.7 / 3.15, 1e-14, "MPM[1,2]")
  T.close(mpm:get(2, 1), 1.3 * 1.45 / 3.15, 1e-14, "MPM[2,1]")
  T.close(mpm:get(1, 1), 1.85 * 1.45 / 3.15, 1e-14, "MPM[1,1]")
  T.equal(mpm:rownames()[1], "Mining", "MPM rows")
  -- its row sums are the row sums of L, its column sums those of L
  T.close(mpm:rowsums():get(1, 1), 1.85, 1e-14, "row sums of MPM")
end)

T.test("Chenery-Watanabe: direct linkages from A and B, not L", function()
  -- Miller & Blair's table: A column sums 0.35, 0.30; B = diag(x)^-1 Z =
  -- [0.15 0.5; 0.1 0.05] has row sums 0.65, 0.15. Column sums of L would be
  -- 1.518, 1.452; row sums of A (a common slip for forward) 0.40, 0.25.
  local Z, x = matrix.from { { 150, 500 }, { 200, 100 } }, { 1000, 2000 }
  local cw = linkages.chenery_watanabe(leontief.coefficients(Z, x), leontief.output_coefficients(Z, x))
  T.close_matrix(cw.backward, { { 0.35 }, { 0.30 } }, 1e-14, "backward")
  T.close_matrix(cw.forward, { { 0.65 }, { 0.15 } }, 1e-14, "forward")
end)

T.test("classify, with local-serving sectors set aside", function()
  -- backward (0.920635, 1.079365), forward (1.174603, 0.825397): sector 1 is
  -- forward-oriented, sector 2 backward-oriented
  local classes, by = linkages.classify(linkages.rasmussen(L2))
  T.equal(classes[1], "forward", "Mining"); T.equal(classes[2], "backward", "Services")
  T.equal(by.Services, "backward", "by label")
  local c2 = linkages.classify(linkages.rasmussen(L2), { local_serving = { "Services" } })
  T.equal(c2[2], "local", "set aside by label"); T.equal(c2[1], "forward", "others unchanged")
  T.equal(linkages.classify(linkages.rasmussen(L2), { local_serving = { 1 } })[1], "local", "by index")
  local res = { backward = { 1.2, 0.9, 1.1, 0.5 }, forward = { 1.3, 1.1, 0.7, 0.5 } }
  local c4 = linkages.classify(res)
  T.equal(table.concat(c4, " "), "key forward backward weak", "all four quadrants")
  T.errors("linkages.classify: local-serving sector 'Farming' is not in the table", linkages.classify,
    linkages.rasmussen(L2), { local_serving = { "Farming" } })
  T.errors("a result of linkages.rasmussen", linkages.classify, {})
end)

T.test("Hazari: final-demand-weighted indices", function()
  -- f = (1, 3): w = (0.25, 0.75). L'w = (1.25*0.25 + 0.2*0.75, 0.6*0.25 +
  -- 1.1*0.75) = (0.4625, 0.975), total 1.4375; L w = (0.7625, 0.875), total
  -- 1.6375. backward = 2 * L'w / 1.4375, forward = 2 * L w / 1.6375.
  local h = linkages.hazari(L2, { 1, 3 })
  T.close(h.backward:get(1, 1), 2 * 0.4625 / 1.4375, 1e-14, "backward 1")
  T.close(h.backward:get(2, 1), 2 * 0.975 / 1.4375, 1e-14, "backward 2")
  T.close(h.forward:get(1, 1), 2 * 0.7625 / 1.6375, 1e-14, "forward 1")
  -- equal final demand gives Rasmussen's indices
  local r, e = linkages.rasmussen(L2), linkages.hazari(L2, { 5, 5 })
  T.close(e.backward:get(2, 1), r.backward:get(2, 1), 1e-14, "equal weights: backward")
  T.close(e.forward:get(1, 1), r.forward:get(1, 1), 1e-14, "equal weights: forward")
  -- final demand by category (n x k) is summed over the categories
  T.close(linkages.hazari(L2, { { 1, 0 }, { 1, 2 } }).backward:get(1, 1), 2 * 0.4625 / 1.4375, 1e-14, "n x k")
  T.errors("final demand sums to 0", linkages.hazari, L2, { 1, -1 })
  T.errors("f has 3 x 1 elements, the table has 2 sectors", linkages.hazari, L2, { 1, 2, 3 })
end)

T.test("Jones/Laumas: backward from L by final demand, forward from G by value added", function()
  -- Miller & Blair: f = (350, 1700), v = x - Z'1 = (650, 1400); column sums
  -- of L (1.15, 1.10) / 0.7575, row sums of G (1.45, 0.95) / 0.7575; both
  -- weighted totals equal total output 3000. backward_1 = 2 * 350 * 1.15 /
  -- 0.7575 / 3000 = 0.354235; forward_1 = 2 * 650 * 1.45 / 0.7575 / 3000 =
  -- 0.829483.
  local Z, x = matrix.from { { 150, 500 }, { 200, 100 } }, { 1000, 2000 }
  local L, G = leontief.inverse(leontief.coefficients(Z, x)), leontief.ghosh(Z, x)
  local j = linkages.jones(L, G, { 350, 1700 }, { 650, 1400 })
  T.close(j.backward:get(1, 1), 2 * 350 * 1.15 / 0.7575 / 3000, 1e-13, "backward 1")
  T.close(j.backward:get(2, 1), 2 * 1700 * 1.10 / 0.7575 / 3000, 1e-13, "backward 2")
  T.close(j.forward:get(1, 1), 2 * 650 * 1.45 / 0.7575 / 3000, 1e-13, "forward 1")
  T.close(j.forward:get(1, 1), 0.829483, 1e-6, "forward 1 by hand")
  -- value added as rows (m x n) is summed over the rows
  local v = matrix.from { { 600, 1000 }, { 50, 400 } }
  T.close(linkages.laumas(L, G, { 350, 1700 }, v).forward:get(2, 1), 2 * 1400 * 0.95 / 0.7575 / 3000, 1e-13, "rows")
  T.errors("G has 3 sectors, L has 2", linkages.jones, L, matrix.eye(3), { 1, 1 }, { 1, 1 })
end)

T.test("hypothetical extraction (Miller & Blair's table, by hand)", function()
  local Z, x = matrix.from({ { 150, 500 }, { 200, 100 } }, S, S), { 1000, 2000 }
  local A, f = leontief.coefficients(Z, x), { 350, 1700 }
  local h = linkages.hypothetical_extraction(A, f, 1)
  -- total: without sector 1, x2 = 1700 / 0.95 = 1789.4737; 3000 - 1789.4737
  T.close(h.total, 3000 - 1700 / 0.95, 1e-10, "total")
  -- backward: column 1 of A zero: x2 = 1700 / 0.95, x1 = 350 + 0.25 x2
  T.close(h.backward, 3000 - (1700 / 0.95 + 350 + 0.25 * 1700 / 0.95), 1e-10, "backward")
  -- forward: row 1 of B = [0.15 0.5; 0.1 0.05] zero, v = (650, 1400):
  -- x2 = 1400 / 0.95, x1 = 650 + 0.1 x2 (supply-side model)
  T.close(h.forward, 3000 - (1400 / 0.95 + 650 + 0.1 * 1400 / 0.95), 1e-10, "forward")
  T.close(h.percent.total, 100 * h.total / 3000, 1e-12, "percent")
  local all = linkages.hypothetical_extraction(A, f)
  T.close(all.backward:get(1, 1), h.backward, 1e-10, "every sector at once")
  T.equal(all.forward:rownames()[2], "Services", "labelled")
  T.close(linkages.hypothetical_extraction(A, f, "Mining").forward, h.forward, 1e-12, "by label")
  T.errors("no sector labelled 'Farming'", linkages.hypothetical_extraction, A, f, "Farming")
  T.errors("sector index 3 out of range 1..2", linkages.hypothetical_extraction, A, f, 3)
  T.errors("sector 1 (Mining) has output 0 for this final demand", linkages.hypothetical_extraction,
    matrix.from({ { 0, 0 }, { 0.5, 0 } }, S, S), { 0, 1 })
end)

T.test("bad input", function()
  T.errors("linkages.rasmussen: L must be square (sectors x sectors), got 2 x 3", linkages.rasmussen,
    { { 1, 2, 3 }, { 4, 5, 6 } })
  T.errors("linkages.rasmussen: L has 1 sector; linkages need at least 2", linkages.rasmussen, { { 1.2 } })
  T.errors("linkages.mpm: L must be a matrix, got string", linkages.mpm, "L")
  T.errors("A has 2 sectors, B has 3", linkages.chenery_watanabe, matrix.eye(2), matrix.eye(3))
end)

T.done()
