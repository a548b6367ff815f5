-- test_fsr.lua -- fsr.linkage_matrix against R on the Australian 19-division
-- table, degenerate sectors set aside with messages (never NaN), bad input.
local T = require "testing"
local matrix = require "matrix"
local csv = require "csv"
local linalg = require "linalg"
local fsr = require "fsr"

local AU = T.data .. "/australia_2021/"

local function australia19()
  local W = csv.read(AU .. "australia_19_wide.csv")
  return W:slice(nil, nil, 1, 19)        -- the 19 x 19 flows; column 20 is output
end

local function no_nan(m, what)
  T.equal(m:sum() == m:sum(), true, what .. " has no NaN")
end

T.test("Australia 19 divisions: L equals R's (ref_R_australia19_fsr_L.csv)", function()
  -- reference: R 4.2.2, pmax(cor(X), cor(t(Y)), cor(X, t(Y)), t(cor(X, t(Y)))),
  -- diag 1 (see tests/data/australia_2021/PROVENANCE.md)
  local L, info = fsr.linkage_matrix(australia19())
  T.equal(L:rows(), 19, "rows")
  T.equal(#info.dropped, 0, "nothing set aside")
  T.equal(#info.messages, 0, "no messages")
  local ref = csv.read(AU .. "ref_R_australia19_fsr_L.csv", {rownames = false})
  T.equal(ref:rows(), 19 * 19, "reference entries")
  for k = 1, ref:rows() do
    local i, j = math.tointeger(ref:get(k, 1)), math.tointeger(ref:get(k, 2))
    T.close(L:get(i, j), ref:get(k, 3), 1e-12, ("L[%d, %d]"):format(i, j))
  end
  for i = 1, 19 do T.equal(L:get(i, i), 1.0, "diagonal") end
  T.equal(L:rownames()[3], "Manufacturing", "labels travel with L")
  T.equal(L:colnames()[3], "Manufacturing", "column labels")
end)

T.test("Australia 19 divisions: eigenvalues of L equal R's", function()
  local L = fsr.linkage_matrix(australia19())
  local values = linalg.eigsym(L)
  local ref = csv.read(AU .. "ref_R_australia19_fsr_eigen.csv", {rownames = false})
  for k = 1, 19 do T.close(values:get(k, 1), ref:get(k, 1), 1e-10, "eigenvalue " .. k) end
end)

T.test("the four correlation blocks are returned and L is their maximum", function()
  local L, info = fsr.linkage_matrix(australia19())
  -- L_AB >= each of the four and equal to one of them
  for _, pair in ipairs{{2, 3}, {3, 2}, {5, 11}, {19, 1}} do
    local a, b = pair[1], pair[2]
    local four = {info.xx:get(a, b), info.yy:get(a, b), info.xy:get(a, b), info.xy:get(b, a)}
    -- L comes from the flows (stats.cor_max_four), the blocks from the shares:
    -- the same correlations, computed apart, so equal to rounding
    T.close(L:get(a, b), math.max(four[1], four[2], four[3], four[4]), 1e-14, "max of four")
  end
  T.close((L - L:t()):abs():max(), 0, 0, "L symmetric")
end)

T.test("600 sectors (three of cor_max_four's 256-column blocks) as the max of the four blocks", function()
  -- flows from a formula; sector 7 buys nothing, so indices shift past it
  local n = 600
  local Z = matrix.new(n, n):map(function(_, i, j)
    if j == 7 then return 0 end
    return ((i * 7919 + j * 104729) % 100003) / 100003 * ((i + j) % 5 == 0 and 20 or 1)
  end)
  local L, info = fsr.linkage_matrix(Z)
  T.equal(L:rows(), n - 1, "one set aside")
  local worst = 0
  local xx, yy, xy = info.xx, info.yy, info.xy
  local m = xx:rows()
  -- pmax of the blocks, the way R's pmax would, one column at a time
  for b = 1, m do
    local col = xx:col(b)
    for _, other in ipairs{yy:col(b), xy:col(b), xy:row(b):t()} do
      local take = col:ge(other)
      col = col:emul(take) + other:emul(1 - take)
    end
    col:set(b, 1, 1)
    worst = math.max(worst, (col - L:col(b)):abs():max())
  end
  T.close(worst, 0, 1e-13, "largest |L - pmax(xx, yy, xy, xy')|")
  T.close((L - L:t()):abs():max(), 0, 0, "L symmetric")
end)

T.test("sectors without purchases or sales are set aside with a message", function()
  -- C buys nothing (zero column), E sells nothing (zero row)
  local Z = matrix.from({
    {10, 5, 0, 3, 3},
    { 2, 8, 0, 6, 1},
    { 4, 1, 0, 2, 2},
    { 1, 7, 0, 9, 5},
    { 0, 0, 0, 0, 0}}, {"A", "B", "C", "D", "E"}, {"A", "B", "C", "D", "E"})
  local L, info = fsr.linkage_matrix(Z)
  T.equal(L:rows(), 3, "three sectors kept")
  T.equal(table.concat(L:rownames(), ","), "A,B,D", "kept sectors")
  T.equal(#info.dropped, 2, "two set aside")
  T.equal(info.dropped[1].sector, "C", "C set aside")
  T.equal(info.dropped[1].reason, "no intermediate purchases", "reason for C")
  T.equal(info.dropped[2].sector, "E", "E set aside")
  T.equal(info.dropped[2].reason, "no intermediate sales", "reason for E")
  assert(info.messages[1]:find("sector 3 (C) set aside", 1, true), info.messages[1])
  no_nan(L, "L")
  -- R 4.2.2: shares over all 5 sectors (a zero total divides by 1), then
  -- L <- pmax(cor(X), cor(Yt), cor(X, Yt), t(cor(X, Yt))) on A, B, D, diag 1
  T.close_matrix(L, {
    {1, 0.432128302498349, 0.0573120539925652},
    {0.432128302498349, 1, 0.873043369145799},
    {0.0573120539925652, 0.873043369145799, 1}}, 1e-13, "L")
end)

T.test("a sector buying equally from every sector is set aside", function()
  -- column 4 = (3, 3, 3, 3): purchase shares have no variance
  local Z = matrix.from{{4, 1, 2, 3}, {1, 5, 2, 3}, {2, 2, 6, 3}, {3, 1, 1, 3}}
  local L, info = fsr.linkage_matrix(Z)
  T.equal(#info.dropped, 1, "one set aside")
  T.equal(info.dropped[1].index, 4, "sector 4")
  assert(info.dropped[1].reason:find("purchase shares are equal", 1, true), info.dropped[1].reason)
  T.equal(L:rownames()[1], "sector 1", "default labels")
  -- R 4.2.2, as the test above, sectors 1-3
  T.close_matrix(L, {
    {1, -0.831521840620300, -0.204598301841142},
    {-0.831521840620300, 1, 0.0198536227977344},
    {-0.204598301841142, 0.0198536227977344, 1}}, 1e-13, "L")
end)

T.test("negative totals and too few usable sectors", function()
  local Z = matrix.from{{1, -5, 0}, {2, 1, 0}, {1, 1, 0}}
  local ok, err = pcall(fsr.linkage_matrix, Z)
  -- sector 2's purchases total -3 and sector 3 buys nothing: one sector left
  T.equal(ok, false, "error")
  assert(err:find("fewer than 2 sectors", 1, true), err)
  assert(err:find("negative (-3)", 1, true), err)
end)

T.test("bad input is a clear error", function()
  T.errors("must be square", fsr.linkage_matrix, matrix.new(3, 4, 1))
  T.errors("at least 3", fsr.linkage_matrix, matrix.new(2, 2, 1))
  T.errors("must be a matrix", fsr.linkage_matrix, "Z")
  local Z = matrix.from({{1, 2, 3}, {4, 0 / 0, 6}, {7, 8, 9}}, {"a", "b", "c"})
  T.errors("Z[2, 2] (b -> b) is NaN", fsr.linkage_matrix, Z)
  local Zi = matrix.from{{1, 2, 3}, {4, 5, math.huge}, {7, 8, 9}}
  T.errors("Z[2, 3] (sector 2 -> sector 3) is Inf", fsr.linkage_matrix, Zi)
end)

T.test("a table of rows is accepted", function()
  local L = fsr.linkage_matrix{{4, 1, 2}, {1, 5, 2}, {2, 2, 6}}
  T.equal(L:rows(), 3, "rows")
end)

T.test("ABS 115 industries: two sectors set aside, the rest correlated over all 115 (R)", function()
  -- R 4.2.2 on scripts/data/abs_industry_flows_115_aud_mn.csv:
  --   d <- read.csv(f, check.names = FALSE); Z <- as.matrix(d[1:115, 3:117])
  --   X <- sweep(Z, 2, colSums(Z), "/"); Yt <- t(sweep(Z, 1, rowSums(Z), "/"))
  --   k <- setdiff(1:115, c(94, 95)); cxy <- cor(X[, k], Yt[, k])
  --   L <- pmax(cor(X[, k]), cor(Yt[, k]), cxy, t(cxy)); diag(L) <- 1
  --   e <- eigen(L, symmetric = TRUE)$values  # 42.7518355091 ... -1.3265221748
  --   sum(e >= 1)                             # 26
  local t = require("iotable").read("scripts/data/abs_industry_flows_115_aud_mn.csv")
  local L, info = fsr.linkage_matrix(t.Z)
  T.equal(L:rows(), 113, "sectors kept")
  T.equal(info.dropped[1].sector, "Imputed rent for owner-occupiers", "94 set aside")
  T.equal(info.dropped[2].sector, "Actual rent for housing", "95 set aside")
  local e = require("linalg").eigsym(L)
  T.close(e:get(1, 1), 42.7518355091, 1e-9, "largest eigenvalue")
  T.close(e:get(113, 1), -1.3265221748, 1e-9, "smallest eigenvalue")
  local kaiser = 0
  for i = 1, 113 do if e:get(i, 1) >= 1 then kaiser = kaiser + 1 end end
  T.equal(kaiser, 26, "Kaiser criterion")
end)

T.done()
