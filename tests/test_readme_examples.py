"""The README's command examples run as written (in a scratch folder with inputs named
as the README names them, made from the bundled samples).

Every ``.venv/bin/eventlens`` line of the README's ``bash`` blocks is run, except the
ones listed in ``NOT_RUN`` with the reason (a server that runs until stopped, a Ray
cluster, data only the project's shared folder has). A machine running the tests may
have no network: an ``ingest`` example's feed URL is left out of that one command.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from testkit import ROOT

pytestmark = pytest.mark.slow

SAMPLES = ROOT / "src" / "eventlens" / "samples"
EVENTLENS = Path(sys.executable).with_name("eventlens")
# Words that mark an example this test does not run, and why.
NOT_RUN = {
    "serve": "a server runs until stopped (tests/web covers it)",
    "--engine ray": "needs a Ray cluster (tests/batch/test_ray_cluster.py covers it)",
    "../shared/": "needs the project's shared data",
    "--articles evaluation/": "needs the LGL/TR-News corpora in ../shared",
}


def readme_commands() -> list[str]:
    """The README's eventlens command lines (continuations joined, comments cut)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        joined = block.replace("\\\n", " ")
        for line in joined.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith((".venv/bin/eventlens", "printf ", "echo ")):
                lines.append(line)
    return lines


def _scratch(tmp: Path) -> None:
    """The inputs the examples name, made from the bundled illustrative samples; the
    repository's test fixtures where an example names them (the README's commands run
    from the repository root)."""
    (tmp / "tests").symlink_to(ROOT / "tests", target_is_directory=True)
    wire = (SAMPLES / "nairobi-protests-wire.txt").read_text(encoding="utf-8")
    mosul = (SAMPLES / "mosul-offensive.txt").read_text(encoding="utf-8")
    shutil.copy(SAMPLES / "abuja-sanctions.html", tmp / "article.html")
    (tmp / "article.txt").write_text(wire, encoding="utf-8")
    rows = [{"id": "w", "text": wire, "published": "2024-03-05"},
            {"id": "m", "text": mosul, "published": "2016-10-23"}]
    for name in ("articles.jsonl", "news.jsonl"):
        (tmp / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp / "articles").mkdir()
    (tmp / "articles" / "mosul.txt").write_text(mosul, encoding="utf-8")
    _warc(tmp / "crawl.warc.gz", "https://example.org/abuja",
          (SAMPLES / "abuja-sanctions.html").read_text(encoding="utf-8"))
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": ["p"], "text": [mosul], "published": ["2016-10-24"]}),
                   tmp / "inputs.parquet")


def _warc(path: Path, url: str, html: str) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    path.write_bytes(buf.getvalue())
    assert gzip.decompress(path.read_bytes())  # a real gzip file


def _run(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # The README's ".venv/bin/eventlens" is this environment's eventlens.
    line = line.replace(".venv/bin/eventlens", shlex.quote(str(EVENTLENS)))
    line = line.replace(" [--json]", "").replace(" [--show]", "")
    if " ingest " in line:
        line = re.sub(r"\s+https?://\S+", "", line)  # offline: the local inputs only
    return subprocess.run(["bash", "-c", line], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_the_readme_examples_run_as_written(tmp_path: Path) -> None:
    _scratch(tmp_path)
    ran, skipped = [], []
    commands = readme_commands()
    assert len(commands) >= 12, commands
    for line in commands:
        reason = next((why for word, why in NOT_RUN.items() if word in line), None)
        if reason:
            skipped.append((line, reason))
            continue
        result = _run(line, tmp_path)
        assert result.returncode == 0, f"{line}\n{result.stderr[-1500:]}"
        ran.append(line)
    # What must have run: each command family the README shows.
    for word in ("extract article.html", "extract - <", "extract --jsonl", "--actors",
                 "query --type", "query --text", "export --format parquet",
                 "resolve-places", "batch news.jsonl crawl.warc.gz", "ingest dataset/",
                 "eval events --data tests/"):
        assert any(word in line for line in ran), (word, ran)
    assert (tmp_path / "events.parquet").exists() and (tmp_path / "dataset").is_dir()
    assert '"Mosul"' in _run(commands[[i for i, c in enumerate(commands)
                                        if "resolve-places" in c][0]], tmp_path).stdout
    assert len(skipped) < len(ran)
