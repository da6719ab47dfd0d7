"""Search benchmark: `python -m benchmarks.search.run` (see docs/performance.md, section Search)."""
