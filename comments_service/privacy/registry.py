"""Every table of the service that holds personal data, with how "Mijn gegevens" exports it and how an erasure
treats it; and every other table, with why it holds none. One declarative list, so export and erasure can
never forget a table: ``tests/privacy/test_registry.py`` walks ``comments_service.schema.metadata`` and fails
for any table that is in neither list.

How to register a table (a package that adds tables does this in the same commit):

* The rows belong to a person through a column that holds their id: add to ``PERSONAL_DATA``::

      PersonalData("questions", person_column="author_id", erase=Erase.PLACEHOLDER,
                   values={"title": "", "text": "", "html": ""}),

* The rows belong to a person through another table's row (``column`` names that row, whose
  ``person_column`` names the person)::

      PersonalData("answers_votes", through=Through("answer_id", "comments", "author_id"), erase=Erase.DELETE),

* A second column of a table that names some other person (an actor, an assignee): one more entry for that
  column, usually ``Erase.DETACH`` (the column becomes NULL; the row is the other person's);
  ``export=False`` when the row says nothing the erased person should get back.
* The table holds nothing about anyone (pages, counters, derived ids): add it to ``FREE_OF_PERSONAL_DATA``
  with the reason.
* An exported table needs its name on "Mijn gegevens" in both languages: ``table_<name>`` in
  ``privacy/strings.py`` (a test checks).

The erase policies (``Erase``):

* ``DELETE``: the person's rows go (reactions, follows, notifications to them, preferences).
* ``PLACEHOLDER``: the rows stay because others' rows hang on them (a comment with replies); ``values``
  overwrite what the person wrote, and the person column follows the person row to its pseudonym.
* ``ANONYMISE``: the person row itself: it goes, and where ``PLACEHOLDER`` rows need an author, an anonymous row
  (``erased-<random>``, with ``values``) stands in for it.
* ``DETACH``: the column is set to NULL; the row belongs to someone else.
* ``REATTRIBUTE``: the row stays whole, because it speaks for the organisation (a post in a department's name),
  and its person column names the anonymous row instead; with the ``reason``.
* ``KEEP``: exported but not erased here, with the ``reason`` (it comes from outside: the site's front matter).

``where`` narrows an entry to rows with given values (``None``: NULL; ``IS_SET``: not NULL), and a ``Through``'s
``where`` to rows of the table it goes through: so a person's own comments and those they wrote in a department's
name take different policies, and so do the rows that hang on each.

An erasure runs the entries in reverse dependency order of the tables (children first) inside one transaction;
``comments_service.privacy.erasure`` then queues the touched comments for the search index.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..models import CommentState


class Erase(enum.StrEnum):
    """What an erasure does to a person's rows of a table (see the module's docstring)."""

    DELETE = "delete"
    PLACEHOLDER = "placeholder"
    ANONYMISE = "anonymise"
    DETACH = "detach"
    REATTRIBUTE = "reattribute"
    KEEP = "keep"


class _IsSet:
    def __repr__(self) -> str:
        return "IS_SET"


IS_SET = _IsSet()
"""A ``where`` value: the column holds something (SQL ``IS NOT NULL``)."""


@dataclass(frozen=True)
class Through:
    """Rows that belong to a person through another table: ``column`` holds the key of a ``table`` row whose
    ``person_column`` names the person."""

    column: str
    table: str
    person_column: str
    key: str = "id"
    where: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))  # only such ``table`` rows


@dataclass(frozen=True)
class PersonalData:
    """One table (and one column of it, or one path through another table) that names a person."""

    table: str
    erase: Erase
    person_column: str | None = None
    through: Through | None = None
    values: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    export: bool = True
    reason: str = ""
    also_email: bool = False  # the column may name the person by their e-mail address too (page owners)
    where: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))  # only rows with these values

    def __post_init__(self) -> None:
        if (self.person_column is None) == (self.through is None):
            raise ValueError(f"{self.table}: name the person by person_column or through, one of them")
        if self.erase in (Erase.PLACEHOLDER, Erase.ANONYMISE) and not self.values:
            raise ValueError(f"{self.table}: {self.erase} needs the values that replace the person's")
        if self.erase in (Erase.KEEP, Erase.REATTRIBUTE) and not self.reason:
            raise ValueError(f"{self.table}: say why it is kept")


PERSON_TABLE = "people"

OWN: Mapping[str, object] = MappingProxyType({"as_department": None})
"""Comments a person wrote in their own name (not a department's)."""
OWN_COMMENT = Through("comment_id", "comments", "author_id", where=OWN)
"""Rows that hang on a comment the person wrote in their own name."""

PERSONAL_DATA: tuple[PersonalData, ...] = (
    PersonalData(
        PERSON_TABLE, Erase.ANONYMISE, person_column="id",
        values={
            "name": "", "email": None, "department": None, "language": None, "low_profile": True,
            "last_seen": None, "unread": 0, "feed_token": None,
        },
    ),
    PersonalData("group_members", Erase.DELETE, person_column="person_id"),
    PersonalData(
        "comments", Erase.PLACEHOLDER, person_column="author_id", where=OWN,
        values={"text": "", "html": "", "state": CommentState.REMOVED.value, "edited": None},
    ),
    PersonalData(
        "comments", Erase.REATTRIBUTE, person_column="author_id", where={"as_department": IS_SET},
        reason="a post in a department's name speaks for the organisation, as an announcement does: it stays, "
               "with its earlier texts and hashtags, and no longer says who wrote it",
    ),
    PersonalData("comment_revisions", Erase.DELETE, through=OWN_COMMENT),
    PersonalData("hashtag_uses", Erase.DELETE, through=OWN_COMMENT),
    PersonalData("reactions", Erase.DELETE, person_column="person_id"),
    PersonalData("idempotency_keys", Erase.DELETE, person_column="person_id"),
    PersonalData(
        "page_owners", Erase.KEEP, person_column="owner", also_email=True,
        reason="written by the site's front matter on every sync: the page's source must change",
    ),
    PersonalData("notifications", Erase.DELETE, person_column="person_id"),
    PersonalData(
        "notifications", Erase.DELETE, through=OWN_COMMENT, export=False,
        reason="others' notifications (and pending mails) about the person's comments: they point at nothing now",
    ),
    PersonalData("notifications", Erase.DETACH, person_column="actor_id", export=False),
    PersonalData("follows", Erase.DELETE, person_column="person_id"),
    PersonalData(
        "follows", Erase.DELETE, person_column="target", where={"target_kind": "person"}, export=False,
        reason="others following the person (target_kind 'person'): the person is gone",
    ),
    PersonalData("notification_preferences", Erase.DELETE, person_column="person_id"),
    PersonalData("mail_schedules", Erase.DELETE, person_column="person_id"),
    PersonalData(
        "questions", Erase.DELETE, through=OWN_COMMENT,
        reason="that the person's comment was a question, its answer times and escalations: the question is gone",
    ),
    PersonalData("questions", Erase.DETACH, person_column="best_marked_by"),
    PersonalData("announcements", Erase.DETACH, person_column="author_id",
                 reason="an announcement speaks for the organisation: it stays, without who posted it"),
    PersonalData("announcement_seen", Erase.DELETE, person_column="person_id"),
    PersonalData("announcement_mails", Erase.DELETE, person_column="person_id"),
    PersonalData("department_posts", Erase.DELETE, person_column="person_id"),
    PersonalData("analytics_listed", Erase.DELETE, person_column="person_id"),
)

FREE_OF_PERSONAL_DATA: Mapping[str, str] = MappingProxyType({
    "pages": "the site's pages as the manifest lists them",
    "analytics_page_views": "views per page and day: counts, never who read",
    "analytics_readers": "HyperLogLog registers of distinct readers per day and month: no ids, not reversible",
    "analytics_searches": "queries per day with counts, never who searched (shown only when searched 5+ times)",
    "analytics_report_mailings": "which month's report was mailed, and when",
    "analytics_days": "closed days' counts of comments, replies, reactions, new participants",
    "analytics_day_pages": "comments per page and closed day: counts",
    "analytics_day_hashtags": "hashtag uses per closed day: counts",
    "analytics_participants": "HyperLogLog registers of participants per day and month: no ids, not reversible",
    "analytics_department_participants": "the same registers per department: no ids, shown only for 5 or more",
    "analytics_views_daily": "views per day: counts",
    "analytics_views_monthly": "views per page and month: counts",
    "page_aliases": "former identities of pages",
    "search_queue": "comment ids and when they were queued; an erasure queues the person's comments to leave the index",
    "notification_queue": "comment ids still to be told, for a second or so; go with their comments",
    "privacy_audit": "that an erasure or export happened, and when: counts, never who",
    "import_sources": "which comment came from which comment of another system (ids only)",
    "periodic_runs": "the last period each periodic job ran for (job names and times)",
})


def registered_tables() -> set[str]:
    """The tables named in either list."""
    return {entry.table for entry in PERSONAL_DATA} | set(FREE_OF_PERSONAL_DATA)
