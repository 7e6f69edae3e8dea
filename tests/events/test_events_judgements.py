"""Events stage: damning judgements, criticism received, pleas, custody and undone charges.

Every sentence here was written by the team for these tests; they run the real actors
and events stages (the ``run`` fixture of tests/conftest.py).
"""

from __future__ import annotations

import pytest

from eventlens.events.judgement import judgement_words
from eventlens.records import Event
from testkit.events import Runner


def types(evs: list[Event]) -> set[str]:
    return {e.type for e in evs}


def accusations(evs: list[Event]) -> list[Event]:
    return [e for e in evs if e.type == "ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean president called the referendum rigged.",
        "The opposition leader described the new law as unconstitutional.",
        "Senator Ana Ruiz said Governor Tom Blake was corrupt.",
        "The Kenyan foreign minister said the raid was a violation of international law.",
        'The regional governor called the court ruling "dangerous" and "ideological".',
    ],
)
def test_a_damning_judgement_is_an_accusation(run: Runner, text: str) -> None:
    assert accusations(run(text)), text


def test_the_speaker_accuses_the_one_judged(run: Runner) -> None:
    evs = accusations(run("Senator Ana Ruiz said Governor Tom Blake was corrupt."))
    assert evs[0].source is not None and "Ruiz" in evs[0].source.text
    assert evs[0].target is not None and "Blake" in evs[0].target.text


@pytest.mark.parametrize(
    "text",
    [
        "Senator Ana Ruiz said Governor Tom Blake was not corrupt.",  # negated
        "The winter was brutal in the north.",  # no speaker, no judgement of anyone
        "The mayor called the meeting to order.",  # no damning word
        '"People are told that renting is irresponsible," Ms Lee said.',  # no one judged
    ],
)
def test_no_accusation_without_a_damning_judgement(run: Runner, text: str) -> None:
    assert not accusations(run(text)), text


def test_criticism_received_makes_its_subject_the_target(run: Runner) -> None:
    evs = accusations(run("The Peruvian president came under fire from lawmakers."))
    assert evs and evs[0].target is not None and "president" in evs[0].target.text
    assert evs[0].source is None or "president" not in evs[0].source.text


def test_armed_agents_coming_under_fire_are_attacked(run: Runner) -> None:
    evs = run("The soldiers came under fire from inside the house on Monday.")
    assert "ASSAULT" in types(evs) and not accusations(evs)


def test_a_guilty_plea_concedes_and_a_plea_of_innocence_is_no_event(run: Runner) -> None:
    assert "CONCEDE" in types(run("John Varley pleaded guilty to robbery on Monday."))
    assert not run("John Varley pleaded not guilty to robbery on Monday.")
    assert "REQUEST" not in types(run("John Varley cut a plea deal on Monday."))


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("He is being held on three counts of armed robbery.", "COERCE"),
        ("She was remanded to custody on a $5,000 bond.", "COERCE"),
        ("The kidnapping warrants against Dale Ortiz have been dropped.", "CONCEDE"),
        # Yielding to the authorities or to pressure concedes; a plain resignation retreats.
        ("Dale Ortiz turned himself in to police on Friday.", "CONCEDE"),
        ("The minister was forced to resign in May.", "CONCEDE"),
        ("The minister resigned on Sunday.", "RETREAT"),
        ("The rebel commander declared a cease-fire on Sunday.", "RETREAT"),
        ("Dale Ortiz is being held on $50,000 bond.", "COERCE"),
        ("The mayor withdrew his request on Monday.", "CONCEDE"),
        ("Police executed two search warrants in Leeds on Monday.", "COERCE"),
    ],
)
def test_custody_surrender_and_undone_charges(run: Runner, text: str, etype: str) -> None:
    assert etype in types(run(text)), text


def test_the_judging_words_are_data() -> None:
    words = judgement_words()
    assert words["corrupt"] == "ACCUSE" and words["courageous"] == "SUPPORT"
    assert "word" not in words  # the header is not a word


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean president called the mayor a hero.",
        "Senator Ana Ruiz said Governor Tom Blake was an outstanding leader.",
    ],
)
def test_praise_is_support(run: Runner, text: str) -> None:
    assert "SUPPORT" in types(run(text)), text


def test_praise_of_no_one_is_no_event(run: Runner) -> None:
    assert "SUPPORT" not in types(run("Senator Ana Ruiz said the weather was wonderful."))


def test_the_one_forced_to_resign_concedes(run: Runner) -> None:
    events = run("Maxime Bernier was forced to resign as foreign minister in May.")
    [event] = [e for e in events if e.trigger == "resign"]
    assert event.type == "CONCEDE"
    assert event.source is not None and event.source.text == "Maxime Bernier"


def test_received_support_comes_from_the_from_phrase(run: Runner) -> None:
    events = run("Mohamed received support online from US President Barack Obama.")
    [event] = [e for e in events if e.type == "SUPPORT"]
    assert event.source is not None and "Obama" in event.source.text
    assert event.target is not None and event.target.text == "Mohamed"


def test_tweeted_support_is_the_subject_s_act(run: Runner) -> None:
    events = run("NASA tweeted support of the student via its account.")
    [event] = [e for e in events if e.type == "SUPPORT"]
    assert event.source is not None and event.source.text == "NASA"


def test_requests_that_come_from_a_body_are_its_own(run: Runner) -> None:
    events = run("Requests have come from the Municipality of Bogliasco, next to Genova.")
    [event] = [e for e in events if e.type == "REQUEST"]
    assert event.source is not None and "Municipality" in event.source.text


def test_boats_turned_back_by_a_navy_are_rejected(run: Runner) -> None:
    events = run("The first boat was turned around twice by the Indonesian navy.")
    [event] = [e for e in events if e.type == "REJECT"]
    assert event.source is not None and event.source.country == "IDN"


def test_a_planned_meeting_stays_a_meeting(run: Runner) -> None:
    events = run("The Egyptian foreign minister plans to meet Sudanese officials on Monday.")
    assert [(e.type, e.status) for e in events if e.trigger.startswith("meet")] == [
        ("CONSULT", "future")
    ]


def test_a_pledge_of_punishment_is_a_threat(run: Runner) -> None:
    events = run("The government promised harsh punishment for the attackers.")
    assert "THREATEN" in types(events) and "AGREE" not in types(events)


def test_a_reported_breach_is_the_speaker_s_accusation(run: Runner) -> None:
    [event] = run("The opposition said the government violated the ceasefire.")
    assert event.type == "ACCUSE"
    assert (event.source.text, event.target.text) == ("The opposition", "the government")
    [event] = run("The rebels violated the ceasefire on Monday.")
    assert event.type == "REJECT"
