-- test_distributions.lua -- every distribution function of `stats` against
-- R 4.2.2 over the whole range of its arguments, extremes included (1160
-- values written by tests/data/r_reference/make_ref_distributions.R; see its
-- PROVENANCE.md). Each value must be a probability (or log-probability) and
-- agree with R to a relative 1e-9 (absolute 1e-300 near 0); stats.pt(0.5,
-- 1e15) used to return 4.71 and stats.pt(1e300, 1e-3) 1.
local T = require "testing"
local csv = require "csv"
local stats = require "stats"

local function num(s)
  if s == "Inf" then return math.huge elseif s == "-Inf" then return -math.huge end
  return assert(tonumber(s), s)
end

local call = {
  pnorm = function(r) return stats.pnorm(r.x, r.lower, r.log) end,
  plogis = function(r) return stats.plogis(r.x, r.lower, r.log) end,
  dnorm = function(r) return stats.dnorm(r.x, r.log) end,
  qnorm = function(r) return stats.qnorm(r.x, r.lower) end,
  pt = function(r) return stats.pt(r.x, r.par1, r.lower) end,
  pchisq = function(r) return stats.pchisq(r.x, r.par1, r.lower) end,
  pf = function(r) return stats.pf(r.x, r.par1, r.par2, r.lower) end,
}

local function agrees(got, want)
  if got == want then return true end
  if type(got) ~= "number" or got ~= got then return false end
  if math.abs(want) == math.huge then return false end
  return math.abs(got - want) <= 1e-9 * math.abs(want) + 1e-300
end

local header, rows = csv.read_rows(T.data .. "/r_reference/ref_R_distributions.csv")
local by_fun, order = {}, {}
for _, f in ipairs(rows) do
  local r = {}
  for k, h in ipairs(header) do r[h] = f[k] end
  r.x, r.par1, r.par2, r.value = num(r.x), num(r.par1), num(r.par2), num(r.value)
  r.lower, r.log = r.lower == "1", r.log == "1"
  if not by_fun[r.fun] then by_fun[r.fun] = {}; order[#order + 1] = r.fun end
  table.insert(by_fun[r.fun], r)
end

for _, fun in ipairs(order) do
  T.test(fun .. " against R over its whole range", function()
    local bad = {}
    for _, r in ipairs(by_fun[fun]) do
      local ok, got = pcall(call[fun], r)
      if not ok or not agrees(got, r.value) then
        bad[#bad + 1] = string.format("%s(%.17g, %g, %g, lower=%s, log=%s) = %s, R: %.17g", fun, r.x, r.par1,
          r.par2, tostring(r.lower), tostring(r.log), tostring(got), r.value)
      end
    end
    if #bad > 0 then error(#bad .. " of " .. #by_fun[fun] .. " differ from R:\n  " .. table.concat(bad, "\n  ", 1, math.min(#bad, 40)), 0) end
  end)
end

T.test("the published cases of issue 13", function()
  -- R 4.2.2: pt(0.5, 1e15) = 0.69146246127401312, pt(1e300, 1e-3) = 0.75 (to 16 digits)
  T.close(stats.pt(0.5, 1e15), 0.69146246127401312, 1e-12, "pt(0.5, 1e15)")
  T.close(stats.pt(1e300, 1e-3), 0.75, 1e-3, "pt(1e300, 1e-3)")
end)

T.done()
