"""Privacy and the data lifecycle: what Plein holds about a person (export, erasure, "Mijn gegevens"),
the retention of deleted comments, and the registry of every table with personal data (``registry``)."""
