"""Development check of actor coding against PLOVER gold actors (a development figure only).

For each gold source/target actor in the file it reports whether
 (a) ``code_phrase(actorText)`` and
 (b) the ``find_actors`` mention overlapping the actor text in its sentence
give the gold country code and the gold sector. Gold codes that are not ISO
countries: ``IGO``/``NGO`` count as right when the actor has no country and is an
IGO/NGO (by sector, or an IGO/NGO dictionary phrase in its name or text, e.g. a UN
official); other group codes (e.g. ``IMG``) when the
actor has no country. The file's older country codes (JAP, ITL, VTN) are mapped
to ISO alpha-3.

Usage: .venv/bin/python scripts/actor_check.py [--data PATH] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from eventlens.actors.stage import code_phrase, find_actors
from eventlens.config import Config
from eventlens.nlp import load_model
from eventlens.records import Actor
from eventlens.resources import get_resources

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "plover_gsr" / "dev.jsonl"
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# A misspelt sector in the file ("CIV" for civilians, beside the usual "CVL").
SECTOR_TYPOS = {"CIV": "CVL"}
NON_STATE = {"IGO", "NGO"}


def country_ok(gold: str, actor: Actor | None, config: Config) -> bool:
    """Whether ``actor`` carries the gold country code (see the module docstring)."""
    if actor is None:
        return False
    gold = OLD_CODES.get(gold, gold)
    if gold in NON_STATE:
        return actor.country is None and (actor.sector == gold or names_org(actor, config))
    if len(gold) == 3 and gold.isalpha() and gold not in ("IMG", "ISM"):
        return actor.country == gold
    return actor.country is None


def names_org(actor: Actor, config: Config) -> bool:
    """True when the actor's name or text contains an IGO/NGO dictionary phrase."""
    lex = get_resources(config).lexicon
    words = f" {actor.name} {actor.text} ".lower()
    return any(
        f" {phrase} " in words
        for phrase, rows in lex.phrases.items()
        if any(r.type in ("igo", "ngo") for r in rows)
    )


def mention_for(text: str, actor_text: str, mentions: list[Actor]) -> Actor | None:
    """The mention overlapping the gold actor text (first piece when it has '...')."""
    piece = actor_text.split("...")[0].strip() or actor_text.strip()
    found = re.search(r"\s+".join(re.escape(w) for w in piece.split()), text)
    if found is None:
        return None
    at, end = found.span()
    hits = [m for m in mentions if (m.start or 0) < end and at < (m.end or 0)]
    return max(hits, key=lambda m: min(end, m.end or 0) - max(at, m.start or 0), default=None)


def score(
    rec: dict[str, Any], role: str, gold: dict[str, Any], mentions: list[Actor], config: Config
) -> dict[str, int]:
    """Counts for one gold actor: country/sector right by code_phrase and by find_actors."""
    alone = code_phrase(gold["actorText"].replace("...", " "), get_resources(config))
    in_doc = mention_for(rec["text"], gold["actorText"], mentions)
    sector = (gold.get("sector") or "")[:3]
    sector = SECTOR_TYPOS.get(sector, sector)
    has_sector = sector.isalpha() and sector.isupper()
    return {
        "n": 1,
        f"n_{role}": 1,
        "n_sector": int(has_sector),
        "phrase_country": int(country_ok(gold["code"], alone, config)),
        "doc_country": int(country_ok(gold["code"], in_doc, config)),
        f"doc_country_{role}": int(country_ok(gold["code"], in_doc, config)),
        "phrase_sector": int(has_sector and alone is not None and alone.sector == sector),
        "doc_sector": int(has_sector and in_doc is not None and in_doc.sector == sector),
    }


def main() -> int:
    """Print country and sector accuracy of both checks."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    config = Config()
    nlp = load_model(config.spacy_model)
    t: Counter[str] = Counter()
    for line in args.data.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        mentions = find_actors(nlp(rec["text"]), get_resources(config))
        for role in ("source", "target"):
            for gold in rec.get(role) or []:
                counts = score(rec, role, gold, mentions, config)
                t.update(counts)
                if args.show_errors and not counts["doc_country"]:
                    found = mention_for(rec["text"], gold["actorText"], mentions)
                    print(f"{gold['code']:4} {gold['actorText']!r} -> {found}", file=sys.stderr)
    n, ns = t["n"], max(t["n_sector"], 1)
    print(f"gold actors: {n} ({t['n_source']} sources; {t['n_sector']} with a sector)")
    print(
        f"code_phrase(actorText): country {t['phrase_country'] / n:.3f}  "
        f"sector {t['phrase_sector'] / ns:.3f}"
    )
    print(
        f"find_actors(sentence):  country {t['doc_country'] / n:.3f}  "
        f"sector {t['doc_sector'] / ns:.3f}  "
        f"(sources {t['doc_country_source'] / max(t['n_source'], 1):.3f}, "
        f"targets {t['doc_country_target'] / max(t['n_target'], 1):.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
