"""What the hosts share besides the database: when Redis, which holds the write budgets, cannot be reached, a
write still goes through (within a bounded wait) instead of failing with a 500."""

from __future__ import annotations

import time

import pytest

from service_helpers import Member


@pytest.mark.plein_settings(PLEIN_RATELIMIT_ENABLED="1", PLEIN_RATELIMIT_STORAGE="redis://127.0.0.1:1/0")
def test_writes_go_on_without_a_limit_while_the_shared_store_is_down(page: str, sanne: Member) -> None:
    started = time.monotonic()

    answers = [sanne.post(f"/api/pages/{page}/comments", {"text": f"toch {n}"}).status_code for n in range(3)]

    assert answers == [201, 201, 201]
    assert time.monotonic() - started < 3
