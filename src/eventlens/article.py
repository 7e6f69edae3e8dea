"""Article stage: turn raw HTML or scraped text into an Article record.

(First version; the article-extraction work replaces the internals.)
"""

from __future__ import annotations

from eventlens.config import Config
from eventlens.records import Article


def looks_like_html(raw: str) -> bool:
    """Guess whether ``raw`` is an HTML document rather than plain text."""
    head = raw[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head or "<p>" in head


def extract_article(
    raw: str,
    config: Config,
    *,
    is_html: bool | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """Extract title, standfirst, byline, date, body and captions from one input."""
    return Article(title=title, published=published, url=url, text=raw.strip())
