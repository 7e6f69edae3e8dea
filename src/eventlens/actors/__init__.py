"""The actors stage; its entry point is ``eventlens.actors.stage.stage``."""
