"""Turns one page's conversation into static HTML with the plugin's own template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

_TEMPLATES = Path(__file__).parent / "templates"

STRINGS: dict[str, dict[str, str]] = {
    "nl": {
        "snapshot": "Zo stond het gesprek bij het bouwen van deze pagina.",
        "removed": "Deze reactie is verwijderd.",
        "edited": "bewerkt",
        "reactions": "Reacties op deze pagina",
        "older": "Nog {count} eerdere reacties staan in het actuele gesprek.",
    },
    "en": {
        "snapshot": "This is the conversation as it stood when this page was built.",
        "removed": "This comment was removed.",
        "edited": "edited",
        "reactions": "Reactions to this page",
        "older": "{count} earlier comments are in the live conversation.",
    },
}

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_TEMPLATES),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_snapshot(conversation: dict[str, Any], language: str) -> str:
    """HTML of a conversation; comment bodies are the service's stored, sanitized HTML."""
    template = _environment.get_template("snapshot.html")
    return template.render(
        comments=conversation.get("comments") or [],
        reactions=(conversation.get("reactions") or {}).get("counts") or {},
        generated=conversation.get("generated"),
        older=conversation.get("older") or 0,  # the snapshot holds the newest comments, as the widget's first answer
        strings=STRINGS.get(language, STRINGS["en"]),
    )
