-- scenario.lua -- impact analysis on a regional input-output table, what a
-- regional economist would otherwise buy IMPLAN or RIMS II for: a final-demand
-- shock, import substitution (local suppliers take a share of what a sector
-- buys outside the region: its regional purchase coefficients rise), and a new
-- or expanded sector. Miller & Blair (2009): ch. 2 and 6 (impacts, type I and
-- II, the model closed to households), ch. 8 (regional purchase coefficients),
-- sect. 13.1 (a new industry as an exogenous column of purchases).
--
-- Effects follow IMPLAN's and RIMS II's words: direct = the injection itself,
-- indirect = the rounds of purchases along the supply chain (type I, open
-- model), induced = the rounds of household spending of the income earned
-- (type II, closed model). Type I multiplier = (direct + indirect) / direct,
-- type II = (direct + indirect + induced) / direct, for each measure: output,
-- value added, labour income, jobs. Regional effects use the regional table;
-- national ones run the same injection through the national table.
local matrix = require "matrix"
local linalg = require "linalg"
local leontief = require "leontief"
local multipliers = require "multipliers"
local regionalize = require "regionalize"
local check = require "check"
local iotable = require "iotable"
local employment = require "employment"

local M = {}

M._help = {
  _about = "impacts of a final-demand shock, import substitution or a new sector on a regional table (IMPLAN-like)",
  model = "scenario.model(national, region [, {income=, consumption=}]) -> the model: national = iotable record, "
    .. "region = regionalize.regionalise(national, ...) record; income = a row of national.v (default "
    .. "'Compensation of employees'), consumption = a column of national.f (default households' consumption)",
  final_demand = "scenario.final_demand(model, {[sector] = amount, ...}) -> impacts (see scenario.impacts)",
  import_substitution = "scenario.import_substitution(model, sector, share [, {from = 'outside_region'|'abroad'}]) "
    .. "-> impacts: local suppliers take `share` (0..1) of what `sector` buys outside the region (or abroad)",
  new_sector = "scenario.new_sector(model, {name=, output=, like= sector | inputs= n x 1 regional coefficients, "
    .. "jobs=, value_added=, income=}) -> impacts of a new plant: its own output and jobs plus its purchases",
  load = "scenario.load(table_path, employment_path [, {region=, national=, delta=0.3, sep=, decimal=}]) -> model, "
    .. "region record, employment record: the regional table as chapter 1 builds it (FLQ on employment)",
  impacts = "impacts record: {title=, rows = {{measure=, level='regional'|'national', direct=, indirect=, induced=, "
    .. "total=, type1=, type2=}, ...}, injection = n x 1, note=}",
}

local fail = check.failer("scenario")

local MEASURES = { "output", "value_added", "income", "jobs" }
M.MEASURES = MEASURES

local function sector_index(model, sector, fname)
  if type(sector) == "number" and model.labels[sector] then return sector end
  for i, l in ipairs(model.labels) do if l == sector then return i end end
  fail(fname, "no sector '%s' in the regional table (sectors: %s)", tostring(sector), table.concat(model.labels, "; "))
end

-- the row of m labelled `name`, as n x 1 over the columns `keep`
local function row_of(m, name, keep, fname, what)
  for k, l in ipairs(m:rownames() or {}) do
    if l == name then return m:row(k):t():select(keep) end
  end
  fail(fname, "the national table has no %s row '%s' (rows: %s)", what, name, table.concat(m:rownames() or {}, "; "))
end

local function column_of(m, name, keep, fname)
  for k, l in ipairs(m:colnames() or {}) do
    if l == name then return m:col(k):select(keep) end
  end
  fail(fname, "the national table has no final-demand column '%s' (columns: %s)", name,
    table.concat(m:colnames() or {}, "; "))
end

-- per unit of output: value added, labour income and jobs of each sector;
-- the region keeps the nation's technology (regionalize's assumption), so
-- these coefficients are the nation's
local function per_unit(national, keep, opts, fname)
  local x = national.x:select(keep)
  local coef = { output = matrix.ones(#keep) }
  if national.v then coef.value_added = multipliers.coefficients(national.v:select(nil, keep):colsums():t(), x) end
  if national.v then coef.income = multipliers.coefficients(row_of(national.v, opts.income, keep, fname, "income"), x) end
  if national.employment then
    local e = national.employment
    if e:rows() == 1 then e = e:t() end
    coef.jobs = multipliers.coefficients(e:select(keep), x)
  end
  return coef
end

function M.model(national, region, opts)
  local fname = "model"
  opts = opts or {}
  if type(national) ~= "table" or not national.Z or not national.x then fail(fname, "national must be an iotable record") end
  if type(region) ~= "table" or not region.A or not region.x or not region.kept then
    fail(fname, "region must be a regionalize.regionalise record")
  end
  local keep = region.kept
  local An = leontief.coefficients(national.Z, national.x):select(keep, keep)
  opts.income = opts.income or "Compensation of employees"
  local coef = per_unit(national, keep, opts, fname)
  local model = { labels = region.labels, A_r = region.A, A_n = An, x_r = region.x, x_n = national.x:select(keep),
    coef = coef, keep = keep, region = region }
  if national.f and coef.income then
    local hh = column_of(national.f, opts.consumption or "Households Final Consumption Expenditure", keep, fname)
    local income_total = coef.income:emul(model.x_n):sum()
    local c_n = hh * (1 / income_total)
    -- regional households buy locally as any regional purchaser does: the
    -- national coefficient times min(SLQ_i, 1) (Miller & Blair 2009, sect. 8.4)
    local e_n = national.employment:rows() == 1 and national.employment:t() or national.employment
    local slq = regionalize.slq(region.employment, e_n:select(keep))
    local share = slq:map(function(q) return math.min(q, 1) end)
    model.households_n = { income = coef.income, consumption = c_n }
    model.households_r = { income = coef.income, consumption = c_n:emul(share) }
  end
  if national.imports then
    local m = national.imports
    if m:rows() ~= 1 then m = m:t() end
    model.import_share = multipliers.coefficients(m:select(nil, keep):t(), model.x_n)
  end
  return model
end

-- The regional table from files as chapter 1 builds it: a national table
-- (iotable.read), employment by sector (employment.read: the region's column
-- and the nation's), FLQ with delta (Flegg & Webber 1997).
function M.load(table_path, employment_path, opts)
  opts = opts or {}
  local tbl = iotable.read(table_path, { sep = opts.sep, decimal = opts.decimal })
  local emp = employment.read(employment_path, tbl, { region = opts.region, national = opts.national,
    sep = opts.sep, decimal = opts.decimal })
  local region = regionalize.regionalise(tbl, emp.regional, { delta = opts.delta, national_sizes = emp.national })
  return M.model(tbl, region), region, emp
end

-- output change of an injection d: open (type I) and, with households,
-- closed (type II) model, the latter's first n rows; `wages` is income paid
-- to households outside the table's columns (a new plant's), spent as any
local function solve_both(A, d, households, wages)
  local n = A:rows()
  local open = linalg.solve(matrix.eye(n) - A, d)
  local closed
  if households then
    local Abar = multipliers.close(A, households.income, households.consumption)
    closed = linalg.solve(matrix.eye(n + 1) - Abar, d:vcat(matrix.new(1, 1, wages or 0))):slice(1, n)
  end
  return open, closed
end

-- the rows of one level: each measure's direct, indirect and induced effects
-- of the injection d. Direct = w'd, the injection itself; for a new plant
-- (`own`: its output, value added, income, jobs) direct is the plant's own
-- and its purchases d are the first round of the supply chain.
local function effects_rows(model, level, A, d, households, own)
  local open, closed = solve_both(A, d, households, own and own.income)
  local rows = {}
  for _, measure in ipairs(MEASURES) do
    local w = model.coef[measure]
    if w then
      local supply = (w:t() * open):get(1, 1)
      local direct = own and (own[measure] or 0) or (w:t() * d):get(1, 1)
      local r = { measure = measure, level = level, direct = direct, indirect = own and supply or supply - direct }
      if closed then r.induced = (w:t() * closed):get(1, 1) - supply end
      r.total = r.direct + r.indirect + (r.induced or 0)
      if r.direct ~= 0 then
        r.type1 = (r.direct + r.indirect) / r.direct
        if r.induced then r.type2 = r.total / r.direct end
      end
      rows[#rows + 1] = r
    end
  end
  return rows
end

local function impacts(title, model, regional, national, d, note)
  local rows = {}
  for _, r in ipairs(regional) do rows[#rows + 1] = r end
  for _, r in ipairs(national or {}) do rows[#rows + 1] = r end
  return { title = title, rows = rows, injection = d:setnames(model.labels, { "injection" }), note = note }
end

-- a final-demand change {sector = amount} as n x 1
local function demand_vector(model, shock, fname)
  if type(shock) ~= "table" then fail(fname, "the shock must be a table {[sector] = amount}") end
  local d = matrix.new(#model.labels, 1, 0)
  for sector, amount in pairs(shock) do
    if type(amount) ~= "number" or amount ~= amount then fail(fname, "sector '%s': the amount must be a number", sector) end
    local i = sector_index(model, sector, fname)
    d:set(i, 1, d:get(i, 1) + amount)
  end
  return d
end

-- Delta x = L Delta f (Miller & Blair 2009, eq. 2.11 on changes); an
-- expanded sector's extra sales outside the region are such a shock too
function M.final_demand(model, shock, title)
  local d = demand_vector(model, shock, "final_demand")
  return impacts(title or "Final-demand shock", model,
    effects_rows(model, "regional", model.A_r, d, model.households_r),
    effects_rows(model, "national", model.A_n, d, model.households_n), d)
end

-- Import substitution: column j's regional purchase coefficients rise by
-- share s of what it buys outside the region, A' = A^r + s (A^n - A^r) e_j e_j'
-- (from = 'outside_region'), or by s of its foreign imports, spread over the
-- supplying sectors as its domestic purchases are (from = 'abroad'). With final
-- demand unchanged, x' - x = (I - A')^-1 (A' - A^r) x (subtract x = A^r x + f
-- from x' = A' x' + f): the injection is d = (A' - A^r) x, the new local sales,
-- run through the new table. Nationally, buying from the rest of the country
-- only moves production: the rest of the country loses (I - A^n)^-1 d; goods
-- bought abroad are new national output too.
function M.import_substitution(model, sector, share, opts)
  local fname = "import_substitution"
  opts = opts or {}
  local j = sector_index(model, sector, fname)
  if type(share) ~= "number" or not (share >= 0 and share <= 1) then
    fail(fname, "the share must be a number from 0 to 1, got %s", tostring(share))
  end
  local from = opts.from or "outside_region"
  local xj = model.x_r:get(j, 1)
  local dA
  if from == "outside_region" then
    dA = (model.A_n:col(j) - model.A_r:col(j)) * share
  elseif from == "abroad" then
    if not model.import_share then fail(fname, "from = 'abroad' needs the national table's imports row") end
    local dom = model.A_n:col(j)
    local total = dom:sum()
    if not (total > 0) then fail(fname, "sector '%s' buys nothing from domestic sectors to spread imports over", model.labels[j]) end
    dA = dom * (share * model.import_share:get(j, 1) / total)
  else
    fail(fname, "from must be 'outside_region' or 'abroad', got '%s'", tostring(from))
  end
  local Anew = model.A_r:copy()
  for i = 1, Anew:rows() do Anew:set(i, j, Anew:get(i, j) + dA:get(i, 1)) end
  local d = dA * xj
  local regional = effects_rows(model, "regional", Anew, d, model.households_r)
  local national = effects_rows(model, "national", model.A_n, d, model.households_n)
  local note
  if from == "outside_region" then
    for k, r in ipairs(national) do
      local g = regional[k]
      national[k] = { measure = r.measure, level = "national", direct = g.direct - r.direct,
        indirect = g.indirect - r.indirect, induced = g.induced and r.induced and (g.induced - r.induced),
        total = g.total - r.total }
    end
    note = "nationally a relocation: the region's gain less the rest of the country's loss"
  end
  return impacts(string.format("Import substitution: local suppliers take %g%% of what %s buys %s", share * 100,
    model.labels[j], from == "abroad" and "abroad" or "outside the region"), model, regional, national, d, note)
end

-- A new plant of sector `like` (its regional input coefficients) or with its
-- own coefficients `inputs`: its output X is exogenous (Miller & Blair 2009,
-- sect. 13.1), its purchases a X are the injection; its own value added,
-- income and jobs are those of `like` per unit of output unless given.
function M.new_sector(model, spec)
  local fname = "new_sector"
  if type(spec) ~= "table" or type(spec.output) ~= "number" or not (spec.output > 0) then
    fail(fname, "give {output = X > 0, like = sector or inputs = coefficients}")
  end
  local n, a, j = #model.labels, nil, nil
  if spec.like then j = sector_index(model, spec.like, fname); a = model.A_r:col(j) end
  if spec.inputs then
    a = matrix.ismatrix(spec.inputs) and spec.inputs or matrix.col(spec.inputs)
    if a:rows() ~= n or a:cols() ~= 1 then fail(fname, "inputs must have one coefficient per sector (%d)", n) end
  end
  if not a then fail(fname, "give like = an existing sector or inputs = regional input coefficients") end
  if a:min() < 0 or a:sum() >= 1 then fail(fname, "input coefficients must be >= 0 and sum to less than 1") end
  local X = spec.output
  local own = { output = X * 1.0 }
  for _, m in ipairs { "value_added", "income", "jobs" } do
    own[m] = spec[m] or (j and model.coef[m] and model.coef[m]:get(j, 1) * X) or nil
  end
  local d = a * X
  -- nationally the plant buys as its sector does in the nation (given
  -- inputs are regional purchases only: a lower bound)
  local dn = j and not spec.inputs and model.A_n:col(j) * X or d
  local name = spec.name or ("a new plant" .. (j and (" like " .. model.labels[j]) or ""))
  local title = string.format("New sector: %s with output %g", name, X)
  return impacts(title, model,
    effects_rows(model, "regional", model.A_r, d, model.households_r, own),
    effects_rows(model, "national", model.A_n, dn, model.households_n, own), d)
end

return M
