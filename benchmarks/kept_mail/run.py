"""How fast ``me/mail/`` finds a reader's mail in a drop folder (``PLEIN_MAIL_DROP``) that keeps many mails.

Fills a fresh Maildir with ``--mails`` notification-sized mails (HTML and plain text) for 50 people through the
drop's own sender, then, side by side and ``--reads`` times each: the way the page does it (``drop.mail_to``: the
headers only, then ``drop.read`` for the ten mails of the first page) against parsing every mail whole (the
standard library's ``mailbox.Maildir`` with the default policy, as a first version did). Prints p50 / p95
milliseconds of each and their ratio.

    .venv/bin/python -m benchmarks.kept_mail.run                  # 2,000 mails, 10 reads each
    .venv/bin/python -m benchmarks.kept_mail.run --mails 10000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from pathlib import Path

from comments_service.notifications.mail.drop import MAILDIR_PARTS, MailDrop, mail_to, read

PEOPLE = 50
PER_PAGE = 10
READER = "persoon-7@demo.invalid"


def fill(folder: Path, mails: int) -> None:
    """``mails`` mails to the ``PEOPLE`` people in turn, each about the size of a notification mail."""
    drop = MailDrop(folder)
    for number in range(mails):
        message = EmailMessage()
        message["From"], message["Subject"] = "Plein <plein@localhost>", f"Joost noemde je bij pagina {number}"
        message["To"] = f"Persoon {number % PEOPLE} <persoon-{number % PEOPLE}@demo.invalid>"
        message["Date"] = f"Sun, 06 Dec 2026 {number // 3600 % 24:02d}:{number // 60 % 60:02d}:{number % 60:02d} +0100"
        message.set_content("Dit is er voor je gebeurd op Plein: " + "een reactie met wat tekst " * 12)
        message.add_alternative("<!DOCTYPE html><html><head><title>Plein</title></head><body><p>"
                                + "een reactie met wat tekst " * 40 + "</p></body></html>", subtype="html")
        drop.send(message)


def as_the_page_does(folder: Path) -> int:
    """The first page of the reader's mail, as ``me/mail/`` makes it."""
    return sum(read(path) is not None for path in mail_to(folder, READER)[:PER_PAGE])


def every_mail_whole(folder: Path) -> int:
    """The same page, every mail parsed whole to find the reader's."""
    parser = BytesParser(policy=policy.default)
    mine = []
    for part in MAILDIR_PARTS[1:]:
        for path in (folder / part).glob("*"):
            with path.open("rb") as file:
                message = parser.parse(file)
            if any(address.casefold() == READER for _, address in getaddresses(message.get_all("To", []))):
                mine.append(message)
    return len(sorted(mine, key=lambda message: message["Date"].datetime, reverse=True)[:PER_PAGE])


def timed(work: Callable[[Path], int], folder: Path, reads: int) -> list[float]:
    """Milliseconds of each of ``reads`` runs (each must find a full page)."""
    times = []
    for _ in range(reads):
        began = time.perf_counter()
        assert work(folder) == PER_PAGE
        times.append((time.perf_counter() - began) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--reads", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        fill(Path(folder), args.mails)
        ways = (("headers, then one page", as_the_page_does), ("every mail whole", every_mail_whole))
        results = {label: timed(work, Path(folder), args.reads) for label, work in ways}
    print(f"{args.mails:,} kept mails, {PEOPLE} people, {args.reads} reads each (ms)")
    for label, times in results.items():
        print(f"  {label:<24} p50 {statistics.median(times):8.1f}   p95 {statistics.quantiles(times, n=20)[-1]:8.1f}")
    mine, whole = (statistics.median(times) for times in results.values())
    print(f"  the page's way is {whole / mine:.1f} × faster")


if __name__ == "__main__":
    main()
