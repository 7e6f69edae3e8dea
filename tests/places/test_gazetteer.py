"""Gazetteer: name folding, transliteration variants, abbreviations, the supplement."""

from __future__ import annotations

import csv

import pycountry
import pytest

from eventlens.geo import haversine_km
from eventlens.places import gazetteer_build
from eventlens.places.gazetteer import Gazetteer
from eventlens.places.gazetteer_rows import area_centre, spread_centre
from eventlens.places.names import fold, loose


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("São Paulo", "SAO PAULO"),
        ("Sana'a", "Sanaa"),
        ("Sant’Angelo", "Sant-Angelo".replace("-", "")),
        ("St. Louis", "Saint Louis"),
        ("Kraków", "krakow"),
        ("Łódź", "Lodz"),
    ],
)
def test_fold_meets_spelling_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    "variant", ["Raqqa", "Raqqah", "Ar Raqqah", "al-Raqqa", "Rakka", "ar-Raqqa"]
)
def test_loose_key_merges_arabic_transliterations(variant: str) -> None:
    assert loose(variant) == loose("Ar-Raqqah")


def test_loose_key_keeps_different_names_apart() -> None:
    assert loose("Mosul") != loose("Basra")
    assert loose("Homs") != loose("Hama")


@pytest.mark.parametrize("name", ["Erbil", "Arbil", "Irbil", "Hawler"])
def test_erbil_spellings_reach_the_city(gazetteer: Gazetteer, name: str) -> None:
    ids = {c.geonameid for c in gazetteer.candidates(name)}
    assert 95446 in ids  # GeoNames id of the city of Erbil


@pytest.mark.parametrize("name", ["Raqqa", "al-Raqqa", "Ar Raqqah", "Rakka"])
def test_raqqa_spellings_reach_the_city(gazetteer: Gazetteer, name: str) -> None:
    cands = gazetteer.candidates(name)
    assert any(c.country == "SYR" and c.feature.startswith("P.") for c in cands)


@pytest.mark.parametrize(
    ("abbr", "state"), [("Ky.", "Kentucky"), ("Calif.", "California"), ("N.Y.", "New York")]
)
def test_state_abbreviations(gazetteer: Gazetteer, abbr: str, state: str) -> None:
    cands = gazetteer.candidates(abbr)
    assert [(c.name, c.feature, c.country) for c in cands] == [(state, "A.ADM1", "USA")]


def test_supplement_places_are_found(gazetteer: Gazetteer) -> None:
    (bashiqa,) = gazetteer.candidates("Bashiqa")
    assert bashiqa.country == "IRQ"
    mosul = next(c for c in gazetteer.candidates("Mosul") if c.feature.startswith("P."))
    assert haversine_km(bashiqa.lat, bashiqa.lon, mosul.lat, mosul.lon) < 40
    assert any(c.feature == "L.RGN" for c in gazetteer.candidates("Kurdistan Region"))


def test_supplement_rows_carry_provenance() -> None:
    with gazetteer_build.SUPPLEMENT.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    assert rows
    for row in rows:
        assert row["source"].strip(), row["name"]
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180


def _reaches(gazetteer: Gazetteer, alias: str, target: str) -> bool:
    kind, _, rest = target.partition(":")
    for c in gazetteer.candidates(alias):
        if kind == "country" and c.feature == "A.PCLI":
            country = pycountry.countries.get(alpha_2=rest)
            if country is not None and c.country == country.alpha_3:
                return True
        if kind == "admin1" and c.feature == "A.ADM1" and c.name == rest.split(":", 1)[1]:
            return True
        if kind == "geonameid" and str(c.geonameid) == rest:
            return True
    return False


def test_every_alias_reaches_its_target(gazetteer: Gazetteer) -> None:
    with gazetteer_build.ALIASES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    assert rows
    missing = [r["alias"] for r in rows if not _reaches(gazetteer, r["alias"], r["target"])]
    assert not missing


def test_countries_admin_and_counties_have_coordinates(gazetteer: Gazetteer) -> None:
    (iraq,) = [c for c in gazetteer.candidates("Iraq") if c.feature == "A.PCLI"]
    assert iraq.geonameid == 99237 and 29 < iraq.lat < 38 and 38 < iraq.lon < 49
    texas = next(c for c in gazetteer.candidates("Texas") if c.feature == "A.ADM1")
    assert texas.geonameid == 4736286
    rapides = [c for c in gazetteer.candidates("Rapides Parish") if c.feature == "A.ADM2"]
    assert rapides and rapides[0].admin1 == "Louisiana"


def test_demonyms_resolve_to_their_country(gazetteer: Gazetteer) -> None:
    kinds = {(c.name, c.kind) for c in gazetteer.candidates("Iraqis")}
    assert ("Iraq", 3) in kinds


def test_unknown_name_has_no_candidates(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Qzxwvplace") == ()
    assert gazetteer.candidates("") == ()


def test_spread_centre_leaves_out_a_stray_member() -> None:
    """A town miscoded into a far province does not move the province's point."""
    towns = [(31.0 + i * 0.1, 118.0 + i * 0.1) for i in range(30)]
    assert spread_centre(towns) == pytest.approx((32.45, 119.45))
    assert spread_centre([*towns, (32.0, 100.3)]) == pytest.approx((32.45, 119.45))
    # too few members to call one a stray: the full extent stays
    assert spread_centre([*towns[:5], (32.0, 100.3)])[1] < 110


def test_area_centre_follows_the_shape_of_the_region() -> None:
    """An L-shaped region: the centroid of the area its towns span (their convex hull),
    not the middle of their bounding box."""
    vertical = [(float(lat), 0.0) for lat in range(11)] + [(float(lat), 1.0) for lat in range(11)]
    foot = [(lat, float(lon)) for lat in (0.0, 1.0) for lon in range(2, 11)]
    lat, lon = area_centre(vertical + foot)
    # The hull is the triangle-like shape under the diagonal: (3.64, 3.64) by symmetry.
    assert lat == pytest.approx(lon) and 3.5 < lat < 3.8
    assert spread_centre(vertical + foot) == pytest.approx((5.0, 5.0))
    # A stray far member changes nothing; members on a line fall back to their extent.
    assert area_centre([*vertical, *foot, (60.0, 60.0)])[0] == pytest.approx(lat, abs=0.5)
    assert area_centre([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]) == pytest.approx((1.0, 1.0))
