"""plein-identity: a stable identity per page (surviving renames) and the manifest `plein/manifest.json`."""
