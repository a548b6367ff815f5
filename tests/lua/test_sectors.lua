-- test_sectors.lua -- sector names: matching, the study's local-serving list as
-- data (ANZSIC, NACE and the study's names), the Kazakhstan 2009 concordance and
-- its coverage of every sector name the study publishes (tables 5-13).
local T = require "testing"
local csv = require "csv"
local iotable = require "iotable"
local sectors = require "sectors"

local conc = sectors.read_concordance(sectors.data_file(sectors.CONCORDANCE_FILE))

T.test("names compared ignoring case, spaces and punctuation; Cyrillic kept", function()
  T.equal(sectors.key("Retail  Trade"), sectors.key("retail trade"), "case and spaces")
  assert(sectors.key("Строительство") ~= sectors.key("Связь"), "Cyrillic names stay distinct")
  T.equal(table.concat(sectors.find({ "A b", "C" }, { "c", "a B" }), "|"), "C|A b", "labels as the table has them")
  T.errors("--local-serving: no sector 'Q' in the table", sectors.find, { "A" }, { "Q" }, "--local-serving")
end)

T.test("the study's local-serving and primary sectors among ANZSIC divisions", function()
  -- the 19 ANZSIC divisions of the bundled table: all but Mining (B) and
  -- Manufacturing (C) are primary (A) or local-serving (D to S)
  local tbl = iotable.read("scripts/data/national_19_sector_io_aud_mn.csv")
  local ls = sectors.local_serving(tbl.labels)
  T.equal(#ls.sectors, 17, "17 of 19")
  T.equal(ls.by["Agriculture, Forestry and Fishing"], "primary", "primary")
  T.equal(ls.by.Construction, "local-serving", "local-serving")
  T.equal(ls.by.Mining, nil, "mining is kept (tables 6, 7 and 9 list mining sectors)")
  T.equal(#sectors.local_serving(tbl.labels, { names = "none" }).sectors, 0, "none")
  T.equal(table.concat(sectors.local_serving(tbl.labels, { names = { "mining" } }).sectors), "Mining", "override")
end)

T.test("the study's names and NACE names; Russian names through the concordance's NACE codes", function()
  -- table 5 keeps these among East Kazakhstan's key sectors, so the study marks them
  local ls = sectors.local_serving { "Agriculture, hunting and related service activities",
    "Production and distribution of electricity, gas and water", "Construction", "Metallurgical industry",
    "Hotels and restaurants" }
  T.equal(#ls.sectors, 4, "all but metallurgy")
  local ru = { "Строительство", "Металлургическая промышленность", "Гостиницы и рестораны", "Неизвестная отрасль" }
  local without = sectors.local_serving(ru)
  T.equal(#without.sectors, 0, "no Russian name in the list itself")
  assert(without.source:find("needs a concordance", 1, true), "and the source says so: " .. without.source)
  local with = sectors.local_serving(ru, { concordance = conc })
  T.equal(table.concat(with.sectors, "; "), "Строительство; Гостиницы и рестораны", "NACE 45 and 55")
end)

T.test("the concordance: the agency's sectors, NACE codes, the study's names", function()
  T.equal(#conc.rows, 57, "rows")
  local tr = sectors.translate({ "Металлургическая промышленность", "Связь", "Unknown" }, conc)
  T.equal(table.concat(tr.names["Металлургическая промышленность"], "|"), "Metallurgical industry|Metallurgy",
    "the study's two names of NACE 27 (tables 5 and 9)")
  T.equal(tr.nace["Связь"], "64", "NACE code")
  T.equal(table.concat(tr.unmatched), "Unknown", "unmatched listed")
  local bad = os.tmpname()
  local h = io.open(bad, "w"); h:write("code,russian,nace\n01,x,01\n"); h:close()
  T.errors("has no column 'study'", sectors.read_concordance, bad)
end)

T.test("every sector the study publishes (tables 5-13) has a concordance row", function()
  local known = {}
  for _, r in ipairs(conc.rows) do for _, n in ipairs(r.study) do known[sectors.key(n)] = true end end
  local missing = {}
  for file, col in pairs { ["published_linkages.csv"] = "sector", ["published_factor_clusters.csv"] = "industry" } do
    local t = csv.read_table("scripts/data/" .. file, { na = true, text = { col } })
    for _, name in ipairs(t.columns[col]) do
      if not known[sectors.key(name)] then missing[#missing + 1] = name end
    end
  end
  T.equal(table.concat(missing, "; "), "", "published names without a row")
end)

T.done()
