-- evidence.lua -- the chapters' results as the policy engine's evidence
-- records (see stdlib/policy.lua), read back from the CSV files each chapter
-- wrote under its output folder, so policy runs on whatever chapters ran; and
-- the region's leading industries by simple location quotient (Miller & Blair
-- 2009, sect. 8.2: SLQ_i > 1 means the region is specialised in i).
local csv = require "csv"
local folder = require "folder"
local regionalize = require "regionalize"

local M = {}

M._help = {
  _about = "chapter outputs (CSV) as policy evidence records; leading industries by location quotient",
  read_outputs = "evidence.read_outputs(dir) -> evidence, notes: linkages/value_chains (dir/ch1), scoreboard (ch2), "
    .. "probit (ch3), modes (ch4), each nil when its chapter's files are absent; notes say what was read",
  leading = "evidence.leading(reg, nat [, {count = 3, min_slq = 1.25}]) -> {{sector=, slq=}, ...} most specialised first",
}

-- a CSV file as records keyed by lower-case header names
local function read(path)
  local ok, header, rows = pcall(csv.read_rows, path)
  if not ok then return nil, tostring(header) end
  local out = {}
  for _, r in ipairs(rows) do
    local rec = {}
    for c, name in ipairs(header) do rec[name:lower()] = r[c] end
    out[#out + 1] = rec
  end
  return out, header
end

local function num(s) return s and csv.number(s) or nil end

-- the first of several names a column may have
local function pick(rec, ...)
  for _, name in ipairs { ... } do if rec[name] ~= nil and rec[name] ~= "" then return rec[name] end end
end

-- the names in a folder, sorted; none when it is missing
local function files(dir)
  local out = folder.list(dir) or {}
  table.sort(out)
  return out
end

local function ch1(dir, ev, notes)
  local rows = read(dir .. "/regional_linkages.csv")
  if not rows then return end
  ev.linkages = {}
  for _, r in ipairs(rows) do
    ev.linkages[#ev.linkages + 1] = { sector = r.sector, backward = num(r.backward), forward = num(r.forward), class = r.class }
  end
  notes[#notes + 1] = "ch1: regional_linkages.csv"
  rows = read(dir .. "/regional_value_chains.csv")
  if rows then
    ev.value_chains = {}
    for _, r in ipairs(rows) do
      ev.value_chains[#ev.value_chains + 1] = { value_chain = pick(r, "value_chain", "factor"),
        industry = pick(r, "industry", "sector"), loading = num(r.loading) }
    end
    notes[#notes + 1] = "ch1: regional_value_chains.csv"
  end
end

-- the region relative to the reference (the EU average): column
-- relative_to_eu, else the first relative_to_* column
local function ch2(dir, ev, notes)
  local rows, header = read(dir .. "/scoreboard.csv")
  if not rows then return end
  local rel = "relative_to_eu"
  if rows[1] and rows[1][rel] == nil then
    for _, h in ipairs(header) do
      if h:lower():match("^relative_to_") then rel = h:lower(); break end
    end
  end
  ev.scoreboard = {}
  for _, r in ipairs(rows) do
    ev.scoreboard[#ev.scoreboard + 1] = { code = r.code, indicator = r.indicator, relative_to_eu = num(r[rel]) }
  end
  notes[#notes + 1] = "ch2: scoreboard.csv"
end

-- chapter 3: the first table with a variable and a coefficient column,
-- files named *probit* first; rows of a 'model' column naming a probit only
local function ch3(dir, ev, notes)
  local names = files(dir)
  table.sort(names, function(a, b)
    local pa, pb = a:find("probit") ~= nil, b:find("probit") ~= nil
    if pa ~= pb then return pa end
    return a < b
  end)
  for _, f in ipairs(names) do
    if f:match("%.csv$") then
      local rows = read(dir .. "/" .. f)
      local first = rows and rows[1]
      if first and first.variable and pick(first, "coef", "coefficient", "estimate") then
        ev.probit = {}
        for _, r in ipairs(rows) do
          local model = (r.model or "probit"):lower()
          local coef = num(pick(r, "coef", "coefficient", "estimate"))
          if model:find("probit", 1, true) and r.variable and r.variable ~= "" then
            local p = num(pick(r, "p", "p_value", "pvalue", "pr(>|z|)"))
            local stars = r.significance or r["sig."] or r.stars
            if not p and stars then
              -- stars as the study prints them: *** 1%, ** 5%, * 10%; none: not significant
              p = ({ 0.099, 0.049, 0.0099 })[#(stars:match("%*+") or "")] or 1
            end
            -- a term without an estimate (dropped as collinear) keeps its note
            ev.probit[#ev.probit + 1] = { variable = r.variable, coef = coef, p = coef and p or nil,
              stars = coef and stars or nil, note = not coef and stars ~= "" and stars or nil }
          end
        end
        notes[#notes + 1] = "ch3: " .. f
        return
      end
    end
  end
end

local function ch4(dir, ev, notes)
  local rows = read(dir .. "/memberships.csv")
  if not rows or #rows == 0 then return end
  local count, n, order = {}, 0, {}
  for _, r in ipairs(rows) do
    local m = r.mode or r.cluster
    if not count[m] then count[m] = 0; order[#order + 1] = m end
    count[m], n = count[m] + 1, n + 1
  end
  ev.modes = {}
  for _, m in ipairs(order) do ev.modes[#ev.modes + 1] = { mode = m, share = count[m] / n, firms = count[m] } end
  notes[#notes + 1] = "ch4: memberships.csv"
end

function M.read_outputs(dir)
  local ev, notes = {}, {}
  for k, fn in ipairs { ch1, ch2, ch3, ch4 } do
    local d = dir .. "/ch" .. k
    if #files(d) > 0 then fn(d, ev, notes) end
  end
  return ev, notes
end

function M.leading(reg, nat, opts)
  opts = opts or {}
  local q = regionalize.slq(reg, nat)
  local labels = q:rownames() or reg:rownames()
  local all = {}
  for i = 1, q:rows() do
    if q:get(i, 1) >= (opts.min_slq or 1.25) then all[#all + 1] = { sector = labels[i], slq = q:get(i, 1) } end
  end
  table.sort(all, function(a, b) return a.slq > b.slq end)
  local out = {}
  for k = 1, math.min(opts.count or 3, #all) do out[k] = all[k] end
  return out
end

return M
