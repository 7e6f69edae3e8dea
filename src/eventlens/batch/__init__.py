"""The batch stage (inputs into a Parquet dataset); its entry point is ``eventlens.batch.stage``."""
