"""The command line, one module per command; its entry point is ``eventlens.cli.stage``."""
