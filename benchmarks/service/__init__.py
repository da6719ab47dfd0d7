"""Plein's comments service against Isso 0.14: `python benchmarks/service/run.py` (see docs/performance.md)."""
