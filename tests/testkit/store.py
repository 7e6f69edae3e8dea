"""Team-written extract documents for store tests (illustrative, not real news).

These are store inputs in the documented extract-document shape (docs/schema.md),
built without NLP so store behaviour can be tested precisely and quickly.
"""

from __future__ import annotations

import copy
from typing import Any

MOSUL = {"text": "Mosul", "start": 0, "end": 5, "name": "Mosul", "lat": 36.335, "lon": 43.119,
         "country": "IRQ", "admin1": "Nineveh", "geonameid": 99072, "feature": "P.PPLA"}
ERBIL = {"text": "Erbil", "start": 0, "end": 5, "name": "Erbil", "lat": 36.191, "lon": 44.009,
         "country": "IRQ", "admin1": "Erbil", "geonameid": 95446, "feature": "P.PPLA"}
KYIV = {"text": "Kyiv", "start": 0, "end": 4, "name": "Kyiv", "lat": 50.45, "lon": 30.52,
        "country": "UKR", "admin1": "Kyiv City", "geonameid": 703448, "feature": "P.PPLC"}


def actor(name: str, country: str | None, sector: str | None, start: int = 0) -> dict[str, Any]:
    """An actor record."""
    return {"text": name, "name": name, "country": country, "sector": sector, "start": start,
            "end": start + len(name)}


def event(
    etype: str,
    source: dict[str, Any] | None,
    target: dict[str, Any] | None,
    location: dict[str, Any] | None,
    date: str | None,
    sentence: str,
    cameo: str = "19",
) -> dict[str, Any]:
    """An event record with every documented field."""
    return {
        "type": etype, "mode": None, "context": "military", "cameo": cameo,
        "source": source, "target": target, "location": copy.deepcopy(location), "date": date,
        "date_text": "on Sunday" if date else None, "status": "occurred", "trigger": "shelled",
        "sentence": sentence, "start": 0, "end": len(sentence), "confidence": 0.8,
        "date_precision": "day" if date else None, "trigger_start": 3, "trigger_end": 10,
        "reported_by": None,
    }


def document(
    text: str,
    *,
    title: str = "Illustrative report",
    published: str | None = "2016-10-17",
    url: str | None = None,
    site: str | None = None,
    events: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A whole extract document around ``text``."""
    first_dot = text.find(".") + 1 or len(text)
    return {
        "id": title,
        "article": {"title": title, "subtitle": None, "byline": "Staff", "published": published,
                    "url": url, "text": text, "captions": ["A caption."], "language": "en",
                    "site": site},
        "sentences": [{"start": 0, "end": first_dot}],
        "entities": [{"text": text.split()[0], "label": "NORP", "start": 0,
                      "end": len(text.split()[0])}],
        "actors": [actor("Iraqi forces", "IRQ", "MIL")],
        "places": [copy.deepcopy(MOSUL)],
        "quotes": [{"text": "We will take the city", "start": 0, "end": 5,
                    "speaker": {"name": "Haider al-Abadi", "text": "he", "start": 1, "end": 3,
                                "country": "IRQ", "sector": "GOV"}}],
        "events": events if events is not None else [],
        "errors": [],
    }


STORY = (
    "Iraqi army units shelled positions held by the militants on the eastern edge of Mosul "
    "on Sunday, officers at a forward base said. The bombardment lasted several hours and was "
    "followed by an advance of armoured columns along the main road from Erbil. Residents "
    "reached by telephone described heavy smoke over the industrial district and said many "
    "families had fled towards camps in the south. Commanders expect the fighting to continue "
    "for several weeks as the units move street by street."
)
OTHER_STORY = (
    "Farmers in the north of the country brought their harvest in early this year after a "
    "warm spring, the agriculture ministry said on Monday. Prices for wheat fell slightly at "
    "the main market, while traders reported strong demand for barley from neighbouring "
    "provinces. Officials said new storage silos would be opened before the winter."
)
