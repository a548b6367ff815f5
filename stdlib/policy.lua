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
local csv = require "csv"
local scenario = require "scenario"

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

local function fail(fmt, ...) error("policy: " .. string.format(fmt, ...), 3) end

local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."
M.DATA = here .. "/data/policy"

local SOURCES = {
  speca = { field = "speca", what = "the SPECA deck's indicators" },
  ch1 = { field = "linkages", what = "chapter 1 (regional key sectors and value chains)" },
  ch2 = { field = "scoreboard", what = "chapter 2 (innovation scoreboard)" },
  ch3 = { field = "probit", what = "chapter 3 (probit of innovation)" },
  ch4 = { field = "modes", what = "chapter 4 (modes of innovation)" },
}
M.SOURCES = SOURCES

local CAPACITY = { low = 1, medium = 2, high = 3 }

-- a CSV file as records keyed by its header, each with its file line
local function records(path)
  local ok, header, rows, lines = pcall(csv.read_rows, path)
  if not ok then fail("%s", tostring(header)) end
  local out = {}
  for k, r in ipairs(rows) do
    local rec = { _line = lines and lines[k] or k + 1 }
    for c, name in ipairs(header) do rec[name] = r[c] end
    out[#out + 1] = rec
  end
  return out
end

local function need(rec, path, ...)
  for _, name in ipairs { ... } do
    if rec[name] == nil then fail("%s, line %d: no column '%s'", path, rec._line, name) end
  end
end

local function number(s, path, line, column)
  local v = csv.number(s or "")
  if v == nil then fail("%s, line %d, column '%s': '%s' is not a number", path, line, column, tostring(s)) end
  return v
end

-- 3 rather than 3.0 when a number is whole
local function whole(v) return math.tointeger(v) or v end

local TESTS = {
  ["<"] = function(v, t) return v < t end, ["<="] = function(v, t) return v <= t end,
  [">"] = function(v, t) return v > t end, [">="] = function(v, t) return v >= t end,
}

function M.load(dir)
  dir = dir or M.DATA
  local set = { dir = dir }
  local p = dir .. "/nip_policy_options.csv"
  set.options = {}
  for _, r in ipairs(records(p)) do
    need(r, p, "id", "option", "levers", "addresses")
    set.options[#set.options + 1] = { id = math.tointeger(number(r.id, p, r._line, "id")), option = r.option,
      levers = r.levers, addresses = r.addresses }
  end
  local roles = {}
  p = dir .. "/nip_state_roles.csv"
  for _, r in ipairs(records(p)) do need(r, p, "role", "rationale"); roles[r.role] = r.rationale end
  set.roles = roles
  p = dir .. "/option_profiles.csv"
  set.profiles = {}
  for _, r in ipairs(records(p)) do
    need(r, p, "option", "state_role", "capacity_demand")
    local id = math.tointeger(number(r.option, p, r._line, "option"))
    if not roles[r.state_role] then
      fail("%s, line %d: state role '%s' is none of nip_state_roles.csv", p, r._line, r.state_role)
    end
    if not CAPACITY[r.capacity_demand] then
      fail("%s, line %d: capacity_demand must be low, medium or high, got '%s'", p, r._line, r.capacity_demand)
    end
    local sc
    if (r.scenario or "") ~= "" then
      sc = { kind = r.scenario, sector = r.scenario_sector, amount = number(r.scenario_amount, p, r._line, "scenario_amount"),
        from = (r.scenario_from or "") ~= "" and r.scenario_from or nil }
    end
    set.profiles[id] = { state_role = r.state_role, failure = roles[r.state_role], capacity_demand = r.capacity_demand,
      capacity_reason = r.capacity_reason, scenario = sc }
  end
  p = dir .. "/rules.csv"
  set.rules_file = p
  set.rules = {}
  for _, r in ipairs(records(p)) do
    need(r, p, "option", "source", "indicator", "test", "threshold", "weight", "reason")
    local id = math.tointeger(number(r.option, p, r._line, "option"))
    if not set.profiles[id] then fail("%s, line %d: option %s has no profile in option_profiles.csv", p, r._line, r.option) end
    if not SOURCES[r.source] then fail("%s, line %d: source '%s' is none of speca, ch1, ch2, ch3, ch4", p, r._line, r.source) end
    if not M.INDICATORS[r.indicator] then fail("%s, line %d: no indicator '%s'", p, r._line, r.indicator) end
    if not TESTS[r.test] then fail("%s, line %d: test must be <, <=, > or >=, got '%s'", p, r._line, r.test) end
    set.rules[#set.rules + 1] = { option = id, source = r.source, indicator = r.indicator, argument = r.argument or "",
      test = r.test, threshold = number(r.threshold, p, r._line, "threshold"),
      weight = whole(number(r.weight, p, r._line, "weight")), reason = r.reason, line = r._line }
  end
  p = dir .. "/nip_country_priorities.csv"
  set.priorities = {}
  for _, r in ipairs(records(p)) do need(r, p, "industry_type", "priority"); set.priorities[r.industry_type] = r.priority end
  p = dir .. "/industry_types.csv"
  set.industry_types = {}
  for _, r in ipairs(records(p)) do
    need(r, p, "pattern", "industry_type")
    if not set.priorities[r.industry_type] then
      fail("%s, line %d: industry type '%s' has no priority in nip_country_priorities.csv", p, r._line, r.industry_type)
    end
    set.industry_types[#set.industry_types + 1] = { pattern = r.pattern:lower(), industry_type = r.industry_type }
  end
  p = dir .. "/speca_deck_indicators.csv"
  set.deck = {}
  for _, r in ipairs(records(p)) do
    need(r, p, "indicator", "economy", "value")
    set.deck[#set.deck + 1] = { indicator = r.indicator, year = r.year, unit = r.unit, economy = r.economy,
      value = number(r.value, p, r._line, "value") }
  end
  return set
end

-- Indicators a rule can test ----------------------------------------------------

local function deck_value(deck, indicator, economy)
  for _, r in ipairs(deck) do
    if r.indicator == indicator and r.economy == economy then return r end
  end
end

local function leading(ev)
  local l = ev.leading and ev.leading[1]
  if not l then return nil, "no leading industry identified" end
  for _, r in ipairs(ev.linkages) do if r.sector == l.sector then return r, l end end
  return nil, "the leading industry '" .. l.sector .. "' is not among the regional linkages"
end

-- the probit row of `variable`; `spec` may list alternatives "A|-B": the
-- first with an estimate is used, a leading '-' reversing its sign (shares
-- that sum to 100, as foreign and domestic imported inputs: when one is
-- dropped as collinear the other carries its effect with the opposite sign)
local function probit_term(ev, spec)
  local why, names = nil, {}
  for alt in spec:gmatch("[^|]+") do
    local sign, name = alt:match("^%s*(%-?)%s*(.-)%s*$")
    names[#names + 1] = name
    for _, r in ipairs(ev.probit) do
      if r.variable == name then
        if r.coef ~= nil then
          local significance = r.stars and (r.stars ~= "" and (" " .. r.stars) or "")
            or r.p and string.format(" (p = %.3g)", r.p) or ""
          return { coef = sign == "-" and -r.coef or r.coef, p = r.p, significance = significance,
            name = sign == "-" and (name .. ", sign reversed") or name }
        end
        why = why or string.format("the probit has no estimate for '%s'%s", name, r.note and (" " .. r.note) or "")
      end
    end
  end
  return nil, why or string.format("the probit has no variable '%s'", table.concat(names, "' or '"))
end

M.INDICATORS = {
  deck = function(ev, name)
    local r = deck_value(ev.speca, name, ev.country or "KAZ")
    if not r then return nil, string.format("the deck has no '%s' for %s", name, ev.country or "KAZ") end
    return r.value, string.format("%s, %s %s (%s)", ev.country or "KAZ", name, r.year or "", r.unit or "")
  end,
  scoreboard = function(ev, code)
    for _, r in ipairs(ev.scoreboard) do
      if r.code == code then
        if r.relative_to_eu == nil or r.relative_to_eu ~= r.relative_to_eu then
          return nil, string.format("scoreboard indicator %s (%s) has no value for the region", code, r.indicator or "")
        end
        return r.relative_to_eu, string.format("%s %s, %% of the EU average", code, r.indicator or "")
      end
    end
    return nil, "the scoreboard has no indicator " .. code
  end,
  leading_backward = function(ev)
    local r, l = leading(ev)
    if not r then return nil, l end
    return r.backward, string.format("%s (leading industry, SLQ %.2f): Rasmussen backward linkage", r.sector, l.slq or 0 / 0)
  end,
  leading_forward = function(ev)
    local r, l = leading(ev)
    if not r then return nil, l end
    return r.forward, string.format("%s (leading industry, SLQ %.2f): Rasmussen forward linkage", r.sector, l.slq or 0 / 0)
  end,
  leading_value_chains = function(ev)
    local l = ev.leading and ev.leading[1]
    if not l then return nil, "no leading industry identified" end
    if not ev.value_chains then return nil, "chapter 1's value chains did not run" end
    local chains = {}
    for _, r in ipairs(ev.value_chains) do if r.industry == l.sector then chains[r.value_chain] = true end end
    local n, names = 0, {}
    for c in pairs(chains) do n = n + 1; names[#names + 1] = c end
    table.sort(names)
    return n, string.format("value chains holding %s%s", l.sector, n > 0 and (": " .. table.concat(names, ", ")) or "")
  end,
  -- a coefficient counts only when significant at 10% (else 0)
  probit_positive = function(ev, spec)
    local r, why = probit_term(ev, spec)
    if not r then return nil, why end
    local sig = r.p ~= nil and r.p == r.p and r.p < 0.10
    return sig and r.coef or 0, string.format("probit coefficient of %s %.4g%s", r.name, r.coef, r.significance)
      .. (sig and "" or ", not significant at 10%")
  end,
  probit_coef = function(ev, spec)
    local r, why = probit_term(ev, spec)
    if not r then return nil, why end
    return r.coef, string.format("probit coefficient of %s %.4g", r.name, r.coef)
  end,
  mode_share = function(ev, mode)
    for _, r in ipairs(ev.modes) do
      if r.mode == mode then return r.share, string.format("share of firms in the %s mode", mode) end
    end
    return 0, string.format("share of firms in the %s mode (none found)", mode)
  end,
}

-- Institutional capacity ---------------------------------------------------------

-- The deck has no governance index; its logistics performance index scores
-- customs and border agencies among others, so it stands in: at or above the
-- ECA level 'high', at or above the middle-income level 'medium', else 'low'.
function M.default_capacity(deck, country)
  country = country or "KAZ"
  local name = "Logistics performance index (overall)"
  local c, eca, mic = deck_value(deck, name, country), deck_value(deck, name, "ECA"), deck_value(deck, name, "MIC")
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
  if type(evidence) ~= "table" then fail("evaluate: evidence must be a table of chapter results") end
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
      local v, detail = M.INDICATORS[rule.indicator](ev, rule.argument)
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
  if not CAPACITY[capacity.rating] then fail("evaluate: capacity must be low, medium or high, got '%s'", tostring(capacity.rating)) end
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
          if not x then fail("worked_scenarios: option %d: no sector '%s' in the regional table", o.id, sector) end
          if sc.kind == "final_demand" then
            out[o.id] = scenario.final_demand(model, { [sector] = sc.amount * x },
              string.format("Final demand: %s sells %g%% more of its output outside the region", sector, sc.amount * 100))
          else
            out[o.id] = scenario.new_sector(model, { output = sc.amount * x, like = sector,
              name = string.format("a new %s plant (inward investment) of %g%% of the sector's output", sector,
                sc.amount * 100) })
          end
        else
          fail("worked_scenarios: option %d: scenario '%s' is not import_substitution, final_demand or new_sector",
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
