-- test_scenario.lua -- impact scenarios on a small two-sector table: import
-- substitution by hand (type I) and against numpy (type II, closed model,
-- tests/data/scenario/PROVENANCE.md), a final-demand shock and a new plant
-- against the identities they must satisfy, and bad input.
local T = require "testing"
local matrix = require "matrix"
local linalg = require "linalg"
local scenario = require "scenario"

local S = { "Metals", "Services" }

-- National table: A^n = [.2 .3; .1 .2] at x^n = (1000, 2000); value added
-- (500, 800), so 0.5 and 0.4 per unit; income h = (300, 500)/x = (.3, .25);
-- jobs (100, 400), 0.1 and 0.2 per unit; households consume (240, 160) of a
-- total income h'x = 800, c^n = (.3, .2).
local function national()
  return {
    Z = matrix.from({ { 200, 600 }, { 100, 400 } }, S, S), x = matrix.col({ 1000, 2000 }, S),
    v = matrix.from({ { 300, 500 }, { 200, 300 } }, { "Compensation of employees", "Gross operating surplus" }, S),
    f = matrix.from({ { 240 }, { 160 } }, S, { "Households Final Consumption Expenditure" }),
    employment = matrix.row({ 100, 400 }, S),
  }
end

-- The region: A^r = [.1 .1; .05 .1], x^r = (200, 150); regional jobs (20, 30)
-- give SLQs (20/50)/(100/500) = 2 and (30/50)/(400/500) = 0.75, so regional
-- households buy c^r = (.3 * 1, .2 * .75) = (.3, .15) locally.
local function region()
  return { A = matrix.from({ { 0.1, 0.1 }, { 0.05, 0.1 } }, S, S), x = matrix.col({ 200, 150 }, S),
    employment = matrix.col({ 20, 30 }, S), kept = { 1, 2 }, labels = S }
end

local function row(res, level, measure)
  for _, r in ipairs(res.rows) do if r.level == level and r.measure == measure then return r end end
  error("no row " .. level .. " " .. measure)
end

T.test("import substitution: a hand calculation on a two-sector table", function()
  local model = scenario.model(national(), region())
  local res = scenario.import_substitution(model, "Services", 0.5)
  -- Services' column of A^r rises by half of what it buys outside the region:
  --   0.5 * ((.3, .2) - (.1, .1)) = (.1, .05) -> A' = [.1 .2; .05 .15]
  -- new local sales d = (.1, .05) * x^r_2 = (.1, .05) * 150 = (15, 7.5)
  -- det(I - A') = .9 * .85 - .2 * .05 = .755, L' = [.85 .2; .05 .9] / .755
  -- output change L'd = (.85*15 + .2*7.5, .05*15 + .9*7.5) / .755 = (14.25, 7.5) / .755
  T.close(res.injection:get(1, 1), 15, 1e-12, "d_1")
  T.close(res.injection:get(2, 1), 7.5, 1e-12, "d_2")
  local out = row(res, "regional", "output")
  T.close(out.direct, 22.5, 1e-12, "direct output 15 + 7.5")
  T.close(out.direct + out.indirect, 21.75 / 0.755, 1e-12, "type I output (14.25 + 7.5) / .755")
  T.close(out.type1, 21.75 / 0.755 / 22.5, 1e-12, "type I multiplier")
  -- jobs: direct .1*15 + .2*7.5 = 3; total (.1*14.25 + .2*7.5) / .755 = 2.925 / .755
  local jobs = row(res, "regional", "jobs")
  T.close(jobs.direct, 3, 1e-12, "direct jobs")
  T.close(jobs.indirect, 2.925 / 0.755 - 3, 1e-12, "indirect jobs")
  -- income: direct .3*15 + .25*7.5 = 6.375; total (.3*14.25 + .25*7.5) / .755 = 6.15 / .755
  local inc = row(res, "regional", "income")
  T.close(inc.direct, 6.375, 1e-12, "direct income")
  T.close(inc.direct + inc.indirect, 6.15 / 0.755, 1e-12, "type I income")
  -- value added: direct .5*15 + .4*7.5 = 10.5; total (.5*14.25 + .4*7.5) / .755 = 10.125 / .755
  local va = row(res, "regional", "value_added")
  T.close(va.direct, 10.5, 1e-12, "direct value added")
  T.close(va.direct + va.indirect, 10.125 / 0.755, 1e-12, "type I value added")
  -- nationally a relocation: the rest of the country loses L^n d, L^n = [.8 .3; .1 .8] / .61,
  -- L^n d = (.8*15 + .3*7.5, .1*15 + .8*7.5) / .61 = (14.25, 7.5) / .61; direct net 0
  local nat = row(res, "national", "output")
  T.close(nat.direct, 0, 1e-12, "national direct")
  T.close(nat.direct + nat.indirect, 21.75 / 0.755 - 21.75 / 0.61, 1e-12, "national type I net")
end)

T.test("import substitution: the new table solved from scratch gives the same change", function()
  local model = scenario.model(national(), region())
  local res = scenario.import_substitution(model, "Services", 0.5)
  -- f = x - A^r x stays; x' = (I - A')^-1 f; x' - x must equal the type I change
  local A, x = region().A, region().x
  local f = x - A * x
  local An = matrix.from({ { 0.1, 0.2 }, { 0.05, 0.15 } })
  local xnew = linalg.solve(matrix.eye(2) - An, f)
  local out = row(res, "regional", "output")
  T.close(out.direct + out.indirect, (xnew - x):sum(), 1e-12, "sum of x' - x")
end)

T.test("import substitution: type II against numpy's closed model", function()
  local model = scenario.model(national(), region())
  local res = scenario.import_substitution(model, "Services", 0.5)
  local f = assert(io.open(T.data .. "/scenario/closed_model_reference.csv"))
  f:read("l")
  for line in f:lines() do
    local measure, reg, rest = line:match("^([%w_]+),([^,]+),([^,]+)$")
    local r = row(res, "regional", measure)
    T.close(r.total, tonumber(reg), 1e-12, "regional type II " .. measure)
    T.close(row(res, "national", measure).total, tonumber(reg) - tonumber(rest), 1e-12, "national net " .. measure)
  end
  f:close()
end)

T.test("abroad: imports spread over suppliers as domestic purchases", function()
  local nat = national()
  nat.imports = matrix.row({ 50, 400 }, S)
  local model = scenario.model(nat, region())
  local res = scenario.import_substitution(model, "Services", 0.5, { from = "abroad" })
  -- imports per unit of Services 400/2000 = .2; half of it, spread as (.3, .2)/.5:
  -- dA = .1 * (.6, .4) = (.06, .04); d = dA * 150 = (9, 6)
  T.close(res.injection:get(1, 1), 9, 1e-12, "d_1")
  T.close(res.injection:get(2, 1), 6, 1e-12, "d_2")
  -- new national output too: direct 15, national type I L^n d = ((.8*9 + .3*6) + (.1*9 + .8*6)) / .61
  local n = row(res, "national", "output")
  T.close(n.direct, 15, 1e-12, "national direct")
  T.close(n.direct + n.indirect, (9 + 5.7) / 0.61, 1e-12, "national type I")
end)

T.test("final-demand shock and a new plant: identities", function()
  local model = scenario.model(national(), region())
  local fd = scenario.final_demand(model, { Metals = 100 })
  -- I - A^r = [.9 -.1; -.05 .9], det = .9*.9 - .1*.05 = .805, its inverse
  -- [.9 .1; .05 .9] / .805; output type I = 100 * column 1's sum = 100 * .95 / .805
  local out = row(fd, "regional", "output")
  T.close(out.direct, 100, 1e-12, "direct")
  T.close(out.direct + out.indirect, 100 * 0.95 / 0.805, 1e-12, "type I")
  assert(out.induced > 0 and out.type2 > out.type1, "induced effects raise the multiplier")
  -- a new plant like Metals with output 100: its own 100, then purchases a X = (10, 5)
  -- run through L^r: ((.9*10 + .1*5) + (.05*10 + .9*5)) / .805 = 14.5 / .805
  local np = scenario.new_sector(model, { output = 100, like = "Metals", name = "a smelter" })
  local o = row(np, "regional", "output")
  T.close(o.direct, 100, 1e-12, "the plant's own output")
  T.close(o.indirect, 14.5 / 0.805, 1e-12, "its supply chain")
  T.close(row(np, "regional", "jobs").direct, 10, 1e-12, "its own jobs: 0.1 per unit")
  -- nationally it buys as Metals does in the nation, A^n column 1 * 100 = (20, 10), through
  -- L^n = [.8 .3; .1 .8] / .61: ((.8*20 + .3*10) + (.1*20 + .8*10)) / .61 = 29 / .61
  T.close(row(np, "national", "output").indirect, 29 / 0.61, 1e-12, "its national supply chain")
  -- as a final-demand shock of 100 for Metals (L e_j = e_j + L a_j), regionally
  T.close(o.direct + o.indirect, out.direct + out.indirect, 1e-12, "a plant like Metals = a shock for Metals")
end)

T.test("bad input: sector, share, source named", function()
  local model = scenario.model(national(), region())
  T.errors("no sector 'Steel'", scenario.import_substitution, model, "Steel", 0.1)
  T.errors("share must be a number from 0 to 1", scenario.import_substitution, model, "Metals", 1.5)
  T.errors("needs the national table's imports row", scenario.import_substitution, model, "Metals", 0.1,
    { from = "abroad" })
  T.errors("sector 'Steel': the amount must be a number", scenario.final_demand, model, { Steel = "x" })
  T.errors("give {output = X > 0", scenario.new_sector, model, { output = -1 })
end)

T.done()
