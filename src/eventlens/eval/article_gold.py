"""Whole-article event gold (``../shared/eval/ANNOTATION.md`` format) and its texts.

A gold file holds ``articles`` (id -> published, sha256 of the exact text scored and,
for texts taken from the LGL/TR-News corpora, ``corpus`` + ``docid``; for texts kept beside
the gold file, ``text_file``, relative to the gold file's folder) and ``events``
(types, statuses, source/target countries, location, date range, evidence strings).
Texts come from ``--texts DIR`` (``ID.txt``) or from the corpus XML files in
``--data-dir``; a text whose sha256 differs from the gold's is refused, so figures are
always computed on the text the annotators coded.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventlens.errors import InputError

CORPUS_FILES = {"TR-News": "TR-News.xml", "lgl": "lgl.xml"}


@dataclass(frozen=True)
class GoldActor:
    """Acceptable countries of one gold actor (empty: an actor with no country)."""

    name: str
    countries: frozenset[str]


@dataclass
class GoldEvent:
    """One real-world event of one article, with the character spans of its evidence."""

    id: str
    article: str
    optional: bool
    types: frozenset[str]
    status: frozenset[str]
    source: GoldActor | None
    target: GoldActor | None
    location: tuple[float, float] | None
    date: tuple[str, str] | None
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class GoldArticle:
    """An article as coded: its id, publication date and exact text."""

    id: str
    published: str | None
    text: str


def load_gold(
    path: Path, data_dir: Path | None = None, texts_dir: Path | None = None
) -> tuple[list[GoldArticle], list[GoldEvent]]:
    """Read a gold file and the texts it was written on; raise InputError on a mismatch."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read gold file ({exc})") from exc
    corpora: dict[str, dict[str, str]] = {}
    articles = []
    for art_id, meta in raw.get("articles", {}).items():
        text = _article_text(art_id, meta, data_dir, texts_dir, corpora, path)
        articles.append(GoldArticle(art_id, meta.get("published"), text))
    by_id = {a.id: a for a in articles}
    events = [_gold_event(e, by_id, str(path)) for e in raw.get("events", [])]
    return articles, events


def _article_text(
    art_id: str,
    meta: dict[str, Any],
    data_dir: Path | None,
    texts_dir: Path | None,
    corpora: dict[str, dict[str, str]],
    gold_path: Path,
) -> str:
    where = str(gold_path)
    text: str | None = None
    if texts_dir is not None and (texts_dir / f"{art_id}.txt").is_file():
        text = (texts_dir / f"{art_id}.txt").read_text(encoding="utf-8")
    elif meta.get("text_file") and (gold_path.parent / meta["text_file"]).is_file():
        text = (gold_path.parent / meta["text_file"]).read_text(encoding="utf-8")
    elif meta.get("corpus") in CORPUS_FILES and data_dir is not None:
        corpus = meta["corpus"]
        if corpus not in corpora:
            corpora[corpus] = read_corpus(data_dir / CORPUS_FILES[corpus])
        text = corpora[corpus].get(str(meta.get("docid", art_id)))
    if text is None:
        raise InputError(where, f"no text found for article {art_id}")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if meta.get("sha256") and digest != meta["sha256"]:
        raise InputError(where, f"article {art_id}: text differs from the one coded (sha256)")
    return text


def read_corpus(path: Path) -> dict[str, str]:
    """docid -> text of every article in an LGL / TR-News XML file."""
    if not path.is_file():
        raise InputError(str(path), "corpus file not found (see --data-dir)")
    root = ET.parse(path).getroot()
    return {a.attrib.get("docid", ""): a.findtext("text") or "" for a in root}


def _gold_event(raw: dict[str, Any], articles: dict[str, GoldArticle], where: str) -> GoldEvent:
    art = articles.get(raw.get("article", ""))
    if art is None:
        raise InputError(where, f"event {raw.get('id')}: unknown article {raw.get('article')!r}")
    spans = []
    for evidence in raw.get("evidence", []):
        start = art.text.find(evidence)
        if start < 0:
            reason = f"event {raw.get('id')}: evidence not in the text: {evidence!r}"
            raise InputError(where, reason)
        while start >= 0:
            spans.append((start, start + len(evidence)))
            start = art.text.find(evidence, start + 1)
    loc = raw.get("location")
    date = raw.get("date")
    if isinstance(date, str):
        date = [date]  # one ISO day (ANNOTATION.md allows a day or a [start, end] range)
    return GoldEvent(
        id=raw.get("id", ""),
        article=art.id,
        optional=bool(raw.get("optional")),
        types=frozenset(raw.get("types", [])),
        status=frozenset(raw.get("status") or ["occurred"]),
        source=_gold_actor(raw.get("source")),
        target=_gold_actor(raw.get("target")),
        location=_point(loc),
        date=(date[0], date[-1]) if date else None,
        spans=spans,
    )


def _point(loc: dict[str, Any] | None) -> tuple[float, float] | None:
    if not loc or loc.get("lat") is None or loc.get("lon") is None:
        return None
    return float(loc["lat"]), float(loc["lon"])


def _gold_actor(raw: dict[str, Any] | None) -> GoldActor | None:
    if not raw:
        return None
    return GoldActor(raw.get("name", ""), frozenset(raw.get("countries") or []))
