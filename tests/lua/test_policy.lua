-- test_policy.lua -- the policy engine: rules read from data files rank the
-- six SPECA options (Radosevic 2020); a threshold edited in the rules file
-- changes the ranking; analyses that did not run are named as missing
-- evidence; the default capacity for Kazakhstan and the industry priorities.
local T = require "testing"
local policy = require "policy"

-- evidence of a region whose leading industry is strongly forward-linked and
-- weakly backward-linked (Rasmussen indices 1.2 and 0.9) and whose probit
-- finds foreign imports significant; the scoreboard and modes did not run
local function evidence()
  return {
    leading = { { sector = "Basic metals", slq = 6.5 }, { sector = "Information services", slq = 1.4 } },
    linkages = { { sector = "Basic metals", backward = 0.9, forward = 1.2 } },
    value_chains = { { value_chain = "Factor 2", industry = "Basic metals", loading = 0.8 } },
    probit = { { variable = "Foreign import", coef = 0.0072, p = 0.03 }, { variable = "Foreign presence", coef = 0.29, p = 0.2 } },
  }
end

-- a copy of the bundled rule set in a temporary folder, with rules.csv edited by fn
local function edited_copy(fn)
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p " .. dir .. " && cp " .. policy.DATA .. "/*.csv " .. dir))
  local f = assert(io.open(dir .. "/rules.csv"))
  local text = f:read("a")
  f:close()
  f = assert(io.open(dir .. "/rules.csv", "w"))
  f:write(fn(text))
  f:close()
  return dir
end

local function ids(res)
  local out = {}
  for k, o in ipairs(res.options) do out[k] = o.id end
  return table.concat(out, " ")
end

local function option(res, id)
  for _, o in ipairs(res.options) do if o.id == id then return o end end
end

T.test("the bundled rules rank all six options with the values behind them", function()
  local res = policy.evaluate(evidence(), policy.load())
  T.equal(#res.options, 6, "six options")
  -- strengths by hand from stdlib/data/policy/rules.csv and the evidence above:
  -- option 1: KAZ R&D 0.1 < 0.5 (3) + foreign import 0.0072 > 0, p .03 (2) = 5
  -- option 2: forward 1.2 > 1 (1) + backward 0.9 < 1 (2) + foreign import (1) = 4
  --           (foreign presence 0.29 has p = .2: not significant, so not met)
  -- option 4: ISO 9001 452 < 1000 (2) + LPI 2.8 < 3 (1) = 3
  -- option 3: MHT 14.5 < 20 (1) + one value chain (1) = 2; option 6: servers 2359 < 5000 (1); option 5: 0
  T.equal(ids(res), "1 2 4 3 6 5", "ranking")
  T.equal(option(res, 2).strength, 4, "option 2's strength")
  T.equal(option(res, 1).strength, 5, "option 1's strength")
  local rd
  for _, c in ipairs(option(res, 1).evidence) do if c.argument == "R&D expenditure" then rd = c end end
  T.equal(rd.value, 0.1, "the deck's KAZ R&D, % of GDP")
  T.equal(rd.status, "met", "R&D below 0.5")
  assert(rd.detail:find("KAZ", 1, true), rd.detail)
end)

T.test("changing a threshold in the rules file changes the ranking", function()
  -- R&D's threshold 0.5 -> 0.05: Kazakhstan's 0.1 no longer calls for option 1 (5 -> 2),
  -- so options 2 (4) and 4 (3) pass it, and option 3 (also 2, but from two rules met
  -- against option 1's one) too
  local dir = edited_copy(function(t)
    return (t:gsub("1,speca,deck,R&D expenditure,<,0.5,", "1,speca,deck,R&D expenditure,<,0.05,"))
  end)
  local res = policy.evaluate(evidence(), policy.load(dir))
  os.execute("rm -rf " .. dir)
  T.equal(option(res, 1).strength, 2, "option 1 without the R&D rule")
  T.equal(ids(res), "2 4 3 1 6 5", "new ranking")
end)

T.test("analyses that did not run are named as missing evidence", function()
  local res = policy.evaluate(evidence(), policy.load())
  local named = {}
  for _, c in ipairs(res.missing) do named[c.detail] = true end
  assert(named["chapter 2 (innovation scoreboard) did not run"], "scoreboard missing")
  assert(named["chapter 4 (modes of innovation) did not run"], "modes missing")
  T.equal(option(res, 5).rules_missing, 2, "option 5's two scoreboard rules")
  -- a probit without the variable a rule asks for: missing, with the variable named
  local ev = evidence()
  ev.probit = { { variable = "Size", coef = 0.001, p = 0.5 } }
  res = policy.evaluate(ev, policy.load())
  local found
  for _, c in ipairs(res.missing) do
    found = found or c.detail == "the probit has no variable 'Foreign import' or 'Domestic import'"
  end
  assert(found, "variable named")
end)

T.test("a probit term dropped as collinear: its complement with the sign reversed", function()
  -- chapter 3 drops Foreign import (foreign + domestic shares of inputs = 100); the rule
  -- "Foreign import|-Domestic import" then reads Domestic import's -0.0105 *** as +0.0105
  local ev = evidence()
  ev.probit = { { variable = "Foreign import", note = "(omitted: collinear)" },
    { variable = "Domestic import", coef = -0.0105, p = 0.0099, stars = "***" } }
  local res = policy.evaluate(ev, policy.load())
  local c
  for _, e in ipairs(option(res, 1).evidence) do if e.indicator == "probit_positive" then c = e end end
  T.equal(c.status, "met", "imported inputs drive innovation")
  T.close(c.value, 0.0105, 1e-15, "sign reversed")
  assert(c.detail:find("Domestic import, sign reversed", 1, true), c.detail)
  -- neither term estimated: missing, saying why
  ev.probit = { { variable = "Foreign import", note = "(omitted: collinear)" } }
  res = policy.evaluate(ev, policy.load())
  for _, e in ipairs(option(res, 1).evidence) do if e.indicator == "probit_positive" then c = e end end
  T.equal(c.status, "missing", "no estimate")
  T.equal(c.detail, "the probit has no estimate for 'Foreign import' (omitted: collinear)", "why")
end)

T.test("capacity: Kazakhstan's default from the deck, a user's rating, best match", function()
  local res = policy.evaluate(evidence(), policy.load())
  -- KAZ LPI 2.8 lies between MIC 2.6 and ECA 3.2 (speca_deck_indicators.csv): medium
  T.equal(res.capacity.rating, "medium", "default rating")
  T.equal(res.capacity.assumed, true, "stated as an assumption")
  -- the best match is option 1 (medium, rank 1); option 2 needs high capacity
  T.equal(res.best.id, 1, "best match at medium capacity")
  T.equal(option(res, 2).match, "needs high capacity (rating medium)", "option 2's match")
  -- at low capacity options 1, 2 and 4 (medium, high, medium) do not fit: option 3 (low, rank 4)
  res = policy.evaluate(evidence(), policy.load(), { capacity = "low" })
  T.equal(res.best.id, 3, "best match at low capacity")
  T.errors("policy.evaluate: capacity must be 'low', 'medium' or 'high', got 'great'", policy.evaluate, evidence(), policy.load(), { capacity = "great" })
end)

T.test("each leading industry gets the deck's priority by industry type", function()
  local res = policy.evaluate(evidence(), policy.load())
  T.equal(res.priorities[1].industry_type, "Resource based industries", "metals")
  T.equal(res.priorities[1].priority, "diversification related to resource based industries", "metals' priority")
  T.equal(res.priorities[2].priority, "clustering and collective promotion", "ICT services' priority")
end)

T.test("a bad rules file: file, line and column named", function()
  local dir = edited_copy(function(t) return t .. "9,ch2,scoreboard,1.1.1,<,abc,1,bad\n" end)
  T.errors("rules.csv, row 19: option 9 has no profile", policy.load, dir)
  os.execute("rm -rf " .. dir)
  dir = edited_copy(function(t) return t .. "1,ch2,scoreboard,1.1.1,<,abc,1,bad\n" end)
  T.errors("rules.csv, row 19, column 'threshold': 'abc' is not a number", policy.load, dir)
  os.execute("rm -rf " .. dir)
  dir = edited_copy(function(t) return t .. "1,ch2,scoreboard,1.1.1,=,1,1,bad\n" end)
  T.errors("test must be <, <=, > or >=, got '='", policy.load, dir)
  os.execute("rm -rf " .. dir)
end)

T.done()
