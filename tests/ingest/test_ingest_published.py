"""Publication dates of inputs: read leniently, a bad one a warning (article kept), and
``ingest --published`` / ``extract --jsonl --published`` as the default."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
from pathlib import Path

import pytest

from eventlens.cli import stage as cli
from eventlens.inputs.readers import iter_jsonl, raw_from_record, read_date

TEXT = ("Hundreds of protesters marched through Basra to demand jobs and reliable electricity. "
        "Police blocked the road to the provincial council building.")


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2016-12-17", "2016-12-17"),
        ("2016-12-17T10:00:00Z", "2016-12-17"),
        ("Dec 17, 2016 10:00 AM CT", "2016-12-17"),
        ("Dec 17, 2016 10:00 AM CST", "2016-12-17"),
        ("Saturday, 17 December 2016", "2016-12-17"),
        ("17 December 2016 GMT", "2016-12-17"),
        ("2016-02-30", None),  # ISO-shaped but no real day
        ("yesterday", None),  # relative: would depend on when it is read
        ("March 2015", None),  # no day
        ("banana", None),
        ("x" * 500, None),
    ],
)
def test_read_date(value: str, day: str | None) -> None:
    assert read_date(value) == day


def test_unreadable_published_is_a_warning_and_the_article_is_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="eventlens.inputs"):
        raw = raw_from_record({"id": "a", "text": TEXT, "published": "soon"}, "in.jsonl:3", "3")
        odd = raw_from_record({"id": "b", "text": TEXT, "published": 2016}, "in.jsonl:4", "4")
    assert raw.published is None and raw.content == TEXT and odd.published is None
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert messages[0].startswith('in.jsonl:3: "published" \'soon\'') and "undated" in messages[0]


def test_jsonl_with_written_dates_loses_no_line() -> None:
    lines = [{"id": "1", "text": TEXT, "published": "Dec 17, 2016 10:00 AM CT"},
             {"id": "2", "text": TEXT, "published": "not a date"},
             {"id": "3", "text": TEXT}]
    data = "".join(json.dumps(line) + "\n" for line in lines).encode()
    items = list(iter_jsonl(io.BytesIO(data), "in.jsonl"))
    assert [getattr(i, "published", "error") for i in items] == ["2016-12-17", None, None]


def _jsonl(path: Path) -> Path:
    rows = [{"id": "dated", "text": TEXT, "published": "Dec 17, 2016 10:00 AM CT"},
            {"id": "bad", "text": TEXT.replace("Basra", "Mosul"), "published": "soon"},
            {"id": "none", "text": TEXT.replace("Basra", "Kirkuk")}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_ingest_published_default_and_lenient_dates(
    tmp_path: Path, nlp_model: object, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.db"
    argv = ["ingest", str(_jsonl(tmp_path / "in.jsonl")), "--db", str(db), "--jobs", "1",
            "--quiet", "--published", "2017-01-05"]
    assert cli.main(argv) == 0
    err = capsys.readouterr().err
    assert 'eventlens: warning: ' in err and "'soon'" in err and "1 warnings" in err
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT published FROM articles ORDER BY published").fetchall()
    errors = conn.execute("SELECT COUNT(*) FROM errors").fetchone()[0]
    conn.close()
    # The written date is read; the bad one and the missing one get the default.
    assert sorted(r[0] for r in rows) == ["2016-12-17", "2017-01-05", "2017-01-05"]
    assert errors == 0


def test_ingest_published_must_be_iso(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["ingest", "x.jsonl", "--db", str(tmp_path / "s.db"), "--published", "Dec 17"]
    assert cli.main(argv) == 2
    assert "--published must be YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "s.db").exists()


def test_extract_jsonl_matches_ingest(
    tmp_path: Path, nlp_model: object, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["extract", "--jsonl", str(_jsonl(tmp_path / "in.jsonl")), "--jobs", "1",
            "--published", "2017-01-05"]
    assert cli.main(argv) == 0
    captured = capsys.readouterr()
    docs = [json.loads(line) for line in captured.out.splitlines()]
    assert [d["article"]["published"] for d in docs] == ["2016-12-17", "2017-01-05",
                                                          "2017-01-05"]
    assert all(not d["errors"] for d in docs)
    assert "eventlens: warning: " in captured.err and "'soon'" in captured.err
