"""The dates stage; its entry point is ``eventlens.dates.stage.stage``."""
