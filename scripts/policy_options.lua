-- policy_options.lua -- the study's policy chapter: the six options of the
-- new industrial policy for Central Asia (Radosevic 2020, UNECE SPECA) ranked
-- by the evidence of the chapters that ran (their CSV files under --out), with
-- worked impact scenarios on the regional table (stdlib/scenario.lua) beside
-- the options that act on linkages.
--
-- usage: clusterlab scripts/policy_options.lua [--out DIR] [--rules DIR] [--capacity low|medium|high]
-- The rules are data: copy stdlib/data/policy to a folder, edit rules.csv
-- (thresholds, weights, new rules) and pass --rules FOLDER.
local cli = require "cli"
local scenario = require "scenario"
local policy = require "policy"
local evidence = require "evidence"
local report = require "report"
local plot = require "plot"

local here = (arg and arg[0] or ""):match("^(.*)[/\\][^/\\]*$") or "."
local DATA = here .. "/data"

local spec = {
  usage = "clusterlab scripts/policy_options.lua [options]",
  about = "Ranks the SPECA policy options by the chapters' evidence, with impact scenarios (policy chapter).",
  options = {
    { name = "out", value = "DIR", default = "out", help = "the study's output folder: reads DIR/ch1..ch4, writes DIR/policy" },
    { name = "rules", value = "DIR", help = "folder of the rule files (default: stdlib/data/policy)" },
    { name = "capacity", value = "RATING", help = "institutional capacity: low, medium or high (default: from the deck, for KAZ)" },
    { name = "country", value = "CODE", default = "KAZ", help = "the deck's economy whose indicators are used" },
    { name = "table", value = "FILE", help = "national IO table for the scenarios (default: the bundled ABS 2021-22 table)" },
    { name = "employment", value = "FILE", help = "employment by sector: the region's and the nation's columns"
      .. " (default: Mount Isa 2021)" },
    { name = "region-column", value = "NAME", help = "the employment file's column of the region (default: the first)" },
    { name = "region", value = "NAME", help = "the region's name (default: Mount Isa, or its employment column)" },
    { name = "delta", number = true, default = 0.3, help = "FLQ delta of the regional table" },
  },
}

local opts

-- the regional table of the scenarios, as chapter 1 builds it
local function regional_model()
  local tpath = opts.table or (DATA .. "/national_19_sector_io_aud_mn.csv")
  local epath = opts.employment or (DATA .. "/employment_mount_isa_2021.csv")
  local model, _, emp = scenario.load(tpath, epath, { delta = opts.delta,
    region = opts.region_column or (not opts.employment and "mount_isa" or nil) })
  local name = opts.region or (opts.employment and emp.region_column or "Mount Isa")
  return model, evidence.leading(emp.regional, emp.national), name, tpath, epath
end

local OPTION_COLUMNS = { "rank", "id", "option", "strength", "rules_met", "rules_checked", "rules_missing",
  "state_role", "failure", "capacity_demand", "match", "levers", "addresses" }

local function write(dir, name, records, columns, entries, title)
  report.write_csv(dir .. "/" .. name, records, columns)
  entries[#entries + 1] = { file = name, title = title, kind = "table" }
end

local function main()
  opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  local dir = opts.out .. "/policy"
  report.mkdir(dir)
  local set = policy.load(opts.rules)
  local ev, read = evidence.read_outputs(opts.out)
  ev.country = opts.country
  local model, leading, region, tpath, epath = regional_model()
  ev.leading = leading
  local res = policy.evaluate(ev, set, { capacity = opts.capacity })
  local scenarios = policy.worked_scenarios(res, model, leading[1] and leading[1].sector)
  local rec = policy.records(res, scenarios)

  print("Evidence read: " .. (#read > 0 and table.concat(read, "; ") or "none (no chapter outputs under " .. opts.out .. ")"))
  print(string.format("Institutional capacity: %s (%s)", res.capacity.rating, res.capacity.basis))
  print()
  report.print(rec.options, { "rank", "id", { key = "option", title = "option" }, "strength", "rules_met",
    "rules_missing", "state_role", "match" }, { title = "Policy options ranked by the strength of their evidence",
    max_text = 60 })
  report.print(rec.missing, { "option", "rule", "missing" }, { title = "Missing evidence (analyses that did not run)" })
  report.print(rec.priorities, { "sector", { key = "slq", digits = 2 }, "industry_type", "priority" },
    { title = string.format("Leading industries of %s and the deck's priority by industry type", region) })
  for id, s in pairs(scenarios) do
    report.print(s.rows, { "level", "measure", { key = "direct", digits = 1 }, { key = "indirect", digits = 1 },
      { key = "induced", digits = 1 }, { key = "total", digits = 1 }, { key = "type1", digits = 3 },
      { key = "type2", digits = 3 } }, { title = string.format("Option %d. %s%s", id, s.title,
      s.note and ("\n(" .. s.note .. ")") or "") })
  end

  local entries = {}
  write(dir, "options.csv", rec.options, OPTION_COLUMNS, entries, "Policy options ranked by the strength of their evidence")
  write(dir, "evidence.csv", rec.evidence, { "option", "rule", "value", "test", "threshold", "weight", "status",
    "detail", "reason" }, entries, "The evidence behind each option: every rule, its value and verdict")
  write(dir, "missing_evidence.csv", rec.missing, { "option", "rule", "evidence", "missing" }, entries,
    "Missing evidence: rules whose analysis did not run")
  write(dir, "industry_priorities.csv", rec.priorities, { "sector", "slq", "industry_type", "priority" }, entries,
    "Leading industries (simple location quotient) and the deck's priority by industry type")
  write(dir, "scenarios.csv", rec.scenarios, { "option", "scenario", "level", "measure", "direct", "indirect",
    "induced", "total", "type1", "type2", "note" }, entries,
    "Worked impact scenarios on the regional table (AUD million of output, value added and income; jobs)")
  write(dir, "assumptions.csv", {
    { item = "institutional capacity", value = res.capacity.rating, basis = res.capacity.basis },
    { item = "rules", value = res.rules_file, basis = "edit this file (or a copy, with --rules) to change the ranking" },
    { item = "regional table", value = region, basis = tpath .. " regionalised by FLQ (delta " .. opts.delta
      .. ") with " .. epath },
  }, { "item", "value", "basis" }, entries, "Assumptions of the policy chapter")
  local labels, values = {}, {}
  for k, o in ipairs(rec.options) do labels[k], values[k] = string.format("%d. %s", o.id, o.option), o.strength end
  plot.bars{ labels = labels, values = values, file = dir .. "/option_strength.svg",
    title = "Policy options: strength of evidence (sum of the weights of the rules met)", xlab = "strength of evidence" }
  entries[#entries + 1] = { file = "option_strength.svg", title = "Strength of evidence for each option", kind = "figure" }
  report.contents(dir, entries)
  print("wrote " .. dir .. "/options.csv, evidence.csv, missing_evidence.csv, industry_priorities.csv, scenarios.csv, "
    .. "assumptions.csv, option_strength.svg")
end

cli.run(main)
