"""Events stage: weapons aimed at someone, and a protest's demands.

Every sentence here was written by the team for these tests (none comes from an
evaluation set). They run the real pipeline or the real actors and events stages.
"""

from __future__ import annotations

import pytest

from eventlens.pipeline import extract
from testkit.events import Runner, country


def _events(text: str) -> list:  # type: ignore[type-arg]
    return extract(text, "2023-05-10", is_html=False).events


def test_what_is_launched_at_someone_is_no_target(run: Runner) -> None:
    # The object between the verb and "at" is the weapon; the target is after "at".
    (ev,) = run("Rebels launched a barrage of rockets at the Nigerian army.")
    assert ev.type == "ASSAULT"
    assert ev.trigger == "launched a barrage of rockets at"
    assert country(ev.target) == "NGA" and ev.target is not None
    assert ev.target.text == "the Nigerian army"


def test_time_swallowing_a_place_name_still_leaves_the_place() -> None:
    # spaCy-sm reads "Kyiv overnight" as one TIME entity.
    out = extract("Russia launched dozens of drones at Kyiv overnight.", "2023-05-10",
                  is_html=False)
    assert [p.text for p in out.places] == ["Kyiv"]
    (ev,) = out.events
    assert ev.type == "ASSAULT" and country(ev.source) == "RUS"
    assert country(ev.target) == "UKR"  # not the drones


def test_launching_a_programme_is_no_attack(run: Runner) -> None:
    assert [e.type for e in run("The ministry launched a new programme for farmers.")
            if e.type == "ASSAULT"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of protesters gathered in Kharkiv on Saturday to demand the mayor's "
        "resignation.",
        "Hundreds of opposition supporters rallied in Dhaka on Friday, demanding fresh "
        "elections.",
    ],
)
def test_a_protests_demand_is_part_of_the_protest(text: str) -> None:
    types = [e.type for e in _events(text)]
    assert "PROTEST" in types and "REQUEST" not in types


def test_a_demand_without_a_protest_stays_a_request() -> None:
    types = [e.type for e in _events("The opposition leader demanded fresh elections in "
                                     "Dhaka on Friday.")]
    assert types == ["REQUEST"]


def test_counted_protesters_who_gather_are_the_protest() -> None:
    (ev,) = [e for e in _events("Thousands of demonstrators gathered in Nairobi on "
                                "Tuesday.") if e.type == "PROTEST"]
    assert country(ev.source) == "KEN"


def test_a_strike_that_kills_is_an_attack(run: Runner) -> None:
    evs = run("An Israeli strike killed a senior commander in southern Lebanon.")
    assert {e.type for e in evs} == {"ASSAULT"}  # the noun and "killed": merged downstream
    assert [e.type for e in run("Dock workers began a strike over pay on Monday.")] == [
        "PROTEST"]


def test_lifting_a_state_of_emergency_is_one_concession(run: Runner) -> None:
    evs = run("The government lifted the state of emergency on Monday.")
    assert [e.type for e in evs] == ["CONCEDE"]


@pytest.mark.parametrize(
    "text",
    ["The ambassador was summoned to the foreign ministry over the remarks.",
     "The activist was deported to Sudan on Monday."],
)
def test_a_passive_with_a_destination_is_done_to_its_subject(run: Runner, text: str) -> None:
    (ev,) = run(text)
    assert ev.source is None or ev.source.text != text.split(" was ")[0]
    assert ev.target is not None and ev.target.text == text.split(" was ")[0]


def test_a_stative_participle_keeps_its_holder(run: Runner) -> None:
    (ev,) = run("The senator is opposed to the bill.")
    assert ev.type == "REJECT" and ev.source is not None and ev.source.text == "The senator"


def test_officers_deployed_abroad_are_not_the_target(run: Runner) -> None:
    (ev,) = run("Kenya deployed 1,000 police officers to Haiti on Monday.")
    assert ev.type == "MOBILIZE" and country(ev.target) == "HTI"
    assert ev.target is not None and ev.target.text == "Haiti"


def test_who_is_accused_of_an_act_did_it(run: Runner) -> None:
    evs = {e.type: e for e in run("The Philippine coast guard accused Chinese vessels of "
                                  "firing water cannon at its boats.")}
    assert country(evs["ACCUSE"].source) == "PHL" and country(evs["ACCUSE"].target) == "CHN"
    assert country(evs["COERCE"].source) == "CHN"


@pytest.mark.parametrize(("text", "sector"), [
    ("Armed groups attacked several villages in the province.", "REB"),
    ("Bandits attacked a village on Sunday.", "CRM"),
])
def test_unnamed_armed_attackers_are_actors(run: Runner, text: str, sector: str) -> None:
    (ev,) = run(text)
    assert ev.type == "ASSAULT" and ev.source is not None and ev.source.sector == sector


def test_fighting_that_breaks_out_is_an_attack_between_its_sides(run: Runner) -> None:
    evs = run("Heavy fighting broke out between the army and rebels near Goma.")
    assert {e.type for e in evs} == {"ASSAULT"}
    sides = {(e.source.text if e.source else None, e.target.text if e.target else None)
             for e in evs}
    assert ("the army", "rebels") in sides  # each side attacks the other
    assert [e.type for e in run("Fighting erupted in the city on Monday.")] == ["ASSAULT"]
    assert [e.type for e in run("The investigation continues, he said.")] == []


@pytest.mark.parametrize("text", ["Chile and Peru signed a trade deal on Monday.",
                                  "The two countries signed a peace treaty in Oslo."])
def test_signing_an_agreement_is_one_agreement(run: Runner, text: str) -> None:
    assert {e.type for e in run(text)} == {"AGREE"}  # one record per side at this stage


def test_signing_a_bill_or_petition_is_not_an_agreement(run: Runner) -> None:
    assert [e.type for e in run("The governor signed the bill into law.")] == ["SUPPORT"]
    assert [e.type for e in run("Residents signed a petition against the plan.")] == [
        "REQUEST"]


def test_a_memorandum_signed_by_two_countries_pairs_them(run: Runner) -> None:
    evs = run("Ethiopia and Somalia signed a memorandum in Addis Ababa on Tuesday.")
    pairs = {(country(e.source), country(e.target)) for e in evs}
    assert ("ETH", "SOM") in pairs and {e.type for e in evs} == {"AGREE"}


def test_military_drills_are_a_show_of_force(run: Runner) -> None:
    (ev,) = run("China held military drills around Taiwan on Saturday.")
    assert ev.type == "MOBILIZE" and country(ev.source) == "CHN"
    assert run("Firefighters held a drill at the school.") == []


def test_will_not_negotiate_is_a_refusal(run: Runner) -> None:
    (ev,) = run("The government will not negotiate with the rebels.")
    assert ev.type == "REJECT" and ev.target is not None and ev.target.text == "the rebels"
    assert [e.type for e in run("The two leaders did not meet on Monday.")] != ["REJECT"]


def test_protests_that_erupt_are_events_and_a_discussed_exchange_is_a_topic(
    run: Runner,
) -> None:
    assert [e.type for e in _events("Protests erupted in several cities after the "
                                    "election results were announced.")] == ["PROTEST"]
    evs = run("The UN envoy met Houthi leaders in Sanaa to discuss a prisoner exchange.")
    assert [e.type for e in evs] == ["CONSULT"]
