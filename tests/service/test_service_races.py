"""Concurrent changes to one comment on PostgreSQL: every answer is a clear one, never a 500 (issue 15).

Each trial starts the two requests together (a barrier) from threads, each with its own client, against one
app on PostgreSQL, whose row locks can deadlock where SQLite's single writer cannot.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from comments_service import db

from service_helpers import Member, together

TRIALS = 15


@pytest.fixture
def postgres_only(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("row-lock races are PostgreSQL's")


@pytest.mark.postgres
@pytest.mark.usefixtures("postgres_only")
@pytest.mark.parametrize("rival", ["hide", "delete", "react"])
def test_an_edit_racing_another_change_to_the_comment_never_fails(
    page: str, sanne: Member, moderator: Member, person: Any, rival: str
) -> None:
    joost = person("joost")
    for trial in range(TRIALS):
        comment = sanne.comment(page, f"Poging {trial}")
        path = f"/api/comments/{comment['id']}"
        rivals = {
            "hide": lambda: moderator.post(f"{path}/hide"),
            "delete": lambda: sanne.delete(path),
            "react": lambda: joost.post(f"{path}/reactions", {"emoji": "👍"}),
        }
        statuses = together(lambda: sanne.patch(path, {"text": f"Bewerkt {trial}"}), rivals[rival])
        assert all(status < 500 for status in statuses), (rival, trial, statuses)


@pytest.mark.postgres
@pytest.mark.usefixtures("postgres_only")
def test_simultaneous_toggles_of_one_reaction_never_fail(page: str, sanne: Member, person: Any) -> None:
    comment = sanne.comment(page, "Klik maar")
    members = [person(f"lid{n}") for n in range(8)]
    for member in members:
        assert member.csrf
    statuses = together(*(lambda m=m: m.post(f"/api/comments/{comment['id']}/reactions", {"emoji": "👍"})
                          for m in members for _ in range(2)))
    assert all(status < 500 for status in statuses), statuses


def test_a_deadlock_that_still_happens_is_retried_and_other_errors_are_not(app: Any) -> None:
    """The database ending a transaction to break a deadlock (SQLSTATE 40P01) means: run the write again."""
    class DriverError(Exception):
        def __init__(self, sqlstate: str) -> None:
            super().__init__(sqlstate)
            self.sqlstate = sqlstate

    calls: list[str] = []

    def deadlocked_once(session: Any) -> str:
        calls.append("try")
        if len(calls) == 1:
            raise OperationalError("UPDATE pages ...", {}, DriverError("40P01"))
        return "done"

    def broken(session: Any) -> str:
        calls.append("broken")
        raise OperationalError("SELECT ...", {}, DriverError("08006"))  # connection failure: not retried

    with app.app_context():
        assert db.retried(deadlocked_once) == "done"
        with pytest.raises(OperationalError):
            db.retried(broken)
    assert calls == ["try", "try", "broken"]


@pytest.mark.postgres
@pytest.mark.usefixtures("postgres_only")
def test_one_comment_sent_twice_at_once_with_one_key_is_made_once(page: str, sanne: Member) -> None:
    for trial in range(TRIALS):
        headers = {"Idempotency-Key": f"gelijktijdig-{trial}"}
        send = lambda: sanne.post(f"/api/pages/{page}/comments", {"text": f"Poging {trial}"}, headers=headers)  # noqa: E731
        assert together(send, send) == [201, 201]
    assert sanne.get(f"/api/pages/{page}/thread").json["comment_count"] == TRIALS
