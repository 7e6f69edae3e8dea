"""The installed entry points: `eventlens` next to the interpreter and `python -m eventlens`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eventlens import __version__


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "eventlens", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"eventlens {__version__}"


def test_console_script_is_installed_next_to_the_interpreter() -> None:
    script = Path(sys.executable).with_name("eventlens")
    assert script.exists(), f"{script} missing: is eventlens installed in this environment?"
    out = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True)
    for command in ("extract", "ingest", "query", "export", "serve", "batch", "eval", "demo"):
        assert command in out.stdout
