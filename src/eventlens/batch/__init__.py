"""The batch stage; its entry point is ``eventlens.batch.stage.stage``."""
