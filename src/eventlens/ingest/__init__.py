"""The ingest stage; its entry point is ``eventlens.inputs.readers.stage``."""
