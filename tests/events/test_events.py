"""Events stage: PLOVER types, status, reported speech and compound actors.

Every sentence here was written by the team for these tests. Actor mentions are
given as records (the actors stage's output format) so that these tests check the
events stage alone; one test runs the real actors stage end to end.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from eventlens.actors import stage as actors
from eventlens.config import Config
from eventlens.events import stage as events
from eventlens.events.cameo import CAMEO_ROOT, cameo_root
from eventlens.events.lexicon import PLOVER_TYPES
from eventlens.events.triggers import trigger_index
from eventlens.records import Actor, Event
from eventlens.resources import get_resources

Mentions = list[tuple[str, str | None, str | None]]
Runner = Callable[[str, Mentions], list[Event]]


def coded(text: str, mentions: list[tuple[str, str | None, str | None]]) -> list[Actor]:
    """Actor records for the first occurrence of each (text, country, sector)."""
    out = []
    for words, country, sector in mentions:
        start = text.index(words)
        out.append(Actor(words, words, country, sector, start, start + len(words)))
    return out


@pytest.fixture(scope="module")
def run(nlp_model: Language, config: Config) -> Runner:
    def _run(text: str, mentions: list[tuple[str, str | None, str | None]]) -> list[Event]:
        doc = nlp_model(text)
        return events.find_events(doc, coded(text, mentions), get_resources(config))

    return _run


def top(evs: list[Event]) -> Event:
    assert evs, "expected at least one event"
    return max(evs, key=lambda e: e.confidence)


def code(actor: Actor | None) -> str | None:
    return actor.country if actor else None


# Roots a type may take besides its default (see docs/plover-cameo.md).
CAMEO_ALTERNATIVES = {"AGREE": ("05",), "REQUEST": ("10",), "ACCUSE": ("09",),
                      "ASSAULT": ("19", "20")}  # fmt: skip

ONE_PER_TYPE = [
    ("CONSULT", "The Chilean foreign minister met with Argentine officials in Santiago.",
     [("The Chilean foreign minister", "CHL", "GOV"), ("Argentine officials", "ARG", "GOV")],
     "CHL", "ARG"),
    ("SUPPORT", "Norway praised Colombia for its peace efforts.",
     [("Norway", "NOR", None), ("Colombia", "COL", None)], "NOR", "COL"),
    ("CONCEDE", "Venezuela released twelve Colombian fishermen on Friday.",
     [("Venezuela", "VEN", None), ("Colombian fishermen", "COL", "CVL")], "VEN", "COL"),
    ("COOPERATE", "Peru cooperated with Bolivia against the smugglers.",
     [("Peru", "PER", None), ("Bolivia", "BOL", None)], "PER", "BOL"),
    ("AID", "Japan donated medical supplies to Nepal.",
     [("Japan", "JPN", None), ("Nepal", "NPL", None)], "JPN", "NPL"),
    ("RETREAT", "Ethiopia withdrew its troops from Somalia.",
     [("Ethiopia", "ETH", None), ("Somalia", "SOM", None)], "ETH", "SOM"),
    ("REQUEST", "Mexico urged Guatemala to reopen the border crossing.",
     [("Mexico", "MEX", None), ("Guatemala", "GTM", None)], "MEX", "GTM"),
    ("ACCUSE", "Pakistan accused India of shelling border villages.",
     [("Pakistan", "PAK", None), ("India", "IND", None)], "PAK", "IND"),
    ("REJECT", "Egypt rejected the proposal from Sudan.",
     [("Egypt", "EGY", None), ("Sudan", "SDN", None)], "EGY", None),
    ("THREATEN", "Turkey threatened Greece with new tariffs.",
     [("Turkey", "TUR", None), ("Greece", "GRC", None)], "TUR", "GRC"),
    ("PROTEST", "Farmers in Peru protested against the mining law.",
     [("Farmers in Peru", "PER", "AGR")], "PER", None),
    ("SANCTION", "Canada imposed sanctions on Belarus.",
     [("Canada", "CAN", None), ("Belarus", "BLR", None)], "CAN", "BLR"),
    ("MOBILIZE", "Azerbaijan deployed troops along the border with Armenia.",
     [("Azerbaijan", "AZE", None)], "AZE", None),
    ("COERCE", "Kenyan police arrested three opposition activists.",
     [("Kenyan police", "KEN", "COP"), ("three opposition activists", "KEN", "OPP")],
     "KEN", "KEN"),
    ("ASSAULT", "Rebels attacked an army base in northern Mali.",
     [("Rebels", "MLI", "REB"), ("an army base", "MLI", "MIL")], "MLI", "MLI"),
]  # fmt: skip


@pytest.mark.parametrize(("etype", "text", "mentions", "src", "tgt"), ONE_PER_TYPE)
def test_each_type_with_source_and_target(
    run: Runner, etype: str, text: str, mentions: Mentions, src: str, tgt: str | None
) -> None:
    ev = top(run(text, mentions))
    assert ev.type == etype
    assert code(ev.source) == src
    if tgt is not None:
        assert code(ev.target) == tgt
    assert ev.status == "occurred"
    assert ev.cameo in {CAMEO_ROOT[etype], *CAMEO_ALTERNATIVES.get(etype, ())}
    assert 0.0 <= ev.confidence <= 1.0


def test_agree_with_compound_source_gives_one_event_per_pair(run: Runner) -> None:
    text = "Kenya and Uganda agreed on a new railway line."
    evs = [e for e in run(text, [("Kenya", "KEN", None), ("Uganda", "UGA", None)])
           if e.type == "AGREE"]  # fmt: skip
    pairs = {(code(e.source), code(e.target)) for e in evs}
    assert pairs == {("KEN", "UGA"), ("UGA", "KEN")}


def test_compound_target_gives_one_event_per_target(run: Runner) -> None:
    text = "Canada imposed sanctions on Belarus and Myanmar."
    evs = run(text, [("Canada", "CAN", None), ("Belarus", "BLR", None), ("Myanmar", "MMR", None)])
    assert {(code(e.source), code(e.target)) for e in evs if e.type == "SANCTION"} == {
        ("CAN", "BLR"), ("CAN", "MMR")}  # fmt: skip


def test_trigger_and_sentence_offsets(nlp_model: Language, config: Config) -> None:
    text = "Talks were calm. Later, Rebels attacked an army base in Mali."
    doc = nlp_model(text)
    evs = events.find_events(doc, coded(text, [("Rebels", "MLI", "REB")]), get_resources(config))
    ev = next(e for e in evs if e.type == "ASSAULT")
    assert text[ev.trigger_start : ev.trigger_end] == ev.trigger == "attacked"
    assert text[ev.start : ev.end] == ev.sentence
    assert ev.sentence.startswith("Later")
    assert ev.location is None and ev.date is None


def test_future_act_is_intent_with_future_status(run: Runner) -> None:
    text = "The Swedish prime minister will visit Finland next week."
    ev = top(run(text, [("The Swedish prime minister", "SWE", "GOV"), ("Finland", "FIN", None)]))
    assert ev.status == "future"
    assert ev.type == "AGREE"  # CAMEO 036: expressing intent to meet
    assert code(ev.target) == "FIN"


def test_announced_hostile_act_is_a_threat(run: Runner) -> None:
    text = "Niger said it would close its border with Chad."
    ev = top(run(text, [("Niger", "NER", None), ("it", "NER", None), ("Chad", "TCD", None)]))
    assert ev.type == "THREATEN"
    assert ev.status == "future"


def test_condition_clause_is_hypothetical(run: Runner) -> None:
    text = "If Chad attacks the town, Niger will respond."
    evs = run(text, [("Chad", "TCD", None), ("Niger", "NER", None)])
    ev = next(e for e in evs if e.type == "ASSAULT")
    assert ev.status == "hypothetical"


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz narrowly beat Carlos Vega in the northern provinces.",
        "The incumbent mayor easily beat her challenger on Tuesday.",
    ],
)
def test_beating_a_rival_in_a_contest_is_no_assault(run: Runner, text: str) -> None:
    assert all(e.type != "ASSAULT" for e in run(text, []))


def test_a_beating_is_an_assault(run: Runner) -> None:
    assert any(e.type == "ASSAULT" for e in run("The men beat a shopkeeper in Lahore.", []))


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("The FBI agrees with the CIA's conclusion about the hacking.", "SUPPORT"),
        ("Most economists agree that the recession is over.", "SUPPORT"),
        ("Israel and Hamas agreed that the truce would begin on Sunday.", "AGREE"),
        ("We have agreed with the Boons that they will stay until May.", "AGREE"),
        ("Iran agreed to limit its enrichment of uranium.", "AGREE"),
    ],
)
def test_agreeing_with_a_view_is_support(run: Runner, text: str, etype: str) -> None:
    assert next(e.type for e in run(text, []) if e.trigger.startswith("agree")) == etype


def test_amassing_what_is_no_force_is_no_mobilisation(run: Runner) -> None:
    assert all(e.type != "MOBILIZE" for e in run("Five boys amassed 150 charges in a month.", []))
    assert any(e.type == "MOBILIZE" for e in run("Russia amassed troops on the border.", []))


def test_a_sought_arrest_has_not_happened(run: Runner) -> None:
    text = "The reward for information leading to the arrest of a suspect was raised."
    assert all(e.status != "occurred" for e in run(text, []))
    text = "Protests in Lahore led to the arrest of 20 people."
    assert any(e.type == "COERCE" and e.status == "occurred" for e in run(text, []))


def test_negated_event(run: Runner) -> None:
    text = "Serbian troops did not attack the village."
    ev = top(run(text, [("Serbian troops", "SRB", "MIL")]))
    assert (ev.type, ev.status) == ("ASSAULT", "negated")


def test_denial_negates_the_act_and_is_not_an_event(run: Runner) -> None:
    text = "Rwanda denied attacking Congolese villages."
    evs = run(text, [("Rwanda", "RWA", None), ("Congolese villages", "COD", "CVL")])
    assert [(e.type, e.status) for e in evs] == [("ASSAULT", "negated")]


def test_refusing_a_cooperative_act_is_reject(run: Runner) -> None:
    text = "Hungary did not accept the quota plan."
    ev = top(run(text, [("Hungary", "HUN", None)]))
    assert (ev.type, ev.status) == ("REJECT", "occurred")


def test_failing_to_agree_is_reject(run: Runner) -> None:
    text = "Armenia and Azerbaijan failed to reach an agreement on the border."
    ev = top(run(text, [("Armenia", "ARM", None), ("Azerbaijan", "AZE", None)]))
    assert ev.type == "REJECT"


def test_reported_speech_codes_the_reported_act(run: Runner) -> None:
    text = "Officials in Kabul said that Taliban fighters attacked a police post."
    ev = top(run(text, [("Officials in Kabul", "AFG", "GOV"), ("Taliban fighters", "AFG", "REB"),
                        ("a police post", "AFG", "COP")]))  # fmt: skip
    assert ev.type == "ASSAULT"
    assert ev.source is not None and ev.source.name == "Taliban fighters"
    assert ev.reported_by is not None and ev.reported_by.name == "Officials in Kabul"
    assert ev.trigger == "attacked"


def test_trailing_attribution_is_the_reporter(run: Runner) -> None:
    text = "Militants shelled the airport overnight, the army said."
    ev = top(run(text, [("Militants", None, "REB"), ("the army", "LBY", "MIL")]))
    assert ev.type == "ASSAULT" and ev.mode == "heavy-weapons"
    assert ev.source is not None and ev.source.name == "Militants"
    assert ev.reported_by is not None and ev.reported_by.name == "the army"


def test_demand_is_a_request_not_the_act(run: Runner) -> None:
    text = "Bolivia demanded that Chile withdraw its navy from the bay."
    evs = run(text, [("Bolivia", "BOL", None), ("Chile", "CHL", None)])
    ev = top(evs)
    assert (ev.type, code(ev.source), code(ev.target)) == ("REQUEST", "BOL", "CHL")
    assert all(e.status != "occurred" for e in evs if e.type == "RETREAT")


def test_obligation_in_reported_speech_is_the_speakers_request(run: Runner) -> None:
    text = "The Kenyan president said Somalia must stop the raids."
    ev = top(run(text, [("The Kenyan president", "KEN", "GOV"), ("Somalia", "SOM", None)]))
    assert (ev.type, code(ev.source), code(ev.target)) == ("REQUEST", "KEN", "SOM")


def test_speech_verbs_alone_are_not_events(run: Runner) -> None:
    assert run("The minister said the weather was fine on Tuesday.", []) == []


def test_same_trigger_is_not_counted_twice(run: Runner) -> None:
    text = "Ghana and Togo signed an agreement on fishing rights."
    evs = run(text, [("Ghana", "GHA", None), ("Togo", "TGO", None)])
    assert len({(e.trigger_start, e.source.name if e.source else None) for e in evs}) == len(evs)
    # PLOVER's sentence gold codes signing (CAMEO 057) SUPPORT, but the blind coders of
    # real articles code a signed deal, lease or memorandum AGREE, and they decide the
    # product's figures (docs/evaluation.md): the signed agreement is one AGREE record.
    assert top(evs).type == "AGREE"


def test_stopping_cooperation_is_a_sanction(run: Runner) -> None:
    text = "Denmark suspended aid to Tanzania."
    ev = top(run(text, [("Denmark", "DNK", None), ("Tanzania", "TZA", None)]))
    assert (ev.type, code(ev.source), code(ev.target)) == ("SANCTION", "DNK", "TZA")


def test_context_and_mode_from_cue_words(run: Runner) -> None:
    ev = top(run("Government warplanes bombed rebel positions near the dam.",
                 [("Government warplanes", "SDN", "MIL")]))  # fmt: skip
    assert ev.type == "ASSAULT" and ev.mode == "aerial" and ev.cameo == "19"
    assert "military" in (ev.context or "")
    ev = top(run("Brazil and Argentina discussed trade tariffs.",
                 [("Brazil", "BRA", None), ("Argentina", "ARG", None)]))  # fmt: skip
    assert ev.type == "CONSULT" and "economic" in (ev.context or "")


def test_confidence_ranks_main_event_above_embedded(run: Runner) -> None:
    text = "Greece urged Turkey to release the detained journalists."
    evs = run(text, [("Greece", "GRC", None), ("Turkey", "TUR", None)])
    by_type = {e.type: e for e in evs}
    assert by_type["REQUEST"].confidence > by_type["CONCEDE"].confidence
    assert by_type["CONCEDE"].status == "hypothetical"


def test_without_actors_events_still_coded_with_null_source(run: Runner) -> None:
    ev = top(run("Troops opened fire on the crowd.", []))
    assert ev.type == "ASSAULT" and ev.mode == "firearms" and ev.source is None


def test_lexicon_rows_are_valid() -> None:
    index = trigger_index()
    types = {t.type for rows in index.values() for t in rows}
    assert types == set(PLOVER_TYPES)
    assert all(0 < t.weight <= 1 for rows in index.values() for t in rows)


def test_every_type_has_a_cameo_root() -> None:
    assert set(CAMEO_ROOT) == set(PLOVER_TYPES)
    assert cameo_root("ACCUSE", "investigate", "probe", None) == "09"
    assert cameo_root("ASSAULT", "assassinate", "assassinate", None) == "18"
    assert cameo_root("REQUEST", None, "demand", None) == "10"


def test_with_the_real_actors_stage(nlp_model: Language, config: Config) -> None:
    text = "Egypt rejected the proposal on Monday, officials in Cairo said."
    doc = nlp_model(text)
    evs = events.find_events(
        doc, actors.find_actors(doc, get_resources(config)), get_resources(config)
    )
    assert top(evs).type == "REJECT"


def test_a_warning_without_a_threatened_act_is_a_statement(run: Runner) -> None:
    evs = run("The minister warned that the winter would be hard.", [])
    assert all(e.type != "THREATEN" for e in evs)
    ev = top(run("Kenya warned that it would attack the camps.", [("Kenya", "KEN", None)]))
    assert ev.type == "THREATEN" and code(ev.source) == "KEN"


def test_deployed_troops_are_not_the_target(run: Runner) -> None:
    text = "Chad deployed troops to Niger."
    mentions: Mentions = [("Chad", "TCD", None), ("troops", "TCD", "MIL"), ("Niger", "NER", None)]
    ev = top(run(text, mentions))
    assert (ev.type, code(ev.source), code(ev.target)) == ("MOBILIZE", "TCD", "NER")


def test_compound_classifier_is_not_a_trigger(run: Runner) -> None:
    evs = run("Aid agencies appealed for funds.", [])
    assert all(e.trigger.lower() != "aid" for e in evs)
    assert top(evs).type == "REQUEST"


def test_subject_nearest_the_verb_after_a_dateline(run: Runner) -> None:
    text = "NAIROBI, Kenya — Somali President Ali Farah arrived in Kenya on Monday."
    mentions: Mentions = [("NAIROBI", "KEN", None), ("Kenya", "KEN", None),
                ("Somali President Ali Farah", "SOM", "GOV")]  # fmt: skip
    ev = top(run(text, mentions))
    assert code(ev.source) == "SOM"


def test_mode_cues_come_from_the_events_own_clause(run: Runner) -> None:
    text = "Rebels attacked the base on Monday, and jets bombed the town."
    evs = {e.trigger: e for e in run(text, [("Rebels", "MLI", "REB")])}
    assert evs["attacked"].mode != "aerial"
    assert evs["bombed"].mode == "aerial"


def test_denying_that_an_agreement_exists_is_not_a_rejection(run: Runner) -> None:
    text = "Officials in Lagos denied that an agreement had been reached with the union."
    evs = run(text, [("Officials in Lagos", "NGA", "GOV")])
    assert all(e.type != "REJECT" for e in evs)
    assert any(e.type == "AGREE" and e.status == "negated" for e in evs)


def test_a_preposition_far_from_the_verb_does_not_make_a_phrase(run: Runner) -> None:
    text = "Police were called to the old market in the town on Monday."
    assert all(e.type != "REQUEST" for e in run(text, [("Police", None, "COP")]))


def test_labour_strikes(run: Runner) -> None:
    ev = top(run("Dock workers in Lagos went on strike over unpaid wages.",
                 [("Dock workers in Lagos", "NGA", "LAB")]))  # fmt: skip
    assert (ev.type, code(ev.source)) == ("PROTEST", "NGA")
    ev = top(run("The teachers' union called off the strike after talks with the ministry.",
                 [("The teachers' union", "KEN", "LAB")]))  # fmt: skip
    assert ev.type == "CONCEDE"


def test_empty_and_junk_input(nlp_model: Language, config: Config) -> None:
    assert events.find_events(nlp_model(""), [], get_resources(config)) == []
    evs = events.find_events(nlp_model("\x00 ### ;;; %% \n\n ..."), [], get_resources(config))
    assert evs == []


def test_threat_target_is_who_the_condition_is_put_to(run: Runner) -> None:
    text = "Chile threatened to halt gas exports unless Bolivia paid its debts."
    ev = top(run(text, [("Chile", "CHL", None), ("Bolivia", "BOL", None)]))
    assert (ev.type, code(ev.source), code(ev.target)) == ("THREATEN", "CHL", "BOL")


def test_target_inside_the_object_phrase(run: Runner) -> None:
    text = "Ghana rejected an offer from Togo."
    ev = top(run(text, [("Ghana", "GHA", None), ("Togo", "TGO", None)]))
    assert (ev.type, code(ev.source), code(ev.target)) == ("REJECT", "GHA", "TGO")


def test_accidental_deaths_are_not_assaults(run: Runner) -> None:
    assert all(e.type != "ASSAULT" for e in run("Two farmers were killed in a bus crash.", []))
    ev = top(run("Two farmers were killed in an ambush by bandits.", []))
    assert ev.type == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "A four-car collision critically injured a woman on Main Street.",
        "The storm killed five people in Kansas.",
        "A 72-year-old man died of an apparent heart attack on Saturday.",
    ],
)
def test_harm_by_accident_disaster_or_illness_is_no_assault(run: Runner, text: str) -> None:
    assert all(e.type != "ASSAULT" for e in run(text, []))


def test_who_is_called_on_to_act_is_the_target_of_the_appeal(run: Runner) -> None:
    ev = top(run("The rights group called for the government to protect the girl.",
                 [("The rights group", "TUN", "NGO"), ("the government", "TUN", "GOV"),
                  ("the girl", "TUN", "CVL")]))  # fmt: skip
    assert ev.type == "REQUEST"
    assert ev.target is not None and ev.target.text == "the government"
