"""No request answers 5xx: requests generated from the service's own OpenAPI description, valid and not.

Schemathesis reads `comments_service/openapi.yaml` (what `/api/openapi.json` serves) and Hypothesis generates
requests for every operation, on SQLite and on PostgreSQL, sent through Flask's test client by a moderator (who
may do all a member may, and hide and restore) with a valid CSRF token from the same origin, and the sync token. Derandomized, so a run is repeatable. Each operation runs
once with the generated page ids (unknown ones, odd characters) and once on a synced page, so the requests
also get past the page look-up. JSON bodies also carry unpaired code points (lone surrogates, noncharacters) in
their strings and keys, which Hypothesis' own text never draws (``with_unpaired``).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import Case

from service_helpers import PROXY_ADDRESS, SYNC_TOKEN, Member, client_from

# The search index is written by no thread of the app under test: Hypothesis seeds the global `random` for each
# example, which Whoosh's drain thread also draws segment names from, so a drain during generation made
# Hypothesis warn (an error here) and, given the same names again, collided with an existing segment.
pytestmark = pytest.mark.plein_settings(PLEIN_SEARCH_INDEXER="external")
EXAMPLES_PER_OPERATION = 25
SPEC = Path(__file__).resolve().parents[2] / "comments_service" / "openapi.yaml"

schema = schemathesis.openapi.from_path(SPEC)
UNPAIRED = st.one_of(st.integers(0xD800, 0xDFFF).map(chr), st.sampled_from(["\ufffe", "\uffff", "\U0010ffff"]))
"""Lone surrogates (category Cs, left out of Hypothesis' text even with codec=None) and noncharacters."""


def with_unpaired(value: object) -> st.SearchStrategy[object]:
    """``value``, or it with an unpaired code point put into some of its strings (keys too)."""
    if isinstance(value, str):
        inserted = st.tuples(st.integers(0, len(value)), UNPAIRED).map(lambda at: value[:at[0]] + at[1] + value[at[0]:])
        return st.one_of(st.just(value), inserted)
    if isinstance(value, dict):
        pairs = [st.tuples(with_unpaired(key), with_unpaired(item)) for key, item in value.items()]
        return st.tuples(*pairs).map(dict)
    if isinstance(value, list):
        return st.tuples(*map(with_unpaired, value)).map(list)
    return st.just(value)


@schema.hook
def flatmap_body(context: object, body: object) -> st.SearchStrategy[object]:
    """Every generated JSON body, perhaps with unpaired code points (sent escaped, as JSON allows)."""
    return with_unpaired(body)
fuzz = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def conversation(page: str, sanne: Member) -> str:
    """The synced page with a comment and a reply (on SQLite their ids are 1 and 2, which Hypothesis tries)."""
    first = sanne.comment(page, "Een eerste reactie met #hashtag")
    sanne.comment(page, "Een antwoord", parent_id=first["id"])
    return page


def send(app: Flask, member: Member, case: Case) -> None:
    """Send the case as `member` (identity, CSRF token and sync token override the generated headers)."""
    request = case.as_transport_kwargs(base_url="http://intranet.test")
    headers = {**request["headers"], **member.identity, "X-CSRF-Token": member.csrf,
               "Sec-Fetch-Site": "same-origin", "Authorization": f"Bearer {SYNC_TOKEN}"}
    address = urlsplit(request["url"])
    body = json.dumps(request["json"]) if "json" in request else request.get("data")
    if isinstance(body, dict):  # a form: unpaired code points go as the bytes a careless client would send
        body = urlencode(body, doseq=True, errors="surrogatepass")
    response = client_from(app, PROXY_ADDRESS).open(
        address.path, method=request["method"], query_string=request["params"] or address.query,
        headers=headers, data=body,
    )
    assert response.status_code < 500, f"{case.method} {address.path}: {response.status_code} {response.text}"


@schema.parametrize()
@fuzz
def test_no_request_gets_a_server_error(case: Case, app: Flask, conversation: str, moderator: Member) -> None:
    send(app, moderator, case)


@schema.parametrize()
@fuzz
def test_no_request_on_a_known_page_gets_a_server_error(
    case: Case, app: Flask, conversation: str, moderator: Member
) -> None:
    if "page_id" in (case.path_parameters or {}):
        case.path_parameters["page_id"] = conversation
    send(app, moderator, case)
