"""Break the toponym-resolution errors on LGL or TR-News down by cause.

Usage: .venv/bin/python scripts/places_error_analysis.py lgl|trnews [--data-dir DIR] [--show N]

For each gold toponym it asks: was it resolved exactly; is the gold GeoNames entry in
the gazetteer at all; is it among the mention's candidates; and when a wrong
candidate won, whether it is in the wrong country, the wrong admin1, or the same
admin1 (wrong level, e.g. county vs city). Development aid only: it prints counts
and a few examples, nothing is written into the package.
"""

from __future__ import annotations

import argparse
import sqlite3
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from eventlens.config import DEFAULT_CONFIG
from eventlens.eval.places import DATASETS, _align
from eventlens.geo import haversine_km
from eventlens.places.stage import focus_point, resolve_mentions
from eventlens.resources import get_resources


def _gold(path: Path) -> list[tuple[str, list[tuple[int, int, dict[str, str]]]]]:
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            if gaz is None or not gaz.get("geonameid"):
                continue
            phrase = top.findtext("phrase") or ""
            start = _align(text, phrase, int(top.findtext("start") or 0))
            if start is None:
                continue
            info = {
                "id": gaz.get("geonameid") or "",
                "fcode": gaz.findtext("fcode") or "",
                "lat": gaz.findtext("lat") or "0",
                "lon": gaz.findtext("lon") or "0",
                "country": gaz.findtext("country") or "",
                "admin1": gaz.findtext("admin1") or "",
                "name": gaz.findtext("name") or "",
            }
            tops.append((start, start + len(phrase), info))
        out.append((text, tops))
    return out


def main() -> None:
    """Print the error breakdown."""
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset", choices=sorted(DATASETS))
    ap.add_argument("--data-dir", type=Path, default=Path("../shared/eval/geo"))
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--backoff", action="store_true", help="score unresolved at the focus point")
    args = ap.parse_args()
    gaz = get_resources(DEFAULT_CONFIG).gazetteer
    con = sqlite3.connect(gaz.path)
    known = {r[0] for r in con.execute("SELECT geonameid FROM places WHERE geonameid IS NOT NULL")}
    cats: Counter[str] = Counter()
    km_by_cat: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for text, tops in _gold(args.data_dir / DATASETS[args.dataset]):
        mentions = resolve_mentions(text, [(s, e) for s, e, _ in tops], gaz)
        point = focus_point(mentions) if args.backoff else None
        for m, (_, _, g) in zip(mentions, tops, strict=True):
            gid = int(g["id"])
            c = m.choice
            km = (
                20039.0
                if c is None
                else haversine_km(float(g["lat"]), float(g["lon"]), c.lat, c.lon)
            )
            if c is None and point is not None:
                km = haversine_km(float(g["lat"]), float(g["lon"]), point[0], point[1])
            if c is not None and c.geonameid == gid:
                cat = "exact"
                km = 0.0
            elif c is None:
                cat = "unresolved (no candidate)" + (
                    "" if point is None else (" backoff <=161" if km <= 161 else " backoff >161")
                )
            elif gid not in known:
                cat = f"gold not in gazetteer ({g['fcode']}) " + ("<=161" if km <= 161 else ">161")
            elif gid not in {x.geonameid for x in m.candidates}:
                cat = "gold in gazetteer, not a candidate " + ("<=161" if km <= 161 else ">161")
            elif c.country and g["country"] and c.country != _cc(con, gid):
                cat = "wrong country"
            elif c.admin1 != _a1(con, gid):
                cat = "same country, wrong admin1"
            else:
                cat = f"same admin1, wrong entry ({g['fcode']} vs {c.feature})"
            cats[cat] += 1
            km_by_cat[cat] += km
            if cat != "exact":
                examples.setdefault(cat, []).append(
                    f"{m.text!r} gold={g['name']},{g['admin1']},{g['country']} "
                    f"({g['fcode']}) got={c.name if c else None},{c.admin1 if c else ''},"
                    f"{c.country if c else ''} ({c.feature if c else ''}) {km:.0f}km"
                )
    n = sum(cats.values())
    total_km = sum(km_by_cat.values())
    for cat, k in cats.most_common():
        print(f"{k:5d} {k / n:6.1%}  mean-km share {km_by_cat[cat] / total_km:6.1%}  {cat}")
    for cat, exs in examples.items():
        print(f"\n## {cat}")
        for ex in exs[: args.show]:
            print("  ", ex)


def _cc(con: sqlite3.Connection, gid: int) -> str | None:
    row = con.execute("SELECT country FROM places WHERE geonameid=?", (gid,)).fetchone()
    return row[0] if row else None


def _a1(con: sqlite3.Connection, gid: int) -> str | None:
    row = con.execute("SELECT admin1 FROM places WHERE geonameid=?", (gid,)).fetchone()
    return row[0] if row else None


if __name__ == "__main__":
    main()
