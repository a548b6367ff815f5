-- studyreport/html.lua -- the study report as one standalone HTML file,
-- well-formed as XHTML (so xmllint can check it): CSS inline, SVG figures
-- inline, every string from the data escaped.
local studyreport = require "studyreport"
local walk = require "studyreport.walk"

local M = {}

local function esc(s)
  return (tostring(s):gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"):gsub("'", "&#39;"))
end
M.escape = esc

local CSS = [[
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #222; max-width: 1180px; margin: 0 auto;
  padding: 0 24px 48px; line-height: 1.45; font-size: 15px; }
header { border-bottom: 3px solid #0072B2; margin-bottom: 18px; }
h1 { font-size: 28px; margin: 28px 0 4px; }
h2 { font-size: 22px; margin-top: 40px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
h3 { font-size: 17px; margin: 26px 0 6px; }
h4 { font-size: 15px; margin: 12px 0 4px; }
.sub { color: #595959; margin: 0 0 14px; }
nav ol { columns: 2; }
.tbl { overflow-x: auto; margin: 6px 0 4px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e5e5e5; text-align: left; vertical-align: top; }
th { background: #f2f4f7; border-bottom: 2px solid #bbb; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr:nth-child(even) td { background: #fafafa; }
.note { color: #595959; font-size: 13px; margin: 2px 0 14px; }
figure { margin: 18px 0; }
figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #444; font-size: 13px; }
.option { border: 1px solid #d0d7de; border-left: 6px solid #0072B2; border-radius: 4px; padding: 4px 16px 12px;
  margin: 18px 0; }
.option.best { border-left-color: #009E73; }
.badge { display: inline-block; background: #0072B2; color: white; border-radius: 10px; padding: 0 9px;
  font-size: 13px; margin-left: 6px; }
.best .badge.match { background: #009E73; }
.cols { display: flex; flex-wrap: wrap; gap: 24px; }
.cols > div { flex: 1 1 440px; min-width: 0; }
.met { color: #00704a; font-weight: bold; }
.notmet { color: #595959; }
.missing { color: #b34700; font-weight: bold; }
.sim { background: #fff4e5; border: 1px solid #e69f00; padding: 6px 10px; border-radius: 4px; }
]]

local function is_number(v) return type(v) == "number" end

-- a table of header and rows (at most max_rows shown); digits[j], when
-- given, fixes column j's decimals
local function table_html(header, rows, max_rows, file, digits)
  local out = { '<div class="tbl"><table><thead><tr>' }
  for _, h in ipairs(header) do out[#out + 1] = "<th>" .. esc(h) .. "</th>" end
  out[#out + 1] = "</tr></thead><tbody>"
  local shown = math.min(#rows, max_rows or #rows)
  for i = 1, shown do
    out[#out + 1] = "<tr>"
    for j = 1, #header do
      local v = rows[i][j]
      local d = digits and digits[j]
      local s = (d and is_number(v)) and string.format("%." .. d .. "f", v) or studyreport.cell(v)
      out[#out + 1] = (is_number(v) and '<td class="n">' or "<td>") .. esc(s) .. "</td>"
    end
    out[#out + 1] = "</tr>"
  end
  out[#out + 1] = "</tbody></table></div>"
  if shown < #rows then
    out[#out + 1] = string.format('<p class="note">The first %d of %d rows; all are in %s and the workbook.</p>',
      shown, #rows, esc(file or "the CSV file"))
  end
  return table.concat(out)
end

local function scenario_html(s)
  local header, rows, digits = walk.scenario_table(s)
  return "<h4>Impact: " .. esc(s.title) .. "</h4>" .. table_html(header, rows, nil, nil, digits)
    .. (s.note and s.note ~= "" and ('<p class="note">' .. esc(s.note) .. "</p>") or "")
end

local function verdict(e)
  if e.status == "met" then return '<span class="met">met</span>' end
  if e.status == "missing" then return '<span class="missing">missing</span>' end
  return '<span class="notmet">not met</span>'
end

local function option_html(o)
  local out = { string.format('<article class="option%s"><h3>%d. %s<span class="badge">strength %s</span>'
    .. '<span class="badge match">%s</span></h3>', o.match == "best match" and " best" or "", o.rank,
    esc(o.option), esc(studyreport.cell(o.strength)), esc(o.match)) }
  out[#out + 1] = string.format('<p class="sub">Option %d of the deck. State role: <b>%s</b> (addresses %s). '
    .. "Administrative capacity needed: <b>%s</b>. Rules met %s of %s checked; %s could not be checked.</p>",
    o.id, esc(o.state_role or ""), esc((o.failure or ""):lower()), esc(o.capacity_demand or ""),
    esc(studyreport.cell(o.rules_met)), esc(studyreport.cell(o.rules_checked)), esc(studyreport.cell(o.rules_missing)))
  out[#out + 1] = "<p><b>Levers:</b> " .. esc(o.levers or "") .. "</p>"
  out[#out + 1] = '<div class="cols"><div><h4>Evidence</h4><div class="tbl"><table><thead><tr><th>rule</th>'
    .. "<th>value</th><th>test</th><th>verdict</th></tr></thead><tbody>"
  for _, e in ipairs(o.evidence) do
    out[#out + 1] = "<tr><td>" .. esc(e.reason or e.rule) .. '<br/><span class="note">' .. esc(e.detail or "")
      .. '</span></td><td class="n">' .. esc(studyreport.cell(e.value)) .. '</td><td class="n">'
      .. esc((e.test or "") .. " " .. studyreport.cell(e.threshold)) .. "</td><td>" .. verdict(e) .. "</td></tr>"
  end
  out[#out + 1] = "</tbody></table></div></div>"
  if o.scenario then out[#out + 1] = "<div>" .. scenario_html(o.scenario) .. "</div>" end
  out[#out + 1] = "</div></article>"
  return table.concat(out, "\n")
end

-- the syntax of the walk over the document (studyreport/walk.lua)
local SYNTAX = {
  chapter = function(c) return '<section id="' .. esc(c.dir) .. '"><h2>' .. esc(c.title) .. "</h2>" end,
  chapter_end = "</section>",
  not_ran = function(c)
    return '<p class="missing">This analysis did not run: no outputs in ' .. esc(c.dir)
      .. "/. The policy options name the evidence it would have given as missing.</p>"
  end,
  simulated = function() return '<p class="sim">Run on SIMULATED inputs.</p>' end,
  figure = function(c, it)
    return "<figure>" .. it.svg .. "<figcaption>" .. esc(it.title) .. " (" .. esc(c.dir .. "/" .. it.file)
      .. ")</figcaption></figure>"
  end,
  table = function(c, it, max_rows)
    return "<h3>" .. esc(it.title) .. "</h3>\n" .. table_html(it.header, it.rows, max_rows, c.dir .. "/" .. it.file)
  end,
  note = function(_, it) return "<h3>" .. esc(it.title) .. "</h3><p class=\"note\">" .. esc(it.text or "") .. "</p>" end,
  assumption = function(a)
    return "<p><b>" .. esc(a.item) .. ":</b> " .. esc(studyreport.cell(a.value)) .. " &#8212; " .. esc(a.basis or "")
      .. "</p>"
  end,
  option = option_html,
  heading = function(t) return "<h3>" .. t .. "</h3>" end,
  paragraph = function(t) return "<p>" .. t .. "</p>" end,
  rows = function(header, rows) return table_html(header, rows) end,
}

local function summary_html(doc)
  local out = {}
  local ran, missing = {}, {}
  for _, c in ipairs(doc.chapters) do
    if c.dir ~= "policy" then
      local t = esc(c.title) .. (c.simulated and " (SIMULATED inputs)" or "")
      if c.ran then ran[#ran + 1] = "<li>" .. t .. "</li>" else missing[#missing + 1] = "<li>" .. t .. "</li>" end
    end
  end
  out[#out + 1] = "<h3>Chapters that ran</h3><ul>" .. table.concat(ran) .. "</ul>"
  if #missing > 0 then
    out[#out + 1] = "<h3>Chapters that did not run (their evidence is missing)</h3><ul>" .. table.concat(missing) .. "</ul>"
  end
  local v = doc.policy_view
  if v then
    out[#out + 1] = "<h3>Policy options, ranked by the strength of their evidence</h3><ol>"
    for _, o in ipairs(v.options) do
      out[#out + 1] = string.format("<li>%s &#8212; strength %s; %s</li>", esc(o.option),
        esc(studyreport.cell(o.strength)), esc(o.match))
    end
    out[#out + 1] = "</ol>"
    for _, a in ipairs(v.assumptions) do
      if a.item == "institutional capacity" then
        out[#out + 1] = "<p>The best match is the highest-ranked option within the institutional capacity, rated <b>"
          .. esc(studyreport.cell(a.value)) .. "</b>: " .. esc(a.basis or "") .. ".</p>"
      end
    end
  end
  return table.concat(out, "\n")
end

local function data_html(doc)
  local out = { "<div class=\"tbl\"><table><thead><tr><th>chapter</th><th>ran</th><th>what it ran on</th>"
    .. "<th>SIMULATED inputs</th><th>to reproduce the Kazakhstan results exactly, supply</th></tr></thead><tbody>" }
  for _, c in ipairs(doc.chapters) do
    out[#out + 1] = "<tr><td>" .. esc(c.title) .. "</td><td>" .. (c.ran and "yes" or "no") .. "</td><td>"
      .. esc(c.ran_on or "") .. "</td><td>" .. (c.simulated and "<b>yes: its outputs say SIMULATED</b>" or "no")
      .. "</td><td>" .. esc(c.to_reproduce or "") .. "</td></tr>"
  end
  out[#out + 1] = "</tbody></table></div>"
  return table.concat(out, "\n")
end

function M.render(doc, max_rows)
  local out = { '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/>'
    .. '<meta name="viewport" content="width=device-width, initial-scale=1"/><title>' .. esc(doc.title)
    .. "</title><style>" .. CSS .. "</style></head><body>" }
  out[#out + 1] = "<header><h1>" .. esc(doc.title) .. '</h1><p class="sub">Samambayeva (2013), "Cluster industrial '
    .. "policies as tools for economic development: the metallurgical cluster &amp; economic development of East "
    .. 'Kazakhstan region", reproduced by clusterlab on ' .. esc(doc.date) .. ". Every table is also a CSV file "
    .. "beside this report and a sheet of clusterlab.xlsx.</p></header>"
  local sim = {}
  for _, c in ipairs(doc.chapters) do if c.simulated then sim[#sim + 1] = esc(c.title) end end
  if #sim > 0 then
    out[#out + 1] = '<p class="sim"><b>SIMULATED inputs</b> in: ' .. table.concat(sim, "; ")
      .. ". Their results show the method, not Kazakhstan's findings (see Data and reproduction).</p>"
  end
  local nav = { "<nav><h2>Contents</h2><ol><li><a href=\"#summary\">Summary</a></li>" }
  for _, c in ipairs(doc.chapters) do
    nav[#nav + 1] = '<li><a href="#' .. esc(c.dir) .. '">' .. esc(c.title) .. "</a></li>"
  end
  nav[#nav + 1] = '<li><a href="#data">Data and reproduction</a></li></ol></nav>'
  out[#out + 1] = table.concat(nav)
  out[#out + 1] = '<section id="summary"><h2>Summary</h2>' .. summary_html(doc) .. "</section>"
  walk.chapters(SYNTAX, doc, max_rows, out)
  out[#out + 1] = '<section id="data"><h2>Data and reproduction</h2>' .. data_html(doc) .. "</section>"
  out[#out + 1] = "</body></html>\n"
  return table.concat(out, "\n")
end

return M
