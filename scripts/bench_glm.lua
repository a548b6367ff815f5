-- bench_glm.lua -- glm.probit, glm.logit and glm.ols against statsmodels
-- (issues 9 and 12: the probit at half statsmodels' time at most, logit and
-- OLS no slower): the glm rows of `make bench`, on the same SIMULATED data
-- made from a formula by both programs (scripts/bench/work.lua and
-- peers.py), in interleaved rounds, best of k, with the checksums that show
-- both fitted the same model. A benchmark, not a test.
-- usage: clusterlab scripts/bench_glm.lua [rows (1000000)] [rounds (3)]
local bench = require "bench"
local report = require "report"

local rows = tonumber(arg and arg[1]) or 1000000
local rounds = tonumber(arg and arg[2]) or 3
local here = (arg and arg[0] or ""):match("^(.*)[/\\][^/\\]*$") or "."
local BIN = arg[-1] or "./clusterlab"
local PYTHON = os.getenv("PYTHON") or "/usr/bin/python3"  -- Debian's, with python3-statsmodels

local cases = {}
for _, model in ipairs{"probit", "logit", "ols"} do
  local args = model .. " " .. rows
  cases[#cases + 1] = {name = model, programs = {
    {name = "clusterlab", command = BIN .. " " .. here .. "/bench/work.lua " .. args},
    {name = "statsmodels", command = PYTHON .. " " .. here .. "/bench/peers.py " .. args},
  }}
end
bench.rounds(cases, rounds)

local records = {}
for _, case in ipairs(cases) do
  local ours, peer = case.programs[1], case.programs[2]
  records[#records + 1] = {
    model = case.name,
    clusterlab = ours.best, statsmodels = peer.best,
    ratio = ours.best and peer.best and ours.best / peer.best or nil,
    same = ours.checksum and peer.checksum
      and math.abs(ours.checksum - peer.checksum) <= 1e-6 * math.max(1, math.abs(ours.checksum))
      and "yes" or ("NO: " .. tostring(ours.error or peer.error or "checksums differ")),
  }
end
report.print(records, {"model", {key = "clusterlab", title = "clusterlab s", digits = 3},
  {key = "statsmodels", title = "statsmodels s", digits = 3}, {key = "ratio", digits = 2},
  {key = "same", title = "same fit"}},
  {title = string.format("%d observations x 10 regressors, best of %d interleaved rounds, wall"
    .. " clock; ratio = clusterlab / statsmodels (below 1: clusterlab faster)", rows, rounds)})
