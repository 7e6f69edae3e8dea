"""Duplicate detection for the store: content hashes, canonical URLs, MinHash LSH.

Exact duplicates are caught by a hash of the raw input or by the canonical URL;
near-duplicates (the same wire story on several sites, with different boilerplate or
small edits) by MinHash signatures of word shingles, banded for locality-sensitive
lookup (the bands live in SQLite, so the index survives restarts).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: pairs above ~0.55 Jaccard almost always share a band
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
# Estimated Jaccard similarity at or above which two articles are linked as near-duplicates.
NEAR_DUPLICATE_THRESHOLD = 0.7

_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
# Fixed seed: signatures must stay comparable across runs and processes.
_rng = np.random.default_rng(20161017)
_A = _rng.integers(1, (1 << 31) - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, (1 << 31) - 1, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)

# Query parameters that only track campaigns or sessions, never select content.
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid|sessionid)$")


def content_hash(content: str | bytes) -> str:
    """The store's exact-duplicate key: the SHA-256 hex digest of an input's raw content.

    ``content`` is the input as read (``RawInput.content``), before any extraction; text
    is encoded as UTF-8 with lone surrogates kept (``surrogatepass``), so any decoded
    input hashes and the same bytes always give the same key. This is the one
    implementation: ingest, the dataset readers and the demo all hash with it.
    """
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def canonical_url(url: str | None) -> str | None:
    """Normalise a URL so trivial variants of one article compare equal.

    Lower-cases scheme and host, drops default ports, fragments, tracking parameters
    and a trailing slash, and sorts the remaining query parameters. Returns None for
    anything that is not an absolute http(s) URL.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    try:
        port = parts.port
    except ValueError:
        return None
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING_PARAMS.match(k.lower())]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def _shingle_hashes(text: str) -> np.ndarray:
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = _WORD.findall(folded)
    if len(words) < SHINGLE_WORDS:
        grams = [" ".join(words)] if words else []
    else:
        last = len(words) - SHINGLE_WORDS + 1
        grams = [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(last)]
    values = {
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little")
        for g in grams
    }
    return np.fromiter(values, dtype=np.uint64, count=len(values))


def minhash(text: str) -> np.ndarray | None:
    """Return the MinHash signature (``NUM_PERM`` uint32s) of ``text``'s word shingles.

    None for a text without words (nothing to compare).
    """
    hashes = _shingle_hashes(text)
    if hashes.size == 0:
        return None
    # (a*x + b) mod p with x < 2^32 and a, b < 2^31 stays below 2^63: no uint64 overflow.
    permuted = (np.outer(hashes, _A) + _B) % _PRIME
    return (permuted.min(axis=0) & _MASK32).astype(np.uint32)


def band_buckets(signature: np.ndarray) -> list[tuple[int, int]]:
    """Return ``(band, bucket)`` pairs for LSH lookup of one signature."""
    out = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        bucket = int.from_bytes(hashlib.blake2b(chunk, digest_size=7).digest(), "little")
        out.append((band, bucket))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimate the Jaccard similarity of two MinHash signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(signature: np.ndarray) -> bytes:
    """Serialise a signature for the ``article_minhash`` table."""
    return signature.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """Read back a signature written by :func:`to_blob`."""
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def fold_key(name: str | None) -> str:
    """Fold an actor or place name into a clustering key (case, accents, spacing)."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(_WORD.findall(text))


# At most this many LSH candidates are compared exactly per new article.
_MAX_CANDIDATES = 200


def link_near_duplicates(conn: Any, article_id: int, signature: np.ndarray) -> list[int]:
    """Index ``article_id``'s signature and link it to stored near-duplicates.

    Runs inside the caller's transaction. Writes ``near_duplicates`` rows for every
    earlier article at or above :data:`NEAR_DUPLICATE_THRESHOLD` and sets
    ``articles.duplicate_of`` to the earliest article of the best match's group.
    Returns the linked article ids.
    """
    buckets = band_buckets(signature)
    values = ",".join("(?,?)" for _ in buckets)
    flat = [v for pair in buckets for v in pair]
    rows = conn.execute(
        f"SELECT DISTINCT m.article_id, s.signature, a.duplicate_of FROM minhash_bands m"
        f" JOIN (VALUES {values}) v ON m.band = v.column1 AND m.bucket = v.column2"
        f" JOIN article_minhash s ON s.article_id = m.article_id"
        f" JOIN articles a ON a.id = m.article_id LIMIT {_MAX_CANDIDATES}",
        flat,
    ).fetchall()
    matches = []
    for other_id, blob, other_root in rows:
        sim = similarity(signature, from_blob(blob))
        if sim >= NEAR_DUPLICATE_THRESHOLD:
            matches.append((sim, other_id, other_root or other_id))
    if matches:
        conn.executemany(
            "INSERT OR IGNORE INTO near_duplicates (article_id, duplicate_of, similarity)"
            " VALUES (?,?,?)",
            [(article_id, other, round(sim, 4)) for sim, other, _ in matches],
        )
        best_root = max(matches, key=lambda m: (m[0], -m[2]))[2]
        conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (best_root, article_id))
    conn.execute(
        "INSERT INTO article_minhash (article_id, signature) VALUES (?, ?)",
        (article_id, to_blob(signature)),
    )
    conn.executemany(
        "INSERT INTO minhash_bands (band, bucket, article_id) VALUES (?,?,?)",
        [(band, bucket, article_id) for band, bucket in buckets],
    )
    return [other for _, other, _ in matches]
