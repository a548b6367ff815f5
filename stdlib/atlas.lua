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
local timer = require "timer"

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
    .. "areas=, sectors=, class= {[area] = {[sector] = class}}, skipped= {{area=, reason=}}, counts=}; "
    .. "records and class are made when read (the run keeps each area's results as columns)",
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

-- areas whose tables are inverted together (leontief.start_inverses, one
-- per thread): about 2 MB of n x n tables (two areas of 343 sectors), so
-- that the temporaries stay few; more of small tables, whose per-batch
-- costs (a thread, a minor collection) would outweigh their inverses
local function batch_size(n) return math.max(2, math.min(64, (1 << 21) // (8 * n * n))) end

-- the columns of an area's results (kept sectors x columns): the measures,
-- then the class as its number in CLASSES and the sector's index in the table
local FIELDS = { "multiplier", "backward", "forward", "cv_backward", "cv_forward", "hazari_backward",
  "hazari_forward", "employment" }
local CLASSES = { "key", "uneven", "backward", "forward", "weak" }
local CLASS_CODE = {}
for k, c in ipairs(CLASSES) do CLASS_CODE[c] = k end

-- One area's regional table (FLQ), or nil and why the area has none
local function regional_table(tbl, reg, nat, opts)
  local r = regionalize.regionalise(tbl, reg, { method = opts.method or "flq", delta = opts.delta or 0.3,
    national_sizes = nat, coefficients = opts.coefficients })
  if #r.kept < 2 then
    return nil, string.format("%d sector%s with employment: linkages compare sectors", #r.kept, #r.kept == 1 and "" or "s")
  end
  return r
end

-- chapter 1's key-sector analysis of a regional table r with Leontief
-- inverse L (keysectors.measures: multipliers, Rasmussen indices with
-- Hazari's CVs and the study's classes, Hazari's weighted indices), kept as
-- one unlabelled matrix: {values= (kept sectors x FIELDS, class, sector), hazari=};
-- and the classes as a list
local function analysed(r, L, opts)
  local ms = keysectors.measures(L, r.f, { rule = opts.rule, max_cv = opts.max_cv })
  local ras, hz, m = ms.rasmussen, ms.hazari, #r.kept
  local codes = {}
  for i, c in ipairs(ms.classes) do codes[i] = CLASS_CODE[c] end
  local none = not hz and matrix.new(m, 1) or nil
  local values = matrix.hcat(ms.multipliers:t(), ras.backward, ras.forward, ras.cv_backward, ras.cv_forward,
    hz and hz.backward or none, hz and hz.forward or none, r.employment, matrix.col(codes), matrix.col(r.kept))
  values:setnames(nil, nil)
  return { values = values, hazari = hz ~= nil }, ms.classes
end

-- an area's class codes and sector indices, as Lua arrays
local function classes_and_sectors(a)
  local m = a.values:rows()
  local c, k = a.values:select(nil, { #FIELDS + 1, #FIELDS + 2 }):list(), {}
  for i = 1, m do k[i] = math.tointeger(c[m + i]) end
  return c, k, m
end

-- the records of an analysed area: one per sector present (one constructor
-- per record: its fields are FIELDS)
local function area_records(a, labels, area)
  local v, m, records = a.values:list(), a.values:rows(), {}
  local hz = a.hazari and 1 or nil
  for i = 1, m do
    records[i] = { area = area, sector = labels[math.tointeger(v[9 * m + i])], class = CLASSES[v[8 * m + i]],
      multiplier = v[i], backward = v[m + i], forward = v[2 * m + i], cv_backward = v[3 * m + i],
      cv_forward = v[4 * m + i], hazari_backward = hz and v[5 * m + i], hazari_forward = hz and v[6 * m + i],
      employment = v[7 * m + i] }
  end
  return records
end

-- One area: the regional table (FLQ), then chapter 1's key-sector analysis
-- of it, one record per sector present.
function M.region(tbl, reg, nat, opts)
  opts = opts or {}
  local r, why = regional_table(tbl, reg, nat, opts)
  if not r then return nil, why end
  local labels = tbl.labels or tbl.Z:rownames()
  return area_records(analysed(r, leontief.inverse(r.A), opts), labels), r.lambda
end

-- res.records: the records of every area, made when read (the run keeps
-- each area's columns, not a table per area and sector)
local function records_view(res, analyses, labels)
  local first, slots = {}, {}   -- slot s: analyses[slots[s]], its records from first[s]
  local count = 0
  for k = 1, #res.areas do
    if analyses[k] then
      slots[#slots + 1], first[#first + 1] = k, count + 1
      count = count + analyses[k].values:rows()
    end
  end
  local at, cached = 0, nil       -- the slot read last and its records
  local heap = collectgarbage("count")  -- KB after the last collection here
  local function slot_of(i)
    if at > 0 and i >= first[at] and (at == #first or i < first[at + 1]) then return at end
    if at < #first and i >= first[at + 1] and (at + 1 == #first or i < first[at + 2]) then return at + 1 end
    local lo, hi = 1, #first      -- the last slot whose first record is <= i
    while lo < hi do
      local mid = (lo + hi + 1) // 2
      if first[mid] <= i then lo = mid else hi = mid - 1 end
    end
    return lo
  end
  return setmetatable({}, {
    __len = function() return count end,
    __index = function(_, i)
      if math.type(i) ~= "integer" or i < 1 or i > count then return nil end
      local s = slot_of(i)
      if s ~= at then
        -- a walk over every record makes about 0.5 KB per record, dead as
        -- soon as read: collect after 8 MB of them (or a quarter of the heap)
        -- rather than when the heap has doubled
        if collectgarbage("count") > heap + math.max(8192, heap / 4) then
          collectgarbage()
          heap = collectgarbage("count")
        end
        at = s
        cached = area_records(analyses[slots[s]], labels, res.areas[slots[s]])
      end
      return cached[i - first[s] + 1]
    end,
  })
end

-- res.class[area][sector]: made for an area when first read
local function classes_view(res, analyses, labels)
  local index = {}
  for k, area in ipairs(res.areas) do index[area] = k end
  return setmetatable({}, { __index = function(t, area)
    local k = index[area]
    if not k then return nil end
    local classes, a = {}, analyses[k]
    if a then
      local codes, sectors, m = classes_and_sectors(a)
      for i = 1, m do classes[labels[sectors[i]]] = CLASSES[codes[i]] end
      for _, s in ipairs(labels) do classes[s] = classes[s] or "absent" end
    end
    rawset(t, area, classes)
    return classes
  end })
end

-- Every area of the employment record; areas without two employed sectors
-- are listed in `skipped` with the reason, not silently left out.
function M.run(tbl, employment, opts)
  opts = opts or {}
  if type(tbl) ~= "table" or not tbl.Z or not tbl.x then fail("run", "a table record {Z=, x=, labels=} expected") end
  if type(employment) ~= "table" or not employment.E then fail("run", "an atlas.read_employment record expected") end
  local labels = tbl.labels or tbl.Z:rownames()
  local res = { areas = employment.areas, sectors = labels, skipped = {}, lambda = {},
    counts = { key = 0, uneven = 0, backward = 0, forward = 0, weak = 0, absent = 0 } }
  local total, n = #employment.areas, tbl.Z:rows()
  -- the national coefficients once for every area
  local A = leontief.coefficients(tbl.Z, tbl.x)
  if labels then A:setnames(labels, labels) end
  local area_opts = setmetatable({ coefficients = A }, { __index = opts })
  local analyses, threads, batch = {}, timer.blas_threads(), batch_size(n)
  -- areas k0 .. k1: their regional tables (or why an area has none)
  local function regional_batch(k0, k1)
    local b = { k0 = k0, k1 = k1, regions = {}, tables = {} }
    for k = k0, k1 do
      local r, why = regional_table(tbl, employment.E:col(k), employment.national, area_opts)
      b.regions[k - k0 + 1] = r or why
      if r then b.tables[#b.tables + 1] = r.A end
    end
    return b
  end
  -- a batch's analyses from its inverses
  local function analyse(b, Ls, bad, msg)
    local t = 0
    for k = b.k0, b.k1 do
      local r, area = b.regions[k - b.k0 + 1], employment.areas[k]
      if type(r) == "table" then
        t = t + 1
        if t == bad then fail("run", "area '%s': %s", area, msg) end
        local a, classes = analysed(r, Ls[t], opts)
        analyses[k], res.lambda[area] = a, r.lambda
        for _, c in ipairs(classes) do res.counts[c] = res.counts[c] + 1 end
        res.counts.absent = res.counts.absent + n - #classes
      else
        res.skipped[#res.skipped + 1] = { area = area, reason = r }
      end
      if opts.progress then opts.progress(k, total, area) end
    end
  end
  -- while one batch's tables are inverted (leontief.start_inverses, on
  -- worker threads) this thread makes the next batch's regional tables and
  -- then analyses the batch while the next one is inverted
  local pending
  local function step(b)
    local nxt = b.k1 < total and regional_batch(b.k1 + 1, math.min(b.k1 + batch, total)) or nil
    local Ls, bad, msg = b.inverting:finish()
    pending = nil
    if nxt then nxt.inverting = leontief.start_inverses(nxt.tables, threads); pending = nxt.inverting end
    analyse(b, Ls, bad, msg)
    return nxt
  end
  -- generational collection: each batch's n x n temporaries die young and
  -- go at the minor collection after the batch, without re-traversing what
  -- is kept. Minor collections only there (not after 20% growth): a batch's
  -- tables live across two batches, and a third collection would make them
  -- old, kept until a major one (50% more memory at the peak)
  local gc_mode = collectgarbage("generational", 200)
  -- the areas are the parallel work: a BLAS thread woken for an area's
  -- small products would spin on a core the inverses need
  timer.blas_threads(1)
  local ok, err = pcall(function()
    local b = total > 0 and regional_batch(1, math.min(batch, total)) or nil
    if b then b.inverting = leontief.start_inverses(b.tables, threads); pending = b.inverting end
    while b do
      b = step(b)
      collectgarbage("step")  -- a minor collection: the last batch's n x n temporaries
    end
  end)
  if pending then pending:finish() end  -- after an error: the workers stop before the tables go
  timer.blas_threads(threads)
  collectgarbage("generational", 20)  -- Lua's default minor multiplier again
  collectgarbage(gc_mode)
  if not ok then error(err, 0) end
  res.records, res.class = records_view(res, analyses, labels), classes_view(res, analyses, labels)
  return res
end

return M
