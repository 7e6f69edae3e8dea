"""The store stage; its entry point is ``eventlens.store.stage``."""
