"""The office holders of 2014-2026 (data/actors_officials.tsv) and how they join Phoenix's.

The sentences are written by the team for these tests.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pycountry
from spacy.language import Language

from eventlens.actors.dictionary import COLUMNS, DATE_COLUMNS
from eventlens.actors.stage import find_actors
from eventlens.config import Config
from eventlens.records import Actor
from eventlens.resources import get_resources
from testkit import ROOT

OFFICIALS_TSV = ROOT / "src" / "eventlens" / "data" / "actors_officials.tsv"
BUILD = ROOT / "scripts" / "build_officials.py"


def person(nlp: Language, text: str, published: str, name: str) -> Actor:
    found = find_actors(nlp(text), get_resources(Config()), published)
    hits = [a for a in found if a.name == name]
    assert hits, f"no {name!r} in {[(a.text, a.name) for a in found]}"
    return hits[0]


def test_a_later_office_holder_is_coded_by_the_role_on_the_date(nlp_model: Language) -> None:
    text = "Donald Trump spoke to reporters in Florida."
    assert person(nlp_model, text, "2016-12-10", "Donald Trump").country == "USA"
    assert person(nlp_model, text, "2017-06-01", "Donald Trump").sector == "GOV"
    assert person(nlp_model, text, "2022-06-01", "Donald Trump").sector != "GOV"


def test_phoenix_roles_still_hold_for_earlier_dates(nlp_model: Language) -> None:
    # Hillary Clinton's term as Secretary of State is in Phoenix's rows only.
    text = "Hillary Clinton arrived in Cairo on Monday."
    assert person(nlp_model, text, "2010-03-01", "Hillary Clinton").sector == "GOV"
    assert person(nlp_model, text, "2016-12-10", "Hillary Clinton").country == "USA"


def test_officials_rows_are_well_formed() -> None:
    lines = [ln for ln in OFFICIALS_TSV.read_text("utf-8").splitlines() if ln[:1] != "#"]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert tuple(rows[0]) == COLUMNS + DATE_COLUMNS
    isos = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    day = re.compile(r"\d{4}-\d{2}-\d{2}")
    names: dict[str, set[str]] = {}
    for row in rows[1:]:
        phrase, name, country, _sector, kind, provenance, start, end = row
        assert kind == "person" and provenance.startswith("wikipedia:"), row
        assert not country or country in isos, row
        assert all(not d or day.fullmatch(d) for d in (start, end)), row
        assert not (start and end) or start <= end, row
        names.setdefault(phrase.lower(), set()).add(name)
    assert all(len(n) == 1 for n in names.values())  # no phrase names two people
    assert len(rows) > 5000


def test_officials_rows_rebuild_identically(tmp_path: Path) -> None:
    out = tmp_path / "actors_officials.tsv"
    subprocess.run([sys.executable, str(BUILD), "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == OFFICIALS_TSV.read_bytes(), "rerun scripts/build_officials.py"


def test_the_build_drops_shared_phrases_and_given_names() -> None:
    spec = importlib.util.spec_from_file_location("build_officials", BUILD)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    row = ["", "", "AAA", "GOV", "person", "wikipedia:X", "", ""]
    rows = [
        ["Ana Vega", "Ana Vega", *row[2:]],
        ["Vega", "Ana Vega", *row[2:]],  # shared with another Vega: dropped
        ["Vega", "Luis Vega", *row[2:]],
        ["Luis", "Luis Vega", *row[2:]],  # a given name: dropped
        ["Vega-Ortiz", "Luis Vega", *row[2:]],
    ]
    kept, dropped = build.select(rows)
    assert [r[0] for r in kept] == ["Ana Vega", "Vega-Ortiz"]
    assert dropped == {"shared": 2, "one-word": 1}
