"""The manifest plein-identity writes for the comments service (format: docs/manifest.md)."""

from plugins.identity.structure.manifest import Manifest
from plugins.identity.structure.manifest_page import ManifestPage

__all__ = ["Manifest", "ManifestPage"]
