"""Event locations from the event's own clause, on sentences written by the team."""

from __future__ import annotations

from eventlens.pipeline import extract


def _locations(text: str, published: str = "2020-03-02") -> dict[str, str | None]:
    doc = extract(text, published)
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
