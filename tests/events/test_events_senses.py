"""Events stage: everyday senses of trigger words and everyday words for political acts.

Every sentence here was written by the team for these tests; they run the real actors
and events stages (the ``run`` fixture of tests/conftest.py).
"""

from __future__ import annotations

import pytest

from eventlens.records import Event
from testkit.events import Runner


def types(evs: list[Event]) -> set[str]:
    return {e.type for e in evs}


@pytest.mark.parametrize(
    "text",
    [
        "The Met Office warned of heavy fog across the region on Sunday.",
        "Norfolk police seek missing Elm Street woman.",
        "A van driven by a delivery worker backed into a parked truck.",
        "Asked about the cost, the spokesman said he could not say.",
        "The union issued a press release on Monday.",
        "A house fire destroyed the roof of a family home on Tuesday.",
        "The mayor returned to the town hall after lunch.",
        "Two-car accident kills one, injures four.",
        "The driver declined treatment at the scene, according to police.",
        "Canada currently has only one trade agreement in Asia.",
        "A clerk, who was not authorized to speak with reporters, said the office was shut.",
        "The pastor repeated the message he gave in interviews this week.",
        "The defendant received an unfair trial, the appeals court found.",
        "A lifeguard pulled the child out of the pool and began CPR.",
        "The storm was blamed for numerous accidents on the highway.",
        "Plans also call for a 13-story hotel and two office buildings.",
        "The challenger captured 1.3 percent of the vote.",
        "When sales fell, the baker said he blamed himself, not the market.",
        "The bakery opened and closed within four months last year.",
        "Neighbours provided different stories about the night of the fire.",
        "Residents who signed up for the recycling service last year pay no extra fee.",
        "Nobody knows how the secret papers wound up on a rainy street downtown.",
        "The local economy turned around sharply last year.",
        "The database is used by officers to track offenders and prosecute them.",
        "If someone were able to shut the system down, it could affect the case.",
    ],
)
def test_everyday_senses_are_no_act_of_that_kind(run: Runner, text: str) -> None:
    found = types(run(text))
    unwanted = {"THREATEN", "REQUEST", "SUPPORT", "COERCE", "ASSAULT", "REJECT", "AGREE",
                "CONSULT", "CONCEDE", "ACCUSE", "AID"}
    assert not found & unwanted, (text, found)


def test_a_crime_named_in_a_plea_is_no_attack(run: Runner) -> None:
    assert types(run("John Varley pleaded guilty to robbery on Monday.")) == {"CONCEDE"}


def test_supporters_of_a_ban_impose_no_ban(run: Runner) -> None:
    assert "COERCE" not in types(run("Supporters of a smoking ban settled on a deal on Tuesday."))
    assert "COERCE" in types(run("The government imposed a ban on protests on Tuesday."))


def test_workers_striking_protest(run: Runner) -> None:
    assert "PROTEST" in types(run("Airport baggage handlers struck on Friday over pay."))
    assert "ASSAULT" in types(run("Rebels struck an army convoy near the border on Friday."))


def test_a_planned_protest_is_a_future_protest(run: Runner) -> None:
    evs = run("Opposition groups will hold a rally on Friday in the capital.")
    assert [(e.type, e.status) for e in evs] == [("PROTEST", "future")]


def test_a_police_raid_is_coercion(run: Runner) -> None:
    assert "COERCE" in types(run("Police raided the opposition party's offices on Friday."))
    assert "ASSAULT" in types(run("Militants raided a village near the border, killing ten."))


def test_returned_fire_is_an_attack(run: Runner) -> None:
    assert "ASSAULT" in types(run("Soldiers returned fire after the convoy came under attack."))
    assert "CONCEDE" in types(run("The army returned the captured village to the rebels."))


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("A man punched a police officer outside the bar on Saturday.", "ASSAULT"),
        ("Dozens of fans brawled outside the stadium on Sunday.", "ASSAULT"),
        ("Deputies apprehended the driver after a short chase.", "COERCE"),
        ("A trooper pulled over the truck on Interstate 64.", "COERCE"),
        ("The mayor spoke with the governor about the flood on Monday.", "CONSULT"),
        ("A grand jury returned an indictment against the two men.", "ACCUSE"),
        ("The state fined the company $5,000 for the spill.", "SANCTION"),
        ("The council voted against the new parking plan on Tuesday.", "REJECT"),
        ("The governor sent 300 soldiers to the flooded towns and committed 500 troops "
         "to the effort.", "MOBILIZE"),
        ("Pilots voted to work to rule from Monday in a dispute over pay.", "PROTEST"),
        ("A neighbour called police after hearing shots near the school.", "REQUEST"),
        ("The driver was taken to the county jail after the crash.", "COERCE"),
        ("The youth pastor allegedly had sexual contact with a girl at the camp.", "ASSAULT"),
    ],
)
def test_everyday_words_for_political_acts(run: Runner, text: str, etype: str) -> None:
    assert etype in types(run(text)), text


def test_criticism_received_is_from_unnamed_critics_at_home() -> None:
    from eventlens.pipeline import extract

    doc = extract("President Ana Ruiz of Chile has drawn criticism for naming her brother as "
                  "finance minister.", "2020-03-02", is_html=False)
    (ev,) = [e for e in doc.events if e.type == "ACCUSE"]
    assert ev.source is not None and ev.source.country == "CHL" and not ev.source.text


def test_a_road_closed_by_police_is_still_coercion(run: Runner) -> None:
    assert "COERCE" in types(run("Police closed the bridge to protesters on Monday."))


def test_a_denied_request_was_made_and_refused(run: Runner) -> None:
    evs = run("The judge denied the family's request for a delay on Friday.")
    assert "REJECT" in types(evs)
    assert all(e.status == "occurred" for e in evs if e.type == "REQUEST")
    # a denied act still did not happen
    assert all(e.status == "negated" for e in run("The minister denied ordering the attack.")
               if e.type == "ASSAULT")  # fmt: skip
