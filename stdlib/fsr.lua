-- fsr.lua -- the Feser-Sweeney-Renski linkage matrix: how alike two industries
-- are as buyers and as sellers. Feser, Sweeney & Renski (2005), "A descriptive
-- analysis of discrete U.S. industrial complexes", J. Regional Science 45(2),
-- 395-419; Feser & Bergman (2000), Regional Studies 34(1), 1-19.
local matrix = require "matrix"
local stats = require "stats"
local check = require "check"

local M = {}

M._help = {
  _about = "Feser-Sweeney-Renski linkage matrix for factor-analytic cluster templates",
  linkage_matrix = "fsr.linkage_matrix(Z) -> L, info -- L_AB = max(r(x_A,x_B), r(y_A,y_B), "
    .. "r(x_A,y_B), r(x_B,y_A)) over purchase shares x and sales shares y; info = {sectors=, "
    .. "kept=, dropped={{index=, sector=, reason=}}, messages=, xx=, yy=, xy= (formed when first read)}",
}

local fail = check.failer("fsr")

-- names the first non-finite flow; only called when the table's sum is not finite
local function nonfinite_flow(Z, labels)
  local rows = Z:rowsums()
  for i = 1, Z:rows() do
    local s = rows:get(i, 1)
    if s ~= s or s == math.huge or s == -math.huge then
      local row = Z:row(i)
      for j = 1, Z:cols() do
        local v = row:get(1, j)
        if v ~= v or v == math.huge or v == -math.huge then
          fail("linkage_matrix", "Z[%d, %d] (%s -> %s) is %s, not a finite number", i, j, labels[i], labels[j],
            v ~= v and "NaN" or (v > 0 and "Inf" or "-Inf"))
        end
      end
    end
  end
  fail("linkage_matrix", "Z holds +Inf and -Inf flows that cancel in a row sum")
end

local function is_finite(v) return v == v and v ~= math.huge and v ~= -math.huge end

-- Z: n x n intermediate flows, z_ij = sales of sector i to sector j (rows sell,
-- columns buy). Labels come from Z's row (else column) names.
function M.linkage_matrix(Z)
  if not matrix.ismatrix(Z) then
    if type(Z) ~= "table" then fail("linkage_matrix", "Z must be a matrix of flows, got %s", type(Z)) end
    Z = matrix.from(Z)
  end
  local n = Z:rows()
  if n ~= Z:cols() then fail("linkage_matrix", "Z must be square (sectors x sectors), got %d x %d", n, Z:cols()) end
  if n < 3 then fail("linkage_matrix", "Z has %d sectors; correlations across sectors need at least 3", n) end
  local labels = Z:rownames() or Z:colnames() or {}
  for i = 1, n do labels[i] = labels[i] or ("sector " .. i) end
  if not is_finite(Z:sum()) then nonfinite_flow(Z, labels) end

  -- purchase shares x_ij = z_ij / sum_i z_ij (column j is x_j, what j buys),
  -- sales shares y_ij = z_ij / sum_j z_ij (row i is y_i, what i sells).
  -- A sector without purchases (or sales) cannot be correlated: its total is
  -- replaced by 1 so that its shares are zeros, and it is set aside below.
  -- Set aside as a variable only: it stays an observation in the other
  -- sectors' share vectors (what an industry sells to housing still tells
  -- what kind of seller it is), so the correlations run over all n sectors.
  local bought, sold = Z:colsums(), Z:rowsums()
  local cdiv, rdiv, reason = {}, {}, {}
  for k = 1, n do
    local b, s = bought:get(1, k), sold:get(k, 1)
    cdiv[k], rdiv[k] = b > 0 and b or 1, s > 0 and s or 1
    if b <= 0 and s <= 0 then
      reason[k] = b == 0 and s == 0 and "no intermediate purchases and no intermediate sales"
        or "total intermediate purchases and sales are not positive"
    elseif b <= 0 then
      reason[k] = b == 0 and "no intermediate purchases"
        or string.format("total intermediate purchases are negative (%g)", b)
    elseif s <= 0 then
      reason[k] = s == 0 and "no intermediate sales"
        or string.format("total intermediate sales are negative (%g)", s)
    end
  end
  -- shares with no variance: a column (row) of Z whose entries are all equal
  local cmin, cmax, rmin, rmax = Z:min("col"), Z:max("col"), Z:min("row"), Z:max("row")
  for k = 1, n do
    if not reason[k] and cmin:get(1, k) == cmax:get(1, k) then
      reason[k] = "its purchase shares are equal across all supplying sectors (no variance)"
    elseif not reason[k] and rmin:get(k, 1) == rmax:get(k, 1) then
      reason[k] = "its sales shares are equal across all buying sectors (no variance)"
    end
  end

  local kept, kept_y, info = {}, {}, {dropped = {}, messages = {}, sectors = {}}
  for k = 1, n do
    if reason[k] then
      info.dropped[#info.dropped + 1] = {index = k, sector = labels[k], reason = reason[k]}
      info.messages[#info.messages + 1] = string.format(
        "sector %d (%s) set aside: %s", k, labels[k], reason[k])
    else
      kept[#kept + 1], kept_y[#kept_y + 1] = k, k + n
      info.sectors[#info.sectors + 1] = labels[k]
    end
  end
  if #kept < 2 then
    fail("linkage_matrix", "fewer than 2 sectors can be correlated (%s)", table.concat(info.messages, "; "))
  end
  info.kept = kept

  -- L from the flows in one C pass (dividing a column or row by its positive
  -- total leaves its correlations as they are); the diagonal is 1 exactly
  local L = stats.cor_max_four(Z, kept)
  -- the four blocks, formed only when asked for (each is another n x n)
  setmetatable(info, {__index = function(t, key)
    if key ~= "xx" and key ~= "yy" and key ~= "xy" then return nil end
    local R = stats.cor(matrix.hcat(Z:divcols(cdiv), Z:divrows(rdiv):t()), nil, {constant = "report"})
    t.xx = R:select(kept, kept)          -- r(x_A, x_B)
    t.yy = R:select(kept_y, kept_y)      -- r(y_A, y_B)
    t.xy = R:select(kept, kept_y)        -- r(x_A, y_B); its transpose r(x_B, y_A)
    return rawget(t, key)
  end})
  L:setnames(info.sectors, info.sectors)
  return L, info
end

return M
