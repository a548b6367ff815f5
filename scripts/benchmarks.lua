-- benchmarks.lua -- `make bench`: every workload of issue 12's table against
-- its peers from Debian (numpy, scipy, statsmodels, pandas; R with
-- fastcluster, data.table), in one run, interleaved in rounds, best of k,
-- with each program's peak memory (GNU time). Each program builds the same
-- SIMULATED data from a formula (scripts/bench/work.lua, peers.py, peers.R)
-- and times only the work; the checksums show they computed the same thing.
-- Ratio = clusterlab / the fastest peer: below 1 clusterlab is faster.
-- usage: clusterlab scripts/benchmarks.lua [--rounds 3] [--quick] [--markdown FILE] [--only NAME]
local cli = require "cli"
local bench = require "bench"
local csv = require "csv"
local matrix = require "matrix"
local timer = require "timer"
local report = require "report"

local spec = {
  usage = "clusterlab scripts/benchmarks.lua [options]",
  about = "clusterlab against numpy, scipy, statsmodels, pandas, R, fastcluster and data.table.",
  options = {
    { name = "rounds", number = true, default = 3, help = "rounds (best of this many runs per program)" },
    { name = "quick", flag = true, help = "small sizes only (a minute; for trying the harness)" },
    { name = "only", value = "NAME", help = "only the workloads whose name contains NAME" },
    { name = "markdown", value = "FILE", help = "also write the results as a Markdown table" },
  },
}

local here = (arg and arg[0] or ""):match("^(.*)[/\\][^/\\]*$") or "."
local BIN = arg[-1] or "./clusterlab"
local PY, R = "/usr/bin/python3", "Rscript"

-- the table's rows: name, workload, size, extra argument, peers
local function workloads(quick, dir)
  local small = quick and 1 or nil
  local W = {}
  local function add(name, work, n, extra, peers, rounds)
    W[#W + 1] = { name = name, work = work, n = n, extra = extra, peers = peers, rounds = rounds }
  end
  for _, n in ipairs(small and { 500 } or { 500, 2000, 4000 }) do
    add("Leontief inverse, n = " .. n, "inverse", n, nil, { "numpy", "R" })
  end
  for _, n in ipairs(small and { 500 } or { 500, 2000, 4000 }) do
    add("multipliers without the inverse, n = " .. n, "multipliers", n, nil, { "numpy", "R" })
  end
  for _, n in ipairs(small and { 400 } or { 400, 1000, 2000 }) do
    add("FSR + PCA + varimax, " .. n .. " sectors", "factor", n, nil, { "numpy" })
  end
  local rows = small and 100000 or 1000000
  add(("probit, %d x 10"):format(rows), "probit", rows, nil, { "statsmodels", "R" })
  add(("logit, %d x 10"):format(rows), "logit", rows, nil, { "statsmodels", "R" })
  add(("OLS (HC1), %d x 10"):format(rows), "ols", rows, nil, { "statsmodels", "R" })
  for _, n in ipairs(small and { 2000 } or { 5000, 10000, 20000 }) do
    -- 3 GB per peer: two rounds, not three; one was at the mercy of what the
    -- previous process left (a fresh page costs what the freed ones were)
    local rounds = n >= 20000 and 2 or nil
    add("stats.pdist (packed, as R's dist), n = " .. n, "dist", n, nil, { "scipy", "R" }, rounds)
    add("pdist + hclust average, n = " .. n, "average", n, nil, { "scipy", "fastcluster" }, rounds)
    add("pdist + hclust single, n = " .. n, "single", n, nil, { "scipy", "fastcluster" }, rounds)
  end
  for _, shape in ipairs(small and { { 500, 500 } } or { { 2000, 2000 }, { 1000000, 10 } }) do
    local path = string.format("%s/bench_%dx%d.csv", dir, shape[1], shape[2])
    add(("csv.read, %d x %d"):format(shape[1], shape[2]), "csv", shape[1], path,
      { "pandas", "numpy", "data.table", "data.table, 2 threads" })
  end
  add("atlas, 19 sectors x 547 areas (LGA-sized)", "atlas", 19, 547, { "numpy" })
  if not quick then add("atlas, 400 sectors x 500 areas", "atlas", 400, 500, { "numpy" }) end
  return W
end

local PEERS = {
  numpy = PY, scipy = PY, statsmodels = PY, pandas = PY,
  R = R, fastcluster = R, ["data.table"] = R, ["data.table, 2 threads"] = R,
}

local function command(program, w)
  local args = w.work .. " " .. w.n .. (w.extra and (" " .. bench.quote(w.extra)) or "")
  if program == "clusterlab" then return BIN .. " " .. here .. "/bench/work.lua " .. args end
  local file = PEERS[program] == PY and "peers.py" or "peers.R"
  -- BENCH_PEER tells a program that plays several peers which one it is
  return "env BENCH_PEER=" .. bench.quote(program) .. " " .. PEERS[program] .. " " .. here .. "/bench/" .. file .. " " .. args
end

-- the CSV inputs, written once (labelled rows and columns, as csv.read wants)
local function write_csv_inputs(W)
  for _, w in ipairs(W) do
    if w.work == "csv" and not io.open(w.extra) then
      local rows, cols = tonumber(w.extra:match("_(%d+)x")), tonumber(w.extra:match("x(%d+)%.csv$"))
      local m = matrix.new(rows, cols):map(function(_, i, j) return ((i * 7919 + j * 104729) % 100003) / 1000.03 end)
      local rn, cn = {}, {}
      for i = 1, rows do rn[i] = "r" .. i end
      for j = 1, cols do cn[j] = "c" .. j end
      m:setnames(rn, cn)
      csv.write(w.extra, m)
    end
  end
end

local function machine()
  local f = io.open("/proc/cpuinfo")
  local info = f and f:read("a") or ""
  if f then f:close() end
  local _, cores = info:gsub("\nprocessor%s*:", "")
  return string.format("%s, %d cores", info:match("model name%s*:%s*([^\n]+)") or "unknown CPU", cores + 1)
end

local function main()
  local opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  local dir = os.getenv("TMPDIR") or "/tmp"
  local W = workloads(opts.quick, dir)
  local cases = {}
  for _, w in ipairs(W) do
    if not opts.only or w.name:find(opts.only, 1, true) then
      local programs = { { name = "clusterlab", command = command("clusterlab", w) } }
      for _, p in ipairs(w.peers) do programs[#programs + 1] = { name = p, command = command(p, w) } end
      cases[#cases + 1] = { name = w.name, programs = programs, work = w, rounds = w.rounds }
    end
  end
  write_csv_inputs(W)
  local _, kernel = timer.blas_kernel()
  local header = string.format("%s; %s; OpenBLAS kernel %s; best of %d interleaved rounds, wall clock",
    machine(), os.date("!%Y-%m-%d %H:%M UTC"), kernel, opts.rounds)
  print(header)
  bench.rounds(cases, opts.rounds, function(round, k, case, prog)
    io.stderr:write(string.format("\rround %d/%d: %-50.50s %-12s", round, k, case, prog))
    io.stderr:flush()
  end)
  io.stderr:write("\n")

  local records = {}
  for _, case in ipairs(cases) do
    local ours, best = case.programs[1], nil
    local peers, agree = {}, true
    for k = 2, #case.programs do
      local p = case.programs[k]
      if p.best and (not best or p.best < best.best) then best = p end
      peers[#peers + 1] = p.best and string.format("%s %.3f s, %.0f MB", p.name, p.best, p.peak_mb)
        or (p.name .. " failed: " .. tostring(p.error))
      if p.checksum and ours.checksum and math.abs(p.checksum - ours.checksum) > 1e-6 * math.max(1, math.abs(ours.checksum)) then
        agree = false
      end
    end
    records[#records + 1] = {
      workload = case.name,
      clusterlab = ours.best and string.format("%.3f s, %.0f MB", ours.best, ours.peak_mb) or ("failed: " .. tostring(ours.error)),
      peers = table.concat(peers, "; "),
      ratio = (ours.best and best) and ours.best / best.best or nil,
      memory = (ours.peak_mb and best) and ours.peak_mb / best.peak_mb or nil,
      same = agree and "yes" or "NO",
    }
  end
  local columns = { "workload", "clusterlab", "peers", { key = "ratio", title = "time ratio", digits = 2 },
    { key = "memory", title = "memory ratio", digits = 2 }, { key = "same", title = "same result" } }
  report.print(records, columns, { title = "ratio = clusterlab / fastest peer (below 1: clusterlab faster)" })
  if opts.markdown then
    local lines = { "_" .. header .. "_", "", "| workload | clusterlab | peers | time ratio | memory ratio |", "|---|---|---|---|---|" }
    for _, r in ipairs(records) do
      lines[#lines + 1] = string.format("| %s | %s | %s | %s | %s |", r.workload, r.clusterlab, r.peers,
        report.number(r.ratio, 2), report.number(r.memory, 2))
    end
    local f = assert(io.open(opts.markdown, "w"))
    f:write(table.concat(lines, "\n"), "\n")
    f:close()
  end
end

cli.run(main)
