-- test_bench.lua -- bench.rounds (make bench's harness): the order of the
-- programs rotates by round and case, so each runs first equally often.
local T = require "testing"
local bench = require "bench"

T.test("rounds: every program first once in 3 rounds of 3, and the first changes from case to case", function()
  local cases = {}
  for c = 1, 2 do
    cases[c] = { name = "case " .. c, programs = {} }
    for _, p in ipairs { "a", "b", "c" } do
      cases[c].programs[#cases[c].programs + 1] = { name = p, command = "echo 0.25 7" }
    end
  end
  local first, seen = {}, {}
  bench.rounds(cases, 3, function(round, _, case, prog)
    local key = round .. case
    if not seen[key] then
      seen[key] = true
      first[case] = first[case] or {}
      first[case][#first[case] + 1] = prog
    end
  end)
  for c = 1, 2 do
    local names = table.concat(first["case " .. c], "")
    T.equal(#names, 3, "three rounds")
    for _, p in ipairs { "a", "b", "c" } do T.equal(select(2, names:gsub(p, "")), 1, p .. " first once in case " .. c) end
  end
  T.equal(first["case 1"][1] ~= first["case 2"][1], true, "round 1 starts each case with another program")
  -- the records stay where they were: programs[1] is still the same program, with its best time
  T.equal(cases[1].programs[1].name, "a", "order of the records kept")
  T.equal(cases[1].programs[1].best, 0.25, "best of the rounds")
end)

T.done()
