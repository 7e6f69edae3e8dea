"""Halve and double each hand-set places ranking weight; print how the figures move.

Usage: .venv/bin/python scripts/places_weight_sensitivity.py [--data-dir ../shared/eval/geo]

A development check that the figures in docs/evaluation.md (Places) do not hinge on
one tuned value: it prints LGL and TR-News exact and @161 km for each variant and the
largest change from the shipped weights. Nothing is written into the package.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from types import ModuleType

from eventlens.eval.places import GoldArticle, load_dataset, score
from eventlens.places import evidence as place_evidence
from eventlens.places import ranking as place_ranking

WEIGHTS: tuple[tuple[ModuleType, tuple[str, ...]], ...] = (
    (
        place_ranking,
        (
            "W_POP",
            "W_LOOSE",
            "W_SHADOWED",
            "W_QUALIFIER",
            "W_CUE",
            "W_COUNTRY",
            "W_ADMIN1",
            "W_NEAR",
        ),
    ),
    (place_evidence, ("W_COUNTY", "COUNTRY_VOTE", "W_SUPPORT_COUNTRY", "W_SUPPORT_ADMIN1")),
)


def _figures(sets: list[list[GoldArticle]]) -> list[float]:
    out: list[float] = []
    for articles in sets:
        m = score(articles)
        out += [m["exact"], m["acc161"]]
    return out


def main() -> None:
    """Run every variant and print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=Path("../shared/eval/geo"))
    args = ap.parse_args()
    sets = [load_dataset(args.data_dir / n) for n in ("lgl.xml", "TR-News.xml")]
    base = _figures(sets)
    print("weight x factor: LGL exact, LGL @161, TR exact, TR @161, largest change")
    print("shipped:", " ".join(f"{x:.3f}" for x in base))
    worst = 0.0
    for module, names in WEIGHTS:
        for name in names:
            old = getattr(module, name)
            for factor in (0.5, 2.0):
                setattr(module, name, old * factor)
                try:
                    figs = _figures(sets)
                finally:
                    setattr(module, name, old)
                delta = max(abs(a - b) for a, b in zip(figs, base, strict=True))
                worst = max(worst, delta)
                print(f"{name} x{factor}:", " ".join(f"{x:.3f}" for x in figs), f"{delta:.3f}")
    print(f"largest change: {worst:.3f}")


if __name__ == "__main__":
    main()
