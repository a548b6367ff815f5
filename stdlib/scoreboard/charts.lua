-- scoreboard/charts.lua -- the scoreboard's charts, drawn by plot as SVG: the
-- study's figure 10 (Samambayeva 2013: every indicator of the region against
-- the EU average, missing ones as "n/a" rows, the catching-up countries' range
-- as a grey band, the national value as a marker) in its two scales, and a bar
-- chart of the seven EIS 2008 dimensions (Hollanders & van Cruysen 2008).
-- A dimension has the same colour in every chart (colours()).
local plot = require "plot"
local check = require "check"
local M = {}
local fail = check.failer("charts")

local function any(list)
  for _, x in ipairs(list) do if x then return list end end
  return nil
end

-- {dimension = colour} in the catalogue's order, the same for every chart
function M.colours(cat)
  local c = {}
  for i, d in ipairs(cat.dimensions) do c[d.name] = plot.palette[(i - 1) % #plot.palette + 1] end
  return c
end

-- Figure 10 from chapter2.table15's rows, one row per indicator ("n/a" where
-- the scale has no value), coloured by dimension. opts.scale: "reference"
-- (default: relative, reference = 100, linear) or "region" (the study's:
-- multiple = reference / region, region = 1, a log axis since the ratios span
-- orders of magnitude). opts: file, title, colours (M.colours(cat)),
-- reference_name ("EU average"), region_label, range_label, marker_label, xlab.
function M.figure10(rows, opts)
  opts = opts or {}
  local scale = opts.scale or "reference"
  if scale ~= "reference" and scale ~= "region" then
    fail("figure10", "scale must be 'reference' or 'region', not '%s'", tostring(scale))
  end
  local region = scale == "region"
  local ref = opts.reference_name or "EU average"
  local labels, values, ranges, markers, groups = {}, {}, {}, {}, {}
  local shown = 0
  for i, r in ipairs(rows) do
    labels[i] = r.code .. "  " .. r.name
    groups[i] = r.dimension
    -- the unit each value is divided by, and what it is multiplied by
    local base, k, v = r.reference, 100, r.relative
    if region then base, k, v = r.value, 1, r.multiple end
    local ok = base and base ~= 0
    if region and v and v <= 0 then v = nil end   -- a reference of 0 has no place on a log axis
    values[i] = v or false
    if v then shown = shown + 1 end
    local function ratio(x)
      if not (ok and x) then return false end
      local q = k * x / base
      return (not region or q > 0) and q or false
    end
    ranges[i] = r.group_min and ratio(r.group_min) and ratio(r.group_max)
      and {ratio(r.group_min), ratio(r.group_max)} or false
    markers[i] = ratio(r.national)
  end
  if shown == 0 then fail("figure10", "no indicator has a value on the %s scale", scale) end
  -- one number of decimals per chart: 1 on the EU = 100 scale; on the log
  -- scale 2, or as many as the smallest multiple needs for two digits (at most 6)
  local decimals = 1
  if region then
    local least = math.huge
    for _, v in ipairs(values) do if v then least = math.min(least, v) end end
    decimals = math.max(2, math.min(6, 1 - math.floor(math.log(least, 10))))
  end
  return plot.bars{labels = labels, values = values, groups = groups, colours = opts.colours,
    ranges = any(ranges), markers = any(markers), missing_label = "n/a",
    reference = region and 1 or 100, log = region, decimals = decimals,
    reference_label = region and (opts.region_label or "region = 1") or ref .. " = 100",
    range_label = opts.range_label or "catching-up countries (range)",
    marker_label = opts.marker_label or "national value",
    title = opts.title, xlab = opts.xlab or (region and ref .. " as a multiple of the region's value (log scale)"
      or "relative to the " .. ref .. " (" .. ref .. " = 100)"),
    file = opts.file, width = opts.width or 900}
end

-- The dimensions from scoreboard.relative_by_dimension: the mean of the
-- region's indicators relative to the EU average, with how many indicators
-- stand behind each bar; the national unit's mean as a marker; coloured by
-- dimension as figure 10. opts: file, title, colours, reference_name, marker_label.
function M.dimensions(dims, opts)
  opts = opts or {}
  local ref = opts.reference_name or "EU average"
  local labels, values, markers, groups = {}, {}, {}, {}
  for i, d in ipairs(dims) do
    labels[i] = string.format("%s (%d of %d)", d.name, d.n, d.total)
    values[i] = d.relative or false
    markers[i] = d.national or false
    groups[i] = d.name
  end
  return plot.bars{labels = labels, values = values, groups = groups, colours = opts.colours,
    markers = any(markers), missing_label = "n/a", decimals = 1,
    reference = 100, reference_label = ref .. " = 100",
    marker_label = opts.marker_label or "national value",
    title = opts.title, xlab = opts.xlab or "mean of the indicators relative to the " .. ref .. " (" .. ref .. " = 100)",
    file = opts.file, width = opts.width or 900}
end

M._help = {
  _about = "scoreboard charts as SVG: the study's figure 10 in both scales and a bar chart by dimension, one colour per dimension",
  colours = "charts.colours(cat) -- {dimension = colour}: pass as colours= so every chart agrees",
  figure10 = "charts.figure10(rows [, {scale='reference'|'region', file=, title=, colours=, marker_label=, range_label=}])"
    .. " -- svg: every indicator, n/a where missing; EU = 100, or EU as a multiple of the region (log axis)",
  dimensions = "charts.dimensions(dims [, {file=, title=, colours=}]) -- svg: mean relative to the EU per dimension, with indicator counts",
}

return M
