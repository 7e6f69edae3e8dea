"""JSON API tests against a real uvicorn server on 127.0.0.1 over a real SQLite store."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testkit.web import (
    PAYLOAD_IMG,
    PAYLOAD_SCRIPT,
    TEST_MAX_BODY,
    WINDOW,
    LiveServer,
    free_port,
)


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> httpx.Client:
    with httpx.Client(base_url=live_server.url, timeout=60) as c:
        yield c


def events(client: httpx.Client, **params: Any) -> dict[str, Any]:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def assert_error(r: httpx.Response, status: int, words: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()["error"]
    assert body["status"] == status
    assert words.lower() in body["message"].lower(), body["message"]


def test_events_filters(client: httpx.Client) -> None:
    protest = events(client, type="PROTEST", **WINDOW)
    assert protest["total"] == 1
    assert protest["events"][0]["source"]["name"] == "students"
    assert events(client, country="VEN", **WINDOW)["total"] == 1
    consult = events(client, actor="carter", type="CONSULT", **WINDOW)
    assert [e["target"]["name"] for e in consult["events"]] == ["Massoud Barzani"]
    near = events(client, near="36.45,43.35,25", type="ASSAULT", **WINDOW)
    assert near["total"] == 2
    assert {e["article_title"] for e in near["events"]} == {
        "Iraqi forces push towards Mosul", "Coalition says troops hit militants near Bashiqa"
    }
    assert events(client, since="2015-03-11", until="2015-03-11")["total"] == 1
    assert events(client, since="2015-03-01", until="2015-03-10", type="PROTEST")["total"] == 0
    assert events(client, text="Caracas")["total"] == 1
    assert events(client, **WINDOW)["total"] == 5


def test_min_confidence_filters_events_and_summary(client: httpx.Client) -> None:
    # The hand-written events have confidence 0.8, except the protest (0.45).
    assert events(client, min_confidence=0.4, **WINDOW)["total"] == 5
    confident = events(client, min_confidence=0.5, **WINDOW)
    assert confident["total"] == 4
    assert all(e["confidence"] >= 0.5 for e in confident["events"])
    assert "PROTEST" not in {e["type"] for e in confident["events"]}
    assert events(client, min_confidence="0.45", type="PROTEST", **WINDOW)["total"] == 1
    assert events(client, min_confidence=1, **WINDOW)["total"] == 0
    low = client.get("/api/summary", params={"min_confidence": 0.4, **WINDOW}).json()
    high = client.get("/api/summary", params={"min_confidence": 0.5, **WINDOW}).json()
    assert low["types"]["PROTEST"] == 1 and "PROTEST" not in high["types"]
    assert high["events"] == low["events"] - 1 == 4
    assert "VEN" not in high["countries"]
    for bad in ("1.5", "-0.1", "high", "nan"):
        for path in ("/api/events", "/api/summary"):
            assert_error(client.get(path, params={"min_confidence": bad}), 422,
                         "min_confidence")
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/summary"):
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert "min_confidence" in params


def test_events_pagination(client: httpx.Client) -> None:
    everything = events(client, limit=500)
    total = everything["total"]
    assert total >= 5 and len(everything["events"]) == total
    pages = [events(client, limit=2, offset=o)["events"] for o in range(0, total, 2)]
    ids = [e["id"] for page in pages for e in page]
    assert ids == [e["id"] for e in everything["events"]]
    days = [e["day"] or "" for e in everything["events"]]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"type": "BOMBING"}, 400, "unknown event type"),
        ({"since": "2016-13-45"}, 400, "YYYY-MM-DD"),
        ({"near": "north pole"}, 400, "LAT,LON,KM"),
        ({"country": "Iraq"}, 400, "alpha-3"),
        ({"text": '"unbalanced'}, 400, "text query"),
        ({"limit": 0}, 422, "limit"),
        ({"limit": "many"}, 422, "limit"),
        ({"status": "maybe"}, 400, "unknown status"),
        ({"sector": "government!"}, 400, "sector"),
    ],
)
def test_events_bad_filters(client: httpx.Client, params: dict, status: int, words: str) -> None:
    assert_error(client.get("/api/events", params=params), status, words)


def test_event_with_cluster(client: httpx.Client) -> None:
    first = events(client, type="ASSAULT", near="36.45,43.35,25", **WINDOW)["events"][0]
    r = client.get(f"/api/events/{first['id']}")
    assert r.status_code == 200
    event = r.json()
    assert event["sentence"] and event["start"] < event["end"]
    others = event["cluster"]["events"]
    assert len(others) == 1 and others[0]["article_id"] != event["article_id"]
    assert event["cluster"]["num_articles"] == 2
    assert_error(client.get("/api/events/999999"), 404, "no event with id 999999")
    assert_error(client.get("/api/events/abc"), 422, "event_id")


def test_article(client: httpx.Client, web_db: dict) -> None:
    r = client.get(f"/api/articles/{web_db['ids']['offensive']}")
    assert r.status_code == 200
    doc = r.json()
    text = doc["article"]["text"]
    assert doc["article"]["title"] == "Iraqi forces push towards Mosul"
    for place in doc["places"]:
        assert text[place["start"] : place["end"]] == place["text"]
    assert {e["type"] for e in doc["events"]} == {"ASSAULT", "CONSULT"}
    assert_error(client.get("/api/articles/424242"), 404, "no article with id 424242")


def test_stats_and_summary(client: httpx.Client, web_db: dict) -> None:
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(web_db["ids"]) + len(web_db["samples"])
    assert stats["events_per_type"]["ASSAULT"] >= 3
    params = {"type": "ASSAULT", "country": "IRQ", **WINDOW}
    summary = client.get("/api/summary", params=params).json()
    assert summary["events"] == sum(p["count"] for p in summary["places"]) + summary["unlocated"]
    bashiqa = [p for p in summary["places"] if p["name"] == "Bashiqa"]
    assert bashiqa and bashiqa[0]["count"] == 2
    assert summary["timeline"] == [
        {"day": "2015-03-07", "count": 2}, {"day": "2015-03-09", "count": 1}
    ]
    assert summary["timeline_types"] == {"2015-03-07": {"ASSAULT": 2},
                                         "2015-03-09": {"ASSAULT": 1}}
    assert summary["timeline_periods"] == {} and summary["undated"] == 0
    # The article without any date is counted as undated, and the filter finds it alone.
    every = client.get("/api/summary", params={"undated": "true"}).json()
    assert every["undated"] == every["events"] == 1 and every["timeline"] == []
    assert client.get("/api/events", params={"undated": "yes"}).json()["total"] == 1
    assert_error(client.get("/api/events", params={"undated": "maybe"}), 422, "undated")


def test_extract_json_text_and_html(client: httpx.Client) -> None:
    text = "Turkish jets bombed Kurdish positions in northern Iraq on Tuesday, the army said."
    r = client.post("/api/extract", json={"text": text, "published": "2016-10-25", "id": "t1"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["id"] == "t1" and doc["article"]["text"].startswith("Turkish jets")
    assert set(doc) >= {"article", "sentences", "entities", "places", "quotes", "events"}
    assert doc["sentences"]
    html = f"<html><head><title>Jets</title></head><body><article><p>{text}</p></article>"
    r = client.post("/api/extract", json={"html": html})
    assert r.status_code == 200, r.text
    assert "Turkish jets" in r.json()["article"]["text"]
    # Only JSON: a cross-site HTML form can send text/plain (no preflight), never JSON.
    for kind, body in (("text/plain", text), ("text/html", html),
                       ("application/x-www-form-urlencoded", "text=Jets"),
                       ("multipart/form-data; boundary=x", "--x--")):
        assert_error(client.post("/api/extract", content=body, headers={"content-type": kind}),
                     415, "application/json")


def test_extract_errors(client: httpx.Client) -> None:
    big = "word " * (TEST_MAX_BODY // 4)
    assert_error(client.post("/api/extract", json={"text": big}), 413, "too large")

    def chunks() -> Any:  # no Content-Length: the server must count as it reads
        for _ in range(100):
            yield b"x" * 10_000

    json_type = {"content-type": "application/json"}
    r = client.post("/api/extract", content=chunks(), headers=json_type)
    assert_error(r, 413, "too large")
    assert_error(client.post("/api/extract", json={}), 422, '"text" or "html"')
    assert_error(client.post("/api/extract", content=b"{not json", headers=json_type),
                 422, "malformed")
    assert_error(client.post("/api/extract", content=b"   ", headers=json_type), 422, "empty")
    assert_error(client.post("/api/extract", content=b"\xff\xfe\x00junk", headers=json_type),
                 422, "utf-8")
    assert_error(client.post("/api/extract", content=b"a", headers={"content-type": "image/png"}),
                 415, "content type")
    assert_error(client.get("/api/extract"), 405, "not allowed")
    assert_error(client.get("/api/nothing-here"), 404, "/api/nothing-here")
    assert_error(client.post("/api/extract", json={"text": "Talks.", "published": "soon-ish"}),
                 422, "not a readable date")


def test_extract_reads_a_written_publication_date(client: httpx.Client) -> None:
    r = client.post("/api/extract", json={
        "text": "Police arrested twelve protesters in Nairobi on Tuesday.",
        "published": "Dec 17, 2016 10:00 AM CT"})
    assert r.status_code == 200, r.text
    assert r.json()["article"]["published"] == "2016-12-17"


def test_openapi_and_offline_docs(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/articles/{article_id}", "/api/events/{event_id}", "/api/stats",
            "/api/extract"} <= set(spec["paths"])
    refs = re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(spec))
    assert refs and set(refs) <= set(spec["components"]["schemas"])
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/swagger/swagger-ui-bundle.js" in docs.text
    assert "http://" not in docs.text and "https://" not in docs.text
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css",
                  "/static/basemap/countries-50m.json", "/static/map.js", "/static/app.css"):
        assert client.get(asset).status_code == 200, asset


def test_pages_escape_untrusted_text(client: httpx.Client, web_db: dict) -> None:
    r = client.get(f"/articles/{web_db['ids']['xss']}")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    for payload in (PAYLOAD_SCRIPT, PAYLOAD_IMG):
        assert payload not in r.text
    assert "&lt;script&gt;window.__pwned" in r.text
    assert "<img" not in r.text
    assert "javascript:" not in r.text
    page = client.get("/articles/987654")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]


def test_cors_off_by_default(client: httpx.Client, web_db: dict) -> None:
    origin = {"Origin": "http://elsewhere.example"}
    r = client.get("/api/stats", headers=origin)
    assert "access-control-allow-origin" not in r.headers
    with LiveServer(web_db["path"], cors_origins=["http://elsewhere.example"]) as other:
        r = httpx.get(f"{other.url}/api/stats", headers=origin)
        assert r.headers["access-control-allow-origin"] == "http://elsewhere.example"


def test_serve_command_binds_loopback(web_db: dict) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventlens", "serve", "--db", str(web_db["path"]), "--port",
         str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert f"http://127.0.0.1:{port}/" in line
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
                time.sleep(0.2)
        assert r.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_demo_stores_samples_for_the_dashboard(tmp_path: Any) -> None:
    import argparse

    from eventlens.cli import demo

    args = argparse.Namespace(out=str(tmp_path / "out"), db=str(tmp_path / "demo.db"), port=0,
                              no_serve=True)
    assert demo.run(args) == 0
    assert demo.run(args) == 0  # a re-run stores nothing twice
    with LiveServer(tmp_path / "demo.db") as server:
        stats = httpx.get(f"{server.url}/api/stats").json()
        assert stats["articles"] == len(demo.sample_paths())
        assert httpx.get(f"{server.url}/").status_code == 200


class _TextOf(HTMLParser):
    """Collects the text and the tags of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _doc_with_spans(text: str, spans: list[tuple[int, int]]) -> dict[str, Any]:
    ordered = [(min(a, b), max(a, b)) for a, b in spans if a != b]
    ents = [{"text": text[a:b], "label": "<b>", "start": a, "end": b} for a, b in ordered[::2]]
    quotes = [{"text": text[a:b], "start": a, "end": b, "speaker": {"name": '"x" <y>'}}
              for a, b in ordered[1::2]]
    return {"article": {"text": text}, "entities": ents, "quotes": quotes, "places": [],
            "events": [{"type": "ASSAULT", "trigger": text[:3], "sentence": text, "start": 0,
                        "end": len(text), "source": {"name": "<i>"}, "target": None}]}


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n/=")), min_size=1, max_size=60),
    data=st.data(),
)
def test_highlighting_keeps_text_and_emits_only_own_tags(text: str, data: Any) -> None:
    """Whatever the text and however spans overlap, the rendered text is the text itself."""
    from eventlens.web.highlight import render_highlighted

    idx = st.integers(min_value=0, max_value=len(text))
    spans = data.draw(st.lists(st.tuples(idx, idx), max_size=6))
    parser = _TextOf()
    parser.feed(str(render_highlighted(_doc_with_spans(text, spans))))
    parser.close()
    assert "".join(parser.text) == text
    assert set(parser.tags) <= {"span", "a"}


def test_cached_aggregates_follow_new_ingests(tmp_path: Any) -> None:
    from eventlens.store.stage import open_store
    from testkit.web import add, offensive_doc, protest_doc, second_report_doc

    db = tmp_path / "cache.db"
    with open_store(db) as writer:
        add(writer, offensive_doc(), "offensive")
    with LiveServer(db) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        first = [c.get(path).json() for path in ("/api/summary", "/api/stats", "/api/events")]
        assert c.get("/api/summary").json() == first[0]  # a repeat: served from the cache
        assert server.server.config.app.state.cache.hits >= 1
        # Another connection (as `eventlens ingest` would) writes while the server runs.
        with open_store(db) as writer:
            add(writer, second_report_doc(), "second")
            add(writer, protest_doc(), "protest")
            expected = writer.summary()
        summary, stats, page = (c.get(p).json() for p in ("/api/summary", "/api/stats",
                                                          "/api/events"))
    assert summary["events"] == expected["events"] > first[0]["events"]
    assert summary["types"] == expected["events_per_type"]
    assert summary["places"] == expected["places"]
    assert stats["articles"] == 3 and stats["events"] == expected["events"]
    assert page["total"] == expected["events"] > first[2]["total"]


def test_status_and_sector_filters(client: httpx.Client) -> None:
    everything = events(client, **WINDOW)["total"]
    assert events(client, status="occurred", **WINDOW)["total"] == everything
    assert events(client, status="negated,hypothetical", **WINDOW)["total"] == 0
    gov = events(client, sector="GOV", **WINDOW)
    assert gov["total"] >= 1
    assert all("GOV" in ((e["source"] or {}).get("sector"), (e["target"] or {}).get("sector"))
               for e in gov["events"])
    assert events(client, sector="gov", type="CONSULT", **WINDOW)["total"] == 1
    summary = client.get("/api/summary", params={"sector": "GOV", **WINDOW}).json()
    assert summary["events"] == gov["total"]


def test_quotes_with_speaker_filters(client: httpx.Client) -> None:
    r = client.get("/api/quotes", params={"speaker": "carter"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] >= 1
    assert all("carter" in q["speaker_name"].lower() for q in body["quotes"])
    quote = next(q for q in body["quotes"] if q["text"].startswith('"We are very pleased'))
    assert quote["speaker_name"] == "Ashton Carter" and quote["speaker_country"] == "USA"
    assert quote["article_title"] == "Iraqi forces push towards Mosul"
    assert client.get("/api/quotes", params={"country": "USA"}).json()["total"] >= 1
    assert client.get("/api/quotes", params={"speaker": "nobody-at-all"}).json()["total"] == 0
    assert_error(client.get("/api/quotes", params={"country": "US1"}), 400, "alpha-3")


def test_export_of_the_filtered_view(client: httpx.Client) -> None:
    import csv
    import io

    import pyarrow.parquet as pq

    params = {"type": "ASSAULT", **WINDOW}
    total = events(client, **params)["total"]
    r = client.get("/api/export", params={**params, "format": "csv"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total and {row["type"] for row in rows} == {"ASSAULT"}
    lines = client.get("/api/export", params={**params, "format": "jsonl"}).text.splitlines()
    assert len(lines) == total and all(json.loads(x)["type"] == "ASSAULT" for x in lines)
    gdelt = client.get("/api/export", params={**params, "format": "parquet", "flavour": "gdelt"})
    table = pq.read_table(io.BytesIO(gdelt.content))
    assert table.num_rows == total and "EventRootCode" in table.column_names
    assert_error(client.get("/api/export", params={"type": "NOPE"}), 400, "unknown event type")
    assert client.get("/api/export", params={"format": "xls"}).status_code == 422


def test_dyads_and_one_sided_country_filters(client: httpx.Client) -> None:
    r = client.get("/api/dyads", params=WINDOW)
    assert r.status_code == 200, r.text
    dyads = r.json()["dyads"]
    assert dyads and all(d["source"] and d["target"] and d["count"] >= 1 for d in dyads)
    assert dyads == sorted(dyads, key=lambda d: -d["count"])
    first = dyads[0]
    both = events(client, source_country=first["source"], target_country=first["target"],
                  **WINDOW)
    assert both["total"] == first["count"]
    assert all(e["source"]["country"] == first["source"] and
               e["target"]["country"] == first["target"] for e in both["events"])
    assert_error(client.get("/api/events", params={"source_country": "Iraq"}), 400, "alpha-3")


def test_summary_counts_undated_events(tmp_path: Any) -> None:
    from eventlens.store.stage import EventFilters, open_store
    from eventlens.web.queries import summary
    from testkit.store import MOSUL, OTHER_STORY, STORY, actor, document, event

    irq, isil = actor("Iraqi forces", "IRQ", "MIL"), actor("Islamic State", None, "REB", 20)
    store = open_store(tmp_path / "u.db")
    try:
        sentence = "Iraqi forces shelled Islamic State positions in Mosul."
        store.add_document(document(f"{STORY} {sentence}", events=[
            event("ASSAULT", irq, isil, MOSUL, "2016-10-16", sentence)]),
            content_hash="a", source="a")
        store.add_document(document(f"{OTHER_STORY} {sentence}", published=None, events=[
            event("ASSAULT", irq, isil, MOSUL, None, sentence)]),
            content_hash="b", source="b")
        got = summary(store, EventFilters())
    finally:
        store.close()
    assert got["events"] == 2 and got["undated"] == 1
    assert got["timeline"] == [{"day": "2016-10-16", "count": 1}]
