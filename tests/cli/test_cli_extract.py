"""`eventlens extract` through the real CLI: good inputs, bad inputs, JSON-lines batches."""

from __future__ import annotations

import functools
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventlens.cli import stage as cli
from testkit import FIXTURES

PAGES = FIXTURES / "pages"
EVENTLENS = [sys.executable, "-m", "eventlens"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_single_html_file(capsys: pytest.CaptureFixture[str], nlp_model: object) -> None:
    page = PAGES / "broadsheet.html"
    code, out, err = _run(["extract", str(page), "--url", "https://ledger.test/doha"], capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["id"] == str(page)
    assert doc["article"]["title"] == "Talks in Doha end without a ceasefire deal"
    assert doc["article"]["url"] == "https://ledger.test/doha"
    assert doc["article"]["published"] == "2024-03-14"
    assert doc["errors"] == []
    text = doc["article"]["text"]
    for sent in doc["sentences"]:
        assert 0 <= sent["start"] < sent["end"] <= len(text)


def test_published_option_and_jsonl_format(
    capsys: pytest.CaptureFixture[str], nlp_model: object
) -> None:
    argv = ["extract", str(PAGES / "plain.txt"), "--published", "2024-05-10", "--format", "jsonl"]
    code, out, _ = _run(argv, capsys)
    assert code == 0 and out.count("\n") == 1
    assert json.loads(out)["article"]["published"] == "2024-05-10"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00" * 50, "binary"),
        (b"", "input is empty"),
        (b"\n\n   \n", "input is empty"),
        ("Talks in Erbil — ".encode() + b"\xc3\x28\xa0\xa1 resumed", "not valid UTF-8"),
    ],
)
def test_bad_single_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    path = tmp_path / "bad input.html"
    path.write_bytes(content)
    code, out, err = _run(["extract", str(path)], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"eventlens: error: {path}: ")
    assert reason in err


def test_page_without_body_text_names_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp_model: object
) -> None:
    # The RawInput read from the file reaches the pipeline whole: the error names the file.
    path = tmp_path / "page.html"
    path.write_text(
        "<!doctype html><html><head><title>Nothing here</title></head>"
        '<body><nav><a href="/">Home</a></nav></body></html>\n',
        encoding="utf-8",
    )
    code, out, err = _run(["extract", str(path)], capsys)
    assert code == 2 and out == ""
    assert err == f"eventlens: error: {path}: no article text found\n"


def test_fifty_megabyte_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.html"
    block = b"<p>" + b"Protesters marched through the capital again. " * 20 + b"</p>\n"
    with path.open("wb") as fh:
        fh.write(b"<html><body>")
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block)
    assert path.stat().st_size > 50 * 1024 * 1024
    code, out, err = _run(["extract", str(path)], capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"eventlens: error: {path}: input too large") and err.count("\n") == 1


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv, needle in [
        (["extract"], "give a PATH"),
        (["extract", str(PAGES / "plain.txt"), "--published", "23/10/2016"], "YYYY-MM-DD"),
        (["extract", str(tmp_path / "missing.txt")], "missing.txt: No such file"),
        (["extract", str(tmp_path)], "is a directory"),
        (["extract", "--jsonl", str(tmp_path / "missing.jsonl")], "missing.jsonl"),
    ]:
        code, out, err = _run(argv, capsys)
        assert code == 2 and out == "" and needle in err and err.count("\n") == 1, argv


def test_subprocess_bad_input_has_no_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 64)
    proc = subprocess.run(
        [*EVENTLENS, "extract", str(junk)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"eventlens: error: {junk}: looks like binary data, not text or HTML\n"


def _batch_lines(n: int) -> list[bytes]:
    places = ["Kabul", "Lagos", "Quito", "Dhaka", "Tbilisi", "Harare"]
    lines = []
    for i in range(n):
        place = places[i % len(places)]
        text = f"Police detained {i + 2} protesters in {place} on Monday, officials said."
        lines.append(json.dumps({"id": f"doc-{i}", "text": text, "published": "2024-04-02"}))
    return [line.encode() for line in lines]


def _with_bad_lines(lines: list[bytes]) -> list[bytes]:
    out = list(lines)
    out.insert(3, b'{"id": "broken", "text": "unterminated')
    out.insert(7, b'{"id": "nobody", "html": 42}')
    out.insert(11, b'{"id": "empty", "text": "   "}')
    out.insert(15, b'{"id": "badutf8", "text": "caf\xff"}')
    out.insert(19, b"\x00\x01\x02 binary")
    # A lone surrogate escape is valid JSON but not encodable: it must not break the batch.
    out.append(b'{"id": "surrogate", "text": "Talks \\ud800 resumed in Doha on Monday."}')
    return out


@pytest.mark.parametrize("jobs", [1, 2])
def test_jsonl_batch_order_ids_and_errors(tmp_path: Path, jobs: int, nlp_model: object) -> None:
    good = _batch_lines(36)
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(_with_bad_lines(good)) + b"\n")
    proc = subprocess.run(
        [*EVENTLENS, "extract", "--jsonl", str(source), "--jobs", str(jobs)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr  # some lines failed, the batch finished
    assert "Traceback" not in proc.stderr
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(docs) == 42
    ids = [d["id"] for d in docs]
    expected_ids = [f"doc-{i}" for i in range(36)]
    for pos, bad_id in [(3, "broken"), (7, "nobody"), (11, "empty"), (15, "badutf8"), (19, None)]:
        expected_ids.insert(pos, bad_id)
    expected_ids[3] = None  # malformed JSON: no id can be read back
    expected_ids.append("surrogate")
    assert ids == expected_ids
    bad = [d for d in docs if d["errors"]]
    assert [d["id"] for d in bad] == [None, "nobody", "empty", "badutf8", None]
    assert all(e["errors"][0].startswith(f"{source}:") for e in bad)
    reported = [ln for ln in proc.stderr.splitlines() if ln.startswith("eventlens: error: ")]
    assert len(reported) == 5, proc.stderr
    assert docs[-1]["article"]["text"] == "Talks \ufffd resumed in Doha on Monday."
    for doc in docs[:-1]:
        if not doc["errors"]:
            n = int(doc["id"].split("-")[1])
            assert f"detained {n + 2} protesters" in doc["article"]["text"]
            assert doc["article"]["published"] == "2024-04-02"


def test_jsonl_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, nlp_model: object
) -> None:
    data = b"\n".join(_batch_lines(2)) + b"\nnot json\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = _run(["extract", "--jsonl", "-", "--jobs", "1"], capsys)
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["id"] for d in docs] == ["doc-0", "doc-1", None]
    assert docs[2]["errors"][0].startswith("<stdin>:3: malformed JSON")
    assert err.startswith("eventlens: error: <stdin>:3: malformed JSON") and code == 1


def test_single_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, nlp_model: object
) -> None:
    data = (PAGES / "wire.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = _run(["extract", "-"], capsys)
    doc = json.loads(out)
    assert code == 0 and doc["id"] == "<stdin>"
    assert doc["article"]["byline"] == "Amina Yusuf; Tom Berger"


@pytest.mark.parametrize("run", ["(" * 20_000, '"' * 100_000])
def test_long_run_without_spaces_extracts_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp_model: object, run: str
) -> None:
    # Tokenizing such runs was quadratic: 20,000 "(" took 96 s, 100,000 quote marks > 150 s.
    path = tmp_path / "run.txt"
    path.write_text(f"Talks in Goma\n\nRebels attacked Goma on Monday, the army said. {run} "
                    "Talks resumed on Tuesday.\n", encoding="utf-8")
    started = time.perf_counter()
    code, out, err = _run(["extract", str(path)], capsys)
    assert time.perf_counter() - started < 10
    assert code == 0 and err == ""
    doc = json.loads(out)
    text = doc["article"]["text"]
    assert run in text
    assert all(text[e["start"]:e["end"]] == e["text"] for e in doc["entities"])
    assert any(e["text"] == "Goma" for e in doc["entities"])


def test_time_limit_error_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp_model: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eventlens.cli import extract as extract_cli
    from eventlens.config import Config
    from eventlens.quotes import stage as quotes

    def stuck(doc: object, actors: object) -> list[object]:
        while True:  # a stage that never ends
            time.sleep(0.05)

    monkeypatch.setattr(quotes, "find_quotes", stuck)
    monkeypatch.setattr(extract_cli, "Config", functools.partial(Config, stage_time_limit_s=0.5))
    path = tmp_path / "article.txt"
    path.write_text("Rebels attacked Goma on Monday, the army said.\n", encoding="utf-8")
    code, out, err = _run(["extract", str(path)], capsys)
    assert code == 2 and out == ""
    assert err == f"eventlens: error: {path}: stages took longer than 0.5 s on this article\n"
