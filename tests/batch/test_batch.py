"""eventlens batch: input readers, Parquet tables, local and Ray engines."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventlens.batch.stage import BatchOptions, run_batch
from eventlens.cli import stage as cli
from eventlens.config import Config
from eventlens.errors import InputError
from eventlens.inputs.datasets import iter_inputs, list_input_files
from eventlens.inputs.tables import DatasetWriter, read_documents, read_table
from eventlens.pipeline import extract_many
from eventlens.records import Actor, Document, Event, Place, Quote, RawInput, Speaker
from testkit import ROOT

# Short illustrative articles written for these tests (not real news).
ARTICLES = [
    {
        "id": "a1",
        "published": "2024-03-04",
        "title": "Talks in Geneva",
        "text": "Foreign ministers from France and Germany met in Geneva on Monday to discuss "
        "the ceasefire. \"We agreed on the next steps,\" the French minister said.",
    },
    {
        "id": "a2",
        "published": "2024-03-05",
        "text": "Police arrested 12 protesters in Nairobi on Tuesday after a march against "
        "fuel prices. The interior ministry said the march was illegal.",
    },
    {
        "id": "a3",
        "text": "Rebels attacked an army base near Goma, the army said on Wednesday. Kenya "
        "condemned the attack and called for talks.",
    },
]


def _write_jsonl(path: Path, rows: list[dict[str, Any]], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + extra, encoding="utf-8")
    return path


def _write_warc(path: Path, pages: list[tuple[str, str]], truncate: bool = False) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                           http_headers=headers)
        writer.write_record(record)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) - 40] if truncate else data)
    return path


def _html(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>" \
           f"<p>{body}</p></article></body></html>"


def _table_rows(out: Path, table: str) -> list[dict[str, Any]]:
    rows = read_table(out, table).to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def test_readers_cover_jsonl_parquet_warc_and_directories(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write_jsonl(folder / "a.jsonl", ARTICLES[:2], extra='{"id": "x", broken\n')
    pq.write_table(pa.Table.from_pylist([ARTICLES[2]]), folder / "b.parquet")
    page = ("https://example.org/1", _html("One", ARTICLES[0]["text"]))
    _write_warc(folder / "c.warc.gz", [page])
    (folder / "d.txt").write_text(ARTICLES[1]["text"], encoding="utf-8")
    (folder / ".hidden.txt").write_text("skipped", encoding="utf-8")
    assert [Path(p).name for p in list_input_files([str(folder)])] == [
        "a.jsonl", "b.parquet", "c.warc.gz", "d.txt"]
    items = list(iter_inputs([str(folder), str(tmp_path / "missing.jsonl")], 10_000))
    raws = [i for i in items if isinstance(i, RawInput)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [r.id for r in raws[:3]] == ["a1", "a2", "a3"]
    assert raws[2].source.endswith("b.parquet:1")
    warc = raws[3]
    assert warc.url == "https://example.org/1" and warc.is_html and "Geneva" in warc.content
    assert raws[4].source.endswith("d.txt")
    assert len(errors) == 2
    assert "malformed JSON" in str(errors[0]) and "missing.jsonl" in str(errors[1])


def test_truncated_warc_keeps_earlier_records_and_names_the_file(tmp_path: Path) -> None:
    pages = [(f"https://example.org/{i}", _html(f"T{i}", a["text"]))
             for i, a in enumerate(ARTICLES)]
    path = _write_warc(tmp_path / "crawl.warc.gz", pages, truncate=True)
    items = list(iter_inputs([str(path)], 1_000_000))
    assert sum(isinstance(i, RawInput) for i in items) == 2
    assert "truncated" in str(items[-1])
    assert isinstance(items[-1], InputError) and "crawl.warc.gz" in str(items[-1])
    garbage = tmp_path / "junk.warc"
    garbage.write_bytes(gzip.compress(b"\x00\x01 not a warc") * 3)
    (err,) = list(iter_inputs([str(garbage)], 1_000_000))
    assert isinstance(err, InputError) and "junk.warc" in str(err)


def _full_document() -> Document:
    actor = Actor(text="the army", name="Army", country="COD", sector="MIL", start=0, end=8)
    place = Place(text="Goma", start=30, end=34, name="Goma", lat=-1.68, lon=29.22,
                  country="COD", admin1="North Kivu", geonameid=216281, feature="P.PPLA")
    event = Event(type="ASSAULT", mode="firearms", context="military", cameo="19",
                  source=actor, target=None, location=place, date="2024-03-06",
                  date_text="on Wednesday", status="occurred", trigger="attacked",
                  sentence="Rebels attacked ...", start=0, end=60, confidence=0.8125,
                  date_precision="day", trigger_start=7, trigger_end=15, reported_by=actor)
    quote = Quote(text="We agreed", start=70, end=79,
                  speaker=Speaker(name="Army", text="the army", start=0, end=8))
    doc = Document(id="d1", actors=[actor], places=[place], events=[event],
                   quotes=[quote, Quote(text="caliphate", start=90, end=99)])
    doc.article.text, doc.article.published, doc.article.captions = "x" * 120, "2024-03-06", ["c"]
    return doc


def test_tables_round_trip_every_field(tmp_path: Path) -> None:
    docs = [_full_document(), Document(id="bad", errors=["in.jsonl:3: input is empty"])]
    undated = _full_document()
    undated.id, undated.article.published = "d2", None
    docs.append(undated)
    writer = DatasetWriter(tmp_path, flush_docs=2)
    for n, doc in enumerate(docs):
        writer.add(doc.to_dict(), article_id=f"in#{n}", content_hash=f"h{n}")
    counts = writer.close()
    assert counts["articles"] == 2 and counts["events"] == 2 and counts["errors"] == 1
    assert (tmp_path / "events" / "published=2024-03-06").is_dir()
    back = {aid: (doc, digest) for doc, digest, aid in read_documents(tmp_path)}
    assert back["in#0"] == (docs[0].to_dict(), "h0")
    assert back["in#2"] == (docs[2].to_dict(), "h2")
    event = read_table(tmp_path, "events").to_pylist()[0]
    assert event["source_country"] == "COD" and event["location_geonameid"] == 216281
    assert event["target_name"] is None and event["published"] in ("2024-03-06", None)
    assert read_table(tmp_path, "errors").to_pylist()[0]["message"].endswith("input is empty")


def test_batch_equals_extract_and_records_failures(tmp_path: Path, config: Config) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES, extra='{"id": "x", oops\n')
    out = tmp_path / "out"
    summary = run_batch([str(src), str(tmp_path / "nope.warc")], out, config, BatchOptions())
    assert summary["inputs"] == 5 and summary["rows"]["errors"] == 2
    expected = list(extract_many(
        [RawInput(content=a["text"], id=a["id"], published=a.get("published"),
                  title=a.get("title")) for a in ARTICLES], config))
    got = {doc["id"]: doc for doc, _, _ in read_documents(out)}
    assert got == {d.id: d.to_dict() for d in expected}
    with pytest.raises(InputError, match="not empty"):
        run_batch([str(src)], out, config, BatchOptions())


def test_cli_batch_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES[:1])
    out = tmp_path / "out"
    assert cli.main(["batch", str(src), "--output", str(out), "--workers", "1"]) == 0
    assert "1 articles" in capsys.readouterr().err
    assert cli.main(["batch", str(src), "--output", str(out), "--workers", "1"]) == 2
    assert cli.main(["batch", str(src), "-o", str(out), "--address", "auto"]) == 2


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # raised inside Ray Data
def test_ray_engine_equals_local_engine(tmp_path: Path, config: Config) -> None:
    pytest.importorskip("ray")
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES, extra='{"id": "x", oops\n')
    warc = _write_warc(tmp_path / "w.warc.gz",
                       [("https://example.org/w", _html("W", ARTICLES[2]["text"]))])
    local, ray_out = tmp_path / "local", tmp_path / "ray"
    run_batch([str(src), str(warc)], local, config, BatchOptions(workers=1))
    summary = run_batch([str(src), str(warc)], ray_out, config,
                        BatchOptions(engine="ray", workers=2, ray_num_cpus=2))
    assert summary["inputs"] == 5 and summary["rows"]["articles"] == 4
    for table in ("articles", "events", "places", "quotes", "actors", "entities", "errors"):
        assert _table_rows(ray_out, table) == _table_rows(local, table), table


def test_timings_hook_counts_every_stage_without_changing_output(config: Config) -> None:
    raws = [RawInput(content=a["text"], id=a["id"], published=a.get("published"))
            for a in ARTICLES]
    timings: dict[str, float] = {}
    timed = [d.to_dict() for d in extract_many(raws, config, timings=timings)]
    assert timed == [d.to_dict() for d in extract_many(raws, config)]
    expected = {"article", "parse", "dates", "actors", "places", "quotes", "events", "assemble"}
    assert set(timings) == expected
    assert all(v >= 0 for v in timings.values()) and timings["parse"] > 0


def test_two_worker_processes_give_the_same_documents_in_order(config: Config) -> None:
    from eventlens.batch.parallel import run_documents

    items: list[RawInput | InputError] = [
        RawInput(content=a["text"], id=a["id"], published=a.get("published")) for a in ARTICLES
    ] * 6
    items.insert(5, InputError("in.jsonl:6", "malformed JSON"))
    serial = list(run_documents(items, config, 1))
    parallel = list(run_documents(items, Config(jobs=2, batch_size=4), 2))
    assert [d["id"] for d in parallel] == [d["id"] for d in serial]
    assert parallel == serial and parallel[5]["errors"] == ["in.jsonl:6: malformed JSON"]


def test_runaway_stage_becomes_an_error_and_the_batch_goes_on(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from eventlens.quotes import stage as quotes

    real = quotes.find_quotes

    def slow_on_nairobi(doc: Any, actors: Any) -> Any:
        while "Nairobi" in doc.text:  # a stage stuck in a loop on one article
            time.sleep(0.05)
        return real(doc, actors)

    monkeypatch.setattr(quotes, "find_quotes", slow_on_nairobi)
    raws = [RawInput(content=a["text"], id=a["id"], source=a["id"]) for a in ARTICLES]
    limited = Config(jobs=1, stage_time_limit_s=0.5)
    docs = list(extract_many(raws, limited))
    assert [bool(d.errors) for d in docs] == [False, True, False]
    assert "a2: StageTimeout: stages took longer than 0.5 s" in docs[1].errors[0]
    assert docs[2].article.text == ARTICLES[2]["text"]


def test_bench_report_replaces_only_its_own_sections() -> None:
    import importlib.util

    path = ROOT / "bench" / "run_all.py"
    spec = importlib.util.spec_from_file_location("run_all", path)
    assert spec and spec.loader
    run_all = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_all)
    before = "# Performance\n\n## Places\n\nkept 1\n\n## Cost growth\n\nold\n\n## Store\n\nkept 2\n"
    after = run_all.merge_sections(before, {"Cost growth": "new", "Memory per worker": "m"})
    assert after == ("# Performance\n\n## Places\n\nkept 1\n\n## Cost growth\n\nnew\n\n"
                     "## Store\n\nkept 2\n\n## Memory per worker\n\nm\n")
