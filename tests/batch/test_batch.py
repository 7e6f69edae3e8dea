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


# --- one item's failure stays that item's: long inputs, parser errors, time limits ---


def test_text_over_the_parser_limit_is_split_per_item(
    config: Config, nlp_model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Over spaCy's length limit (made small here: 2-10 MB inputs took the whole batch down
    # with E088); the long article is parsed in parts, its offsets index its text.
    monkeypatch.setattr(nlp_model, "max_length", 600)
    long_text = "\n\n".join([ARTICLES[2]["text"]] * 12)
    raws = [RawInput(content=a["text"], id=a["id"]) for a in ARTICLES[:2]]
    raws.insert(1, RawInput(content=long_text, id="long", source="long.txt"))
    docs = list(extract_many(raws, config))
    assert [d.id for d in docs] == ["a1", "long", "a2"]
    assert all(not d.errors for d in docs)
    long_doc = docs[1]
    assert long_doc.article.text == long_text
    assert len(long_doc.sentences) == 24
    for sent in long_doc.sentences:
        assert long_text[sent.start:sent.end].strip()
    assert all(long_text[e.start:e.end] == e.text for e in long_doc.entities)
    assert all(long_text[ev.start:ev.end] for ev in long_doc.events)
    assert sum(p.name == "Goma" for p in long_doc.places) == 12


def test_extract_jsonl_keeps_going_past_a_text_over_the_parser_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp_model: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp_model, "max_length", 600)
    rows = [ARTICLES[0], {"id": "long", "text": "\n".join([ARTICLES[1]["text"]] * 10)},
            ARTICLES[2]]
    src = _write_jsonl(tmp_path / "in.jsonl", rows)
    assert cli.main(["extract", "--jsonl", str(src), "--jobs", "1"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["id"] for d in out] == ["a1", "long", "a3"]
    assert all(d["errors"] == [] for d in out)
    text = out[1]["article"]["text"]
    assert len(text) > 600 and text.count("Police arrested") == 10
    assert all(text[e["start"]:e["end"]] == e["text"] for e in out[1]["entities"])


def test_ingest_of_a_folder_stores_the_good_file_beside_a_too_long_one(
    tmp_path: Path, nlp_model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventlens.store.stage import open_store

    monkeypatch.setattr(nlp_model, "max_length", 600)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLES[0]["text"], encoding="utf-8")
    (folder / "long.txt").write_text("\n".join([ARTICLES[1]["text"]] * 10), encoding="utf-8")
    db = tmp_path / "events.db"
    assert cli.main(["ingest", str(folder), "--db", str(db), "--jobs", "1", "--quiet"]) == 0
    with open_store(db) as store:
        stats = store.stats()
    assert stats["articles"] == 2 and stats["errors"] == 0


def test_a_parser_failure_fails_only_its_article(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventlens import nlp

    real = nlp.parse_texts

    def fails_on_boom(model: Any, texts: Any, batch_size: int) -> Any:
        texts = list(texts)
        if any("BOOM" in t for t in texts):
            raise ValueError("cannot parse BOOM")
        return real(model, texts, batch_size)

    monkeypatch.setattr(nlp, "parse_texts", fails_on_boom)
    raws = [RawInput(content=a["text"], id=a["id"], source=a["id"]) for a in ARTICLES]
    raws.insert(1, RawInput(content="Talks on BOOM resumed.", id="boom", source="boom.txt"))
    docs = list(extract_many(raws, config))
    assert [d.id for d in docs] == ["a1", "boom", "a2", "a3"]
    assert docs[1].errors == ["boom.txt: ValueError: cannot parse BOOM"]
    expected = list(extract_many([r for r in raws if r.id != "boom"], Config(jobs=1)))
    assert [d.to_dict() for d in docs if d.id != "boom"] == [d.to_dict() for d in expected]


def test_time_limit_covers_the_parse(config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from eventlens import nlp

    real = nlp.parse_texts

    def slow_on_nairobi(model: Any, texts: Any, batch_size: int) -> Any:
        texts = list(texts)
        while any("Nairobi" in t for t in texts):  # a parse that would never end
            time.sleep(0.05)
        return real(model, texts, batch_size)

    monkeypatch.setattr(nlp, "parse_texts", slow_on_nairobi)
    raws = [RawInput(content=a["text"], id=a["id"], source=a["id"]) for a in ARTICLES]
    limited = Config(jobs=1, stage_time_limit_s=0.5)
    docs = list(extract_many(raws, limited))
    assert [bool(d.errors) for d in docs] == [False, True, False]
    assert docs[1].errors == ["a2: StageTimeout: stages took longer than 0.5 s on this article"]
    assert [d.to_dict() for d in docs[::2]] == [
        d.to_dict() for d in extract_many(raws[::2], Config(jobs=1))]


@pytest.mark.slow
def test_worker_that_overruns_or_dies_is_replaced_and_its_article_fails_alone() -> None:
    import stuck_workers

    from eventlens.batch.parallel import pool_documents, run_documents

    texts = {
        "a1": ARTICLES[0]["text"],
        "hangs-in-stage": ARTICLES[1]["text"],  # Nairobi
        "a3": ARTICLES[2]["text"],
        "hangs-in-parse": "Gunmen attacked a hotel in Mogadishu on Friday, police said.",
        "dies": "Protesters marched in Kinshasa on Sunday, witnesses said.",
        "a1-again": ARTICLES[0]["text"],
    }
    items: list[RawInput | InputError] = [
        RawInput(content=t, id=k, source=f"{k}.txt") for k, t in texts.items()]
    items.insert(3, InputError("in.jsonl:4", "malformed JSON"))
    limited = Config(jobs=2, batch_size=2, stage_time_limit_s=1.0)
    docs = list(pool_documents(items, limited, 2, worker=stuck_workers.misbehaving_worker))
    assert [d["id"] for d in docs] == [
        "a1", "hangs-in-stage", "a3", None, "hangs-in-parse", "dies", "a1-again"]
    timeout = "StageTimeout: stages took longer than 1 s on this article (worker process stopped)"
    errors = {d["id"]: d["errors"] for d in docs}
    assert errors["hangs-in-stage"] == [f"hangs-in-stage.txt: {timeout}"]
    assert errors["hangs-in-parse"] == [f"hangs-in-parse.txt: {timeout}"]
    assert errors["dies"] == ["dies.txt: worker process died (signal 9) on this article"]
    assert errors[None] == ["in.jsonl:4: malformed JSON"]
    good = [i for i in items if isinstance(i, RawInput) and i.id in ("a1", "a3", "a1-again")]
    assert [d for d in docs if d["id"] in ("a1", "a3", "a1-again")] == list(
        run_documents(good, Config(jobs=1), 1))


_PARENT_SCRIPT = """
import itertools, sys, time
from eventlens.batch.parallel import run_documents
from eventlens.config import Config
from eventlens.records import RawInput

def items():
    for i in itertools.count():
        time.sleep(0.05)
        yield RawInput(content="Rebels attacked Goma on Monday.", id=str(i))

if __name__ == "__main__":
    for doc in run_documents(items(), Config(jobs=2, batch_size=1), 2):
        pass
"""


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:  # a zombie has exited; only its parent has not collected it yet
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_worker_processes_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(_PARENT_SCRIPT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)])
    try:
        # The forkserver, its two workers and the resource tracker.
        deadline = time.monotonic() + 60
        while len(family := _descendants(parent.pid)) < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(family) >= 4, family
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 5
    while (alive := {p for p in family if _running(p)}) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in alive:  # leave nothing behind, whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert not alive, "processes left after the parent died"


def test_resume_drops_parts_written_after_the_last_checkpoint(tmp_path: Path) -> None:
    docs = list(extract_many([RawInput(content=a["text"], id=a["id"], published=a.get("published"))
                              for a in ARTICLES]))
    writer = DatasetWriter(tmp_path, flush_docs=2)
    for i, doc in enumerate(docs[:2]):
        writer.add(doc.to_dict(), article_id=f"a{i}", content_hash=f"h{i}")
    # A flush that died before its checkpoint: its parts must not survive a resume.
    (tmp_path / "events" / "part-00007-0.parquet").write_bytes(b"half written")
    resumed, done = DatasetWriter.resume(tmp_path, flush_docs=2)
    assert done == {("a0", "h0"), ("a1", "h1")}
    assert not (tmp_path / "events" / "part-00007-0.parquet").exists()
    resumed.add(docs[2].to_dict(), article_id="a2", content_hash="h2")
    counts = resumed.close()
    assert counts["articles"] == 3 and read_table(tmp_path, "articles").num_rows == 3
    assert sorted(read_table(tmp_path, "articles").column("article_id").to_pylist()) == [
        "a0", "a1", "a2"]


def test_resume_needs_checkpoints_and_excludes_overwrite(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("not a dataset", encoding="utf-8")
    assert cli.main(["batch", str(src), "-o", str(out), "--resume"]) == 2
    assert cli.main(["batch", str(src), "-o", str(out), "--resume", "--overwrite"]) == 2


@pytest.mark.slow
def test_a_killed_batch_resumes_to_the_same_dataset(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    rows = [dict(a, id=f"{a['id']}-{k}", text=f"{a['text']} Report {k}.")
            for k in range(60) for a in ARTICLES]
    src = _write_jsonl(tmp_path / "in.jsonl", rows)
    full, cut = tmp_path / "full", tmp_path / "cut"
    cmd = [sys.executable, "-m", "eventlens", "batch", str(src), "--workers", "1",
           "--checkpoint-every", "20"]
    subprocess.run([*cmd, "-o", str(full)], check=True, capture_output=True)
    proc = subprocess.Popen([*cmd, "-o", str(cut)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list((cut / "_progress").glob("flush-*.json"))) < 3:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert len(list((cut / "_progress").glob("flush-*.json"))) < 10  # stopped midway
    done = subprocess.run([*cmd, "-o", str(cut), "--resume"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "inputs already done" in done.stderr
    for table in ("articles", "events", "places", "quotes", "actors", "entities", "errors"):
        assert _table_rows(cut, table) == _table_rows(full, table), table


def test_inputs_are_counted_where_cheap(tmp_path: Path) -> None:
    from eventlens.inputs.datasets import count_inputs

    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES, extra="\n\n")
    page = tmp_path / "page.html"
    page.write_text(_html("P", "Talks resumed."), encoding="utf-8")
    table = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": ["x", "y"], "text": ["a", "b"]}), table)
    assert count_inputs([str(src), str(page), str(table)]) == 6
    warc = _write_warc(tmp_path / "w.warc.gz", [("https://example.org/w", _html("W", "x"))])
    assert count_inputs([str(src), str(warc)]) is None


def test_batch_reports_progress_with_the_total_off_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    assert cli.main(["batch", str(src), "--output", str(tmp_path / "out"), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "eventlens batch: 3 of 3 inputs" in err
    assert cli.main(["batch", str(src), "-o", str(tmp_path / "q"), "--workers", "1",
                     "--quiet"]) == 0
    assert "of 3 inputs" not in capsys.readouterr().err
