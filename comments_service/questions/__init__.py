"""Questions: a comment posted as a question, its answers, the best one, the unanswered queue and its figures.

- ``models``: the questions table (first and best answer, escalation claims);
- ``services``: asking, keeping first answers true to the replies, marking the best answer, a page's questions
  for the thread;
- ``queue``: the unanswered queue, a person's own questions and those on their pages;
- ``figures``: time to first answer, answer and best-answer rates, time to best answer, per page, section and
  hashtag for any period (the analytics charts them);
- ``escalation``: unanswered questions go to the page's owners, then to community managers, after working hours
  (the service's ``workdays``: weekends and public holidays skipped);
- ``views`` (the API) and ``pages`` (the HTML queue, without JavaScript).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Follow the comments' changes, serve the queue's pages, register the escalation job (at its import).

    Imported here, not at the top: the API imports ``questions.views`` while the pages package is loading.
    """
    from . import escalation, pages, services  # noqa: F401 - escalation registers its job

    services.init_app(app)
    pages.init_app(app)
