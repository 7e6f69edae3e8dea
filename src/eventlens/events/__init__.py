"""The events stage; its entry point is ``eventlens.events.stage.stage``."""
