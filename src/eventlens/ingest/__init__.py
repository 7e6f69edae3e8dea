"""The ingest stage (sources into the SQLite store); entry point ``eventlens.ingest.stage``."""
