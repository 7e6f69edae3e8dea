"""Place names in actor mentions take the country of the place the document means."""

from __future__ import annotations

import pytest

from eventlens.config import Config
from eventlens.pipeline import extract

pytestmark = pytest.mark.usefixtures("gazetteer")


def _actors(text: str, config: Config) -> dict[str, str | None]:
    doc = extract(text, "2009-03-20", is_html=False, config=config)
    return {a.text: a.country for a in doc.actors}


def test_city_council_of_a_homonym_city(config: Config) -> None:
    text = (
        "London city council rejected the clinic on Richmond Street. The developers have "
        "appealed to the Ontario Municipal Board, which will hear the case in London in May."
    )
    assert _actors(text, config)["London city council"] == "CAN"


def test_a_us_state_is_not_the_country(config: Config) -> None:
    text = "ATLANTA - Police arrested a Georgia man on Tuesday after a chase through Atlanta."
    assert _actors(text, config)["a Georgia man"] == "USA"


def test_the_country_keeps_its_code(config: Config) -> None:
    text = "Russian troops entered Georgia in August. Georgia accused Moscow of aggression."
    found = _actors(text, config)
    assert found.get("Georgia") == "GEO"


def test_a_council_named_after_a_place_resolved_elsewhere(config: Config) -> None:
    text = (
        "Dublin City Council approved the lease on Monday. The plaza will open next to the "
        "library in Dublin, Ohio, near Columbus and Hilliard."
    )
    assert _actors(text, config)["Dublin City Council"] == "USA"


def test_a_capital_opening_a_local_police_department(config: Config) -> None:
    text = (
        "The Athens Police Department arrested a 33-year-old man on Monday. He was taken to "
        "the jail in Henderson County and held on a $50,000 bond."
    )
    found = _actors(text, config)
    assert found["The Athens Police Department"] == "USA"


def test_a_capital_opening_a_local_body_in_a_story_of_us_register(config: Config) -> None:
    # No other place in the story: the county sheriff and "Sen." say it is American.
    text = (
        "The Athens City Council voted on Monday to hire two officers, the County Sheriff "
        "said. Sen. Tom Harris welcomed the vote."
    )
    assert _actors(text, config)["The Athens City Council"] == "USA"
    plain = "The Athens City Council voted on Monday to hire two officers, the mayor said."
    assert _actors(plain, config)["The Athens City Council"] == "GRC"


def test_a_country_the_model_reads_as_a_date_is_still_a_country() -> None:
    # spaCy-sm tags "Niger" in "in Niger" as DATE; the month "May" stays no actor.
    from eventlens.pipeline import extract

    out = extract("The militants kidnapped a French aid worker in Niger.", "2023-05-10",
                  is_html=False)
    by_text = {a.text: a.country for a in out.actors}
    assert by_text.get("The militants") == "NER"  # where it happened, not the victim's
    assert by_text.get("a French aid worker") == "FRA"
    out = extract("The talks will resume in May, officials said.", "2023-05-10",
                  is_html=False)
    assert "May" not in {a.text for a in out.actors}


def test_a_people_of_one_country_keeps_it_where_it_meets() -> None:
    from eventlens.pipeline import extract

    out = extract("Ethiopia's government signed a peace agreement with Tigrayan forces in "
                  "Pretoria.", "2023-05-10", is_html=False)
    assert {a.text: a.country for a in out.actors}["Tigrayan forces in Pretoria"] == "ETH"
    (ev,) = out.events
    assert ev.type == "AGREE" and ev.location is not None and ev.location.name == "Pretoria"


def test_a_sentences_place_beats_a_nationality_on_a_tie() -> None:
    from eventlens.pipeline import extract

    out = extract("Kenyan troops in Mogadishu attacked the militants.", "2023-05-10",
                  is_html=False)
    by_text = {a.text: a.country for a in out.actors}
    assert by_text == {"Kenyan troops": "KEN", "the militants": "SOM"}
