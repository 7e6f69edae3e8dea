"""Events stage: roles and senses in local crime and accident reports.

Every sentence here was written by the team for these tests (none comes from an
evaluation set). They run the real pipeline or the real actors and events stages.
"""

from __future__ import annotations

from eventlens.config import Config
from eventlens.pipeline import extract
from testkit.events import Runner


def _text(actor) -> str | None:  # type: ignore[no-untyped-def]
    return actor.text if actor is not None else None


def test_a_passive_joined_to_an_active_clause_is_done_to_its_subject(run: Runner) -> None:
    (ev,) = run("The suspect fled on foot and was later arrested by state troopers.")
    assert ev.type == "COERCE"
    assert (_text(ev.source), _text(ev.target)) == ("state troopers", "The suspect")


def test_a_participle_joined_to_a_passive_shares_its_patient(run: Runner) -> None:
    evs = {e.type: e for e in run("The man was arrested and charged with murder.")}
    assert _text(evs["COERCE"].target) == _text(evs["ACCUSE"].target) == "The man"


def test_harm_in_an_accident_clause_is_no_attack(run: Runner) -> None:
    assert run("Two people were injured when a car crashed into a restaurant.") == []


def test_patients_treated_and_released_are_no_concession(run: Runner) -> None:
    assert run("All the victims were treated and released.") == []
    assert [e.type for e in run("The rebels released 12 hostages on Monday.")] == ["CONCEDE"]


def test_whoever_holds_a_suspect_on_bond_is_implied() -> None:
    text = ("Police in Dayton, Ohio, said John Smith appeared in court Friday and is being "
            "held on $50,000 bond.")
    held = [e for e in extract(text, "2020-03-02", is_html=False).events if "held" in e.trigger]
    assert held and held[0].source is not None and held[0].source.country == "USA"


def test_kin_and_partners_are_actors(run: Runner) -> None:
    (ev,) = run("Police said a woman stabbed her boyfriend during an argument.")
    assert ev.type == "ASSAULT" and _text(ev.target) == "her boyfriend"


def test_a_person_pronoun_is_not_the_body_reporting(run: Runner) -> None:
    (ev,) = run("Police said he stabbed a neighbor during an argument.")
    assert ev.type == "ASSAULT" and (ev.source is None or ev.source.text != "Police")
    (met,) = run("The minister said he had met the ambassador.")
    assert _text(met.source) == "The minister"


def test_a_listed_armed_group_takes_no_country_from_a_local_scene() -> None:
    text = "Police in Dayton, Ohio, said the man had pledged support to the Islamic State."
    config = Config(event_reliability=False)
    events = extract(text, "2020-03-02", is_html=False, config=config).events
    targets = [e.target for e in events if e.target is not None and "Islamic" in e.target.text]
    assert targets and all(t.country is None for t in targets)
