-- atlas.lua -- every area of a country at once: a national input-output table
-- regionalised with Flegg's location quotient for each area of an employment
-- file (Flegg & Webber 1997, 2000; Miller & Blair 2009, ch. 8), and for each
-- area the output multipliers, Rasmussen's (1956) backward and forward
-- indices with Hazari's (1970) coefficients of variation, the study's
-- key-sector classes (keysectors) and Hazari's final-demand-weighted indices,
-- as scripts/ch1_regional_clusters.lua does for one region.
local matrix = require "matrix"
local csv = require "csv"
local regionalize = require "regionalize"
local leontief = require "leontief"
local keysectors = require "keysectors"
local check = require "check"

local M = {}

M._help = {
  _about = "regional multipliers, linkages and key sectors for every area of an employment file (FLQ)",
  read_employment = "atlas.read_employment(path, labels [, {national=\"australia\", sep=, decimal=}]) -> "
    .. "{areas=, E= (sectors x areas), national= (n x 1)}: sectors as rows matched to the table's labels, "
    .. "one column per area; the nation's column (named by national, else 'australia' if there is one, else the sum "
    .. "of the areas)",
  run = "atlas.run(tbl, employment [, {delta=0.3, method=\"flq\", rule=, max_cv=, progress=fn(k, total, area)}]) -> "
    .. "{records= {area=, sector=, class=, multiplier=, backward=, forward=, cv_backward=, cv_forward=, "
    .. "hazari_backward=, hazari_forward=, employment=}, "
    .. "areas=, sectors=, class= {[area] = {[sector] = class}}, skipped= {{area=, reason=}}, counts=}",
  region = "atlas.region(tbl, reg, nat [, opts]) -> records of one area (the sectors it has), lambda; "
    .. "opts.coefficients = the table's A when made once for many areas",
}

local fail = check.failer("atlas")

local function key(s) return (tostring(s):lower():gsub("^%s+", ""):gsub("%s+$", "")) end

-- Employment by sector (rows) and area (columns), aligned with the table's
-- sector labels; every cell a finite non-negative number.
function M.read_employment(path, labels, opts)
  opts = opts or {}
  local ok, E = pcall(csv.read, path, { sep = opts.sep, decimal = opts.decimal, na = true })
  if not ok then fail("read_employment", "%s", tostring(E):gsub("^csv%.read: ", "")) end
  local rows, cols = E:rownames() or {}, E:colnames() or {}
  local national_name = key(opts.national or "australia")
  local ncol
  for j, c in ipairs(cols) do if key(c) == national_name then ncol = j end end
  if opts.national and not ncol then
    fail("read_employment", "%s has no column '%s' for the nation (columns: %s)", path, opts.national,
      table.concat(cols, ", ", 1, math.min(#cols, 5)) .. (#cols > 5 and ", ..." or ""))
  end
  local areas, acols = {}, {}
  for j, c in ipairs(cols) do
    if j ~= ncol then areas[#areas + 1], acols[#acols + 1] = c, j end
  end
  if #areas == 0 then fail("read_employment", "%s has no column of area employment", path) end
  local at = {}
  for k, s in ipairs(rows) do
    if at[key(s)] then fail("read_employment", "%s: sector '%s' appears twice (rows %d and %d)", path, s, at[key(s)] + 1, k + 1) end
    at[key(s)] = k
  end
  local order = {}
  for i, s in ipairs(labels) do
    order[i] = at[key(s)]
    if not order[i] then fail("read_employment", "%s has no row for sector '%s' of the table", path, s) end
  end
  if #rows ~= #labels then
    local known = {}
    for _, s in ipairs(labels) do known[key(s)] = true end
    for k, s in ipairs(rows) do
      if not known[key(s)] then fail("read_employment", "%s: row %d, sector '%s', matches no sector of the table", path, k + 1, s) end
    end
  end
  E = E:select(order, nil)
  local sum = E:sum()
  if sum ~= sum or sum == math.huge or E:min() < 0 then
    for j = 1, E:cols() do
      for i = 1, E:rows() do
        local v = E:get(i, j)
        if v ~= v or v < 0 or v == math.huge then
          fail("read_employment", "%s: %s", check.where{ file = path, row = order[i] + 1, column = cols[j],
            sector = labels[i] }, v ~= v and "no number (an empty or NA cell)" or (v < 0 and string.format("negative employment %g", v) or "infinite"))
        end
      end
    end
  end
  local national = ncol and E:col(ncol) or E:select(nil, acols):rowsums()
  national:setnames(labels, { "national" })
  local A = E:select(nil, acols)
  A:setnames(labels, areas)
  return { areas = areas, E = A, national = national, national_column = ncol and cols[ncol] or nil, path = path }
end

-- One area: the regional table (FLQ), then chapter 1's key-sector analysis
-- of it (keysectors.analyse: Leontief inverse, multipliers, Rasmussen indices
-- with Hazari's CVs and the study's classes, Hazari's weighted indices), one
-- record per sector present.
function M.region(tbl, reg, nat, opts)
  opts = opts or {}
  local r = regionalize.regionalise(tbl, reg, { method = opts.method or "flq", delta = opts.delta or 0.3,
    national_sizes = nat, coefficients = opts.coefficients })
  if #r.kept < 2 then
    return nil, string.format("%d sector%s with employment: linkages compare sectors", #r.kept, #r.kept == 1 and "" or "s")
  end
  local ks = keysectors.analyse(r.A, r.f, r.labels, { rule = opts.rule, max_cv = opts.max_cv, lists = false })
  -- keysectors' records become the area's (no copy of 343 tables per area)
  local records = ks.records
  for i, k in ipairs(records) do
    k.multiplier, k.output_multiplier, k.local_serving = k.output_multiplier, nil, nil
    k.employment = reg:get(r.kept[i], 1)
  end
  return records, r.lambda
end

-- Every area of the employment record; areas without two employed sectors
-- are listed in `skipped` with the reason, not silently left out.
function M.run(tbl, employment, opts)
  opts = opts or {}
  if type(tbl) ~= "table" or not tbl.Z or not tbl.x then fail("run", "a table record {Z=, x=, labels=} expected") end
  if type(employment) ~= "table" or not employment.E then fail("run", "an atlas.read_employment record expected") end
  local labels = tbl.labels or tbl.Z:rownames()
  local res = { records = {}, areas = employment.areas, sectors = labels, class = {}, skipped = {}, lambda = {},
    counts = { key = 0, uneven = 0, backward = 0, forward = 0, weak = 0, absent = 0 } }
  local total = #employment.areas
  -- the national coefficients once for every area
  local A = leontief.coefficients(tbl.Z, tbl.x)
  if labels then A:setnames(labels, labels) end
  local area_opts = setmetatable({ coefficients = A }, { __index = opts })
  -- generational collection: each area's n x n temporaries die young and go
  -- at the next minor collection, without re-traversing the records kept
  local gc_mode = collectgarbage("generational")
  for k, area in ipairs(employment.areas) do
    local reg = employment.E:col(k)
    local records, lambda = M.region(tbl, reg, employment.national, area_opts)
    local classes = {}
    if records then
      res.lambda[area] = lambda
      for _, rec in ipairs(records) do
        rec.area = area
        res.records[#res.records + 1] = rec
        classes[rec.sector] = rec.class
        res.counts[rec.class] = res.counts[rec.class] + 1
      end
      for _, s in ipairs(labels) do
        if not classes[s] then classes[s] = "absent"; res.counts.absent = res.counts.absent + 1 end
      end
    else
      res.skipped[#res.skipped + 1] = { area = area, reason = lambda }
    end
    res.class[area] = classes
    if k % 4 == 0 then collectgarbage("step") end  -- a minor collection: these areas' n x n temporaries
    if opts.progress then opts.progress(k, total, area) end
  end
  collectgarbage(gc_mode)
  return res
end

return M
