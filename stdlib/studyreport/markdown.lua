-- studyreport/markdown.lua -- the study report as Markdown (pipe tables;
-- figures linked to their SVG files beside it). Markdown passes HTML through,
-- so every string from the data has < and > escaped, and an & that would
-- start an entity ("&amp;", "&#60;"); a plain "R&D" stays readable. A '|' or a
-- line break in a sector name cannot break a table.
local studyreport = require "studyreport"
local walk = require "studyreport.walk"

local M = {}

local function text(s)
  return (tostring(s or ""):gsub("&(#?%w+;)", "&amp;%1"):gsub("<", "&lt;"):gsub(">", "&gt;")
    :gsub("[\r\n]+", " "))
end

local function cell(v)
  return (text(studyreport.cell(v)):gsub("\\", "\\\\"):gsub("|", "\\|"))
end

-- digits[j], when given, fixes column j's decimals
local function table_md(header, rows, max_rows, file, digits)
  local titles = {}
  for j, x in ipairs(header) do titles[j] = cell(x) end
  local out = { "| " .. table.concat(titles, " | ") .. " |" }
  local rule = {}
  for j = 1, #header do
    local numeric = true
    for i = 1, math.min(#rows, max_rows or #rows) do
      local v = rows[i][j]
      if v ~= nil and type(v) ~= "number" then numeric = false end
    end
    rule[j] = numeric and "---:" or "---"
  end
  out[2] = "| " .. table.concat(rule, " | ") .. " |"
  local shown = math.min(#rows, max_rows or #rows)
  for i = 1, shown do
    local c = {}
    for j = 1, #header do
      local v, d = rows[i][j], digits and digits[j]
      c[j] = (d and type(v) == "number") and string.format("%." .. d .. "f", v) or cell(v)
    end
    out[#out + 1] = "| " .. table.concat(c, " | ") .. " |"
  end
  if shown < #rows then
    out[#out + 1] = string.format("\n*The first %d of %d rows; all are in `%s` and the workbook.*", shown, #rows,
      file or "the CSV file")
  end
  return table.concat(out, "\n") .. "\n"
end

local function option_md(o)
  local out = { string.format("### %d. %s — strength %s, %s\n", o.rank, text(o.option), studyreport.cell(o.strength),
    text(o.match)) }
  out[#out + 1] = string.format("Option %d of the deck. State role: **%s** (addresses %s). Administrative capacity "
    .. "needed: **%s**. Rules met %s of %s checked; %s could not be checked.\n", o.id, text(o.state_role),
    text(o.failure):lower(), text(o.capacity_demand), studyreport.cell(o.rules_met), studyreport.cell(o.rules_checked),
    studyreport.cell(o.rules_missing))
  out[#out + 1] = "**Levers:** " .. text(o.levers) .. "\n"
  local rows = {}
  for i, e in ipairs(o.evidence) do
    -- raw strings: table_md escapes every cell
    rows[i] = { (e.reason or "") .. " (" .. (e.detail or "") .. ")", e.value,
      (e.test or "") .. " " .. studyreport.cell(e.threshold), e.status }
  end
  out[#out + 1] = "Evidence:\n\n" .. table_md({ "rule", "value", "test", "verdict" }, rows)
  if o.scenario then
    local header, rows, digits = walk.scenario_table(o.scenario)
    out[#out + 1] = "Impact — " .. text(o.scenario.title) .. ":\n\n" .. table_md(header, rows, nil, nil, digits)
    if o.scenario.note and o.scenario.note ~= "" then out[#out + 1] = "*" .. text(o.scenario.note) .. "*\n" end
  end
  return table.concat(out, "\n")
end

-- the syntax of the walk over the document (studyreport/walk.lua)
local SYNTAX = {
  chapter = function(c) return "## " .. text(c.title) .. "\n" end,
  not_ran = function(c)
    return "This analysis did not run: no outputs in `" .. c.dir .. "/`. The policy options name the "
      .. "evidence it would have given as missing.\n"
  end,
  simulated = function() return "**Run on SIMULATED inputs.**\n" end,
  figure = function(c, it) return string.format("![%s](%s/%s)\n\n*%s*\n", text(it.title), c.dir, it.file, text(it.title)) end,
  table = function(c, it, max_rows)
    return "### " .. text(it.title) .. "\n\n" .. table_md(it.header, it.rows, max_rows, c.dir .. "/" .. it.file)
  end,
  note = function(_, it) return "### " .. text(it.title) .. "\n\n" .. text(it.text) .. "\n" end,
  assumption = function(a)
    return "- **" .. text(a.item) .. ":** " .. text(studyreport.cell(a.value)) .. " — " .. text(a.basis)
  end,
  assumptions_end = "",
  option = option_md,
  heading = function(t) return "### " .. t .. "\n" end,
  paragraph = function(t) return t .. "\n" end,
  rows = function(header, rows) return table_md(header, rows) end,
}

function M.render(doc, max_rows)
  local out = { "# " .. text(doc.title), "",
    "Samambayeva (2013), *Cluster industrial policies as tools for economic development: the metallurgical cluster "
    .. "& economic development of East Kazakhstan region*, reproduced by clusterlab on " .. doc.date
    .. ". Every table is also a CSV file beside this report and a sheet of `clusterlab.xlsx`.", "" }
  for _, c in ipairs(doc.chapters) do
    if c.simulated then out[#out + 1] = "> **SIMULATED inputs** in " .. text(c.title) .. ": its results show the method, "
      .. "not Kazakhstan's findings.\n" end
  end
  out[#out + 1] = "## Summary\n"
  for _, c in ipairs(doc.chapters) do
    if c.dir ~= "policy" then
      out[#out + 1] = "- " .. text(c.title) .. (c.ran and "" or " — **did not run: its evidence is missing**")
        .. (c.simulated and " (SIMULATED inputs)" or "")
    end
  end
  out[#out + 1] = ""
  if doc.policy_view then
    out[#out + 1] = "Policy options, ranked by the strength of their evidence:\n"
    for _, o in ipairs(doc.policy_view.options) do
      out[#out + 1] = string.format("%d. %s — strength %s; %s", o.rank, text(o.option), studyreport.cell(o.strength),
        text(o.match))
    end
    out[#out + 1] = ""
    for _, a in ipairs(doc.policy_view.assumptions) do
      if a.item == "institutional capacity" then
        out[#out + 1] = "The best match is the highest-ranked option within the institutional capacity, rated **"
          .. text(studyreport.cell(a.value)) .. "**: " .. text(a.basis) .. ".\n"
      end
    end
  end
  walk.chapters(SYNTAX, doc, max_rows, out)
  out[#out + 1] = "## Data and reproduction\n"
  local rows = {}
  for i, c in ipairs(doc.chapters) do
    rows[i] = { c.title, c.ran and "yes" or "no", c.ran_on, c.simulated and "yes: its outputs say SIMULATED" or "no",
      c.to_reproduce }
  end
  out[#out + 1] = table_md({ "chapter", "ran", "what it ran on", "SIMULATED inputs",
    "to reproduce the Kazakhstan results exactly, supply" }, rows)
  return table.concat(out, "\n")
end

return M
