-- test_atlas.lua -- end to end: scripts/atlas.lua on the bundled states and
-- LGAs of Australia, on a user's employment file, and on bad input.
local T = require "testing"
local csv = require "csv"

local SCRIPT = "scripts/atlas.lua"

T.test("the bundled states and LGAs", function()
  local dir = T.tmpdir()
  local out, code = T.run(SCRIPT, { "--out", dir })
  T.equal(code, 0, "exit status\n" .. out)
  assert(out:find("atlas_states_2021.csv: 9 areas x 19 sectors", 1, true), out)
  assert(out:find("atlas_lgas_2021.csv: 547 areas x 19 sectors", 1, true), out)
  assert(out:find("547/547 areas (100%)", 1, true), "progress line\n" .. out)
  local t = csv.read_table(dir .. "/atlas_states_2021_sectors.csv")
  T.equal(#t.columns.area, 9 * 19, "one row per state and sector")
  T.equal(t.columns.area[1], "New South Wales", "first area")
  for _, c in ipairs(t.columns.class) do
    assert(c == "key" or c == "uneven" or c == "backward" or c == "forward" or c == "weak", c)
  end
  local svg = T.slurp(dir .. "/atlas_lgas_2021_key_sectors.svg")
  assert(svg:find("Key sectors by area", 1, true) and svg:find(">Qld<", 1, true), "LGA map with state groups")
  assert(not svg:lower():find("\"%-?nan\"") and not svg:lower():find("\"%-?inf\""), "no NaN or Inf in the map")
end)

T.test("a user's file, quiet; Mount Isa's classes as the study's chapter 1 finds them", function()
  local dir = T.tmpdir()
  local out, code = T.run(SCRIPT, { "--out", dir, "--quiet", "--employment", T.data .. "/australia_2021/atlas_four_areas.csv" })
  T.equal(code, 0, "exit status\n" .. out)
  assert(out:find("One Sector Town skipped: 1 sector with employment", 1, true), out)
  assert(not out:find("areas (", 1, true), "no progress line with --quiet")
  local t = csv.read_table(dir .. "/atlas_four_areas_sectors.csv")
  local mining
  for k, a in ipairs(t.columns.area) do
    if a == "Mount Isa (Qld)" and t.columns.sector[k] == "Mining" then mining = t.columns.class[k] end
  end
  -- R (ref_R_mount_isa_flq.csv): Mining backward 0.985, forward 1.212
  T.equal(mining, "forward", "Mount Isa's mining")
end)

T.test("bad input ends with a message naming it", function()
  local out, code = T.run(SCRIPT, { "--delta", "1.5" })
  T.equal(code, 1, "exit status"); assert(out:find("--delta must be in [0, 1)", 1, true), out)
  out, code = T.run(SCRIPT, { "--employment", "/nonexistent/areas.csv", "--out", T.tmpdir() })
  T.equal(code, 1, "exit status"); assert(out:find("/nonexistent/areas.csv", 1, true), out)
end)

T.done()
