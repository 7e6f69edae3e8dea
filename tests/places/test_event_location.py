"""Event locations from the event's own clause, on sentences written by the team."""

from __future__ import annotations

from eventlens.config import Config
from eventlens.pipeline import extract

# Every rule-coded record, whatever the learned reliability: these tests are about places.
ALL_RECORDS = Config(event_reliability=False)


def _locations(text: str, published: str = "2020-03-02") -> dict[str, str | None]:
    doc = extract(text, published, config=ALL_RECORDS)
    return {e.trigger: (e.location.name if e.location else None) for e in doc.events}


def test_destination_of_a_movement_trigger_is_its_location(nlp_model) -> None:
    found = _locations(
        "KABUL, Afghanistan — The Pakistani foreign minister arrived in Kabul on Monday. "
        "He will travel to Tehran next week to meet Iranian officials."
    )
    travel = [loc for trig, loc in found.items() if trig.startswith("travel")]
    assert travel == ["Tehran"]


def test_locative_phrase_after_a_misparsed_object_is_the_location(nlp_model) -> None:
    found = _locations(
        "BAGHDAD, Iraq — Iraqi troops attacked IS positions near Tal Afar on Saturday, "
        "the army said."
    )
    assert found.get("attacked") == "Tal Afar"


def test_event_without_a_place_in_its_clause_falls_back_to_the_dateline(nlp_model) -> None:
    found = _locations(
        "NAIROBI, Kenya — Kenyan police arrested twelve protesters on Tuesday, "
        "officials said."
    )
    assert found.get("arrested") == "Nairobi"


def test_a_country_that_says_who_acted_is_not_where() -> None:
    found = _locations(
        "Iraqi Prime Minister Haider al-Abadi on Thursday rejected an offer by Turkey to "
        "join the offensive in Mosul. A bomb killed four people in Baghdad on Friday."
    )
    assert found.get("rejected") != "Turkey"


def test_the_town_a_local_story_keeps_naming_places_its_unplaced_events() -> None:
    found = _locations(
        "A Winnipeg man has been charged after a woman was brought to Winnipeg from "
        "Montreal, police said. Officers arrested the man on Friday after hearing from "
        "the woman's family. Police in Winnipeg said the investigation goes on."
    )
    assert found.get("arrested") == "Winnipeg"


def test_a_local_story_naming_its_town_once_places_its_unplaced_events() -> None:
    found = _locations(
        "A man was arrested in Gainesville, Florida, on Monday after a fight at a bar. "
        "Officers said he struck two people. He was charged with battery."
    )
    assert found.get("charged") == "Gainesville"


def test_no_lead_town_when_the_story_spans_countries() -> None:
    found = _locations(
        "Talks in Geneva between officials from Kenya and Peru ended on Monday. "
        "Delegates from Lima flew home. He was charged with fraud."
    )
    assert found.get("charged") is None


def test_a_name_inside_a_street_or_institution_name_is_not_a_place() -> None:
    doc = extract(
        "Police went to an apartment on Nordland Avenue in Cromwell. Talks with members of "
        "the Duma in Moscow ended. He met residents in Far North Queensland.",
        "2020-03-02",
    )
    names = [p.name for p in doc.places]
    assert "Cromwell" in names and "Moscow" in names and "Queensland" in names
    assert not {"Nordland", "Dūmā", "Far North"} & set(names)


def test_a_country_is_made_finer_by_the_only_town_of_the_story_inside_it() -> None:
    text = ("A suicide car bomb in central Turkey killed 13 soldiers on Saturday. The bus "
            "was hit near a university in Kayseri, officials said.")
    assert _locations(text).get("killed") == "Kayseri"
    # Two towns in the country: no way to tell, the country stays.
    text = ("A suicide car bomb in central Turkey killed 13 soldiers on Saturday. Officials "
            "in Ankara and Istanbul condemned the attack.")
    assert _locations(text).get("killed") == "Turkey"


def test_the_addressee_of_a_statement_is_not_where_it_was_made(nlp_model) -> None:
    # ANNOTATION.md: "not the target's country for a statement made elsewhere".
    found = _locations(
        "ATHENS, Greece — The Greek minister accused Ankara of provocations on Monday. "
        "Rebels shelled Aleppo on Tuesday."
    )
    assert found.get("accused") == "Athens"  # the dateline, not the addressee
    assert found.get("shelled") == "Aleppo"  # an attack's object is where it happened


def test_an_addressee_alone_gives_no_place(nlp_model) -> None:
    assert _locations("Washington accused Beijing of spying on Monday.") == {"accused": None}


def test_the_place_an_appeal_is_about_is_not_where_it_was_made(nlp_model) -> None:
    found = _locations(
        "The Iranian foreign minister called for a ceasefire in Gaza during a visit to "
        "Beirut on Monday."
    )
    assert found.get("called for") == "Beirut"


def test_a_country_joined_to_a_modifier_names_an_actor_not_a_place(nlp_model) -> None:
    found = _locations(
        "JEDDAH, Saudi Arabia (Wire) - The two sides agreed on Saturday to a ceasefire, "
        "the Saudi and US mediators said."
    )
    assert found.get("agreed on") == "Jeddah"


def test_a_victim_s_home_is_not_where_the_act_happened(nlp_model) -> None:
    # ANNOTATION.md: "not a home town".
    found = _locations(
        "Gunmen opened fire at a castle in Karak on Sunday. "
        "A tourist from Canada was killed in the shooting."
    )
    assert found.get("killed") != "Canada"


def test_the_of_phrase_of_a_place_noun_is_a_place(nlp_model) -> None:
    found = _locations(
        "Fishermen rescued 700 asylum seekers found swimming along the coast of Aceh, Indonesia."
    )
    assert found.get("rescued") == "Aceh"
