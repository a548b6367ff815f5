-- test_plot.lua -- structural checks of the SVG charts of stdlib/plot.lua and the
-- writer stdlib/svg.lua: well-formed XML, one circle per point, escaped labels,
-- reference lines where the axis mapping puts them, clear errors on bad input.
local T = require "testing"
local svg = require "svg"
local plot = require "plot"
local matrix = require "matrix"

-- XML well-formedness, enough for what svg.lua writes: every tag closed in
-- order, attributes name="value", no bare & or < in text or values
local function check_xml(s)
  local stack, pos, root = {}, 1, 0
  local function bad_text(t, where)
    local amp = t:gsub("&[%a#][%w]*;", "")
    if amp:find("[&<]") then error("bare & or < in " .. where .. ": " .. t, 3) end
  end
  while true do
    local a, b, tag = s:find("<([^>]*)>", pos)
    bad_text(s:sub(pos, (a or #s + 1) - 1), "text")
    if not a then break end
    pos = b + 1
    if tag:sub(1, 1) == "?" then
      assert(tag:sub(-1) == "?", "processing instruction not closed")
    elseif tag:sub(1, 1) == "/" then
      local top = table.remove(stack)
      if top ~= tag:sub(2) then error(string.format("</%s> closes <%s>", tag:sub(2), tostring(top)), 2) end
    else
      local selfclosing = tag:sub(-1) == "/"
      local body = selfclosing and tag:sub(1, -2) or tag
      local name, rest = body:match("^([%a][%w%-:]*)(.*)$")
      if not name then error("bad tag <" .. tag .. ">", 2) end
      rest = rest:gsub('%s+[%a][%w%-:]*="([^"<]*)"', function(v) bad_text(v, "attribute"); return "" end)
      if rest:find("%S") then error("bad attributes in <" .. tag .. ">: " .. rest, 2) end
      if #stack == 0 then root = root + 1 end
      if not selfclosing then stack[#stack + 1] = name end
    end
  end
  if #stack > 0 then error("unclosed <" .. stack[#stack] .. ">", 2) end
  if root ~= 1 then error("want one root element, got " .. root, 2) end
end

local function unescape(s)
  return (s:gsub("&(%a+);", { amp = "&", lt = "<", gt = ">", quot = '"', apos = "'" }))
end

-- every element named `name` (with class `class`, if given): its attributes,
-- numbers converted, and its text content without any <title>
local function elements(s, name, class)
  local out = {}
  for tag, rest in s:gmatch("<" .. name .. "(%s[^>]*)>") do
    local e = {}
    for k, v in tag:gmatch('([%a][%w%-:]*)="([^"]*)"') do e[k] = tonumber(v) or unescape(v) end
    if not class or e.class == class then out[#out + 1] = e end
  end
  local k = 0
  for tag, body in s:gmatch("<" .. name .. "(%s[^>]*[^/])>(.-)</" .. name .. ">") do
    local cls = tag:match('class="([^"]*)"')
    if not class or cls == class then
      k = k + 1
      out[k].text = unescape((body:gsub("<title>.-</title>", "")))
    end
  end
  return out
end

-- the 19 ANZSIC divisions (employment_mount_isa_2021.csv) with values spread
-- over 0.6-1.6 as Rasmussen indices would be
local divisions = {
  "Agriculture, Forestry and Fishing", "Mining", "Manufacturing",
  "Electricity, Gas, Water and Waste Services", "Construction", "Wholesale Trade", "Retail Trade",
  "Accommodation and Food Services", "Transport, Postal and Warehousing",
  "Information Media and Telecommunications", "Financial and Insurance Services",
  "Rental, Hiring and Real Estate Services", "Professional, Scientific and Technical Services",
  "Administrative and Support Services", "Public Administration and Safety", "Education and Training",
  "Health Care and Social Assistance", "Arts and Recreation Services", "Other Services",
}
local bx, fy = {}, {}
for i = 1, 19 do
  bx[i] = 0.6 + ((i * 7) % 19) / 18         -- a permutation of 0.6, 0.656, ..., 1.6
  fy[i] = 0.6 + ((i * 11) % 19) / 18
end

T.test("the XML checker itself rejects broken documents", function()
  check_xml('<svg a="1"><g><text>x &amp; y</text></g></svg>')
  T.errors("closes", check_xml, "<svg><g></svg>")
  T.errors("unclosed", check_xml, "<svg><g>")
  T.errors("bare & or <", check_xml, "<svg><text>R&D</text></svg>")
  T.errors("bare & or <", check_xml, '<svg><text a="R&D"/></svg>')
  T.errors("bad attributes", check_xml, "<svg a=1/>")
  T.errors("one root", check_xml, "<svg/><svg/>")
end)

-- svg.lua ----------------------------------------------------------------------

T.test("svg.num: point as decimal separator, at most 2 decimals, no -0", function()
  T.equal(svg.num(1.5), "1.5")
  T.equal(svg.num(2), "2")
  T.equal(svg.num(1 / 3), "0.33")
  T.equal(svg.num(-0.001), "0")
  T.equal(svg.num(1234.5678, 3), "1234.568")
  if os.setlocale("de_DE.UTF-8", "numeric") then   -- a decimal-comma locale, if installed
    T.equal(svg.num(1.5), "1.5", "svg.num under de_DE")
    os.setlocale("C", "numeric")
  end
  T.errors("non-finite", svg.num, 0 / 0)
end)

T.test("svg.escape: markup characters, Cyrillic kept, invalid UTF-8 refused", function()
  T.equal(svg.escape([[R&D <"x"> 'y']]), "R&amp;D &lt;&quot;x&quot;&gt; &apos;y&apos;")
  T.equal(svg.escape("Металлургия"), "Металлургия")
  T.errors("not valid UTF-8", svg.escape, "Metal\xff")
end)

T.test("svg.text_width: DejaVu Sans advance widths", function()
  -- 'A' is 1401/2048 em and 'i' 569/2048 em in DejaVuSans.ttf's hmtx table
  -- (rounded to 684 and 278 thousandths): "Ai" at 10px = 6.84 + 2.78
  T.close(svg.text_width("Ai", 10), 9.62, 1e-12, "width of 'Ai'")
  T.close(svg.text_width("Ai", 10, true), 9.62 * 1.1, 1e-12, "bold")
end)

T.test("svg.wrap: breaks at spaces, cuts with an ellipsis", function()
  local w = math.max(svg.text_width("Transport, Postal", 12), svg.text_width("and Warehousing", 12))
  local lines, cut = svg.wrap("Transport, Postal and Warehousing", w, 12)
  T.equal(#lines, 2, "lines")
  T.equal(lines[1], "Transport, Postal")
  T.equal(lines[2], "and Warehousing")
  T.equal(cut, false, "cut")
  lines, cut = svg.wrap("Transport, Postal and Warehousing", w, 12, 1)
  T.equal(#lines, 1, "lines")
  T.equal(cut, true, "cut")
  T.equal(lines[1]:sub(-3), "\u{2026}", "ellipsis")
  assert(svg.text_width(lines[1], 12) <= w, "the cut line fits")
end)

T.test("svg.element and document: sorted attributes, raw content, XML", function()
  T.equal(svg.element("rect", { y = 2, x = 1.005 }), '<rect x="1" y="2"/>')
  local doc = svg.new(100, 50, "A & B")
  doc:text(1, 2, "x < y", { fill = "red" }, "tip & more")
  local s = doc:tostring()
  check_xml(s)
  assert(s:find('<text fill="red" x="1" y="2"><title>tip &amp; more</title>x &lt; y</text>', 1, true), s)
end)

-- plot.quadrant ------------------------------------------------------------------

T.test("quadrant: well-formed, one circle per point, every label drawn", function()
  local s = plot.quadrant{ x = bx, y = fy, labels = divisions, title = "Mount Isa", xlab = "Backward",
    ylab = "Forward" }
  check_xml(s)
  T.equal(#elements(s, "circle"), 19, "circles")
  local drawn = {}
  for _, e in ipairs(elements(s, "text", "label")) do drawn[#drawn + 1] = e.text end
  drawn = table.concat(drawn, " ")
  for _, l in ipairs(divisions) do
    for word in l:gmatch("[^%s,]+") do assert(drawn:find(word, 1, true), "label word missing: " .. word) end
  end
  for _, q in ipairs({ "Key sectors", "Forward-linkage oriented", "Backward-linkage oriented", "Weak linkages" }) do
    assert(s:find(">" .. q .. "<", 1, true), "quadrant name missing: " .. q)
  end
end)

T.test("quadrant: labels overlap neither each other nor the points", function()
  for _, n in ipairs({ 19, 60 }) do
    -- a sunflower (Vogel 1979): points crowd towards (1.1, 1.05) as indices do near 1
    local x, y, labels = {}, {}, {}
    for i = 1, n do
      local r, a = 0.5 * math.sqrt(i / n), i * 2.39996
      x[i], y[i] = 1.1 + r * math.cos(a), 1.05 + r * math.sin(a)
      labels[i] = divisions[(i - 1) % 19 + 1] .. (i > 19 and (" " .. i) or "")
    end
    local s = plot.quadrant{ x = x, y = y, labels = labels }
    local frame = elements(s, "rect", "frame")[1]
    local boxes = {}
    for _, e in ipairs(elements(s, "text", "label")) do
      local size = e["font-size"]
      -- a line's box: from the ascender (0.76 em) to the descender (0.24 em)
      boxes[#boxes + 1] = { e.x, e.y - 0.76 * size, e.x + svg.text_width(e.text, size), e.y + 0.24 * size, e.text }
    end
    for i = 1, #boxes do
      local a = boxes[i]
      assert(a[1] >= frame.x and a[3] <= frame.x + frame.width and a[2] >= frame.y
        and a[4] <= frame.y + frame.height, string.format("%d points: '%s' leaves the plot", n, a[5]))
      for j = i + 1, #boxes do
        local b = boxes[j]
        local ox = math.min(a[3], b[3]) - math.max(a[1], b[1])
        local oy = math.min(a[4], b[4]) - math.max(a[2], b[2])
        assert(ox <= 0.5 or oy <= 0.5, string.format("%d points: '%s' overlaps '%s'", n, a[5], b[5]))
      end
      for _, c in ipairs(elements(s, "circle")) do
        local inx = c.cx + c.r > a[1] and c.cx - c.r < a[3]
        local iny = c.cy + c.r > a[2] and c.cy - c.r < a[4]
        assert(not (inx and iny), string.format("%d points: '%s' covers a point", n, a[5]))
      end
    end
  end
end)

T.test("quadrant: reference lines at x = 1 and y = 1 of the axis mapping", function()
  -- points at (0, 0) and (2, 2): the axes map linearly, so x = 1 and y = 1 lie
  -- half-way between the two points' pixel positions
  local s = plot.quadrant{ x = { 0, 2 }, y = { 0, 2 }, labels = { "low", "high" } }
  local c = elements(s, "circle")
  local lines = elements(s, "line", "refline")
  T.equal(#lines, 2, "reference lines")
  local v, h = lines[1], lines[2]
  if v.x1 ~= v.x2 then v, h = h, v end
  T.close(v.x1, (c[1].cx + c[2].cx) / 2, 0.011, "vertical line at x = 1")
  T.close(h.y1, (c[1].cy + c[2].cy) / 2, 0.011, "horizontal line at y = 1")
  assert(c[2].cy < c[1].cy, "larger y is higher up")
  -- and against the tick labels: ticks 0 and 2 (the padded range -0.12..2.12
  -- / 7 = 0.32 -> step 0.25), so x = 1 is half-way between them too
  local ticks = {}
  for _, e in ipairs(elements(s, "text", "tick-x")) do ticks[e.text] = e.x end
  T.close(v.x1, (ticks["0"] + ticks["2"]) / 2, 0.011, "x = 1 between ticks 0 and 2")
  T.close(c[1].cx, ticks["0"], 0.011, "point at x = 0 on tick 0")
end)

T.test("quadrant: nice ticks for indices between 0.6 and 1.6", function()
  -- range 0.6..1.6 padded by 6% -> 0.54..1.66; about a tick per 100 px of the
  -- 800 - 100 px plot: 1.12 / 7 = 0.16 -> step 0.2
  local s = plot.quadrant{ x = bx, y = fy, labels = divisions }
  local got = {}
  for _, e in ipairs(elements(s, "text", "tick-x")) do got[#got + 1] = e.text end
  T.equal(table.concat(got, " "), "0.6 0.8 1 1.2 1.4 1.6", "x ticks")
end)

T.test("quadrant: labels with & < and Cyrillic round-trip", function()
  local labels = { "R&D <core>", "Металлургия", 'Say "yes"' }
  local s = plot.quadrant{ x = { 0.8, 1.2, 1.4 }, y = { 1.3, 0.7, 1.1 }, labels = labels, title = "A & B" }
  check_xml(s)
  local got = {}
  for _, e in ipairs(elements(s, "text", "label")) do got[e.text] = true end
  for _, l in ipairs(labels) do assert(got[l], "label not found: " .. l) end
  assert(s:find("R&amp;D &lt;core&gt;", 1, true), "escaped label")
end)

T.test("quadrant: n x 1 matrices, labels from their row names", function()
  local x = matrix.from{ { 0.8 }, { 1.2 }, { 1.4 } }
  x:setnames({ "Mining", "Manufacturing", "Construction" }, nil)
  local s = plot.quadrant{ x = x, y = matrix.from{ { 1.1 }, { 0.9 }, { 1.3 } } }
  T.equal(#elements(s, "circle"), 3, "circles")
  assert(s:find(">Manufacturing<", 1, true), "row name as label")
end)

T.test("quadrant: writes the file it returns", function()
  local path = os.tmpname()
  local s = plot.quadrant{ x = { 1, 2 }, y = { 1, 2 }, labels = { "a", "b" }, file = path }
  local f = assert(io.open(path))
  local written = f:read("a")
  f:close()
  os.remove(path)
  T.equal(written, s, "file contents")
end)

T.test("quadrant: bad input", function()
  local x18 = { table.unpack(bx, 1, 18) }
  T.errors("plot.quadrant: 19 labels for 18 points", plot.quadrant, { x = x18, y = x18, labels = divisions })
  T.errors("18 y values for 19 x values", plot.quadrant, { x = bx, y = x18, labels = divisions })
  local bad = { table.unpack(bx) }
  bad[2] = 0 / 0
  T.errors("x of 'Mining' is not a finite number", plot.quadrant, { x = bad, y = fy, labels = divisions })
  bad[2] = math.huge
  T.errors("y of 'Mining' is not a finite number", plot.quadrant, { x = fy, y = bad, labels = divisions })
  T.errors("plot.quadrant: no points", plot.quadrant, { x = {}, y = {}, labels = {} })
  T.errors("plot.quadrant: cannot write '/nonexistent/dir/q.svg'", plot.quadrant,
    { x = { 1 }, y = { 1 }, labels = { "a" }, file = "/nonexistent/dir/q.svg" })
  T.errors("label 1 is not valid UTF-8", plot.quadrant, { x = { 1 }, y = { 1 }, labels = { "Metal\xe9" } })
  T.errors("must be a vector", plot.quadrant, { x = matrix.new(2, 2), y = { 1, 2 }, labels = { "a", "b" } })
  T.errors("expects a table", plot.quadrant, "x")
  T.errors("xline must be a finite number", plot.quadrant, { x = { 1 }, y = { 1 }, labels = { "a" }, xline = 0 / 0 })
end)

-- plot.bars and plot.columns -------------------------------------------------------

T.test("bars: bar lengths proportional to the values, reference at 100", function()
  -- bars of 50 and 200 start at the zero line, so the second is four times as
  -- long and the reference 100 lies half-way along it
  local s = plot.bars{ labels = { "a", "b", "c" }, values = { 50, 200, false }, reference = 100,
    groups = { "g1", "g1", "g2" }, title = "Scoreboard" }
  check_xml(s)
  local bars = elements(s, "rect", "bar")
  T.equal(#bars, 2, "bars (no bar without data)")
  T.close(bars[2].width, 4 * bars[1].width, 0.011 * 4, "200 / 50")
  T.close(bars[1].x, bars[2].x, 1e-9, "common zero line")
  local ref = elements(s, "line", "refline")
  T.equal(#ref, 1, "reference lines")
  T.close(ref[1].x1, bars[2].x + bars[2].width / 2, 0.011, "reference at 100")
  assert(s:find(">no data<", 1, true), "missing value marked")
  assert(s:find(">g2<", 1, true), "legend entry for group g2")
end)

T.test("bars: ranges behind the bars, diamond markers, long labels with tooltips", function()
  local long = "S&E and SSH doctorate graduates per 1000 population aged 25-34 (second stage of tertiary education)"
  local s = plot.bars{ labels = { long, "b" }, values = { 29, 110 }, reference = 100,
    ranges = { { 20, 140 }, false }, markers = { false, 60 }, width = 600 }
  check_xml(s)
  local range, bars = elements(s, "rect", "range"), elements(s, "rect", "bar")
  T.equal(#range, 1, "ranges")
  T.equal(#elements(s, "path", "marker"), 1, "markers")
  assert(s:find('class="range"', 1, true) < s:find('class="bar"', 1, true), "range drawn before the bar")
  -- the range 20..140 is 120 / 110 times as long as the 0..110 bar
  T.close(range[1].width, bars[2].width * 120 / 110, 0.02, "range length")
  assert(range[1].height > bars[1].height, "range band wider than the bar")
  assert(s:find("<title>" .. svg.escape(long) .. "</title>", 1, true), "full label in a tooltip")
  for _, e in ipairs(elements(s, "text", "label")) do
    assert(svg.text_width(e.text, 12) <= 0.4 * 600 + 0.5, "label line too wide: " .. e.text)
  end
end)

T.test("bars: fixed colours per group, fixed decimals, a missing label, a log axis from 1", function()
  -- g2 given a colour keeps it; g1, the second group, takes the palette's second
  local s = plot.bars{ labels = { "a", "b", "c" }, values = { 0.5, 1000, false }, groups = { "g2", "g1", "g2" },
    colours = { g2 = "#123456" }, decimals = 2, missing_label = "n/a", log = true, reference = 1 }
  check_xml(s)
  local bars = elements(s, "rect", "bar")
  T.equal(bars[1].fill, "#123456"); T.equal(bars[2].fill, plot.palette[2])
  -- log10: 1000 is 3 decades right of 1, 0.5 is 0.301 decades left
  local ref = elements(s, "line", "refline")[1]
  T.close(bars[1].x + bars[1].width, ref.x1, 0.011, "0.5 ends at 1")
  T.close(bars[2].x, ref.x1, 0.011, "1000 starts at 1")
  T.close(bars[2].width / bars[1].width, 3 / math.log(2, 10), 0.01, "3 decades against log10(2)")
  local texts = {}
  for _, e in ipairs(elements(s, "text", "value")) do texts[#texts + 1] = e.text end
  T.equal(table.concat(texts, " "), "0.50 1000.00 n/a")
  -- ticks at whole powers of ten, written as the values they stand for
  assert(s:find(">0.1<", 1, true) and s:find(">1000<", 1, true), "log ticks")
  T.errors("a log scale needs positive numbers", plot.bars, { labels = { "a" }, values = { 0 }, log = true })
  T.errors("colours must be a table", plot.bars, { labels = { "a" }, values = { 1 }, colours = "red" })
end)

T.test("columns: heights proportional to the values, negative bars below zero", function()
  local s = plot.columns{ labels = { "Human resources", "Linkages and entrepreneurship", "c" },
    values = { 30, 90, -30 }, ylab = "EU = 100" }
  check_xml(s)
  local bars = elements(s, "rect", "bar")
  T.equal(#bars, 3, "columns")
  T.close(bars[2].height, 3 * bars[1].height, 0.04, "90 / 30")
  T.close(bars[3].height, bars[1].height, 0.02, "|-30| = 30")
  T.close(bars[3].y, bars[1].y + bars[1].height, 0.011, "the negative bar hangs from zero")
  -- horizontal = false turns plot.bars into columns
  local v = plot.bars{ labels = { "a", "b" }, values = { 1, 2 }, horizontal = false }
  local cols = elements(v, "rect", "bar")
  T.close(cols[2].height, 2 * cols[1].height, 0.03, "vertical bars")
end)

T.test("bars and columns: bad input", function()
  T.errors("plot.bars: 2 labels for 3 values", plot.bars, { labels = { "a", "b" }, values = { 1, 2, 3 } })
  T.errors("value of 'b' is not a finite number", plot.bars, { labels = { "a", "b" }, values = { 1, 0 / 0 } })
  T.errors("value of 'b' is string", plot.bars, { labels = { "a", "b" }, values = { 1, "2" } })
  T.errors("plot.bars: no bars", plot.bars, { labels = {}, values = {} })
  T.errors("range of 'a'", plot.bars, { labels = { "a" }, values = { 1 }, ranges = { { 1 } } })
  T.errors("marker of 'a' is not a finite number", plot.bars, { labels = { "a" }, values = { 1 }, markers = { 1 / 0 } })
  T.errors("groups must be a Lua array with one entry per bar (1)", plot.bars,
    { labels = { "a" }, values = { 1 }, groups = { "x", "y" } })
  T.errors("reference must be a finite number", plot.bars, { labels = { "a" }, values = { 1 }, reference = "100" })
  T.errors("plot.columns: 1 labels for 2 values", plot.columns, { labels = { "a" }, values = { 1, 2 } })
  T.errors("plot.bars: cannot write '/nonexistent/b.svg'", plot.bars,
    { labels = { "a" }, values = { 1 }, file = "/nonexistent/b.svg" })
end)

-- plot.line ------------------------------------------------------------------------

T.test("line: one circle per point, Kaiser line at 1", function()
  -- eigenvalues 2 and 0: the line at 1 lies half-way between the two points
  local s = plot.line{ x = { 1, 2, 3 }, y = { 2, 1.5, 0 }, hline = 1, hline_label = "Kaiser", title = "Scree" }
  check_xml(s)
  local c = elements(s, "circle")
  T.equal(#c, 3, "circles")
  local ref = elements(s, "line", "refline")
  T.close(ref[1].y1, (c[1].cy + c[3].cy) / 2, 0.011, "line at 1")
  local ticks = {}
  for _, e in ipairs(elements(s, "text", "tick-x")) do ticks[#ticks + 1] = e.text end
  T.equal(table.concat(ticks, " "), "1 2 3", "whole component numbers")
  T.equal(#elements(plot.line{ y = { 3, 2, 1 }, points = false }, "circle"), 0, "points = false")
end)

T.test("line: bad input", function()
  T.errors("plot.line: 2 x values for 3 y values", plot.line, { x = { 1, 2 }, y = { 1, 2, 3 } })
  T.errors("y of 'point 2' is not a finite number", plot.line, { y = { 1, 0 / 0 } })
  T.errors("plot.line: no points", plot.line, { y = {} })
end)

-- dendrogram -------------------------------------------------------------------

-- the 8 firms of tests/data/modes/survey8.csv coded (test_modes.lua): R's
-- hclust(dist(B, "binary"), "average") has order 1 5 3 7 2 6 4 8 (A E C G B F
-- D H), heights 0.2 0.2222 0.3333 0.5 0.5729 0.8413 0.8879, and cutree 4 gives
-- {A,E} {B,F} {C,G} {D,H}; the cut for k = 4 lies half-way between the 4th
-- and 5th heights: (0.5 + 0.5729167) / 2 = 0.5364583
local stats = require "stats"
local B8 = matrix.from{{1,1,0,0,0,0,0,0,0}, {0,0,1,1,1,1,1,0,0}, {0,0,0,0,0,0,0,1,1},
  {1,1,1,1,1,1,1,1,1}, {1,0,0,0,0,0,0,0,0}, {0,0,1,1,1,1,0,0,0}, {1,0,0,0,0,0,0,1,1},
  {1,1,1,1,1,0,0,1,1}}
B8:setnames({"A", "B", "C", "D", "E", "F", "G", "H"})
local tree8 = stats.hclust(stats.dist(B8, "binary"), "average")

T.test("dendrogram: leaves in the tree's order, clusters coloured, the cut where it belongs", function()
  local s = plot.dendrogram(tree8, {k = 4, title = "Eight firms", group_names = {"low learning"}})
  check_xml(s)
  local leaves = elements(s, "text", "leaf")
  local names, ys = {}, {}
  for i, e in ipairs(leaves) do names[e.text] = e; ys[i] = e.y end
  local order = {"A", "E", "C", "G", "B", "F", "D", "H"}
  for p = 2, 8 do
    assert(names[order[p]].y > names[order[p - 1]].y, order[p] .. " below " .. order[p - 1])
  end
  T.equal(names.A.fill, names.E.fill, "A and E share a colour")
  assert(names.A.fill ~= names.B.fill and names.B.fill ~= names.C.fill and names.C.fill ~= names.D.fill,
    "four colours")
  -- 7 merges: 4 inside the clusters (coloured), 3 across them (ink)
  local segments, coloured = 0, 0
  for _, p in ipairs(elements(s, "path", "branch")) do
    local k = select(2, p.d:gsub("M", ""))
    segments = segments + k
    if p.stroke ~= "#222222" then coloured = coloured + k end
  end
  T.equal(segments, 7, "one elbow per merge")
  T.equal(coloured, 4, "merges inside clusters")
  -- the cut's x against the tick positions of 0.5 and 0.6
  local tick = {}
  for _, e in ipairs(elements(s, "text", "tick-x")) do tick[e.text] = e.x end
  local cut = elements(s, "line", "refline")[1]
  T.close(cut.x1, tick["0.5"] + (0.5364583 - 0.5) / 0.1 * (tick["0.6"] - tick["0.5"]), 0.02 / cut.x1, "cut x")
  T.equal(elements(s, "text", "cut")[1].text, "cut for k = 4", "cut label")
  assert(s:find("1 low learning (2)", 1, true), "legend names the cluster")
end)

T.test("dendrogram: 300 leaves stay apart, heights above and below", function()
  local X = matrix.new(300, 2)
  for i = 1, 300 do X:set(i, 1, (i * 37) % 101); X:set(i, 2, (i * 61) % 97) end
  local s = plot.dendrogram(stats.hclust(stats.dist(X), "average"), {k = 5})
  check_xml(s)
  local leaves = elements(s, "text", "leaf")
  T.equal(#leaves, 300, "a label per leaf")
  local ys = {}
  for i, e in ipairs(leaves) do ys[i] = e.y end
  table.sort(ys)
  for i = 2, 300 do assert(ys[i] - ys[i - 1] >= leaves[1]["font-size"] + 1, "rows apart") end
  T.equal(leaves[1].text, "1", "default labels")
  assert(#elements(s, "text") > #elements(s, "text", "tick-x") * 2, "ticks above too")
end)

-- centroid linkage of (0,0) (1,0) (0.5,0.9) (5,5) (6,5): the second merge,
-- at 0.78, is lower than the first, at 1 (an inversion); at k = 4 no height
-- separates the kept merge (1) from the undone ones (0.78, ...): no cut line
T.test("dendrogram: a tree with inversions gets no cut line where no height cuts it", function()
  local t = stats.hclust(stats.dist(matrix.from{{0, 0}, {1, 0}, {0.5, 0.9}, {5, 5}, {6, 5}}), "centroid")
  assert(t.height:get(2, 1) < t.height:get(1, 1), "an inversion")
  T.equal(#elements(plot.dendrogram(t, {k = 4}), "line", "refline"), 0, "no cut at k = 4")
  T.equal(#elements(plot.dendrogram(t, {k = 2}), "line", "refline"), 1, "a cut at k = 2")
end)

T.test("dendrogram: bad input", function()
  T.errors("tree must be a stats.hclust result", plot.dendrogram, {})
  T.errors("plot.dendrogram: 2 labels for 8 leaves", plot.dendrogram, tree8, {labels = {"a", "b"}})
  T.errors("k must be a whole number of clusters from 1 to 8, got 9", plot.dendrogram, tree8, {k = 9})
  local bad = {merge = tree8.merge, height = tree8.height, order = {1, 1, 2, 3, 4, 5, 6, 7}}
  T.errors("tree.order must be a permutation of 1..8", plot.dendrogram, bad)
end)

T.test("heatmap: a shaded cell and its value per entry", function()
  local V = matrix.from{{1, 0.5, 0}, {0, 0.25, 1}}
  V:setnames({"DUI", "STI"}, {"DUI1", "DUI2", "STI1"})
  local s = plot.heatmap{values = V, title = "Profiles"}
  check_xml(s)
  local cells = elements(s, "rect", "cell")   -- row by row
  T.equal(#cells, 6, "cells")
  -- white (#ffffff) at 0, the palette's blue #0072B2 at 1, half-way at 0.5:
  -- 255 + (0x00 - 255) / 2 = 127.5 -> 0x80, 255 + (0x72 - 255) / 2 = 184.5 -> 0xb9,
  -- 255 + (0xB2 - 255) / 2 = 216.5 -> 0xd9
  T.equal(cells[1].fill, "#0072b2", "1")
  T.equal(cells[2].fill, "#80b9d9", "0.5")
  T.equal(cells[3].fill, "#ffffff", "0")
  local values = elements(s, "text", "value")
  T.equal(values[2].text, "0.5", "value written")
  V:set(1, 2, 0 / 0)
  T.errors("value of 'DUI', 'DUI2' is not a finite number", plot.heatmap, {values = V})
  T.errors("values must be a matrix", plot.heatmap, {values = {}})
end)

T.test("every module has a _help entry per function", function()
  for name, mod in pairs({ plot = plot, svg = svg }) do
    for k, v in pairs(mod) do
      if type(v) == "function" then assert(mod._help[k], name .. "." .. k .. " has no _help") end
    end
  end
end)

T.done()
