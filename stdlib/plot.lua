-- plot.lua -- charts as SVG for clusterlab's results: the key-sector map of
-- Rasmussen (1956) backward vs forward linkage indices, scoreboard bars relative to
-- the EU average (Hollanders & van Cruysen 2008), column charts, scree plots,
-- dendrograms of hierarchical clusterings (as R's plot.hclust, on their side)
-- and heat maps of cluster profiles.
local svg = require "svg"
local matrix = require "matrix"
local check = require "check"

local M = {}

M._help = {
  _about = "charts as SVG: key-sector maps, bar and column charts, scree plots, dendrograms, heat maps",
  quadrant = "plot.quadrant{x=, y=, labels=, xline=1, yline=1, xlab=, ylab=, title=, quadrants=, file=, width=800}"
    .. " -> svg: labelled scatter of backward (x) vs forward (y) indices with reference lines and quadrant names",
  bars = "plot.bars{labels=, values=, reference=, ranges=, markers=, groups=, colours=, title=, xlab=, file=, horizontal=true,"
    .. " decimals=, missing_label='no data', log=false} -> svg: horizontal bars (false = no data) with a reference line, grey"
    .. " range bands, diamond markers; colours = {group = '#rrggbb'} fixes a group's colour; log = true: a log10 axis, bars"
    .. " from 1",
  palette = "plot.palette -- the colours groups take in turn (Okabe & Ito 2008), for colours = {...} shared by charts",
  columns = "plot.columns{labels=, values=, title=, ylab=, groups=, reference=, file=, width=800, height=360}"
    .. " -> svg: vertical bars, one per label",
  line = "plot.line{x=, y=, title=, xlab=, ylab=, hline=, hline_label=, points=true, file=, width=800}"
    .. " -> svg: line chart, e.g. a scree plot with the Kaiser line at 1",
  dendrogram = "plot.dendrogram(tree [, {labels=, k=, group_names=, file=, title=, xlab=, width=800}])"
    .. " -> svg: any stats.hclust tree lying on its side, leaf labels on the left in the tree's order,"
    .. " heights on an axis (above too for long trees), the cut for k dashed and its clusters coloured",
  heatmap = "plot.heatmap{values= (matrix), rows=, cols=, col_titles=, range={0, 1}, digits=2, note=,"
    .. " title=, file=} -> svg: one shaded cell per value with the value written in it (numbers, e.g."
    .. " cluster profiles; heatmap.categories colours categories)",
}

-- Okabe & Ito (2008) colour-blind-safe palette, darkest and clearest first
local palette = { "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000" }
M.palette = table.move(palette, 1, #palette, 1, {})
local INK, MUTED, GRID, REF = "#222222", "#595959", "#e5e5e5", "#333333"
local FONT, TITLE_FONT, LINE = 12, 15, 15
local halo = { stroke = "white", ["stroke-width"] = 3, ["stroke-linejoin"] = "round", ["paint-order"] = "stroke" }

local fail = check.fail

local function with(base, extra)
  local t = {}
  for k, v in pairs(base) do t[k] = v end
  for k, v in pairs(extra or {}) do t[k] = v end
  return t
end

-- Checking the input ---------------------------------------------------------

local function checkopts(fname, opts)
  if type(opts) ~= "table" then fail(fname, "expects a table of options, got %s", type(opts)) end
  return opts
end

-- a Lua array or an n x 1 / 1 x n matrix as a Lua array
local function vector(fname, v, what)
  if matrix.ismatrix(v) then
    if v:rows() ~= 1 and v:cols() ~= 1 then
      fail(fname, "%s must be a vector, got a %d x %d matrix", what, v:rows(), v:cols())
    end
    return v:list()
  end
  if type(v) ~= "table" then fail(fname, "%s must be a Lua array or an n x 1 matrix, got %s", what, type(v)) end
  return v
end

local function labels_of(fname, labels, n, what)
  if type(labels) ~= "table" then fail(fname, "labels must be a Lua array of strings, got %s", type(labels)) end
  if #labels ~= n then fail(fname, "%d labels for %d %s", #labels, n, what) end
  local out = {}
  for i = 1, n do
    local l = labels[i]
    if type(l) ~= "string" and type(l) ~= "number" then
      fail(fname, "label %d is %s, not a string", i, type(l))
    end
    l = tostring(l)
    if not utf8.len(l) then fail(fname, "label %d is not valid UTF-8: %q", i, l) end
    out[i] = l
  end
  return out
end

local function isfinite(v)
  return type(v) == "number" and v == v and v ~= math.huge and v ~= -math.huge
end

-- every value a finite number (or false/nil = no data, when missing_ok)
local function check_values(fname, vals, labels, what, missing_ok)
  for i = 1, #labels do
    local v = vals[i]
    if not (missing_ok and (v == nil or v == false)) and not isfinite(v) then
      if type(v) == "number" then
        fail(fname, "%s of '%s' is not a finite number (%s)", what, labels[i], tostring(v))
      end
      fail(fname, "%s of '%s' is %s, not a number", what, labels[i], type(v))
    end
  end
end

-- an optional option that must be a finite number
local function check_number(fname, opts, key)
  if opts[key] ~= nil and not isfinite(opts[key]) then
    fail(fname, "%s must be a finite number, got %s", key, tostring(opts[key]))
  end
end

local function finish(fname, doc, file)
  local s = doc:tostring()
  -- whole or not at all
  if file ~= nil then require("report").write_file(file, s, fname) end
  return s
end

-- Axes ----------------------------------------------------------------------

-- Heckbert's "nice numbers": the step of 1, 2, 2.5 or 5 times a power of ten
-- nearest to span / target
local function nice_step(span, target)
  local raw = span / target
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local f = raw / mag
  local nice = (f < 1.5 and 1) or (f < 2.25 and 2) or (f < 3.5 and 2.5) or (f < 7.5 and 5) or 10
  return nice * mag
end

-- an axis covering [lo, hi], from tick to tick unless tight (then the ticks
-- are those inside): {lo, hi, step, ticks, decimals}
local function axis(lo, hi, target, integer, tight)
  if hi - lo < 1e-12 * math.max(1, math.abs(hi)) then
    local pad = math.max(0.5, math.abs(hi) * 0.1)
    lo, hi = lo - pad, hi + pad
  end
  local step = nice_step(hi - lo, target or 6)
  if integer and step < 1 then step = 1 end
  local a = math.floor(lo / step + 1e-9) * step
  local b = math.ceil(hi / step - 1e-9) * step
  local ticks = {}
  for k = 0, math.floor((b - a) / step + 0.5) do
    local t = a + k * step
    if not tight or (t >= lo - 1e-9 * step and t <= hi + 1e-9 * step) then ticks[#ticks + 1] = t end
  end
  if tight then a, b = lo, hi end
  local decimals = 0
  while decimals < 6 and math.abs(step * 10 ^ decimals - math.floor(step * 10 ^ decimals + 0.5)) > 1e-6 do
    decimals = decimals + 1
  end
  return { lo = a, hi = b, step = step, ticks = ticks, decimals = decimals }
end

-- pixel position of value v on an axis drawn from p0 (at lo) to p1 (at hi)
local function scale(ax, p0, p1)
  return function(v) return p0 + (v - ax.lo) / (ax.hi - ax.lo) * (p1 - p0) end
end

local function range_of(lists, extra)
  local lo, hi = math.huge, -math.huge
  for _, vals in ipairs(lists) do
    for _, v in pairs(vals) do
      if isfinite(v) then lo, hi = math.min(lo, v), math.max(hi, v) end
    end
  end
  for _, v in ipairs(extra or {}) do lo, hi = math.min(lo, v), math.max(hi, v) end
  return lo, hi
end

-- a tick value with a typographic minus sign
local function tick_text(t, decimals)
  return (svg.num(t, decimals):gsub("^%-", "\u{2212}"))
end

local function tick_label(ax, t)
  return ax.format and ax.format(t) or tick_text(t, ax.decimals)
end

local function tick_width(ax)
  local w = 0
  for _, t in ipairs(ax.ticks) do w = math.max(w, svg.text_width(tick_label(ax, t), FONT)) end
  return w
end

-- the title (wrapped, bold) from y = 0; returns the height it takes
local function draw_title(doc, title, width)
  if not title then return 10 end
  local lines = svg.wrap(title, (width - 32) / 1.1, TITLE_FONT, 3)   -- bold is ~10% wider
  for i, l in ipairs(lines) do
    doc:text(width / 2, 8 + i * (TITLE_FONT + 4), l,
      { ["text-anchor"] = "middle", ["font-size"] = TITLE_FONT, ["font-weight"] = "bold", fill = INK })
  end
  return 18 + #lines * (TITLE_FONT + 4)
end

-- grid lines and tick labels of a horizontal (x) axis under the box
local function draw_xaxis(doc, ax, sx, box, xlab)
  for _, t in ipairs(ax.ticks) do
    local px = sx(t)
    doc:element("line", { x1 = px, x2 = px, y1 = box.top, y2 = box.bottom, stroke = GRID })
    doc:element("line", { x1 = px, x2 = px, y1 = box.bottom, y2 = box.bottom + 5, stroke = MUTED })
    doc:text(px, box.bottom + 8 + FONT, tick_label(ax, t),
      { ["text-anchor"] = "middle", fill = MUTED, class = "tick-x" })
  end
  doc:element("line", { x1 = box.left, x2 = box.right, y1 = box.bottom, y2 = box.bottom, stroke = MUTED })
  if xlab then
    doc:text((box.left + box.right) / 2, box.bottom + 30 + FONT, xlab,
      { ["text-anchor"] = "middle", fill = INK })
  end
end

-- grid lines and tick labels of a vertical (y) axis left of the box
local function draw_yaxis(doc, ax, sy, box, ylab)
  for _, t in ipairs(ax.ticks) do
    local py = sy(t)
    doc:element("line", { x1 = box.left, x2 = box.right, y1 = py, y2 = py, stroke = GRID })
    doc:element("line", { x1 = box.left - 5, x2 = box.left, y1 = py, y2 = py, stroke = MUTED })
    doc:text(box.left - 8, py + FONT * 0.35, tick_label(ax, t),
      { ["text-anchor"] = "end", fill = MUTED, class = "tick-y" })
  end
  doc:element("line", { x1 = box.left, x2 = box.left, y1 = box.top, y2 = box.bottom, stroke = MUTED })
  if ylab then
    local cy = (box.top + box.bottom) / 2
    doc:text(18, cy, ylab, { ["text-anchor"] = "middle", fill = INK,
      transform = string.format("rotate(-90 18 %s)", svg.num(cy)) })
  end
end

local function ref_line(doc, x1, y1, x2, y2)
  doc:element("line", { x1 = x1, y1 = y1, x2 = x2, y2 = y2, stroke = REF,
    ["stroke-width"] = 1.2, ["stroke-dasharray"] = "6 4", class = "refline" })
end

-- a block of text lines with its top-left corner at (x, y) and a white halo
local function text_block(doc, x, y, lines, size, attrs, tooltip)
  for i, l in ipairs(lines) do
    doc:text(x, y + (i - 1) * (size + 2) + size * 0.8, l,
      with(halo, with({ ["font-size"] = size, fill = INK }, attrs)), tooltip)
  end
end

-- Greedy label placement ----------------------------------------------------

local function overlap(a, b)
  local w = math.min(a[3], b[3]) - math.max(a[1], b[1])
  local h = math.min(a[4], b[4]) - math.max(a[2], b[2])
  return (w > 0 and h > 0) and w * h or 0
end

local function inside(b, bounds)
  return b[1] >= bounds[1] and b[2] >= bounds[2] and b[3] <= bounds[3] and b[4] <= bounds[4]
end

-- candidate boxes for a w x h label of the point (px, py), nearest first:
-- right, left, above, below, then the same moved away step by step
local function candidates(px, py, w, h, gap, steps)
  local out = {}
  local function add(x0, y0, moved) out[#out + 1] = { x0, y0, x0 + w, y0 + h, moved = moved } end
  add(px + gap, py - h / 2, false)
  add(px - gap - w, py - h / 2, false)
  add(px - w / 2, py - gap - h, false)
  add(px - w / 2, py + gap, false)
  for k = 1, steps do
    local d = 5 * k
    for _, s in ipairs({ -1, 1 }) do
      add(px + gap, py - h / 2 + s * d, d > h / 2)
      add(px - gap - w, py - h / 2 + s * d, d > h / 2)
      add(px - w / 2 + s * d, py - gap - h - d, true)
      add(px - w / 2 + s * d, py + gap + d, true)
    end
  end
  return out
end

-- the point of box b nearest to (px, py)
local function nearest(b, px, py)
  return math.max(b[1], math.min(px, b[3])), math.max(b[2], math.min(py, b[4]))
end

local function distance(b, px, py)
  local qx, qy = nearest(b, px, py)
  return math.sqrt((qx - px) ^ 2 + (qy - py) ^ 2)
end

-- does the segment (x1, y1)-(x2, y2) cross box b? (Liang & Barsky clipping)
local function crosses(b, x1, y1, x2, y2)
  local t0, t1, dx, dy = 0, 1, x2 - x1, y2 - y1
  for _, e in ipairs({ { -dx, x1 - b[1] }, { dx, b[3] - x1 }, { -dy, y1 - b[2] }, { dy, b[4] - y1 } }) do
    local p, q = e[1], e[2]
    if p == 0 then
      if q < 0 then return false end
    else
      local t = q / p
      if p < 0 then t0 = math.max(t0, t) else t1 = math.min(t1, t) end
      if t0 > t1 then return false end
    end
  end
  return true
end

-- A uniform grid over the chart: each item is filed under the cells its
-- bounding box covers, and a query returns the items filed near a box, so
-- that each candidate label is checked against its neighbours only (the
-- all-pairs version took 18 s for 400 points).
local CELL = 40
local Grid = {}
Grid.__index = Grid
local function new_grid() return setmetatable({ cells = {}, items = {} }, Grid) end
local function cell_range(x0, y0, x1, y1)
  return math.floor(x0 / CELL), math.floor(y0 / CELL), math.floor(x1 / CELL), math.floor(y1 / CELL)
end
function Grid:add(item, x0, y0, x1, y1)
  local n = #self.items + 1
  self.items[n] = item
  local a, b, c, d = cell_range(x0, y0, x1, y1)
  for i = a, c do for j = b, d do
    local key = i * 65536 + j
    local list = self.cells[key]
    if not list then list = {}; self.cells[key] = list end
    list[#list + 1] = n
  end end
end
-- the items filed under the cells of the box, each once, in the order added
function Grid:near(x0, y0, x1, y1)
  local a, b, c, d = cell_range(x0, y0, x1, y1)
  local seen, found = {}, {}
  for i = a, c do for j = b, d do
    for _, n in ipairs(self.cells[i * 65536 + j] or {}) do
      if not seen[n] then seen[n] = true; found[#found + 1] = n end
    end
  end end
  table.sort(found)
  for k, n in ipairs(found) do found[k] = self.items[n] end
  return found
end

-- places one box per point. Hard conflicts: covering a point, a fixed text or
-- another label, leaving the plot. Soft ones: a label nearer to another point
-- than to its own, a leader line crossing a label or a point, a label crossing
-- a leader.
-- Each label takes the first candidate free of both (else the least bad), the
-- most crowded points choosing first. Neighbours come from grids, so the work
-- grows with the number of points times their crowding, not its square; and
-- beyond FULL_SEARCH points (a chart too dense for every label anyway) each
-- label only tries its four places next to the point, hard conflicts alone.
local FULL_SEARCH = 150
local function place_labels(points, sizes, obstacles, bounds, gap)
  local full = #points <= FULL_SEARCH
  local order, at = {}, new_grid()
  for j, q in ipairs(points) do at:add({ j = j, q = q }, q[1], q[2], q[1], q[2]) end
  for i = 1, #points do
    local crowd, px, py = 0, points[i][1], points[i][2]
    for _, e in ipairs(at:near(px - 80, py - 80, px + 80, py + 80)) do
      local dx, dy = px - e.q[1], py - e.q[2]
      if e.j ~= i and dx * dx + dy * dy < 80 * 80 then crowd = crowd + 1 end
    end
    order[#order + 1] = { i = i, crowd = crowd }
  end
  table.sort(order, function(a, b)
    if a.crowd ~= b.crowd then return a.crowd > b.crowd end
    return a.i < b.i
  end)
  local placed, leaders, boxes = new_grid(), new_grid(), {}
  for _, o in ipairs(order) do
    local p, s = points[o.i], sizes[o.i]
    local best, best_cost
    for rank, c in ipairs(candidates(p[1], p[2], s[1], s[2], gap, full and 40 or 0)) do
      local hard, soft = 0, 0
      for _, b in ipairs(obstacles) do hard = hard + overlap(c, b) end
      for _, b in ipairs(placed:near(c[1], c[2], c[3], c[4])) do hard = hard + overlap(c, b) end
      if not inside(c, bounds) then hard = hard + 1e6 end
      if hard == 0 and full then
        local own = distance(c, p[1], p[2])
        local r = own + 3
        for _, e in ipairs(at:near(c[1] - r, c[2] - r, c[3] + r, c[4] + r)) do
          if e.j ~= o.i and distance(c, e.q[1], e.q[2]) < own + 3 then soft = soft + 1 end
        end
        c.ambiguous = soft > 0
        local qx, qy = nearest(c, p[1], p[2])
        if c.moved then
          local x0, y0, x1, y1 = math.min(p[1], qx), math.min(p[2], qy), math.max(p[1], qx), math.max(p[2], qy)
          for _, b in ipairs(placed:near(x0, y0, x1, y1)) do
            if crosses(b, p[1], p[2], qx, qy) then soft = soft + 1 end
          end
          local rr = gap - 2
          for _, e in ipairs(at:near(x0 - rr, y0 - rr, x1 + rr, y1 + rr)) do
            local q = e.q
            if e.j ~= o.i and crosses({ q[1] - rr, q[2] - rr, q[1] + rr, q[2] + rr }, p[1], p[2], qx, qy) then
              soft = soft + 1
            end
          end
        end
        for _, l in ipairs(leaders:near(c[1], c[2], c[3], c[4])) do
          if crosses(c, l[1], l[2], l[3], l[4]) then soft = soft + 1 end
        end
      end
      if hard == 0 and soft == 0 then best = c; break end
      local cost = hard * 1000 + soft * 100 + rank
      if not best_cost or cost < best_cost then best, best_cost = c, cost end
    end
    best.moved = best.moved or best.ambiguous
    boxes[o.i] = best
    placed:add(best, best[1], best[2], best[3], best[4])
    if best.moved then
      local qx, qy = nearest(best, p[1], p[2])
      leaders:add({ p[1], p[2], qx, qy }, math.min(p[1], qx), math.min(p[2], qy), math.max(p[1], qx), math.max(p[2], qy))
    end
  end
  return boxes
end

-- 1. Key-sector map ------------------------------------------------------------

local default_quadrants = {
  top_right = "Key sectors", top_left = "Forward-linkage oriented",
  bottom_right = "Backward-linkage oriented", bottom_left = "Weak linkages",
}
local quadrant_colour = { top_right = "#D55E00", top_left = "#0072B2", bottom_right = "#009E73", bottom_left = "#7a7a7a" }

function M.quadrant(opts)
  local fname = "plot.quadrant"
  checkopts(fname, opts)
  local xs = vector(fname, opts.x, "x")
  local ys = vector(fname, opts.y, "y")
  if #xs == 0 then fail(fname, "no points to plot") end
  if #ys ~= #xs then fail(fname, "%d y values for %d x values", #ys, #xs) end
  local rawlabels = opts.labels
  if rawlabels == nil and matrix.ismatrix(opts.x) then rawlabels = opts.x:rownames() end
  if rawlabels == nil then fail(fname, "labels are missing (every point gets one)") end
  local labels = labels_of(fname, rawlabels, #xs, "points")
  check_values(fname, xs, labels, "x", false)
  check_values(fname, ys, labels, "y", false)
  check_number(fname, opts, "xline")
  check_number(fname, opts, "yline")
  local xline, yline = opts.xline or 1, opts.yline or 1
  local names = with(default_quadrants, opts.quadrants)
  local n, W = #xs, opts.width or 800

  -- axes padded by 6% so that no point sits on the frame
  local xlo, xhi = range_of({ xs }, { xline })
  local ylo, yhi = range_of({ ys }, { yline })
  local xpad, ypad = 0.06 * math.max(xhi - xlo, 0.1), 0.06 * math.max(yhi - ylo, 0.1)
  -- the plot grows with the number of labels; a tick every 100 px or so
  local height = opts.height or math.max(440, math.min(1000, 22 * n))
  local ax = axis(xlo - xpad, xhi + xpad, math.max(4, (W - 100) / 100), false, true)
  local ay = axis(ylo - ypad, yhi + ypad, math.max(4, height / 90), false, true)

  local doc = svg.new(W, 0, opts.title)
  local top = draw_title(doc, opts.title, W) + 6
  local left = (opts.ylab and 32 or 8) + tick_width(ay) + 10
  local box = { left = left, right = W - 20, top = top }
  box.bottom = top + height
  doc.height = box.bottom + 12 + FONT + (opts.xlab and 30 or 8)
  local sx, sy = scale(ax, box.left, box.right), scale(ay, box.bottom, box.top)

  draw_xaxis(doc, ax, sx, box, opts.xlab)
  draw_yaxis(doc, ay, sy, box, opts.ylab)
  doc:element("rect", { x = box.left, y = box.top, width = box.right - box.left,
    height = box.bottom - box.top, fill = "none", stroke = MUTED, class = "frame" })
  ref_line(doc, sx(xline), box.top, sx(xline), box.bottom)
  ref_line(doc, box.left, sy(yline), box.right, sy(yline))

  -- quadrant names in the corners; they are obstacles for the point labels
  local obstacles, qsize, pad = {}, 13, 8
  local corners = {
    top_left = { box.left + pad, box.top + pad, "start" },
    top_right = { box.right - pad, box.top + pad, "end" },
    bottom_left = { box.left + pad, box.bottom - pad - qsize, "start" },
    bottom_right = { box.right - pad, box.bottom - pad - qsize, "end" },
  }
  for _, key in ipairs({ "top_left", "top_right", "bottom_left", "bottom_right" }) do
    local c, name = corners[key], names[key]
    if name then
      local w = svg.text_width(name, qsize)
      doc:text(c[1], c[2] + qsize * 0.8, name, { ["text-anchor"] = c[3], ["font-size"] = qsize,
        ["font-style"] = "italic", fill = "#9a9a9a", class = "quadrant" })
      local x0 = c[3] == "end" and c[1] - w or c[1]
      obstacles[#obstacles + 1] = { x0 - 2, c[2] - 2, x0 + w + 2, c[2] + qsize + 4 }
    end
  end

  -- points, then their labels
  local r, size = 4.5, n > 40 and 11 or FONT
  local points, sizes, lines = {}, {}, {}
  for i = 1, n do
    local px, py = sx(xs[i]), sy(ys[i])
    points[i] = { px, py }
    obstacles[#obstacles + 1] = { px - r - 1, py - r - 1, px + r + 1, py + r + 1 }
    lines[i] = svg.wrap(labels[i], opts.label_width or 170, size, 3)
    local w = 0
    for _, l in ipairs(lines[i]) do w = math.max(w, svg.text_width(l, size)) end
    sizes[i] = { w + 2, #lines[i] * (size + 2) + 1 }
  end
  local bounds = { box.left + 2, box.top + 2, box.right - 2, box.bottom - 2 }
  local boxes = place_labels(points, sizes, obstacles, bounds, r + 3)

  for i = 1, n do
    local b, p = boxes[i], points[i]
    if b.moved then
      local qx, qy = nearest(b, p[1], p[2])
      doc:element("line", { x1 = p[1], y1 = p[2], x2 = qx, y2 = qy, stroke = "#8c8c8c",
        ["stroke-width"] = 0.8, class = "leader" })
    end
  end
  for i = 1, n do
    local key = (ys[i] >= yline and "top_" or "bottom_") .. (xs[i] >= xline and "right" or "left")
    doc:element("circle", { cx = points[i][1], cy = points[i][2], r = r, fill = quadrant_colour[key],
      stroke = "white", ["stroke-width"] = 1, class = "point" },
      "<title>" .. svg.escape(string.format("%s (%s, %s)", labels[i], svg.num(xs[i], 3), svg.num(ys[i], 3))) .. "</title>")
  end
  for i = 1, n do
    local b = boxes[i]
    local tip = (#lines[i] > 1 or lines[i][1] ~= labels[i]) and labels[i] or nil
    text_block(doc, b[1] + 1, b[2], lines[i], size, { class = "label" }, tip)
  end
  return finish(fname, doc, opts.file)
end

-- 2 and 3. Bars and columns ----------------------------------------------------

-- a bar's value: `decimals` decimals when given, else whole numbers from 10
-- and two significant digits below
local function value_text(v, decimals)
  if decimals then
    local t = string.format("%." .. decimals .. "f", v):gsub(",", ".")
    return (t:match("^%-[0.]+$") and t:sub(2) or t)
  end
  local a = math.abs(v)
  if a >= 10 or a == 0 then return svg.num(v, 0) end
  return svg.num(v, math.max(1, 1 - math.floor(math.log(a, 10))))
end

-- a log10 value axis: values, ranges, markers and the reference become their
-- logarithms (so bars start at 1), checked positive first
local function log_scale(fname, d, opts)
  local function lg(v, what)
    if v <= 0 then fail(fname, "%s is %s: a log scale needs positive numbers", what, tostring(v)) end
    return math.log(v, 10)
  end
  for i = 1, d.n do
    local l = d.labels[i]
    if d.values[i] then d.values[i] = lg(d.values[i], "value of '" .. l .. "'") end
    if d.markers[i] then d.markers[i] = lg(d.markers[i], "marker of '" .. l .. "'") end
    local rg = d.ranges[i]
    if rg then d.ranges[i] = { lg(rg[1], "range of '" .. l .. "'"), lg(rg[2], "range of '" .. l .. "'") } end
  end
  d.log = true
  d.reference = opts.reference and lg(opts.reference, "reference")
end

-- the data of a bar chart, checked: labels, values (false = no data), ranges,
-- markers, groups with their colours
local function bar_data(fname, opts)
  checkopts(fname, opts)
  local values = vector(fname, opts.values, "values")
  local n = #values
  if n == 0 then fail(fname, "no bars to plot") end
  local labels = labels_of(fname, opts.labels, n, "values")
  check_values(fname, values, labels, "value", true)
  check_number(fname, opts, "reference")
  local d = { n = n, labels = labels, values = table.move(values, 1, n, 1, {}), groups = {}, colours = {},
    reference = opts.reference }
  for _, field in ipairs({ "ranges", "markers", "groups" }) do
    local t = opts[field]
    if t ~= nil and (type(t) ~= "table" or #t ~= n) then
      fail(fname, "%s must be a Lua array with one entry per bar (%d), got %s",
        field, n, type(t) == "table" and tostring(#t) or type(t))
    end
  end
  d.ranges = table.move(opts.ranges or {}, 1, n, 1, {})
  d.markers = table.move(opts.markers or {}, 1, n, 1, {})
  for i = 1, n do
    local rg = d.ranges[i]
    if rg then
      if type(rg) ~= "table" or not isfinite(rg[1]) or not isfinite(rg[2]) then
        fail(fname, "range of '%s' must be {lo, hi} with finite numbers or false", labels[i])
      end
    end
    local mk = d.markers[i]
    if mk and not isfinite(mk) then fail(fname, "marker of '%s' is not a finite number (%s)", labels[i], tostring(mk)) end
  end
  -- a group's colour: the one opts.colours gives it, else the palette's next
  d.colour_of = {}
  if opts.colours ~= nil and type(opts.colours) ~= "table" then
    fail(fname, "colours must be a table {group = '#rrggbb'}, got %s", type(opts.colours))
  end
  if opts.groups then
    for i = 1, n do
      local g = tostring(opts.groups[i])
      if not d.colour_of[g] then
        d.groups[#d.groups + 1] = g
        d.colour_of[g] = opts.colours and opts.colours[g] or palette[(#d.groups - 1) % #palette + 1]
      end
      d.colours[i] = d.colour_of[g]
    end
  else
    for i = 1, n do d.colours[i] = palette[1] end
  end
  if opts.decimals ~= nil and math.type(opts.decimals) ~= "integer" then
    fail(fname, "decimals must be a whole number, got %s", tostring(opts.decimals))
  end
  -- the value printed beside each bar, before any change of scale
  d.text = {}
  for i = 1, n do d.text[i] = values[i] and value_text(values[i], opts.decimals) or (opts.missing_label or "no data") end
  if opts.log then log_scale(fname, d, opts) end
  return d
end

-- the legend as rows of swatch + name within width, from y; returns its height
local function draw_legend(doc, entries, width, y)
  if #entries == 0 then return 0 end
  local rows, row, x = {}, {}, 0
  for _, e in ipairs(entries) do
    local w = 18 + svg.text_width(e.name, FONT) + 18
    if x + w > width - 32 and #row > 0 then rows[#rows + 1], row, x = row, {}, 0 end
    row[#row + 1] = { e = e, x = x }
    x = x + w
  end
  rows[#rows + 1] = row
  for r, items in ipairs(rows) do
    local last = items[#items]
    local total = last.x + 18 + svg.text_width(last.e.name, FONT)
    local x0, cy = (width - total) / 2, y + (r - 1) * 20 + 8
    for _, it in ipairs(items) do
      local x, e = x0 + it.x, it.e
      if e.kind == "marker" then
        doc:element("path", { d = string.format("M%s %sl6 -6l6 6l-6 6z", svg.num(x), svg.num(cy)),
          fill = INK, stroke = "white" })
      elseif e.kind == "range" then
        doc:element("rect", { x = x - 2, y = cy - 7, width = 16, height = 14, fill = "#d0d0d0" })
      elseif e.kind == "reference" then
        ref_line(doc, x + 6, cy - 7, x + 6, cy + 7)
      else
        doc:element("rect", { x = x, y = cy - 6, width = 12, height = 12, fill = e.colour })
      end
      doc:text(x + 18, cy + FONT * 0.35, e.name, { fill = INK })
    end
  end
  return #rows * 20 + 6
end

local function legend_entries(d, opts)
  local entries = {}
  for i, g in ipairs(d.groups) do entries[i] = { name = g, colour = d.colour_of[g] } end
  if next(d.ranges) then entries[#entries + 1] = { name = opts.range_label or "range", kind = "range" } end
  if next(d.markers) then entries[#entries + 1] = { name = opts.marker_label or "marker", kind = "marker" } end
  return entries
end

-- ranges, bars, markers and value labels. band(i) gives the extent of bar i
-- across the value axis; sv maps a value to pixels along it.
local function draw_bars(doc, d, band, sv, horizontal)
  local function rect(c0, c1, v0, v1, attrs)
    local p0, p1 = math.min(sv(v0), sv(v1)), math.max(sv(v0), sv(v1))
    local a = horizontal and { x = p0, y = c0, width = p1 - p0, height = c1 - c0 }
      or { x = c0, y = p0, width = c1 - c0, height = p1 - p0 }
    doc:element("rect", with(a, attrs))
  end
  for i = 1, d.n do
    local c0, c1 = band(i)
    local mid, half = (c0 + c1) / 2, (c1 - c0) / 2
    local rg, v, mk = d.ranges[i], d.values[i], d.markers[i]
    local bw = (next(d.ranges) and 0.5 or 0.65) * half   -- thinner inside range bands
    if rg then
      rect(mid - bw - 4, mid + bw + 4, rg[1], rg[2], { fill = "#d0d0d0", class = "range" })
    end
    if v then
      rect(mid - bw, mid + bw, 0, v, { fill = d.colours[i], class = "bar" })
    end
    if mk then
      local p, s = sv(mk), math.min(6, half)
      local cx, cy = horizontal and p or mid, horizontal and mid or p
      doc:element("path", { d = string.format("M%s %sl%s %sl%s %sl%s %sz", svg.num(cx - s), svg.num(cy),
        svg.num(s), svg.num(-s), svg.num(s), svg.num(s), svg.num(-s), svg.num(s)),
        fill = INK, stroke = "white", class = "marker" })
    end
    -- the value just beyond the bar's end, or beyond the marker if it is in the way
    local label = d.text[i]
    local pd = (sv(1) > sv(0) and 1 or -1) * ((v or 0) < 0 and -1 or 1)
    local len = horizontal and svg.text_width(label, FONT) or FONT
    local at = sv(v or 0) + pd * 4
    if mk then
      local pm, s = sv(mk), math.min(6, half)
      if (pm - at) * pd > -s and (pm - at) * pd < len + s then at = pm + pd * (s + 3) end
    end
    local attrs = with(halo, { fill = v and INK or MUTED, ["font-style"] = v and "normal" or "italic", class = "value" })
    if horizontal then
      attrs["text-anchor"] = pd > 0 and "start" or "end"
      doc:text(at, mid + FONT * 0.35, label, attrs)
    else
      attrs["text-anchor"] = "middle"
      doc:text(mid, pd < 0 and at or at + FONT * 0.8, label, attrs)
    end
  end
end

local function value_axis(d, opts, target)
  local lo, hi = range_of({ d.values, d.markers }, { 0, d.reference })
  for _, rg in pairs(d.ranges) do
    if rg then lo, hi = math.min(lo, rg[1], rg[2]), math.max(hi, rg[1], rg[2]) end
  end
  if not d.log then return axis(lo, hi, target) end
  -- whole powers of ten, labelled with the value they stand for
  local ax = axis(math.floor(lo), math.ceil(hi), target, true)
  ax.format = function(t) return svg.num(10 ^ t, math.max(0, -math.tointeger(t))) end
  return ax
end

function M.bars(opts)
  if type(opts) == "table" and opts.horizontal == false then return M.columns(opts) end
  local fname = "plot.bars"
  local d = bar_data(fname, opts)
  local W = opts.width or 800
  local doc = svg.new(W, 0, opts.title)
  local top = draw_title(doc, opts.title, W)
  local entries = legend_entries(d, opts)
  top = top + draw_legend(doc, entries, W, top)

  -- label column: as wide as the longest label, at most 40% of the chart; two
  -- lines per label at most, the full text in a tooltip when cut
  local labw = 0
  for _, l in ipairs(d.labels) do labw = math.max(labw, svg.text_width(l, FONT)) end
  labw = math.min(labw, math.floor(0.4 * W))
  local lines, nl = {}, 1
  for i, l in ipairs(d.labels) do
    lines[i] = svg.wrap(l, labw, FONT, 2)
    nl = math.max(nl, #lines[i])
  end
  local rowh = math.max(24, nl * (FONT + 1) + 8)

  local av = value_axis(d, opts, 6)
  local widest = 0
  for i = 1, d.n do widest = math.max(widest, svg.text_width(d.text[i], FONT)) end
  local box = { left = 16 + labw + 12, right = W - 16 - widest, top = top + (opts.reference and 20 or 4) }

  -- rows top-down with a gap where the group changes
  local y, starts = box.top + 4, {}
  for i = 1, d.n do
    if i > 1 and opts.groups and tostring(opts.groups[i]) ~= tostring(opts.groups[i - 1]) then y = y + 10 end
    starts[i] = y
    y = y + rowh
  end
  box.bottom = y + 4
  doc.height = box.bottom + 12 + FONT + (opts.xlab and 30 or 8)
  local sv = scale(av, box.left, box.right)

  draw_xaxis(doc, av, sv, box, opts.xlab)
  doc:element("line", { x1 = sv(0), x2 = sv(0), y1 = box.top, y2 = box.bottom, stroke = MUTED })
  for i = 1, d.n do
    local tip = (#lines[i] > 1 or lines[i][1] ~= d.labels[i]) and d.labels[i] or nil
    local ty = starts[i] + rowh / 2 - (#lines[i] * (FONT + 1) - 1) / 2
    for k, l in ipairs(lines[i]) do
      doc:text(box.left - 10, ty + (k - 1) * (FONT + 1) + FONT * 0.8, l,
        { ["text-anchor"] = "end", fill = INK, class = "label" }, tip)
    end
  end
  draw_bars(doc, d, function(i) return starts[i] + 3, starts[i] + rowh - 3 end, sv, true)
  if d.reference then
    local px = sv(d.reference)
    ref_line(doc, px, box.top - 4, px, box.bottom)
    doc:text(px, box.top - 8, opts.reference_label or svg.num(opts.reference),
      { ["text-anchor"] = "middle", fill = INK, ["font-weight"] = "bold" })
  end
  return finish(fname, doc, opts.file)
end

function M.columns(opts)
  local fname = opts and opts.horizontal == false and "plot.bars" or "plot.columns"
  local d = bar_data(fname, opts)
  local W = opts.width or 800
  local doc = svg.new(W, 0, opts.title)
  local top = draw_title(doc, opts.title, W)
  top = top + draw_legend(doc, legend_entries(d, opts), W, top)

  local av = value_axis(d, opts, 6)
  local left = (opts.ylab and 32 or 8) + tick_width(av) + 10
  local box = { left = left, right = W - 16, top = top + 20 }
  local slot = (box.right - box.left) / d.n
  -- labels wrapped under their columns, in a smaller font (down to 10px) when
  -- a word is wider than a column's slot
  local longest = 0
  for _, l in ipairs(d.labels) do
    for word in l:gmatch("%S+") do longest = math.max(longest, svg.text_width(word, FONT)) end
  end
  local size = math.max(10, math.min(FONT, math.floor(FONT * (slot - 4) / longest)))
  local lines, nl = {}, 1
  for i, l in ipairs(d.labels) do
    lines[i] = svg.wrap(l, slot - 4, size, 3)
    nl = math.max(nl, #lines[i])
  end
  box.bottom = box.top + (opts.height or 360)
  doc.height = box.bottom + 10 + nl * (size + 2) + (opts.xlab and 30 or 8)
  local sv = scale(av, box.bottom, box.top)

  draw_yaxis(doc, av, sv, box, opts.ylab)
  doc:element("line", { x1 = box.left, x2 = box.right, y1 = sv(0), y2 = sv(0), stroke = MUTED })
  for i = 1, d.n do
    local cx = box.left + (i - 0.5) * slot
    local tip = (#lines[i] > 1 or lines[i][1] ~= d.labels[i]) and d.labels[i] or nil
    for k, l in ipairs(lines[i]) do
      doc:text(cx, box.bottom + 6 + k * (size + 2) - 2, l,
        { ["text-anchor"] = "middle", ["font-size"] = size, fill = INK, class = "label" }, tip)
    end
  end
  if opts.xlab then
    doc:text((box.left + box.right) / 2, doc.height - 12, opts.xlab, { ["text-anchor"] = "middle", fill = INK })
  end
  draw_bars(doc, d, function(i)
    local c0 = box.left + (i - 1) * slot
    return c0 + slot * 0.1, c0 + slot * 0.9
  end, sv, false)
  if d.reference then
    local py = sv(d.reference)
    ref_line(doc, box.left, py, box.right, py)
    doc:text(box.right, py - 5, opts.reference_label or svg.num(opts.reference),
      with(halo, { ["text-anchor"] = "end", fill = INK, ["font-weight"] = "bold" }))
  end
  return finish(fname, doc, opts.file)
end

-- 4. Line chart ------------------------------------------------------------------

function M.line(opts)
  local fname = "plot.line"
  checkopts(fname, opts)
  local ys = vector(fname, opts.y, "y")
  local xs = opts.x
  if xs == nil then
    xs = {}
    for i = 1, #ys do xs[i] = i end
  end
  xs = vector(fname, xs, "x")
  if #ys == 0 then fail(fname, "no points to plot") end
  if #xs ~= #ys then fail(fname, "%d x values for %d y values", #xs, #ys) end
  local names = {}
  for i = 1, #xs do names[i] = "point " .. i end
  check_values(fname, xs, names, "x", false)
  check_values(fname, ys, names, "y", false)
  check_number(fname, opts, "hline")

  local integer = true
  for _, v in ipairs(xs) do integer = integer and v == math.floor(v) end
  local xlo, xhi = range_of({ xs })
  local ylo, yhi = range_of({ ys }, { opts.hline })
  -- padded so that the end points sit inside the frame
  local xpad, ypad = 0.03 * math.max(xhi - xlo, 1), 0.05 * math.max(yhi - ylo, 0.1)
  local ax = axis(xlo - xpad, xhi + xpad, integer and math.min(#xs, 20) or 10, integer, true)
  local ay = axis(ylo - ypad, yhi + ypad, 6, false, true)

  local W = opts.width or 800
  local doc = svg.new(W, 0, opts.title)
  local top = draw_title(doc, opts.title, W) + 6
  local box = { left = (opts.ylab and 32 or 8) + tick_width(ay) + 10, right = W - 24, top = top }
  box.bottom = top + (opts.height or math.floor(W * 0.5))
  doc.height = box.bottom + 12 + FONT + (opts.xlab and 30 or 8)
  local sx, sy = scale(ax, box.left, box.right), scale(ay, box.bottom, box.top)

  draw_xaxis(doc, ax, sx, box, opts.xlab)
  draw_yaxis(doc, ay, sy, box, opts.ylab)
  if opts.hline then
    local py = sy(opts.hline)
    ref_line(doc, box.left, py, box.right, py)
    if opts.hline_label then
      doc:text(box.right - 4, py - 6, opts.hline_label, with(halo, { ["text-anchor"] = "end", fill = INK }))
    end
  end
  local pts = {}
  for i = 1, #xs do pts[i] = svg.num(sx(xs[i])) .. "," .. svg.num(sy(ys[i])) end
  doc:element("polyline", { points = table.concat(pts, " "), fill = "none", stroke = palette[1],
    ["stroke-width"] = 2, ["stroke-linejoin"] = "round", class = "series" })
  if opts.points ~= false then
    for i = 1, #xs do
      doc:element("circle", { cx = sx(xs[i]), cy = sy(ys[i]), r = 4, fill = palette[1], stroke = "white",
        ["stroke-width"] = 1.2, class = "point" },
        "<title>" .. svg.escape(svg.num(xs[i], 3) .. ", " .. svg.num(ys[i], 3)) .. "</title>")
    end
  end
  return finish(fname, doc, opts.file)
end

-- 5. Dendrogram ------------------------------------------------------------------

-- the tree's fields checked: n, merge rows {a, b}, heights, leaf order
local function tree_of(fname, tree)
  if type(tree) ~= "table" or not matrix.ismatrix(tree.merge) or not matrix.ismatrix(tree.height)
    or type(tree.order) ~= "table" and not matrix.ismatrix(tree.order) then
    fail(fname, "tree must be a stats.hclust result {merge=, height=, order=}")
  end
  local m = tree.merge:rows()
  local n = m + 1
  if tree.merge:cols() ~= 2 or tree.height:rows() * tree.height:cols() ~= m then
    fail(fname, "tree.merge must be (n - 1) x 2 and tree.height hold n - 1 = %d heights", m)
  end
  local order = vector(fname, tree.order, "tree.order")
  local pos = {}
  for p, leaf in ipairs(order) do
    if math.type(leaf) ~= "integer" and leaf ~= math.floor(leaf) or leaf < 1 or leaf > n or pos[leaf] then
      fail(fname, "tree.order must be a permutation of 1..%d (entry %d is %s)", n, p, tostring(leaf))
    end
    pos[math.tointeger(leaf)] = p
  end
  if #order ~= n then fail(fname, "tree.order has %d entries for %d leaves", #order, n) end
  local h = tree.height:list()
  for s = 1, m do
    if not isfinite(h[s]) then fail(fname, "height of merge %d is not a finite number (%s)", s, tostring(h[s])) end
    for c = 1, 2 do
      local v = tree.merge:get(s, c)
      if v == 0 or v < -n or v >= s then fail(fname, "tree.merge[%d, %d] = %s is neither a leaf nor an earlier merge", s, c, tostring(v)) end
    end
  end
  return n, h, pos
end

-- the group of each merge: the cluster of its leaves when they share one, else false
local function merge_groups(tree, n, groups)
  local g = {}
  local function of(v) if v < 0 then return groups[-v] end return g[v] end
  for s = 1, n - 1 do
    local a, b = of(tree.merge:get(s, 1)), of(tree.merge:get(s, 2))
    g[s] = (a and a == b) and a or false
  end
  return g
end

function M.dendrogram(tree, opts)
  local fname = "plot.dendrogram"
  opts = checkopts(fname, opts or {})
  local n, h, pos = tree_of(fname, tree)
  if n < 2 then fail(fname, "a tree needs at least 2 leaves") end
  local raw = opts.labels or tree.labels
  if raw == nil then
    raw = {}
    for i = 1, n do raw[i] = tostring(i) end
  end
  local labels = labels_of(fname, raw, n, "leaves")
  local groups, cut = {}, nil
  if opts.k ~= nil then
    if math.type(opts.k) ~= "integer" or opts.k < 1 or opts.k > n then
      fail(fname, "k must be a whole number of clusters from 1 to %d, got %s", n, tostring(opts.k))
    end
    groups = require("stats").cutree(tree, opts.k)
    -- half-way between the merges kept and those undone for k groups; a tree with
    -- inversions (centroid, median) may have no height that cuts it there: no line
    if opts.k > 1 then
      local below, above = math.min(0, h[1]), math.huge
      for s = 1, n - 1 do
        if s <= n - opts.k then below = math.max(below, h[s]) else above = math.min(above, h[s]) end
      end
      if below <= above then cut = (below + above) / 2 end
    end
  end
  local names = opts.group_names or {}

  -- rows: 16 px a leaf up to 80 leaves, then 12 px in a 10 px font (300 leaves: 3600 px)
  local size = n > 80 and 10 or FONT
  local rowh = n > 80 and 12 or 16
  local W = opts.width or 800
  local labw = 0
  for _, l in ipairs(labels) do labw = math.max(labw, svg.text_width(l, size)) end
  labw = math.min(labw, 0.3 * W)
  local doc = svg.new(W, 0, opts.title)
  local top = draw_title(doc, opts.title, W)
  local entries = {}
  if opts.k then
    for c = 1, opts.k do
      local count = 0
      for i = 1, n do if groups[i] == c then count = count + 1 end end
      entries[c] = { name = string.format("%d %s(%d)", c, names[c] and names[c] .. " " or "", count),
        colour = palette[(c - 1) % #palette + 1] }
    end
  end
  top = top + draw_legend(doc, entries, W, top)
  local lo, hi = range_of({ h }, { 0 })
  local ax = axis(lo, hi, math.max(4, (W - labw - 60) / 100))
  -- above the leaves: the cut's label, and for a long tree the height axis again
  local box = { left = 16 + labw + 8, right = W - 24, top = top + (cut and 20 or 6) + (n > 40 and 18 or 0) }
  box.bottom = box.top + n * rowh
  doc.height = box.bottom + 12 + FONT + 30
  local sx = scale(ax, box.left + 4, box.right)
  draw_xaxis(doc, ax, sx, box, opts.xlab or "height")
  if n > 40 then   -- a long tree gets its height axis above too
    for _, t in ipairs(ax.ticks) do
      doc:text(sx(t), box.top - 6, tick_text(t, ax.decimals), { ["text-anchor"] = "middle", fill = MUTED })
    end
  end

  local function colour(g) return g and palette[(g - 1) % #palette + 1] or INK end
  local gm = merge_groups(tree, n, groups)
  local ny, nx = {}, {}     -- position of each merge
  local function at(v)
    if v < 0 then return box.top + (pos[-v] - 0.5) * rowh, sx(0) end
    return ny[v], nx[v]
  end
  local paths, colours = {}, {}   -- colours in order of first use: the same file every run
  for s = 1, n - 1 do
    local a, b = tree.merge:get(s, 1), tree.merge:get(s, 2)
    local ya, xa = at(a)
    local yb, xb = at(b)
    local x = sx(h[s])
    ny[s], nx[s] = (ya + yb) / 2, x
    local c = colour(gm[s])
    if not paths[c] then paths[c] = {}; colours[#colours + 1] = c end
    local d = paths[c]
    d[#d + 1] = string.format("M%s %sH%sV%sH%s", svg.num(xa), svg.num(ya), svg.num(x), svg.num(yb), svg.num(xb))
  end
  for _, c in ipairs(colours) do
    doc:element("path", { d = table.concat(paths[c]), fill = "none", stroke = c, ["stroke-width"] = n > 80 and 1 or 1.5,
      class = "branch" })
  end
  for i = 1, n do
    local y = box.top + (pos[i] - 0.5) * rowh
    local cut_label = svg.wrap(labels[i], labw, size, 1)[1]
    doc:text(box.left - 6, y + size * 0.35, cut_label, { ["text-anchor"] = "end", ["font-size"] = size,
      fill = groups[i] and colour(groups[i]) or INK, class = "leaf" },
      cut_label ~= labels[i] and labels[i] or nil)
  end
  if cut then
    local px = sx(cut)
    ref_line(doc, px, box.top - (n > 40 and 22 or 4), px, box.bottom)
    doc:text(px + 4, box.top - 6 - (n > 40 and 18 or 0), string.format("cut for k = %d", opts.k),
      with(halo, { fill = INK, ["font-weight"] = "bold", class = "cut" }))
  end
  return finish(fname, doc, opts.file)
end

-- 6. Heat map --------------------------------------------------------------------

-- white to the palette's blue: the colour of share t in [0, 1]
local function shade(t)
  local r, g, b = 0x00, 0x72, 0xB2
  local function mix(c) return math.floor(255 + (c - 255) * t + 0.5) end
  return string.format("#%02x%02x%02x", mix(r), mix(g), mix(b))
end

function M.heatmap(opts)
  local fname = "plot.heatmap"
  checkopts(fname, opts)
  local V = opts.values
  if not matrix.ismatrix(V) then fail(fname, "values must be a matrix (rows x columns)") end
  local nr, nc = V:rows(), V:cols()
  if nr == 0 or nc == 0 then fail(fname, "values is empty") end
  local rows = labels_of(fname, opts.rows or V:rownames() or {}, nr, "rows")
  local cols = labels_of(fname, opts.cols or V:colnames() or {}, nc, "columns")
  local lo, hi = 0, 1
  if opts.range then lo, hi = opts.range[1], opts.range[2] end
  if not (isfinite(lo) and isfinite(hi) and hi > lo) then fail(fname, "range must be {lo, hi} with lo < hi") end
  for i = 1, nr do
    for j = 1, nc do
      local v = V:get(i, j)
      if not isfinite(v) then fail(fname, "value of '%s', '%s' is not a finite number (%s)", rows[i], cols[j], tostring(v)) end
    end
  end
  local W = opts.width or 800
  local labw = 0
  for _, l in ipairs(rows) do labw = math.max(labw, svg.text_width(l, FONT)) end
  labw = math.min(labw, 0.35 * W)
  local doc = svg.new(W, 0, opts.title)
  local top = draw_title(doc, opts.title, W) + 8
  local cw = math.min(70, (W - 40 - labw) / nc)
  local ch = 28
  local x0, y0 = 16 + labw + 8, top + FONT + 8
  local titles = opts.col_titles or {}
  for j = 1, nc do
    local lines = svg.wrap(cols[j], cw - 2, FONT, 1)
    doc:text(x0 + (j - 0.5) * cw, y0 - 6, lines[1], { ["text-anchor"] = "middle", fill = INK, class = "col" },
      titles[j] or (lines[1] ~= cols[j] and cols[j]) or nil)
  end
  for i = 1, nr do
    local y = y0 + (i - 1) * ch
    doc:text(x0 - 8, y + ch / 2 + FONT * 0.35, svg.wrap(rows[i], labw, FONT, 1)[1],
      { ["text-anchor"] = "end", fill = INK, class = "row" }, rows[i])
    for j = 1, nc do
      local v = V:get(i, j)
      local t = math.max(0, math.min(1, (v - lo) / (hi - lo)))
      doc:element("rect", { x = x0 + (j - 1) * cw, y = y, width = cw - 1, height = ch - 1, fill = shade(t),
        class = "cell" }, "<title>" .. svg.escape(string.format("%s, %s: %s", rows[i], cols[j], svg.num(v, 3))) .. "</title>")
      doc:text(x0 + (j - 0.5) * cw, y + ch / 2 + FONT * 0.35, svg.num(v, opts.digits or 2),
        { ["text-anchor"] = "middle", fill = t > 0.55 and "white" or INK, ["font-size"] = 11, class = "value" })
    end
  end
  local bottom = y0 + nr * ch
  if opts.note then
    local lines = svg.wrap(opts.note, W - 32, 11, 3)
    for k, l in ipairs(lines) do
      doc:text(16, bottom + 8 + k * 14, l, { fill = MUTED, ["font-size"] = 11, class = "note" })
    end
    bottom = bottom + 8 + #lines * 14
  end
  doc.height = bottom + 16
  return finish(fname, doc, opts.file)
end

return M
