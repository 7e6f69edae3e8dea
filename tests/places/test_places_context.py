"""Places ranking with document context: country focus, county containment, text cues,
candidate back-offs and the focus back-off. Texts written for these tests."""

from __future__ import annotations

import re

import pytest

from eventlens.config import Config
from eventlens.places.backoff import backoff_candidates
from eventlens.places.cues import cue_spans, register_country
from eventlens.places.gazetteer import Gazetteer
from eventlens.places.stage import resolve_spans
from eventlens.records import Place
from eventlens.resources import get_resources

pytestmark = pytest.mark.usefixtures("gazetteer")


def _resolve(config: Config, text: str, names: list[str], **kw: bool) -> dict[str, Place]:
    """Resolve every occurrence of ``names`` in ``text``; the first Place per surface."""
    spans = sorted(
        (m.start(), m.end()) for n in names for m in re.finditer(re.escape(n) + r"\b", text)
    )
    out: dict[str, Place] = {}
    for p in resolve_spans(text, spans, get_resources(config), **kw):
        out.setdefault(p.text, p)
    return out


def test_country_mentions_do_not_pull_a_famous_city_to_a_small_namesake(config: Config) -> None:
    # Aid story: the US and Japan are donors, the conference is in Switzerland.
    text = (
        "Relief groups working in Bangladesh asked for more money this week. The United "
        "States and Japan pledged funds at a donor meeting in Geneva, and a United States "
        "envoy later flew to Dhaka."
    )
    found = _resolve(config, text, ["Bangladesh", "United States", "Japan", "Geneva", "Dhaka"])
    assert found["Geneva"].country == "CHE"
    assert found["Dhaka"].country == "BGD"


def test_country_only_context_keeps_the_populous_reading(config: Config) -> None:
    text = (
        "The United States will send a delegation to Geneva for the talks, officials "
        "said. The United States has not named its lead negotiator."
    )
    assert _resolve(config, text, ["United States", "Geneva"])["Geneva"].country == "CHE"


def test_local_context_still_wins_for_a_small_town(config: Config) -> None:
    text = (
        "The Geneva city council approved its budget on Tuesday. Aldermen from Batavia "
        "and St. Charles attended, and Kane County officials spoke about road repairs."
    )
    found = _resolve(config, text, ["Geneva", "Batavia", "St. Charles", "Kane County"])
    assert (found["Geneva"].country, found["Geneva"].admin1) == ("USA", "Illinois")


@pytest.mark.parametrize(
    ("county", "state"), [("Sangamon County", "Illinois"), ("Greene County", "Missouri")]
)
def test_a_named_county_picks_the_town_inside_it(config: Config, county: str, state: str) -> None:
    text = f"Deputies from {county} searched a farm outside Springfield on Friday."
    found = _resolve(config, text, [county, "Springfield"])
    assert found["Springfield"].admin1 == state
    assert found[county].admin1 == state


def test_state_named_elsewhere_in_the_text_is_context(config: Config) -> None:
    # Only "Richmond" is given; "Kentucky" in the text (not a given span) is a cue.
    text = (
        "Richmond firefighters put out a barn fire on Sunday. The owner said the barn "
        "had stood since before Kentucky joined the Union."
    )
    spans = [(0, len("Richmond"))]
    (place,) = resolve_spans(text, spans, get_resources(config))
    assert place.admin1 == "Kentucky"


def test_demonym_and_feature_backoffs(gazetteer: Gazetteer) -> None:
    def lookup(name: str):  # type: ignore[no-untyped-def]
        return gazetteer.candidates(name, allow_loose=False)

    assert any(
        c.feature == "A.ADM1" and c.name == "Florida"
        for c in backoff_candidates(lookup, "Floridians")
    )
    assert any(
        c.feature == "A.PCLI" and c.country == "KEN" for c in backoff_candidates(lookup, "Kenyans")
    )
    assert any(c.admin1 == "Ohio" for c in backoff_candidates(lookup, "Zanesville Township"))
    assert all(c.loose_match for c in backoff_candidates(lookup, "Kenyans"))
    assert any(c.country == "KEN" for c in backoff_candidates(lookup, "Nairobi National Museum"))
    assert any(
        c.admin1 == "Colorado" for c in backoff_candidates(lookup, "Denver International Airport")
    )
    # A feature named after a state is not in it, and junk finds nothing.
    assert not backoff_candidates(lookup, "Vermont Colony Lake")
    assert not backoff_candidates(lookup, "Qxzvw")


def test_backoff_gives_unknown_names_the_focus_point(config: Config) -> None:
    text = (
        "Volunteers from Zorbletown joined crews in Peoria and Bloomington, Illinois, "
        "to clear storm damage."
    )
    names = ["Zorbletown", "Peoria", "Bloomington"]
    strict = _resolve(config, text, names)
    assert strict["Zorbletown"].lat is None
    loose = _resolve(config, text, names, backoff=True)
    zorb = loose["Zorbletown"]
    assert zorb.lat is not None and zorb.lon is not None
    assert (zorb.country, zorb.admin1) == ("USA", "Illinois")
    assert zorb.name is None and zorb.geonameid is None and zorb.feature is None
    assert abs(zorb.lat - loose["Peoria"].lat) < 2  # type: ignore[operator]


def test_backoff_with_nothing_resolved_stays_null(config: Config) -> None:
    (place,) = resolve_spans("Zorbletown is quiet.", [(0, 10)], get_resources(config), backoff=True)
    assert place.lat is None and place.lon is None


def test_cue_spans_find_areas_and_skip_generic_words(gazetteer: Gazetteer) -> None:
    text = (
        "Miss Daisy told Kenyan reporters that the South had changed. Ohio farmers "
        "agreed at a meeting in Springfield."
    )
    cues = {text[s:e]: cands for s, e, cands in cue_spans(gazetteer, text, [(97, 108)])}
    assert {c.country for c in cues["Kenyan"]} == {"KEN"}
    assert any(c.admin1 == "Ohio" for c in cues["Ohio"])
    assert "South" not in cues and "Miss" not in cues and "Miss Daisy" not in cues
    assert "Springfield" not in cues  # a town, and a given span


def test_cues_skip_person_and_event_names(gazetteer: Gazetteer) -> None:
    text = "Chad Miller won the Kentucky Derby. The American Legion thanked Jordan."
    cues = {text[s:e] for s, e, _ in cue_spans(gazetteer, text, [])}
    assert "Chad" not in cues and "Kentucky" not in cues
    assert "American" in cues


def test_a_repeated_name_is_no_evidence_for_its_own_reading() -> None:
    # Local news: "Dublin" five times and one Ohio suburb. Whatever the repeats were read
    # as in the first pass, they do not vote for that reading: only Hilliard counts.
    from eventlens.places.gazetteer import Candidate
    from eventlens.places.mention import Mention
    from eventlens.places.ranking import _focus, context_score

    def cand(name: str, lat: float, lon: float, cc: str, a1: str) -> Candidate:
        return Candidate(0, None, name, lat, lon, cc, a1, None, "P.PPL", 40_000, 0)

    irl = cand("Dublin", 53.35, -6.26, "IRL", "Leinster")
    ohio = cand("Dublin", 40.10, -83.11, "USA", "Ohio")
    dublins = [Mention(i * 10, i * 10 + 6, "Dublin", (irl, ohio), choice=irl) for i in range(5)]
    town = cand("Hilliard", 40.03, -83.16, "USA", "Ohio")
    hilliard = Mention(60, 68, "Hilliard", (), choice=town)
    focus = _focus([*dublins, hilliard])
    # (Other mentions of the name still count as neighbours on the map: W_NEAR.)
    assert context_score(dublins[0], ohio, focus) - context_score(dublins[0], irl, focus) > 2.0


def test_one_uncertain_name_does_not_flip_a_region() -> None:
    # "A Queensland Amber Alert ... taken in Edmonton": a lone other name votes as half the
    # document (one pseudo-name of no country), so an Australian state of ten million is
    # not read as a hamlet of Alberta because "Edmonton" could be the Canadian city.
    from eventlens.places.gazetteer import Candidate
    from eventlens.places.mention import Mention
    from eventlens.places.ranking import _focus, context_score

    state = Candidate(0, None, "Queensland", -22.0, 144.0, "AUS", "Queensland", None,
                      "A.ADM1", 9_500_000, 0)
    hamlet = Candidate(0, None, "Queensland", 50.9, -113.1, "CAN", "Alberta", None, "P.PPL",
                       4_585, 0)
    city = Candidate(0, None, "Edmonton", 53.55, -113.47, "CAN", "Alberta", None, "P.PPL",
                     1_000_000, 0)
    queensland = Mention(2, 12, "Queensland", (state, hamlet), choice=state)
    edmonton = Mention(96, 104, "Edmonton", (city,), choice=city)
    focus = _focus([queensland, edmonton])
    gap = context_score(queensland, hamlet, focus) - context_score(queensland, state, focus)
    # Full agreement of the other names is worth W_COUNTRY + W_ADMIN1 = 4.5 (+ W_NEAR).
    assert gap < 3.5


def test_an_area_opening_a_public_body_is_a_cue(gazetteer: Gazetteer) -> None:
    text = (
        "Developers appealed to the Ontario Municipal Board. The Georgia Bureau of "
        "Investigation took the case. Fans watched the Kentucky Derby."
    )
    cues = {text[s:e]: cands for s, e, cands in cue_spans(gazetteer, text, [])}
    assert any(c.admin1 == "Ontario" for c in cues["Ontario"])
    assert any(c.country == "USA" for c in cues["Georgia"])
    assert "Kentucky" not in cues  # a race, not a public body


def test_a_town_naming_a_local_body_is_a_cue(gazetteer: Gazetteer) -> None:
    text = "The Athens Police Department arrested a man. He was held in Henderson County."
    cues = {text[s:e]: cands for s, e, cands in cue_spans(gazetteer, text, [(62, 78)])}
    assert {c.admin1 for c in cues["Athens"]} >= {"Texas", "Georgia"}
    assert all(c.feature.startswith("P.") for c in cues["Athens"])


def test_the_town_of_a_local_body_picks_the_county(config: Config) -> None:
    text = "The Athens Police Department arrested a man. He was held in Henderson County."
    (place,) = resolve_spans(text, [(60, 76)], get_resources(config))
    assert (place.country, place.admin1) == ("USA", "Texas")  # Athens is its seat


def test_a_story_in_us_register_reads_a_bare_homonym_as_american(config: Config) -> None:
    us = "A grand jury in Athens indicted the former mayor on Monday, Sen. John Carter said."
    plain = "Police in Athens arrested the former mayor on Monday, the minister said."
    assert _resolve(config, us, ["Athens"])["Athens"].country == "USA"
    assert _resolve(config, plain, ["Athens"])["Athens"].country == "GRC"


def test_a_country_name_keeps_its_country_in_a_us_register_story(config: Config) -> None:
    text = "A grand jury indicted two men who had crossed from Mexico, Sen. John Carter said."
    assert _resolve(config, text, ["Mexico"])["Mexico"].country == "MEX"


def test_register_country_needs_an_unrivalled_lead() -> None:
    assert register_country("The Sheriff's Office and the Highway Patrol said.") == "USA"
    assert register_country("RCMP officers and provincial police searched.") == "CAN"
    assert register_country("The RCMP and the Highway Patrol said.") is None  # a tie
    assert register_country("Police said on Monday.") is None
    assert register_country("Call police at 519-661-5670.") == "CAN"  # an Ontario area code
    assert register_country("Call police at (304) 766-3413.") == "USA"
    assert register_country("Call Crime Stoppers at 1-800-222-8477.") is None  # toll-free
    assert register_country("He appeared at Lancaster Crown Court on Friday.") == "GBR"
    assert register_country("Veterans marked D-Day at the harbour.") is None  # no party tag
    assert register_country("The XMPP server went down.") is None  # no MPP


def test_a_us_register_story_keeps_a_city_of_a_country_it_names(config: Config) -> None:
    text = "Sen. John Carter said Russia had detained two Americans in St. Petersburg."
    assert _resolve(config, text, ["Russia", "St. Petersburg"])["St. Petersburg"].country == "RUS"


def test_a_county_opening_a_body_s_name_is_context(config: Config) -> None:
    text = "A Merrimack County Superior Court judge barred the developer from his Concord sites."
    found = _resolve(config, text, ["Concord"])["Concord"]
    assert (found.country, found.admin1) == ("USA", "New Hampshire")
