"""The HTTP API under ``/api``: one blueprint per concern, nested in the ``api`` blueprint."""

from __future__ import annotations

from flask import Blueprint

from ..health import views as health
from ..notifications import unsubscribe
from ..notifications import views as notifications
from ..people import views as people
from ..questions import views as questions
from . import comments, hashtags, identity, openapi, pages, reactions, sync
from .payload import refuse_nul_in_address

api = Blueprint("api", __name__, url_prefix="/api")
api.before_request(refuse_nul_in_address)
for module in (identity, pages, comments, reactions, hashtags, sync, people, notifications, unsubscribe, questions,
               health, openapi):
    api.register_blueprint(module.bp)
