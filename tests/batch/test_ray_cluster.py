"""Batch on a real two-node Ray cluster on this machine survives killed workers and nodes.

The cluster is started the way a user starts one (``ray start --head``, then a second
node joining it with ``ray start --address``); the test kills an extraction actor and
then the whole second node (its raylet and every worker under it) while the batch runs,
and checks the dataset against the local engine's: no article missing, none twice.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventlens.inputs.tables import read_table

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

TABLES = ("articles", "events", "places", "quotes", "actors", "entities", "errors")
# Short illustrative reports written for this test (not real news).
TEXTS = [
    "Police arrested {n} protesters in Nairobi on Tuesday after a march against fuel "
    "prices. The interior ministry said the march was illegal.",
    "Rebels attacked an army base near Goma, the army said on Wednesday. Kenya condemned "
    "the attack and called for talks.",
    "Foreign ministers from France and Germany met in Geneva on Monday to discuss the "
    "ceasefire. \"We agreed on the next steps,\" the French minister said.",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pids(pattern: str) -> list[int]:
    """Processes whose command line contains ``pattern`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if pattern in cmdline and "pytest" not in cmdline:
            found.append(int(entry.name))
    return found


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(entry.parent.name))
    return kids


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture
def cluster() -> Iterator[dict[str, Any]]:
    """A head node (1 CPU) and a second node (2 CPUs) joined to it, token-authenticated."""
    ray_bin = Path(sys.executable).with_name("ray")
    if not ray_bin.exists():
        pytest.skip("Ray is not installed")
    # Ray's socket paths must stay short: a temp dir directly under /tmp.
    base = Path(tempfile.mkdtemp(prefix="elray", dir="/tmp"))
    token = base / "token"
    token.write_text(os.urandom(32).hex(), encoding="utf-8")
    env = dict(os.environ, RAY_AUTH_MODE="token", RAY_AUTH_TOKEN_PATH=str(token),
               RAY_USAGE_STATS_ENABLED="0")
    port, node_port = _free_port(), _free_port()
    common = ["--disable-usage-stats", "--min-worker-port=20000", "--max-worker-port=20999"]
    try:
        subprocess.run([str(ray_bin), "start", "--head", f"--port={port}", "--num-cpus=1",
                        "--include-dashboard=false", f"--temp-dir={base / 'ray'}", *common],
                       env=env, check=True, capture_output=True, timeout=120)
        subprocess.run([str(ray_bin), "start", f"--address=127.0.0.1:{port}", "--num-cpus=2",
                        f"--node-manager-port={node_port}", *common],
                       env=env, check=True, capture_output=True, timeout=120)
        yield {"address": f"127.0.0.1:{port}", "env": env, "node_port": node_port}
    finally:
        subprocess.run([str(ray_bin), "stop", "--force"], env=env, capture_output=True,
                       timeout=120)


def _write_input(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(t.format(n=i + 2) for t in TEXTS) + f" Report number {i}."
            f.write(json.dumps({"id": f"r{i}", "published": f"2024-03-{1 + i % 28:02d}",
                                "text": text}) + "\n")
    return path


def _rows(out: Path, table: str) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str)
                  for r in read_table(out, table).to_pylist())


def test_batch_survives_a_killed_actor_and_a_killed_node(
    tmp_path: Path, cluster: dict[str, Any]
) -> None:
    src = _write_input(tmp_path / "in.jsonl", 900)
    cmd = [sys.executable, "-m", "eventlens", "batch", str(src), "--workers", "2"]
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    subprocess.run([*cmd, "-o", str(local)], check=True, capture_output=True, timeout=600)
    run = subprocess.Popen(
        [*cmd, "-o", str(on_ray), "--engine", "ray", "--address", cluster["address"]],
        env=cluster["env"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 300
    while not _pids("ray::MapWorker"):  # extraction actors started
        assert run.poll() is None, run.stderr.read() if run.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.2)
    time.sleep(4)  # models loaded, batches under way
    assert run.poll() is None, "the batch ended before any fault was injected"
    for pid in _pids("ray::MapWorker")[:1]:
        _kill(pid)
    time.sleep(3)
    raylet = _pids(f"node_manager_port={cluster['node_port']}")
    assert raylet, "second node's raylet not found"
    for pid in raylet:
        for child in _children(pid):
            _kill(child)
        _kill(pid)
    assert run.poll() is None, "the batch ended before the node was killed"
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err[-2000:]
    for table in TABLES:
        assert _rows(on_ray, table) == _rows(local, table), table
    ids = read_table(on_ray, "articles").column("article_id").to_pylist()
    assert len(ids) == len(set(ids)) == 900
