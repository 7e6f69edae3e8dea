"""Vendor the dashboard's offline assets from the npm registry into web/static.

Run by a developer (needs ``npm``), not at install or run time; the outputs are
committed so that ``eventlens serve`` never fetches anything:

- ``basemap/countries-50m.json``: Natural Earth country outlines as TopoJSON from
  the npm package ``world-atlas`` (ISC; the data is public domain), with an ``a3``
  property (ISO 3166 alpha-3, via pycountry) added to each country so that the map
  can match event locations.
- ``swagger/``: ``swagger-ui-bundle.js`` and ``swagger-ui.css`` from the npm
  package ``swagger-ui-dist`` (Apache-2.0), so that ``/docs`` works offline.

Usage: ``python scripts/vendor_basemap.py``
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pycountry

STATIC = Path(__file__).resolve().parents[1] / "src" / "eventlens" / "web" / "static"
WORLD_ATLAS = "world-atlas@2.0.2"
SWAGGER = "swagger-ui-dist@5.35.0"


def npm_pack(spec: str, workdir: Path) -> Path:
    """Download one npm package tarball with ``npm pack`` and unpack it; return its folder."""
    out = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=workdir, check=True, capture_output=True, text=True
    )
    tarball = workdir / out.stdout.strip().splitlines()[-1]
    target = workdir / spec.split("@")[0]
    with tarfile.open(tarball) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def add_alpha3(topology: dict) -> None:
    """Give every country geometry an ``a3`` property from its ISO numeric id."""
    for geom in topology["objects"]["countries"]["geometries"]:
        code = geom.get("id")
        country = pycountry.countries.get(numeric=code) if code else None
        geom.setdefault("properties", {})["a3"] = country.alpha_3 if country else None


def vendor_basemap(package: Path) -> None:
    """Copy the 1:50m country outlines (with alpha-3 codes) and the licence."""
    topology = json.loads((package / "countries-50m.json").read_text("utf-8"))
    add_alpha3(topology)
    dest = STATIC / "basemap"
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "countries-50m.json").write_text(
        json.dumps(topology, separators=(",", ":")), "utf-8"
    )
    shutil.copy(package / "LICENSE", dest / "LICENSE.world-atlas")


def vendor_swagger(package: Path) -> None:
    """Copy the Swagger UI bundle, its stylesheet and its licence files."""
    dest = STATIC / "swagger"
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"):
        shutil.copy(package / name, dest / name)


def main() -> int:
    """Fetch both packages with npm and write the vendored files."""
    if shutil.which("npm") is None:
        print("vendor_basemap: npm is needed to fetch the packages", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        vendor_basemap(npm_pack(WORLD_ATLAS, work))
        vendor_swagger(npm_pack(SWAGGER, work))
    print(f"vendored {WORLD_ATLAS} and {SWAGGER} into {STATIC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
