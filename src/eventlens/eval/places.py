"""Evaluate toponym resolution (gold mentions given) on LGL or TR-News.

Metrics, over gold toponyms that carry a GeoNames entry:

- exact: share resolved to the gold GeoNames id;
- acc@161: share resolved within 161 km (100 miles) of the gold point;
- mean / median error in km;
- AUC: area under the curve of sorted log errors, as in Gritta et al. (2018):
  errors sorted ascending, each scaled as ln(1 + km) / ln(20039) (20,039 km being
  the largest distance on Earth), integrated over [0, 1] with the trapezoid rule;
  0 is perfect, 1 is worst. An unresolved mention counts as 20,039 km.

A mention resolved to the gold GeoNames id counts as 0 km: the gold file and the
gazetteer may place the same entry at different points (the packages carry no
GeoNames centroid for countries), and that is not a resolution error.

- acc@161 by points: the same share measured between the points themselves, the
  gold id giving no credit. Users who compare coordinates see this figure: a country
  or province resolved to the right entry but placed at a centroid more than 161 km
  from GeoNames' own point counts as a miss here (the United States at countryinfo's
  38, -97 is 234 km from GeoNames' 39.76, -98.5).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventlens.config import DEFAULT_CONFIG, Config
from eventlens.geo import haversine_km
from eventlens.places.stage import resolve_spans
from eventlens.resources import get_resources

DATASETS = {"lgl": "lgl.xml", "trnews": "TR-News.xml"}
MAX_KM = 20039.0
SHIFT = 40  # how far a misplaced gold offset is searched for its phrase


@dataclass
class GoldToponym:
    """One gold mention with its GeoNames entry."""

    start: int
    end: int
    geonameid: int
    lat: float
    lon: float


@dataclass
class GoldArticle:
    """One article's text and its gold toponyms."""

    docid: str
    text: str
    toponyms: list[GoldToponym]


def _align(text: str, phrase: str, start: int) -> int | None:
    """The gold offset, corrected when the file's offsets are off by a few characters."""
    if not phrase:
        return None
    if text[start : start + len(phrase)] == phrase:
        return start
    for delta in sorted(range(-SHIFT, SHIFT + 1), key=abs):
        s = start + delta
        if 0 <= s and text[s : s + len(phrase)] == phrase:
            return s
    return None


def load_dataset(path: Path) -> list[GoldArticle]:
    """Read an LGL/TR-News XML file.

    Toponyms without a GeoNames entry are skipped; TR-News has offsets a character or
    two off in some articles, which are re-aligned on the gold phrase.
    """
    root = ET.parse(path).getroot()
    articles = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            if gaz is None or not gaz.get("geonameid"):
                continue
            start = _align(text, top.findtext("phrase") or "", int(top.findtext("start") or 0))
            if start is None:
                continue
            tops.append(
                GoldToponym(
                    start,
                    start + len(top.findtext("phrase") or ""),
                    int(gaz.get("geonameid") or 0),
                    float(gaz.findtext("lat") or 0),
                    float(gaz.findtext("lon") or 0),
                )
            )
        articles.append(GoldArticle(art.get("docid") or "", text, tops))
    return articles


def auc(errors: list[float]) -> float:
    """Normalised area under the sorted log-error curve (see module doc)."""
    if not errors:
        return float("nan")
    ys = sorted(math.log1p(e) / math.log1p(MAX_KM) for e in errors)
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (len(ys) - 1)


def score(
    articles: list[GoldArticle], config: Config = DEFAULT_CONFIG, *, backoff: bool = False
) -> dict[str, float]:
    """Resolve every gold mention and return the metrics."""
    errors: list[float] = []
    point_errors: list[float] = []  # distance between the points, ids ignored
    exact = 0
    start = time.perf_counter()
    for art in articles:
        spans = [(t.start, t.end) for t in art.toponyms]
        resources = get_resources(config)
        places = resolve_spans(art.text, spans, resources, backoff=backoff) if spans else []
        for gold, place in zip(art.toponyms, places, strict=True):
            if place.lat is None or place.lon is None:
                errors.append(MAX_KM)
                point_errors.append(MAX_KM)
                continue
            point_errors.append(haversine_km(gold.lat, gold.lon, place.lat, place.lon))
            if place.geonameid == gold.geonameid:
                exact += 1
                errors.append(0.0)  # same entry; coordinate sources differ (see module doc)
            else:
                errors.append(haversine_km(gold.lat, gold.lon, place.lat, place.lon))
    elapsed = time.perf_counter() - start
    n = len(errors)
    return {
        "articles": len(articles),
        "toponyms": n,
        "exact": exact / n if n else 0.0,
        "acc161": sum(e <= 161 for e in errors) / n if n else 0.0,
        "acc161_points": sum(e <= 161 for e in point_errors) / n if n else 0.0,
        "mean_km": statistics.fmean(errors) if n else 0.0,
        "median_km": statistics.median(errors) if n else 0.0,
        "auc": auc(errors),
        "toponyms_per_s": n / elapsed if elapsed else 0.0,
    }


def register_arguments(parser: Any) -> None:
    """Add this evaluation's flags."""
    parser.add_argument("--dataset", choices=sorted(DATASETS), required=True)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("../shared/eval/geo"),
        help="folder holding lgl.xml and TR-News.xml",
    )
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument(
        "--backoff",
        action="store_true",
        help="give mentions the gazetteer cannot resolve the document's focus point",
    )


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the figures."""
    path = args.data_dir / DATASETS[args.dataset]
    if not path.is_file():
        print(f"eventlens eval places: {path}: no such file", file=sys.stderr)
        return 2
    try:
        articles = load_dataset(path)
    except ET.ParseError as exc:
        print(f"eventlens eval places: {path}: not valid XML ({exc})", file=sys.stderr)
        return 2
    if args.limit is not None:
        articles = articles[: args.limit]
    m = score(articles, backoff=args.backoff)
    print(f"dataset        {args.dataset} ({path}){' with --backoff' if args.backoff else ''}")
    print(f"articles       {m['articles']}")
    print(f"toponyms       {m['toponyms']}")
    print(f"exact          {m['exact']:.1%}")
    print(f"acc@161km      {m['acc161']:.1%}")
    print(f"  by points    {m['acc161_points']:.1%}  (ids ignored: centroids count)")
    print(f"mean error     {m['mean_km']:.0f} km")
    print(f"median error   {m['median_km']:.1f} km")
    print(f"AUC            {m['auc']:.3f}")
    print(f"speed          {m['toponyms_per_s']:.0f} toponyms/s")
    return 0
