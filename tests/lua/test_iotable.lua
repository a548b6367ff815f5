-- test_iotable.lua -- reading published input-output tables (ABS 2021-22,
-- Eurostat manual's Germany 1995), their accounting identities, aggregation,
-- dropping sectors, and one clear error per kind of bad table.
local T = require "testing"
local iotable = require "iotable"
local leontief = require "leontief"

local AUS = "scripts/data/national_19_sector_io_aud_mn.csv"
local GER = T.data .. "/iotable/germany_1995_wide.csv"
local D = T.data .. "/iotable/"

T.test("Australia 2021-22: the ABS layout is recognised without options", function()
  local t = iotable.read(AUS)
  T.equal(#t.labels, 19, "sectors")
  T.equal(t.labels[2], "Mining", "label 2")
  T.equal(t.Z:rows(), 19, "Z rows"); T.equal(t.Z:cols(), 19, "Z cols")
  T.equal(t.f:cols(), 5, "final-demand columns")
  T.equal(t.f:colnames()[5], "Exports of Goods and Services", "last final demand")
  T.equal(t.v:rows(), 3, "value-added rows (CoE, GOS, taxes)")
  T.equal(t.imports:rownames()[1], "Imports", "imports row")
  T.equal(t.layout.output_row, "Australian Production", "output row")
  T.equal(t.layout.output_col, "Total Supply", "output column")
  T.equal(t.layout.employment_row, "Total Employment", "employment row")
  -- numbers as printed in the file (row Mining, column Manufacturing; row
  -- Australian Production; row Total Employment)
  T.close(t.Z:get("Mining", "Manufacturing"), 49940.492, 1e-12, "z Mining->Manufacturing")
  T.close(t.x:get("Mining", 1), 456293, 0, "x Mining")
  T.close(t.employment:get("Mining", 1), 199684, 0, "employment Mining")
  T.close(t.v:get("Compensation of employees", "Mining"), 34909, 0, "CoE Mining")
  T.equal(t.x:rownames()[19], "Other Services", "x keeps labels")
end)

T.test("Australia: identities hold; the worst gap is the one R finds", function()
  local c = iotable.check(iotable.read(AUS))
  T.equal(c.ok, true, "balanced")
  -- R 4.2.2 on the same file: rowSums(Z) + rowSums(F) - x and
  -- colSums(Z) + CoE + GOS + taxes + imports - x; largest relative gap:
  -- Information Media and Telecommunications, column total 123199.9983 vs 123200
  T.equal(c.gaps[1].sector, "Information Media and Telecommunications", "worst sector")
  T.equal(c.gaps[1].identity, "column", "worst identity")
  T.close(c.gaps[1].gap, -0.0017, 1e-6, "worst gap")
  T.equal(c.gaps[2].sector, "Manufacturing", "second worst")
end)

T.test("Germany 1995 (Eurostat): P1 output row, D/K/B value added, P7 imports", function()
  local t = iotable.read(GER)
  T.equal(#t.labels, 6, "sectors")
  T.equal(t.layout.output_row, "P1", "output row")
  T.equal(t.layout.output_col, nil, "no output column")
  T.equal(table.concat(t.layout.final_demand, " "), "P3_S14 P3_S13 P5 P52 P6", "final demand")
  -- B1G is the total of D1, D29X39, K1 and B2A3N and must not be counted twice
  T.equal(table.concat(t.layout.value_added, " "), "D21X31 D1 D29X39 K1 B2A3N", "value added")
  T.equal(t.layout.imports[1], "P7", "imports")
  T.equal(t.layout.employment_row, "EMP", "employment")
  -- by hand, CPA_A column: 1131+7930+426+3559+3637+1552 + 2927 (P7) + 1084 (D21X31)
  -- + 9382-2012+7871+6423 (= B1G 21664) = 43910 = P1; every gap of this table is 0
  local c = iotable.check(t, { tolerance = 0 })
  T.equal(c.ok, true, "exact identities")
  -- Eurostat manual table 15.10: Leontief inverse diagonal and output multipliers
  local L = leontief.inverse(leontief.coefficients(t.Z, t.x))
  local diag = { 1.0339, 1.4292, 1.0289, 1.1784, 1.4126, 1.0515 }
  for i = 1, 6 do T.close(L:get(i, i), diag[i], 6e-5, "L diagonal " .. i) end
end)

T.test("output given only as a column; employment is not value added", function()
  local t = iotable.read(D .. "output_column.csv")
  T.equal(t.layout.output_col, "Output", "output column")
  T.equal(t.layout.output_row, nil, "no output row")
  T.close_matrix(t.x, { { 100 }, { 200 } }, 0, "x from the column")
  T.equal(table.concat(t.layout.value_added, " "), "Wages", "value added")
  T.close_matrix(t.employment, { { 5 }, { 8 } }, 0, "employment")
  -- by hand: column A 10 + 5 + 85 = 100, column B 20 + 40 + 140 = 200
  T.equal(iotable.check(t, { tolerance = 0 }).ok, true, "balanced")
end)

T.test("a table with semicolons and decimal commas reads as the original", function()
  local a = iotable.read(AUS)
  local b = iotable.read(D .. "australia_19_semicolon.csv", { sep = ";", decimal = "," })
  T.equal(#b.labels, 19, "sectors")
  T.close(b.Z:get("Mining", "Manufacturing"), a.Z:get("Mining", "Manufacturing"), 1e-15, "flow")
  T.close((a.Z - b.Z):abs():max(), 0, 0, "every flow")
  T.close((a.f - b.f):abs():max(), 0, 0, "every final demand")
  T.equal(iotable.check(b).ok, true, "balanced")
end)

T.test("options name the rows and columns", function()
  local t = iotable.read(AUS, { sectors = 19, final_demand = { "Exports of Goods and Services" },
    value_added = { "Compensation of employees" }, imports = false, output_row = "Australian Production",
    output_col = false, employment_row = "FTE Employment" })
  T.equal(t.f:cols(), 1, "one final-demand column")
  T.equal(t.v:rows(), 1, "one value-added row")
  T.equal(t.imports, nil, "no imports")
  T.equal(t.x_col, nil, "no output column")
  T.close(t.employment:get("Mining", 1), 195481, 0, "FTE employment Mining (file)")
  local s = iotable.read(D .. "small.csv", { sectors = { "C", "A" } })
  T.equal(table.concat(s.labels, " "), "C A", "sectors in the order asked")
  T.close(s.Z:get("C", "A"), 15, 0, "z C->A")
  T.close(s.x:get("C", 1), 100, 0, "x C")
end)

T.test("check names the sector and both totals of a broken identity", function()
  local c = iotable.check(iotable.read(D .. "unbalanced.csv"))
  T.equal(c.ok, false, "fails")
  -- row B: 5 + 40 + 10 + 90 + 45 = 190 against output 200 (by hand)
  T.equal(c.gaps[1].sector, "B", "worst sector")
  T.close(c.gaps[1].gap, -10, 0, "gap")
  for _, s in ipairs { "sector 'B'", "= 190", "output = 200", "gap -10", "1 accounting identity fails" } do
    assert(c.message:find(s, 1, true), "message lacks '" .. s .. "': " .. c.message)
  end
  T.equal(iotable.check(iotable.read(D .. "unbalanced.csv"), { tolerance = 0.06 }).ok, true, "within 6%")
end)

T.test("aggregate with a concordance file sums every part (hand calculation)", function()
  local a = iotable.aggregate(iotable.read(D .. "small.csv"), D .. "small_concordance.csv")
  T.equal(table.concat(a.labels, " "), "AB C", "groups")
  -- AB,AB = 10+20+5+40; AB,C = 5+10; C,AB = 15+30; C,C = 20
  T.close_matrix(a.Z, { { 75, 15 }, { 45, 20 } }, 0, "Z")
  T.equal(a.Z:rownames()[1], "AB", "Z labels")
  T.close_matrix(a.x, { { 300 }, { 100 } }, 0, "x")
  T.close_matrix(a.f, { { 150, 60 }, { 30, 5 } }, 0, "f")
  T.close_matrix(a.v, { { 100, 30 }, { 50, 25 } }, 0, "v")
  T.equal(a.v:colnames()[1], "AB", "v labels")
  T.close_matrix(a.imports, { { 30, 10 } }, 0, "imports")
  T.close_matrix(a.employment, { { 13 }, { 12 } }, 0, "employment")
  T.equal(iotable.check(a, { tolerance = 0 }).ok, true, "aggregation keeps the identities")
end)

T.test("aggregate with a Lua table; Australia into three groups stays balanced", function()
  local t = iotable.read(AUS)
  local conc = {}
  for i, s in ipairs(t.labels) do conc[s] = i <= 2 and "primary" or i <= 5 and "secondary" or "services" end
  local a = iotable.aggregate(t, conc)
  T.equal(table.concat(a.labels, " "), "primary secondary services", "groups in table order")
  T.close(a.Z:sum(), t.Z:sum(), 1e-14, "total flows kept")
  -- Agriculture + Mining outputs from the file: 132904 + 456293
  T.close(a.x:get("primary", 1), 589197, 0, "x primary")
  T.equal(iotable.check(a).ok, true, "balanced")
end)

T.test("aggregate errors name the sector", function()
  local t = iotable.read(D .. "small.csv")
  T.errors("sector 'C' has no group", iotable.aggregate, t, { A = "AB", B = "AB" })
  T.errors("names sector 'D', which the table does not have", iotable.aggregate, t, { A = "g", B = "g", C = "g", D = "g" })
end)

T.test("drop removes rows and columns everywhere and keeps labels", function()
  local d = iotable.drop(iotable.read(D .. "small.csv"), { "B" })
  T.equal(table.concat(d.labels, " "), "A C", "labels")
  T.close_matrix(d.Z, { { 10, 5 }, { 15, 20 } }, 0, "Z")
  T.equal(d.Z:colnames()[2], "C", "Z column labels")
  T.close_matrix(d.v, { { 40, 30 }, { 20, 25 } }, 0, "v")
  T.close_matrix(d.x, { { 100 }, { 100 } }, 0, "x")
  T.close_matrix(d.employment, { { 5 }, { 12 } }, 0, "employment")
  T.errors("no sector labelled 'Q'", iotable.drop, d, { "Q" })
  local z = iotable.read(D .. "zero_output.csv", { drop = { "C" } })
  T.equal(#z.labels, 2, "opts.drop before the checks")
end)

T.test("each bad table has its own message", function()
  T.errors("the intermediate block is not square: row 2 'B' of " .. D .. "nonsquare.csv has no column",
    iotable.read, D .. "nonsquare.csv")
  T.errors("the intermediate block is not square: sector 'B' has a row but no column",
    iotable.read, D .. "nonsquare.csv", { sectors = { "A", "B", "C" } })
  T.errors("row and column labels of the intermediate block differ in " .. D .. "mismatch.csv: row 2 is 'B' but column 2 is 'X'",
    iotable.read, D .. "mismatch.csv")
  T.errors("row 2 is 'B' but column 2 is 'X'", iotable.read, D .. "mismatch.csv", { sectors = 3 })
  T.errors("negative intermediate flow -5 from sector 'A' (row) to sector 'C' (column)",
    iotable.read, D .. "negative.csv")
  T.errors("sector 'C' has zero output 0 in " .. D .. "zero_output.csv (row 'Output')",
    iotable.read, D .. "zero_output.csv")
  -- the csv module's message, with file, line and column, comes through
  T.errors(D .. 'decimal_comma.csv:2: column 2 ("A"): "10,5" is not a number',
    iotable.read, D .. "decimal_comma.csv", { sep = ";" })
  T.errors("no row labelled 'Total Employment' in " .. GER, iotable.read, GER, { employment_row = "Total Employment" })
  T.errors("no column labelled 'Exports' in", iotable.read, GER, { final_demand = { "Exports" } })
  T.errors("no output row or column in " .. D .. "no_output.csv", iotable.read, D .. "no_output.csv")
  T.errors("has no number at row 'A', column 'B'", iotable.read, D .. "empty_cell.csv")
  T.errors("opts.sectors = 9 but", iotable.read, D .. "small.csv", { sectors = 9 })
end)

T.test("a table with decimal commas reads with decimal = ','", function()
  local t = iotable.read(D .. "decimal_comma.csv", { sep = ";", decimal = "," })
  T.close_matrix(t.Z, { { 10.5, 20 }, { 5, 40.25 } }, 0, "Z")
  T.equal(iotable.check(t, { tolerance = 0 }).ok, true, "balanced (by hand: 10.5 + 20 + 69.5 = 100)")
end)

T.test("Russian margins (Kazakhstan statistics agency) are recognised: the same table as small.csv", function()
  -- small_russian.csv is small.csv with Russian labels, ';' and decimal commas
  local ru = iotable.read(D .. "small_russian.csv", { sep = ";", decimal = "," })
  local en = iotable.read(D .. "small.csv")
  T.close_matrix(ru.Z, en.Z:totable(), 0, "Z")
  T.close_matrix(ru.x, en.x:totable(), 0, "x: row 'Выпуск'")
  T.close_matrix(ru.v, en.v:totable(), 0, "v: Оплата труда, Валовая прибыль")
  T.equal(ru.imports:rownames()[1], "Импорт", "imports row")
  T.close_matrix(ru.employment, en.employment:totable(), 0, "employment: row 'Занятые'")
end)

T.test("the ABS 115-industry table: a code column before the names, coded margins (T1, P1 ... T2)", function()
  -- scripts/data/abs_industry_flows_115_aud_mn.csv: columns ioig, row_label, 115
  -- industries, totals and final uses; numbers below are the file's own text
  -- (python csv: row 'T2 Australian production', column 'Total Supply')
  local t = iotable.read("scripts/data/abs_industry_flows_115_aud_mn.csv")
  T.equal(t.Z:rows(), 115, "115 industries")
  T.equal(t.labels[1], "Sheep, grains, beef and dairy cattle", "names from the second column")
  T.close(t.Z:get(1, 1), 3866.1423, 0, "first flow")
  T.close(t.x:get(1, 1), 64913, 0, "output of the first industry (T2)")
  T.close(t.x:get(115, 1), 13057, 0, "output of the last industry")
  T.equal(t.layout.output_row, "T2 Australian production", "a coded output row")
  T.equal(#t.layout.final_demand, 7, "Q1..Q7, without 'Final Uses (Q1 to Q7)' and 'Total Industry Uses'")
  T.equal(#t.layout.imports, 2, "P5, P6")
  -- the ABS identities hold to the rounding of the published cells
  -- (PROVENANCE: largest gap 9e-4; here 7e-4 on an output of 37, 1.9e-5 relative)
  local c = iotable.check(t)
  T.equal(c.ok, true, "identities within the default 1e-4")
  T.close(c.gaps[1].gap, -0.0007, 1e-9, "the worst gap: Knitted product manufacturing, column")
end)

T.done()
