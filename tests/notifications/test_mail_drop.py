"""The drop folder read back: each person's mails by their To addresses, newest first (headers only), then the
ones to show with both parts."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from pathlib import Path

from comments_service.notifications.mail.drop import MailDrop, mail_to, read


def kept(drop: Path, to: str, subject: str, date: str, *, html: bool = True) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"], message["Date"] = "Plein <plein@test>", to, subject, date
    message.set_content(f"{subject} als tekst")
    if html:
        message.add_alternative(f"<p>{subject}</p>", subtype="html")
    MailDrop(drop).send(message)


def test_a_person_reads_only_what_was_addressed_to_them_newest_first(tmp_path: Path) -> None:
    kept(tmp_path, "Eva <Eva@Example.nl>", "Oud", "Mon, 04 Jan 2027 09:00:00 +0100")
    kept(tmp_path, "Rapport <a@example.nl>, eva@example.nl", "Nieuw", "Tue, 05 Jan 2027 09:00:00 +0100", html=False)
    kept(tmp_path, "Joost <joost@example.nl>", "Niet voor Eva", "Wed, 06 Jan 2027 09:00:00 +0100")
    kept(tmp_path, "eva@example.nl", "Zonder zone", "Tue, 05 Jan 2027 06:00:00 -0000")

    paths = mail_to(tmp_path, "eva@example.nl")
    mails = [mail for mail in map(read, paths) if mail is not None]
    assert len(mails) == len(paths) and [mail.subject for mail in mails] == ["Nieuw", "Zonder zone", "Oud"]
    assert mails[1].sent == dt.datetime(2027, 1, 5, 6, tzinfo=dt.UTC)  # "-0000": taken as UTC
    assert (mails[0].html, mails[0].text.strip()) == (None, "Nieuw als tekst")
    assert mails[2].html is not None and "<p>Oud</p>" in mails[2].html
    assert mail_to(tmp_path, "nobody@example.nl") == [] and mail_to(tmp_path / "missing", "eva@example.nl") == []


def test_a_mail_gone_while_the_page_is_made_is_left_out(tmp_path: Path) -> None:
    kept(tmp_path, "eva@example.nl", "Weg", "Mon, 04 Jan 2027 09:00:00 +0100")
    [path] = mail_to(tmp_path, "eva@example.nl")
    path.unlink()  # someone emptied the drop
    assert read(path) is None and mail_to(tmp_path, "eva@example.nl") == []
