-- plot_gallery.lua -- draws every chart of stdlib/plot.lua from the reference data,
-- to look at them as a reader would (tools/plot_gallery.sh renders them to PNG).
-- Usage: clusterlab tools/plot_gallery.lua DATA_DIR OUT_DIR
local plot = require "plot"

local data, out = arg[1] or "../shared/data", arg[2] or "/tmp/plots"

-- a comma-separated file with a header and "quoted, fields" as a list of rows
-- keyed by the header's names
local function read_csv(path)
  local f = assert(io.open(path))
  local rows, header = {}, nil
  for line in f:lines() do
    local fields, pos = {}, 1
    while pos <= #line + 1 do
      local value, nextpos
      if line:sub(pos, pos) == '"' then
        local close = line:find('"', pos + 1, true)
        value, nextpos = line:sub(pos + 1, close - 1), close + 2
      else
        local comma = line:find(",", pos, true) or #line + 1
        value, nextpos = line:sub(pos, comma - 1), comma + 1
      end
      fields[#fields + 1] = value
      pos = nextpos
    end
    if not header then header = fields
    else
      local row = {}
      for i, h in ipairs(header) do row[h] = fields[i] end
      rows[#rows + 1] = row
    end
  end
  f:close()
  return rows, header
end

-- a fixed pseudo-random sequence (Park & Miller's minimal standard generator),
-- so that the illustrative indices are the same on every run
local seed = 20130101
local function uniform(lo, hi)
  seed = (seed * 16807) % 2147483647
  return lo + (hi - lo) * seed / 2147483647
end

-- 1. key-sector map: Mount Isa's 19 ANZSIC divisions with illustrative indices
-- (the Rasmussen indices of the regionalised table are not computed yet)
local sectors = {}
for _, row in ipairs(read_csv(data .. "/australia_2021/employment_mount_isa_2021.csv")) do
  sectors[#sectors + 1] = row.sector
end
local bx, fy = {}, {}
for i = 1, #sectors do bx[i], fy[i] = uniform(0.6, 1.6), uniform(0.6, 1.6) end
plot.quadrant{ x = bx, y = fy, labels = sectors, title = "Mount Isa 2021: key sectors (illustrative indices)",
  xlab = "Backward linkage (Rasmussen power of dispersion)", ylab = "Forward linkage (sensitivity of dispersion)",
  file = out .. "/quadrant19.svg" }

-- the same with 60 points: the first 60 of the ABS's 115 IO industry groups
local _, header = read_csv(data .. "/australia_2021/abs_industry_flows_115_aud_mn.csv")
local groups60, x60, y60 = {}, {}, {}
for i = 3, 62 do groups60[#groups60 + 1] = header[i] end
for i = 1, 60 do x60[i], y60[i] = uniform(0.6, 1.6), uniform(0.6, 1.6) end
plot.quadrant{ x = x60, y = y60, labels = groups60, title = "60 industries (illustrative indices)",
  xlab = "Backward linkage", ylab = "Forward linkage", file = out .. "/quadrant60.svg" }

-- Cyrillic labels and markup characters
plot.quadrant{ x = { 0.8, 1.2, 1.3, 0.7 }, y = { 1.3, 1.25, 0.8, 0.75 },
  labels = { "Металлургия", "Горнодобывающая промышленность", "R&D <services>", "Сельское хозяйство" },
  title = "Восточно-Казахстанская область", file = out .. "/quadrant_cyrillic.svg" }

-- 2. the scoreboard: East Kazakhstan relative to the EU average (Table 15)
local labels, values, dims, ranges, markers = {}, {}, {}, {}, {}
local sums, counts, order = {}, {}, {}
for i, row in ipairs(read_csv(data .. "/kazakhstan/scoreboard_2009_east_kazakhstan.csv")) do
  local eu, region = tonumber(row.eu_average), tonumber(row.east_region)
  labels[i] = row.indicator
  values[i] = (eu and region) and 100 * region / eu or false
  dims[i] = row.dimension
  -- illustrative range and marker on a few rows, to see how they look
  ranges[i] = (i % 4 == 1) and { 20, 140 } or false
  markers[i] = (i % 5 == 2) and 60 or false
  if values[i] then
    if not sums[row.dimension] then order[#order + 1] = row.dimension end
    sums[row.dimension] = (sums[row.dimension] or 0) + values[i]
    counts[row.dimension] = (counts[row.dimension] or 0) + 1
  end
end
plot.bars{ labels = labels, values = values, groups = dims, reference = 100, reference_label = "EU = 100",
  title = "Innovation scoreboard 2009: East Kazakhstan relative to the EU average",
  xlab = "East Kazakhstan, EU average = 100", file = out .. "/bars.svg" }
plot.bars{ labels = labels, values = values, groups = dims, reference = 100, reference_label = "EU = 100",
  ranges = ranges, markers = markers, range_label = "range (illustrative)", marker_label = "marker (illustrative)",
  title = "Scoreboard with ranges and markers", file = out .. "/bars_ranges.svg" }

-- 3. the mean relative value by dimension
local means = {}
for i, dim in ipairs(order) do means[i] = sums[dim] / counts[dim] end
plot.columns{ labels = order, values = means, reference = 100, reference_label = "EU = 100",
  title = "East Kazakhstan 2009: mean of the indicators by dimension (EU = 100)",
  ylab = "EU average = 100", file = out .. "/columns.svg" }

-- 4. scree plot of the Feser-Sweeney-Renski matrix of Australia's 19 sectors (R)
local eig = {}
for i, row in ipairs(read_csv(data .. "/australia_2021/ref_R_australia19_fsr_eigen.csv")) do
  eig[i] = tonumber(row.eigenvalue)
end
plot.line{ y = eig, hline = 1, hline_label = "Kaiser criterion (eigenvalue = 1)",
  title = "Scree plot: FSR linkage matrix, Australia 2021, 19 sectors",
  xlab = "Component", ylab = "Eigenvalue", file = out .. "/scree.svg" }

print("charts written to " .. out)
