"""The OpenAPI description matches the routes: every /api/ route described, every described path real."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def api_routes(app: Flask) -> set[tuple[str, str]]:
    """(path in OpenAPI form, method) for every registered /api/ rule."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            routes |= {(path, method) for method in rule.methods or () if method not in IGNORED_METHODS}
    return routes


def described_routes(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (path, method.upper())
        for path, operations in document["paths"].items()
        for method in operations
        if method in {"get", "post", "patch", "put", "delete"}
    }


def test_the_description_is_served_as_openapi_31(client: Any) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.is_json
    assert response.json["openapi"].startswith("3.1")


def test_every_route_is_described_and_every_description_routed(app: Flask, client: Any) -> None:
    document = client.get("/api/openapi.json").json
    assert api_routes(app) == described_routes(document)


def test_every_reference_resolves(client: Any) -> None:
    document = client.get("/api/openapi.json").json
    text = str(document)
    for reference in set(re.findall(r"#/components/(\w+)/(\w+)", text)):
        section, name = reference
        assert name in document["components"][section], reference


def test_path_parameters_are_declared(client: Any) -> None:
    document = client.get("/api/openapi.json").json
    parameters = document["components"]["parameters"]
    for path, operations in document["paths"].items():
        expected = set(re.findall(r"{(\w+)}", path))
        for operation in operations.values():
            declared = {
                parameters[p["$ref"].rsplit("/", 1)[-1]]["name"] if "$ref" in p else p["name"]
                for p in operation.get("parameters", [])
            }
            assert expected <= declared, (path, expected, declared)
