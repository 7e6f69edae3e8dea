"""Article-level passes after locating events: scene countries, implied state agents, one
record per event (pairs, re-mentions, headline), generic and empty mentions dropped.

Team-written sentences; the reliability model is switched off so the rules are tested."""

from __future__ import annotations

import pytest

from eventlens.config import Config
from eventlens.events.merge import one_record_per_event
from eventlens.pipeline import extract
from eventlens.records import Event

RULES_ONLY = Config(jobs=1, event_reliability=False)


def events_of(text: str) -> list[Event]:
    return extract(text, "2024-03-04", config=RULES_ONLY).events


def of_type(evs: list[Event], etype: str) -> list[Event]:
    return [e for e in evs if e.type == etype]


def test_an_agentless_arrest_is_by_the_police_of_the_scene() -> None:
    (arrest,) = of_type(events_of("A man was arrested in Mombasa on Monday."), "COERCE")
    assert arrest.source is not None
    assert (arrest.source.country, arrest.source.sector, arrest.source.text) == ("KEN", "COP", "")


def test_country_less_people_take_the_country_of_the_scene() -> None:
    (arrest,) = of_type(events_of("Police arrested two students in Nairobi on Monday."), "COERCE")
    assert arrest.source is not None and arrest.source.country == "KEN"
    assert arrest.target is not None and arrest.target.country == "KEN"


def test_a_listed_body_keeps_its_country_abroad() -> None:
    # "the FBI" (with its determiner) is the dictionary's FBI: a police body, but not local.
    evs = events_of("The FBI arrested two hackers in Moscow on Monday.")
    (arrest,) = of_type(evs, "COERCE")
    assert arrest.source is not None and arrest.source.country == "USA"
    assert arrest.target is not None and arrest.target.country == "RUS"


def test_unnamed_victims_are_the_people_of_the_scene() -> None:
    evs = events_of("A car bomb exploded near a market in Kabul on Monday.")
    (blast,) = of_type(evs, "ASSAULT")
    assert blast.target is not None
    assert (blast.target.text, blast.target.country, blast.target.sector) == ("", "AFG", "CVL")


def test_no_implied_victims_without_a_scene() -> None:
    (blast,) = of_type(events_of("A car bomb exploded near the market on Monday."), "ASSAULT")
    assert blast.target is None  # no place: no country to give them


def test_an_unnamed_attacker_of_a_crime_is_implied_from_the_scene() -> None:
    evs = events_of("A shopkeeper was stabbed to death in Nakuru on Monday.")
    (attack,) = of_type(evs, "ASSAULT")
    assert attack.source is not None
    assert (attack.source.text, attack.source.country, attack.source.sector) == ("", "KEN", "CRM")
    # "stabbed to death" is no stative "opposed to": the shopkeeper is the victim
    assert attack.target is not None and attack.target.text == "A shopkeeper"


def test_no_implied_attacker_in_a_sentence_of_war() -> None:
    evs = events_of("Two soldiers were killed in Kandahar on Monday.")
    (attack,) = of_type(evs, "ASSAULT")
    assert attack.source is None  # a war's attacker need not be of the scene


def test_an_appeal_with_no_addressee_is_to_the_scene_s_authorities() -> None:
    evs = events_of("Residents of Mombasa called for better roads on Monday.")
    (appeal,) = of_type(evs, "REQUEST")
    assert appeal.target is not None
    assert (appeal.target.text, appeal.target.country, appeal.target.sector) == ("", "KEN", "GOV")
    plain = extract(
        "Residents of Mombasa called for better roads on Monday.",
        "2024-03-04",
        config=Config(jobs=1, event_reliability=False, implied_parties=False),
    ).events
    assert of_type(plain, "REQUEST")[0].target is None  # the setting turns the guess off


def test_a_definite_re_mention_is_evidence_of_the_first_record() -> None:
    text = (
        "Rebels attacked an army base near Gao on Monday. "
        "The attack was the deadliest this year, officials said."
    )
    (attack,) = of_type(events_of(text), "ASSAULT")
    assert attack.trigger == "attacked"
    assert [e.trigger for e in attack.evidence] == ["attack"]
    assert text[attack.evidence[0].start : attack.evidence[0].end].startswith("The attack")


def test_casualties_told_after_an_attack_are_the_same_event() -> None:
    text = "Gunmen attacked a market in Maiduguri on Friday. Ten people were killed."
    assert len(of_type(events_of(text), "ASSAULT")) == 1


def test_a_further_attack_with_its_own_time_stays_separate() -> None:
    text = (
        "Gunmen attacked a market in Maiduguri on Friday. "
        "In May, another attack in Kano killed two people."
    )
    assert len(of_type(events_of(text), "ASSAULT")) == 2


def test_arrests_of_other_or_counted_groups_stay_separate() -> None:
    text = (
        "Police arrested the drug dealer Ali Allaw near the airport on Thursday. "
        "Three other drug dealers were arrested. "
        "Police said 31 people were arrested at checkpoints in the city overnight."
    )
    for config in (RULES_ONLY, Config(jobs=1, min_event_probability=0.0)):  # + coreference
        evs = extract(text, "2024-03-04", config=config).events
        assert len(of_type(evs, "COERCE")) == 3, config


def test_a_headline_is_evidence_of_the_body_record(nlp_model, run) -> None:
    # The article stage usually lifts a headline into `title`; when it stays in the text
    # (a first line without final punctuation), its event is the body's event told again.
    text = "Police arrest 40 protesters in Nairobi\nKenyan police arrested 40 protesters on Monday."
    doc = nlp_model(text)
    (arrest,) = of_type(one_record_per_event(run(text), doc), "COERCE")
    assert arrest.start > text.index("\n")
    assert len(arrest.evidence) == 1 and arrest.evidence[0].start == 0


@pytest.mark.parametrize(
    "text",
    [
        "Knife attacks are common in the country.",  # a bare plural topic
        "He was charged with assault with a weapon.",  # what the charge is about
        "No one was injured.",  # an empty denial
        "It was an attack, the witness said.",  # a description, nothing told before
    ],
)
def test_mentions_that_report_no_event(text: str) -> None:
    assert of_type(events_of(text), "ASSAULT") == []


def test_one_record_per_trigger_not_per_pair() -> None:
    evs = of_type(events_of("Norway and Qatar met in Oslo on Monday."), "CONSULT")
    assert len(evs) == 1


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Qatar vehemently denied the claims on Monday.", False),
        ("The ministry rejected the allegations.", False),
        ("Iran rejected the proposal.", True),  # refusing a proposal is an event
        ("The district administration denied land allocation for the temple.", True),
    ],
)
def test_denials_of_an_assertion_are_not_events(text: str, kept: bool) -> None:
    assert bool(of_type(events_of(text), "REJECT")) is kept


def test_an_arrest_on_charges_is_an_arrest_and_an_accusation() -> None:
    text = "Police arrested a 41-year-old man in Nairobi on Monday on charges of robbery."
    evs = events_of(text)
    (arrest,) = of_type(evs, "COERCE")
    (charges,) = of_type(evs, "ACCUSE")
    assert charges.trigger == "charges" and charges.mode == "legal"
    assert charges.target is not None and arrest.target is not None
    assert charges.target.start == arrest.target.start  # the arrested are charged


def test_counts_name_the_charges_and_an_agentless_charge_is_the_prosecutors() -> None:
    text = "A man was arrested in Mombasa on Sunday on five counts of fraud."
    (charges,) = of_type(events_of(text), "ACCUSE")
    assert charges.trigger == "five counts"
    assert charges.source is not None and charges.source.sector == "JUD"
    assert charges.source.country == "KEN"


def test_who_is_in_custody_is_held_not_the_holder() -> None:
    evs = events_of("The suspect is now in custody at the county jail in Mombasa.")
    (held,) = of_type(evs, "COERCE")
    assert held.target is not None and held.target.text == "The suspect"
    assert held.source is not None and (held.source.text, held.source.sector) == ("", "COP")


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The death of a man in Mombasa is being investigated.", "COP"),
        ("The indictment of two men in Mombasa was announced on Monday.", "JUD"),
    ],
)
def test_an_agentless_investigation_or_indictment_is_the_state_s(text: str, sector: str) -> None:
    (act,) = of_type(events_of(text), "ACCUSE")
    assert act.source is not None
    assert (act.source.text, act.source.sector, act.source.country) == ("", sector, "KEN")


def test_a_record_takes_the_time_its_retelling_gives() -> None:
    text = (
        "Police in Mombasa have arrested a local councillor. The arrest came last Wednesday "
        "after a raid on his home, officials said on Monday."
    )
    evs = extract(text, "2024-03-06", config=RULES_ONLY).events
    (arrest,) = of_type(evs, "COERCE")
    assert [e.trigger for e in arrest.evidence] == ["arrest"]
    assert (arrest.date, arrest.date_precision, arrest.date_text) == (
        "2024-02-28", "day", "last Wednesday")
