-- test_valuechains.lua -- members, primary and secondary memberships, the
-- printable table and key-sector confirmation on a hand-made loading matrix
-- (every expected value below is read off that matrix by hand).
local T = require "testing"
local matrix = require "matrix"
local vc = require "valuechains"

-- 5 industries x 3 factors, as factor.pca would return them
local function result()
  local A = matrix.from({
    {0.90, 0.10, 0.05},   -- Mining: F1 only
    {0.62, 0.40, 0.00},   -- Metals: F1, secondary F2 (0.40 >= 0.35)
    {0.20, 0.81, 0.36},   -- Machinery: F2, secondary F3
    {0.30, 0.34, 0.45},   -- Trade: F3 primary, below 0.5 everywhere
    {0.55, 0.70, 0.10}},  -- Energy: F2 primary, member of F1 too (0.55 >= 0.5)
    {"Mining", "Metals", "Machinery", "Trade", "Energy"}, {"F1", "F2", "F3"})
  return {loadings = A, variance = {2.5, 1.8, 0.7}, proportion = {0.5, 0.36, 0.14},
          eigenvalues = matrix.from{3.0, 1.5, 0.5, 0, 0}}
end

T.test("members above 0.5, sorted by loading, with primary flags", function()
  local r = vc.identify(result(), {names = {"Metalworking", "Machinery", "Services"}})
  local f1 = r.factors[1]
  T.equal(f1.name, "Metalworking", "name")
  T.equal(#f1.members, 3, "F1 members: Mining .90, Metals .62, Energy .55")
  T.equal(f1.members[1].sector, "Mining", "highest first")
  T.equal(f1.members[3].sector, "Energy", "lowest last")
  T.equal(f1.members[3].primary, false, "Energy's highest loading is on F2")
  T.equal(f1.members[2].primary, true, "Metals' highest is F1")
  T.equal(#r.factors[3].members, 0, "no loading >= 0.5 on F3")
  T.equal(r.factors[2].rotated_variance, 1.8, "rotated variance")
  T.equal(r.factors[2].initial_eigenvalue, 1.5, "initial eigenvalue")
  -- shares of the 5 variables' variance: 1.5 / 5 = 0.3 initially, 0.36 after rotation
  T.close(r.factors[2].initial_share, 0.3, 1e-15, "initial share")
  T.close(r.factors[2].rotated_share, 0.36, 1e-15, "rotated share")
  T.equal(r.factors[2].eigenvalue, nil, "no bare eigenvalue")
end)

T.test("primary by highest loading, secondary at 0.35 (Feser & Bergman 2000)", function()
  local r = vc.identify(result())
  T.equal(r.primary.Mining, 1, "Mining")
  T.equal(r.primary.Trade, 3, "Trade: highest 0.45 on F3")
  T.equal(r.primary.Energy, 2, "Energy")
  T.equal(table.concat(r.secondary.Metals, ","), "2", "Metals secondary on F2 (0.40)")
  T.equal(table.concat(r.secondary.Machinery, ","), "3", "Machinery secondary on F3 (0.36)")
  T.equal(table.concat(r.secondary.Energy, ","), "1", "Energy secondary on F1 (0.55)")
  T.equal(r.secondary.Trade, nil, "Trade: 0.30 and 0.34 are below 0.35")
  T.equal(table.concat(r.factors[2].primary, ","), "Machinery,Energy", "F2 primary members")
  -- a higher secondary threshold drops Metals (0.40) and Machinery (0.36)
  local strict = vc.identify(result(), {secondary = 0.45})
  T.equal(strict.secondary.Metals, nil, "0.40 < 0.45")
  T.equal(table.concat(strict.secondary.Energy, ","), "1", "0.55 >= 0.45")
end)

T.test("a lower threshold lists more members", function()
  local r = vc.identify(result(), {threshold = 0.4})
  T.equal(#r.factors[3].members, 1, "Trade 0.45 on F3")
  T.equal(#r.factors[2].members, 3, "Machinery .81, Energy .70, Metals .40")
end)

T.test("printable rows like tables 11-13: initial and rotated, a factor without members listed", function()
  local rows = vc.rows(vc.identify(result(), {names = {"Metalworking"}}))
  T.equal(#rows, 1 + 3 + 2 + 1, "header + 3 members of F1 + 2 of F2 + F3 without members")
  T.equal(table.concat(rows[1], "|"), "Factor|Value chain|Initial eigenvalue|Initial %|Rotated variance|Rotated %|"
    .. "Industry|Loading", "header")
  -- initial 3.0 / 5 = 60%, rotated 2.5 / 5 = 50%
  T.equal(table.concat(rows[2], "|"), "1|Metalworking|3.00|60.00|2.50|50.00|Mining|0.9000", "first row")
  T.equal(table.concat(rows[5], "|"), "2|Factor 2|1.50|30.00|1.80|36.00|Machinery|0.8100", "F2 first row")
  T.equal(table.concat(rows[7], "|"), "3|Factor 3|0.50|10.00|0.70|14.00|no industry loads >= 0.5|", "F3, no member")
  local rec = vc.records(vc.identify(result()))
  T.equal(rec[#rec].industry, nil, "no industry in F3's record")
  T.equal(rec[#rec].note, "no industry loads >= 0.5", "F3's note")
end)

T.test("key sectors confirmed by each value chain", function()
  local classes = {Mining = "key", Metals = "backward", Machinery = "key", Trade = "key", Energy = "forward"}
  local c = vc.confirm(vc.identify(result()), classes)
  T.equal(table.concat(c[1].key, ","), "Mining", "F1 confirms Mining")
  T.equal(table.concat(c[1].backward, ","), "Metals", "F1 backward-oriented member")
  T.equal(table.concat(c[1].forward, ","), "Energy", "F1 forward-oriented member")
  T.equal(table.concat(c[2].key, ","), "Machinery", "F2 confirms Machinery")
  T.equal(table.concat(c.unconfirmed, ","), "Trade", "Trade is key but in no value chain")
  -- through identify's option, and with classes as an array in sector order
  local r = vc.identify(result(), {classes = {"key", "backward", "key", "key", "forward"}})
  T.equal(table.concat(r.factors[2].key, ","), "Machinery", "array classes")
  T.equal(table.concat(r.unconfirmed, ","), "Trade", "unconfirmed")
end)

T.test("published clusters matched to value chains", function()
  local published = {
    {cluster = "Metalworking", industry = "mining"},          -- case and spacing ignored
    {cluster = "Metalworking", industry = "Metals "},
    {cluster = "Metalworking", industry = "Chemicals"},       -- not among our members
    {cluster = "Engineering", industry = "Machinery"},
  }
  local c = vc.compare(vc.identify(result()), published)
  T.equal(#c, 2, "two published clusters, in order of appearance")
  T.equal(c[1].cluster, "Metalworking", "first")
  T.equal(c[1].factor, 1, "F1 shares Mining and Metals")
  T.equal(table.concat(c[1].shared, ","), "Mining,Metals", "shared")
  T.equal(table.concat(c[1].missing, ","), "Chemicals", "missing")
  T.equal(table.concat(c[1].extra, ","), "Energy", "extra")
  T.close(c[1].jaccard, 2 / 4, 1e-15, "Jaccard: 2 shared of 4 in the union")
  T.equal(c[2].factor, 2, "Engineering is F2 (Machinery)")
  T.errors("published[1] must have cluster= and industry=", vc.compare, vc.identify(result()), {{}})
end)

T.test("bad input is a clear error", function()
  T.errors("res must be factor.pca's result", vc.identify, {})
  T.errors("threshold must be a number between 0 and 1", vc.identify, result(), {threshold = 1.5})
  T.errors("secondary must be", vc.identify, result(), {secondary = "x"})
  T.errors("vc must come from valuechains.identify", vc.rows, 3)
  T.errors("classes must be a table", vc.confirm, vc.identify(result()), "key")
end)

T.done()
