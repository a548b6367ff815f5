-- simulate_enterprise_survey.lua -- writes a SIMULATED stand-in for the World
-- Bank's Kazakhstan Enterprise Survey 2009 as a Stata .dta file, with the
-- survey's question codes (those of stdlib/data/es2009_innovation_mapping.csv),
-- value labels and negative survey codes, calibrated to the published tables
-- of Samambayeva (2013, chapter 3):
--   Table 18: exactly the published number of firms per sector (544);
--   Table 20: innovators and non-innovators drawn separately, with exactly
--     the published shares (export, R&D, foreign presence: the rounded share
--     of each group, within manufacturing and the rest) and means (input
--     shares: a share of 100% with probability (mean - 49.5) / 50.5, else a
--     whole percentage uniform on 0..99; employees: lognormal, sigma 1, with
--     the published mean);
--   Table 21: 12 of the 184 manufacturing firms answer "don't know" (-9) to
--     an item of the probit, leaving N = 172; innovators in manufacturing are
--     55.6% (so that 39% of innovators and 29% of non-innovators are in
--     manufacturing, as Table 20); 74 of the innovators in the probit sample
--     give their new-product share of sales, which is linear in the firm's
--     characteristics with noise for an R2 of about 0.8 (the published 0.797).
-- The real microdata come from the World Bank Enterprise Surveys
-- (www.enterprisesurveys.org, free registration).
--
-- usage: clusterlab tools/simulate_enterprise_survey.lua [--out FILE.dta] [--seed N]
-- The bundled file is scripts/data/es2009_kazakhstan_simulated.dta, made with
-- the defaults (seed 2009); Lua 5.4's generator (xoshiro256**) makes the same
-- file on every machine.
local cli = require "cli"
local frame = require "frame"

local spec = {
  usage = "clusterlab tools/simulate_enterprise_survey.lua [options]",
  about = "Writes a SIMULATED Enterprise Survey (Kazakhstan 2009 layout) calibrated to the study's tables.",
  options = {
    {name = "out", value = "FILE", default = "scripts/data/es2009_kazakhstan_simulated.dta", help = "the .dta to write"},
    {name = "seed", number = true, default = 2009, help = "random seed"},
  },
}

-- Table 18: sector, ISIC rev. 3.1 code of the stratum, firms
local SECTORS = {
  {"Other manufacturing", 36, 52}, {"Food", 15, 51}, {"Textiles", 17, 3}, {"Garments", 18, 17},
  {"Chemicals", 24, 4}, {"Plastics and rubber", 25, 8}, {"Non-metallic mineral products", 26, 15},
  {"Basic metals", 27, 2}, {"Fabricated metal products", 28, 13}, {"Machinery and equipment", 29, 11},
  {"Electronics", 31, 8}, {"Construction section", 45, 65}, {"Other services", 50, 9},
  {"Wholesale", 51, 63}, {"Retail", 52, 177}, {"Hotel and restaurants", 55, 13},
  {"Transport section", 60, 28}, {"IT", 72, 5},
}

-- Table 20 by group (innovators, non-innovators)
local SHARE = {export = {0.073, 0.033}, rnd = {0.224, 0.03}, foreign = {0.09, 0.04}, licence = {0.20, 0.10}}
local SHARE_ORDER = {"export", "rnd", "foreign", "licence"}
local MEAN = {domestic = {67.51, 83.9}, size = {142.8, 87.4}}
local INNOVATORS = {manufacturing = 102, other = 160}  -- of 184 and 360 (see the header)
local PROBIT_DROPPED, OLS_N = 12, 74

local YES_NO = {[1] = "Yes", [2] = "No", [-9] = "Don't know", [-7] = "Does not apply"}
local PERCENT = {[-9] = "Don't know", [-7] = "Does not apply"}

local function bernoulli(p) return math.random() < p and 1 or 0 end

local function normal()
  return math.sqrt(-2 * math.log(1 - math.random())) * math.cos(2 * math.pi * math.random())
end

-- the first k of a random permutation of the items
local function sample(items, k)
  local t = table.move(items, 1, #items, 1, {})
  for i = #t, 2, -1 do
    local j = math.random(i)
    t[i], t[j] = t[j], t[i]
  end
  return table.move(t, 1, k, 1, {})
end

-- domestic input shares of a group of firms with the given mean (see the header)
local function domestic_shares(cell, mean)
  local n = #cell
  local full = math.floor((mean - 49.5) / 50.5 * n + 0.5)
  local shuffled = sample(cell, n)
  for k, firm in ipairs(shuffled) do
    local m = n - full
    firm.d12a = k <= full and 100 or math.floor((k - full - 0.5) / m * 100)
    firm.d12b = 100 - firm.d12a
  end
end

local function firms()
  local out, manuf, other = {}, {}, {}
  for _, s in ipairs(SECTORS) do
    for _ = 1, s[3] do
      local firm = {a4a = s[2], manufacturing = s[2] >= 15 and s[2] <= 37}
      out[#out + 1] = firm
      local group = firm.manufacturing and manuf or other
      group[#group + 1] = firm
    end
  end
  for _, firm in ipairs(sample(manuf, INNOVATORS.manufacturing)) do firm.innovator = true end
  for _, firm in ipairs(sample(other, INNOVATORS.other)) do firm.innovator = true end
  -- the 0/1 characteristics: the published share of each group, exactly
  for _, group in ipairs{manuf, other} do
    local cells = {{}, {}}
    for _, firm in ipairs(group) do
      local cell = cells[firm.innovator and 1 or 2]
      cell[#cell + 1] = firm
    end
    for _, item in ipairs(SHARE_ORDER) do  -- a fixed order: pairs() would draw in a different one each run
      local shares = SHARE[item]
      for g, cell in ipairs(cells) do
        for _, firm in ipairs(sample(cell, math.floor(shares[g] * #cell + 0.5))) do firm[item] = true end
      end
    end
    if group == manuf then
      for g, cell in ipairs(cells) do domestic_shares(cell, MEAN.domestic[g]) end
    end
  end
  return out, manuf
end

-- answers of one firm, drawn for its group (1 innovators, 2 non-innovators)
local function answer(firm)
  local g = firm.innovator and 1 or 2
  firm.h1 = firm.innovator and 1 or 2
  firm.d3c = firm.export and math.random(5, 50) or 0
  firm.d3b = firm.export and bernoulli(0.3) * math.random(1, 10) or 0
  firm.d3a = 100 - firm.d3b - firm.d3c
  firm.h8 = firm.rnd and 1 or 2
  firm.b2b = firm.foreign and math.random(10, 100) or 0
  firm.e6 = firm.licence and 1 or 2
  local sigma = 1
  firm.l1 = math.max(1, math.floor(math.exp(math.log(MEAN.size[g]) - sigma ^ 2 / 2 + sigma * normal()) + 0.5))
  if not firm.manufacturing then firm.d12a, firm.d12b = -7, -7 end
  firm.h3 = -7
end

-- the new-product share of the innovators: linear signal + noise (R2 ~ 0.8)
local function new_product_shares(eligible)
  local signal, sum, sum2 = {}, 0, 0
  for k, firm in ipairs(eligible) do
    local s = 5 + 0.3 * firm.d12b + 12 * (firm.h8 == 1 and 1 or 0) + 8 * ((firm.d3b + firm.d3c) > 0 and 1 or 0)
      + 6 * (firm.b2b >= 10 and 1 or 0) + 0.02 * firm.l1
    signal[k], sum, sum2 = s, sum + s, sum2 + s * s
  end
  local n = #eligible
  local sd = math.sqrt((sum2 - sum * sum / n) / (n - 1))
  for k, firm in ipairs(eligible) do
    local v = signal[k] + 0.5 * sd * normal()
    firm.h3 = math.min(100, math.max(0, math.floor(v + 0.5)))
  end
end

local function main()
  local opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  math.randomseed(math.tointeger(opts.seed) or error("--seed must be a whole number", 0))
  local all, manuf = firms()
  for _, firm in ipairs(all) do answer(firm) end
  -- 12 manufacturing firms leave the probit sample: 8 don't know their input
  -- origin, 4 their employment
  local dropped = sample(manuf, PROBIT_DROPPED)
  for k, firm in ipairs(dropped) do
    if k <= 8 then firm.d12a, firm.d12b = -9, -9 else firm.l1 = -9 end
    firm.out = true
  end
  local innovators = {}
  for _, firm in ipairs(manuf) do
    if firm.innovator and not firm.out then innovators[#innovators + 1] = firm end
  end
  local eligible = sample(innovators, OLS_N)
  for _, firm in ipairs(innovators) do firm.h3 = -9 end
  new_product_shares(eligible)
  -- a few service firms leave the licence question unanswered (Stata's .)
  local services = {}
  for _, firm in ipairs(all) do if not firm.manufacturing then services[#services + 1] = firm end end
  for _, firm in ipairs(sample(services, 5)) do firm.e6 = 0 / 0 end
  -- firms in random order with the survey's identifiers
  local order = sample(all, #all)
  local names = {"idstd", "a4a", "h1", "h3", "h8", "d3a", "d3b", "d3c", "d12a", "d12b", "b2b", "e6", "l1"}
  local columns = {}
  for _, name in ipairs(names) do columns[name] = {} end
  for i, firm in ipairs(order) do
    firm.idstd = 500000 + i
    for _, name in ipairs(names) do columns[name][i] = firm[name] end
  end
  local sector_labels = {}
  for _, s in ipairs(SECTORS) do sector_labels[s[2]] = s[1] end
  local f = frame.new{names = names, columns = columns, source = opts.out,
    labels = {
      idstd = "Establishment identifier", a4a = "Sector of stratification (ISIC rev. 3.1)",
      h1 = "New products or services introduced in the last three years",
      h3 = "% of annual sales from the new products or services",
      h8 = "Spent on formal R&D in the last fiscal year", d3a = "% of sales: national sales",
      d3b = "% of sales: indirect exports", d3c = "% of sales: direct exports",
      d12a = "% of material inputs of domestic origin", d12b = "% of material inputs of foreign origin",
      b2b = "% owned by private foreign individuals, companies or organisations",
      e6 = "Uses technology licensed from a foreign-owned company", l1 = "Permanent full-time employees",
    },
    value_labels = {a4a = sector_labels, h1 = YES_NO, h8 = YES_NO, e6 = YES_NO, d12a = PERCENT, d12b = PERCENT,
      h3 = PERCENT, l1 = PERCENT},
  }
  f:write(opts.out, {file_label = "SIMULATED Kazakhstan Enterprise Survey 2009 layout (clusterlab, seed "
    .. math.tointeger(opts.seed) .. "); real data: www.enterprisesurveys.org",
    timestamp = 1262217600})  -- 31 Dec 2009, a fixed date stamp so the file is the same on every run
  print(string.format("wrote %s: %d SIMULATED firms, seed %d", opts.out, f:nrow(), math.tointeger(opts.seed)))
end

cli.run(main)
