"""Fixtures for the comment rendering tests: a small directory of people and the XSS payload list."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from comments_service.rendering import RenderedComment, render_comment

from rendering_payloads import Payload, load_payloads

# handle -> (person id, display name)
PEOPLE: dict[str, tuple[str, str]] = {
    "sanne": ("sanne.devries", "Sanne de Vries"),
    "jan.jansen": ("jjansen", "Jan Jansen"),
    "ahmed_el-amrani": ("ahmed", "Ahmed El Amrani"),
    "gek": ("p/1?x", "Naam *met* #tekens <b>"),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run a test that asks for `xss_payload` once per payload, named after it."""
    if "xss_payload" in metafunc.fixturenames:
        payloads = load_payloads()
        metafunc.parametrize("xss_payload", payloads, ids=[payload.name for payload in payloads])


@pytest.fixture(scope="session")
def all_payloads() -> list[Payload]:
    return load_payloads()


class Resolver:
    """A mention resolver over `PEOPLE` that remembers which handles it was asked about."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, handle: str) -> tuple[str, str] | None:
        self.asked.append(handle)
        return PEOPLE.get(handle)


@pytest.fixture
def resolver() -> Resolver:
    return Resolver()


@pytest.fixture
def render(resolver: Resolver) -> Callable[..., RenderedComment]:
    """`render(text, site_root="/")` with the people above."""

    def run(text: str, site_root: str = "/") -> RenderedComment:
        return render_comment(text, resolve_mention=resolver, site_root=site_root)

    return run
