"""Generate a fuzz corpus for ``eventlens ingest``: every input kind, good and hostile.

    python tests/ingest/fuzz_corpus.py DIR [--files N] [--seed S] [--bombs]

Writes N files of each kind (HTML/text pages in assorted encodings, JSON lines plain and
gzip, WARC plain and gzip, RSS/Atom feeds), some cut short or with flipped bytes, plus a
few known-good articles (``good-*``). ``--bombs`` adds decompression bombs sized like the
red-team ones: a 1 MB ``.warc.gz`` holding a 1 GiB record, a ``.jsonl.gz`` holding a
1.2 GB line, and a ``.jsonl.gz`` of 256 Mi blank lines. Feed links point only at
malformed URLs or private literal addresses, so an ingest of the corpus never needs
the network. Used by tests/ingest/test_ingest_fuzz_corpus.py (small, no bombs) and for
the peak-RSS figure in docs/performance.md (with bombs).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import zlib
from pathlib import Path

# Illustrative, team-written sentences (not real news).
SENTENCES = [
    "Dock workers in Basra went on strike on Monday to demand higher wages.",
    "The foreign ministers of Jordan and Britain met in Amman on Tuesday.",
    "Gunmen attacked a police station in Kirkuk before dawn on Friday, officials said.",
    "Thousands of teachers marched through Erbil on Sunday to protest unpaid salaries.",
    "Engineers reopened the old bridge in Mosul on Wednesday after two years of repairs.",
    "Farmers near Hilla blocked the main road on Thursday to demand water for their fields.",
    "The governor said he would meet a delegation of the demonstrators next week.",
    "Police fired tear gas to disperse the crowd outside the provincial council.",
]
GOOD = [
    ("Strike in Basra", "Dock workers in Basra went on strike on Monday to demand higher wages, "
     "the port authority said. Police guarded the gates of the port all day."),
    ("Talks in Amman", "The foreign ministers of Jordan and Britain met in Amman on Tuesday and "
     "agreed to expand support for refugee schools, a joint statement said."),
]
BAD_LINKS = ["http://[::1/", "http://h.example:99999/", "http://10.0.0.1/story",
             "http://[::ffff:127.0.0.1]/x", "javascript:alert(1)", "", "http://exa mple/"]


def text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(n))


def damage(rng: random.Random, data: bytes) -> bytes:
    roll = rng.random()
    if roll < 0.15 and data:
        return data[: rng.randrange(len(data))]
    if roll < 0.3 and data:
        out = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            out[rng.randrange(len(out))] ^= rng.randint(1, 255)
        return bytes(out)
    return data


def page(rng: random.Random) -> tuple[str, bytes]:
    body = text(rng, rng.randint(1, 12))
    kind = rng.choice(["html", "txt", "junk", "nul", "utf16", "cp1252"])
    if kind == "junk":
        return "txt", rng.randbytes(rng.randint(0, 4000))
    if kind == "nul":
        return "txt", (body + " ").encode() * 200 + b"\x00" + body.encode()
    if kind == "html":
        charset = rng.choice(["utf-8", "iso-8859-1", "bogus", ""])
        meta = f'<meta charset="{charset}">' if charset else ""
        doc = f"<html><head>{meta}<title>T</title></head><body><p>{body}</p></body></html>"
        return "html", doc.encode("utf-8")
    codec = {"utf16": "utf-16", "cp1252": "cp1252"}.get(kind, "utf-8")
    return "txt", (body + " Caf\u00e9 S\u00e3o Paulo.").encode(codec)


def jsonl(rng: random.Random) -> bytes:
    lines = []
    for n in range(rng.randint(1, 12)):
        roll = rng.random()
        if roll < 0.5:
            rec: dict[str, object] = {"id": f"r{n}", "text": text(rng, rng.randint(1, 6))}
            if rng.random() < 0.3:
                rec["published"] = rng.choice(["2016-10-14", "2016-02-30", "14 Oct 2016"])
            lines.append(json.dumps(rec))
        elif roll < 0.7:
            lines.append(rng.choice(['{"id": 1}', "[1, 2]", "{broken", '"text"', "null",
                                     "[" * 3000 + "]" * 3000, '{"text": "\\ud800 x"}']))
        else:
            lines.append(rng.randbytes(rng.randint(0, 60)).decode("latin-1"))
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def warc_record(rng: random.Random, n: int) -> bytes:
    body = f"<html><body><p>{text(rng, rng.randint(1, 8))}</p></body></html>".encode()
    heads = ["Content-Type: text/html; charset=utf-8"]
    if rng.random() < 0.3:
        body = gzip.compress(body)
        heads.append("Content-Encoding: gzip")
    if rng.random() < 0.3:
        body = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
        heads.append("Transfer-Encoding: chunked")
    http = ("HTTP/1.1 200 OK\r\n" + "\r\n".join(heads) + "\r\n\r\n").encode() + body
    rec_type = rng.choice(["response", "response", "resource", "warcinfo", "request"])
    payload = http if rec_type in ("response", "request") else body
    warc = [f"WARC-Type: {rec_type}", f"WARC-Record-ID: <urn:uuid:{rng.getrandbits(64):x}-{n}>"]
    if rng.random() < 0.9:
        warc.append(f"WARC-Target-URI: http://news.example/{n}")
    length = len(payload) + rng.choice([0, 0, 0, -3, 40])
    if rng.random() < 0.95:
        warc.append(f"Content-Length: {max(length, 0)}")
    return ("WARC/1.0\r\n" + "\r\n".join(warc) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def feed(rng: random.Random) -> bytes:
    items = []
    for n in range(rng.randint(0, 6)):
        title = rng.choice(["Talks", "&#xFFFFFFFF;", "&#0;", "&bogus;", "<b>x</b>", "Strike"])
        link = rng.choice(BAD_LINKS)
        content = f"<p>{text(rng, 12)}</p>" if rng.random() < 0.5 else ""
        items.append(f"<item><title>{title} {n}</title><link>{link}</link>"
                     f"<pubDate>Fri, 14 Oct 2016 10:00:00 GMT</pubDate>"
                     f"<description>{content}</description></item>")
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            + "".join(items) + "</channel></rss>").encode()


def write_corpus(root: Path, files: int = 20, seed: int = 16, bombs: bool = False,
                 bomb_mib: int = 32) -> list[Path]:
    """Write the corpus under ``root``; return the paths written.

    Without ``bombs`` small decompression bombs (``bomb_mib`` MiB) are still included.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []

    def put(name: str, data: bytes) -> None:
        path = root / name
        path.write_bytes(data)
        out.append(path)

    for n, (title, body) in enumerate(GOOD):
        put(f"good-{n}.html", f"<html><head><title>{title}</title></head><body><article>"
                              f"<h1>{title}</h1><p>{body}</p></article></body></html>".encode())
    for n in range(files):
        ext, data = page(rng)
        put(f"page-{n}.{ext}", damage(rng, data))
        data = jsonl(rng)
        if n % 2:
            put(f"lines-{n}.jsonl.gz", damage(rng, gzip.compress(data)))
        else:
            put(f"lines-{n}.jsonl", damage(rng, data))
        records = [warc_record(rng, i) for i in range(rng.randint(1, 4))]
        if n % 2:
            put(f"crawl-{n}.warc.gz", damage(rng, b"".join(gzip.compress(r) for r in records)))
        else:
            put(f"crawl-{n}.warc", damage(rng, b"".join(records)))
        put(f"feed-{n}.{rng.choice(['rss', 'xml', 'atom'])}", damage(rng, feed(rng)))
    big = 1024 if bombs else bomb_mib
    _bomb(root / "bomb-record.warc.gz", big, warc=True)
    _bomb(root / "bomb-line.jsonl.gz", 1200 if bombs else bomb_mib, warc=False)
    _blank_lines(root / "bomb-blank.jsonl.gz", 256 if bombs else 1)
    out += [root / "bomb-record.warc.gz", root / "bomb-line.jsonl.gz", root / "bomb-blank.jsonl.gz"]
    return out


def _bomb(path: Path, mib: int, *, warc: bool) -> None:
    """A good record, then one of ``mib`` MiB (compressed about 1,000 times), then a good one."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    good = json.dumps({"id": "g1", "text": GOOD[0][1]}).encode() + b"\n"
    with open(path, "wb") as fh:
        if warc:
            fh.write(comp.compress(
                b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://news.example/big\r\n"
                b"WARC-Record-ID: <urn:uuid:big>\r\nContent-Type: text/plain\r\n"
                b"Content-Length: %d\r\n\r\n" % (mib * 2**20)))
        else:
            fh.write(comp.compress(good + b'{"id": "big", "text": "'))
        for _ in range(mib):
            fh.write(comp.compress(b"a" * 2**20))
        fh.write(comp.compress(b"\r\n\r\n" if warc else b'"}\n'))
        fh.write(comp.flush())


def _blank_lines(path: Path, mib: int) -> None:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(path, "wb") as fh:
        for _ in range(mib):
            fh.write(comp.compress(b"\n" * 2**20))
        fh.write(comp.compress(json.dumps({"id": "after", "text": GOOD[1][1]}).encode() + b"\n"))
        fh.write(comp.flush())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--files", type=int, default=60, help="files of each kind")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--bombs", action="store_true", help="red-team sized bombs (GiB)")
    args = parser.parse_args()
    paths = write_corpus(args.dir, args.files, args.seed, args.bombs)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {size / 2**20:.1f} MiB on disk -> {args.dir}")


if __name__ == "__main__":
    main()
