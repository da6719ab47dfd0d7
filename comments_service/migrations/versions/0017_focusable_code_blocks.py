"""Comments' code blocks take the keyboard's focus: stored HTML gets what the sanitizer now adds.

The sanitizer gives every ``<pre>`` of a comment ``tabindex="0"`` (a code block scrolls sideways on a phone, and
without a pointer only what takes the focus scrolls). Comments and earlier versions stored before kept their bare
``<pre>`` until edited; this gives them the same. Text cannot hold the tag (the renderer escapes ``<``), and the
sanitizer left ``pre`` no attribute, so the bare tag is exactly ``<pre>``. The pages of the changed conversations
count a change, so readers' cached copies (ETags) are renewed.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None

BARE = "<pre>"
FOCUSABLE = '<pre tabindex="0">'


def _replace(old: str, new: str) -> None:
    """``old`` becomes ``new`` in every comment's and earlier version's HTML; their pages count a change first."""
    op.execute(
        "UPDATE pages SET version = version + 1 WHERE pk IN ("
        f"SELECT page_pk FROM comments WHERE html LIKE '%{old}%' UNION "
        "SELECT comments.page_pk FROM comment_revisions JOIN comments ON comments.id = comment_revisions.comment_id "
        f"WHERE comment_revisions.html LIKE '%{old}%')"
    )
    for table in ("comments", "comment_revisions"):
        op.execute(f"UPDATE {table} SET html = replace(html, '{old}', '{new}') WHERE html LIKE '%{old}%'")


def upgrade() -> None:
    """Every stored ``<pre>`` focusable."""
    _replace(BARE, FOCUSABLE)


def downgrade() -> None:
    """Bare ``<pre>`` again, as the code before this revision stored it."""
    _replace(FOCUSABLE, BARE)
