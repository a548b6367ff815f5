"""make_atlas_employment.py -- builds the bundled inputs of scripts/atlas.lua,
atlas_states_2021.csv and atlas_lgas_2021.csv, from the shared ABS census files
(eiat package export; see scripts/data/PROVENANCE.md).

Rows: the 19 ANZSIC divisions in the national table's order. Columns: sector,
australia (the sum over the file's own census table, so that region and nation
come from one source, as employment_mount_isa_2021.csv), then the areas: the 9
states and territories, or every LGA labelled "Name (STATE)", grouped by state
and sorted by name. "Migratory - Offshore - Shipping" areas are not places and
are left out as areas (they stay in the national sum); "Inadequately
described", "Not stated" and "Not applicable" are not divisions. The census
state and LGA tables do not add up to the same totals (agriculture: 282,209 by
state, 263,407 by LGA), hence one national column per file.

usage: python3 scripts/data/make_atlas_employment.py SHARED/australia_2021 OUTDIR
"""
import csv
import sys
from collections import defaultdict

src, out = sys.argv[1], sys.argv[2]
STATES = ["New South Wales", "Victoria", "Queensland", "South Australia",
          "Western Australia", "Tasmania", "Northern Territory",
          "Australian Capital Territory", "Other Territories"]
SHORT = {"New South Wales": "NSW", "Victoria": "Vic.", "Queensland": "Qld",
         "South Australia": "SA", "Western Australia": "WA", "Tasmania": "Tas.",
         "Northern Territory": "NT", "Australian Capital Territory": "ACT",
         "Other Territories": "OT"}
UNINCORPORATED = {"Unincorporated NSW": "New South Wales", "Unincorporated Vic": "Victoria",
                  "Unincorporated SA": "South Australia", "Unincorporated NT": "Northern Territory",
                  "Unincorporated ACT": "Australian Capital Territory",
                  "Unincorp. Other Territories": "Other Territories"}

with open(f"{src}/national_19_sector_io_aud_mn.csv", newline="") as f:
    sectors = next(csv.reader(f))[1:20]

lga = defaultdict(dict)
for row in csv.DictReader(open(f"{src}/census_employment_by_lga_pow_industry.csv", newline="")):
    if row["year"] == "2021" and row["industry"] in sectors:
        lga[row["lga_pow"]][row["industry"]] = int(row["employment"])
state = defaultdict(dict)
for row in csv.DictReader(open(f"{src}/census_employment_by_state_pow_industry.csv", newline="")):
    if row["year"] == "2021" and row["industry"] in sectors:
        state[row["state_pow"]][row["industry"]] = int(row["employment"])
state_of = {r["lga"]: r["state"] for r in csv.DictReader(open(f"{src}/regions_lga_2022.csv", newline=""))}
state_of.update(UNINCORPORATED)

places = sorted((STATES.index(state_of[name]), name) for name in lga if not name.startswith("Migratory"))
files = {
    "atlas_states_2021.csv": (state, [(st, state[st]) for st in STATES]),
    # names shared by two states already carry the state, e.g. "Bayside (NSW)"
    "atlas_lgas_2021.csv": (lga, [(name if name.endswith(f"({SHORT[STATES[k]]})") else f"{name} ({SHORT[STATES[k]]})",
                                   lga[name]) for k, name in places]),
}
for name, (table, areas) in files.items():
    national = {s: sum(v.get(s, 0) for v in table.values()) for s in sectors}
    with open(f"{out}/{name}", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["sector", "australia"] + [a for a, _ in areas])
        for s in sectors:
            w.writerow([s, national[s]] + [v.get(s, 0) for _, v in areas])
    print(f"{out}/{name}: {len(sectors)} sectors x {len(areas)} areas")
