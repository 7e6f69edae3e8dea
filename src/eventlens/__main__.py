"""Allow ``python -m eventlens``."""

from eventlens.cli import main

raise SystemExit(main())
