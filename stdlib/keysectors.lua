-- keysectors.lua -- the study's key sectors and linkage-oriented sectors
-- (Samambayeva 2013, section on key sectors, tables 5-10): Rasmussen's (1956)
-- backward and forward indices with Hazari's (1970) coefficients of
-- variation (Miller & Blair 2009, ch. 12). A key sector has both indices
-- above 1 and both CVs "relatively low" (its effects spread over many
-- sectors); a backward- (forward-) linkage-oriented sector has the backward
-- (forward) index above 1 with a low CV. The study leaves the local-serving
-- and primary sectors out of the oriented lists (tables 6, 7, 10) but keeps
-- them among the key sectors (table 5). Each function returns records.
local leontief = require "leontief"
local linkages = require "linkages"
local check = require "check"

local M = {}

M._help = {
  _about = "the study's key sectors and low-CV linkage-oriented sectors (tables 5-10) as records",
  RULES = "keysectors.RULES -- the key-sector rules by name: 'cv' (the study's: both indices > 1 and both CVs "
    .. "<= the limit) and 'index' (both indices > 1); keysectors.RULE = 'cv' is the default",
  LISTS = "keysectors.LISTS -- the lists (key, backward, forward): title, the study's table at each level and "
    .. "whether local-serving sectors are left out",
  classify = "keysectors.classify(r, limit, rule) -> classes: 'key', 'backward', 'forward', 'uneven' (both "
    .. "indices > 1, a CV above the limit) or 'weak'; r from linkages.rasmussen, limit = {backward=, forward=}",
  cv_limit = "keysectors.cv_limit(r [, max_cv]) -> {backward=, forward=}: max_cv, else the mean CV over the sectors",
  measures = "keysectors.measures(L, f [, {rule=, max_cv=}]) -> {rasmussen=, cv_limit=, rule=, classes=, hazari= "
    .. "(or nil, hazari_error=), multipliers=}: the vectors behind analyse's records, for many regions (the atlas)",
  analyse = "keysectors.analyse(A, f, labels [, {rule=, max_cv=, local_serving={labels}, lists=true}]) -> {records=, key=, "
    .. "backward=, forward=, cv_limit=, rule=, rule_text=, local_serving=, L=}; lists = false: records only, no key, "
    .. "backward, forward lists (the atlas)",
  list_rows = "keysectors.list_rows(res, level) -> records {level, list, sector, backward_linkage, forward_linkage, "
    .. "coefficient_of_variation} in the published layout of tables 5-10",
  map = "keysectors.map(res, {file=, title=}) -> svg: the key-sector map of the study's figures 8 and 9 (plot.quadrant)",
  classifier = "keysectors.classifier([opts]) -> function(L) -> classes by the rule in force (for regionalize.delta_sweep)",
}

local fail = check.failer("keysectors")

M.RULES = {
  cv = "both Rasmussen indices above 1 and both Hazari CVs at or below the limit",
  index = "both Rasmussen indices above 1 (CVs not used)",
}
M.RULE = "cv"

-- the study's lists: who belongs (rec a record of analyse, limit the CV
-- limits), the CV shown, the published table at each level, and whether
-- local-serving and primary sectors are left out (local)
M.LISTS = {
  { name = "key", list = "key sectors", title = "Key sectors", tables = { national = 8, regional = 5 },
    ["local"] = false, member = function(rec) return rec.class == "key" end },
  { name = "backward", list = "backward-linkage-oriented", title = "Backward-linkage-oriented sectors with low CV",
    tables = { national = 10, regional = 6 }, ["local"] = true, cv = "cv_backward",
    member = function(rec, limit) return rec.class ~= "key" and rec.backward > 1 and rec.cv_backward <= limit.backward end },
  -- table 9 holds only mining and manufacturing sectors, as tables 6, 7 and 10 do
  { name = "forward", list = "forward-linkage-oriented", title = "Forward-linkage-oriented sectors with low CV",
    tables = { national = 9, regional = 7 }, ["local"] = true, cv = "cv_forward",
    member = function(rec, limit) return rec.class ~= "key" and rec.forward > 1 and rec.cv_forward <= limit.forward end },
}

local function mean(v)
  return v:sum() / #v
end

function M.cv_limit(r, max_cv)
  if max_cv ~= nil then
    if type(max_cv) ~= "number" or not (max_cv > 0) then
      fail("cv_limit", "max_cv must be a positive number, got %s", tostring(max_cv))
    end
    return { backward = max_cv, forward = max_cv, source = "the threshold " .. max_cv }
  end
  return { backward = mean(r.cv_backward), forward = mean(r.cv_forward), source = "the mean CV over the sectors" }
end

function M.classify(r, limit, rule)
  rule = check.one_of("keysectors.classify", "rule", rule or M.RULE, { "cv", "index" })
  local b, f = r.backward:list(), r.forward:list()
  local cb, cf = r.cv_backward:list(), r.cv_forward:list()
  local classes = {}
  for i = 1, #b do
    local even = rule == "index" or (cb[i] <= limit.backward and cf[i] <= limit.forward)
    if b[i] > 1 and f[i] > 1 then classes[i] = even and "key" or "uneven"
    elseif b[i] > 1 then classes[i] = "backward"
    elseif f[i] > 1 then classes[i] = "forward"
    else classes[i] = "weak" end
  end
  return classes
end

function M.classifier(opts)
  opts = opts or {}
  return function(L)
    local r = linkages.rasmussen(L)
    return M.classify(r, M.cv_limit(r, opts.max_cv), opts.rule)
  end
end

local function by(field, desc)
  return function(x, y)
    if x[field] ~= y[field] then if desc then return x[field] > y[field] end return x[field] < y[field] end
    return x.sector < y.sector
  end
end

-- the measures behind the classes, one vector each (no per-sector records):
-- Rasmussen's indices with Hazari's CVs, the CV limit and the classes by the
-- rule, Hazari's final-demand-weighted indices (nil where final demand
-- gives no weights: hazari_error says why) and the output multipliers
function M.measures(L, f, opts)
  opts = opts or {}
  local rule = check.one_of("keysectors.measures", "rule", opts.rule or M.RULE, { "cv", "index" })
  local r = linkages.rasmussen(L)
  local limit = M.cv_limit(r, opts.max_cv)
  local ok, hz = pcall(linkages.hazari, L, f)
  return { rasmussen = r, cv_limit = limit, rule = rule, classes = M.classify(r, limit, rule),
    hazari = ok and hz or nil, hazari_error = not ok and hz or nil, multipliers = L:colsums() }
end

function M.analyse(A, f, labels, opts)
  opts = opts or {}
  local rule = check.one_of("keysectors.analyse", "rule", opts.rule or M.RULE, { "cv", "index" })
  local L = leontief.inverse(A)
  local ms = M.measures(L, f, { rule = rule, max_cv = opts.max_cv })
  local r, limit, classes, hz = ms.rasmussen, ms.cv_limit, ms.classes, ms.hazari
  local set_aside = {}
  for _, s in ipairs(opts.local_serving or {}) do set_aside[s] = true end
  local b, fw = r.backward:list(), r.forward:list()
  local cvb, cvf = r.cv_backward:list(), r.cv_forward:list()
  local mult = ms.multipliers:list()
  local res = { L = L, rasmussen = r, classes = classes, records = {}, cv_limit = limit, rule = rule,
    rule_text = M.RULES[rule] .. (rule == "cv" and " (" .. limit.source .. ")" or ""),
    hazari_error = ms.hazari_error, local_serving = {} }
  for i, s in ipairs(labels) do
    res.records[i] = { sector = s, backward = b[i], forward = fw[i], cv_backward = cvb[i], cv_forward = cvf[i],
      output_multiplier = mult[i], class = classes[i], local_serving = set_aside[s] and "yes" or "no",
      hazari_backward = hz and hz.backward:get(i, 1) or nil, hazari_forward = hz and hz.forward:get(i, 1) or nil }
    if set_aside[s] then res.local_serving[#res.local_serving + 1] = s end
  end
  for _, l in ipairs(opts.lists == false and {} or M.LISTS) do
    local list = {}
    for _, rec in ipairs(res.records) do
      if l.member(rec, limit) and not (l["local"] and set_aside[rec.sector]) then
        list[#list + 1] = { sector = rec.sector, backward = rec.backward, forward = rec.forward, cv = l.cv and rec[l.cv],
          cv_backward = rec.cv_backward, cv_forward = rec.cv_forward }
      end
    end
    -- key sectors by backward index, the oriented ones by CV, the lowest first
    table.sort(list, l.cv and by("cv") or by("backward", true))
    res[l.name] = list
  end
  return res
end

function M.list_rows(res, level)
  local rows = {}
  for _, l in ipairs(M.LISTS) do
    local entries = res[l.name]
    local sorted = {}
    for k, e in ipairs(entries) do sorted[k] = e end
    table.sort(sorted, function(a, b) return a.sector < b.sector end)
    for _, e in ipairs(sorted) do
      rows[#rows + 1] = { level = level, list = l.list, sector = e.sector, backward_linkage = e.backward,
        forward_linkage = e.forward, coefficient_of_variation = e.cv }
    end
  end
  return rows
end

-- map labels: long sector names without a closing " Services", then up to
-- their first comma or " and " (a 58-sector table's full names would cover the
-- map); names that would become alike stay whole
local function short_labels(names)
  local out, seen = {}, {}
  for i, s in ipairs(names) do
    local t = s
    if #t > 26 then t = t:gsub(" [Ss]ervices$", "") end
    if #t > 26 then t = t:match("^(.-),") or t end
    if #t > 26 then t = t:match("^(.-) and ") or t end
    if #t < 4 then t = s end
    out[i] = t
    seen[t] = (seen[t] or 0) + 1
  end
  for i, s in ipairs(names) do if seen[out[i]] > 1 then out[i] = s end end
  return out
end

-- the study's figures 8 and 9: backward index against forward, lines at 1;
-- under the CV rule a sector above 1 on both whose CVs are not low is marked
function M.map(res, opts)
  local x, y, names = {}, {}, {}
  for i, r in ipairs(res.records) do x[i], y[i], names[i] = r.backward, r.forward, r.sector end
  local labels = short_labels(names)
  for i, r in ipairs(res.records) do
    if r.class == "uneven" then labels[i] = labels[i] .. " (CV high)" end
  end
  return require("plot").quadrant{
    x = x, y = y, labels = labels, xline = 1, yline = 1, file = opts.file, title = opts.title,
    xlab = "Backward linkage (power of dispersion)", ylab = "Forward linkage (sensitivity of dispersion)",
    quadrants = { top_right = res.rule == "cv" and "Key sectors (if both CVs low)" or "Key sectors",
      top_left = "Forward-linkage oriented",
      bottom_right = "Backward-linkage oriented", bottom_left = "Weak linkages" },
  }
end

return M
