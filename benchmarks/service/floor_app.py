"""The stack's floor: the least a comment write can cost on Plein's stack, for `paired.py --floor`.

A Flask app that takes the write Plein takes (a JSON body with the comment's text) and stores it as one row with
SQLAlchemy Core in SQLite (WAL, `synchronous=NORMAL`, as Plein's database), answering its id as JSON: no identity,
rendering, hashtags, search, notifications, rate limit or CSRF check. Run under gunicorn like Plein, it shows how
much of Isso's write rate the stack alone leaves a write with everything Plein does.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, request
from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine, event, insert

metadata = MetaData()
comments = Table("comments", metadata, Column("id", Integer, primary_key=True), Column("page", Text, nullable=False),
                 Column("text", Text, nullable=False))


def create_app() -> Flask:
    """The app on ``FLOOR_DATABASE`` (a SQLite file)."""
    engine = create_engine(f"sqlite:///{os.environ['FLOOR_DATABASE']}")

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    metadata.create_all(engine)
    statement = insert(comments).returning(comments.c.id)
    app = Flask(__name__)

    @app.post("/api/pages/<path:page_id>/comments")
    def add_comment(page_id: str) -> tuple[dict[str, object], int]:
        body = request.get_json()
        with engine.begin() as connection:
            comment_id = connection.execute(statement, {"page": page_id, "text": body["text"]}).scalar_one()
        return {"id": comment_id, "text": body["text"]}, 201

    @app.get("/")
    def alive() -> str:
        return "ok"

    return app
