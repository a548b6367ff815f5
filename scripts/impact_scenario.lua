-- impact_scenario.lua -- impacts of a shock on a regional input-output table
-- (stdlib/scenario.lua; Miller & Blair 2009, ch. 6 and 8): output, value
-- added, labour income and jobs, direct, indirect and induced, regional and
-- national -- what IMPLAN or RIMS II are bought for.
--
-- usage: clusterlab scripts/impact_scenario.lua [--table FILE --employment FILE] SCENARIO... [--out DIR]
--   --demand 'Mining=100'            final demand (sales outside the region) up by 100
--   --substitute 'Mining:0.1'        local suppliers take 10% of what Mining buys outside the region
--   --substitute 'Mining:0.1:abroad' ... of what Mining imports from abroad
--   --new-plant 'Manufacturing:500'  a new plant with Manufacturing's inputs and output 500
-- Sector names hold commas, so the sector and its numbers are split at the last ':' or '='.
local cli = require "cli"
local scenario = require "scenario"
local report = require "report"

local here = (arg and arg[0] or ""):match("^(.*)[/\\][^/\\]*$") or "."
local DATA = here .. "/data"

local spec = {
  usage = "clusterlab scripts/impact_scenario.lua [options]",
  about = "Impacts of a final-demand shock, import substitution or a new plant on a regional table.",
  options = {
    { name = "table", value = "FILE", help = "national IO table (default: the bundled ABS 2021-22 table)" },
    { name = "employment", value = "FILE", help = "employment by sector, region and nation (default: Mount Isa 2021)" },
    { name = "region-column", value = "NAME", help = "the employment file's column of the region" },
    { name = "delta", number = true, default = 0.3, help = "FLQ delta of the regional table" },
    { name = "demand", value = "SECTOR=AMOUNT", help = "a final-demand shock" },
    { name = "substitute", value = "SECTOR:SHARE[:abroad]", help = "import substitution" },
    { name = "new-plant", value = "SECTOR:OUTPUT", help = "a new plant with the sector's inputs" },
    { name = "out", value = "DIR", help = "also write DIR/impacts.csv" },
  },
}

local opts

local function parse(value, sep, what)
  local sector, rest = value:match("^(.*)" .. sep .. "([^" .. sep .. "]+)$")
  local amount = rest and tonumber(rest)
  if not sector or sector == "" or not amount then
    error(string.format("--%s '%s': expected SECTOR%sNUMBER", what, value, sep), 0)
  end
  return sector, amount
end

local COLUMNS = { "level", "measure", { key = "direct", digits = 1 }, { key = "indirect", digits = 1 },
  { key = "induced", digits = 1 }, { key = "total", digits = 1 }, { key = "type1", digits = 3 },
  { key = "type2", digits = 3 } }

local function main()
  opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  if not (opts.demand or opts.substitute or opts.new_plant) then
    error("give a scenario: --demand, --substitute or --new-plant\n" .. cli.usage(spec), 0)
  end
  local model = scenario.load(opts.table or (DATA .. "/national_19_sector_io_aud_mn.csv"),
    opts.employment or (DATA .. "/employment_mount_isa_2021.csv"),
    { delta = opts.delta, region = opts.region_column or (not opts.employment and "mount_isa" or nil) })
  local results = {}
  if opts.demand then
    local sector, amount = parse(opts.demand, "=", "demand")
    results[#results + 1] = scenario.final_demand(model, { [sector] = amount },
      string.format("Final demand for %s up by %g", sector, amount))
  end
  if opts.substitute then
    local from
    local value = opts.substitute:gsub(":abroad$", function() from = "abroad"; return "" end)
    local sector, share = parse(value, ":", "substitute")
    results[#results + 1] = scenario.import_substitution(model, sector, share, { from = from })
  end
  if opts.new_plant then
    local sector, output = parse(opts.new_plant, ":", "new-plant")
    results[#results + 1] = scenario.new_sector(model, { like = sector, output = output })
  end
  local all = {}
  for _, res in ipairs(results) do
    report.print(res.rows, COLUMNS, { title = res.title .. (res.note and ("\n(" .. res.note .. ")") or "") })
    for _, r in ipairs(res.rows) do
      all[#all + 1] = { scenario = res.title, level = r.level, measure = r.measure, direct = r.direct,
        indirect = r.indirect, induced = r.induced, total = r.total, type1 = r.type1, type2 = r.type2 }
    end
  end
  if opts.out then
    report.mkdir(opts.out)
    report.write_csv(opts.out .. "/impacts.csv", all, { "scenario", "level", "measure", "direct", "indirect",
      "induced", "total", "type1", "type2" })
    print("wrote " .. opts.out .. "/impacts.csv")
  end
end

cli.run(main)
