"""``eventlens query`` and ``eventlens export`` on a real store file: every format and
flavour, columns as documented in docs/export.md."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventlens.cli import stage as cli
from eventlens.store import dedup as store_dedup
from eventlens.store.export import FLAVOURS, quad_class
from eventlens.store.stage import open_store
from testkit import ROOT
from testkit.store import ERBIL, MOSUL, OTHER_STORY, STORY, actor, document, event

DOC = ROOT / "docs" / "export.md"
IRQ_MIL = actor("Iraqi forces", "IRQ", "MIL")
ISIL = actor("Islamic State", None, "REB", 20)
S1 = 'Iraqi forces shelled "Islamic State" positions, near Mosul.\nA second line.'


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "e.db"
    with open_store(path) as store:
        for i, (text, site) in enumerate([(STORY, "Wire"), (OTHER_STORY, "Paper")]):
            evs = [event("ASSAULT", IRQ_MIL, ISIL, MOSUL, "2016-10-16", S1),
                   event("CONSULT", IRQ_MIL, None, ERBIL, None, "They met.", cameo="04"),
                   event("PROTEST", None, None, None, None, "Crowds gathered.", cameo="14")]
            evs[2]["confidence"] = 0.07  # a low-confidence event for --min-confidence
            store.add_document(document(text, site=site, url=f"https://x.example/{i}",
                                        events=evs),
                               content_hash=store_dedup.content_hash(text), source=f"s{i}")
    return path


def documented_columns(flavour: str) -> list[str]:
    section = DOC.read_text("utf-8").split(f"## {flavour}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(args) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("flavour", ["native", "gdelt", "polecat"])
def test_csv_columns_match_docs(db: Path, flavour: str,
                                capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["export", "--db", str(db), "--format", "csv", "--flavour", flavour], capsys)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == documented_columns(flavour) == list(FLAVOURS[flavour][0])
    assert len(rows) == 7
    # Quotes, commas and newlines in sentences survive the CSV round trip.
    assert S1 in rows[1]


def test_gdelt_values(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["export", "--db", str(db), "--format", "csv", "--flavour", "gdelt"], capsys)
    first = next(csv.DictReader(io.StringIO(out)))
    assert first["SQLDATE"] == "20161016" and first["EventRootCode"] == "19"
    assert first["QuadClass"] == "4" and first["Actor1Code"] == "IRQMIL"
    assert first["NumArticles"] == "2" and first["NumSources"] == "2"
    assert first["ActionGeo_Lat"] == str(MOSUL["lat"]) and first["ActionGeo_FeatureID"] == "99072"
    assert [quad_class(c) for c in ("04", "07", "11", "19", None, "xx")] == [1, 2, 3, 4, None, None]


def test_jsonl_native_is_the_api_event(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["export", "--db", str(db), "--format", "jsonl", "--type", "CONSULT"], capsys)
    events = [json.loads(line) for line in out.splitlines()]
    assert len(events) == 2 and all(e["type"] == "CONSULT" for e in events)
    assert events[0]["location"]["name"] == "Erbil" and events[0]["day"] == "2016-10-17"
    polecat = run_cli(["export", "--db", str(db), "--format", "jsonl", "--flavour", "polecat"],
                      capsys)
    assert list(json.loads(polecat.splitlines()[0])) == documented_columns("polecat")


@pytest.mark.parametrize("flavour", ["native", "gdelt", "polecat"])
def test_parquet(db: Path, tmp_path: Path, flavour: str,
                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{flavour}.parquet"
    run_cli(["export", "--db", str(db), "--format", "parquet", "--flavour", flavour, "-o",
             str(out), "--country", "IRQ"], capsys)
    table = pq.read_table(out)
    assert table.schema.names == documented_columns(flavour)
    assert table.num_rows == 4


def test_query_formats_and_errors(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = run_cli(["query", "--db", str(db), "--near", "36.3,43.1,50"], capsys)
    assert "ASSAULT" in table and "CONSULT" not in table and "2 event(s)" in table
    rows = list(csv.DictReader(io.StringIO(
        run_cli(["query", "--db", str(db), "--format", "csv", "--text", "harvest"], capsys))))
    assert {r["type"] for r in rows} == {"ASSAULT", "CONSULT", "PROTEST"} and len(rows) == 3
    data = json.loads(run_cli(["query", "--db", str(db), "--format", "json", "--actor", "iraqi",
                               "--since", "2016-10-17"], capsys))
    assert [e["type"] for e in data] == ["CONSULT", "CONSULT"]
    confident = json.loads(run_cli(["query", "--db", str(db), "--format", "json",
                                    "--min-confidence", "0.3"], capsys))
    assert sorted(e["type"] for e in confident) == ["ASSAULT", "ASSAULT", "CONSULT", "CONSULT"]
    exported = run_cli(["export", "--db", str(db), "--format", "jsonl", "--min-confidence",
                        "0.5"], capsys).splitlines()
    assert len(exported) == 4 and all(json.loads(r)["confidence"] >= 0.5 for r in exported)
    assert cli.main(["query", "--db", str(db), "--min-confidence", "2"]) == 2
    assert "min_confidence" in capsys.readouterr().err
    assert cli.main(["query", "--db", str(db), "--near", "north"]) == 2
    assert cli.main(["query", "--db", str(db), "--text", "AND OR"]) == 2
    assert cli.main(["query", "--db", str(db / "missing.db")]) == 2
    assert cli.main(["export", "--db", str(db), "--format", "parquet"]) == 2
    assert "error" in capsys.readouterr().err
