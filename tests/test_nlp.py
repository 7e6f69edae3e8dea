"""The NLP stage: sentence boundaries at paragraph and line breaks, texts over the parser's
length limit, and runs of characters without spaces."""

from __future__ import annotations

import itertools
import random
import re

import pytest
from spacy.tokens import Doc

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


# --- inputs longer than the parser takes, and runs of characters without spaces ---


def test_split_text_cuts_after_line_breaks_and_keeps_every_character() -> None:
    text = "First paragraph here.\n\nSecond one, a bit longer.\nThird.\n" * 20
    parts = nlp.split_text(text, 100)
    assert "".join(parts) == text
    assert all(len(p) <= 100 for p in parts)
    # Every cut ends a line and its following whitespace: the next part starts a word.
    assert all(p.endswith("\n") and not q[0].isspace() for p, q in itertools.pairwise(parts))
    unbroken = "x" * 250
    assert nlp.split_text(unbroken, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_text_over_the_parser_limit_is_parsed_in_parts_with_exact_offsets(
    nlp_model, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraph = ("Rebels attacked an army base near Goma on Monday, the army said. "
                 "Kenya condemned the attack.\n\n")
    long_text = paragraph * 40  # about 3,800 characters
    short_text = "Police arrested 12 protesters in Nairobi."
    monkeypatch.setattr(nlp_model, "max_length", 1_000)
    with pytest.raises(ValueError, match="E088"):
        nlp_model(long_text)  # what nlp.pipe did with such a text
    short_doc, long_doc = nlp.parse_texts(nlp_model, [short_text, long_text], batch_size=4)
    assert short_doc.text == short_text and long_doc.text == long_text
    sentences = nlp.sentences_of(long_doc)
    assert len(sentences) == 80
    assert all(long_text[s.start:s.end].strip().endswith(".") for s in sentences)
    entities = nlp.entities_of(long_doc)
    assert sum(e.text == "Goma" for e in entities) == 40
    assert all(long_text[e.start:e.end] == e.text for e in entities)


def test_text_over_the_real_parser_limit_parses(nlp_model) -> None:
    text = "Rebels attacked Goma.\n" + " " * (nlp.MAX_TEXT_CHARS + 10) + "\nThe army said so."
    (doc,) = nlp.parse_texts(nlp_model, [text], batch_size=1)
    assert doc.text == text
    words = [t.text for t in doc if not t.is_space]
    assert words == ["Rebels", "attacked", "Goma", ".", "The", "army", "said", "so", "."]
    assert [s.text.strip() for s in doc.sents if s.text.strip()][-1] == "The army said so."


@pytest.mark.parametrize("run", ["(" * 20_000, '"' * 100_000, "\U0001f600" * 100_000,
                                 "()" * 50_000, "x" * 100_000])
def test_runs_without_spaces_tokenize_in_linear_time(nlp_model, run: str) -> None:
    text = f"Talks resumed in Doha. {run} The army said."
    doc = nlp_model.tokenizer(text)
    assert doc.text == text
    # The run is cut into a few long pieces (what makes its cost linear: spaCy's own
    # tokenizer took minutes on the first four, one token per character).
    assert len(doc) < 2_000
    assert [t.text for t in doc[:5]] == ["Talks", "resumed", "in", "Doha", "."]
    assert [t.text for t in doc[-4:]] == ["The", "army", "said", "."]


def test_tokens_outside_long_runs_are_the_tokenizers_own(nlp_model) -> None:
    tokenizer = nlp_model.tokenizer
    rng = random.Random(16)
    words = ["Goma", "(", ")", '"', ".", ",", "don't", "U.S.", "\U0001f600", "-", "'s",
             "http://example.org/a?b=1", " ", " ", "  ", "\n", "\n\n", "\t"]
    runs = ["(" * 300, '"' * 250, "ab" * 150, "=" * 201]
    for _ in range(200):
        pieces = [rng.choice(words) for _ in range(rng.randint(0, 30))]
        for _ in range(rng.randint(1, 3)):
            pieces.insert(rng.randint(0, len(pieces)), rng.choice([" ", "\n", ""]) +
                          rng.choice(runs) + rng.choice([" ", "  ", "\n", "", ")"]))
        text = "".join(pieces)
        doc = tokenizer(text)
        assert doc.text == text
        spans = [m.span() for m in re.finditer(r"\S{201,}", text)]

        def outside(d: Doc, spans: list[tuple[int, int]] = spans) -> list[tuple[int, str, str]]:
            return [(t.idx, t.text, t.whitespace_) for t in d
                    if not any(s <= t.idx < e for s, e in spans)]

        assert outside(doc) == outside(tokenizer.inner(text)), text
        assert all(len(t) <= nlp.RUN_PIECE_CHARS for t in doc
                   if any(s <= t.idx < e for s, e in spans))


def test_normal_text_is_tokenized_by_spacy_unchanged(nlp_model) -> None:
    text = 'The envoy said talks were "going well" (see https://example.org/a/b).\n\nNext.'
    doc, plain = nlp_model.tokenizer(text), nlp_model.tokenizer.inner(text)
    assert [(t.text, t.whitespace_) for t in doc] == [(t.text, t.whitespace_) for t in plain]


LOOKUP_TEXT = (
    "Foreign ministers from France and Germany met in Geneva on Monday. Ashton Carter "
    "said the talks went well.\n\nPolice arrested 12 protesters in Nairobi on Tuesday. "
    "Carter later visited Erbil, where Massoud Barzani welcomed him."
)


def test_sentence_index_gives_spacys_sentences(nlp_model) -> None:
    plain = nlp_model(LOOKUP_TEXT)
    indexed = nlp_model(LOOKUP_TEXT)
    nlp.index_sentences(indexed)
    assert "sent" in indexed.user_span_hooks
    for a, b in zip(plain, indexed, strict=True):
        assert (a.sent.start, a.sent.end) == (b.sent.start, b.sent.end)
    for ent_a, ent_b in zip(plain.ents, indexed.ents, strict=True):
        assert (ent_a.sent.start, ent_a.sent.end) == (ent_b.sent.start, ent_b.sent.end)


def test_entity_lookups_agree_with_doc_ents(nlp_model) -> None:
    doc = nlp_model(LOOKUP_TEXT)
    assert nlp.doc_text(doc) == doc.text == LOOKUP_TEXT
    for tok in doc:
        expected = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        found = nlp.entity_at(doc, tok.i)
        if expected is None:
            assert found is None
        else:
            assert found is not None
            assert (found.start, found.end, found.label_) == (
                expected.start, expected.end, expected.label_)
    for sent in doc.sents:
        assert [(e.start, e.end, e.label_) for e in nlp.entities_in(sent)] == [
            (e.start, e.end, e.label_) for e in sent.ents]


def test_a_wire_dateline_is_kept_apart_from_the_lead() -> None:
    from eventlens.config import Config
    from eventlens.pipeline import extract
    from eventlens.resources import get_resources

    text = ("Truce agreed in Jeddah\n\nJEDDAH, Saudi Arabia (Wire) - Sudan's army and the "
            "paramilitary Rapid Support Forces agreed on Saturday to a ceasefire.")
    doc = get_resources(Config()).nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert "JEDDAH, Saudi Arabia (Wire) -" in sents  # the city is no subject of "agreed"
    agree = [e for e in extract(text, "2023-05-21", is_html=False).events
             if e.type == "AGREE"]
    assert agree and agree[0].source is not None and agree[0].target is not None
    assert {agree[0].source.country, agree[0].target.country} == {"SDN"}
    # No dateline, no split: a capitalised opening word is no dateline without its dash.
    plain = get_resources(Config()).nlp("NATO said on Monday it would send more troops.")
    assert len(list(plain.sents)) == 1
