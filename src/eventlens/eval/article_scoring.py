"""Score predicted event records against whole-article gold, one record at a time.

Every record eventlens writes counts as one prediction (a record per source/target
pair is a record a user sees). A record *matches* a gold event when its sentence (or
one of its evidence sentences) overlaps one of the event's evidence strings and its type
and status are acceptable; the stricter levels also ask for the source's country
(``source``), the target's (``target``) or both (``both``). Each gold event matches at
most one record (a maximum bipartite matching per level), so a second record of the same
event is a duplicate and counts against precision. Records matched to ``optional`` gold
events count neither way; optional events do not count towards recall.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from eventlens.eval.article_gold import GoldActor, GoldEvent
from eventlens.geo import haversine_km
from eventlens.records import Actor, Event

LEVELS = ("type", "source", "target", "both")
LOCATION_KM = 50.0
# Confidence bins of the reliability table (lower bounds).
CONFIDENCE_BINS = (0.0, 0.3, 0.5, 0.7)


@dataclass
class Prediction:
    """One output record with the article it came from."""

    article: str
    event: Event


@dataclass
class LevelScore:
    """Counts and figures at one matching level."""

    matched: int = 0  # records matched to required gold events
    matched_optional: int = 0
    predictions: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """Share of counted records that match a gold event."""
        counted = self.predictions - self.matched_optional
        return self.matched / counted if counted else 0.0

    @property
    def recall(self) -> float:
        """Share of required gold events matched by a record."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Every figure of a whole-article evaluation."""

    articles: int
    levels: dict[str, LevelScore]
    duplicates: int
    predictions: int
    gold_required: int
    gold_all: int
    location_right: int = 0
    location_scored: int = 0
    date_right: int = 0
    date_scored: int = 0
    reliability: list[tuple[float, int, int]] = field(default_factory=list)
    misses: list[GoldEvent] = field(default_factory=list)
    false_records: list[Prediction] = field(default_factory=list)


def actor_ok(pred: Actor | None, gold: GoldActor | None) -> bool:
    """A predicted actor's country fits the gold actor (no country where gold has none)."""
    if gold is None or not gold.countries:
        return pred is None or pred.country is None
    return pred is not None and pred.country in gold.countries


def _overlaps(ev: Event, spans: Sequence[tuple[int, int]]) -> bool:
    """The record's sentence, or one of its evidence sentences, overlaps a gold span."""
    others = getattr(ev, "evidence", [])  # records of older versions have none
    mentions = [(ev.start, ev.end), *((e.start, e.end) for e in others)]
    return any(s < end and start < e for s, e in mentions for start, end in spans)


def compatible(pred: Prediction, gold: GoldEvent, level: str) -> bool:
    """True when ``pred`` may stand for ``gold`` at ``level``."""
    ev = pred.event
    if pred.article != gold.article or not _overlaps(ev, gold.spans):
        return False
    if ev.type not in gold.types or ev.status not in gold.status:
        return False
    if level in ("source", "both") and not actor_ok(ev.source, gold.source):
        return False
    return level not in ("target", "both") or actor_ok(ev.target, gold.target)


def required_first(golds: Sequence[GoldEvent]) -> list[int]:
    """Gold indexes with required events first, so an optional event never takes a record
    a required one needs."""
    return sorted(range(len(golds)), key=lambda k: golds[k].optional)


def max_matching(
    n_golds: int,
    n_preds: int,
    fits: Callable[[int, int], bool],
    order: Iterable[int] | None = None,
) -> dict[int, int]:
    """Maximum bipartite matching gold index -> prediction index (Kuhn's augmenting paths).

    ``fits(j, i)`` says whether prediction ``j`` may stand for gold ``i``; ``order`` is the
    order in which gold events claim predictions (default: index order).
    """
    options = [[j for j in range(n_preds) if fits(j, i)] for i in range(n_golds)]
    owner: dict[int, int] = {}  # prediction -> gold

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_golds) if order is None else order:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def score(preds: list[Prediction], golds: list[GoldEvent], n_articles: int) -> Report:
    """Compute every figure of the report for ``preds`` against ``golds``."""
    required = [g for g in golds if not g.optional]
    report = Report(
        articles=n_articles,
        levels={},
        duplicates=0,
        predictions=len(preds),
        gold_required=len(required),
        gold_all=len(golds),
    )
    matchings = {}
    for level in LEVELS:
        def fits(j: int, i: int, lv: str = level) -> bool:
            return compatible(preds[j], golds[i], lv)

        m = max_matching(len(golds), len(preds), fits, required_first(golds))
        matchings[level] = m
        s = LevelScore(predictions=len(preds), gold=len(required))
        for i in m:
            if golds[i].optional:
                s.matched_optional += 1
            else:
                s.matched += 1
        report.levels[level] = s
    typed = matchings["type"]
    used = set(typed.values())
    taken = set(typed)
    report.duplicates = sum(
        1
        for j, p in enumerate(preds)
        if j not in used and any(compatible(p, golds[i], "type") for i in taken)
    )
    _where_and_when(report, preds, golds, typed)
    report.reliability = _reliability(preds, set(matchings["source"].values()))
    report.misses = [g for i, g in enumerate(golds) if i not in typed and not g.optional]
    report.false_records = [p for j, p in enumerate(preds) if j not in used]
    return report


def _where_and_when(
    report: Report, preds: list[Prediction], golds: list[GoldEvent], typed: dict[int, int]
) -> None:
    for i, j in typed.items():
        gold, ev = golds[i], preds[j].event
        if gold.optional:
            continue
        if gold.location is not None:
            report.location_scored += 1
            loc = ev.location
            if loc is not None and loc.lat is not None and loc.lon is not None:
                dist = haversine_km(loc.lat, loc.lon, gold.location[0], gold.location[1])
                report.location_right += dist <= LOCATION_KM
        if gold.date is not None:
            report.date_scored += 1
            day = ev.date[:10] if ev.date else None
            report.date_right += day is not None and gold.date[0] <= day <= gold.date[1]


def _reliability(preds: list[Prediction], right: set[int]) -> list[tuple[float, int, int]]:
    """(bin lower bound, records, records right at type + source) per confidence bin."""
    rows = []
    bounds = (*CONFIDENCE_BINS, 1.01)
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        members = [j for j, p in enumerate(preds) if lo <= p.event.confidence < hi]
        rows.append((lo, len(members), sum(j in right for j in members)))
    return rows
