-- innovation_drivers.lua -- the study's chapter 3 (Samambayeva 2013): what
-- drives firms in Kazakhstan to innovate, from the World Bank Enterprise
-- Survey 2009. Table 18: the sample by industry; Table 20: innovators and
-- non-innovators compared (Welch t-tests for measured variables, Pearson
-- chi-square tests with Yates' continuity correction, R's chisq.test
-- default, for 0/1 variables; stars at 10/5/1%); Table 21: a probit
-- of "introduced a new product or service" on domestic and foreign input
-- shares, exports, R&D, foreign presence, size and technological opportunity
-- (the approach of Crepon, Duguet & Mairesse 1998 and of Almeida & Fernandes
-- 2008, "Openness and technological innovations in developing countries",
-- J. of Development Studies 44(5), on the same surveys), and an OLS of the
-- new-product share of sales among innovators; figure 13: innovators by trade
-- orientation. Each function returns records; printing is the script's.
local matrix = require "matrix"
local stats = require "stats"
local glm = require "glm"
local csv = require "csv"
local frame = require "frame"
local plot = require "plot"
local variables = require "innovation_drivers.variables"

local M = {}

M._help = {
  _about = "chapter 3: Tables 18, 20, 21 and figure 13 from an Enterprise Survey, as records",
  study = "innovation_drivers.study(survey [, {mapping=path, survey_name=}]) -> frame of the study variables"
    .. " (see innovation_drivers.variables and stdlib/data/es2009_innovation_mapping.csv)",
  table18 = "innovation_drivers.table18(study [, published]) -> records {sector=, frequency=, percentage=,"
    .. " published_frequency=, published_percentage=}, the total last",
  table20 = "innovation_drivers.table20(study [, published, mapping, variables]) -> records {variable=, label=, innovators=,"
    .. " non_innovators=, difference=, test=, method=, statistic=, df=, p=, stars=, n1=, n0=, published_*=}",
  table21 = "innovation_drivers.table21(study [, {vce=, cluster=}]) -> {probit=, ols=, probit_sample=, ols_sample=}:"
    .. " fits (cluster: a study variable, e.g. \"sector\", with vce = \"cluster\")"
    .. " of glm.probit and glm.ols (collinear columns dropped; vce oim or eim give the OLS classical errors)"
    .. " and the listwise deletion behind each",
  term_labels = "innovation_drivers.term_labels(mapping) -> {variable = the thesis's name} for regtable's labels",
  coefficients = "innovation_drivers.coefficients(fit, published, mapping) -> records {term=, label=, coef=, se=,"
    .. " p=, stars=, published=, published_stars=}",
  fit_statistics = "innovation_drivers.fit_statistics(t21, published) -> records {model=, statistic=, value=,"
    .. " published=}",
  figure13 = "innovation_drivers.figure13(study) -> records {orientation=, firms=, innovators=, share=}"
    .. " (manufacturing firms: imports = foreign inputs above 0)",
  figure13_svg = "innovation_drivers.figure13_svg(records, {file=, title=}) -> svg",
  published = "innovation_drivers.published(dir) -> {table18=, table20=, table21=} read from the thesis's"
    .. " transcribed tables in dir",
  MODEL = "innovation_drivers.MODEL -- the outcome and regressors of Table 21 (study variable names)",
}

-- Table 21: the regressors in the thesis's order; the OLS has the same
M.MODEL = {
  probit = "innovator", ols = "new_product_share",
  regressors = {"domestic_inputs", "foreign_inputs", "exporter", "rnd", "foreign", "size", "tech_opportunity"},
}
-- Table 20's variables
M.COMPARED = {"domestic_inputs", "foreign_inputs", "exporter", "rnd", "foreign", "size", "manufacturing"}

local function fail(fmt, ...) error(string.format(fmt, ...), 0) end

function M.study(survey, opts)
  opts = opts or {}
  local mapping = variables.read_mapping(opts.mapping)
  local study = variables.build(survey, mapping, {survey_name = opts.survey_name})
  return study, mapping
end

-- ---------------------------------------------------------------------------
-- the thesis's published tables
-- ---------------------------------------------------------------------------

local function read_records(path)
  local ok, header, rows = pcall(csv.read_rows, path)
  if not ok then fail("published values: %s", tostring(header)) end
  local out = {}
  for k, row in ipairs(rows) do
    local r = {}
    for j, name in ipairs(header) do r[name] = tonumber(row[j]) or row[j] end
    out[k] = r
  end
  return out
end

function M.published(dir)
  return {
    table18 = read_records(dir .. "/enterprise_survey_2009_industry_breakdown.csv"),
    table20 = read_records(dir .. "/published_descriptives.csv"),
    table21 = read_records(dir .. "/published_probit.csv"),
  }
end

local function by(records, key)
  local out = {}
  for _, r in ipairs(records or {}) do out[r[key]] = r end
  return out
end

-- ---------------------------------------------------------------------------
-- Table 18: the sample by industry
-- ---------------------------------------------------------------------------

function M.table18(study, published)
  local sectors, counts = {}, {}
  for _, s in ipairs(study:list("sector")) do
    if s ~= "" then
      if not counts[s] then sectors[#sectors + 1] = s; counts[s] = 0 end
      counts[s] = counts[s] + 1
    end
  end
  local order, seen = {}, {}
  for _, r in ipairs(published or {}) do
    if r.sector ~= "Total" and counts[r.sector] then order[#order + 1] = r.sector; seen[r.sector] = true end
  end
  table.sort(sectors, function(a, b) return counts[a] > counts[b] or (counts[a] == counts[b] and a < b) end)
  for _, s in ipairs(sectors) do if not seen[s] then order[#order + 1] = s end end
  local total = 0
  for _, s in ipairs(order) do total = total + counts[s] end
  if total == 0 then fail("table 18: no firm has a sector") end
  local pub = by(published, "sector")
  local out = {}
  for _, s in ipairs(order) do
    out[#out + 1] = {sector = s, frequency = counts[s], percentage = 100 * counts[s] / total,
      published_frequency = pub[s] and pub[s].frequency, published_percentage = pub[s] and pub[s].percentage}
  end
  out[#out + 1] = {sector = "Total", frequency = total, percentage = 100,
    published_frequency = pub.Total and pub.Total.frequency, published_percentage = pub.Total and pub.Total.percentage}
  return out
end

-- ---------------------------------------------------------------------------
-- Table 20: innovators and non-innovators
-- ---------------------------------------------------------------------------

local function is_binary(v)
  for i = 1, #v do
    local x = v[i]
    if x == x and x ~= 0 and x ~= 1 then return false end
  end
  return true
end

local function check_outcome(study, name)
  local v = study:list(name)
  for i = 1, #v do
    local x = v[i]
    if x == x and x ~= 0 and x ~= 1 then fail("the outcome '%s' must be 0/1, row %d holds %.15g", name, i, x) end
  end
  return v
end

function M.table20(study, published, mapping, compared)
  local innov = check_outcome(study, M.MODEL.probit)
  local names = {}
  for _, spec in ipairs(mapping or {}) do names[spec.variable] = spec.published end
  local pub = by(published, "variable")
  local out = {}
  for _, name in ipairs(compared or M.COMPARED) do
    local v = study:list(name)
    local x1, x0, xs, gs = {}, {}, {}, {}
    for i = 1, #v do
      if v[i] == v[i] and innov[i] == innov[i] then
        if innov[i] == 1 then x1[#x1 + 1] = v[i] else x0[#x0 + 1] = v[i] end
        xs[#xs + 1], gs[#gs + 1] = v[i], innov[i]
      end
    end
    if #x1 < 2 or #x0 < 2 then
      fail("table 20: '%s' is known for %d innovators and %d non-innovators; at least 2 of each are needed",
        name, #x1, #x0)
    end
    local r = {variable = name, label = study:label(name), published_name = names[name], n1 = #x1, n0 = #x0}
    local m1, m0 = matrix.col(x1):mean(), matrix.col(x0):mean()
    r.innovators, r.non_innovators, r.difference = m1, m0, m1 - m0
    if is_binary(v) then
      local t = stats.chisq_test(xs, gs)
      r.test, r.statistic, r.df, r.p, r.method = "chi2", t.statistic, t.df, t.p, t.method
    else
      local t = stats.ttest(x1, x0)
      r.test, r.statistic, r.df, r.p, r.method = "Welch t", t.statistic, t.df, t.p, t.method
    end
    r.stars = stats.stars(r.p)
    local p = pub[names[name]]
    if p then
      r.published_innovators, r.published_non_innovators = p.innovator_mean, p.non_innovator_mean
      r.published_difference, r.published_stars = p.difference, p.significance
    end
    out[#out + 1] = r
  end
  return out
end

-- ---------------------------------------------------------------------------
-- Table 21: probit and OLS
-- ---------------------------------------------------------------------------

-- the OLS's standard errors for a probit's kind: the information matrix
-- kinds have the classical errors as their OLS counterpart
local OLS_VCE = {oim = "classical", eim = "classical"}

local function subset(study, name)
  return study:filter(function(row) return row[name] == 1 end)
end

-- the values of column `name` in the rows a design kept (cluster ids)
local function kept_values(f, name, sample)
  if not name then return nil end
  local v, out = f:list(name), {}
  for k, i in ipairs(sample.kept) do out[k] = v[i] end
  return out
end

function M.table21(study, opts)
  opts = opts or {}
  check_outcome(study, M.MODEL.probit)
  if opts.cluster and not study:has(opts.cluster) then
    fail("table 21: no study variable '%s' to cluster on (the study variables: %s)", opts.cluster,
      table.concat(study:names(), ", "))
  end
  -- the input-origin items are asked of manufacturing firms only
  local manuf = subset(study, "manufacturing")
  if manuf:nrow() == 0 then fail("table 21: no manufacturing firm in the survey (study variable 'manufacturing')") end
  local y, X, _, probit_sample = frame.design(manuf, M.MODEL.probit, M.MODEL.regressors)
  local probit = glm.probit(y, X, {vce = opts.vce, collinear = "drop",
    cluster = kept_values(manuf, opts.cluster, probit_sample)})
  local innovators = subset(manuf, M.MODEL.probit)
  if innovators:nrow() == 0 then fail("table 21: no innovator among the manufacturing firms") end
  local y2, X2, _, ols_sample = frame.design(innovators, M.MODEL.ols, M.MODEL.regressors)
  local ols = glm.ols(y2, X2, {vce = OLS_VCE[opts.vce] or opts.vce, collinear = "drop",
    cluster = kept_values(innovators, opts.cluster, ols_sample)})
  probit_sample.population, ols_sample.population = manuf:nrow(), innovators:nrow()
  return {probit = probit, ols = ols, probit_sample = probit_sample, ols_sample = ols_sample}
end

local MODEL_ROWS = {probit = "^1 ", ols = "^2 "}

-- the published rows of one model of Table 21, by variable
local function published_model(published, model)
  local out = {}
  for _, r in ipairs(published or {}) do
    if tostring(r.model):find(MODEL_ROWS[model]) then out[r.variable] = r end
  end
  return out
end

-- the thesis's names of the terms (the study variable's name where the
-- thesis has none)
function M.term_labels(mapping)
  local names = {["(Intercept)"] = "Intercept"}
  for _, spec in ipairs(mapping or {}) do
    names[spec.variable] = spec.published ~= "" and spec.published or spec.variable
  end
  return names
end

function M.coefficients(fit, published, mapping, model)
  local names = M.term_labels(mapping)
  local pub = published_model(published, model or fit.model)
  local coef, se, p = fit.coef:list(), fit.se:list(), fit.p:list()
  local out = {}
  for k, term in ipairs(fit.names) do
    local q = pub[names[term]]
    out[#out + 1] = {term = term, label = names[term] or term, coef = coef[k], se = se[k], p = p[k],
      stars = stats.stars(p[k]), published = q and q.coefficient, published_stars = q and (q.significance or "")}
  end
  for _, term in ipairs(fit.dropped or {}) do
    local q = pub[names[term]]
    out[#out + 1] = {term = term, label = names[term] or term, stars = "(omitted: collinear)",
      published = q and q.coefficient, published_stars = q and (q.significance or "")}
  end
  return out
end

function M.fit_statistics(t21, published)
  local p1, p2 = published_model(published, "probit"), published_model(published, "ols")
  local function pub(t, k) return t[k] and t[k].coefficient end
  return {
    {model = "probit", statistic = "N", value = t21.probit.n, published = 172},
    {model = "probit", statistic = "Likelihood ratio", value = t21.probit.lr, published = pub(p1, "Likelihood ratio")},
    {model = "probit", statistic = "Pseudo R2", value = t21.probit.pseudo_r2, published = pub(p1, "Pseudo R2")},
    {model = "probit", statistic = "Log likelihood", value = t21.probit.loglik, published = pub(p1, "Log likelihood")},
    {model = "OLS", statistic = "N", value = t21.ols.n, published = 74},
    {model = "OLS", statistic = "R2", value = t21.ols.r2, published = pub(p2, "R2")},
    {model = "OLS", statistic = "Adj R2", value = t21.ols.adj_r2, published = pub(p2, "Adj R2")},
  }
end

-- ---------------------------------------------------------------------------
-- Figure 13: innovators by trade orientation
-- ---------------------------------------------------------------------------

M.ORIENTATIONS = {"Domestic only", "Importer only", "Exporter only", "Importer and exporter"}

function M.figure13(study)
  local innov = check_outcome(study, M.MODEL.probit)
  local imports, exports = study:list("foreign_inputs"), study:list("exporter")
  local firms, innovators = {0, 0, 0, 0}, {0, 0, 0, 0}
  for i = 1, #innov do
    local m, x, y = imports[i], exports[i], innov[i]
    if m == m and x == x and y == y then
      local k = 1 + (m > 0 and 1 or 0) + (x == 1 and 2 or 0)
      firms[k], innovators[k] = firms[k] + 1, innovators[k] + math.tointeger(y)
    end
  end
  local out = {}
  for k, name in ipairs(M.ORIENTATIONS) do
    out[k] = {orientation = name, firms = firms[k], innovators = innovators[k],
      share = firms[k] > 0 and 100 * innovators[k] / firms[k] or nil}
  end
  return out
end

function M.figure13_svg(records, opts)
  opts = opts or {}
  local labels, values = {}, {}
  for k, r in ipairs(records) do
    labels[k] = string.format("%s (%d firms)", r.orientation, r.firms)
    values[k] = r.share or false
  end
  return plot.columns{labels = labels, values = values, file = opts.file,
    title = opts.title or "Figure 13. Innovators by trade orientation",
    ylab = "Firms that introduced a new product or service (%)"}
end

return M
