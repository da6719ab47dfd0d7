"""plein-page-index: a compact index of the pages (titles, a summary, their words) for search with the service down."""
