"""The privacy package's own tables: an audit of erasures (without whom) and where imported comments came from."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..models import KIND_MAX, Base, UTCDateTime

SOURCE_ID_MAX = 255


class AuditEntry(Base):
    """That something happened to personal data (an erasure, a purge), when, and how much: never who."""

    __tablename__ = "privacy_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(KIND_MAX))
    detail: Mapped[str] = mapped_column(Text)  # JSON: counts of rows per table, never names or ids of people
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ImportSource(Base):
    """A comment imported from another system, by that system's name and id: a second import skips it."""

    __tablename__ = "import_sources"

    source: Mapped[str] = mapped_column(String(KIND_MAX), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(SOURCE_ID_MAX), primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
