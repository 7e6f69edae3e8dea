"""Names of unnamed actor phrases.

Rule: a collective actor with a known country is named by country plus sector word
("Iraq military", built by ``actors.coding.generic_name``); without a country it keeps
its own informative words ("West African leaders", "defence ministers"), never a bare
role noun taken from the dictionary.
"""

from __future__ import annotations

from spacy.tokens import Token


def doc_text(h: Token, left: int, right: int) -> str:
    """Text of ``h.doc[left:right]`` without a leading determiner or number."""
    words = [t for t in h.doc[left:right] if t.dep_ not in ("det", "nummod", "quantmod")]
    return " ".join(t.text for t in words) if words else h.text


QUANTITY_WORDS = frozenset({"many", "some", "several", "few", "other", "various", "all"})


def phrase_name(h: Token, left: int, right: int) -> str:
    """The informative name of a generic phrase: its words without determiner or number,
    a sentence-initial common word lower-cased ("Aid agencies" -> "aid agencies")."""
    words = [t for t in h.doc[left:right] if t.dep_ not in ("det", "nummod", "quantmod")]
    words = [t for t in words if t.tag_ not in ("JJR", "JJS") and t.lower_ not in QUANTITY_WORDS]
    own = [t for t in words if t.tag_ != "PRP$"]  # "their defence chiefs" -> "defence chiefs"
    words = own if len(own) > 1 else words  # but "its leaders" keeps its (unresolved) owner
    if not words:
        return h.text.lower() if h.pos_ != "PROPN" else h.text
    texts = [t.text for t in words]
    first = words[0]
    if first.is_sent_start and first.pos_ == "NOUN" and not first.ent_type_ and first.is_title:
        texts[0] = first.text.lower()
    return " ".join(texts)
