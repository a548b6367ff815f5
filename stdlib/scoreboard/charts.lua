-- scoreboard/charts.lua -- the scoreboard's charts, drawn by plot as SVG: the
-- study's figure 10 (Samambayeva 2013: each available indicator of the region
-- relative to the EU average, the EU line at 100, the catching-up countries'
-- range as a grey band, the national value as a marker) and a bar chart of the
-- seven EIS 2008 dimensions (Hollanders & van Cruysen 2008).
local plot = require "plot"
local M = {}

local function any(list)
  for _, x in ipairs(list) do if x then return list end end
  return nil
end

-- Figure 10 from scoreboard.compare's rows (with a reference): one bar per
-- indicator that has a relative value, coloured by dimension. opts: file,
-- title, reference_label ("EU average = 100"), range_label, marker_label.
function M.figure10(rows, opts)
  opts = opts or {}
  local labels, values, ranges, markers, groups = {}, {}, {}, {}, {}
  for _, r in ipairs(rows) do
    if r.relative then
      local i = #labels + 1
      labels[i] = r.code .. "  " .. r.name
      values[i] = r.relative
      groups[i] = r.dimension
      ranges[i] = r.group_min and r.reference ~= 0
        and {100 * r.group_min / r.reference, 100 * r.group_max / r.reference} or false
      markers[i] = r.national and r.reference ~= 0 and 100 * r.national / r.reference or false
    end
  end
  if #labels == 0 then error("charts.figure10: no indicator has both the unit's value and a non-zero reference value", 2) end
  return plot.bars{labels = labels, values = values, groups = groups,
    ranges = any(ranges), markers = any(markers),
    reference = 100, reference_label = opts.reference_label or "EU average = 100",
    range_label = opts.range_label or "catching-up countries (range)",
    marker_label = opts.marker_label or "national value",
    title = opts.title, xlab = opts.xlab or "relative to the EU average (EU = 100)",
    file = opts.file, width = opts.width or 900}
end

-- The dimensions from scoreboard.relative_by_dimension: the mean of the
-- region's indicators relative to the EU average, with how many indicators
-- stand behind each bar; the national unit's mean as a marker.
function M.dimensions(dims, opts)
  opts = opts or {}
  local labels, values, markers, groups = {}, {}, {}, {}
  for i, d in ipairs(dims) do
    labels[i] = string.format("%s (%d of %d)", d.name, d.n, d.total)
    values[i] = d.relative or false
    markers[i] = d.national or false
    groups[i] = d.group
  end
  return plot.bars{labels = labels, values = values, groups = groups, markers = any(markers),
    reference = 100, reference_label = opts.reference_label or "EU average = 100",
    marker_label = opts.marker_label or "national value",
    title = opts.title, xlab = opts.xlab or "mean of the indicators relative to the EU average (EU = 100)",
    file = opts.file, width = opts.width or 900}
end

M._help = {
  _about = "scoreboard charts as SVG: the study's figure 10 and a bar chart by dimension",
  figure10 = "charts.figure10(rows [, {file=, title=, marker_label=, range_label=}]) -- svg: indicators relative to the EU (100), range band, national marker",
  dimensions = "charts.dimensions(dims [, {file=, title=}]) -- svg: mean relative to the EU per dimension, with indicator counts",
}

return M
