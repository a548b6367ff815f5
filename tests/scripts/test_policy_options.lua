-- test_policy_options.lua -- end to end: scripts/policy_options.lua on an
-- output folder without chapters names every chapter's evidence as missing
-- and still ranks the six options on the SPECA deck; an edited rules folder
-- (--rules) changes the ranking; bad options are a message, not a traceback.
local T = require "testing"

-- the option ids of options.csv in rank order
local function ranking(d)
  local ids = {}
  local f = assert(io.open(d .. "/policy/options.csv"))
  f:read("l")
  for line in f:lines() do ids[#ids + 1] = line:match("^%d+,(%d+),") end
  f:close()
  return table.concat(ids, " ")
end

T.test("no chapter outputs: every chapter named as missing evidence, six options ranked", function()
  local d = T.tmpdir()
  local out, code = T.run("scripts/policy_options.lua", "--out " .. T.quote(d))
  T.equal(code, 0, "exit code\n" .. out)
  for _, what in ipairs { "chapter 1 (regional key sectors and value chains) did not run",
    "chapter 2 (innovation scoreboard) did not run", "chapter 3 (probit of innovation) did not run",
    "chapter 4 (modes of innovation) did not run" } do
    assert(out:find(what, 1, true), what .. "\n" .. out)
  end
  -- on the deck alone (rules.csv, KAZ): 4: ISO 452 < 1000 (2) + LPI 2.8 < 3 (1) = 3 from two rules,
  -- ahead of 1: R&D 0.1 < 0.5 (3) from one; 3: MHT 14.5 < 20 (1); 6: servers 2359 < 5000 (1);
  -- 2 and 5: 0; ties by id
  T.equal(ranking(d), "4 1 3 6 2 5", "ranking on the deck alone")
  os.execute("rm -rf " .. T.quote(d))
end)

T.test("an edited rules file changes the ranking", function()
  local d, rules = T.tmpdir(), T.tmpdir()
  assert(os.execute("cp stdlib/data/policy/*.csv " .. T.quote(rules)))
  -- ISO 9001 threshold 1000 -> 400: Kazakhstan's 452 no longer counts, option 4 falls from 3 to 1
  local f = assert(io.open(rules .. "/rules.csv"))
  local text = f:read("a"):gsub("ISO 9001:2015 certificates,<,1000,", "ISO 9001:2015 certificates,<,400,")
  f:close()
  f = assert(io.open(rules .. "/rules.csv", "w"))
  f:write(text)
  f:close()
  local out, code = T.run("scripts/policy_options.lua", "--out " .. T.quote(d) .. " --rules " .. T.quote(rules))
  T.equal(code, 0, "exit code\n" .. out)
  -- option 4 now 1 (LPI alone), tied with 3 and 6 at one rule each: by id, 1 (3) 3 4 6 2 5
  T.equal(ranking(d), "1 3 4 6 2 5", "option 4 falls below option 1 and 3")
  os.execute("rm -rf " .. T.quote(d) .. " " .. T.quote(rules))
end)

T.test("bad options: the message alone", function()
  local d = T.tmpdir()
  local out, code = T.run("scripts/policy_options.lua", "--out " .. T.quote(d) .. " --capacity great")
  T.equal(code, 1, "exit code")
  assert(out:find("capacity must be 'low', 'medium' or 'high', got 'great'", 1, true), out)
  T.equal(out:find("stack traceback", 1, true), nil, "no traceback:\n" .. out)
  local emp = d .. "/employment.csv"
  local f = assert(io.open("scripts/data/employment_mount_isa_2021.csv"))
  local text = f:read("a"):gsub('"Mining",3307,', '"Mining",n/a,')
  f:close()
  f = assert(io.open(emp, "w"))
  f:write(text)
  f:close()
  out, code = T.run("scripts/policy_options.lua", "--out " .. T.quote(d) .. " --employment " .. T.quote(emp))
  T.equal(code, 1, "exit code")
  assert(out:find("employment.csv, row 3, column 'mount_isa', sector 'Mining': 'n/a' is not a number", 1, true), out)
  T.equal(out:find("stack traceback", 1, true), nil, "no traceback:\n" .. out)
  out, code = T.run("scripts/policy_options.lua", "--out " .. T.quote(d) .. " --rules /no/such/folder")
  T.equal(code, 1, "exit code")
  assert(out:find("/no/such/folder/nip_policy_options.csv", 1, true), out)
  os.execute("rm -rf " .. T.quote(d))
end)

T.done()
