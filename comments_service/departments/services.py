"""Speaking as a department: who may, the audit trail of who did, and notifications addressed to a department.

A member is someone whose identity headers put them in the department's group (a demo login: in
``PLEIN_DEMO_DEPARTMENTS``). A department is addressed by a reply to what it wrote and by ``@<id>`` in a
comment (linked to its page by the renderer, so never inside code); both reach every member the service knows
(``group_members``) when the job worker tells the comment.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..errors import ApiError
from ..identity import Viewer, settings
from ..models import Comment, GroupMember
from ..notifications.events import ADDRESSEES, Action, Change
from ..notifications.models import Kind
from ..rendering.mentions import departments_mentioned_in
from ..services.comments import Written
from ..signals import comment_written
from .models import DepartmentPost

_INSERT_POST = insert(DepartmentPost)


def departments() -> Mapping[str, str]:
    """The configured departments: id -> display name."""
    return settings().departments


def member_of(viewer: Viewer) -> list[str]:
    """The departments the viewer may speak for, in configured order."""
    return [group for group in settings().departments if group in viewer.groups]


def speaking_as(viewer: Viewer, requested: object) -> str | None:
    """The department a write is posted as (``"as"`` of a request), checked: ``None`` for the person themselves;
    400 for what is no department, 403 when the viewer is not a member."""
    if requested is None or requested == "":
        return None
    names = departments()
    if not isinstance(requested, str) or requested not in names:
        raise ApiError(400, "unknown_department", "There is no such department account.",
                       nl="Dit afdelingsaccount bestaat niet.")
    if requested not in member_of(viewer):
        raise ApiError(403, "not_department_member",
                       f"You are not a member of {names[requested]}, so you cannot post as it. Nothing was posted.",
                       nl=f"Je bent geen lid van {names[requested]}, dus je kunt niet namens die afdeling "
                          "schrijven. Er is niets geplaatst.")
    return requested


def record_post(session: Session, department: str, person_id: str, *, comment_id: int | None = None,
                announcement_id: int | None = None) -> None:
    """The audit row: ``person_id`` wrote this in the name of ``department``."""
    session.connection().execute(_INSERT_POST, {
        "department": department, "person_id": person_id, "comment_id": comment_id,
        "announcement_id": announcement_id, "created": utcnow(),
    })


def members(session: Session, department: str) -> list[str]:
    """Everyone the service knows in the department's group."""
    return list(session.scalars(select(GroupMember.person_id).where(GroupMember.group == department)))


def addressed(session: Session, change: Change) -> dict[str, Kind]:
    """Members of the departments a comment addresses: mentioned (``@hr``), or, when new, replied to (an edit is
    no new reply, so it skips the parent's look-up)."""
    names = departments()
    reasons: dict[str, Kind] = {}
    if not names:
        return reasons
    if change.parent_id is not None and change.action != Action.EDITED:
        parent = session.scalar(select(Comment.as_department).where(Comment.id == change.parent_id))
        if parent is not None and parent in names:
            reasons.update(dict.fromkeys(members(session, parent), Kind.REPLY))
    for department in dict.fromkeys(departments_mentioned_in(change.html)):
        if department in names:  # linked when written; the configuration may have changed since
            reasons.update(dict.fromkeys(members(session, department), Kind.MENTION))
    return reasons


def on_comment_written(app: Flask, *, session: Session, action: str, written: Written, **_: object) -> None:
    """A new department post gets its audit row, in the write's transaction."""
    if action == "created" and written.row.department is not None:
        record_post(session, written.row.department, written.row.author_id, comment_id=written.row.id)


def init_app(app: Flask) -> None:
    """Audit new department posts; the notification rules tell the departments a comment addresses."""
    comment_written.connect(on_comment_written, app, weak=False)
    if addressed not in ADDRESSEES:
        ADDRESSEES.append(addressed)


def choices(viewer: Viewer) -> list[dict[str, str]]:
    """The departments the viewer may post as, for the widget's "post as" choice."""
    names = departments()
    return [{"id": group, "name": names[group]} for group in member_of(viewer)]
