"""Quotes: mark pairing, speaker attribution and scare quotes on newsroom fixtures."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventlens.eval.quotes_dates import _gold_quote_span, _norm_name, fixtures, is_heldout
from eventlens.quotes import stage as quotes
from eventlens.quotes.spans import find_quote_spans
from eventlens.records import Actor, Quote
from testkit import FIXTURES

NEWSROOM = FIXTURES / "newsroom"


def _texts(text: str) -> list[str]:
    return [q.text(text) for q in find_quote_spans(text)]


def test_straight_and_curly_marks_and_split_quotes() -> None:
    text = '"We are pleased," he said. “But there is more to do.”'
    assert _texts(text) == ["We are pleased", "But there is more to do."]


def test_nested_single_quotes_and_apostrophes_stay_inside() -> None:
    text = "\"They call us 'vandals', but it's not true,\" she said. “The ‘caliphate’ is over.”"
    assert _texts(text) == ["They call us 'vandals', but it's not true", "The ‘caliphate’ is over."]


def test_quote_running_across_paragraphs() -> None:
    text = "“First part of it.\n\n“Second part,” she said.\n\nNo quote here."
    [span] = find_quote_spans(text)
    assert span.text(text) == "First part of it.\nSecond part"
    assert text[span.start : span.end] == "First part of it.\n\n“Second part"


def test_unbalanced_mark_is_dropped_at_paragraph_end() -> None:
    text = 'He said "this never closes.\n\nA new paragraph "with a quote" here.'
    assert _texts(text) == ["with a quote"]


def test_single_newline_paragraphs() -> None:
    text = '"One," he said.\n"Two," she said.'
    assert _texts(text) == ["One", "Two"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \"“”‘’'\n.,"))))
def test_quote_spans_never_crash_and_stay_in_bounds(text: str) -> None:
    for span in find_quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab Carter said told \"“”‘’'\n.,:"))))
def test_find_quotes_never_crashes(nlp_model: Language, text: str) -> None:
    for quote in quotes.find_quotes(nlp_model(text), []):
        assert 0 <= quote.start < quote.end <= len(text)


def _speakers(nlp_model: Language, text: str, actors: list[Actor] | None = None) -> list:
    found = quotes.find_quotes(nlp_model(text), actors or [])
    return [(q.text, q.speaker.name if q.speaker else None) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," Ashton Carter said.', [("We will win", "Ashton Carter")]),
        ('"We will win," said Ashton Carter.', [("We will win", "Ashton Carter")]),
        (
            'Ashton Carter told reporters: "We will win."',
            [("We will win.", "Ashton Carter")],
        ),
        (
            'According to Ashton Carter, "the offensive is on track."',
            [("the offensive is on track.", "Ashton Carter")],
        ),
        (
            'Ashton Carter said the campaign was "going according to plan" on Sunday.',
            [("going according to plan", "Ashton Carter")],
        ),
        (
            'Ashton Carter praised the troops, adding: "They have been magnificent."',
            [("They have been magnificent.", "Ashton Carter")],
        ),
        (
            "Ashton Carter arrived in Erbil. He said: “We are pleased.”",
            [("We are pleased.", "Ashton Carter")],
        ),
        (
            '"We are pleased," Ashton Carter said. "But there is hard fighting ahead."',
            [
                ("We are pleased", "Ashton Carter"),
                ("But there is hard fighting ahead.", "Ashton Carter"),
            ],
        ),
    ],
)
def test_speaker_attribution(nlp_model: Language, text: str, expected: list) -> None:
    assert _speakers(nlp_model, text) == expected


def test_scare_quotes_have_no_speaker(nlp_model: Language) -> None:
    text = 'The militants\' self-declared "caliphate" is shrinking, and "Operation Eagle" goes on.'
    assert _speakers(nlp_model, text) == [("caliphate", None), ("Operation Eagle", None)]


def test_speaker_comes_from_the_covering_actor(nlp_model: Language) -> None:
    text = 'The Pentagon chief said: "We are pleased with the progress."'
    start = text.index("Pentagon chief")
    role = Actor(
        text="The Pentagon chief",
        name="Ashton Carter",
        country="USA",
        sector="GOV",
        start=start - 4,
        end=start + len("Pentagon chief"),
    )
    [quote] = quotes.find_quotes(nlp_model(text), [role])
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.country, quote.speaker.sector) == (
        "Ashton Carter",
        "USA",
        "GOV",
    )
    assert (quote.speaker.start, quote.speaker.end) == (role.start, role.end)


def test_raw_text_fallback_without_actors(nlp_model: Language) -> None:
    text = 'The US secretary of defence said: "We will stand with Iraq."'
    [quote] = quotes.find_quotes(nlp_model(text), [])
    assert quote.speaker is not None
    assert quote.speaker.text == "The US secretary of defence"
    assert text[quote.speaker.start or 0 : quote.speaker.end] == quote.speaker.text


def _check_fixture(nlp_model: Language, name: str, found: list[Quote]) -> None:
    text = (NEWSROOM / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((NEWSROOM / f"{name}.json").read_text(encoding="utf-8"))
    assert [(q.start, q.end) for q in found] == [_gold_quote_span(text, g) for g in gold["quotes"]]
    for quote, item in zip(found, gold["quotes"], strict=True):
        assert quote.text == item["text"]
        accepted = item["speaker"] if isinstance(item["speaker"], list) else [item["speaker"]]
        name_found = quote.speaker.name if quote.speaker else None
        assert _norm_name(name_found) in {_norm_name(n) for n in accepted}, item["text"]


# Held-out fixtures are measured by the evaluation only, never asserted here.
@pytest.mark.parametrize("name", [p.stem for p in fixtures(NEWSROOM) if not is_heldout(p)])
def test_newsroom_fixture_quotes(nlp_model: Language, name: str) -> None:
    """Every quote span and speaker, with speakers from NER/parse only (no actor mentions)."""
    text = (NEWSROOM / f"{name}.txt").read_text(encoding="utf-8")
    _check_fixture(nlp_model, name, quotes.find_quotes(nlp_model(text), []))


def test_single_quotes_outside_double_quotes() -> None:
    text = "STORM WARNING: Judge tells 'Iron Lady' her appeal is lost"
    assert _texts(text) == ["Iron Lady"]
    assert _texts("In the '90s the students' union grew.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "STORM WARNING: Judge tells 'Iron Lady' her appeal is lost",
            [("Iron Lady", None)],
        ),
        (
            'Later his ally, former governor Paul "Hammer" Dorn, told reporters he was'
            ' "not concerned at all" about it.',
            [("Hammer", None), ("not concerned at all", "Paul Dorn")],
        ),
        (
            'Senator Ana Roth - nicknamed the "Iron Lady" by rivals - had called the inquiry'
            ' a "political stunt".',
            [("Iron Lady", None), ("political stunt", "Ana Roth")],
        ),
        (
            'Critics of Rosa "The Hawk" Vidal were loud. Vidal said the audit was "a farce".',
            [("The Hawk", None), ("a farce", "Rosa Vidal")],
        ),
        (
            'A panel of judges ruled that the fines were "fair and necessary".',
            [("fair and necessary", "A panel of judges")],
        ),
        (
            '"At last!" posted the Clean Water Alliance on Facebook.',
            [("At last!", "the Clean Water Alliance")],
        ),
        ('"Not today," tweeted the mayor.', [("Not today", "the mayor")]),
        ('"Never Again," Maria Lopez said.', [("Never Again", "Maria Lopez")]),
    ],
)
def test_nicknames_and_other_verbs_of_saying(
    nlp_model: Language, text: str, expected: list
) -> None:
    assert _speakers(nlp_model, text) == expected
