"""Web dashboard and JSON API over the event store (``eventlens serve``)."""

from __future__ import annotations

from eventlens.web.stage import create_app

__all__ = ["create_app"]
