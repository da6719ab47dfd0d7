"""The Plein MkDocs theme (entry point `mkdocs.themes: plein`): templates and assets live beside this file."""
