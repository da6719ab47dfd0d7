"""The audit trail of department posts: who really wrote what a department said.

Readers see the department (``comments.as_department``); moderators, admins and the person's own data export
see the row here. Personal data: ``person_id`` is the writer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..models import NAME_MAX, PERSON_ID_MAX, Base, UTCDateTime


class DepartmentPost(Base):
    """A comment or an announcement a member posted in the name of a department."""

    __tablename__ = "department_posts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department: Mapped[str] = mapped_column(String(NAME_MAX), index=True)
    person_id: Mapped[str] = mapped_column(
        String(PERSON_ID_MAX), ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), unique=True)
    announcement_id: Mapped[int | None] = mapped_column(
        ForeignKey("announcements.id", ondelete="CASCADE"), unique=True
    )
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
