"""The inputs stage; its entry point is ``eventlens.inputs.stage``."""
