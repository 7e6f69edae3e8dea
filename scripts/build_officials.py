"""Build src/eventlens/data/actors_officials.tsv: office holders of 2014-2026 with dated roles.

Phoenix's dictionaries (``actors_phoenix.tsv``) end around 2015. This file adds the heads
of state and government, foreign and defence ministers, leading opposition and armed-group
figures and the heads of international organisations who held office between 2014 and
2026, so that a person in later news is coded by the role held on the article's date.

Source: ``scripts/actor_sources/officials/*.tsv``, written by the eventlens team
(2026-12-07) from the public record of each office; every row names in ``provenance`` the
public list or page to check it against (``wikipedia:<page title>``). The rows were not
machine-checked against those pages (no network here): treat a date as the team's best
knowledge. Columns as ``actors_phoenix.tsv`` (phrase, name, country, sector, type,
provenance, valid_from, valid_to).

What the build drops, so that a short name never codes the wrong person:
- a phrase two different people share (unless it is one person's only full name);
- a one-word phrase that is a given name of a listed person, or a word of ``actors.tsv``
  (a capital, a country, a role word);
- rows with a malformed country, sector or date.

Run: ``.venv/bin/python scripts/build_officials.py``. Deterministic: a test checks that
the shipped file rebuilds identically.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "actor_sources" / "officials"
DATA = ROOT / "src" / "eventlens" / "data"
OUT = DATA / "actors_officials.tsv"
SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "OPP", "REB", "IGO", "ELI", "PTY", "SPY"})
EXTRA_CODES = frozenset({"XKX", "PSE", "TWN"})
DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
HEADER = """\
# Office holders of 2014-2026 with dated roles, built by scripts/build_officials.py from
# scripts/actor_sources/officials/*.tsv (written by the eventlens team from the public record
# of each office; `provenance` names the page to check a row against). Licence: as eventlens.
# Columns: as actors_phoenix.tsv (see src/eventlens/data/README.md).
phrase\tname\tcountry\tsector\ttype\tprovenance\tvalid_from\tvalid_to
"""


def read_sources(folder: Path) -> tuple[list[list[str]], int]:
    """Well-formed rows of every source file and the number of malformed ones."""
    codes = _known_codes()
    rows, bad = [], 0
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for cols in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(cols) != 8 or not _well_formed(cols, codes):
                    bad += 1
                    continue
                rows.append([c.strip() for c in cols])
    return rows, bad


def _known_codes() -> frozenset[str]:
    text = (DATA / "actors.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.split("\t")[2] for ln in text[1:] if ln.count("\t") >= 4) | EXTRA_CODES


def _well_formed(cols: list[str], codes: frozenset[str]) -> bool:
    phrase, name, country, sector, kind, _prov, start, end = (c.strip() for c in cols)
    if not phrase or not name or kind != "person" or sector not in SECTORS:
        return False
    if country and country not in codes:
        return False
    if any(d and not DATE.match(d) for d in (start, end)):
        return False
    return not (start and end and end < start)


def _blocked_words() -> frozenset[str]:
    """Words a one-word phrase must not be: actors.tsv phrases and listed given names."""
    words = set()
    for line in (DATA / "actors.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        words.add(line.split("\t")[0].strip().lower())
    for line in (DATA / "actors_phoenix.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > 4 and cols[4] == "person" and " " in cols[1]:
            words.add(cols[1].split()[0].lower())
    return frozenset(words)


def select(rows: list[list[str]]) -> tuple[list[list[str]], dict[str, int]]:
    """Drop shared phrases and risky one-word phrases; dedupe; sort."""
    names: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        names[r[0].lower()].add(r[1])
    given = {r[1].split()[0].lower() for r in rows if " " in r[1]}
    blocked = _blocked_words() | given
    dropped = {"shared": 0, "one-word": 0}
    kept, seen = [], set()
    for r in rows:
        key = r[0].lower()
        if len(names[key]) > 1:
            dropped["shared"] += 1
            continue
        if " " not in r[0] and key in blocked:
            dropped["one-word"] += 1
            continue
        if tuple(r) not in seen:
            seen.add(tuple(r))
            kept.append(r)
    kept.sort(key=lambda r: (r[0].lower(), r[0], r[6], r[7], r[3]))
    return kept, dropped


def main(argv: list[str] | None = None) -> int:
    """Build the file (or write it to ``--out``); print what was dropped."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows, bad = read_sources(SOURCES)
    kept, dropped = select(rows)
    body = "".join("\t".join(r) + "\n" for r in kept)
    args.out.write_text(HEADER + body, encoding="utf-8")
    people = len({r[1] for r in kept})
    print(f"{len(kept)} rows, {people} people; dropped {bad} malformed, "
          f"{dropped['shared']} shared-phrase and {dropped['one-word']} one-word rows",
          file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
