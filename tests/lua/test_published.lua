-- test_published.lua -- the study's tables 5-13 beside a run: rows matched by
-- the study's names directly or through the concordance, the CV of the list's
-- own direction, and every name without a partner listed. The published numbers
-- are the thesis's (scripts/data/PROVENANCE.md); the run's are made up.
local T = require "testing"
local sectors = require "sectors"
local published = require "published"

local conc = sectors.read_concordance(sectors.data_file(sectors.CONCORDANCE_FILE))
local PUB = "scripts/data/published_linkages.csv"

local function run(records) return { records = records } end
local metal = { sector = "Металлургическая промышленность", backward = 1.1, forward = 2.0, cv_backward = 3.0,
  cv_forward = 2.5, class = "key" }

T.test("tables 5-10: a Russian label matched through the concordance, the list's own CV", function()
  local cmp = published.compare_linkages(PUB, { national = run { metal,
    { sector = "Неизвестная отрасль", backward = 1, forward = 1, cv_backward = 1, cv_forward = 1, class = "weak" } },
    regional = run { metal } }, { concordance = conc })
  -- Metallurgy: table 9 (national, forward-oriented, published FL 2.79, CV 2.02) and
  -- Metallurgical industry: table 5 (East Kazakhstan, key, BL 1.09, FL 1.79)
  T.equal(cmp.matched, 2, "two published rows")
  T.equal(#cmp.rows, 33, "every published row listed")
  local t9, t5
  for _, r in ipairs(cmp.rows) do
    if r.sector == "Metallurgy" then t9 = r elseif r.sector == "Metallurgical industry" then t5 = r end
  end
  T.close(t9.pub_forward, 2.79, 0, "thesis table 9"); T.close(t9.pub_cv, 2.02, 0, "thesis table 9 CV")
  T.equal(t9.cv, 2.5, "a forward-oriented row gets the forward CV")
  T.close(t5.pub_backward, 1.09, 0, "thesis table 5"); T.equal(t5.cv, nil, "no CV for a key sector")
  T.equal(t5.ours, "Металлургическая промышленность", "the table's label")
  T.equal(table.concat(cmp.untranslated), "Неизвестная отрасль", "a label without a concordance row")
  -- the other 31 rows name 28 sectors: Mining of metal ores (tables 7, 9), Manufacture of
  -- rubber and plastic products (6, 9) and of other non-metallic mineral products (7, 8)
  -- appear twice
  T.equal(#cmp.unmatched, 28, "published names without a partner, each once")
end)

T.test("without a concordance the study's English names still match", function()
  local cmp = published.compare_linkages(PUB, { regional = run { { sector = "construction", backward = 1.2,
    forward = 1.2, cv_backward = 4, cv_forward = 4, class = "key" } } })
  T.equal(cmp.matched, 1, "Construction, table 5, matched ignoring case")
end)

T.test("tables 11-13: the value chains' industries through the concordance", function()
  local vc = { sectors = { "Металлургическая промышленность", "Добыча металлических руд", "Связь" },
    factors = { { factor = 1, name = "Factor 1", initial_eigenvalue = 2.5, initial_share = 2.5 / 3,
      members = { { sector = "Металлургическая промышленность" }, { sector = "Добыча металлических руд" } } } } }
  local cmp = published.compare_clusters("scripts/data/published_factor_clusters.csv", true, vc, { concordance = conc })
  -- national clusters: Metalworking (table 11, 8 industries incl. Mining of non-ferrous
  -- metals and Metallurgical industry) and Oil processing (table 12)
  T.equal(#cmp.rows, 2, "two national clusters")
  T.equal(cmp.rows[1].cluster, "Metalworking", "table 11 first")
  T.equal(cmp.rows[1].shared, 2, "two of its industries in factor 1")
  T.close(cmp.rows[1].pub_eigenvalue, 13.75, 0, "the published initial eigenvalue")
  T.close(cmp.rows[1].initial_share, 100 * 2.5 / 3, 1e-12, "ours beside it, in percent")
  T.equal(cmp.matched, 1, "Oil processing shares none")
end)

T.done()
