"""eventlens: turn news into political event data, offline, with evidence."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["extract", "__version__"]


def extract(text_or_html: str, published: str | None = None, **kwargs: Any) -> Any:
    """Extract the event document from one article; see ``eventlens.pipeline.extract``."""
    from eventlens.pipeline import extract as _extract

    return _extract(text_or_html, published, **kwargs)
