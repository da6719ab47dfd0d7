"""plein-snapshot: render each page's conversation into the built page, readable without JavaScript."""
