"""Development check of actor coding against PLOVER gold actors (a development figure only).

For each gold source/target actor in the file it reports whether
 (a) ``code_phrase(actorText)`` and
 (b) the ``find_actors`` mention overlapping the actor text in its sentence
give the gold country code and the gold sector. Gold codes that are not ISO
countries: ``IGO``/``NGO`` count as right when the actor has no country and is an
IGO/NGO (by sector or dictionary row); other group codes (e.g. ``IMG``) when the
actor has no country. The file's older country codes (JAP, ITL, VTN) are mapped
to ISO alpha-3.

Usage: .venv/bin/python scripts/actor_check.py [--data PATH] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventlens.actors import code_phrase, find_actors
from eventlens.actors_dictionary import get_lexicon
from eventlens.config import Config
from eventlens.nlp import load_model
from eventlens.records import Actor

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "plover_gsr" / "dev.jsonl"
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
NON_STATE = {"IGO", "NGO"}


def country_ok(gold: str, actor: Actor | None, config: Config) -> bool:
    """Whether ``actor`` carries the gold country code (see the module docstring)."""
    if actor is None:
        return False
    gold = OLD_CODES.get(gold, gold)
    if gold in NON_STATE:
        if actor.country is not None:
            return False
        rows = get_lexicon(config).phrases.get(actor.name.lower(), [])
        return actor.sector == gold or any(r.sector == gold for r in rows)
    if len(gold) == 3 and gold.isalpha() and gold not in ("IMG", "ISM"):
        return actor.country == gold
    return actor.country is None


def mention_for(text: str, actor_text: str, mentions: list[Actor]) -> Actor | None:
    """The mention overlapping the gold actor text (first piece when it has '...')."""
    piece = actor_text.split("...")[0].strip() or actor_text.strip()
    at = text.find(piece)
    if at < 0:
        return None
    end = at + len(piece)
    hits = [m for m in mentions if (m.start or 0) < end and at < (m.end or 0)]
    return max(hits, key=lambda m: min(end, m.end or 0) - max(at, m.start or 0), default=None)


def main() -> int:
    """Print country and sector accuracy of both checks."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    config = Config()
    nlp = load_model(config.spacy_model)
    tally = {"phrase_country": 0, "doc_country": 0, "phrase_sector": 0, "doc_sector": 0}
    n = n_sector = 0
    for line in args.data.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        mentions = find_actors(nlp(rec["text"]), config)
        for role in ("source", "target"):
            for gold in rec.get(role) or []:
                alone = code_phrase(gold["actorText"].replace("...", " "), config)
                in_doc = mention_for(rec["text"], gold["actorText"], mentions)
                n += 1
                ok_p = country_ok(gold["code"], alone, config)
                ok_d = country_ok(gold["code"], in_doc, config)
                tally["phrase_country"] += ok_p
                tally["doc_country"] += ok_d
                sector = (gold.get("sector") or "")[:3]
                if sector.isalpha() and sector.isupper():
                    n_sector += 1
                    tally["phrase_sector"] += bool(alone and alone.sector == sector)
                    tally["doc_sector"] += bool(in_doc and in_doc.sector == sector)
                if args.show_errors and not ok_d:
                    print(f"{gold['code']:4} {gold.get('sector') or '':6} {gold['actorText']!r} "
                          f"-> {in_doc}", file=sys.stderr)
    print(f"gold actors: {n} (with a sector: {n_sector})")
    print(f"code_phrase(actorText): country {tally['phrase_country'] / n:.3f}  "
          f"sector {tally['phrase_sector'] / max(n_sector, 1):.3f}")
    print(f"find_actors(sentence):  country {tally['doc_country'] / n:.3f}  "
          f"sector {tally['doc_sector'] / max(n_sector, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
