-- scoreboard/index.lua -- normalisation and composite indices as the EIS 2008
-- technical annex (section 8.1, "Calculating composite indexes"; Hollanders &
-- van Cruysen 2008; proinno-europe.eu/page/technical-annex) does them: square
-- roots of the unbounded indicators, outliers beyond the reference group's mean
-- plus or minus 3 sd, min-max re-scaling (or z-scores), and composites per
-- dimension, per group and the Summary Innovation Index.
local check = require "check"
local data = require "scoreboard.data"
local M = {}
local fail = check.failer("scoreboard")

---------------------------------------------------------------------------
-- normalisation: the EIS 2008 technical annex, steps 1-6
---------------------------------------------------------------------------

local function mean_sd(xs)
  local n, s = #xs, 0
  for _, x in ipairs(xs) do s = s + x end
  local m = s / n
  if n < 2 then return m, nil end
  local ss = 0
  for _, x in ipairs(xs) do ss = ss + (x - m) ^ 2 end
  return m, math.sqrt(ss / (n - 1))
end

-- Re-scaled scores of every indicator of the catalogue for the compared units.
-- opts: units (compared, default all), reference_group (for the outlier rule,
-- default the compared units), method ("minmax", default, or "zscore"),
-- outlier_sd (default 3), transform (default true).
-- Returns {score = {unit = {code = s}}, value = {unit = {code = transformed}},
-- min = {code}, max = {code}, mean = {code}, sd = {code}, outliers = {unit =
-- {code = "positive"/"negative"}}, dropped = {code = reason}, imputed =
-- {unit = {code = method}}, units, method}. A missing value stays missing.
function M.normalise(cat, values, opts)
  opts = opts or {}
  data.check_codes(cat, values)
  local units = opts.units or values.units
  local refgroup = opts.reference_group or units
  local method = opts.method or "minmax"
  if method ~= "minmax" and method ~= "zscore" then
    fail("normalise", "method must be 'minmax' or 'zscore', not '%s'", tostring(method))
  end
  local k = opts.outlier_sd or 3
  for _, u in ipairs(units) do data.check_unit(values, u, "opts.units") end
  for _, u in ipairs(refgroup) do data.check_unit(values, u, "opts.reference_group") end
  local res = {score = {}, value = {}, min = {}, max = {}, mean = {}, sd = {}, outliers = {},
    dropped = {}, imputed = {}, units = units, method = method, outlier_sd = k}
  local all = {}
  for _, u in ipairs(units) do all[u] = true end
  for _, u in ipairs(refgroup) do all[u] = true end
  for u in pairs(all) do res.value[u], res.imputed[u] = {}, {} end
  for _, u in ipairs(units) do res.score[u], res.outliers[u] = {}, {} end

  for _, e in ipairs(cat.indicators) do
    local code = e.code
    -- Step 1 (transforming data): the four unbounded indicators (public-private
    -- co-publications, EPO patents, Community trademarks, Community designs,
    -- all per million population) are square-rooted before anything else.
    for u in pairs(all) do
      local x, how = data.value(cat, values, u, code)
      if x and e.transform == "sqrt" and opts.transform ~= false then
        if x < 0 then
          fail("normalise", "unit '%s', indicator %s: a negative value (%g) cannot be square-rooted", u, code, x)
        end
        x = math.sqrt(x)
      end
      res.value[u][code], res.imputed[u][code] = x, how
    end
    -- Step 2 (identifying outliers): beyond the reference group's mean plus or
    -- minus outlier_sd (3) standard deviations (sample sd); they are left out
    -- when setting the maximum and minimum (step 5).
    local ref = {}
    for _, u in ipairs(refgroup) do
      if res.value[u][code] then ref[#ref + 1] = res.value[u][code] end
    end
    local rmean, rsd
    if #ref >= 2 then rmean, rsd = mean_sd(ref) end
    -- Step 3 (reference years) and step 4 (imputing missing values across
    -- years) concern time series; a cross-section is imputed only on request
    -- through scoreboard.impute, before normalising.
    local xs, kept = {}, {}
    for _, u in ipairs(units) do
      local x = res.value[u][code]
      if x then
        xs[#xs + 1] = x
        if rsd and rsd > 0 and x > rmean + k * rsd then res.outliers[u][code] = "positive"
        elseif rsd and rsd > 0 and x < rmean - k * rsd then res.outliers[u][code] = "negative"
        else kept[#kept + 1] = x end
      end
    end
    local sign = e.direction == "lower" and -1 or 1
    if method == "minmax" then
      -- Step 5 (maximum and minimum): the highest and lowest value across the
      -- compared units, outliers excluded.
      local lo, hi = math.huge, -math.huge
      for _, x in ipairs(kept) do lo, hi = math.min(lo, x), math.max(hi, x) end
      if #xs < 2 then res.dropped[code] = #xs == 0 and "no unit has a value" or "only one unit has a value"
      elseif not (hi > lo) then res.dropped[code] = "no spread across the compared units"
      else
        res.min[code], res.max[code] = lo, hi
        -- Step 6 (re-scaled scores): (x - min) / (max - min); positive
        -- outliers score 1, negative outliers 0 (reversed for an indicator
        -- where lower is better).
        for _, u in ipairs(units) do
          local x, out = res.value[u][code], res.outliers[u][code]
          if x then
            local s = out == "positive" and 1 or out == "negative" and 0 or (x - lo) / (hi - lo)
            res.score[u][code] = sign > 0 and s or 1 - s
          end
        end
      end
    else
      -- the z-score option: (x - mean) / sd across the compared units
      -- (the OECD/JRC Handbook on composite indicators, 2008, section 5)
      local m, sd = mean_sd(xs)
      if #xs < 2 then res.dropped[code] = #xs == 0 and "no unit has a value" or "only one unit has a value"
      elseif not (sd and sd > 0) then res.dropped[code] = "no spread across the compared units"
      else
        res.mean[code], res.sd[code] = m, sd
        for _, u in ipairs(units) do
          local x = res.value[u][code]
          if x then res.score[u][code] = sign * (x - m) / sd end
        end
      end
    end
  end
  return res
end

---------------------------------------------------------------------------
-- composite indices: the annex's step 7
---------------------------------------------------------------------------

-- Composite indices of each compared unit from normalise()'s scores.
-- Step 7: a dimension's composite is the unweighted average of the re-scaled
-- scores of its available indicators; a group's composite is the average of
-- its dimensions' composites weighted by their numbers of indicators (the
-- same as the average of the group's indicators); the Summary Innovation
-- Index is the unweighted average of the re-scaled scores of all available
-- indicators. opts.weights: "indicator" (default, the annex), "dimension"
-- (every dimension counts equally in the groups and the SII), "group" (every
-- group counts equally in the SII); opts.dimension_weights / group_weights /
-- indicator_weights ({name or code = w}) multiply those weights.
-- Returns {unit = {sii = {score, n, n_imputed}, dimensions = {name = {...}},
-- groups = {name = {...}}}}; n is the number of indicators behind a score.
function M.composites(cat, norm, opts)
  opts = opts or {}
  local scheme = opts.weights or "indicator"
  if scheme ~= "indicator" and scheme ~= "dimension" and scheme ~= "group" then
    fail("composites", "weights must be 'indicator', 'dimension' or 'group', not '%s'", tostring(scheme))
  end
  local dw, gw, iw = opts.dimension_weights or {}, opts.group_weights or {}, opts.indicator_weights or {}
  local out = {}
  for _, u in ipairs(norm.units) do
    local s = norm.score[u]
    local function avg(codes)
      local sw, sx, n, ni = 0, 0, 0, 0
      for _, c in ipairs(codes) do
        if s[c] then
          local w = iw[c] or 1
          sw, sx, n = sw + w, sx + w * s[c], n + 1
          if norm.imputed[u][c] then ni = ni + 1 end
        end
      end
      return {score = n > 0 and sw > 0 and sx / sw or nil, n = n, n_imputed = ni, weight = sw}
    end
    local dims = {}
    for _, d in ipairs(cat.dimensions) do dims[d.name] = avg(d.codes) end
    -- parts with a composite each: weighted by their indicators' weights, or
    -- equally when `equal`; mult(name) multiplies a part's weight
    local function combine(parts, equal, mult)
      local sw, sx, n, ni = 0, 0, 0, 0
      for _, p in ipairs(parts) do
        local c = p.composite
        if c.score then
          local w = (equal and 1 or c.weight) * mult(p)
          sw, sx, n, ni = sw + w, sx + w * c.score, n + c.n, ni + c.n_imputed
        end
      end
      return {score = n > 0 and sw > 0 and sx / sw or nil, n = n, n_imputed = ni, weight = sw}
    end
    local groups, dim_parts, group_parts = {}, {}, {}
    for _, d in ipairs(cat.dimensions) do
      dim_parts[#dim_parts + 1] = {name = d.name, group = d.group, composite = dims[d.name]}
    end
    for _, g in ipairs(cat.groups) do
      local parts = {}
      for _, p in ipairs(dim_parts) do if p.group == g.name then parts[#parts + 1] = p end end
      groups[g.name] = combine(parts, scheme == "dimension", function(p) return dw[p.name] or 1 end)
      group_parts[#group_parts + 1] = {name = g.name, composite = groups[g.name]}
    end
    local sii
    if scheme == "group" then
      sii = combine(group_parts, true, function(p) return gw[p.name] or 1 end)
    else
      sii = combine(dim_parts, scheme == "dimension",
        function(p) return (dw[p.name] or 1) * (gw[p.group] or 1) end)
    end
    local function strip(c) return {score = c.score, n = c.n, n_imputed = c.n_imputed} end
    for k, c in pairs(dims) do dims[k] = strip(c) end
    for k, c in pairs(groups) do groups[k] = strip(c) end
    out[u] = {sii = strip(sii), dimensions = dims, groups = groups}
  end
  return out
end

-- Ranks of the units by Summary Innovation Index (1 = highest); ties share
-- the best rank; a unit without an SII gets no rank.
function M.ranks(comp, units)
  local list = {}
  for _, u in ipairs(units) do
    if comp[u] and comp[u].sii.score then list[#list + 1] = u end
  end
  local rank = {}
  for _, u in ipairs(list) do
    local r = 1
    for _, v in ipairs(list) do
      if comp[v].sii.score > comp[u].sii.score then r = r + 1 end
    end
    rank[u] = r
  end
  return rank
end

M._help = {
  _about = "EIS 2008 normalisation (annex steps 1-6) and composite indices (step 7)",
  normalise = "index.normalise(cat, values, {units=, reference_group=, method='minmax'|'zscore', outlier_sd=3, transform=true}) -- re-scaled scores",
  composites = "index.composites(cat, norm [, {weights='indicator'|'dimension'|'group', dimension_weights=, group_weights=}]) -- dimension, group and SII scores with counts",
  ranks = "index.ranks(composites, units) -- rank of each unit by SII (1 = highest)",
}

return M
