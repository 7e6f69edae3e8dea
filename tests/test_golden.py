"""Whole-pipeline golden files: the bundled sample articles must extract exactly as recorded.

An intended change of output is recorded with `python scripts/update_golden.py`
and reviewed as a diff of tests/golden/.
"""

from __future__ import annotations

import json

import pytest

from testkit.golden import GOLDEN_DIR, golden_document, sample_files

SAMPLES = sample_files()


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_matches_golden(path, nlp_model):
    golden_path = GOLDEN_DIR / f"{path.stem}.json"
    assert golden_path.exists(), f"no golden file for {path.name}; run scripts/update_golden.py"
    expected = json.loads(golden_path.read_text("utf-8"))
    actual = json.loads(json.dumps(golden_document(path), ensure_ascii=False))
    keys = ("article", "sentences", "entities", "actors", "places", "quotes", "events", "errors")
    for key in keys:
        assert actual[key] == expected[key], f"{path.name}: '{key}' differs from the golden file"


def test_every_golden_file_has_a_sample():
    stems = {p.stem for p in SAMPLES}
    orphans = [p.name for p in GOLDEN_DIR.glob("*.json") if p.stem not in stems]
    assert not orphans, f"golden files without a sample: {orphans}"
