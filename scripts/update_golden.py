"""Regenerate tests/golden/*.json from the bundled sample articles.

Run after an intended change of pipeline output, then review the diff:
    .venv/bin/python scripts/update_golden.py && git diff tests/golden
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from testkit.golden import GOLDEN_DIR, golden_document, sample_files  # noqa: E402


def main() -> int:
    """Write one golden JSON file per sample article."""
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for path in sample_files():
        doc = golden_document(path)
        target = GOLDEN_DIR / f"{path.stem}.json"
        target.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
