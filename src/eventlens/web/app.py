"""The old name of :mod:`eventlens.web.stage`, kept only while ``cli/serve.py`` imports it.

Import from ``eventlens.web.stage`` (or ``eventlens.web``); this module goes once the
CLI does.
"""

from __future__ import annotations

from eventlens.web.stage import DEFAULT_MAX_BODY_BYTES, create_app

__all__ = ["DEFAULT_MAX_BODY_BYTES", "create_app"]
