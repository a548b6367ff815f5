-- test_studyreport.lua -- the study report discovers each chapter's outputs
-- from its folder (contents.csv for order and titles, else the titles in
-- stdlib/data/report_titles.csv, else file names),
-- so chapters landing later appear without code changes; escapes every string;
-- stays well-formed XHTML; names chapters that did not run and those on
-- SIMULATED inputs; puts every table into the workbook.
local T = require "testing"
local studyreport = require "studyreport"
local report = require "report"

local function write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

local SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
  .. "<title>%s</title><rect width=\"5\" height=\"5\"/></svg>\n"

-- an output folder: ch1 with a hostile sector name and a figure named by its
-- file; ch3 with contents.csv and SIMULATED data; ch7, a chapter no list knows
local function study()
  local d = os.tmpname()
  os.remove(d)
  assert(os.execute("mkdir -p " .. d .. "/ch1 " .. d .. "/ch3 " .. d .. "/ch7"))
  write(d .. "/ch1/regional_linkages.csv", 'sector,backward\n"<script>alert(1)</script> & ""Ore"" | Co",1.25\nMining,0.5\n')
  write(d .. "/ch1/key_map.svg", SVG:format("Key sectors &amp; region&apos;s maps"))
  write(d .. "/ch3/probit.csv", "variable,coef,p\nForeign import,0.0072,0.03\n")
  write(d .. "/ch3/roc.svg", SVG:format("ROC of the SIMULATED survey"))
  report.contents(d .. "/ch3", { { file = "roc.svg", title = "ROC curve", kind = "figure" },
    { file = "probit.csv", title = "Probit of innovation", kind = "table" } })
  write(d .. "/ch7/extra.csv", "a,b\n=cmd,2\n")
  write(d .. "/ch7/bad.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>')
  return d
end

T.test("chapters found in their folders, in contents.csv's order, or by file name", function()
  local d = study()
  local doc = studyreport.collect(d)
  local by = {}
  for _, c in ipairs(doc.chapters) do by[c.dir] = c end
  T.equal(by.ch1.ran, true, "ch1 ran")
  T.equal(by.ch4.ran, false, "ch4 did not run")
  -- ch1 wrote no contents.csv: its files listed in stdlib/data/report_titles.csv
  -- come first with the titles given there, then the others by their own titles
  T.equal(by.ch1.items[1].title, "Regional linkages of every sector: Rasmussen indices, Hazari CVs, "
    .. "multipliers, class (tables 6-7)", "a title from report_titles.csv")
  T.equal(by.ch1.items[2].title, "Key sectors & region's maps", "an SVG's own title, unescaped")
  T.equal(#by.ch1.items, 2, "titles for files the chapter did not write are not listed")
  T.equal(by.ch7.items[1].title, "Bad", "a file no list knows is named by its file")
  T.equal(by.ch3.items[1].title, "ROC curve", "contents.csv first")
  T.equal(by.ch3.items[2].title, "Probit of innovation", "then its second entry")
  T.equal(by.ch3.simulated, true, "SIMULATED found in ch3's files")
  T.equal(by.ch1.simulated, false, "ch1 is not simulated")
  assert(by.ch7, "an unknown chapter folder appears")
  os.execute("rm -rf " .. d)
end)

T.test("report.html: escaped, well-formed, figures inline; report.md and the workbook", function()
  local d = study()
  local paths = studyreport.write(d, { date = "2026-01-01" })
  T.equal(#paths, 3, "html, md, xlsx")
  local html = T.slurp(d .. "/report.html")
  T.equal(html:find("<script>", 1, true), nil, "no raw script tag")
  T.equal(html:find("onload", 1, true), nil, "an SVG with event handlers is not embedded")
  assert(html:find("bad.svg holds scripts or embedded HTML and is not embedded in the report", 1, true), "but named")
  assert(html:find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Ore&quot; | Co", 1, true), "escaped cell")
  local _, figures = html:gsub("<svg ", "")
  T.equal(figures, 2, "two inline figures")
  T.equal(html:find("<?xml", 1, true), nil, "no XML declaration inside the page")
  assert(html:find("This analysis did not run: no outputs in ch4/", 1, true), "ch4 named as not run")
  assert(html:find("SIMULATED inputs</b> in: Chapter 3", 1, true), "the SIMULATED chapter named at the top")
  if os.execute("command -v xmllint >/dev/null") then
    T.equal(os.execute("xmllint --noout " .. d .. "/report.html"), true, "well-formed XHTML")
  else
    print("SKIP: xmllint (libxml2-utils) is not installed; well-formedness not checked")
  end
  local md = T.slurp(d .. "/report.md")
  -- Markdown passes HTML through, so < and > are escaped there too, and '|' for the table
  assert(md:find("| &lt;script&gt;alert(1)&lt;/script&gt; & \"Ore\" \\| Co | 1.250 |", 1, true), "escaped in Markdown")
  -- an & only where it would start an entity: "R&D" stays as written
  assert(md:find("| Mining | 0.500 |", 1, true), "a plain row")
  local d2 = study()
  write(d2 .. "/ch7/rd.csv", "name,v\nR&D &amp; &#60;,1\n")
  studyreport.write(d2, { date = "2026-01-01" })
  assert(T.slurp(d2 .. "/report.md"):find("| R&D &amp;amp; &amp;#60; | 1 |", 1, true), "entities escaped, R&D kept")
  os.execute("rm -rf " .. d2)
  assert(md:find("![ROC curve](ch3/roc.svg)", 1, true), "figures linked")
  os.execute("rm -rf " .. d)
end)

T.done()
