"""Render article text with highlighted spans as safe HTML.

Article text is untrusted: every character of it goes through ``markupsafe.escape``
and only this module's own tags and attribute names are emitted. Overlapping spans
(an entity inside a quote inside an event sentence) are handled by cutting the text
at every span boundary and giving each piece the classes of all spans covering it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """One highlight: a character range with a CSS class, a tooltip and event links."""

    start: int
    end: int
    css: str
    title: str = ""
    event: int | None = None  # index of the event this span belongs to


def _place_title(place: Mapping[str, Any]) -> str:
    where = ", ".join(str(p) for p in (place.get("name"), place.get("country")) if p)
    lat, lon = place.get("lat"), place.get("lon")
    coords = f" ({lat:.3f}, {lon:.3f})" if isinstance(lat, int | float) and lon is not None else ""
    return f"Place: {where or 'unresolved'}{coords}"


def _quote_title(quote: Mapping[str, Any]) -> str:
    speaker = quote.get("speaker") or {}
    return f"Quote by {speaker.get('name')}" if speaker.get("name") else "Quote (no speaker)"


def _actor_name(actor: Mapping[str, Any] | None) -> str:
    if not actor:
        return "?"
    return str(actor.get("name") or actor.get("text") or "?")


def _trigger_range(event: Mapping[str, Any], text: str) -> tuple[int, int] | None:
    ts, te = event.get("trigger_start"), event.get("trigger_end")
    if isinstance(ts, int) and isinstance(te, int) and 0 <= ts < te <= len(text):
        return ts, te
    trigger, start, end = event.get("trigger") or "", event.get("start"), event.get("end")
    if not trigger or not isinstance(start, int) or not isinstance(end, int):
        return None
    found = text.find(trigger, start, end)
    return (found, found + len(trigger)) if found >= 0 else None


def spans_of(doc: Mapping[str, Any]) -> list[Span]:
    """Collect the highlight spans of an extract document (entities, places, quotes, events)."""
    text: str = (doc.get("article") or {}).get("text") or ""
    spans: list[Span] = []
    for ent in doc.get("entities") or []:
        label = str(ent.get("label") or "")
        css = "hl-ent hl-ent-" + "".join(c for c in label if c.isalnum())
        spans.append(Span(ent["start"], ent["end"], css, f"Entity: {label}"))
    for place in doc.get("places") or []:
        spans.append(Span(place["start"], place["end"], "hl-place", _place_title(place)))
    for quote in doc.get("quotes") or []:
        spans.append(Span(quote["start"], quote["end"], "hl-quote", _quote_title(quote)))
    for i, event in enumerate(doc.get("events") or []):
        if isinstance(event.get("start"), int) and isinstance(event.get("end"), int):
            spans.append(Span(event["start"], event["end"], "hl-evsent", "", event=i))
        trig = _trigger_range(event, text)
        if trig:
            title = (
                f"Event {event.get('type')}: {_actor_name(event.get('source'))} \u2192 "
                f"{_actor_name(event.get('target'))}"
            )
            spans.append(Span(trig[0], trig[1], "hl-trigger", title, event=i))
    return [s for s in spans if 0 <= s.start < s.end <= len(text)]


def _piece(text: str, covering: Iterable[Span]) -> Markup:
    cover = list(covering)
    if not cover:
        return escape(text)
    classes = " ".join(dict.fromkeys(c for s in cover for c in s.css.split()))
    titles = " \u00b7 ".join(dict.fromkeys(s.title for s in cover if s.title))
    events = " ".join(dict.fromkeys(str(s.event) for s in cover if s.event is not None))
    attrs = Markup(' class="{}"').format(classes)
    if titles:
        attrs += Markup(' title="{}"').format(titles)
    if events:
        attrs += Markup(' data-events="{}"').format(events)
    return Markup("<span{}>{}</span>").format(attrs, text)


def render_highlighted(doc: Mapping[str, Any]) -> Markup:
    """Return the article text as escaped HTML with highlight spans and sentence anchors.

    Each event's evidence sentence gets an ``id="s-START"`` anchor (its character
    offset) so that other pages can link to the source sentence.
    """
    text: str = (doc.get("article") or {}).get("text") or ""
    spans = spans_of(doc)
    anchors = {s.start for s in spans if s.css == "hl-evsent"}
    cuts = sorted({0, len(text), *anchors, *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, s in enumerate(spans):
        starts.setdefault(s.start, []).append(i)
        ends.setdefault(s.end, []).append(i)
    active: dict[int, Span] = {}  # a sweep over the cuts: spans covering the current piece
    out: list[Markup] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for i in ends.get(a, ()):
            active.pop(i, None)
        for i in starts.get(a, ()):
            active[i] = spans[i]
        if a in anchors:
            out.append(Markup('<a class="anchor" id="s-{}"></a>').format(a))
        out.append(_piece(text[a:b], (active[i] for i in sorted(active))))
    return Markup("").join(out)
