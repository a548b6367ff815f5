-- test_hclust_large.lua -- stats.hclust on 2000 random points and on 500
-- integer-coded points full of ties, against R 4.2.2's hclust (merge, height,
-- order), made by tests/data/r_reference/make_ref_hclust.R (PROVENANCE.md).
-- The first runs the minimum spanning tree and the nearest-neighbour chain
-- (core/hclust_fast.c); the second falls back to R's own scheme on the ties.
local T = require "testing"
local matrix = require "matrix"
local stats = require "stats"

local ref = T.data .. "/r_reference/"

-- a headerless CSV of numbers (written with 17 digits) as a matrix
local function read_x (name)
  local rows = {}
  for line in io.lines(ref .. name) do
    local r = {}
    for f in line:gmatch("[^,]+") do r[#r + 1] = tonumber(f) end
    rows[#rows + 1] = r
  end
  return matrix.from(rows)
end

-- the reference trees by method: {merge = {{m1, m2}...}, height =, order =}
local function read_trees (name)
  local trees, first = {}, true
  for line in io.lines(ref .. name) do
    if first then first = false else
      local m, step, m1, m2, h, leaf = line:match(
        "^([^,]+),(%d+),(-?%d+),(-?%d+),([^,]+),(%d+)$")
      local t = trees[m] or {merge = {}, height = {}, order = {}}
      trees[m] = t
      step = tonumber(step)
      t.order[step] = tonumber(leaf)
      if tonumber(m1) ~= 0 then
        t.merge[step] = {tonumber(m1), tonumber(m2)}
        t.height[step] = tonumber(h)
      end
    end
  end
  return trees
end

-- every merge and leaf exactly as R; heights to tol relative (0: exactly)
local function check (tree, want, tol, what)
  local n = #want.order
  T.equal(tree.merge:rows(), n - 1, what .. ": merges")
  for s = 1, n - 1 do
    if tree.merge:get(s, 1) ~= want.merge[s][1]
        or tree.merge:get(s, 2) ~= want.merge[s][2] then
      error(string.format("%s: merge row %d is (%g, %g), R has (%d, %d)", what,
        s, tree.merge:get(s, 1), tree.merge:get(s, 2), want.merge[s][1],
        want.merge[s][2]), 0)
    end
    local h, w = tree.height:get(s, 1), want.height[s]
    if not (math.abs(h - w) <= tol * w) then
      error(string.format("%s: height %d is %.17g, R has %.17g", what, s, h,
        w), 0)
    end
  end
  for k = 1, n do
    if tree.order[k] ~= want.order[k] then
      error(string.format("%s: leaf %d is %d, R has %d", what, k,
        tree.order[k], want.order[k]), 0)
    end
  end
end

-- min and max do not round: single and complete heights are R's to the bit;
-- the Lance-Williams means may round in another order than R's (1 ulp or so)
local exact = {single = true, complete = true}

T.test("2000 random points: every reducible method as R", function()
  local D = stats.dist(read_x("hclust_random_2000x3.csv"))
  local trees = read_trees("ref_R_hclust_random_2000.csv")
  for _, m in ipairs{"single", "complete", "average", "mcquitty", "ward.D",
                     "ward.D2"} do
    check(stats.hclust(D, m), trees[m], exact[m] and 0 or 1e-13, m)
  end
end)

T.test("500 points with many equal distances: R's ties, every method", function()
  local D = stats.dist(read_x("hclust_ties_500x4.csv"))
  local trees = read_trees("ref_R_hclust_ties_500.csv")
  for _, m in ipairs{"single", "complete", "average", "mcquitty", "ward.D",
                     "ward.D2", "centroid", "median"} do
    check(stats.hclust(D, m), trees[m], exact[m] and 0 or 1e-13, m)
  end
end)

T.done()
