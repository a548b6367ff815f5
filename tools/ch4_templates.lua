-- ch4_templates.lua -- writes the empty templates of chapter 4's survey, as CSV
-- and as Stata .dta (scripts/data/ch4/survey_template.* with the nine coded
-- indicators, survey_raw_template.* with the raw answers that
-- mapping_template.csv codes): a header (the variables) and no firms.
--
-- usage: clusterlab tools/ch4_templates.lua [--out DIR]
local cli = require "cli"
local frame = require "frame"
local matrix = require "matrix"

local spec = {
  usage = "clusterlab tools/ch4_templates.lua [options]",
  about = "Writes the empty chapter 4 survey templates (.csv and .dta).",
  options = {{name = "out", value = "DIR", default = "scripts/data/ch4", help = "output folder"}},
}

local TEMPLATES = {
  survey_template = {text = {"firm"}, numbers = {"employees", "nace", "DUI1", "DUI2", "DUI3", "DUI4",
    "DUI5", "DUI6", "DUI7", "STI1", "STI2"}},
  survey_raw_template = {text = {"firm", "workgroups", "quality_circles", "proposals", "autonomous",
    "integration", "demarcations", "customers", "researchers"}, numbers = {"employees", "nace", "rd_share"}},
}
-- the columns in the order a user fills them in
local ORDER = {
  survey_template = {"firm", "employees", "nace", "DUI1", "DUI2", "DUI3", "DUI4", "DUI5", "DUI6", "DUI7",
    "STI1", "STI2"},
  survey_raw_template = {"firm", "employees", "nace", "workgroups", "quality_circles", "proposals",
    "autonomous", "integration", "demarcations", "customers", "rd_share", "researchers"},
}

local function main()
  local opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  for name, t in pairs(TEMPLATES) do
    local cols = {}
    for _, c in ipairs(t.text) do cols[c] = {} end
    for _, c in ipairs(t.numbers) do cols[c] = matrix.new(0, 1) end
    -- a fixed date stamp (2013-01-01, the study's year) so that the files do not change
    frame.new{names = ORDER[name], columns = cols}:write(opts.out .. "/" .. name .. ".dta",
      {timestamp = 1356998400})
    local f = assert(io.open(opts.out .. "/" .. name .. ".csv", "w"))
    f:write(table.concat(ORDER[name], ","), "\n")
    f:close()
  end
  print("templates written to " .. opts.out)
end

cli.run(main)
