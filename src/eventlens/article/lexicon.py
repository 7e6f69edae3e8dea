"""Word lists of the article stage, apart from the line features that use them."""

from __future__ import annotations

# Three-letter month forms -> month number, for date lines ("Published 3 Mar 2024").
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Share-widget words: a short line made mostly of them is furniture ("Facebook Twitter Email").
SOCIAL_WORDS = frozenset(
    "facebook twitter x whatsapp email e-mail linkedin reddit pinterest telegram print copy "
    "link share messenger bluesky threads instagram youtube tiktok flipboard".split()
)

# Class, id or itemprop words of the element holding a page's standfirst, matched as
# substrings ("dek " keeps its trailing space: the class word must end there).
STANDFIRST_CLASSES = (
    "standfirst",
    "subtitle",
    "subheadline",
    "sub-headline",
    "strapline",
    "dek ",
    "deck",
    "article-summary",
    "article__summary",
    "lead-in",
    "intro",
)

# Words a headline never ends with: a line ending in one is a sentence cut by a line wrap.
OPEN_ENDINGS = frozenset(
    "the a an of to in on at by for with from and or but that as into than".split()
)
