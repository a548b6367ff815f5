-- bench_csv.lua -- times csv.read on a 2000 x 2000 and a 1e6 x 10 numeric
-- file (row labels, a header, every number at full precision as csv.write
-- writes it) against data.table::fread (its default threads, and 2), pandas
-- read_csv and numpy loadtxt on the same files, in the same run; prints each
-- one's best time, the ratio clusterlab / it (below 1: clusterlab is faster)
-- and its peak memory (VmHWM of a process that only reads that file,
-- dropping each result before the next read). A benchmark, not a test.
-- usage: clusterlab scripts/bench_csv.lua [repeats] [scale]
-- (scale < 1 shrinks both files for a quick look)
local matrix = require "matrix"
local csv = require "csv"
local bench = require "bench"

local repeats = tonumber(arg and arg[1]) or 3
local scale = tonumber(arg and arg[2]) or 1
local self = arg and arg[-1] or "clusterlab"

-- a random matrix with labels, written once by csv.write (17 digits at most)
local function make_file(path, rows, cols)
  math.randomseed(20261130 + rows)
  local m = matrix.new(rows, cols):map(function() return math.random() * 2 - 1 end)
  local rn, cn = {}, {}
  for i = 1, rows do rn[i] = "r" .. i end
  for j = 1, cols do cn[j] = "c" .. j end
  m:setrownames(rn)
  m:setcolnames(cn)
  csv.write(path, m)
  return m:sum()
end

-- each reader: a program for bench.peer that reads FILE `repeats` times and
-- prints "best-seconds checksum peak-kB"
local readers = {
  { name = "clusterlab csv.read", interpreter = self, program = [[
local csv, timer = require "csv", require "timer"
local best, m = math.huge
for _ = 1, REPEATS do
  m = nil; collectgarbage()
  local t0 = timer.now(); m = csv.read("FILE"); best = math.min(best, timer.now() - t0)
end
local peak = io.open("/proc/self/status"):read("a"):match("VmHWM:%s*(%d+)")
print(best, string.format("%.12g", m:sum()), peak)
]] },
  { name = "data.table::fread", interpreter = "Rscript", program = [==[
suppressMessages(library(data.table))
THREADS
best <- Inf
for (r in 1:REPEATS) {
  d <- NULL; invisible(gc())
  t0 <- proc.time()[["elapsed"]]; d <- fread("FILE"); best <- min(best, proc.time()[["elapsed"]] - t0)
}
peak <- sub("[^0-9]*([0-9]+).*", "\\1", grep("VmHWM", readLines("/proc/self/status"), value = TRUE))
cat(best, format(sum(as.matrix(d[, -1])), digits = 12), peak, "\n")
]==] },
  { name = "pandas read_csv", interpreter = "/usr/bin/python3", program = [[
import time, pandas as pd
best = 1e9
for _ in range(REPEATS):
    d = None
    t0 = time.perf_counter(); d = pd.read_csv("FILE", index_col=0); best = min(best, time.perf_counter() - t0)
peak = [l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
print(best, "%.12g" % d.values.sum(), peak)
]] },
  { name = "numpy loadtxt", interpreter = "/usr/bin/python3", program = [[
import time, numpy as np
cols = len(open("FILE").readline().split(","))
best = 1e9
for _ in range(REPEATS):
    a = None
    t0 = time.perf_counter()
    a = np.loadtxt("FILE", delimiter=",", skiprows=1, usecols=range(1, cols))
    best = min(best, time.perf_counter() - t0)
peak = [l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
print(best, "%.12g" % a.sum(), peak)
]] },
}
-- fread with 2 threads as well: its default is half the cores
table.insert(readers, 3, { name = "fread, 2 threads", interpreter = "Rscript",
  program = readers[2].program:gsub("THREADS", "setDTthreads(2)") })
readers[2].program = readers[2].program:gsub("THREADS", "")

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. dir))
local files = {
  { "2000 x 2000", dir .. "/wide.csv", math.floor(2000 * scale), math.floor(2000 * scale) },
  { "1e6 x 10", dir .. "/long.csv", math.floor(1e6 * scale), 10 },
}

for _, f in ipairs(files) do
  local label, path, rows, cols = f[1], f[2], f[3], f[4]
  local sum = make_file(path, rows, cols)
  local size = io.open(path):seek("end")
  print(string.format("csv.read of %s (%d x %d, %.0f MB, checksum %.12g); best of %d",
    label, rows, cols, size / 2^20, sum, repeats))
  local ours
  for _, r in ipairs(readers) do
    local program = r.program:gsub("FILE", path):gsub("REPEATS", tostring(repeats))
    local out, err = bench.peer(r.interpreter, program)
    local t, check, peak = (out or ""):match("^(%S+)%s+(%S+)%s+(%d+)")
    t = tonumber(t)
    if not t then
      print(string.format("  %-20s not available: %s", r.name, (err or out or ""):sub(1, 200)))
    else
      ours = ours or t
      print(string.format("  %-20s %7.3f s  ratio %5.2f  peak %6.0f MB  (checksum %s)",
        r.name, t, ours / t, tonumber(peak) / 1024, check))
    end
  end
  os.remove(path)
end
os.remove(dir)
