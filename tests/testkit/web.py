"""Fixtures for the web tests: a real store, a real uvicorn server on 127.0.0.1.

The store holds (1) hand-written extract documents for three illustrative articles
(team-written, not real news) whose events are known, so that filters, clusters and
highlights can be checked whatever stage of development the pipeline is at; (2) an
article full of XSS payloads; (3) the bundled sample articles run through the real
pipeline (eventlens.pipeline.extract).
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

from eventlens.store.stage import Store
from eventlens.web.stage import create_app
from testkit import ROOT

SAMPLES = ROOT / "src" / "eventlens" / "samples"
PAYLOAD_SCRIPT = "<script>window.__pwned = 1; alert('xss')</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned = 2; alert(1)">'
PAYLOAD_URL = "javascript:window.__pwned=3;alert(3)//"
# Every hand-written event lies in this window (the samples are from other dates).
WINDOW = {"since": "2015-03-01", "until": "2015-03-31"}
# A small body limit so the 413 test does not need megabytes.
TEST_MAX_BODY = 200_000


def at(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    """The (start, end) of ``phrase`` in ``text`` (first occurrence from ``after``)."""
    start = text.index(phrase, after)
    return start, start + len(phrase)


def actor(name: str, country: str | None, sector: str | None, text: str | None = None) -> dict:
    """An actor record as the extract document writes it."""
    return {"text": text or name, "name": name, "country": country, "sector": sector}


def place(text: str, phrase: str, name: str, lat: float, lon: float, country: str,
          geonameid: int) -> dict:
    """A resolved place mention located in ``text``."""
    start, end = at(text, phrase)
    return {"text": phrase, "start": start, "end": end, "name": name, "lat": lat, "lon": lon,
            "country": country, "admin1": None, "geonameid": geonameid, "feature": "P.PPL"}


def event(text: str, sentence: str, trigger: str, etype: str, source: dict | None,
          target: dict | None, location: dict | None, date: str | None, **extra: Any) -> dict:
    """An event record whose evidence is ``sentence`` (located in ``text``)."""
    start, end = at(text, sentence)
    t_start, t_end = at(text, trigger, start)
    record = {
        "type": etype, "mode": None, "context": "military", "cameo": None, "source": source,
        "target": target, "location": location, "date": date, "date_text": None,
        "status": "occurred", "trigger": trigger, "sentence": sentence, "start": start,
        "end": end, "confidence": 0.8, "date_precision": "day", "trigger_start": t_start,
        "trigger_end": t_end, "reported_by": None,
    }
    record.update(extra)
    return record


def document(doc_id: str, title: str, published: str | None, text: str, site: str,
             entities: list[tuple[str, str]], places: list[dict], quotes: list[dict],
             events: list[dict]) -> dict:
    """A whole extract document."""
    ents = []
    for phrase, label in entities:
        s, e = at(text, phrase)
        ents.append({"text": phrase, "label": label, "start": s, "end": e})
    return {
        "id": doc_id,
        "article": {"title": title, "subtitle": None, "byline": None, "published": published,
                    "url": f"https://{site}/{doc_id}", "text": text, "captions": [],
                    "language": "en", "site": site},
        "sentences": [], "entities": ents, "actors": [], "places": places, "quotes": quotes,
        "events": events, "errors": [],
    }


IRQ_MIL = actor("Iraqi armed forces", "IRQ", "MIL", "Iraqi troops")
ISIL = actor("Islamic State", None, "REB", "IS")


def offensive_doc() -> dict:
    """Illustrative wire report: an assault near Bashiqa, a meeting in Erbil, a quote."""
    text = (
        "Iraqi troops attacked Islamic State positions near Bashiqa on Saturday, officials "
        "said.\n\nUS Defense Secretary Ashton Carter met Kurdish leader Massoud Barzani in "
        "Erbil on Sunday.\n\n"
        '"We are very pleased with the progress so far," Carter told reporters.'
    )
    bashiqa = place(text, "Bashiqa", "Bashiqa", 36.45, 43.35, "IRQ", 9_000_001)
    erbil = place(text, "Erbil", "Erbil", 36.19, 44.01, "IRQ", 95446)
    qs, qe = at(text, '"We are very pleased with the progress so far,"')
    cs, ce = at(text, "Carter told")
    quote = {"text": text[qs:qe], "start": qs, "end": qe,
             "speaker": {"name": "Ashton Carter", "text": "Carter", "start": cs, "end": cs + 6,
                         "country": "USA", "sector": "GOV"}}
    return document(
        "offensive", "Iraqi forces push towards Mosul", "2015-03-08", text, "wire.example",
        [("Iraqi", "NORP"), ("Ashton Carter", "PERSON"), ("Massoud Barzani", "PERSON"),
         ("Saturday", "DATE")],
        [bashiqa, erbil], [quote],
        [
            event(text, text[: text.index("\n")], "attacked", "ASSAULT", IRQ_MIL, ISIL, bashiqa,
                  "2015-03-07", mode="firearms"),
            event(text, "US Defense Secretary Ashton Carter met Kurdish leader Massoud Barzani "
                  "in Erbil on Sunday.", "met", "CONSULT",
                  actor("Ashton Carter", "USA", "GOV"), actor("Massoud Barzani", "IRQ", "GOV"),
                  erbil, "2015-03-08", context="diplomatic"),
        ],
    )


def second_report_doc() -> dict:
    """Another outlet's report of the same assault (so it forms a cluster)."""
    text = (
        "Government forces in Iraq attacked Islamic State fighters around Bashiqa at the weekend, "
        "according to the coalition."
    )
    bashiqa = place(text, "Bashiqa", "Bashiqa", 36.45, 43.35, "IRQ", 9_000_001)
    return document(
        "second-report", "Coalition says troops hit militants near Bashiqa", "2015-03-09", text,
        "daily.example", [("Iraq", "GPE")], [bashiqa], [],
        [event(text, text, "attacked", "ASSAULT", IRQ_MIL, ISIL, bashiqa, "2015-03-07")],
    )


def protest_doc() -> dict:
    """Illustrative report of a protest elsewhere, on another day."""
    text = "Thousands of students protested against the government in Caracas on Wednesday."
    caracas = place(text, "Caracas", "Caracas", 10.49, -66.88, "VEN", 3646738)
    return document(
        "protest", "Students march in Caracas", "2015-03-11", text, "herald.example",
        [("Caracas", "GPE")], [caracas], [],
        [event(text, text, "protested", "PROTEST", actor("students", "VEN", "CVL"),
               actor("Venezuelan government", "VEN", "GOV"), caracas, "2015-03-11",
               context="political", confidence=0.45)],
    )


def undated_doc() -> dict:
    """Illustrative report with no publication date and no date in its text."""
    text = "Farmers blocked a highway near Lille to protest against fuel prices."
    return document(
        "undated", "Farmers block highway", None, text, "regional.example", [], [], [],
        [event(text, text, "blocked", "PROTEST", actor("farmers", "FRA", "AGR"), None, None,
               None, context="economic", date_precision=None)],
    )


def xss_doc() -> dict:
    """An article whose text, title, actors and place carry script payloads."""
    text = (
        f"Rebels {PAYLOAD_SCRIPT} attacked the town of Hit {PAYLOAD_IMG} on Monday.\n\n"
        f'The commander said "{PAYLOAD_IMG} we will return".'
    )
    hit = place(text, "Hit", f"Hit {PAYLOAD_IMG}", 33.64, 42.83, "IRQ", 96205)
    qs, qe = at(text, f'"{PAYLOAD_IMG} we will return"')
    quote = {"text": text[qs:qe], "start": qs, "end": qe,
             "speaker": {"name": f"commander {PAYLOAD_SCRIPT}", "text": "commander",
                         "start": None, "end": None, "country": None, "sector": None}}
    sentence = text[: text.index("\n")]
    doc = document(
        "xss", f"Payload {PAYLOAD_SCRIPT} title", "2015-03-10", text, "evil.example",
        [("Rebels", "NORP"), (PAYLOAD_SCRIPT, "ORG")], [hit], [quote],
        [event(text, sentence, "attacked", "ASSAULT",
               actor(f"Rebels {PAYLOAD_IMG}", "IRQ", "REB"), actor(PAYLOAD_SCRIPT, None, None),
               hit, "2015-03-09")],
    )
    doc["article"]["url"] = PAYLOAD_URL
    return doc


def add(store: Store, doc: dict, source: str) -> int:
    """Store one document; return its article id."""
    digest = hashlib.sha256(doc["article"]["text"].encode()).hexdigest()
    article_id = store.add_document(doc, content_hash=digest, source=source)
    assert article_id is not None, f"{source} was not stored"
    return article_id


def ingest_samples(store: Store) -> list[int]:
    """Run the real pipeline on the bundled sample articles and store them."""
    from eventlens.config import Config
    from eventlens.inputs import readers as ingest
    from eventlens.pipeline import extract

    config = Config(jobs=1)
    ids = []
    for path in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.html")):
        raw = ingest.read_path(str(path), config.max_input_bytes)
        doc = extract(raw.content, doc_id=path.stem, config=config).to_dict()
        ids.append(add(store, doc, str(path)))
    return ids


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """A uvicorn server running the app in a thread on 127.0.0.1."""

    def __init__(self, db_path: Path, **app_options: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(db_path, **app_options)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
