"""Dates stage: publication date and event dates resolved against it."""

from __future__ import annotations

from spacy.tokens import Doc

from eventlens.records import Article, Event


def publication_date(article: Article, doc: Doc) -> str | None:
    """Return the article's publication date (YYYY-MM-DD) from metadata or dateline."""
    return article.published


def date_events(events: list[Event], doc: Doc, published: str | None) -> list[Event]:
    """Give each event a date, date_text and precision resolved against ``published``."""
    return events
