-- test_employment.lua -- employment by sector aligned with a table: the one
-- rule for E^r and E^n, the region's and the nation's columns named or found,
-- errors that list the columns. Numbers are those of the files (small.csv,
-- small_employment.csv: tests/data/iotable/PROVENANCE.md).
local T = require "testing"
local iotable = require "iotable"
local employment = require "employment"
local regionalize = require "regionalize"

local D = T.data .. "/iotable/"
local tbl = iotable.read(D .. "small.csv")

local function list(v) return table.concat(v:list(), " "):gsub("%.0", "") end

-- a file in a temporary folder
local function file(text)
  local path = os.tmpname()
  local h = assert(io.open(path, "w")); h:write(text); h:close()
  return path
end

T.test("both sizes from the file by default; the table's row only when asked for", function()
  local e = employment.read(D .. "small_employment.csv", tbl)
  T.equal(list(e.regional), "2 3 0", "region: the first column of numbers")
  T.equal(list(e.national), "5 8 1", "nation: the other column")
  T.equal(e.region_column, "region", "region column")
  assert(e.national_source:find("column 'nation'", 1, true), e.national_source)
  local t = employment.read(D .. "small_employment.csv", tbl, { national = "table" })
  -- small.csv's employment row: 5, 8, 12
  T.equal(list(t.national), "5 8 12", "the table's employment row")
  T.equal(t.national_source, "the table's row 'Employment'", "said")
  assert(employment.RULE:find("the table's employment row only when asked for", 1, true))
end)

T.test("the script's rule is the prompt's: regionalise needs the nation's sizes named", function()
  local e = employment.read(D .. "small_employment.csv", tbl)
  local a = regionalize.regionalise(tbl, e.regional, { national_sizes = e.national })
  local b = regionalize.regionalise(tbl, e.regional, { national_sizes = "table" })
  -- SLQ of A with the file's nation: (2/5) / (5/14) = 1.12; with the table's row
  -- (5 + 8 + 12 = 25): (2/5) / (5/25) = 2: different coefficients, hence one rule
  T.close(a.Q:get(1, 1) / a.lambda, (2 / 5) / (5 / 14), 1e-12, "SLQ_A, file")
  T.close(b.Q:get(1, 1) / b.lambda, (2 / 5) / (5 / 25), 1e-12, "SLQ_A, table row")
  T.errors("national sizes needed", regionalize.regionalise, tbl, e.regional)
end)

T.test("the region and the nation named by column", function()
  local path = file("sector,east,west,nation\nA,2,1,5\nB,3,4,8\nC,0,1,1\n")
  local e = employment.read(path, tbl, { region = "West", national = "nation" })
  T.equal(list(e.regional), "1 4 1", "west, matched ignoring case")
  T.errors("has 2 columns of numbers besides the region's 'east' (west, nation): name the nation's",
    employment.read, path, tbl)
end)

T.test("a wrong column name lists the columns; a file without the nation says what to do", function()
  T.errors("opts.region 'regoin' names no column of employment numbers; the columns are: region, nation",
    employment.read, D .. "small_employment.csv", tbl, { region = "regoin" })
  T.errors("opts.national 'x' names no column", employment.read, D .. "small_employment.csv", tbl, { national = "x" })
  T.errors("the region's and the nation's column are both 'region'", employment.read, D .. "small_employment.csv",
    tbl, { national = "region" })
  local one = file("sector,region\nA,2\nB,3\nC,0\n")
  T.errors("has only the region's employment (column 'region')", employment.read, one, tbl)
  T.equal(employment.read(one, tbl, { national = "table" }).regional:get(2, 1), 3, "with the table's row")
end)

T.test("bad cells name the file, row, column and sector", function()
  T.errors(", row 3, column 'region', sector 'B': negative employment -3", employment.read,
    file("sector,region,nation\nA,2,5\nB,-3,8\nC,0,1\n"), tbl)
  T.errors(", row 5, sector 'D': matches no sector of the table", employment.read,
    file("sector,region,nation\nA,2,5\nB,3,8\nC,0,1\nD,1,1\n"), tbl)
  T.errors("row 3, sector 'A': the sector appears twice", employment.read,
    file("sector,region,nation\nA,2,5\nA,3,8\nC,0,1\n"), tbl)
end)

T.done()
