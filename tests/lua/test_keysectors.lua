-- test_keysectors.lua -- the study's key-sector rule and lists (Samambayeva
-- 2013, tables 5-10): by hand on made-up indices, and on the bundled ABS table
-- whose indices R computed (tests/scripts/test_ch1.lua, national linkages).
local T = require "testing"
local matrix = require "matrix"
local iotable = require "iotable"
local leontief = require "leontief"
local keysectors = require "keysectors"

-- four sectors' Rasmussen indices and Hazari CVs, made up for the rule
local r = {
  backward = matrix.col { 1.2, 1.1, 0.9, 0.8 }, forward = matrix.col { 1.3, 1.05, 1.2, 0.7 },
  cv_backward = matrix.col { 2.0, 3.0, 2.5, 2.5 }, cv_forward = matrix.col { 2.0, 2.0, 3.0, 5.0 },
}

T.test("the limit of a low CV: the mean over the sectors, or a threshold", function()
  local limit = keysectors.cv_limit(r)
  -- (2 + 3 + 2.5 + 2.5) / 4 = 2.5 and (2 + 2 + 3 + 5) / 4 = 3
  T.close(limit.backward, 2.5, 1e-15, "backward"); T.close(limit.forward, 3, 1e-15, "forward")
  T.equal(keysectors.cv_limit(r, 2.8).backward, 2.8, "threshold")
  T.errors("max_cv must be a positive number", keysectors.cv_limit, r, -1)
end)

T.test("the study's rule: both indices above 1 and both CVs at or below the limit", function()
  local c = keysectors.classify(r, keysectors.cv_limit(r))
  -- 1: 1.2, 1.3 > 1 and CVs 2.0 <= 2.5, 2.0 <= 3: key; 2: backward CV 3.0 > 2.5: uneven;
  -- 3: forward only; 4: neither
  T.equal(table.concat(c, " "), "key uneven forward weak", "cv rule")
  T.equal(table.concat(keysectors.classify(r, keysectors.cv_limit(r), "index"), " "), "key key forward weak",
    "index rule: CVs not used")
  T.equal(keysectors.classify(r, keysectors.cv_limit(r, 3.0))[2], "key", "threshold 3.0: CV 3.0 is at it")
  T.errors("rule must be 'cv' or 'index', got 'both'", keysectors.classify, r, keysectors.cv_limit(r), "both")
end)

local tbl = iotable.read("scripts/data/national_19_sector_io_aud_mn.csv")
local A = leontief.coefficients(tbl.Z, tbl.x)

local function names(list)
  local out = {}
  for _, e in ipairs(list) do out[#out + 1] = e.sector end
  table.sort(out)
  return table.concat(out, "; ")
end

T.test("local-serving sectors: kept among the key sectors (table 5), left out of the oriented lists (6, 7, 10)", function()
  -- R's indices of this table (test_ch1.lua): Construction 1.289 / 1.419 with CVs 2.693
  -- / 2.403, below the means 2.72 / 2.93: key; Accommodation and Food Services
  -- backward 1.056, CV 2.264: backward-linkage-oriented
  local all = keysectors.analyse(A, tbl.f, tbl.labels)
  assert(names(all.key):find("Construction", 1, true), names(all.key))
  assert(names(all.backward):find("Accommodation and Food Services", 1, true), names(all.backward))
  local set = keysectors.analyse(A, tbl.f, tbl.labels,
    { local_serving = { "Construction", "Accommodation and Food Services" } })
  T.equal(names(set.key), names(all.key), "the key list keeps local-serving sectors")
  assert(not names(set.backward):find("Accommodation", 1, true), "left out of the backward list")
  local acc
  for _, rec in ipairs(set.records) do if rec.sector == "Accommodation and Food Services" then acc = rec end end
  T.equal(acc.class, "backward", "its class is still its linkage class")
  T.equal(acc.local_serving, "yes", "and it is marked")
  -- each oriented sector carries its own CV, at or below the limit
  for _, e in ipairs(all.forward) do assert(e.cv == e.cv_forward and e.cv <= all.cv_limit.forward, e.sector) end
end)

T.test("list rows: the published layout, one row per listed sector", function()
  local res = keysectors.analyse(A, tbl.f, tbl.labels)
  local rows = keysectors.list_rows(res, "national")
  T.equal(#rows, #res.key + #res.backward + #res.forward, "rows")
  T.equal(rows[1].list, "key sectors", "key sectors first")
  T.equal(rows[1].coefficient_of_variation, nil, "no CV for a key sector (tables 5, 8)")
  T.equal(rows[#rows].list, "forward-linkage-oriented", "forward last")
end)

T.done()
