"""PLOVER contexts and modes of an event from cue words in its sentence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacy.tokens import Span, Token

from eventlens.events.lexicon import MODE_CUES
from eventlens.events.triggers import context_cues

# Context used when the sentence has no cue word.
DEFAULT_CONTEXT = {
    "ASSAULT": "military",
    "MOBILIZE": "military",
    "RETREAT": "military",
    "CONSULT": "diplomatic",
    "AGREE": "diplomatic",
    "SUPPORT": "diplomatic",
    "PROTEST": "political",
    "COERCE": "legal",
}
MIN_CONTEXT_SCORE = 0.6
MAX_CONTEXTS = 2


def _sentence_words(sent: Span) -> list[str]:
    words = []
    for tok in sent:
        if tok.is_alpha:
            words.append(tok.lower_)
            lemma = tok.lemma_.lower()
            if lemma != tok.lower_:
                words.append(lemma)
    return words


def event_context(sent: Span, event_type: str) -> str | None:
    """Return one or two PLOVER contexts ("military, diplomatic") cued by the sentence."""
    cues = context_cues()
    lowers = [t.lower_ for t in sent]
    scores: dict[str, float] = defaultdict(float)
    seen: set[str] = set()
    candidates = _sentence_words(sent) + [
        f"{a} {b}" for a, b in zip(lowers, lowers[1:], strict=False)
    ]
    for word in candidates:
        if word in seen or word not in cues:
            continue
        seen.add(word)
        for context, weight in cues[word]:
            scores[context] += weight
    ranked = sorted(
        (c for c, s in scores.items() if s >= MIN_CONTEXT_SCORE), key=lambda c: -scores[c]
    )
    if not ranked:
        return DEFAULT_CONTEXT.get(event_type)
    return ", ".join(ranked[:MAX_CONTEXTS])


def refine_mode(event_type: str, mode: str | None, clause: Iterable[Token]) -> str | None:
    """Keep the trigger's own mode, else infer one from cue words in the event's clause."""
    if event_type not in MODE_CUES:
        return mode
    words = {w for t in clause for w in (t.lower_, t.lemma_.lower())}
    aerial = MODE_CUES["ASSAULT"][1][1]
    if mode in (None, "explosives") and event_type == "ASSAULT" and words & aerial:
        return "aerial"  # bombs dropped from aircraft
    if mode is not None:
        return mode
    for cue_mode, cue_words in MODE_CUES[event_type]:
        if words & cue_words:
            return cue_mode
    return None
