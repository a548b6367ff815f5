-- regtable.lua -- several fitted models side by side, as economists publish
-- them (Stata's esttab, Jann 2007, The Stata Journal 7(2); R's stargazer,
-- Hlavac 2022): one column per model, each coefficient with its significance
-- stars and its standard error in parentheses below, then the number of
-- observations, log-likelihood, LR (and, with robust errors, Wald) chi2,
-- pseudo R2 (McFadden), R2 and F, and the kind of standard errors. As text for the prompt, Markdown and CSV.
local stats = require "stats"
local report = require "report"
local check = require "check"

local M = {}

M._help = {
  _about = "regression tables: several glm fits side by side with stars and standard errors"
    .. " (like esttab or stargazer), as text, Markdown or CSV",
  build = "regtable.build({fit1, fit2, ...} [, {titles = {...}, stars = {0.1, 0.05, 0.01},"
    .. " digits = 3, labels = {name = \"label\"}}]) -> {titles=, terms=, rows=, stats=, notes=}:"
    .. " fits of glm.probit, glm.logit, glm.ols (or glm.margins: its average effects); terms in"
    .. " the order they first appear; a term a model lacks is blank, one it dropped as collinear"
    .. " says (omitted)",
  text = "regtable.text(t) -> the table as aligned text (what typing a fit at the prompt shows)",
  markdown = "regtable.markdown(t) -> the table as a Markdown pipe table",
  write_csv = "regtable.write_csv(path, t [, {sep = ','}]) -- the table's cells as CSV, one line"
    .. " per text line (coefficient, then standard error)",
}

local DEFAULT_STARS = {0.1, 0.05, 0.01}

local fail = check.failer("regtable")

local MODEL_TITLES = {probit = "Probit", logit = "Logit", ols = "OLS"}

-- how the standard errors were computed, for the table's footer row
local VCE_LABELS = {
  eim = "EIM", oim = "OIM", robust = "Robust", classical = "Classical", hc1 = "Robust (HC1)",
}

local function vce_label(fit)
  if fit.vce == "cluster" then
    return string.format("Cluster (%d)", fit.n_clusters or 0)
  end
  return VCE_LABELS[fit.vce] or (fit.model == "ols" and "Classical" or "EIM")
end

-- {names, coef, se, p} (Lua arrays) of a fit, or of a margins result's
-- average marginal effects
local function estimates(fit, k)
  if type(fit) ~= "table" then fail("build", "model %d is a %s, not a fit", k, type(fit)) end
  local est = fit
  if fit.ame then est = {coef = fit.ame.dydx, se = fit.ame.se, p = fit.ame.p} end
  if not (fit.names and est.coef and est.se and est.p) then
    fail("build", "model %d is not a result of glm.probit, glm.logit, glm.ols or glm.margins", k)
  end
  return fit.names, est.coef:list(), est.se:list(), est.p:list()
end

local function check_options(opts, n)
  opts = opts or {}
  if type(opts) ~= "table" then fail("build", "options must be a table, got %s", type(opts)) end
  if opts.titles ~= nil and (type(opts.titles) ~= "table" or #opts.titles ~= n) then
    fail("build", "titles must be a list of %d titles, one per model", n)
  end
  if opts.digits ~= nil and not (math.type(opts.digits) == "integer" and opts.digits >= 0) then
    fail("build", "digits must be a non-negative integer, got %s", tostring(opts.digits))
  end
  return opts
end

-- an estimate with `digits` decimals, or, when that would show only zeros
-- (a coefficient on firm size in employees), `digits` significant digits as
-- esttab's adaptive format does
local function estimate_text(v, digits)
  if v ~= 0 and v == v and math.abs(v) < 10 ^ (1 - digits) then
    local decimals = math.max(digits, 1) - 1 - math.floor(math.log(math.abs(v), 10))
    return report.number(v, math.min(decimals, 20))
  end
  return report.number(v, digits)
end

function M.build(models, opts)
  if type(models) ~= "table" or #models == 0 then
    fail("build", "a list of fitted models expected")
  end
  if models.names then models = {models} end  -- a single fit
  opts = check_options(opts, #models)
  local cutoffs, digits, labels = opts.stars or DEFAULT_STARS, opts.digits or 3, opts.labels or {}
  local terms, seen, cells = {}, {}, {}
  for k, fit in ipairs(models) do
    local names, coef, se, p = estimates(fit, k)
    cells[k] = {}
    for i, name in ipairs(names) do
      if not seen[name] then seen[name] = true; terms[#terms + 1] = name end
      cells[k][name] = {
        coef = coef[i], se = se[i], p = p[i],
        text = estimate_text(coef[i], digits) .. stats.stars(p[i], cutoffs),
        se_text = "(" .. estimate_text(se[i], digits) .. ")",
      }
    end
    for _, name in ipairs(fit.dropped or {}) do
      if not seen[name] then seen[name] = true; terms[#terms + 1] = name end
      cells[k][name] = {text = "(omitted)", se_text = ""}
    end
  end
  local titles = {}
  for k, fit in ipairs(models) do
    titles[k] = opts.titles and opts.titles[k] or MODEL_TITLES[fit.model] or ("(" .. k .. ")")
  end
  local rows = {}
  for _, name in ipairs(terms) do
    local coef_row = {label = labels[name] or name, term = name, kind = "coef"}
    local se_row = {label = "", term = name, kind = "se"}
    local any_se = false
    for k = 1, #models do
      local c = cells[k][name]
      coef_row[k], se_row[k] = c and c.text or "", c and c.se_text or ""
      any_se = any_se or se_row[k] ~= ""
    end
    rows[#rows + 1] = coef_row
    if any_se then rows[#rows + 1] = se_row end  -- no blank line under an omitted term
  end
  -- statistics below the coefficients: a row only when some model has it
  local stat_rows = {}
  local function add(label, field, integer)
    local row, any = {label = label}, false
    for k, fit in ipairs(models) do
      local v = fit[field]
      -- a likelihood ratio of sampling-weighted (pseudo-)likelihoods is no
      -- test: Stata reports only the Wald test for such fits
      if field == "lr" and fit.weighted then v = nil end
      if type(v) == "number" and v == v then
        row[k], any = integer and string.format("%d", v) or report.number(v, digits), true
      else
        row[k] = ""
      end
    end
    if any then stat_rows[#stat_rows + 1] = row end
  end
  add("N", "n", true)
  add("Log-likelihood", "loglik")
  add("LR chi2", "lr")
  add("Wald chi2", "wald")
  add("Pseudo R2", "pseudo_r2")
  add("R2", "r2")
  add("F", "f")
  local vce = {label = "Std. errors"}
  for k, fit in ipairs(models) do vce[k] = fit.ame and "Delta method" or vce_label(fit) end
  stat_rows[#stat_rows + 1] = vce
  local marks = {}
  for i, c in ipairs(cutoffs) do marks[i] = string.rep("*", i) .. " p<" .. c end
  local notes = {table.concat(marks, ", ") .. "; standard errors in parentheses"}
  for k, fit in ipairs(models) do
    if fit.dropped and #fit.dropped > 0 then
      notes[#notes + 1] = string.format("%s: %s omitted (collinear)", titles[k],
        table.concat(fit.dropped, ", "))
    end
    if fit.simulated then notes[#notes + 1] = titles[k] .. ": SIMULATED data" end
  end
  return {titles = titles, terms = terms, rows = rows, stats = stat_rows, notes = notes,
          models = #models, estimates = cells, nstars = #cutoffs}
end

local function check_table(t, fname)
  if type(t) ~= "table" or not (t.rows and t.stats and t.titles) then
    fail(fname, "a table from regtable.build expected, got %s", type(t))
  end
end

local function width(s) return utf8.len(s) or #s end

-- every line of the table as a list of cells: titles, coefficient rows,
-- statistics; `rule` marks where the text version draws a line. With
-- `aligned`, cells are padded on the right so that the numbers line up and
-- the stars hang beyond them (the closing parenthesis under the first star).
local function lines_of(t, aligned)
  local function pad(s, kind)
    if not aligned then return s end
    local n = t.nstars
    if kind == "coef" then n = n - #s:match("%**$")
    elseif kind == "se" then n = s == "" and n or n - 1 end
    return s .. string.rep(" ", n)
  end
  local out = {}
  local header = {""}
  for k = 1, t.models do header[k + 1] = pad(t.titles[k], "stat") end
  out[#out + 1] = header
  out[#out + 1] = "rule"
  for _, r in ipairs(t.rows) do
    local line = {r.label}
    for k = 1, t.models do line[k + 1] = pad(r[k], r.kind) end
    out[#out + 1] = line
  end
  out[#out + 1] = "rule"
  for _, r in ipairs(t.stats) do
    local line = {r.label}
    for k = 1, t.models do line[k + 1] = pad(r[k], "stat") end
    out[#out + 1] = line
  end
  return out
end

function M.text(t)
  check_table(t, "text")
  local lines, widths = lines_of(t, true), {}
  for _, line in ipairs(lines) do
    if line ~= "rule" then
      for j, s in ipairs(line) do widths[j] = math.max(widths[j] or 0, width(s)) end
    end
  end
  local total = 0
  for j = 1, #widths do total = total + widths[j] + (j > 1 and 2 or 0) end
  local out = {string.rep("-", total)}
  for _, line in ipairs(lines) do
    if line == "rule" then out[#out + 1] = string.rep("-", total)
    else
      local parts = {}
      for j, s in ipairs(line) do
        local pad = string.rep(" ", widths[j] - width(s))
        parts[j] = j == 1 and s .. pad or pad .. s
      end
      out[#out + 1] = (table.concat(parts, "  "):gsub("%s+$", ""))
    end
  end
  out[#out + 1] = string.rep("-", total)
  for _, note in ipairs(t.notes) do out[#out + 1] = note end
  return table.concat(out, "\n")
end

local function md_escape(s) return (s:gsub("|", "\\|"):gsub("%*", "\\*")) end

function M.markdown(t)
  check_table(t, "markdown")
  local out = {}
  for _, line in ipairs(lines_of(t)) do
    if line == "rule" then
      if #out == 1 then
        local r = {"---"}
        for k = 1, t.models do r[k + 1] = "---:" end
        out[#out + 1] = "| " .. table.concat(r, " | ") .. " |"
      end
    else
      local cells = {}
      for j, s in ipairs(line) do cells[j] = md_escape(s) end
      out[#out + 1] = "| " .. table.concat(cells, " | ") .. " |"
    end
  end
  out[#out + 1] = ""
  for _, note in ipairs(t.notes) do out[#out + 1] = md_escape(note) .. "  " end
  return table.concat(out, "\n")
end

function M.write_csv(path, t, opts)
  check_table(t, "write_csv")
  if type(path) ~= "string" then fail("write_csv", "a file name expected, got %s", type(path)) end
  -- The user's words (titles, term labels) are neutralised against CSV
  -- injection (report.safe_cell); the cells made here, a number with stars
  -- ("-1.627***") or in parentheses, are no formula and stay as published.
  local columns, records = {{key = 1, title = "term"}}, {}
  for k = 1, t.models do columns[k + 1] = {key = k + 1, title = report.safe_cell(t.titles[k])} end
  for i, line in ipairs(lines_of(t)) do
    if i > 1 and line ~= "rule" then
      local record = {table.unpack(line)}
      record[1] = report.safe_cell(record[1])
      records[#records + 1] = record
    end
  end
  local o = {}
  for k, v in pairs(opts or {}) do o[k] = v end
  o.formulas = true
  -- written whole or not at all (report.write_csv goes through fileout)
  return report.write_csv(path, records, columns, o)
end

return M
