-- bench_cluster.lua -- times distances + hierarchical clustering (average
-- and single linkage) at n = 5,000 .. 20,000 points against R's fastcluster
-- (with R's dist) and scipy (pdist + linkage) on the same data, in the same
-- run, each size and method in its own process so that every program's peak
-- memory (VmHWM) is its own. Ratios are clusterlab / the best peer on each
-- column (below 1 is faster or leaner). The data are SIMULATED: uniform
-- random points from Lua's generator, seed 2013, written once to a CSV that
-- every program reads before its clock starts. A benchmark, not a test.
-- usage: clusterlab scripts/bench_cluster.lua [sizes e.g. 5000,10000,20000]
--        [columns = 10] [repeats = 3 below n = 20,000, else 1]
local bench = require "bench"

local sizes = {}
for s in (arg and arg[1] or "5000,10000,20000"):gmatch("%d+") do
  sizes[#sizes + 1] = tonumber(s)
end
local cols = tonumber(arg and arg[2]) or 10
local repeats = tonumber(arg and arg[3])
local host = arg and arg[-1] or "clusterlab"

-- SIMULATED points: n x cols uniform on [0, 1), seed 2013, 17 digits
local function write_points (n, path)
  math.randomseed(2013)
  local f = assert(io.open(path, "w"))
  for _ = 1, n do
    local row = {}
    for k = 1, cols do row[k] = string.format("%.17g", math.random()) end
    f:write(table.concat(row, ","), "\n")
  end
  f:close()
end

-- each program prints: seconds for the distances, seconds for the tree, the
-- sum of the heights (to see that all agree), peak resident memory in kB
local ours = [[
local matrix, stats, timer = require "matrix", require "stats", require "timer"
local path, method, k = arg[1], arg[2], tonumber(arg[3])
local rows = {}
for line in io.lines(path) do
  local r = {}
  for f in line:gmatch("[^,]+") do r[#r + 1] = tonumber(f) end
  rows[#rows + 1] = r
end
local X = matrix.from(rows)
rows = nil
collectgarbage()
local td, th, tree = math.huge, math.huge, nil
for _ = 1, k do  -- hclust works in D's storage: a fresh D every time
  local t0 = timer.now()
  local D = stats.pdist(X)
  local t1 = timer.now()
  tree = stats.hclust(D, method)
  td, th = math.min(td, t1 - t0), math.min(th, timer.now() - t1)
  D = nil
  collectgarbage()
end
local hwm = io.open("/proc/self/status"):read("a"):match("VmHWM:%s*(%d+)")
print(td, th, string.format("%.10g", tree.height:sum()), hwm)
]]

local scipy = [[
import sys, time, numpy as np
from scipy.spatial.distance import pdist
from scipy.cluster.hierarchy import linkage
path, method, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
X = np.loadtxt(path, delimiter=",")
td = th = 1e9
for _ in range(k):
    t0 = time.perf_counter(); y = pdist(X); t1 = time.perf_counter()
    Z = linkage(y, method); t2 = time.perf_counter()
    td, th = min(td, t1 - t0), min(th, t2 - t1)
    del y
hwm = [l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
print(td, th, "%.10g" % Z[:, 2].sum(), hwm)
]]

local fastcluster = [==[
suppressMessages(library(fastcluster))
a <- commandArgs(TRUE); k <- as.integer(a[3])
X <- as.matrix(read.csv(a[1], header = FALSE))
td <- th <- Inf
for (r in 1:k) {
  t0 <- proc.time()[["elapsed"]]; d <- dist(X); t1 <- proc.time()[["elapsed"]]
  h <- fastcluster::hclust(d, a[2]); t2 <- proc.time()[["elapsed"]]
  td <- min(td, t1 - t0); th <- min(th, t2 - t1); rm(d); invisible(gc())
}
hwm <- sub("[^0-9]*([0-9]+).*", "\\1", grep("VmHWM", readLines("/proc/self/status"), value = TRUE))
cat(td, th, format(sum(h$height), digits = 10), hwm, "\n")
]==]

local programs = {
  {"clusterlab", host, ours},
  {"scipy", "/usr/bin/python3", scipy},
  {"R fastcluster", "Rscript", fastcluster},
}

-- best of k: 3 for the small sizes, which the shared machine's noise sways
local function times (n) return repeats or (n >= 20000 and 1 or 3) end

local function run (p, path, method, n)
  local out, msg = bench.peer("nice " .. p[2], p[3],
    string.format("%s %s %d", path, method, times(n)))
  local td, th, sum, hwm = (out or ""):match("^(%S+)%s+(%S+)%s+(%S+)%s+(%d+)")
  if not td then return nil, msg or out end
  return {dist = tonumber(td), tree = tonumber(th), sum = sum,
          mb = tonumber(hwm) / 1024}
end

print(string.format("Distances + hierarchical clustering, %d columns of SIMULATED "
  .. "uniform points (seed 2013); ratio = clusterlab / best peer", cols))
local path = os.tmpname()
for _, n in ipairs(sizes) do
  write_points(n, path)
  for _, method in ipairs{"average", "single"} do
    print(string.format("n = %d, euclidean, %s linkage, best of %d", n, method,
      times(n)))
    local got = {}
    for _, p in ipairs(programs) do
      local r, msg = run(p, path, method, n)
      got[p[1]] = r
      if r then
        print(string.format("  %-14s dist %7.3f s  hclust %7.3f s  total %7.3f s  "
          .. "peak %6.0f MB  (sum of heights %s)", p[1], r.dist, r.tree,
          r.dist + r.tree, r.mb, r.sum))
      else
        print(string.format("  %-14s failed or not available (make bench-deps): %s",
          p[1], (msg or ""):sub(1, 200)))
      end
    end
    local me, best = got.clusterlab, {}
    for name, r in pairs(got) do
      if name ~= "clusterlab" then
        r.total = r.dist + r.tree
        for _, field in ipairs{"dist", "tree", "total", "mb"} do
          best[field] = math.min(best[field] or math.huge, r[field])
        end
      end
    end
    if me and best.total then
      print(string.format("  ratio to the best peer: dist %.2f  hclust %.2f  total %.2f  "
        .. "peak memory %.2f", me.dist / best.dist, me.tree / best.tree,
        (me.dist + me.tree) / best.total, me.mb / best.mb))
    end
  end
end
os.remove(path)
