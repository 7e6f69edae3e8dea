"""Evaluation against real gold data (see ../shared/eval and docs/evaluation.md)."""
