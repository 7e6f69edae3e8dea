"""Article stage: turn raw HTML or scraped text into an Article record.

HTML goes to ``article.html`` (trafilatura + htmldate), text to ``article.text``
(line features). Either way the body is plain text with paragraphs separated by
blank lines, and the standfirst and photo captions are kept out of it.
"""

from __future__ import annotations

import re
from datetime import date

from eventlens.article.html import extract_html
from eventlens.article.lines import find_date
from eventlens.article.text import TextArticle, extract_text
from eventlens.records import Article

_TAG = re.compile(
    r"<\s*/?\s*(?:html|head|body|p|div|span|a|br|h[1-6]|article|section|meta|title|script|style"
    r"|li|ul|ol|table|tr|td|img|figure|figcaption|header|footer|nav|main|link|time|em|strong|b|i)"
    r"\b[^<>]{0,500}>",
    re.I,
)
_DOC_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
# Lone surrogates (from JSON escapes or surrogateescape decoding) break every UTF-8 consumer.
_SURROGATE = re.compile("[\ud800-\udfff]")
# An ISO date, optionally with a time; public: the input readers accept only this form.
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z]*)?\s*$")


def looks_like_html(raw: str) -> bool:
    """Guess whether ``raw`` is HTML (a page or a fragment) rather than plain text.

    A document start (doctype, ``<html>``) decides at once; otherwise the text must
    start with a known tag or hold several of them, so prose that mentions one
    ``<p>`` in passing stays text.
    """
    head = raw[:20000]
    if _DOC_START.match(head):
        return True
    tags = _TAG.findall(head)
    if head.lstrip().startswith("<") and tags and _TAG.match(head.lstrip()):
        return True
    closing = sum(1 for t in tags if t.lstrip("< ").startswith("/"))
    return len(tags) >= 4 and closing >= 2


def normalise_date(value: str | None) -> str | None:
    """Return ``value`` as YYYY-MM-DD (from an ISO date/datetime or a written date), else None."""
    if not value:
        return None
    m = ISO_DATE.match(value)
    if not m:
        found = find_date(value)
        return found[0] if found and len(value) <= 40 else None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def extract_article(
    raw: str,
    *,
    is_html: bool | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """Extract title, standfirst, byline, date, body and captions from one input.

    ``is_html`` forces the reader (None: detect with ``looks_like_html``);
    ``published`` and ``title`` override what is found in the page.
    """
    raw = _SURROGATE.sub("\ufffd", raw)
    title, url = (_SURROGATE.sub("\ufffd", s) if s else s for s in (title, url))
    parts: TextArticle | None = None
    if is_html if is_html is not None else looks_like_html(raw):
        parts = extract_html(raw, url=url, title=title)
    if parts is None:
        parts = extract_text(raw, title=title)
    return Article(
        title=title or parts.title,
        subtitle=parts.subtitle,
        byline=parts.byline,
        published=normalise_date(published) or normalise_date(parts.published),
        url=url,
        text=parts.text,
        captions=parts.captions,
        language=parts.language or "en",
        site=parts.site,
    )
