"""Progress of long commands (``ingest``, ``batch``) on stderr.

On a terminal: a rich status line with the counts, the rate and, when the total is
known, a bar with the share done and the time left. Elsewhere (a log file, CI, a pipe):
one plain line every ``every_s`` seconds and none in between, so a log stays readable.
"""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    """``update(done, detail)`` as work goes on; a context manager around the run."""

    def __init__(self, command: str, total: int | None = None, *, quiet: bool = False,
                 every_s: float = 10.0) -> None:
        from rich.console import Console

        self.command = command
        self.total = total
        self.quiet = quiet
        self.every_s = every_s
        self.console = Console(stderr=True)
        self.started = time.monotonic()
        self._last_line = self.started
        self._bar: Any = None
        if not quiet and self.console.is_terminal:
            self._bar = self._make_bar()

    def _make_bar(self) -> Any:
        from rich.progress import (
            BarColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import (
            Progress as RichProgress,
        )

        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
        if self.total:
            columns += [BarColumn(), TextColumn("{task.completed}/{task.total}"),
                        TimeRemainingColumn()]
        columns.append(TimeElapsedColumn())
        bar = RichProgress(*columns, console=self.console, refresh_per_second=4)
        self._task = bar.add_task("starting (loading models)...", total=self.total)
        return bar

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def update(self, done: int, detail: str = "", final: bool = False) -> None:
        """Report ``done`` units of work (inputs) and a short ``detail`` of counts."""
        now = time.monotonic()
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        text = f"{done:,} inputs ({rate:.1f}/s)" + (f" | {detail}" if detail else "")
        if self._bar is not None:
            self._bar.update(self._task, completed=done, description=text)
            return
        if self.quiet or (not final and now - self._last_line < self.every_s):
            return
        self._last_line = now
        left = ""
        if self.total and rate > 0 and done < self.total:
            left = f", about {_clock((self.total - done) / rate)} left"
        of_total = f" of {self.total:,}" if self.total else ""
        print(f"eventlens {self.command}: {done:,}{of_total} inputs ({rate:.1f}/s)"
              f"{' | ' + detail if detail else ''}, {_clock(elapsed)} elapsed{left}",
              file=sys.stderr, flush=True)


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
