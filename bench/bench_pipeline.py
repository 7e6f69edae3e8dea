"""Pipeline throughput on real news texts, against bare spaCy, in one run.

Measures, on the article texts of an LGL-style XML corpus (default
../shared/eval/geo/lgl.xml):

- bare spaCy (``nlp.pipe`` of the same model, same batch size) articles/s;
- the whole pipeline in this process (``extract_many``), with per-stage time shares
  from the ``timings`` hook, and the cost growth from the first 100 articles to all;
- ``eventlens extract --jsonl`` with 1 and 2 worker processes (subprocesses);
- ``eventlens batch --engine ray`` locally with 2 workers (subprocess);
- peak RSS per process (VmHWM from /proc, polled over each subprocess tree).

Subprocess rates are given both as wall clock including start-up and as the
steady rate: (N - n_small) / (wall_N - wall_small), where a second run on the first
n_small articles measures the fixed start-up cost. Prints/writes JSON results.

Usage: python bench/bench_pipeline.py [--corpus PATH] [--max-articles N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "geo" / "lgl.xml"
EVENTLENS = [sys.executable, "-m", "eventlens"]
SMALL_RUN = 8  # articles in the start-up-cost runs
GROWTH_FIRST = 100


def load_corpus(path: Path, limit: int | None) -> list[dict[str, Any]]:
    """Article records (id, title, text, url, published) from an LGL/TR-News XML file."""
    root = ET.parse(path).getroot()
    out = []
    for n, art in enumerate(root.iter("article")):
        text = (art.findtext("text") or "").strip()
        if not text:
            continue
        stamp = (art.findtext("dltime") or "")[:10]
        out.append({
            "id": art.get("docid") or str(n),
            "title": art.findtext("title"),
            "text": text,
            "url": art.findtext("url"),
            "published": stamp or None,
        })
    return out[:limit] if limit else out


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _cpu_s(pid: int) -> float:
    """utime + stime of ``pid`` so far, in seconds (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _peak_kib(pid: int) -> tuple[str, int] | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace").strip()
        with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return cmd, int(line.split()[1])
    except OSError:
        return None
    return None


def run_measured(cmd: list[str], stdout_path: Path) -> dict[str, Any]:
    """Run ``cmd``; return wall seconds, exit code, peak RSS and CPU seconds per process."""
    peaks: dict[int, tuple[str, int]] = {}
    cpu: dict[int, float] = {}
    with stdout_path.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, cwd=ROOT)
        done = threading.Event()

        def poll() -> None:
            while not done.is_set():
                for pid in _descendants(proc.pid):
                    got = _peak_kib(pid)
                    if got and got[1] >= peaks.get(pid, ("", 0))[1]:
                        peaks[pid] = got
                    cpu[pid] = max(cpu.get(pid, 0.0), _cpu_s(pid))
                done.wait(0.25)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, err = proc.communicate()
        wall = time.perf_counter() - started
        done.set()
        poller.join()
    return {
        "wall_s": wall,
        "rc": proc.returncode,
        "stderr_tail": err.decode(errors="replace")[-500:],
        "peaks_mib": sorted(
            ((cmd[:80], kib / 1024) for cmd, kib in peaks.values()), key=lambda x: -x[1]
        ),
        # Polled: up to 0.25 s per process may be missed at its exit.
        "cpu_total_s": sum(cpu.values()),
        "cpu_max_process_s": max(cpu.values(), default=0.0),
    }


def bench_in_process(corpus: list[dict[str, Any]], batch_size: int) -> dict[str, Any]:
    """Bare spaCy vs the whole pipeline in this process, with stage timings and growth."""
    from eventlens import nlp
    from eventlens.config import Config
    from eventlens.pipeline import extract_many
    from eventlens.records import RawInput

    config = Config(jobs=1, batch_size=batch_size)
    model = nlp.load_model(config.spacy_model)
    sample = (ROOT / "src" / "eventlens" / "samples" / "mosul-offensive.txt").read_text()
    # Warm both up on text outside the corpus: steady state, not first-call costs.
    list(model.pipe([sample] * 4))
    list(extract_many([RawInput(content=sample, id="warm")] * 2, config))
    texts = [a["text"] for a in corpus]

    t0, c0 = time.perf_counter(), time.process_time()
    for _ in model.pipe(texts, batch_size=batch_size):
        pass
    spacy_wall, spacy_cpu = time.perf_counter() - t0, time.process_time() - c0

    raws = [RawInput(content=a["text"], id=a["id"], published=a["published"], url=a["url"],
                     title=a["title"], is_html=False) for a in corpus]
    timings: dict[str, float] = {}
    marks: list[tuple[int, float, float, float]] = []
    t0, c0 = time.perf_counter(), time.process_time()
    n_events = n_errors = 0
    for n, doc in enumerate(extract_many(raws, config, timings=timings), start=1):
        n_events += len(doc.events)
        n_errors += bool(doc.errors)
        doc.to_dict()  # the CLI serialises every document; count that too
        if n in (GROWTH_FIRST, len(raws)):
            marks.append(
                (n, time.perf_counter() - t0, time.process_time() - c0, _own_rss_mib())
            )
    pipe_wall, pipe_cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "articles": len(texts),
        "chars": sum(map(len, texts)),
        "spacy_wall_s": spacy_wall,
        "spacy_cpu_s": spacy_cpu,
        "pipeline_wall_s": pipe_wall,
        "pipeline_cpu_s": pipe_cpu,
        "events": n_events,
        "errors": n_errors,
        "timings_s": timings,
        "growth": [
            {"articles": n, "wall_s": w, "cpu_s": c, "rss_mib": r} for n, w, c, r in marks
        ],
        "peak_rss_mib": _own_peak_mib(),
    }


def _own_rss_mib() -> float:
    return _status_kib("VmRSS") / 1024


def _own_peak_mib() -> float:
    return _status_kib("VmHWM") / 1024


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def bench_commands(corpus: list[dict[str, Any]], work: Path, workers: int) -> dict[str, Any]:
    """Wall clock and RSS of the CLI (1 and ``workers`` processes) and the Ray engine."""
    full, small = work / "all.jsonl", work / "small.jsonl"
    for path, rows in ((full, corpus), (small, corpus[:SMALL_RUN])):
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    runs: dict[str, Any] = {}
    variants = {
        "extract_jobs1": lambda f: [*EVENTLENS, "extract", "--jsonl", str(f), "--jobs", "1"],
        f"extract_jobs{workers}": lambda f: [
            *EVENTLENS, "extract", "--jsonl", str(f), "--jobs", str(workers)],
        f"ray_workers{workers}": lambda f: [
            *EVENTLENS, "batch", str(f), "--engine", "ray", "--workers", str(workers),
            "--output", str(work / f"ray-{f.stem}"), "--overwrite"],
    }
    for name, make in variants.items():
        big = run_measured(make(full), work / f"{name}.out")
        little = run_measured(make(small), work / f"{name}-small.out")
        steady = (len(corpus) - SMALL_RUN) / max(big["wall_s"] - little["wall_s"], 1e-9)
        runs[name] = {
            "wall_s": big["wall_s"],
            "startup_s": little["wall_s"],
            "rate_incl_startup": len(corpus) / big["wall_s"],
            "rate_steady": steady,
            "rc": big["rc"],
            "stderr_tail": big["stderr_tail"] if big["rc"] not in (0, 1) else "",
            "peaks_mib": big["peaks_mib"][:8],
            "cpu_total_s": big["cpu_total_s"],
            "cpu_max_process_s": big["cpu_max_process_s"],
            "load_after": os.getloadavg(),
        }
    return runs


def machine() -> dict[str, Any]:
    """What this ran on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "load_at_start": os.getloadavg(),
        "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print (or write) the JSON results."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--max-articles", type=int, default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--json", type=Path, default=None, help="write results here")
    ap.add_argument("--skip-commands", action="store_true", help="in-process figures only")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"bench_pipeline: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    corpus = load_corpus(args.corpus, args.max_articles)
    results: dict[str, Any] = {"machine": machine(), "corpus": str(args.corpus),
                               "batch_size": args.batch_size, "workers": args.workers}
    results["in_process"] = bench_in_process(corpus, args.batch_size)
    print(json.dumps(results["in_process"], indent=1), file=sys.stderr)
    if not args.skip_commands:
        with tempfile.TemporaryDirectory(prefix="eventlens-bench-") as tmp:
            results["commands"] = bench_commands(corpus, Path(tmp), args.workers)
    results["machine"]["load_at_end"] = os.getloadavg()
    text = json.dumps(results, indent=2)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
