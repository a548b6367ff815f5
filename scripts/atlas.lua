-- atlas.lua -- a national input-output table regionalised for every area of an
-- employment file at once (FLQ, Flegg & Webber 1997, 2000), with each area's
-- output multipliers, Rasmussen and Hazari indices and key-sector classes
-- (stdlib/atlas.lua, with chapter 1's keysectors rules): one table of
-- areas x sectors and a heat map of the
-- classes. By default: the ABS 2021-22 19-sector table for Australia's states
-- and territories and for its 547 local government areas (census 2021
-- employment by place of work, scripts/data/atlas_*_2021.csv). On a user's files:
--   clusterlab scripts/atlas.lua --table national.csv --employment areas.csv \
--     --national Kazakhstan --sep ';' --decimal ','
-- The employment file has sectors as rows (labelled as the table's) and one
-- column per area; the column named by --national (else one named
-- "australia") is the nation's, else the areas' sum is.
local cli = require "cli"
local iotable = require "iotable"
local atlas = require "atlas"
local heatmap = require "heatmap"
local report = require "report"

local here = (arg and arg[0] or ""):match("^(.*)[/\\][^/\\]*$") or "."
local DATA = here .. "/data"

local spec = {
  usage = "clusterlab scripts/atlas.lua [options]",
  about = "Regional multipliers, linkages and key sectors for every area of an employment file.",
  options = {
    { name = "out", value = "DIR", default = "out/atlas", help = "folder for the CSV and SVG results" },
    { name = "table", value = "FILE", help = "national symmetric IO table (default: the bundled ABS 2021-22 table)" },
    { name = "employment", value = "FILE", help = "employment, sectors x areas (default: Australia's states, then its LGAs)" },
    { name = "national", value = "NAME", help = "the employment file's column for the nation (default: one named"
      .. " 'australia', else the areas' sum)" },
    { name = "delta", number = true, default = 0.3, help = "FLQ delta, 0 <= delta < 1" },
    { name = "sep", value = "CHAR", help = "field separator of the input files (guessed when not given)" },
    { name = "decimal", value = "CHAR", help = "decimal mark of the input files: '.' or ','" },
    { name = "quiet", flag = true, help = "no progress line" },
  },
}

local COLUMNS = { "area", "sector", "class", { key = "multiplier", digits = 4 }, { key = "backward", digits = 4 },
  { key = "forward", digits = 4 }, { key = "cv_backward", digits = 4 }, { key = "cv_forward", digits = 4 },
  { key = "hazari_backward", digits = 4 }, { key = "hazari_forward", digits = 4 },
  "employment" }

local PALETTE = {
  { "key", "#b2182b", "key sector (both indices > 1, low CVs)" },
  { "uneven", "#7b3294", "both > 1, a high CV" },
  { "backward", "#ef8a62", "backward > 1" },
  { "forward", "#67a9cf", "forward > 1" },
  { "weak", "#e0e0e0", "weak" },
  { "absent", "#ffffff", "no employment" },
}

local function fail(fmt, ...) error(string.format(fmt, ...), 0) end

-- "\r[k/total] area" on stderr, redrawn in place
local function progress_line(name)
  local last = -1
  return function(k, total, area)
    local pct = math.floor(100 * k / total)
    if pct == last and k < total then return end
    last = pct
    io.stderr:write(string.format("\r%s: %d/%d areas (%3d%%) %-40.40s", name, k, total, pct, area))
    if k == total then io.stderr:write("\n") end
    io.stderr:flush()
  end
end

local function one_file(tbl, path, opts)
  local name = path:match("([^/\\]+)%.[^.]*$") or path
  local emp = atlas.read_employment(path, tbl.labels, { national = opts.national, sep = opts.sep,
    decimal = opts.decimal })
  local res = atlas.run(tbl, emp, { delta = opts.delta, progress = not opts.quiet and progress_line(name) or nil })
  local csv_path, svg_path = opts.out .. "/" .. name .. "_sectors.csv", opts.out .. "/" .. name .. "_key_sectors.svg"
  report.write_csv(csv_path, res.records, COLUMNS, { digits = 6 })
  heatmap.categories{
    rows = res.sectors, cols = res.areas, palette = PALETTE,
    value = function(sector, area) return res.class[area][sector] or "absent" end,
    title = string.format("Key sectors by area: %s (FLQ, delta %s; Rasmussen indices, Hazari CVs)", name,
      report.number(opts.delta, 2)),
    note = string.format("%d areas; national employment: %s", #res.areas,
      emp.national_column and ("column '" .. emp.national_column .. "'") or "the sum of the areas"),
    file = svg_path,
  }
  local c = res.counts
  print(string.format("%s: %d areas x %d sectors; key %d, uneven %d, backward %d, forward %d, weak %d, absent %d",
    path, #res.areas, #res.sectors, c.key, c.uneven, c.backward, c.forward, c.weak, c.absent))
  for _, s in ipairs(res.skipped) do print(string.format("  %s skipped: %s", s.area, s.reason)) end
  print("  " .. csv_path .. "\n  " .. svg_path)
end

local function main()
  local opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  if not (opts.delta >= 0 and opts.delta < 1) then fail("--delta must be in [0, 1), got %s", tostring(opts.delta)) end
  local table_path = opts.table or (DATA .. "/national_19_sector_io_aud_mn.csv")
  local tbl = iotable.read(table_path, { sep = opts.sep, decimal = opts.decimal })
  report.mkdir(opts.out)
  local files = opts.employment and { opts.employment }
    or { DATA .. "/atlas_states_2021.csv", DATA .. "/atlas_lgas_2021.csv" }
  for _, path in ipairs(files) do one_file(tbl, path, opts) end
end

cli.run(main)
