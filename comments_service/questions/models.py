"""The stored side of questions: one row per comment posted as a question, written in its transaction.

The row keeps what the queue, the widget and the figures need without reading a conversation: when it was
asked, its first answer by someone other than the asker, its best answer, and the escalation claims (a
worker sets a claim column in the same statement that checks it is empty, so two workers never escalate
one question twice).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, Index, Integer, text
from sqlalchemy.orm import Mapped, mapped_column

from ..models import Base, UTCDateTime


class QuestionState(enum.StrEnum):
    """Open: nobody but the asker replied; answered: somebody else did; solved: a best answer is marked."""

    OPEN = "open"
    ANSWERED = "answered"
    SOLVED = "solved"


class Question(Base):
    """A comment posted as a question; its answers are its direct replies."""

    __tablename__ = "questions"
    __table_args__ = (
        Index("ix_questions_asked", "asked"),
        # The unanswered queue and escalation read the open questions only, oldest first.
        Index(
            "ix_questions_open",
            "asked",
            sqlite_where=text("first_answer_id IS NULL"),
            postgresql_where=text("first_answer_id IS NULL"),
        ),
    )

    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True)
    page_pk: Mapped[int] = mapped_column(ForeignKey("pages.pk", ondelete="CASCADE"), index=True)
    asked: Mapped[dt.datetime] = mapped_column(UTCDateTime)  # the question's own creation time
    # The earliest visible reply by someone other than the asker, and how many seconds after the question it came:
    # stored as a number, so the figures' medians read integers instead of computing a year of date differences.
    first_answer_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="SET NULL"))
    first_answer_after: Mapped[int | None] = mapped_column(Integer)
    # The reply marked best, seconds from the question to its writing (the time to best answer), who marked it.
    best_answer_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="SET NULL"))
    best_answer_after: Mapped[int | None] = mapped_column(Integer)
    best_marked_by: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    # Escalation claims: when the page owners, then the community managers, were told it waits.
    escalated_owner: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    escalated_managers: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    @property
    def state(self) -> QuestionState:
        """Where the question stands."""
        return question_state(self.first_answer_id, self.best_answer_id)


def question_state(first_answer_id: int | None, best_answer_id: int | None) -> QuestionState:
    """The state from the two answer columns (also for rows read through Core)."""
    if best_answer_id is not None:
        return QuestionState.SOLVED
    return QuestionState.ANSWERED if first_answer_id is not None else QuestionState.OPEN
