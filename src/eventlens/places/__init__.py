"""The places stage; its entry point is ``eventlens.places.stage.stage``."""
