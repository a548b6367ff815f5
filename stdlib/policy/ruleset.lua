-- policy/ruleset.lua -- the policy engine's data, read from a folder
-- (stdlib/data/policy or a user's edited copy): the six options of Radosevic
-- (2020), the state roles, each option's profile, the evidence rules, the
-- priorities by industry type and the deck's indicators. Every error names
-- the file, its line and the column.
local csv = require "csv"
local indicators = require "policy.indicators"
local check = require "check"

local M = {}

local function fail(fmt, ...) check.fail("policy.load", fmt, ...) end

local function at(path, line, column) return check.where { file = path, row = line, column = column } end

local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*[/\\][^/\\]*$") or "."
M.DATA = here .. "/data/policy"

-- where each rule's evidence comes from: the evidence record's field
M.SOURCES = {
  speca = { field = "speca", what = "the SPECA deck's indicators" },
  ch1 = { field = "linkages", what = "chapter 1 (regional key sectors and value chains)" },
  ch2 = { field = "scoreboard", what = "chapter 2 (innovation scoreboard)" },
  ch3 = { field = "probit", what = "chapter 3 (probit of innovation)" },
  ch4 = { field = "modes", what = "chapter 4 (modes of innovation)" },
}
local SOURCES = M.SOURCES

M.CAPACITY = { low = 1, medium = 2, high = 3 }
local CAPACITY = M.CAPACITY

-- a CSV file as records keyed by its header, each with its file line
local function records(path)
  local ok, header, rows, lines = pcall(csv.read_rows, path)
  if not ok then fail("%s", (tostring(header):gsub("^[^:]*:%d+: ", ""))) end
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
    if rec[name] == nil then fail("%s: no column '%s'", at(path, rec._line), name) end
  end
end

local function number(s, path, line, column)
  local v = csv.number(s or "")
  if v == nil then fail("%s: '%s' is not a number", at(path, line, column), tostring(s)) end
  return v
end

-- 3 rather than 3.0 when a number is whole
local function whole(v) return math.tointeger(v) or v end

M.TESTS = {
  ["<"] = function(v, t) return v < t end, ["<="] = function(v, t) return v <= t end,
  [">"] = function(v, t) return v > t end, [">="] = function(v, t) return v >= t end,
}

local TESTS = M.TESTS

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
      fail("%s: state role '%s' is none of nip_state_roles.csv", at(p, r._line), r.state_role)
    end
    if not CAPACITY[r.capacity_demand] then
      fail("%s: capacity_demand must be low, medium or high, got '%s'", at(p, r._line), r.capacity_demand)
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
    if not set.profiles[id] then fail("%s: option %s has no profile in option_profiles.csv", at(p, r._line), r.option) end
    if not SOURCES[r.source] then fail("%s: source '%s' is none of speca, ch1, ch2, ch3, ch4", at(p, r._line), r.source) end
    if not indicators.INDICATORS[r.indicator] then fail("%s: no indicator '%s'", at(p, r._line), r.indicator) end
    if not TESTS[r.test] then fail("%s: test must be <, <=, > or >=, got '%s'", at(p, r._line), r.test) end
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
      fail("%s: industry type '%s' has no priority in nip_country_priorities.csv", at(p, r._line), r.industry_type)
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

return M
