"""Allow ``python -m eventlens``."""

from eventlens.cli.stage import main

raise SystemExit(main())
