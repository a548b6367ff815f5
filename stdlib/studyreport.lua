-- studyreport.lua -- the whole study as one report: discovers what each
-- chapter wrote under its folder of the output directory (its contents.csv,
-- written with report.contents, gives order and titles; other CSV and SVG
-- files appear under their names), so a new chapter appears without code
-- changes; then writes report.html (standalone: figures inline, CSS inline,
-- every string escaped), report.md and clusterlab.xlsx (every table, one sheet
-- each). A chapter whose files say SIMULATED is reported as run on simulated
-- inputs.
local csv = require "csv"
local folder = require "folder"
local workbook = require "workbook"
local report = require "report"

local M = {}

M._help = {
  _about = "the study report: chapters' tables and figures found in their folders, into HTML, Markdown and xlsx",
  collect = "studyreport.collect(dir) -> doc: {chapters = {{dir=, title=, ran=, simulated=, ran_on=, to_reproduce=, "
    .. "items = {{kind='table'|'figure', file=, title=, header=, rows=} ...}} ...}, policy = ...}",
  write = "studyreport.write(dir [, {title=}]) -> paths of report.html, report.md, clusterlab.xlsx under dir",
  MAX_ROWS = "studyreport.MAX_ROWS: rows of a table shown in the report (all are in its CSV file and the workbook)",
}

M.MAX_ROWS = 40

local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."

local function read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- the names in a folder, sorted; none when it is missing
local function list_dir(dir)
  local out = folder.list(dir) or {}
  table.sort(out)
  return out
end

-- "regional_key_sectors.csv" -> "Regional key sectors"
local function title_of_name(file)
  local s = file:gsub("%.%w+$", ""):gsub("[_%-]+", " ")
  return (s:gsub("^%l", string.upper))
end

-- a CSV file as header and rows of cells: numbers where the cell is one
local function read_table(path)
  local ok, header, rows = pcall(csv.read_rows, path)
  if not ok then return nil, tostring(header) end
  for _, r in ipairs(rows) do
    for j = 1, #header do
      local s = r[j]
      if s == nil or s == "" then r[j] = nil
      else r[j] = csv.number(s) or s end
    end
  end
  return header, rows
end

local function svg_title(text)
  local t = text:match("<title>(.-)</title>")
  return t and (t:gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&quot;", '"'):gsub("&#39;", "'"):gsub("&apos;", "'"):gsub("&amp;", "&"))
end

-- the chapters' descriptions (stdlib/data/study_chapters.csv)
local function chapter_list()
  local header, rows = csv.read_rows(here .. "/data/study_chapters.csv")
  local out = {}
  for _, r in ipairs(rows) do
    local c = {}
    for j, name in ipairs(header) do c[name] = r[j] end
    out[#out + 1] = c
  end
  return out
end

local function item(dir, file, title, kind)
  local path = dir .. "/" .. file
  if kind == "figure" or file:match("%.svg$") then
    local text = read_file(path)
    if not text then return nil end
    -- the report embeds figures as they are, so one that could run code is
    -- named, not embedded (the chapters' own SVG never holds scripts)
    local lower = text:lower()
    if lower:find("<script", 1, true) or lower:find("%son%a+%s*=") or lower:find("javascript:", 1, true)
      or lower:find("<foreignobject", 1, true) then
      return { kind = "note", file = file, title = title or title_of_name(file),
        text = file .. " holds scripts or embedded HTML and is not embedded in the report" }
    end
    return { kind = "figure", file = file, title = title or svg_title(text) or title_of_name(file),
      svg = text:gsub("^%s*<%?xml.-%?>%s*", ""):gsub("<!DOCTYPE.->%s*", "") }
  end
  if file:match("%.csv$") then
    local header, rows = read_table(path)
    if not header then return { kind = "note", file = file, title = title or title_of_name(file), text = rows } end
    return { kind = "table", file = file, title = title or title_of_name(file), header = header, rows = rows }
  end
end

local function collect_chapter(out, ch)
  local dir = out .. "/" .. ch.dir
  local files = list_dir(dir)
  local c = { dir = ch.dir, title = ch.title, ran_on = ch.ran_on, to_reproduce = ch.to_reproduce,
    ran = #files > 0, items = {}, simulated = false }
  local listed = {}
  local header, rows = read_table(dir .. "/contents.csv")
  if header then
    local col = {}
    for j, h in ipairs(header) do col[h] = j end
    for _, r in ipairs(rows) do
      local file = r[col.file or 1]
      if type(file) == "string" then
        listed[file] = true
        c.items[#c.items + 1] = item(dir, file, r[col.title or 2], r[col.kind or 3])
      end
    end
  end
  for _, f in ipairs(files) do
    if not listed[f] and f ~= "contents.csv" then c.items[#c.items + 1] = item(dir, f) end
  end
  for _, f in ipairs(files) do
    local text = read_file(dir .. "/" .. f)
    if text and text:find("SIMULATED", 1, true) then c.simulated = true end
  end
  return c
end

-- a table item's rows as records keyed by its header
local function as_records(it)
  local out = {}
  for _, r in ipairs(it and it.rows or {}) do
    local rec = {}
    for j, h in ipairs(it.header) do rec[h] = r[j] end
    out[#out + 1] = rec
  end
  return out
end

-- the policy chapter's files as one view: ranked options, each with its
-- evidence and worked scenario; the files it used are not shown again
local POLICY_FILES = { ["options.csv"] = "options", ["evidence.csv"] = "evidence", ["scenarios.csv"] = "scenarios",
  ["missing_evidence.csv"] = "missing", ["industry_priorities.csv"] = "priorities", ["assumptions.csv"] = "assumptions" }

local function policy_view(c)
  local parts, rest = {}, {}
  for _, it in ipairs(c.items) do
    local key = POLICY_FILES[it.file]
    if key and it.kind == "table" then parts[key] = it else rest[#rest + 1] = it end
  end
  if not parts.options then return nil end
  local view = { options = as_records(parts.options), missing = as_records(parts.missing),
    priorities = as_records(parts.priorities), assumptions = as_records(parts.assumptions), others = rest }
  local by_id = {}
  for _, o in ipairs(view.options) do by_id[o.id] = o; o.evidence = {} end
  for _, e in ipairs(as_records(parts.evidence)) do
    if by_id[e.option] then table.insert(by_id[e.option].evidence, e) end
  end
  for _, s in ipairs(as_records(parts.scenarios)) do
    local o = by_id[s.option]
    if o then
      o.scenario = o.scenario or { title = s.scenario, note = s.note, rows = {} }
      table.insert(o.scenario.rows, s)
    end
  end
  return view
end
M.policy_view = policy_view

-- a cell as the report shows it: whole numbers whole, others with 3
-- decimals (1 from 100 up); text as it is
function M.cell(v)
  if type(v) ~= "number" then return v == nil and "" or tostring(v) end
  if v ~= v then return "" end
  if v == math.floor(v) and math.abs(v) < 1e15 then return string.format("%d", v) end
  local s = string.format(math.abs(v) >= 100 and "%.1f" or "%.3f", v)
  s = s:gsub(",", ".")
  if s:match("^%-0%.0*$") then s = s:sub(2) end
  return s
end

function M.collect(out)
  local doc = { dir = out, chapters = {} }
  local known = {}
  for _, ch in ipairs(chapter_list()) do
    known[ch.dir] = true
    doc.chapters[#doc.chapters + 1] = collect_chapter(out, ch)
  end
  -- folders of chapters the list does not know yet (chN, N > 4)
  for _, f in ipairs(list_dir(out)) do
    if f:match("^ch%d+$") and not known[f] then
      doc.chapters[#doc.chapters + 1] = collect_chapter(out, { dir = f, title = "Chapter " .. f:sub(3),
        ran_on = "(not described in stdlib/data/study_chapters.csv)", to_reproduce = "" })
    end
  end
  for _, c in ipairs(doc.chapters) do
    if c.dir == "policy" then doc.policy = c; doc.policy_view = policy_view(c) end
  end
  return doc
end

-- every table of every chapter, whole, as workbook sheets "ch1 regional linkages"
local function sheets(doc)
  local out = {}
  for _, c in ipairs(doc.chapters) do
    for _, it in ipairs(c.items) do
      if it.kind == "table" then
        out[#out + 1] = { name = c.dir .. " " .. it.file:gsub("%.csv$", ""):gsub("_", " "), header = it.header,
          rows = it.rows }
      end
    end
  end
  return out
end

function M.write(out, opts)
  opts = opts or {}
  local doc = M.collect(out)
  doc.title = opts.title or "Cluster industrial policy for a metals region: the study reproduced"
  doc.date = opts.date or os.date("!%Y-%m-%d")
  local html = require("studyreport.html").render(doc, M.MAX_ROWS)
  local md = require("studyreport.markdown").render(doc, M.MAX_ROWS)
  report.write_file(out .. "/report.html", html, "studyreport.write")
  report.write_file(out .. "/report.md", md, "studyreport.write")
  local paths = { out .. "/report.html", out .. "/report.md" }
  local tables = sheets(doc)
  if #tables > 0 then
    local path, names = workbook.write(out .. "/clusterlab.xlsx", tables, { neutralise = opts.neutralise })
    paths[#paths + 1] = path
    doc.sheets = names
  end
  return paths, doc
end

return M
