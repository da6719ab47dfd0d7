"""An announcement's reach, for who announced it: how many people saw it (and what share of the people the
service knows), the reactions and comments on its page, and its mails. Counts only: nobody is named, so people
who keep a low profile are counted like everyone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..identity import Viewer
from ..models import Comment, CommentState, Person, Reaction
from ..departments.services import member_of
from .models import Announcement, AnnouncementMail, AnnouncementSeen, MailState, SeenHow


@dataclass(frozen=True)
class Reach:
    """The figures of one announcement."""

    seen: int
    opened: int
    dismissed: int
    known: int  # people the service knows
    reactions: int  # on its page (to the page and its comments)
    comments: int  # visible comments on its page
    mailed: int
    mail_waiting: int

    @property
    def share(self) -> float:
        """Seen, as a share of the people the service knows."""
        return self.seen / self.known if self.known else 0.0

    def as_json(self) -> dict[str, object]:
        """The ``Reach`` of the API contract."""
        return {"seen": self.seen, "opened": self.opened, "dismissed": self.dismissed, "known": self.known,
                "share": round(self.share, 4), "reactions": self.reactions, "comments": self.comments,
                "mailed": self.mailed, "mail_waiting": self.mail_waiting}


def may_see_reach(viewer: Viewer | None, announcement: Announcement) -> bool:
    """The communication role (admins too), who posted it, and the members of the department it was posted as."""
    if viewer is None:
        return False
    return (viewer.has_role("communication") or viewer.id == announcement.author_id
            or (announcement.department is not None and announcement.department in member_of(viewer)))


def require_reach(viewer: Viewer | None, announcement: Announcement) -> None:
    """403 for everyone else (401 when signed out)."""
    if viewer is None:
        raise ApiError(401, "not_signed_in", "Sign in first.", nl="Log eerst in.")
    if not may_see_reach(viewer, announcement):
        raise ApiError(403, "not_announcer", "Only the communication role and who announced it see its reach.",
                       nl="Alleen de rol communicatie en wie het aankondigde zien het bereik.")


def reach_of(session: Session, announcement: Announcement) -> Reach:
    """Every figure, each one count."""
    seen = dict(session.execute(
        select(AnnouncementSeen.how, func.count()).where(AnnouncementSeen.announcement_id == announcement.id)
        .group_by(AnnouncementSeen.how)).all())
    mails = dict(session.execute(
        select(AnnouncementMail.state, func.count()).where(AnnouncementMail.announcement_id == announcement.id)
        .group_by(AnnouncementMail.state)).all())
    reactions = comments = 0
    if announcement.page_pk is not None:
        reactions = session.scalar(select(func.count()).select_from(Reaction)
                                   .where(Reaction.page_pk == announcement.page_pk)) or 0
        comments = session.scalar(select(func.count()).select_from(Comment).where(
            Comment.page_pk == announcement.page_pk, Comment.state == CommentState.VISIBLE.value)) or 0
    opened, dismissed = seen.get(SeenHow.OPENED.value, 0), seen.get(SeenHow.DISMISSED.value, 0)
    return Reach(
        seen=opened + dismissed, opened=opened, dismissed=dismissed,
        known=session.scalar(select(func.count()).select_from(Person)) or 0,
        reactions=reactions, comments=comments, mailed=mails.get(MailState.SENT.value, 0),
        mail_waiting=mails.get(MailState.WAITING.value, 0) + mails.get(MailState.SENDING.value, 0),
    )
