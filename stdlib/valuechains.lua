-- valuechains.lua -- value chains (industry clusters) read from the rotated
-- loadings of a factor analysis of the linkage matrix: members above a loading
-- threshold, primary membership by an industry's highest loading, secondary
-- memberships above a lower threshold (Feser & Bergman 2000, "National industry
-- cluster templates", Regional Studies 34(1), 1-19; Feser, Sweeney & Renski 2005,
-- J. Regional Science 45(2)), tables like the study's tables 11-13, and the key
-- sectors of a linkage analysis (Rasmussen 1956) that each value chain confirms.
local matrix = require "matrix"
local check = require "check"

local M = {}

M.THRESHOLD = 0.5    -- the study's reading of loadings (tables 11-13: "loadings > 0.5")
M.SECONDARY = 0.35   -- secondary membership, after Feser & Bergman (2000)

M._help = {
  _about = "value chains from rotated factor loadings: members, primary/secondary membership, tables",
  identify = "valuechains.identify(res [, {threshold=0.5, secondary=0.35, names=, classes=}]) -> {factors="
    .. "{{factor=, name=, initial_eigenvalue=, initial_share=, rotated_variance=, rotated_share=, members={{sector=, index=, loading=, primary=}},"
    .. " primary=, secondary=, key=}}, primary={sector -> factor}, secondary={sector -> {factors}}}"
    .. "; res from factor.pca",
  confirm = "valuechains.confirm(vc, classes) -> per factor {key=, backward=, forward=, weak=} members by class,"
    .. " and .unconfirmed (key sectors in no value chain); classes: label -> \"key\"|\"backward\"|...",
  compare = "valuechains.compare(vc, published) -> for each published cluster {cluster=, factor=, shared=,"
    .. " missing=, extra=, jaccard=}: the value chain sharing most industries with it; published ="
    .. " {{cluster=, industry=}, ...} (names compared ignoring case and spacing)",
  rows = "valuechains.rows(vc [, {digits=4}]) -> printable rows {\"Factor\", \"Value chain\", \"Initial eigenvalue\","
    .. " \"Initial %\", \"Rotated variance\", \"Rotated %\", \"Industry\", \"Loading\"}, one per member, as the"
    .. " study's tables 11-13",
  analyse = "valuechains.analyse(Z [, {classes=, threshold=}]) -> {R=, info=, pca=, vc=, definiteness=, records=}: "
    .. "the study's procedure on a flow matrix: FSR linkage matrix, principal components, Kaiser criterion, varimax, "
    .. "members at 0.5",
  records = "valuechains.records(vc) -> one record per member {factor=, value_chain=, initial_eigenvalue=, "
    .. "initial_share_percent=, rotated_variance=, rotated_share_percent=, industry=, loading=}; a factor with no "
    .. "member at the threshold gets one record with note= saying so; member = the industry or the note, to print",
  key_records = "valuechains.key_records(vc) -> {factor=, key='a; b'} for each factor confirming key sectors",
}

local fail = check.failer("valuechains")

local function check_threshold(fname, v, what)
  if type(v) ~= "number" or v ~= v or v <= 0 or v >= 1 then
    fail(fname, "%s must be a number between 0 and 1, got %s", what, tostring(v))
  end
end

-- classes given as label -> class, or as an array aligned with the sectors
local function class_of(classes, sector, index)
  return classes[sector] or classes[index]
end

function M.confirm(vc, classes)
  if type(vc) ~= "table" or type(vc.factors) ~= "table" then
    fail("confirm", "vc must come from valuechains.identify")
  end
  if type(classes) ~= "table" then
    fail("confirm", "classes must be a table sector -> \"key\"|\"backward\"|\"forward\"|\"weak\"")
  end
  local confirmed, out = {}, {unconfirmed = {}}
  for j, f in ipairs(vc.factors) do
    local by = {key = {}, backward = {}, forward = {}, weak = {}}
    for _, m in ipairs(f.members) do
      local c = class_of(classes, m.sector, m.index)
      if by[c] then by[c][#by[c] + 1] = m.sector end
      if c == "key" then confirmed[m.sector] = true end
    end
    out[j] = by
  end
  for _, s in ipairs(vc.sectors) do
    local i = vc.index[s]
    if class_of(classes, s, i) == "key" and not confirmed[s] then
      out.unconfirmed[#out.unconfirmed + 1] = s
    end
  end
  return out
end

function M.identify(res, opts)
  opts = opts or {}
  if type(res) ~= "table" or not matrix.ismatrix(res.loadings) then
    fail("identify", "res must be factor.pca's result (a table with loadings)")
  end
  local threshold, secondary = opts.threshold or M.THRESHOLD, opts.secondary or M.SECONDARY
  check_threshold("identify", threshold, "threshold")
  check_threshold("identify", secondary, "secondary")
  local A = res.loadings
  local p, k = A:rows(), A:cols()
  local sectors = A:rownames() or {}
  for i = 1, p do sectors[i] = sectors[i] or ("sector " .. i) end

  local vc = {threshold = threshold, secondary = secondary, sectors = sectors, index = {},
              factors = {}, primary = {}, secondary = {}}
  for i, s in ipairs(sectors) do vc.index[s] = i end

  -- primary membership: the factor with an industry's highest loading
  local rows = A:totable()
  local best = {}
  for i = 1, p do
    local r, bj = rows[i], 1
    for j = 2, k do if r[j] > r[bj] then bj = j end end
    best[i] = bj
    vc.primary[sectors[i]] = bj
  end

  for j = 1, k do
    local f = {
      factor = j, name = opts.names and opts.names[j] or ("Factor " .. j),
      -- the initial eigenvalue (before rotation: what the study's "eigenvalue
      -- 13.75, 23.71%" is, 13.75 / 58) and the rotated sum of squared loadings,
      -- each with its share of the p variables' total variance
      initial_eigenvalue = res.eigenvalues and res.eigenvalues:get(j, 1) or nil,
      initial_share = res.eigenvalues and res.eigenvalues:get(j, 1) / p or nil,
      rotated_variance = res.variance and res.variance[j] or nil,
      rotated_share = res.proportion and res.proportion[j] or nil,
      members = {}, primary = {}, secondary = {},
    }
    for i = 1, p do
      local l = rows[i][j]
      if l >= threshold then
        f.members[#f.members + 1] = {sector = sectors[i], index = i, loading = l, primary = best[i] == j}
      end
      if best[i] == j then
        f.primary[#f.primary + 1] = sectors[i]
      elseif l >= secondary then
        f.secondary[#f.secondary + 1] = sectors[i]
        local list = vc.secondary[sectors[i]] or {}
        list[#list + 1] = j
        vc.secondary[sectors[i]] = list
      end
    end
    table.sort(f.members, function(a, b)
      if a.loading ~= b.loading then return a.loading > b.loading end
      return a.index < b.index
    end)
    vc.factors[j] = f
  end

  if opts.classes then
    local c = M.confirm(vc, opts.classes)
    for j, f in ipairs(vc.factors) do f.key = c[j].key end
    vc.unconfirmed = c.unconfirmed
  end
  return vc
end

local function normal(name)
  return (tostring(name):lower():gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- matches published clusters (e.g. the study's tables 11-13) to value chains
function M.compare(vc, published)
  if type(vc) ~= "table" or type(vc.factors) ~= "table" then
    fail("compare", "vc must come from valuechains.identify")
  end
  if type(published) ~= "table" then fail("compare", "published must be a list of {cluster=, industry=}") end
  local order, clusters = {}, {}
  for k, r in ipairs(published) do
    if type(r) ~= "table" or r.cluster == nil or r.industry == nil then
      fail("compare", "published[%d] must have cluster= and industry=", k)
    end
    if not clusters[r.cluster] then
      clusters[r.cluster] = {}
      order[#order + 1] = r.cluster
    end
    local list = clusters[r.cluster]
    list[#list + 1] = r.industry
  end
  local out = {}
  for _, name in ipairs(order) do
    local wanted, best = {}, nil
    for _, ind in ipairs(clusters[name]) do wanted[normal(ind)] = ind end
    for j, f in ipairs(vc.factors) do
      local shared, extra, have = {}, {}, {}
      for _, m in ipairs(f.members) do
        local key = normal(m.sector)
        have[key] = true
        if wanted[key] then shared[#shared + 1] = m.sector else extra[#extra + 1] = m.sector end
      end
      if not best or #shared > #best.shared then
        local missing = {}
        for _, ind in ipairs(clusters[name]) do
          if not have[normal(ind)] then missing[#missing + 1] = ind end
        end
        best = {cluster = name, factor = j, name = f.name, shared = shared, missing = missing, extra = extra}
      end
    end
    local union = #best.shared + #best.missing + #best.extra
    best.jaccard = union > 0 and #best.shared / union or 0
    out[#out + 1] = best
  end
  return out
end

function M.rows(vc, opts)
  opts = opts or {}
  if type(vc) ~= "table" or type(vc.factors) ~= "table" then
    fail("rows", "vc must come from valuechains.identify")
  end
  local fmt = "%." .. (opts.digits or 4) .. "f"
  local function num(v, scale) return v and string.format("%.2f", v * (scale or 1)) or "" end
  local out = {{"Factor", "Value chain", "Initial eigenvalue", "Initial %", "Rotated variance", "Rotated %",
    "Industry", "Loading"}}
  for _, r in ipairs(M.records(vc)) do
    out[#out + 1] = {tostring(r.factor), r.value_chain, num(r.initial_eigenvalue), num(r.initial_share_percent),
      num(r.rotated_variance), num(r.rotated_share_percent), r.industry or r.note,
      r.loading and string.format(fmt, r.loading) or ""}
  end
  return out
end

-- one record per member of each factor, as the study's tables 11-13; a
-- factor with no member at or above the threshold gets one record saying so
function M.records(vc)
  if type(vc) ~= "table" or type(vc.factors) ~= "table" then
    fail("records", "vc must come from valuechains.identify")
  end
  local out = {}
  for _, f in ipairs(vc.factors) do
    local base = {factor = f.factor, value_chain = f.name, initial_eigenvalue = f.initial_eigenvalue,
      initial_share_percent = f.initial_share and 100 * f.initial_share,
      rotated_variance = f.rotated_variance, rotated_share_percent = f.rotated_share and 100 * f.rotated_share}
    local function record(extra)
      local r = {}
      for k, v in pairs(base) do r[k] = v end
      for k, v in pairs(extra) do r[k] = v end
      out[#out + 1] = r
    end
    if #f.members == 0 then
      local note = string.format("no industry loads >= %s", vc.threshold)
      record{note = note, member = "(" .. note .. ")"}
    end
    for _, m in ipairs(f.members) do record{industry = m.sector, member = m.sector, loading = m.loading} end
  end
  return out
end

function M.key_records(vc)
  local out = {}
  for _, f in ipairs(vc.factors) do
    if f.key and #f.key > 0 then out[#out + 1] = {factor = f.name, key = table.concat(f.key, "; ")} end
  end
  return out
end

-- The study's procedure (tables 11-13): the Feser-Sweeney-Renski linkage
-- matrix of the flows Z, its principal components with eigenvalues >= 1
-- (Kaiser), varimax, and the industries loading >= 0.5 on each factor.
function M.analyse(Z, opts)
  opts = opts or {}
  local fsr, factor = require "fsr", require "factor"
  local R, info = fsr.linkage_matrix(Z)
  local res = factor.pca(R, {rotate = "varimax"})
  local vc = M.identify(res, {classes = opts.classes, threshold = opts.threshold})
  return {R = R, info = info, pca = res, vc = vc, definiteness = factor.definiteness(res), records = M.records(vc)}
end

return M
