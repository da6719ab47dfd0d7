"""The mail templates: Jinja2 from this package, HTML escaped, plain text as written."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader(__package__ or "", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=False, default=False),
        undefined=StrictUndefined,  # a misspelt name fails the test of its template instead of vanishing
        keep_trailing_newline=True,
    )


def render(name: str, **context: object) -> str:
    """The template ``name`` filled with ``context``."""
    return _environment().get_template(name).render(**context)
