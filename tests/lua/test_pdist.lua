-- test_pdist.lua -- stats.pdist, the packed dist object (lua/ldist.c), and
-- stats.hclust on it in place: the same numbers as stats.dist's matrix (which
-- test_hclust.lua checks against R), the same trees, the distances intact
-- after hclust overwrote them, and every error message.
local T = require "testing"
local matrix = require "matrix"
local stats = require "stats"
local csv = require "csv"

local ref = T.data .. "/r_reference/"
local X = csv.read(ref .. "USArrests.csv")   -- 50 x 4, states as row labels

-- the 500 x 4 integer codes of make_ref_hclust.R: many distances tie
local function ties ()
  local rows = {}
  for line in io.lines(ref .. "hclust_ties_500x4.csv") do
    local r = {}
    for f in line:gmatch("[^,]+") do r[#r + 1] = tonumber(f) end
    rows[#rows + 1] = r
  end
  return matrix.from(rows)
end

local methods = {"ward.D", "single", "complete", "average", "mcquitty",
                 "median", "centroid", "ward.D2"}

-- two trees are the same to the last bit
local function same_tree (a, b, what)
  for s = 1, a.merge:rows() do
    T.equal(a.merge:get(s, 1), b.merge:get(s, 1), what .. " merge " .. s)
    T.equal(a.merge:get(s, 2), b.merge:get(s, 2), what .. " merge " .. s)
    T.equal(a.height:get(s, 1), b.height:get(s, 1), what .. " height " .. s)
  end
  for k = 1, #a.order do T.equal(a.order[k], b.order[k], what .. " order") end
end

T.test("pdist holds exactly the numbers of dist, labelled", function()
  for _, m in ipairs{"euclidean", "manhattan", "maximum", "canberra",
                     "binary", "minkowski"} do
    local D, M = stats.pdist(X, m, 3), stats.dist(X, m, 3)
    T.equal(D:size(), 50, m .. " size")
    for i = 1, 50, 7 do
      for j = 1, 50, 3 do T.equal(D:get(i, j), M:get(i, j), m) end
    end
    local full = D:matrix()
    T.equal(full:get(50, 1), M:get(50, 1), m .. " matrix()")
    T.equal(full:get(1, 50), M:get(1, 50), m .. " matrix() upper")
  end
  local D = stats.pdist(X)
  -- R: as.matrix(dist(USArrests))["Alabama", "Alaska"] (test_hclust.lua)
  T.close(D:get("Alabama", "Alaska"), 37.177009024395709, 1e-15, "by label")
  T.equal(D:get(3, 3), 0, "diagonal")
  T.equal(D:labels()[50], "Wyoming", "labels")
  T.equal(D:matrix():colnames()[50], "Wyoming", "matrix() labels")
  T.equal(tostring(D), "dist: 50 objects, euclidean distances (1225 pairs, packed)",
    "tostring")
end)

T.test("hclust on a pdist: the trees of hclust on the matrix", function()
  for _, data in ipairs{{"USArrests", X}, {"ties", ties()}} do
    local D, M = stats.pdist(data[2]), stats.dist(data[2])
    for _, m in ipairs(methods) do
      same_tree(stats.hclust(D, m), stats.hclust(M, m), data[1] .. " " .. m)
    end
  end
  T.equal(stats.hclust(stats.pdist(X), "average").labels[1], "Alabama", "labels")
end)

T.test("the distances survive hclust working in place", function()
  local D = stats.pdist(X)
  local before = D:get("Texas", "Vermont")
  local first = stats.hclust(D, "average")   -- overwrites D's storage
  T.equal(D:get("Texas", "Vermont"), before, "recomputed after hclust")
  same_tree(stats.hclust(D, "average"), first, "again")
  local T5 = stats.pdist(ties())             -- ties: refilled mid-way
  local d12 = T5:get(1, 2)
  stats.hclust(T5, "ward.D2")
  T.equal(T5:get(1, 2), d12, "after the tie-broken run")
end)

-- 1500 rows: 1,124,250 pairs, over the 2^20 from which cl_distance_packed
-- shares the rows between two threads; x_ij = frac(i^2 sqrt(j + 1)) as the
-- benchmark's observations
local function many (rows, cols)
  return matrix.new(rows, cols):map(function(_, i, j)
    local v = i * i * math.sqrt(j + 1)
    return v - math.floor(v)
  end)
end

T.test("pdist in two threads: every pair as dist computes it in one", function()
  local Y = many(1500, 3)
  for _, m in ipairs{"euclidean", "manhattan", "canberra"} do
    local full = stats.pdist(Y, m):matrix()
    T.equal((full - stats.dist(Y, m)):abs():max(), 0, m .. ": every pair")
  end
end)

T.test("pdist in two threads: the first bad pair in R's order is named", function()
  local Y = many(1500, 3)
  for _, i in ipairs{5, 1498, 1500} do   -- three rows of zeros: no canberra
    for j = 1, 3 do Y:set(i, j, 0) end   -- for 5-1498, 5-1500, 1498-1500
  end
  T.errors("canberra distance between rows 5 and 1498 is undefined",
    stats.pdist, Y, "canberra")
  Y = many(1500, 1)                      -- (2.4e154)^2 > 1.8e308 overflows,
  Y:set(10, 1, 1.2e154)                  -- (1.2e154)^2 does not: 10-1200 and
  Y:set(1200, 1, -1.2e154)               -- 1200-1490 overflow, 10-1490 is 0
  Y:set(1490, 1, 1.2e154)
  T.errors("the distance between rows 10 and 1200 overflowed", stats.pdist, Y)
end)

-- single linkage on a pdist recomputes the pairs down the triangle's columns
-- from X's rows where that is cheaper (few columns, not canberra or
-- minkowski): the trees must be those of the matrix, read as stored
T.test("single linkage on a pdist: the matrix's tree, every distance", function()
  for _, shape in ipairs{{1500, 3}, {300, 20}} do  -- 20 columns: read
    local Y = many(shape[1], shape[2])
    for _, m in ipairs{"euclidean", "manhattan", "maximum", "binary", "canberra"} do
      same_tree(stats.hclust(stats.pdist(Y, m), "single"),
        stats.hclust(stats.dist(Y, m), "single"),
        ("%d x %d %s"):format(shape[1], shape[2], m))
    end
  end
  local Z = ties()                                 -- R's scheme for ties
  same_tree(stats.hclust(stats.pdist(Z, "manhattan"), "single"),
    stats.hclust(stats.dist(Z, "manhattan"), "single"), "ties manhattan")
end)

T.test("pdist and dist: bad arguments", function()
  T.errors("unknown method 'cosine'", stats.pdist, X, "cosine")
  T.errors("minkowski power p must be a positive finite number, got 0",
    stats.pdist, X, "minkowski", 0)
  T.errors("X has no columns", stats.pdist, matrix.new(3, 0))
  T.errors("pdist: X: element [2, 1] is nan", stats.pdist,
    matrix.from{{1, 2}, {0 / 0, 1}})
  T.errors("canberra distance between rows 1 and 2 is undefined",
    stats.pdist, matrix.from{{0, 0}, {0, 0}, {1, 2}}, "canberra")
  T.errors("the distance between rows 1 and 2 overflowed", stats.pdist,
    matrix.from{{1e300}, {-1e300}})
  local D = stats.pdist(X)
  T.errors("object 51 out of range 1..50", D.get, D, 51, 1)
  T.errors("no object labelled 'Atlantis'", D.get, D, "Atlantis", 1)
  T.errors("object index or label expected", D.get, D, {}, 1)
  T.errors("at least 2 objects, got 1", stats.hclust, stats.pdist(matrix.from{{1}}))
  T.errors("unknown method 'ward'", stats.hclust, D, "ward")
end)

T.done()
