"""Named people with dated roles: the shipped Phoenix-derived rows (data/actors_phoenix.tsv),
role selection by publication date, and the person's country over the sentence's.

All sentences here are written by the team for these tests.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest
from spacy.language import Language

from eventlens.actors.dictionary import (
    COLUMNS,
    DATE_COLUMNS,
    ENTITY_TYPES,
    Entry,
    as_day,
    role_on,
)
from eventlens.actors.stage import find_actors, organisation_code
from eventlens.config import Config
from eventlens.errors import InputError
from eventlens.records import Actor
from eventlens.resources import get_resources
from testkit import ROOT

PHOENIX_TSV = ROOT / "src" / "eventlens" / "data" / "actors_phoenix.tsv"
PHOENIX_SOURCE = ROOT.parent / "shared" / "actors" / "phoenix"
COMMIT = "676801cd"


def actors_of(
    nlp: Language, text: str, published: str | None = None, config: Config | None = None
) -> list[Actor]:
    return find_actors(nlp(text), get_resources(config or Config()), published)


def named(found: list[Actor], name: str) -> Actor:
    hits = [a for a in found if a.name == name]
    assert hits, f"no actor named {name!r} in {[(a.text, a.name) for a in found]}"
    return hits[0]


# --- the people keep their own country -------------------------------------------------


def test_visiting_president_keeps_his_country(nlp_model: Language) -> None:
    found = actors_of(
        nlp_model, "President Shimon Peres will visit Prague on Monday.", "2009-05-01"
    )
    peres = named(found, "Shimon Peres")
    assert (peres.country, peres.sector) == ("ISR", "GOV")


def test_surname_alone_and_a_place_after_the_name(nlp_model: Language) -> None:
    text = "Peres is to make an official visit to Prague, the Czech foreign ministry said."
    assert named(actors_of(nlp_model, text, "2009-05-01"), "Shimon Peres").country == "ISR"
    text = "Shimon Peres in Prague praised the Czech government."
    assert named(actors_of(nlp_model, text, "2009-05-01"), "Shimon Peres").country == "ISR"


def test_a_possessive_name_is_still_the_listed_person(nlp_model: Language) -> None:
    # The small model often takes the "'s" into the PERSON entity; the name is not longer.
    text = "Russia hacked the emails of defeated presidential candidate Hillary Clinton's team."
    clinton = named(actors_of(nlp_model, text, "2016-12-17"), "Hillary Clinton")
    assert clinton.country == "USA"


def test_leaders_on_a_call_keep_their_own_countries(nlp_model: Language) -> None:
    text = "Tony Abbott spoke by telephone with Chancellor Angela Merkel about the summit."
    found = actors_of(nlp_model, text, "2014-03-01")
    assert (named(found, "Tony Abbott").country, named(found, "Tony Abbott").sector) == (
        "AUS",
        "GOV",
    )
    assert named(found, "Angela Merkel").country == "DEU"


def test_role_follows_the_publication_date(nlp_model: Language) -> None:
    text = "Hu Jintao met farmers in Gansu province."
    before = named(actors_of(nlp_model, text, "1995-06-01"), "Hu Jintao")
    during = named(actors_of(nlp_model, text, "2008-06-01"), "Hu Jintao")
    assert (before.country, before.sector) == ("CHN", "ELI")
    assert (during.country, during.sector) == ("CHN", "GOV")
    # Out of office again: the default (undated) role.
    assert named(actors_of(nlp_model, text, "2015-06-01"), "Hu Jintao").sector == "ELI"


def test_without_a_date_a_person_takes_the_latest_role(nlp_model: Language) -> None:
    abbott = named(actors_of(nlp_model, "Tony Abbott criticised the budget."), "Tony Abbott")
    assert (abbott.country, abbott.sector) == ("AUS", "GOV")


def test_international_official_is_coded_by_the_organisation(nlp_model: Language) -> None:
    text = "Ban Ki-moon urged the Syrian government to let aid convoys into Homs."
    ban = next(a for a in actors_of(nlp_model, text, "2012-03-01") if a.text == "Ban Ki-moon")
    assert (ban.country, ban.sector) == (None, "IGO")
    assert organisation_code(ban, get_resources(Config())) == "IGO"


def test_former_international_official_gets_no_host_country(nlp_model: Language) -> None:
    text = "Kofi Annan arrived in Damascus on Saturday for talks with the Syrian leadership."
    annan = named(actors_of(nlp_model, text, "2012-03-10"), "Kofi Annan")
    assert (annan.country, annan.sector) == (None, "IGO")


def test_name_inside_a_longer_name_is_not_the_listed_person(nlp_model: Language) -> None:
    found = actors_of(nlp_model, "Kerry Washington starred in the film.", "2014-01-01")
    assert all(a.name != "John Kerry" for a in found)


# --- role selection ---------------------------------------------------------------------


def _role(sector: str, start: str | None, end: str | None, country: str = "AAA") -> Entry:
    return Entry("Ana Ruiz", "Ana Ruiz", country, sector, "person", "t", start, end, "t")


def test_role_on_rules() -> None:
    roles = [
        _role("ELI", "1990-01-01", "2004-12-31"),
        _role("GOV", "2005-01-01", "2009-12-31"),
        _role("JUD", "2012-01-01", None),
    ]
    assert role_on(roles, "2000-01-01").sector == "ELI"  # valid that day
    assert role_on(roles, "2005-01-01").sector == "GOV"
    assert role_on(roles, "2011-01-01").sector == "GOV"  # latest begun before it
    assert role_on(roles, "1980-01-01").sector == "JUD"  # none begun: the latest role
    assert role_on(roles, None).sector == "JUD"
    default = _role("ELI", None, None, "BBB")
    assert role_on([*roles, default], "2011-01-01").country == "BBB"  # the undated default
    assert role_on([*roles, default], "2006-01-01").sector == "GOV"  # a dated role wins


def test_publication_dates_are_read_leniently() -> None:
    assert as_day("2009-05-01T10:30:00Z") == "2009-05-01"
    assert as_day("2009-05") == "2009-05-15"
    assert as_day("2009") == "2009-07-01"
    assert as_day("May 2009") is None
    assert as_day(None) is None


def test_user_rows_with_dates_override_the_shipped_ones(
    nlp_model: Language, tmp_path: Path
) -> None:
    extra = tmp_path / "people.tsv"
    extra.write_text(
        "\t".join(COLUMNS + DATE_COLUMNS)
        + "\n"
        + "Shimon Peres\tShimon Peres\tPRT\tELI\tperson\tteam\t\t2000-12-31\n"
        + "Shimon Peres\tShimon Peres\tPRT\tGOV\tperson\tteam\t2001-01-01\t\n",
        encoding="utf-8",
    )
    config = Config(actor_dictionaries=(extra,))
    text = "Shimon Peres opened the conference."
    early = named(actors_of(nlp_model, text, "1999-01-01", config), "Shimon Peres")
    late = named(actors_of(nlp_model, text, "2009-01-01", config), "Shimon Peres")
    assert (early.country, early.sector) == ("PRT", "ELI")
    assert (late.country, late.sector) == ("PRT", "GOV")


def test_bad_date_in_a_user_dictionary_is_a_one_line_error(
    nlp_model: Language, tmp_path: Path
) -> None:
    bad = tmp_path / "bad_dates.tsv"
    bad.write_text("Ana Ruiz\tAna Ruiz\tCHL\tGOV\tperson\tteam\t12/05/2009\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad_dates.tsv.*YYYY-MM-DD"):
        actors_of(nlp_model, "Ana Ruiz spoke.", config=Config(actor_dictionaries=(bad,)))


# --- the shipped file -------------------------------------------------------------------


def test_phoenix_rows_are_well_formed() -> None:
    text = PHOENIX_TSV.read_text(encoding="utf-8")
    assert "Permission is hereby granted" in text and "Open Event Data" in text  # MIT notice
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert tuple(rows[0]) == COLUMNS + DATE_COLUMNS
    isos = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    day = re.compile(r"\d{4}-\d{2}-\d{2}")
    for row in rows[1:]:
        assert len(row) == len(COLUMNS + DATE_COLUMNS), row
        phrase, _name, country, sector, kind, provenance, start, end = row
        assert phrase and kind in ENTITY_TYPES and sector, row
        assert not country or country in isos, row
        assert re.fullmatch(rf"Phoenix\.\w+\.actors\.txt@{COMMIT}", provenance), row
        assert all(not d or day.fullmatch(d) for d in (start, end)), row
        assert not (start and end) or start <= end, row
        if sector in ("IGO", "NGO"):
            assert not country, row


def test_phoenix_rows_rebuild_identically(tmp_path: Path) -> None:
    if not (PHOENIX_SOURCE / "Phoenix.Countries.actors.txt").is_file():
        pytest.skip("../shared/actors/phoenix (the Phoenix source files) is not here")
    out = tmp_path / "actors_phoenix.tsv"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "vendor_phoenix_actors.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == PHOENIX_TSV.read_bytes(), (
        "rerun scripts/vendor_phoenix_actors.py (it also reads data/actors.tsv)"
    )
