-- test_evidence.lua -- the chapters' CSV outputs read back as the policy
-- engine's evidence: ch1's linkages and value chains, ch2's scoreboard, ch3's
-- probit table (as chapter 3 writes it: Variable, Coefficient, Sig. stars),
-- ch4's memberships (firm, cluster, mode); absent chapters stay nil; leading
-- industries by location quotient.
local T = require "testing"
local matrix = require "matrix"
local evidence = require "evidence"

local function write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

T.test("chapter outputs as evidence records; absent chapters nil", function()
  local d = os.tmpname()
  os.remove(d)
  assert(os.execute("mkdir -p " .. d .. "/ch1 " .. d .. "/ch3 " .. d .. "/ch4"))
  write(d .. "/ch1/regional_linkages.csv", "sector,backward,forward,class\nMetallurgy,0.9,1.3,forward\n")
  write(d .. "/ch1/regional_value_chains.csv", "factor,value_chain,industry,loading\n1,Factor 1,Metallurgy,0.8\n")
  write(d .. "/ch3/table18.csv", "Sector,Firms\nMining,43\n")
  write(d .. "/ch3/table21_probit.csv", "Variable,Coefficient,(s.e.),Sig.,Published,data\n"
    .. "Foreign import,0.0072,0.003,**,0.0071726,SIMULATED\nExport,0.04,0.1,,0.043,SIMULATED\n"
    .. "Domestic import,,,(omitted: collinear),-0.007,SIMULATED\n")
  write(d .. "/ch4/memberships.csv", "firm,cluster,mode\n1,1,DUI\n2,0,low learning\n3,0,low learning\n4,2,STI\n")
  local ev, notes = evidence.read_outputs(d)
  os.execute("rm -rf " .. d)
  T.equal(ev.linkages[1].sector, "Metallurgy", "linkages")
  T.equal(ev.linkages[1].forward, 1.3, "forward index a number")
  T.equal(ev.value_chains[1].value_chain, "Factor 1", "value chains")
  T.equal(ev.scoreboard, nil, "ch2 absent")
  T.equal(#ev.probit, 3, "the probit table found among ch3's files")
  T.equal(ev.probit[3].coef, nil, "a dropped term has no estimate")
  T.equal(ev.probit[3].note, "(omitted: collinear)", "and says why")
  T.equal(ev.probit[1].coef, 0.0072, "coefficient")
  T.equal(ev.probit[1].p, 0.049, "** read as significant at 5%")
  T.equal(ev.probit[2].p, 1, "no stars: not significant")
  -- 2 of 4 firms in the low-learning mode
  local share = {}
  for _, m in ipairs(ev.modes) do share[m.mode] = m.share end
  T.equal(share["low learning"], 0.5, "low-learning share")
  T.equal(share.DUI, 0.25, "DUI share")
  T.equal(table.concat(notes, "; "), "ch1: regional_linkages.csv; ch1: regional_value_chains.csv; "
    .. "ch3: table21_probit.csv; ch4: memberships.csv", "what was read")
end)

T.test("folder.list: the names without a shell; a missing folder or a NUL byte is said", function()
  local folder = require "folder"
  local d = os.tmpname()
  os.remove(d)
  assert(os.execute("mkdir -p " .. d))
  write(d .. "/it's a \"name\"; $(x).csv", "a\n")
  local names = folder.list(d)
  T.equal(#names, 1, "one file")
  T.equal(names[1], "it's a \"name\"; $(x).csv", "its name as it is")
  os.execute("rm -rf " .. d)
  local none, why = folder.list(d)
  T.equal(none, nil, "a missing folder")
  assert(why:find("No such file", 1, true), why)
  T.errors("cannot hold a NUL byte", folder.list, "a\0b")
end)

T.test("leading industries: SLQ >= 1.25, most specialised first", function()
  -- region (50, 30, 20) of 100, nation (100, 300, 600) of 1000:
  -- SLQ = (.5/.1, .3/.3, .2/.6) = (5, 1, 1/3): only the first leads
  local reg = matrix.col({ 50, 30, 20 }, { "Metals", "Trade", "Services" })
  local nat = matrix.col({ 100, 300, 600 }, { "Metals", "Trade", "Services" })
  local l = evidence.leading(reg, nat)
  T.equal(#l, 1, "one leading industry")
  T.equal(l[1].sector, "Metals", "metals")
  T.close(l[1].slq, 5, 1e-12, "its SLQ")
  T.equal(#evidence.leading(reg, nat, { min_slq = 1 }), 2, "with SLQ >= 1, trade too")
end)

T.done()
