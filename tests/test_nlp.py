"""The NLP stage's sentence boundaries at paragraph and line breaks."""

from __future__ import annotations

from eventlens import nlp
from eventlens.config import Config


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in nlp.load_model(Config().spacy_model)(text).sents]


def test_a_paragraph_ending_in_a_closing_quote_is_not_joined_to_the_next(nlp_model) -> None:
    text = 'The envoy said talks were "going well."\n\nOn Friday, rebels shelled the airport.'
    assert _sentences(text) == [
        'The envoy said talks were "going well."',
        "On Friday, rebels shelled the airport.",
    ]


def test_every_line_starts_a_sentence(nlp_model) -> None:
    text = "Ministers meet in Oslo\nThe talks open on Monday morning with a closed session."
    assert _sentences(text) == [
        "Ministers meet in Oslo",
        "The talks open on Monday morning with a closed session.",
    ]


def test_the_boundary_component_runs_before_the_parser(nlp_model) -> None:
    names = nlp.load_model(Config().spacy_model).pipe_names
    assert names.index(nlp.PARAGRAPH_BOUNDARIES) < names.index("parser")


def test_a_dateline_dash_ends_a_date_entity(nlp_model) -> None:
    doc = nlp_model("LIMA, June 3 - Chilean Defence Minister Rosa Vidal arrived in Lima on Monday.")
    dates = [e.text for e in doc.ents if e.label_ == "DATE"]
    assert "June 3" in dates
    assert not any("-" in text or "Chilean" in text for text in dates)


def test_dash_inside_a_word_does_not_split_an_entity(nlp_model) -> None:
    doc = nlp.load_model(Config().spacy_model)(
        "The Asia-Pacific Economic Cooperation forum met in Tokyo."
    )
    assert any("Asia-Pacific" in e.text for e in doc.ents)
