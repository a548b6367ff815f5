-- test_impact_scenario.lua -- end to end: scripts/impact_scenario.lua on the
-- bundled Mount Isa table. A final demand of 100 for Mining raises regional
-- output by 100 times Mining's regional output multiplier, which chapter 1
-- computes by another path (column sums of the Leontief inverse, its
-- regional_linkages.csv); a bad scenario is a message, not a traceback.
local T = require "testing"

T.test("a final-demand shock: type I output = the regional output multiplier", function()
  local d = os.tmpname()
  os.remove(d)
  local out, code = T.run("scripts/impact_scenario.lua", "--demand 'Mining=100' --out " .. T.quote(d))
  T.equal(code, 0, "exit code\n" .. out)
  -- chapter 1's output multiplier of Mining on the same regional table (FLQ, delta 0.3)
  T.run("scripts/ch1_regional_clusters.lua", "--no-factor --out " .. T.quote(d .. "/ch1"))
  local f = assert(io.open(d .. "/ch1/regional_linkages.csv"))
  local header = f:read("l")
  local col
  local k = 0
  for name in header:gmatch("[^,]+") do k = k + 1; if name == "output_multiplier" then col = k end end
  local mult
  for line in f:lines() do
    if line:match("^Mining,") then
      local fields = {}
      for x in line:gmatch("[^,]+") do fields[#fields + 1] = x end
      mult = tonumber(fields[col])
    end
  end
  f:close()
  assert(mult, "Mining's output multiplier in ch1's regional_linkages.csv")
  f = assert(io.open(d .. "/impacts.csv"))
  f:read("l")
  local row = f:read("l")
  f:close()
  local direct, indirect = row:match("^[^,]+,regional,output,([^,]+),([^,]+),")
  T.close(tonumber(direct) + tonumber(indirect), 100 * mult, 1e-9, "type I output")
  os.execute("rm -rf " .. T.quote(d))
end)

T.test("bad scenarios: the message alone", function()
  local out, code = T.run("scripts/impact_scenario.lua", "--demand 'Steel=5'")
  T.equal(code, 1, "exit code")
  assert(out:find("scenario.final_demand: no sector 'Steel' in the regional table", 1, true), out)
  T.equal(out:find("stack traceback", 1, true), nil, "no traceback:\n" .. out)
  out, code = T.run("scripts/impact_scenario.lua", "--substitute 'Mining:half'")
  T.equal(code, 1, "exit code")
  assert(out:find("--substitute 'Mining:half': expected SECTOR:NUMBER", 1, true), out)
  out, code = T.run("scripts/impact_scenario.lua", "")
  T.equal(code, 1, "exit code")
  assert(out:find("give a scenario: --demand, --substitute or --new-plant", 1, true), out)
end)

T.done()
