"""The inputs stage (files, WARC, feeds, URLs, Parquet); entry point ``eventlens.inputs.stage``."""
