"""Place-name folding: the keys under which gazetteer names are stored and looked up.

Two keys per name:

- ``fold``: case, diacritics, apostrophes, hyphens and punctuation removed, common
  generic words abbreviated ("Saint" -> "st"), so "Sant'Angelo", "Sant Angelo" and
  "SANT-ANGELO" meet.
- ``loose``: ``fold`` plus transliteration variants of Arabic (and similar) names:
  a leading article (al-/ar-/as-/el-/...) dropped, q/k and ck/k merged, final -ah/-eh
  as -a, ou as u, doubled letters single, spaces dropped. "Ar Raqqah", "Raqqa" and
  "Rakka" all give ``raka``. Used only when the plain key finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from eventlens.places.lexicon import GENERIC_ABBREVIATIONS, NAME_ARTICLES

# Letters NFKD does not decompose into a base letter plus a mark.
_TRANSLATE = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "ð": "d",
        "ß": "ss",
        "&": " and ",
    }
)
# Apostrophes and ayn/hamza marks vanish ("Sana'a" -> "sanaa", "Ma'rib" -> "marib").
_QUOTES = re.compile(r"[\u2018\u2019\u201b'`\u02bc\u02bb\u02bf\u02be\u00b4]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
# Applied in order to the space-free form.
_LOOSE_RULES = (
    (re.compile(r"ck"), "k"),
    (re.compile(r"q"), "k"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"(?:iyyah|iyah|iyya)$"), "iya"),
    (re.compile(r"(?:ah|eh)$"), "a"),
    (re.compile(r"([a-z])\1+"), r"\1"),
)


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Return the case-, accent- and punctuation-folded key of a place name."""
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLATE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _QUOTES.sub("", text)
    words = [GENERIC_ABBREVIATIONS.get(w, w) for w in _SEPARATORS.split(text)]
    return " ".join(w for w in words if w)


@lru_cache(maxsize=200_000)
def loose(name: str) -> str:
    """Return the transliteration-tolerant key of a place name (see module doc)."""
    words = fold(name).split()
    while len(words) > 1 and words[0] in NAME_ARTICLES:
        words = words[1:]
    text = "".join(words)
    for pattern, repl in _LOOSE_RULES:
        text = pattern.sub(repl, text)
    return text


def is_latin_key(key: str) -> bool:
    """True when a folded key is usable for English text (Latin letters, 2+ chars)."""
    return len(key) >= 2 and any(ch.isalpha() for ch in key) and key.isascii()


# The end of a headline that precedes the body in scraped text ("Man held. CROMWELL —").
_HEADLINE_END = re.compile(r"[.!?]\s+|\n\s*")
HEADLINE_REACH = 200  # characters within which a headline ends


def dateline_starts(text: str) -> list[int]:
    """Where a wire dateline may open the body: the start of the text, and just after a
    headline ending within ``HEADLINE_REACH`` characters."""
    starts = [0]
    m = _HEADLINE_END.search(text, 0, HEADLINE_REACH)
    if m is not None:
        starts.append(m.end())
    return starts
