"""The output schema: JSON Schema file, dataclasses and docs agree, and real outputs validate."""

from __future__ import annotations

import dataclasses
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from eventlens import records
from eventlens.pipeline import extract_many
from eventlens.records import error_document

ROOT = Path(__file__).parent.parent
PAGES = Path(__file__).parent / "fixtures" / "pages"
# Schema $defs name -> the dataclass it documents.
DEFS = {
    "article": records.Article,
    "sentence": records.Sentence,
    "entity": records.Entity,
    "actor": records.Actor,
    "place": records.Place,
    "speaker": records.Speaker,
    "quote": records.Quote,
    "event": records.Event,
    "evidence": records.Evidence,
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    text = (resources.files("eventlens") / "schema" / "document.schema.json").read_text("utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def real_documents(sample_paths: list[Path], nlp_model: object) -> list[dict[str, Any]]:
    """The pipeline's output on every bundled sample and every test page."""
    from eventlens.config import Config
    from eventlens.inputs.readers import read_path

    paths = [*sample_paths, *sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".html"))]
    # Each input as read (its source is the file), named after the file.
    raws = [dataclasses.replace(read_path(str(p), 10_000_000), id=p.name) for p in paths]
    docs = [d.to_dict() for d in extract_many(raws, Config(jobs=1))]
    assert len(docs) == len(paths) >= 11
    return docs


def _fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def test_schema_properties_are_the_dataclass_fields(schema: dict[str, Any]) -> None:
    assert list(schema["properties"]) == _fields(records.Document)
    assert schema["required"] == _fields(records.Document)
    assert set(schema["$defs"]) == set(DEFS)
    for name, cls in DEFS.items():
        definition = schema["$defs"][name]
        assert list(definition["properties"]) == _fields(cls), name
        assert definition["required"] == _fields(cls), name
        assert definition["additionalProperties"] is False


def test_docs_describe_every_field() -> None:
    doc = (ROOT / "docs" / "schema.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `([a-z_0-9]+)` \|", doc, flags=re.M))
    for cls in (records.Document, *DEFS.values()):
        missing = set(_fields(cls)) - documented
        assert not missing, f"{cls.__name__}: {sorted(missing)} not in docs/schema.md"
    assert "document.schema.json" in doc


def test_real_outputs_validate(
    validator: Draft202012Validator, real_documents: list[dict[str, Any]]
) -> None:
    for doc in real_documents:
        problems = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(doc)]
        assert not problems, (doc["id"], problems[:5])
    # The samples exercise every part of the document, not just empty lists.
    for key in ("sentences", "entities", "actors", "places", "quotes", "events"):
        assert any(doc[key] for doc in real_documents), key


def test_error_documents_validate(validator: Draft202012Validator) -> None:
    validator.validate(error_document("line-3", "in.jsonl:3: malformed JSON").to_dict())
    validator.validate(error_document(None, "in.jsonl:4: line is not valid UTF-8").to_dict())


def _spans(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    spans: list[tuple[str, dict[str, Any]]] = []
    for key in ("entities", "actors", "places", "quotes"):
        spans.extend((key, item) for item in doc[key])
    spans.extend(("speaker", q["speaker"]) for q in doc["quotes"] if q["speaker"])
    for event in doc["events"]:
        for role in ("source", "target", "location", "reported_by"):
            if event[role]:
                spans.append((f"event.{role}", event[role]))
    return spans


def test_offsets_point_into_article_text(real_documents: list[dict[str, Any]]) -> None:
    for doc in real_documents:
        text = doc["article"]["text"]
        for sent in doc["sentences"]:
            assert 0 <= sent["start"] < sent["end"] <= len(text)
        for kind, item in _spans(doc):
            if item.get("start") is None:
                continue
            assert text[item["start"] : item["end"]] == item["text"], (doc["id"], kind, item)
        for event in doc["events"]:
            assert text[event["start"] : event["end"]] == event["sentence"], doc["id"]
            if event["trigger_start"] is not None:
                assert 0 <= event["trigger_start"] < event["trigger_end"] <= len(text)
