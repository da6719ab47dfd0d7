"""The mail Plein kept for the viewer at ``{site_root}me/mail/``, where it sends none (``PLEIN_MAIL_DROP``).

A demo or a trial has no SMTP server, so the mail of notifications, announcements and reports would be invisible;
with a drop folder it is kept there and each reader sees here what was addressed to them, newest first: the HTML
part as a mail program shows it (in a sandboxed frame; its links open in the page), the plain-text part and the
names of attachments. Without a drop the page does not exist.
"""

from __future__ import annotations

import math

from flask import Response

from ..api.payload import page_number
from ..errors import ApiError
from ..identity import settings
from ..notifications.mail.drop import mail_to, read
from .html import bp, language, render, require_page, signed_in
from .strings import STRINGS

PATH = "me/mail/"
PER_PAGE = 10
_LINKS_OPEN_IN_THE_PAGE = '<base target="_top">'  # the frame is sandboxed: a link may only replace the page


def framed(html: str) -> str:
    """A mail's HTML for the frame's ``srcdoc``: its links replace the page (relative ones resolve against it)."""
    head = html.find("<head>")
    if head < 0:
        return _LINKS_OPEN_IN_THE_PAGE + html
    return html[:head + len("<head>")] + _LINKS_OPEN_IN_THE_PAGE + html[head + len("<head>"):]


@bp.get("/me/mail/")
def kept_mail() -> Response:
    """One page (``?page=``) of the mail kept for the viewer's address; 404 where mail is really sent."""
    viewer = signed_in()
    config = settings()
    drop = config.mail.drop
    if drop is None:
        raise ApiError(404, "no_mail_drop", "Plein sends its mail: it keeps none here.",
                       nl="Plein verstuurt zijn mail: het bewaart die hier niet.")
    found = mail_to(drop, viewer.email) if viewer.email else []
    page = page_number()
    pages = max(1, math.ceil(len(found) / PER_PAGE))
    require_page(page, pages)
    words = STRINGS[language()]
    shown = [mail for mail in map(read, found[(page - 1) * PER_PAGE:page * PER_PAGE]) if mail is not None]
    return render(
        "kept_mail.html", words["kept_mail"], address=viewer.email,
        mails=[(mail, framed(mail.html) if mail.html else None,
                mail.sent.astimezone(config.mail.timezone) if mail.sent else None) for mail in shown],
        page=page, pages=pages, here=config.site_root + PATH,
    )
