"""The quotes stage; its entry point is ``eventlens.quotes.stage.stage``."""
