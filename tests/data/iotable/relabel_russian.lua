-- relabel_russian.lua -- writes australia_19_russian.csv and
-- employment_mount_isa_russian.csv: the bundled ABS table and Mount Isa's
-- employment with each ANZSIC division renamed to a sector name of the Kazakhstan
-- agency's 2009 table (stdlib/data/kz_2009_sector_concordance.csv), so that the
-- chapter-1 script can be tested on a Russian-labelled table with --concordance.
-- Run from the project root: ./clusterlab tests/data/iotable/relabel_russian.lua
local RU = {
  ["Agriculture, Forestry and Fishing"] = "Сельское хозяйство, охота и предоставление услуг в этих областях",
  ["Mining"] = "Добыча металлических руд",
  ["Manufacturing"] = "Металлургическая промышленность",
  ["Electricity, Gas, Water and Waste Services"] = "Производство, передача и распределение электроэнергии, газа, пара и горячей воды",
  ["Construction"] = "Строительство",
  ["Wholesale Trade"] = "Оптовая торговля",
  ["Retail Trade"] = "Розничная торговля; ремонт бытовых изделий и предметов личного пользования",
  ["Accommodation and Food Services"] = "Гостиницы и рестораны",
  ["Transport, Postal and Warehousing"] = "Сухопутный транспорт",
  ["Information Media and Telecommunications"] = "Связь",
  ["Financial and Insurance Services"] = "Финансовое посредничество",
  ["Rental, Hiring and Real Estate Services"] = "Операции с недвижимым имуществом",
  ["Professional, Scientific and Technical Services"] = "Научные исследования и разработки",
  ["Administrative and Support Services"] = "Прочие виды деятельности по обслуживанию предпринимателей",
  ["Public Administration and Safety"] = "Государственное управление",
  ["Education and Training"] = "Образование",
  ["Health Care and Social Assistance"] = "Здравоохранение и социальные услуги",
  ["Arts and Recreation Services"] = "Деятельность по организации отдыха, развлечений, культуры и спорта",
  ["Other Services"] = "Предоставление индивидуальных услуг",
}

-- every quoted field that is a division name replaced by its Russian name (the
-- bundled files quote every label)
local function relabel(from, to)
  local f = assert(io.open(from)); local text = f:read("a"); f:close()
  local n = 0
  text = text:gsub('"([^"]*)"', function(s)
    if RU[s] then n = n + 1; return '"' .. RU[s] .. '"' end
  end)
  f = assert(io.open(to, "w")); f:write(text); f:close()
  print(to .. ": " .. n .. " names replaced")
end

relabel("scripts/data/national_19_sector_io_aud_mn.csv", "tests/data/iotable/australia_19_russian.csv")
relabel("scripts/data/employment_mount_isa_2021.csv", "tests/data/iotable/employment_mount_isa_russian.csv")
