"""The cli stage; its entry point is ``eventlens.cli.stage.stage``."""
