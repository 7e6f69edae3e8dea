"""CLI usage errors are one line with exit code 2, and start-up loads no pipeline module."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from eventlens.cli import stage as cli
from eventlens.events.lexicon import PLOVER_TYPES
from eventlens.store.stage import open_store


def error_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


@pytest.fixture()
def empty_db(tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    open_store(str(db)).close()
    return db


@pytest.mark.parametrize("command", ["query", "export"])
@pytest.mark.parametrize(
    ("flag", "value", "bad", "form"),
    [
        ("--type", "FOO", "'FOO'", "expected PLOVER types"),
        ("--type", "assault,Bogus", "'Bogus'", "expected PLOVER types"),
        ("--country", "Iraq", "'Iraq'", "3 letters A-Z"),
        ("--country", "IRQ,I1Q", "'I1Q'", "3 letters A-Z"),
        ("--status", "maybe", "'maybe'", "unknown status"),
        ("--sector", "G0V", "'G0V'", "PLOVER sector codes"),
    ],
)
def test_bad_filter_value_is_a_one_line_usage_error(
    command: str, flag: str, value: str, bad: str, form: str, empty_db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [command, "--db", str(empty_db), flag, value]
    if command == "export":
        argv += ["--format", "csv"]
    assert cli.main(argv) == 2
    lines = error_lines(capsys)
    assert len(lines) == 1
    assert lines[0].startswith(f"eventlens: error: {flag}: ")
    assert bad in lines[0] and form in lines[0]
    if flag == "--type":
        assert all(t in lines[0] for t in PLOVER_TYPES)


def test_bad_filter_value_is_refused_before_the_store_is_looked_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["query", "--db", str(tmp_path / "none.db"), "--type", "FOO"]) == 2
    assert "--type" in capsys.readouterr().err


def test_good_filter_values_in_any_case_are_accepted(
    empty_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["query", "--db", str(empty_db), "--type", "assault, COERCE", "--country", "irq,SYR",
            "--status", "Occurred,negated", "--sector", "gov,MIL", "--format", "json"]
    assert cli.main(argv) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_serve_refuses_a_missing_store_without_create(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo.db"
    assert cli.main(["serve", "--db", str(db), "--port", "1"]) == 2
    lines = error_lines(capsys)
    assert len(lines) == 1 and "no such store" in lines[0] and "--create" in lines[0]
    assert lines[0].startswith(f"eventlens: error: {db}: ")
    assert not db.exists()


@pytest.mark.parametrize("create", [False, True])
def test_serve_on_a_busy_port_is_one_line(
    create: bool, empty_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.db" if create else empty_db
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        argv = ["serve", "--db", str(db), "--port", str(port)] + (["--create"] if create else [])
        assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert "serving" not in captured.out
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert lines == [f"eventlens: error: port {port} on 127.0.0.1 is in use"]


def test_bind_port_gives_a_listening_socket_to_uvicorn() -> None:
    from eventlens.cli.serve import bind_port

    sock = bind_port("127.0.0.1", 0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()


HEAVY = ("spacy", "thinc", "trafilatura", "eventlens.pipeline", "eventlens.nlp", "uvicorn",
         "fastapi", "eventlens.eval.events", "eventlens.places.stage")


def test_building_the_parser_imports_no_heavy_module() -> None:
    code = (
        "import sys\n"
        "import eventlens.cli.stage as s\n"
        "parser = s.build_parser()\n"
        "for argv in (['query', '--type', 'X'], ['serve'], ['ingest', 'a'], ['export',"
        " '--format', 'csv'], ['extract', 'f'], ['batch', 'a', '-o', 'b'], ['demo'],"
        " ['resolve-places', '--jsonl', '-']):\n"
        "    parser.parse_args(argv)\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("argv", [["--help"], ["query", "--help"], ["eval", "--help"]])
def test_help_exits_0_in_a_fresh_process(argv: list[str]) -> None:
    out = subprocess.run([sys.executable, "-m", "eventlens", *argv], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "usage: eventlens" in out.stdout


def test_eval_subcommand_still_gets_its_flags() -> None:
    args = cli.build_parser().parse_args(["eval", "places", "--dataset", "lgl", "--limit", "2"])
    assert args.limit == 2 and args.dataset == "lgl" and callable(args.func)


def test_query_undated_switch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eventlens.store.stage import open_store
    from testkit.web import add, protest_doc, undated_doc

    db = tmp_path / "u.db"
    with open_store(db) as store:
        add(store, protest_doc(), "protest.json")
        add(store, undated_doc(), "undated.json")
    for flag, wanted in (("--undated", ["PROTEST"]), ("--no-undated", ["PROTEST"])):
        assert cli.main(["query", "--db", str(db), flag, "--format", "json"]) == 0
        got = json.loads(capsys.readouterr().out)
        assert [e["type"] for e in got] == wanted
        assert [e["day"] is None for e in got] == [flag == "--undated"]
