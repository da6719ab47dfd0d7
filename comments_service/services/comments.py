"""Writing comments: create, edit, remove (by the author), hide and restore (by moderators).

Text is rendered to sanitized HTML here, once, when it is written; a text an edit replaces is kept
as a revision (the current text lives in the comment only, so a create writes one row fewer). Each
change counts as a change of the page's conversation (its ETag moves).
The caller owns the transaction and tells :mod:`comments_service.signals`' listeners (inside it and after).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import bindparam, case, delete, func, insert, select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..config import Settings
from ..errors import ApiError
from ..identity import Viewer
from ..models import ID_MAX, SLUG_MAX, Comment, CommentRevision, CommentState, HashtagUse, Person, Reaction
from ..prepared import Prepared, parameters_named
from ..rendering import RenderedComment, render_comment
from ..rendering.mentions import mentions_anew
from .pages import PageRef, page_by_pk, page_url, touch, touch_open_page
from .people import ensure_person, mention_resolver
from .present import CommentRow, PageContext, comment_json, reactions_json


# Prepared once (`comments_service.prepared`): readying a statement per write costs more CPU than SQLite spends
# running it, inside the write turn the other workers wait for.
_INSERT_COMMENT = Prepared(
    insert(Comment)
    .values(parameters_named(
        "page_pk", "parent_id", "author_id", "text", "html", "state", "created", "as_department"))
    .returning(Comment.id)
)
_INSERT_REVISION = Prepared(insert(CommentRevision).values(parameters_named("comment_id", "text", "html", "created")))
_INSERT_HASHTAG_USE = Prepared(insert(HashtagUse).values(parameters_named("slug", "page_pk", "comment_id", "created")))
_DELETE_HASHTAG_USES = Prepared(delete(HashtagUse).where(HashtagUse.comment_id == bindparam("comment_id")))


def too_long(config: Settings) -> ApiError:
    """413 for a comment over the length limit; a request body too large for any comment gets the same."""
    return ApiError(413, "text_too_long", f"A comment has at most {config.comment_max_length} characters.",
                    nl=f"Een reactie heeft hoogstens {config.comment_max_length} tekens.")


def _checked_text(text: str, config: Settings) -> str:
    """The text without surrounding blanks, within the configured length (422 / 413)."""
    text = text.strip()
    if not text:
        raise ApiError(422, "text_empty", "Write something first.", nl="Schrijf eerst iets.")
    if len(text) > config.comment_max_length:
        raise too_long(config)
    if len(text) < config.comment_min_length:
        raise ApiError(422, "text_too_short", f"A comment has at least {config.comment_min_length} characters.",
                       nl=f"Een reactie heeft minstens {config.comment_min_length} tekens.")
    return text


@dataclass(frozen=True)
class Written:
    """A comment just changed, with what its answer needs that the change already knew."""

    row: CommentRow
    page: PageRef
    hashtags: list[str] | None = None  # None: this change left them alone
    new: bool = False
    mentions_anew: bool = False  # an edit that mentions a person or department its former text did not


def _written(
    session: Session, viewer: Viewer, comment: Comment, page: PageRef, hashtags: list[str] | None = None,
    mentions_anew: bool = False,
) -> Written:
    """What a change to a stored comment answers with (the author's name read only when not the viewer's)."""
    if comment.author_id == viewer.id:
        author_name = viewer.name
    else:
        author_name = session.scalar(select(Person.name).where(Person.id == comment.author_id)) or comment.author_id
    row = CommentRow(
        comment.id, comment.parent_id, comment.author_id, author_name, comment.text, comment.html,
        comment.state, comment.created, comment.edited, comment.as_department,
    )
    return Written(row, page, hashtags, mentions_anew=mentions_anew)


def written_of(session: Session, viewer: Viewer, comment_id: int) -> Written:
    """A stored comment as a write answers with it: what a repeated write (the same idempotency key) gets."""
    comment = get_comment(session, comment_id)
    return _written(session, viewer, comment, page_by_pk(session, comment.page_pk))


def _render(session: Session, text: str, config: Settings) -> RenderedComment:
    """Render before the first change: SQLite's write lock is then held for the inserts only."""
    return render_comment(text, resolve_mention=mention_resolver(session, config.demo), site_root=config.site_root,
                          departments=config.departments)


def _store_hashtags(
    session: Session, comment_id: int, page_pk: int, rendered: RenderedComment, *, new: bool
) -> list[str]:
    """Record the comment's hashtags (returned), with prepared statements (no unit of work for rows
    nothing else holds).

    A hashtag longer than the database keeps stays a link in the text, without a stored use.
    """
    now = utcnow()
    if not new:
        _DELETE_HASHTAG_USES.execute(session, {"comment_id": comment_id})
    hashtags = [slug for slug in rendered.hashtags if len(slug) <= SLUG_MAX]
    if hashtags:
        _INSERT_HASHTAG_USE.execute_many(
            session, [{"slug": slug, "page_pk": page_pk, "comment_id": comment_id, "created": now} for slug in hashtags]
        )
    return hashtags


def get_comment(session: Session, comment_id: int) -> Comment:
    """The comment or a 404.

    A number beyond what the id column holds names no comment; the database would refuse to compare it.
    """
    comment = session.get(Comment, comment_id) if 0 < comment_id <= ID_MAX else None
    if comment is None:
        raise ApiError(404, "comment_not_found", f"There is no comment {comment_id}.", nl=f"Er is geen reactie {comment_id}.")
    return comment


def lock_conversation(session: Session, comment: Comment) -> None:
    """Lock the comment's page row, then the comment's own, until the transaction ends, and read it afresh.

    Every write to a conversation takes its page row first (a new comment and a reaction by counting the change
    there): one lock order, so two writes to one comment on PostgreSQL wait for each other instead of
    deadlocking. On SQLite the page's counter is the transaction's first write, which takes the write lock.
    """
    touch(session, comment.page_pk)
    session.refresh(comment, with_for_update=True)


def create_comment(
    session: Session, config: Settings, viewer: Viewer, page_identity: str, text: str, parent_id: int | None,
    department: str | None = None,
) -> Written:
    """A new comment, or a reply to a visible comment of the same page; ``department``: posted in the name of
    that department (the caller checked the viewer may).

    The text is checked and rendered first; then the page is found and its change counted in one statement,
    the first that writes (an unknown or archived page rolls everything back).
    """
    text = _checked_text(text, config)
    rendered = _render(session, text, config)
    page = touch_open_page(session, page_identity)
    if parent_id is not None:
        parent = session.get(Comment, parent_id)
        if parent is None:
            raise ApiError(400, "parent_not_found", f"There is no comment {parent_id} to reply to.",
                           nl=f"Er is geen reactie {parent_id} om op te antwoorden.")
        if parent.page_pk != page.pk:
            raise ApiError(400, "parent_elsewhere", "A reply must be on the same page as its comment.",
                           nl="Een antwoord moet op dezelfde pagina staan als de reactie.")
        if parent.state != CommentState.VISIBLE:
            raise ApiError(409, "parent_gone", "That comment was removed or hidden; it takes no replies.",
                           nl="Die reactie is verwijderd of verborgen; er kan niet meer op geantwoord worden.")
    ensure_person(session, viewer)
    row = CommentRow(
        0, parent_id, viewer.id, viewer.name, text, rendered.html, CommentState.VISIBLE.value, utcnow(), None,
        department,
    )
    comment_id: int = _INSERT_COMMENT.scalar(
        session,
        {
            "page_pk": page.pk, "parent_id": parent_id, "author_id": viewer.id, "text": text,
            "html": rendered.html, "state": row.state, "created": row.created, "as_department": department,
        },
    )
    hashtags = _store_hashtags(session, comment_id, page.pk, rendered, new=True)
    return Written(replace(row, id=comment_id), page, hashtags, new=True)


def _check_own(comment: Comment, viewer: Viewer) -> Comment:
    """A comment the viewer wrote and has not removed (403, 409 otherwise)."""
    if comment.author_id != viewer.id:
        raise ApiError(403, "not_author", "Only its author may change this comment.",
                       nl="Alleen de schrijver mag deze reactie veranderen.")
    if comment.state == CommentState.REMOVED:
        raise ApiError(409, "comment_removed", "This comment was removed.", nl="Deze reactie is verwijderd.")
    return comment


def _check_editable(comment: Comment, viewer: Viewer) -> None:
    """A comment its author may edit: theirs, not removed, not hidden (403, 409 otherwise)."""
    _check_own(comment, viewer)
    if comment.state != CommentState.VISIBLE:
        raise ApiError(409, "comment_hidden", "A moderator hid this comment; it cannot be edited.",
                       nl="Een moderator heeft deze reactie verborgen; ze kan niet bewerkt worden.")


def edit_comment(session: Session, config: Settings, viewer: Viewer, comment_id: int, text: str) -> Written:
    """The author's new text; the former one is kept as a revision, dated when it was written.

    Checked and rendered before any lock is taken; then the conversation is locked and the comment checked
    again as it is now, so of two edits at once the second keeps the text the first wrote.
    """
    comment = get_comment(session, comment_id)
    _check_editable(comment, viewer)
    text = _checked_text(text, config)
    rendered = _render(session, text, config)
    lock_conversation(session, comment)
    _check_editable(comment, viewer)
    page = page_by_pk(session, comment.page_pk)
    _INSERT_REVISION.execute(
        session,
        {
            "comment_id": comment.id, "text": comment.text, "html": comment.html,
            "created": comment.edited or comment.created,
        },
    )
    anew = mentions_anew(comment.html, rendered.html)
    comment.text, comment.html, comment.edited = text, rendered.html, utcnow()
    hashtags = _store_hashtags(session, comment.id, comment.page_pk, rendered, new=False)
    return _written(session, viewer, comment, page, hashtags, mentions_anew=anew)


def remove_comment(session: Session, viewer: Viewer, comment_id: int) -> Written:
    """Soft delete by the author: the thread keeps a placeholder only while it has replies."""
    comment = _check_own(get_comment(session, comment_id), viewer)
    lock_conversation(session, comment)
    _check_own(comment, viewer)
    page = page_by_pk(session, comment.page_pk)
    comment.state = CommentState.REMOVED.value
    return _written(session, viewer, comment, page)


def moderate_comment(session: Session, viewer: Viewer, comment_id: int, *, hide: bool) -> Written:
    """Hide a visible comment or restore a hidden one (moderators only; 409 from any other state)."""
    if not viewer.is_moderator:
        raise ApiError(403, "not_moderator", "Only moderators may hide or restore comments.",
                       nl="Alleen moderators mogen reacties verbergen of terugzetten.")
    comment = get_comment(session, comment_id)
    lock_conversation(session, comment)
    before, after = (CommentState.VISIBLE, CommentState.HIDDEN) if hide else (CommentState.HIDDEN, CommentState.VISIBLE)
    if comment.state != before:
        raise ApiError(409, "wrong_state", f"Only a {before.value} comment can be {'hidden' if hide else 'restored'}.",
                       nl=f"Alleen een {'zichtbare' if hide else 'verborgen'} reactie kan "
                          f"{'verborgen' if hide else 'teruggezet'} worden.")
    page = page_by_pk(session, comment.page_pk)
    comment.state = after.value
    return _written(session, viewer, comment, page)


@dataclass(frozen=True)
class Revision:
    """One text a comment has had, and when it was written."""

    text: str
    html: str
    created: dt.datetime


def comment_revisions(session: Session, viewer: Viewer | None, comment_id: int) -> list[Revision]:
    """Every text of a comment, oldest first, the current one last: for its author and for moderators
    (others: 403; a removed comment's: 410 for everyone). The stored revisions are the former texts only.
    """
    comment = get_comment(session, comment_id)
    if comment.state == CommentState.REMOVED:
        raise ApiError(410, "comment_removed", "Its author removed this comment; nobody reads it any more.",
                       nl="De schrijver heeft deze reactie verwijderd; niemand kan haar nog lezen.")
    if viewer is None or (viewer.id != comment.author_id and not viewer.is_moderator):
        raise ApiError(403, "not_allowed", "Only the author and moderators see earlier versions.",
                       nl="Alleen de schrijver en moderators zien eerdere versies.")
    former = session.execute(
        select(CommentRevision.text, CommentRevision.html, CommentRevision.created)
        .where(CommentRevision.comment_id == comment_id)
        .order_by(CommentRevision.id)
    )
    current = Revision(comment.text, comment.html, comment.edited or comment.created)
    return [*(Revision(*row) for row in former), current]


def comment_answer(session: Session, config: Settings, viewer: Viewer | None, written: Written) -> dict[str, object]:
    """The ``Comment`` answer of a write (``replies`` empty: the thread has them).

    Only what the write did not already know is read: a new comment has no reactions and its
    hashtags were just found.
    """
    row = written.row
    counts: dict[str, int] = {}
    mine: list[str] = []
    if not written.new:
        viewer_id = viewer.id if viewer else None
        for emoji, count, own in session.execute(
            select(Reaction.emoji, func.count(), func.sum(case((Reaction.person_id == viewer_id, 1), else_=0)))
            .where(Reaction.comment_id == row.id)
            .group_by(Reaction.emoji)
        ):
            counts[emoji] = count
            if own:
                mine.append(emoji)
    hashtags = written.hashtags
    if hashtags is None:
        hashtags = list(
            session.scalars(select(HashtagUse.slug).where(HashtagUse.comment_id == row.id).order_by(HashtagUse.id))
        )
    page = written.page
    context = PageContext(page.identity, page_url(config.site_root, page), page.archived, viewer)
    reactions = reactions_json(counts, mine, config.emoji)
    return comment_json(row, context, reactions=reactions, hashtags=hashtags, replies=[])
