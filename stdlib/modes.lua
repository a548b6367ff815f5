-- modes.lua -- modes of innovation of firms: the STI (science, technology,
-- innovation) and DUI (doing, using, interacting) indicators of Jensen,
-- Johnson, Lorenz & Lundvall (2007), "Forms of knowledge and modes of
-- innovation", Research Policy 36, 680-693 (JJLL), coding of survey answers
-- into those 9 binary indicators, hierarchical clustering of firms on them
-- (Jaccard distances, average linkage: the study's chapter 4, Samambayeva
-- 2013, Table 23) and the naming of the clusters as JJLL's four modes.
local matrix = require "matrix"
local stats = require "stats"
local csv = require "csv"
local check = require "check"

local M = {}

M._help = {
  _about = "modes of innovation (Jensen, Johnson, Lorenz & Lundvall 2007): the 7 DUI and 2 STI"
    .. " binary indicators, coding of survey answers, clustering of firms and JJLL's names"
    .. " for the clusters (STI, DUI, DUI/STI, low learning)",
  indicators = "modes.indicators() -> array of {id= (\"DUI1\"..\"DUI7\", \"STI1\", \"STI2\"),"
    .. " mode=, item=, name=, coding=} in JJLL's order (stdlib/data/sti_dui_indicators.csv)",
  code = "modes.code(survey, mapping [, {firm=\"firm\"}]) -> n x 9 0/1 matrix, rows labelled by"
    .. " firm, columns by indicator id; survey: a csv.read_table record; mapping: indicator id"
    .. " -> {column=, and one of rule=function(value) -> 0/1 (or boolean), above=t (1 if value"
    .. " > t), at_least=t (1 if value >= t), yes={values coded 1}, no={values coded 0}} (with"
    .. " both lists a value in neither is an error, with yes alone it is 0; none of these: the"
    .. " column must hold 0/1); a"
    .. " missing or invalid answer is an error naming the firm, its row and the column",
  cluster = "modes.cluster(B [, {k=4, method=\"average\", distance=\"binary\", modes=}]) ->"
    .. " {tree=, cluster= (group of each firm, as R's cutree), k=, sizes=, profile= (k x J:"
    .. " share of the cluster's firms with each indicator), means= (1 x J sample shares),"
    .. " indicators=, modes= (DUI or STI of each column), firms=}; columns named by indicator"
    .. " id (or 9 unnamed columns in JJLL's order, or opts.modes = {column = \"DUI\"|\"STI\"})",
  label = "modes.label(clusters) -> {clusters= {{cluster=, size=, dui=, sti=, mode=}}, mode="
    .. " (of each firm), counts=, shares= (per mode), modes= (the 4 names), dui_mean=,"
    .. " sti_mean=}: a cluster is high on DUI (STI) when its mean share of the DUI (STI)"
    .. " indicators exceeds the sample's; high on both: \"DUI/STI\", only STI: \"STI\", only"
    .. " DUI: \"DUI\", neither: \"low learning\" (JJLL 2007, sec. 4)",
}

-- the names of the four modes (JJLL 2007, sec. 4)
M.MODES = {"low learning", "DUI", "STI", "DUI/STI"}

local fail = check.failer("modes")

-- the folder of the bundled data files (stdlib/data)
local function data_dir()
  if package.clusterlab_stdlib then return package.clusterlab_stdlib .. "/data" end
  local here = package.searchpath("modes", package.path)
  return here and here:gsub("modes%.lua$", "data") or "stdlib/data"
end

function M.indicators()
  local _, rows = csv.read_rows(data_dir() .. "/sti_dui_indicators.csv")
  local out = {}
  for k, r in ipairs(rows) do
    out[k] = {id = r[1] .. r[2], mode = r[1], item = tonumber(r[2]), name = r[3], coding = r[4]}
  end
  return out
end

---------------------------------------------------------------------------
-- coding survey answers
---------------------------------------------------------------------------

local function in_list(list, v)
  for _, x in ipairs(list) do if x == v then return true end end
  return false
end

-- the 0/1 code of one answer under one spec, or nil and why not
local function code_answer(spec, v)
  if spec.rule then
    local ok, r = pcall(spec.rule, v)
    if not ok then return nil, "the rule failed: " .. tostring(r) end
    if r == true then return 1 elseif r == false then return 0 end
    if r == 0 or r == 1 then return r end
    return nil, "the rule gave " .. tostring(r) .. ", not 0 or 1"
  end
  if spec.yes or spec.no then
    if in_list(spec.yes or {}, v) then return 1 end
    if spec.no and in_list(spec.no, v) then return 0 end
    if not spec.no then return 0 end
    return nil, "answer '" .. tostring(v) .. "' is in neither the yes nor the no list"
  end
  if type(v) ~= "number" then
    return nil, "answer '" .. tostring(v) .. "' is not a number"
  end
  if spec.above then return v > spec.above and 1 or 0 end
  if spec.at_least then return v >= spec.at_least and 1 or 0 end
  if v == 0 or v == 1 then return v end
  return nil, "answer " .. tostring(v) .. " is not 0 or 1 (give a rule, a threshold or yes/no lists)"
end

function M.code(survey, mapping, opts)
  opts = opts or {}
  if type(survey) ~= "table" or type(survey.columns) ~= "table" or type(survey.nrow) ~= "number" then
    fail("code", "survey must be a csv.read_table record {names=, columns=, nrow=}")
  end
  if type(mapping) ~= "table" then fail("code", "mapping must be a table: indicator id -> spec") end
  local inds = M.indicators()
  local known = {}
  for _, e in ipairs(inds) do known[e.id] = true end
  for id in pairs(mapping) do
    if not known[id] then fail("code", "mapping: '%s' is not an indicator (DUI1..DUI7, STI1, STI2)", tostring(id)) end
  end
  local n = survey.nrow
  local firm_col = opts.firm or (survey.columns.firm and "firm")
  if firm_col and not survey.columns[firm_col] then fail("code", "no firm column '%s' in the survey", firm_col) end
  local firms = {}
  for i = 1, n do firms[i] = firm_col and tostring(survey.columns[firm_col][i]) or tostring(i) end
  local B = matrix.new(n, #inds, 0)
  local ids = {}
  for j, e in ipairs(inds) do
    ids[j] = e.id
    local spec = mapping[e.id]
    if type(spec) ~= "table" then fail("code", "mapping has no spec for %s (%s)", e.id, e.name) end
    local col = survey.columns[spec.column]
    if not col then
      fail("code", "%s (%s): no column '%s' in the survey", e.id, e.name, tostring(spec.column))
    end
    for i = 1, n do
      local v = col[i]
      local where = string.format("firm '%s' (row %d), column '%s'", firms[i], i, spec.column)
      if v == nil or v ~= v or v == "" then
        fail("code", "%s: missing answer for %s (%s)", where, e.id, e.name)
      end
      local c, why = code_answer(spec, v)
      if not c then fail("code", "%s: invalid answer for %s (%s): %s", where, e.id, e.name, why) end
      B:set(i, j, c)
    end
  end
  B:setnames(firms, ids)
  return B
end

---------------------------------------------------------------------------
-- clusters of firms and their names
---------------------------------------------------------------------------

-- a value as the error messages show it
local function show(v) return v ~= v and "NaN" or string.format("%.17g", v) end

-- B must hold only 0 and 1: the first other value is named by row and column
local function check_binary(fname, B)
  local bad = matrix.ones(B:rows(), B:cols()) - B:equal(0) - B:equal(1)
  if bad:sum() == 0 then return end
  local rs = bad:rowsums()
  for i = 1, B:rows() do
    if rs:get(i, 1) > 0 then
      for j = 1, B:cols() do
        if bad:get(i, j) > 0 then
          local rn, cn = B:rownames(), B:colnames()
          fail(fname, "B[%s, %s] = %s: the indicators must be 0 or 1",
            rn and rn[i] or tostring(i), cn and cn[j] or tostring(j), show(B:get(i, j)))
        end
      end
    end
  end
end

-- the mode (DUI or STI) of every column of B
local function column_modes(B, given)
  local inds = M.indicators()
  local by_id = {}
  for _, e in ipairs(inds) do by_id[e.id] = e.mode end
  local names = B:colnames()
  if not names then
    if B:cols() ~= #inds then
      fail("cluster", "B has %d unnamed columns: name them by indicator id or give the 9 JJLL"
        .. " indicators in order", B:cols())
    end
    names = {}
    for j, e in ipairs(inds) do names[j] = e.id end
  end
  local modes = {}
  for j, name in ipairs(names) do
    modes[j] = (given and given[name]) or by_id[name]
    if modes[j] ~= "DUI" and modes[j] ~= "STI" then
      fail("cluster", "column '%s' is neither a DUI nor an STI indicator (name the columns"
        .. " DUI1..DUI7, STI1, STI2 or give opts.modes)", name)
    end
  end
  return names, modes
end

function M.cluster(B, opts)
  opts = opts or {}
  if not matrix.ismatrix(B) then
    if type(B) ~= "table" then fail("cluster", "B must be a matrix of 0/1 indicators") end
    B = matrix.from(B)
  end
  local n = B:rows()
  local k = opts.k or 4
  if math.type(k) ~= "integer" or k < 1 or k > n then
    fail("cluster", "k must be an integer from 1 to the number of firms (%d), got %s", n, tostring(k))
  end
  check_binary("cluster", B)
  local names, modes = column_modes(B, opts.modes)
  local tree = stats.hclust(stats.pdist(B, opts.distance or "binary"), opts.method or "average")
  local cl = stats.cutree(tree, k)
  local G = matrix.new(n, k, 0)   -- membership: G[i, c] = 1 when firm i is in cluster c
  for i = 1, n do G:set(i, cl[i], 1) end
  local size = G:colsums()
  local profile = (G:t() * B):divrows(size)
  local cnames, sizes = {}, {}
  for c = 1, k do cnames[c] = "cluster " .. c; sizes[c] = size:get(1, c) end
  profile:setnames(cnames, names)
  local rn = B:rownames()
  local firms = {}
  for i = 1, n do firms[i] = rn and rn[i] or tostring(i) end
  return {tree = tree, cluster = cl, k = k, sizes = sizes, profile = profile,
    means = B:mean("col"), indicators = names, modes = modes, firms = firms}
end

-- the mean of row r of m over the columns whose mode is `mode`
local function mode_mean(m, r, modes, mode)
  local s, c = 0, 0
  for j, md in ipairs(modes) do
    if md == mode then s = s + m:get(r, j); c = c + 1 end
  end
  return c > 0 and s / c or 0
end

function M.label(cl)
  if type(cl) ~= "table" or not cl.profile or not cl.modes then
    fail("label", "the argument must be a modes.cluster result")
  end
  local dui_mean = mode_mean(cl.means, 1, cl.modes, "DUI")
  local sti_mean = mode_mean(cl.means, 1, cl.modes, "STI")
  local out = {clusters = {}, mode = {}, counts = {}, shares = {}, modes = M.MODES,
    dui_mean = dui_mean, sti_mean = sti_mean}
  for _, name in ipairs(M.MODES) do out.counts[name] = 0 end
  for c = 1, cl.k do
    local dui = mode_mean(cl.profile, c, cl.modes, "DUI")
    local sti = mode_mean(cl.profile, c, cl.modes, "STI")
    local high_dui, high_sti = dui > dui_mean, sti > sti_mean
    local mode = high_dui and high_sti and "DUI/STI" or high_sti and "STI"
      or high_dui and "DUI" or "low learning"
    out.clusters[c] = {cluster = c, size = cl.sizes[c], dui = dui, sti = sti, mode = mode}
    out.counts[mode] = out.counts[mode] + cl.sizes[c]
  end
  local n = #cl.cluster
  for i = 1, n do out.mode[i] = out.clusters[cl.cluster[i]].mode end
  for _, name in ipairs(M.MODES) do out.shares[name] = out.counts[name] / n end
  return out
end

return M
