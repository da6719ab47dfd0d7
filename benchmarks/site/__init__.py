"""Site-build and Lighthouse benchmarks on a synthetic intranet of Markdown in git."""
