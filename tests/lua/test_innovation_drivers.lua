-- test_innovation_drivers.lua -- chapter 3's study variables from survey
-- questions through the mapping file, and Tables 18, 20 and figure 13 on six
-- made-up firms whose answers and results are worked out by hand below.
-- (Table 21 and the whole chain run end to end in tests/scripts/test_ch3.lua.)
local T = require "testing"
local frame = require "frame"
local id = require "innovation_drivers"
local variables = require "innovation_drivers.variables"

local NaN = 0 / 0
local function isnan(x) return x ~= x end

-- six firms answering the questions the mapping file names
local function survey(changes)
  local cols = {
    idstd = {1, 2, 3, 4, 5, 6}, a4a = {15, 15, 15, 52, 52, 45}, h1 = {1, 2, 1, 2, 1, 2},
    h3 = {30, NaN, 10, NaN, NaN, NaN}, h8 = {1, 2, 2, 2, 1, 2}, d3b = {0, 0, 5, 0, 0, 0},
    d3c = {10, 0, 0, 0, 0, 0}, d12a = {60, 100, 80, NaN, NaN, NaN}, d12b = {40, 0, 20, NaN, NaN, NaN},
    b2b = {0, 10, 9, 0, 50, 0}, e6 = {1, 2, 1, 1, 2, NaN}, l1 = {10, 20, 30, 40, 50, 60},
  }
  for k, v in pairs(changes or {}) do cols[k] = v end
  local names = {"idstd", "a4a", "h1", "h3", "h8", "d3b", "d3c", "d12a", "d12b", "b2b", "e6", "l1"}
  return frame.new{names = names, columns = cols, source = "six.dta",
    value_labels = {a4a = {[15] = "Food", [52] = "Retail", [45] = "Construction section"}}}
end

local mapping = variables.read_mapping()
local study = variables.build(survey(), mapping, {survey_name = "six.dta"})

local function list(name)
  local out = {}
  for i, v in ipairs(study:list(name)) do out[i] = type(v) == "number" and string.format("%g", v) or v end
  return table.concat(out, ",")
end

T.test("the mapping file names each study variable's questions and transformation", function()
  local by = {}
  for _, spec in ipairs(mapping) do by[spec.variable] = spec end
  T.equal(table.concat(by.exporter.questions, " "), "d3b d3c")
  T.equal(by.innovator.transformation, "yes_no")
  T.equal(by.foreign.parameter, "10")
  T.equal(by.foreign_inputs.published, "Foreign import")
  for _, spec in ipairs(mapping) do T.equal(#spec.note > 0, true, "a note for " .. spec.variable) end
end)

T.test("study variables, by hand from the six firms", function()
  T.equal(list("sector"), "Food,Food,Food,Retail,Retail,Construction section")
  T.equal(list("manufacturing"), "1,1,1,0,0,0")          -- ISIC 15-37
  T.equal(list("innovator"), "1,0,1,0,1,0")              -- yes 1, no 2
  T.equal(list("rnd"), "1,0,0,0,1,0")
  T.equal(list("exporter"), "1,0,1,0,0,0")               -- d3b or d3c above 0
  T.equal(list("foreign"), "0,1,0,0,1,0")                -- b2b >= 10
  T.equal(list("size"), "10,20,30,40,50,60")
  -- e6 yes among the other firms of the sector: Food (1, 0, 1): 1/2, 2/2,
  -- 1/2; Retail (1, 0): 0/1, 1/1; Construction: no other firm
  local t = study:list("tech_opportunity")
  T.equal(table.concat({t[1], t[2], t[3], t[4], t[5]}, ","), "50.0,100.0,50.0,0.0,100.0")
  T.equal(isnan(t[6]), true, "no other firm: missing")
  T.equal(isnan(study:list("licence")[6]), true, "unanswered: missing")
end)

T.test("Table 18 counts firms by sector, the largest first, and the total", function()
  local t = id.table18(study)
  T.equal(#t, 4)
  T.equal(t[1].sector .. t[1].frequency .. t[2].sector .. t[2].frequency, "Food3Retail2")
  T.close(t[1].percentage, 50, 1e-14)
  T.close(t[3].percentage, 100 / 6, 1e-14)
  T.equal(t[4].sector .. t[4].frequency, "Total6")
end)

T.test("Table 20: means of innovators and non-innovators and a Welch t statistic", function()
  local t = id.table20(study, nil, mapping, {"size"})
  -- innovators (firms 1, 3, 5): 10, 30, 50 -> 30; others 20, 40, 60 -> 40; both
  -- variances 400, so t = -10 / sqrt(400/3 + 400/3) = -0.6123724356957945 on
  -- 4 degrees of freedom (Welch-Satterthwaite with equal variances and sizes)
  T.equal(t[1].innovators, 30.0)
  T.equal(t[1].non_innovators, 40.0)
  T.equal(t[1].difference, -10.0)
  T.equal(t[1].test, "Welch t")
  T.close(t[1].statistic, -0.6123724356957945, 1e-14, "t")
  T.close(t[1].df, 4, 1e-12, "df")
  local b = id.table20(study, nil, mapping, {"rnd"})
  T.equal(b[1].test, "chi2")
  T.close(b[1].innovators, 2 / 3, 1e-15)
  T.errors("table 20: 'domestic_inputs' is known for 2 innovators and 1 non-innovators", id.table20, study)
end)

T.test("figure 13: innovators by trade orientation among manufacturing firms", function()
  -- firm 1: imports 40%, exports, innovates; firm 2: neither, does not; firm 3:
  -- imports 20%, exports, innovates; firms 4-6 have no input data
  local f = id.figure13(study)
  T.equal(f[1].orientation .. f[1].firms .. f[1].innovators, "Domestic only10")
  T.equal(f[2].firms + f[3].firms, 0)
  T.equal(f[2].share, nil, "no firm: no share")
  T.equal(f[4].firms .. "/" .. f[4].innovators, "2/2")
  T.close(f[4].share, 100, 0)
end)

T.test("bad answers and bad mapping files have their own messages", function()
  T.errors("six.dta: column 'd12a' row 2 (idstd 2) holds 120, not a percentage (0 to 100) (study variable"
    .. " 'domestic_inputs', transformation percent)",
    variables.build, survey{d12a = {60, 120, 80, NaN, NaN, NaN}}, mapping, {survey_name = "six.dta"})
  T.errors("column 'h1' row 1 (idstd 1) holds -9, not 1 (yes) or 2 (no) (study variable 'innovator',"
    .. " transformation yes_no); negative survey codes are missing only with the missing codes on",
    variables.build, survey{h1 = {-9, 2, 1, 2, 1, 2}}, mapping, {survey_name = "six.dta"})
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write("variable,published,label,questions,transformation,parameter,note\n",
    "innovator,,New product,h1,yesno,,\n")
  f:close()
  T.errors(path .. " line 2: unknown transformation 'yesno' for 'innovator' (known: any_positive,",
    variables.read_mapping, path)
  f = assert(io.open(path, "w"))
  f:write("variable,label,questions\n")
  f:close()
  T.errors(path .. ": column 2 must be 'published'", variables.read_mapping, path)
  os.remove(path)
  T.errors("the outcome 'innovator' must be 0/1, row 1 holds 10", function()
    local copy = study:add("innovator", study:column("size"))
    id.figure13(copy)
  end)
end)

T.done()
