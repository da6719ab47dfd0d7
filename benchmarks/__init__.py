"""Side-by-side benchmarks of Plein against its peers; results go to docs/performance.md."""
