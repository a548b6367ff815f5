-- scoreboard/uncertainty.lua -- Monte Carlo uncertainty analysis of the
-- scoreboard's composite indices, as Saisana, Saltelli & Tarantola (2005,
-- J. R. Statist. Soc. A 168(2)) and the EIS 2005 methodology report (Sajeva,
-- Gatelli, Tarantola & Hollanders 2005, section 5.1) do it: every draw picks an
-- imputation, a normalisation and a set of weights at random, recomputes the
-- composites and ranks, and the summary says how far they move from the
-- baseline (no imputation, min-max with 3-sd outliers, the annex's weights).
local check = require "check"
local sb = require "scoreboard"
local M = {}

-- splitmix64 (Steele, Lea & Flood 2014): a seeded generator of its own, so the
-- draws neither depend on nor disturb math.random's state. Returns a function
-- giving a float in [0, 1).
local function generator(seed)
  local state = math.tointeger(seed)
  if not state then check.fail("scoreboard.uncertainty", "seed must be an integer, not %s", tostring(seed)) end
  return function()
    state = state + 0x9e3779b97f4a7c15
    local z = state
    z = (z ~ (z >> 30)) * 0xbf58476d1ce4e5b9
    z = (z ~ (z >> 27)) * 0x94d049bb133111eb
    z = z ~ (z >> 31)
    return (z >> 11) * 2.0 ^ -53
  end
end

local IMPUTATIONS = {"none", "group_mean", "worst"}
local NORMALISATIONS = {
  {name = "minmax, 3 sd outliers", method = "minmax", outlier_sd = 3},
  {name = "minmax, 2 sd outliers", method = "minmax", outlier_sd = 2},
  {name = "zscore", method = "zscore"},
}
local WEIGHTS = {"indicator", "dimension", "group"}

-- quantile of a sorted array, R's type 7 (linear interpolation)
local function quantile(sorted, p)
  local n = #sorted
  if n == 0 then return nil end
  local h = (n - 1) * p + 1
  local lo = math.floor(h)
  if lo >= n then return sorted[n] end
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo])
end

local function summary(xs)
  if #xs == 0 then return {n = 0} end
  table.sort(xs)
  local s = 0
  for _, x in ipairs(xs) do s = s + x end
  local m, ss = s / #xs, 0
  for _, x in ipairs(xs) do ss = ss + (x - m) ^ 2 end
  return {n = #xs, mean = m, sd = #xs > 1 and math.sqrt(ss / (#xs - 1)) or 0,
    min = xs[1], p05 = quantile(xs, 0.05), p50 = quantile(xs, 0.5),
    p95 = quantile(xs, 0.95), max = xs[#xs]}
end

-- Runs the analysis. opts: draws (default 1000), seed (default 1), units
-- (compared, default all), reference_group (outliers and imputation; default
-- the compared units), vary = {weights=, normalisation=, imputation=} (each
-- true by default), weight_spread (dimension weights are multiplied by a
-- uniform draw in [1 - s, 1 + s], default 0.5).
-- Returns {draws, seed, units, baseline = {sii, rank, dimensions}, sii =
-- {unit = summary}, dimensions = {unit = {name = summary}}, rank = {unit =
-- summary + freq = {[rank] = share}}, mean_rank_shift, scenarios}. Composite
-- summaries cover the min-max draws only (z-scores are on another scale);
-- ranks cover every draw. A summary is {n, mean, sd, min, p05, p50, p95, max}.
-- draws beyond MAX_DRAWS (about 10 s on one core) are refused: the summaries
-- are stable long before, and a typo (1e9) would run for days
M.MAX_DRAWS = 100000

function M.monte_carlo(cat, values, opts)
  opts = opts or {}
  local draws = opts.draws or 1000
  if math.type(draws) ~= "integer" or draws < 1 or draws > M.MAX_DRAWS then
    check.fail("scoreboard.uncertainty", "draws must be a whole number from 1 to %d, not %s", M.MAX_DRAWS,
      tostring(draws))
  end
  local seed = opts.seed or 1
  local random = generator(seed)
  local units = opts.units or values.units
  local refgroup = opts.reference_group or units
  local vary = opts.vary or {}
  local spread = opts.weight_spread or 0.5

  -- the imputed data sets and their normalisations, computed once
  local norms = {}
  for i, imp in ipairs(IMPUTATIONS) do
    local v = imp == "none" and values or sb.impute(cat, values, {method = imp, group = refgroup, units = units})
    norms[i] = {}
    for j, nm in ipairs(NORMALISATIONS) do
      norms[i][j] = sb.normalise(cat, v, {units = units, reference_group = refgroup,
        method = nm.method, outlier_sd = nm.outlier_sd})
    end
  end

  local base = sb.composites(cat, norms[1][1])
  local base_rank = sb.ranks(base, units)
  local res = {draws = draws, seed = seed, units = units,
    baseline = {sii = {}, rank = base_rank, dimensions = {}},
    sii = {}, dimensions = {}, rank = {},
    scenarios = {imputation = {}, normalisation = {}, weights = {}}}
  local sii, dims, ranks = {}, {}, {}
  for _, u in ipairs(units) do
    res.baseline.sii[u] = base[u].sii.score
    res.baseline.dimensions[u] = {}
    sii[u], dims[u], ranks[u] = {}, {}, {}
    for _, d in ipairs(cat.dimensions) do
      res.baseline.dimensions[u][d.name] = base[u].dimensions[d.name].score
      dims[u][d.name] = {}
    end
  end
  local function pick(list, on) return on == false and 1 or 1 + math.floor(random() * #list) end
  local shift, nshift = 0, 0
  for _ = 1, draws do
    local i = pick(IMPUTATIONS, vary.imputation)
    local j = pick(NORMALISATIONS, vary.normalisation)
    local w = pick(WEIGHTS, vary.weights)
    local dw = {}
    if vary.weights ~= false then
      for _, d in ipairs(cat.dimensions) do dw[d.name] = 1 - spread + 2 * spread * random() end
    end
    local sc = res.scenarios
    sc.imputation[IMPUTATIONS[i]] = (sc.imputation[IMPUTATIONS[i]] or 0) + 1
    sc.normalisation[NORMALISATIONS[j].name] = (sc.normalisation[NORMALISATIONS[j].name] or 0) + 1
    sc.weights[WEIGHTS[w]] = (sc.weights[WEIGHTS[w]] or 0) + 1
    local comp = sb.composites(cat, norms[i][j], {weights = WEIGHTS[w], dimension_weights = dw})
    local rank = sb.ranks(comp, units)
    for _, u in ipairs(units) do
      if NORMALISATIONS[j].method == "minmax" then
        if comp[u].sii.score then table.insert(sii[u], comp[u].sii.score) end
        for name, c in pairs(comp[u].dimensions) do
          if c.score then table.insert(dims[u][name], c.score) end
        end
      end
      if rank[u] then
        table.insert(ranks[u], rank[u])
        if base_rank[u] then shift, nshift = shift + math.abs(rank[u] - base_rank[u]), nshift + 1 end
      end
    end
  end
  for _, u in ipairs(units) do
    res.sii[u] = summary(sii[u])
    res.dimensions[u] = {}
    for name, xs in pairs(dims[u]) do res.dimensions[u][name] = summary(xs) end
    local freq = {}
    for _, r in ipairs(ranks[u]) do freq[r] = (freq[r] or 0) + 1 end
    for r, c in pairs(freq) do freq[r] = c / #ranks[u] end
    res.rank[u] = summary(ranks[u])
    res.rank[u].freq = freq
  end
  -- the average absolute shift in rank from the baseline (Saisana et al. 2005)
  res.mean_rank_shift = nshift > 0 and shift / nshift or nil
  return res
end

M._help = {
  _about = "Monte Carlo uncertainty of scoreboard composites and ranks (Saisana, Saltelli & Tarantola 2005)",
  monte_carlo = "uncertainty.monte_carlo(cat, values, {draws=1000, seed=1, units=, reference_group=, vary=}) -- how SII, dimensions and ranks move",
}

return M
