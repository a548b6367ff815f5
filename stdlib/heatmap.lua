-- heatmap.lua -- an SVG grid of categories, one row per item (e.g. sector) and
-- one column per unit (e.g. region), each cell coloured by its category: the
-- atlas's map of key sectors by region. Many columns become a thin strip each,
-- labelled by group (a trailing "(XXX)" in their names) instead of one by one.
local svg = require "svg"
local check = require "check"

local M = {}

M._help = {
  _about = "SVG heat maps of categories (key-sector classes by region)",
  categories = "heatmap.categories{rows=, cols=, value=fn(row, col) -> category, palette={{category, colour, "
    .. "legend}, ...}, title=, file=, note=} -> svg text: rows and cols are label lists; columns are labelled "
    .. "one by one when they are wide enough, else by the group in a trailing '(XXX)' of their names",
}

local failer = check.failer("heatmap")
local function fail(fmt, ...) failer("categories", fmt, ...) end

-- runs of consecutive columns with the same trailing "(group)"
local function groups_of(cols)
  local runs = {}
  for j, c in ipairs(cols) do
    local g = tostring(c):match("%(([^()]+)%)%s*$") or ""
    local last = runs[#runs]
    if last and last.name == g then last.last = j else runs[#runs + 1] = { name = g, first = j, last = j } end
  end
  return runs
end

function M.categories(opts)
  if type(opts) ~= "table" then fail("options table expected") end
  local rows, cols, value, palette = opts.rows, opts.cols, opts.value, opts.palette
  if type(rows) ~= "table" or #rows == 0 then fail("rows must be a non-empty list of labels") end
  if type(cols) ~= "table" or #cols == 0 then fail("cols must be a non-empty list of labels") end
  if type(value) ~= "function" then fail("value must be a function(row, col) -> category") end
  if type(palette) ~= "table" or #palette == 0 then fail("palette must list {category, colour, legend}") end
  local colour = {}
  for _, p in ipairs(palette) do colour[p[1]] = p[2] end

  local size, label_w = 11, 0
  for _, r in ipairs(rows) do label_w = math.max(label_w, svg.text_width(r, size)) end
  label_w = math.min(label_w, 260) + 10
  local cw = math.max(1.5, math.min(36, 1400 / #cols))
  local ch = 16
  local one_by_one = cw >= 11
  local col_label_h = 0
  if one_by_one then
    for _, c in ipairs(cols) do col_label_h = math.max(col_label_h, svg.text_width(c, size)) end
    col_label_h = math.min(col_label_h, 200) * 0.75 + 10
  else
    col_label_h = 24
  end
  local left, top = 10 + label_w, 40 + col_label_h
  local legend_w = 0
  for _, p in ipairs(palette) do legend_w = legend_w + 34 + svg.text_width(p[3] or p[1], size) end
  local label_reach = 0  -- rotated column labels reach right of their column
  if one_by_one then
    for j, c in ipairs(cols) do
      label_reach = math.max(label_reach, (j - #cols) * cw + math.min(svg.text_width(c, size), 200) * 0.643)
    end
  end
  local width = math.max(left + cw * #cols + math.max(label_reach, 0) + 20, left + legend_w + 20,
    svg.text_width(opts.title or "", 15, true) + 30)
  local height = top + ch * #rows + 70
  local doc = svg.new(width, height, opts.title)
  if opts.title then doc:text(10, 24, opts.title, { ["font-size"] = 15, ["font-weight"] = "bold" }) end

  -- the cells: one rect per run of equal categories along a row keeps the file small
  for i, r in ipairs(rows) do
    local y = top + (i - 1) * ch
    local j = 1
    while j <= #cols do
      local c = value(r, cols[j])
      if not colour[c] then fail("no colour in the palette for category '%s' (row '%s', column '%s')", tostring(c), r, cols[j]) end
      local k = j
      while k < #cols and value(r, cols[k + 1]) == c do k = k + 1 end
      local tip = one_by_one and (cols[j] .. " / " .. r .. ": " .. c) or nil
      doc:element("rect", { x = left + (j - 1) * cw, y = y, width = cw * (k - j + 1), height = ch - 1,
        fill = colour[c] }, tip and ("<title>" .. svg.escape(tip) .. "</title>") or nil)
      j = k + 1
    end
    doc:text(left - 6, y + ch - 4, r, { ["text-anchor"] = "end", ["font-size"] = size })
  end

  -- column labels: each column (rotated), or each group of columns
  if one_by_one then
    for j, c in ipairs(cols) do
      local x, y = left + (j - 0.5) * cw + 4, top - 6
      doc:text(x, y, c, { ["font-size"] = size, transform = string.format("rotate(-50 %s %s)", svg.num(x), svg.num(y)) })
    end
  else
    local raised = false  -- a label wider than its group goes a line higher than its neighbour's
    for _, g in ipairs(groups_of(cols)) do
      local x0, x1 = left + (g.first - 1) * cw, left + g.last * cw
      local narrow = svg.text_width(g.name, size) + 4 > x1 - x0
      raised = narrow and not raised
      doc:element("line", { x1 = x0, y1 = top - (raised and 16 or 4), x2 = x0, y2 = top + ch * #rows,
        stroke = "#333", ["stroke-width"] = 0.6 })
      doc:text(narrow and x0 + 2 or (x0 + x1) / 2, top - (raised and 20 or 8), g.name,
        { ["text-anchor"] = narrow and "start" or "middle", ["font-size"] = size })
    end
  end

  -- legend and note
  local x, y = left, top + ch * #rows + 22
  for _, p in ipairs(palette) do
    doc:element("rect", { x = x, y = y - 10, width = 12, height = 12, fill = p[2], stroke = "#666", ["stroke-width"] = 0.5 })
    doc:text(x + 16, y, p[3] or p[1], { ["font-size"] = size })
    x = x + 16 + svg.text_width(p[3] or p[1], size) + 18
  end
  if opts.note then doc:text(left, y + 24, opts.note, { ["font-size"] = size - 1, fill = "#444" }) end
  local text = doc:tostring()
  if opts.file then svg.write(opts.file, text) end
  return text
end

return M
