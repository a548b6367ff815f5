-- policy.lua -- policy options from the study's evidence: the six strategic
-- options of the "new industrial policy" approach for Central Asia (Radosevic
-- 2020, UNECE SPECA webinar slides), each called for by evidence rules that
-- a user edits as data (stdlib/data/policy/rules.csv), carrying the role of
-- the state it needs and the failure it addresses (regulatory state: market
-- failure; developmental network state: network failure; developmental
-- state: capability failure) and its demand on administrative capacity.
--
-- The evidence interface: plain records, one field per analysis; a field left
-- nil is an analysis that did not run and is reported as missing evidence.
--   speca        the deck's indicators {indicator=, economy=, value=, ...}
--   country      the deck's economy code (default "KAZ")
--   linkages     ch1, regional: {sector=, backward=, forward=, class=}
--   value_chains ch1, regional: {value_chain=, industry=, loading=}
--   leading      ch1: the region's leading industries {sector=, slq=}, most specialised first
--   scoreboard   ch2: {code=, indicator=, relative_to_eu=} (% of the EU average)
--   probit       ch3: {variable=, coef=, p= [, stars=, note=]} (p from stars when only
--                those are published; coef nil for a term dropped, note saying why)
--   modes        ch4: {mode=, share=} (shares 0..1 of the firms)
local scenario = require "scenario"
local ruleset = require "policy.ruleset"
local indicators = require "policy.indicators"
local check = require "check"

local M = {}

M._help = {
  _about = "policy options ranked by the strength of their evidence (Radosevic 2020, SPECA); rules are data",
  load = "policy.load([dir]) -> the rule set: options, rules, profiles, roles, priorities, industry types and the "
    .. "deck's indicators from dir (default stdlib/data/policy); rules.csv is what a user edits",
  evaluate = "policy.evaluate(evidence, ruleset [, {capacity = 'low'|'medium'|'high'}]) -> {options = ranked, "
    .. "checks =, missing =, capacity = {rating=, basis=, assumed=}, priorities =}",
  default_capacity = "policy.default_capacity(deck, country) -> {rating=, basis=, assumed=true}: from the deck's "
    .. "logistics performance index against the middle-income and ECA levels",
  worked_scenarios = "policy.worked_scenarios(result, model, leading_sector) -> {[option id] = scenario impacts}: "
    .. "each option's scenario of option_profiles.csv on a scenario.model, 'leading' standing for leading_sector",
  records = "policy.records(result [, scenarios]) -> {options=, evidence=, missing=, priorities=, scenarios=}: "
    .. "flat records for report.write_csv",
  INDICATORS = "policy.INDICATORS[name](evidence, argument) -> value, detail | nil, why: what rules can test",
}

local fail = check.failer("policy")

-- the rule set's reader and the indicators live in stdlib/policy/
M.DATA = ruleset.DATA
M.SOURCES = ruleset.SOURCES
M.load = ruleset.load
M.INDICATORS = indicators.INDICATORS
local SOURCES, CAPACITY, TESTS = ruleset.SOURCES, ruleset.CAPACITY, ruleset.TESTS

-- Institutional capacity ---------------------------------------------------------

-- The deck has no governance index; its logistics performance index scores
-- customs and border agencies among others, so it stands in: at or above the
-- ECA level 'high', at or above the middle-income level 'medium', else 'low'.
function M.default_capacity(deck, country)
  country = country or "KAZ"
  local name = "Logistics performance index (overall)"
  local value = indicators.deck_value
  local c, eca, mic = value(deck, name, country), value(deck, name, "ECA"), value(deck, name, "MIC")
  if not (c and eca and mic) then
    return { rating = "medium", assumed = true, basis = "the deck lacks the logistics performance index for "
      .. country .. ", ECA or MIC: 'medium' assumed" }
  end
  local rating = c.value >= eca.value and "high" or c.value >= mic.value and "medium" or "low"
  return { rating = rating, assumed = true, basis = string.format("assumed from the deck's logistics performance "
    .. "index (customs, infrastructure, services): %s %.1f against middle-income %.1f and ECA %.1f", country,
    c.value, mic.value, eca.value) }
end

-- Evaluation --------------------------------------------------------------------

local function industry_type(set, sector)
  local s = sector:lower()
  for _, t in ipairs(set.industry_types) do
    if s:find(t.pattern, 1, true) then return t.industry_type end
  end
end

function M.evaluate(evidence, set, opts)
  opts = opts or {}
  if type(evidence) ~= "table" then fail("evaluate", "evidence must be a table of chapter results") end
  local ev = setmetatable({ speca = evidence.speca or set.deck }, { __index = evidence })
  local checks, missing, by_option = {}, {}, {}
  for _, o in ipairs(set.options) do by_option[o.id] = { strength = 0, met = 0, checked = 0, missing = 0, evidence = {} } end
  for _, rule in ipairs(set.rules) do
    local src = SOURCES[rule.source]
    local c = { option = rule.option, source = rule.source, indicator = rule.indicator, argument = rule.argument,
      test = rule.test, threshold = rule.threshold, weight = rule.weight, reason = rule.reason, rule_line = rule.line }
    local o = by_option[rule.option]
    if ev[src.field] == nil then
      c.status, c.detail = "missing", src.what .. " did not run"
    else
      local v, detail = indicators.INDICATORS[rule.indicator](ev, rule.argument)
      if v == nil then c.status, c.detail = "missing", detail
      else
        c.value, c.detail = v, detail
        c.status = TESTS[rule.test](v, rule.threshold) and "met" or "not met"
      end
    end
    if o then
      if c.status == "met" then o.strength, o.met = o.strength + rule.weight, o.met + 1 end
      if c.status == "missing" then o.missing = o.missing + 1 else o.checked = o.checked + 1 end
      o.evidence[#o.evidence + 1] = c
    end
    checks[#checks + 1] = c
    if c.status == "missing" then missing[#missing + 1] = c end
  end
  local capacity = opts.capacity and { rating = opts.capacity, assumed = false, basis = "given by the user" }
    or M.default_capacity(ev.speca, ev.country)
  if not CAPACITY[capacity.rating] then
    fail("evaluate", "capacity must be %s, got '%s'", check.alternatives { "low", "medium", "high" },
      tostring(capacity.rating))
  end
  local ranked = {}
  for _, opt in ipairs(set.options) do
    local o, prof = by_option[opt.id], set.profiles[opt.id] or {}
    local fits = CAPACITY[prof.capacity_demand or "medium"] <= CAPACITY[capacity.rating]
    ranked[#ranked + 1] = { id = opt.id, option = opt.option, levers = opt.levers, addresses = opt.addresses,
      strength = o.strength, rules_met = o.met, rules_checked = o.checked, rules_missing = o.missing,
      evidence = o.evidence, state_role = prof.state_role, failure = prof.failure,
      capacity_demand = prof.capacity_demand, capacity_reason = prof.capacity_reason, scenario = prof.scenario,
      fits_capacity = fits }
  end
  table.sort(ranked, function(a, b)
    if a.strength ~= b.strength then return a.strength > b.strength end
    if a.rules_met ~= b.rules_met then return a.rules_met > b.rules_met end
    return a.id < b.id
  end)
  local best
  for k, o in ipairs(ranked) do
    o.rank = k
    if not best and o.strength > 0 and o.fits_capacity then best = o end
  end
  for _, o in ipairs(ranked) do
    o.match = o == best and "best match"
      or o.fits_capacity and "within capacity"
      or string.format("needs %s capacity (rating %s)", o.capacity_demand, capacity.rating)
  end
  local priorities = {}
  for _, l in ipairs(ev.leading or {}) do
    local t = industry_type(set, l.sector)
    priorities[#priorities + 1] = { sector = l.sector, slq = l.slq, industry_type = t or "not classified",
      priority = t and set.priorities[t] or "no industry type matches: add a pattern to industry_types.csv" }
  end
  return { options = ranked, checks = checks, missing = missing, capacity = capacity, priorities = priorities,
    best = best, rules_file = set.rules_file }
end

-- Worked scenarios: an option's scenario of option_profiles.csv on the
-- regional table (stdlib/scenario.lua). import_substitution: amount = the
-- share taken by local suppliers; final_demand: amount = extra sales outside
-- the region as a share of the sector's regional output; new_sector: a new
-- plant with the sector's inputs and output amount times the sector's.
function M.worked_scenarios(result, model, leading_sector)
  local out = {}
  for _, o in ipairs(result.options) do
    local sc = o.scenario
    if sc then
      local sector = sc.sector == "leading" and leading_sector or sc.sector
      if sector then
        if sc.kind == "import_substitution" then
          out[o.id] = scenario.import_substitution(model, sector, sc.amount, { from = sc.from })
        elseif sc.kind == "final_demand" or sc.kind == "new_sector" then
          local x
          for i, l in ipairs(model.labels) do if l == sector then x = model.x_r:get(i, 1) end end
          if not x then fail("worked_scenarios", "option %d: no sector '%s' in the regional table", o.id, sector) end
          if sc.kind == "final_demand" then
            out[o.id] = scenario.final_demand(model, { [sector] = sc.amount * x },
              string.format("Final demand: %s sells %g%% more of its output outside the region", sector, sc.amount * 100))
          else
            out[o.id] = scenario.new_sector(model, { output = sc.amount * x, like = sector,
              name = string.format("a new %s plant (inward investment) of %g%% of the sector's output", sector,
                sc.amount * 100) })
          end
        else
          fail("worked_scenarios", "option %d: scenario '%s' is not import_substitution, final_demand or new_sector",
            o.id, sc.kind)
        end
      end
    end
  end
  return out
end

local function brief(c)
  local arg = c.argument ~= "" and (" " .. c.argument) or ""
  return c.source .. ": " .. c.indicator .. arg
end

function M.records(result, scenarios)
  local options, ev, missing, sc = {}, {}, {}, {}
  for _, o in ipairs(result.options) do
    options[#options + 1] = { rank = o.rank, id = o.id, option = o.option, strength = o.strength,
      rules_met = o.rules_met, rules_checked = o.rules_checked, rules_missing = o.rules_missing,
      state_role = o.state_role, failure = o.failure, capacity_demand = o.capacity_demand, match = o.match,
      levers = o.levers, addresses = o.addresses }
    for _, c in ipairs(o.evidence) do
      ev[#ev + 1] = { option = o.id, rule = brief(c), value = c.value, test = c.test, threshold = c.threshold,
        weight = c.weight, status = c.status, detail = c.detail, reason = c.reason }
    end
    local s = scenarios and scenarios[o.id]
    if s then
      for _, r in ipairs(s.rows) do
        sc[#sc + 1] = { option = o.id, scenario = s.title, level = r.level, measure = r.measure, direct = r.direct,
          indirect = r.indirect, induced = r.induced, total = r.total, type1 = r.type1, type2 = r.type2, note = s.note }
      end
    end
  end
  for _, c in ipairs(result.missing) do
    missing[#missing + 1] = { option = c.option, rule = brief(c), evidence = c.reason, missing = c.detail }
  end
  return { options = options, evidence = ev, missing = missing, priorities = result.priorities, scenarios = sc }
end

return M
