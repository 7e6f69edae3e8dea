"""The eval stage; its entry point is ``eventlens.eval.stage``."""
