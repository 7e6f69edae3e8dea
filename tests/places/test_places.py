"""Places stage: toponym finding, context ranking, resolve_spans, resolve-places, locate_events."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventlens.cli.resolve_places import resolve_lines
from eventlens.cli.stage import main
from eventlens.config import Config
from eventlens.places import stage as places
from eventlens.places.gazetteer import Gazetteer
from eventlens.places.names import fold, loose
from eventlens.records import Actor, Event, Place
from eventlens.resources import get_resources

pytestmark = pytest.mark.usefixtures("gazetteer")

WIRE = (
    "ERBIL, Iraq (Reuters) - Kurdish fighters attacked militant positions near Bashiqa on "
    "Sunday, while Iraqi troops advanced toward Mosul, the capital of Nineveh province. "
    "Activists from Raqqa Is Being Slaughtered Silently said air strikes hit the city. "
    "Washington said it would send more advisers to Erbil."
)


def _find(
    nlp_model: Language, config: Config, text: str, actors: list[Actor] | None = None
) -> list[Place]:
    return places.find_places(nlp_model(text), actors or [], get_resources(config))


def _by_text(found: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in found}


def test_finds_places_ner_mislabels(nlp_model: Language, config: Config) -> None:
    found = _by_text(_find(nlp_model, config, WIRE))
    assert found["Bashiqa"].country == "IRQ"
    assert found["Erbil"].geonameid == 95446
    assert found["Mosul"].feature == "P.PPL" and found["Mosul"].country == "IRQ"
    assert found["Nineveh"].feature == "A.ADM1"


def test_skips_place_names_inside_organisation_names(nlp_model: Language, config: Config) -> None:
    found = _find(nlp_model, config, WIRE)
    start = WIRE.index("Raqqa Is")
    assert not any(p.start == start for p in found)


def test_government_metonym_is_an_actor_not_a_place(nlp_model: Language, config: Config) -> None:
    start = WIRE.index("Washington said")
    actor = Actor(
        text="Washington",
        name="United States",
        country="USA",
        sector="GOV",
        start=start,
        end=start + len("Washington"),
    )
    with_actor = _find(nlp_model, config, WIRE, [actor])
    assert not any(p.start == start for p in with_actor)


@pytest.mark.parametrize(
    ("text", "mention", "admin1", "country"),
    [
        (
            "Police in Springfield, Ill., arrested two men on Friday.",
            "Springfield",
            "Illinois",
            "USA",
        ),
        ("The mayor of Paris, Tenn., said the fair would reopen.", "Paris", "Tennessee", "USA"),
        ("Tourists crowded Paris as the French capital hosted the summit.", "Paris", None, "FRA"),
        (
            "The county board in Dublin met on Monday. Columbus and Franklin County officials and "
            "Ohio lawmakers attended.",
            "Dublin",
            "Ohio",
            "USA",
        ),
    ],
)
def test_ambiguous_names_ranked_by_context(
    text: str, mention: str, admin1: str | None, country: str, config: Config
) -> None:
    names = [mention, "Columbus", "Franklin County", "Ohio"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names if n in text]
    place = places.resolve_spans(text, spans, get_resources(config))[0]
    assert place.country == country
    if admin1:
        assert place.admin1 == admin1


def test_admin_cue_prefers_the_province(config: Config) -> None:
    text = "Fighting spread across Aleppo province and into the city of Aleppo itself."
    first = text.index("Aleppo")
    second = text.index("Aleppo", first + 1)
    prov, city = places.resolve_spans(
        text, [(first, first + 6), (second, second + 6)], get_resources(config)
    )
    assert prov.feature == "A.ADM1"
    assert city.feature is not None and city.feature.startswith("P.")


def test_resolve_spans_keeps_order_and_unresolved(config: Config) -> None:
    text = "From Qzxwvplace to Baghdad."
    spans = [(text.index("Baghdad"), text.index("Baghdad") + 7), (5, 15)]
    baghdad, unknown = places.resolve_spans(text, spans, get_resources(config))
    assert baghdad.name == "Baghdad" and baghdad.lat is not None
    assert unknown.text == "Qzxwvplace" and unknown.lat is None and unknown.lon is None


def test_resolve_spans_refuses_bad_spans(config: Config) -> None:
    with pytest.raises(ValueError, match="outside the text"):
        places.resolve_spans("Mosul", [(0, 99)], get_resources(config))


def test_resolve_places_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], gazetteer: Gazetteer
) -> None:
    text = "Clashes near Mosul and Erbil."
    lines = [
        json.dumps({"id": "a", "text": text, "spans": [[13, 18], [23, 28]]}),
        "{not json",
        json.dumps({"id": "c", "text": "x", "spans": [[0, 9]]}),
        json.dumps({"id": "d", "text": "Kirkuk", "spans": "0-6"}),
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["resolve-places", "--jsonl", "-", "--gazetteer", str(gazetteer.path)]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["a", None, "c", "d"]
    assert [p["name"] for p in out[0]["places"]] == ["Mosul", "Erbil"]
    assert set(out[0]["places"][0]) == {
        "start",
        "end",
        "text",
        "name",
        "lat",
        "lon",
        "geonameid",
        "country",
        "admin1",
        "feature",
    }
    for bad in out[1:]:
        assert bad["places"] == [] and "<stdin>:" in bad["errors"][0]


def test_resolve_places_cli_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve-places", "--jsonl", "/nonexistent/in.jsonl"]) == 2
    assert "/nonexistent/in.jsonl" in capsys.readouterr().err


def _event(text: str, trigger: str, sentence_of: str) -> Event:
    s = text.index(sentence_of)
    t = text.index(trigger, s)
    e = text.index(".", t) + 1
    return Event.uncoded(trigger, t, text[s:e], s, type="ASSAULT", confidence=0.5)


def _locate(
    nlp_model: Language, config: Config, text: str, events: list[Event]
) -> list[Place | None]:
    doc = nlp_model(text)
    found = places.find_places(doc, [], get_resources(config))
    return [ev.location for ev in places.locate_events(events, found, doc)]


def test_locate_events_clause_sentence_and_lead_town(nlp_model: Language, config: Config) -> None:
    text = (
        "Iraqi troops attacked militants near Bashiqa on Sunday. The minister met reporters. "
        "Officials in Baghdad said rockets hit Erbil overnight."
    )
    events = [
        _event(text, "attacked", "Iraqi troops"),
        _event(text, "met", "The minister"),
        _event(text, "hit", "Officials"),
    ]
    clause, lead, sentence = _locate(nlp_model, config, text, events)
    assert clause is not None and clause.text == "Bashiqa"
    # No place in its sentence, no dateline, no country named: the story's first town.
    assert lead is not None and lead.text == "Bashiqa"
    assert sentence is not None and sentence.text == "Erbil"


def test_locate_events_dateline(nlp_model: Language, config: Config) -> None:
    text = "MOSUL, Iraq (Reuters) - Gunmen attacked a checkpoint. Police gave no details."
    (loc,) = _locate(nlp_model, config, text, [_event(text, "attacked", "Gunmen")])
    assert loc is not None and loc.name == "Mosul"


def test_a_dateline_after_the_headline_is_the_place(nlp_model: Language, config: Config) -> None:
    # Scraped local news puts the headline first: "Headline. TOWN — body".
    text = ("Loud party ends in arrest. WOODSTOCK — Police arrested a man after a noise "
            "complaint on Friday. He was held overnight.")
    assert "WOODSTOCK" in {p.text for p in _find(nlp_model, config, text)}
    (loc,) = _locate(nlp_model, config, text, [_event(text, "arrested", "Police")])
    assert loc is not None and loc.name == "Woodstock"


def test_locate_events_empty() -> None:
    assert places.locate_events([], [], None) == []


def test_locate_events_object_place_beats_dateline(nlp_model: Language, config: Config) -> None:
    text = "ERBIL, Iraq (AP) - Jets bombed Raqqa overnight, officials said."
    (loc,) = _locate(nlp_model, config, text, [_event(text, "bombed", "Jets")])
    assert loc is not None and loc.country == "SYR"


def test_surnames_and_common_words_are_not_places(nlp_model: Language, config: Config) -> None:
    text = (
        "Retired general Wesley Clark spoke in Denver on Tuesday. Clark said the plan would "
        "fail. Police said the West had been warned; police in Denver agreed."
    )
    found = {p.text for p in _find(nlp_model, config, text)}
    assert "Denver" in found
    assert not found & {"Clark", "Police", "West"}


def test_place_inside_a_longer_ner_place(nlp_model: Language, config: Config) -> None:
    text = "Storms hit Northeast Georgia overnight, flooding roads near Athens."
    found = _by_text(_find(nlp_model, config, text))
    assert "Georgia" in found and found["Georgia"].country == "USA"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    line=st.one_of(
        st.text(max_size=60),
        st.builds(
            lambda text, spans: json.dumps({"id": 1, "text": text, "spans": spans}),
            st.text(max_size=40),
            st.lists(st.lists(st.integers(-5, 50), min_size=0, max_size=3), max_size=4),
        ),
    )
)
def test_resolve_lines_never_raises(line: str, gazetteer: Gazetteer) -> None:
    config = Config(gazetteer_path=gazetteer.path)
    out = list(resolve_lines(io.StringIO(line.replace("\n", " ") + "\n"), config, "<t>"))
    assert len(out) == (1 if line.strip() else 0)
    for obj in out:
        assert "errors" in obj or all("lat" in p for p in obj["places"])


def test_fold_and_loose_are_total() -> None:
    for name in ["", " ", "--", "'", "ʿ", "東京", "Αθήνα", "A" * 500]:
        assert isinstance(fold(name), str) and isinstance(loose(name), str)


def test_a_place_name_in_a_street_name_is_not_a_place(config: Config) -> None:
    from eventlens.places.stage import find_places
    from eventlens.resources import get_resources

    res = get_resources(config)
    doc = res.nlp("The tenant, of 20E Nordland Ave., called police. He lives on Nordland Avenue.")
    assert [p.text for p in find_places(doc, [], res)] == []
    doc = res.nlp("Flooding hit Nordland in northern Norway.")
    assert "Nordland" in [p.text for p in find_places(doc, [], res)]


def test_class_word_of_an_unknown_place_is_not_a_place(nlp_model: Language, config: Config) -> None:
    # "Osney Island" is not in the gazetteer; its last word must not fall back to the
    # Icelandic name of Iceland.
    found = _find(nlp_model, config, "Vandals struck twice on Osney Island in Oxford last week.")
    assert all(p.country != "ISL" for p in found)


def test_surname_of_a_named_person_is_not_a_place(nlp_model: Language, config: Config) -> None:
    # spaCy-sm labels the second "Servance" GPE; a French commune bears the name.
    text = (
        "Tony Servance Jr. pleaded guilty in Gainesville on Monday. Acting Circuit Judge "
        "Mary Day Coker sentenced Servance to 15 years in prison."
    )
    doc = nlp_model(text)
    assert any(e.text == "Servance" and e.label_ == "GPE" for e in doc.ents)
    found = places.find_places(doc, [], get_resources(config))
    assert [p.text for p in found] == ["Gainesville"]


def test_surname_alone_outside_any_entity_is_not_a_place(
    nlp_model: Language, config: Config
) -> None:
    # "Carlow" alone has no NER label; the gazetteer knows an Irish town of that name.
    text = (
        "Investigator Bill Carlow was dispatched to a residence in Austin. "
        "The case was turned over to Carlow who spoke with the victim."
    )
    doc = nlp_model(text)
    found = places.find_places(doc, [], get_resources(config))
    assert "Carlow" not in [p.text for p in found]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Rebekah Zoz won the crown at the Miss Ohio pageant in Mansfield.", "Miss"),
        ("The walk raised money for the March of Dimes in Dayton.", "March"),
        ("The Scott West wrestling team won in Belle Plaine.", "West"),
        ("Three Readington Township Boy Scouts became Eagles in Whitehouse.", "Boy"),
        ("Obama will arrive at Long Beach Airport in California at 3 p.m.", "Airport"),
    ],
)
def test_common_words_are_not_places(
    nlp_model: Language, config: Config, text: str, word: str
) -> None:
    assert word not in [p.text for p in _find(nlp_model, config, text)]


def test_an_abbreviated_state_keeps_its_period(nlp_model: Language, config: Config) -> None:
    found = _find(nlp_model, config, "The storm hit Jackson, Miss., on Friday.")
    assert any(p.admin1 == "Mississippi" or p.name == "Mississippi" for p in found)


def test_a_town_after_in_that_ner_calls_a_person(nlp_model: Language, config: Config) -> None:
    # spaCy-sm labels "Newberry" PERSON; after "in" a town of some thousands is likelier.
    text = "A man was shot during a home invasion robbery in Newberry on Friday night."
    assert [p.text for p in _find(nlp_model, config, text)] == ["Newberry"]
    text = "Voters lost confidence in Obama's plan."
    assert _find(nlp_model, config, text) == []
