"""The one setting of analytics beside the service's: ``PLEIN_REPORT_RECIPIENTS``, the addresses the monthly
report is mailed to (commas or spaces between them; none: no mailing). Read once, when the app is made, like
every setting (the environment, then the mapping given to ``create_app``); the time zone and the report's
language are the mail's (``PLEIN_MAIL_TIMEZONE``, ``PLEIN_MAIL_LANGUAGE``)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from flask import Flask, current_app

from ..config_values import ConfigError, list_setting
from ..models import EMAIL_MAX

EXTENSION = "plein.analytics.recipients"


def parse_recipients(values: Mapping[str, object]) -> tuple[str, ...]:
    """The report's recipients; ``ConfigError`` for something that is no address."""
    recipients = list_setting(values, "PLEIN_REPORT_RECIPIENTS")
    wrong = [address for address in recipients if "@" not in address.strip("@") or len(address) > EMAIL_MAX]
    if wrong:
        raise ConfigError(f"PLEIN_REPORT_RECIPIENTS: {wrong[0]!r} is not an e-mail address")
    return recipients


def init_app(app: Flask) -> None:
    """Read ``PLEIN_REPORT_RECIPIENTS`` (the app's config wins over the environment)."""
    values: dict[str, object] = {"PLEIN_REPORT_RECIPIENTS": os.environ.get("PLEIN_REPORT_RECIPIENTS")}
    if app.config.get("PLEIN_REPORT_RECIPIENTS") is not None:
        values["PLEIN_REPORT_RECIPIENTS"] = app.config["PLEIN_REPORT_RECIPIENTS"]
    app.extensions[EXTENSION] = parse_recipients(values)


def recipients() -> tuple[str, ...]:
    """The current app's report recipients."""
    return current_app.extensions[EXTENSION]
