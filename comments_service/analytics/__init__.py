"""Analytics (issue 14): what is read and discussed, for communication and management; counts, never who read what.

- ``models``: counters per day (views per page, reader sketches, searches), the opt-in to named lists, the
  claims of the monthly mailing; ``sketch``: HyperLogLog for distinct readers;
- ``counting``: page views (carried by the widget's thread request) and searches, tallied in memory, flushed;
- ``periods``: local days and months, the periods and the one before; ``figures``: the figures of a period;
  ``privacy``: the k >= 5 rule; ``overview``: figures as tables and charts (``charts``: pygal SVG);
- ``views``: the dashboard at ``analytics/``, CSV downloads, the opt-in form; ``report``: ``flask report`` (HTML
  and PDF) and the monthly mailing job; ``demo``: ``flask analytics seed-demo``.
"""

from __future__ import annotations

from flask import Flask

from . import counting, demo, report, rollup, settings as analytics_settings, views
from .sketch import hash_key


def init_app(app: Flask) -> None:
    """The tally of this process, the dashboard under the site root, the commands."""
    analytics_settings.init_app(app)
    settings = app.extensions["plein"]
    counting.init_app(app, settings.mail.timezone, hash_key(settings.secret_key))
    app.register_blueprint(views.bp, url_prefix=settings.site_root.rstrip("/") or None)
    report.init_app(app)
    demo.analytics_cli.add_command(rollup.reroll_command)
    app.cli.add_command(demo.analytics_cli)
