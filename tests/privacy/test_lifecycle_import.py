"""flask import from Isso (its SQLite database) and Disqus (its XML export), files made here in their formats, and
flask export / import between two Plein databases; each import run twice adds nothing the second time."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select

from comments_service import db
from comments_service.models import Comment, CommentRevision, Page, Person, Reaction
from comments_service.questions.models import Question

from lifecycle_helpers import app_on, empty_twin
from privacy_helpers import lived_in
from service_helpers import PAGE, Member, eventually, manifest, manifest_page

SITE = manifest(manifest_page(PAGE, former_paths=["oud/privacy.md"]), manifest_page("nieuws"))


def _site(settings: dict[str, Any], sync: Any) -> None:
    """The pages synced, and the built site's manifest where the import reads it."""
    sync(SITE)
    folder = Path(settings["PLEIN_SITE_DIR"]) / "plein"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text(json.dumps(SITE), encoding="utf-8")


def _import(app: Flask, path: Path, source: str) -> dict[str, Any]:
    result = app.test_cli_runner().invoke(args=["import", str(path), "--from", source])
    assert result.exit_code == 0, result.output
    return json.loads(result.output.strip().splitlines()[-1])


def _comments(app: Flask) -> list[tuple[Any, ...]]:
    with app.app_context():
        return [tuple(row) for row in db.session().execute(
            select(Comment.id, Comment.parent_id, Comment.author_id, Comment.text, Comment.html, Comment.state)
            .order_by(Comment.id))]


def _isso(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.executescript("""
        CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
        CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER, created FLOAT NOT NULL,
            modified FLOAT, mode INTEGER, remote_addr VARCHAR, text VARCHAR, author VARCHAR, email VARCHAR,
            website VARCHAR, likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL);
        INSERT INTO threads VALUES (1, '/richtlijnen/privacy/', 'Privacy'), (2, '/oud/privacy/', 'Privacy (oud)'),
            (3, '/bestaat-niet/', 'Weg');
        INSERT INTO comments VALUES
            (1, 1, NULL, 1600000000.0, NULL, 1, '192.0.2.1', 'Een **vette** vraag <script>alert(1)</script> #isso',
             'Sanne', 'SANNE@example.nl', NULL, 2, 0, x''),
            (1, 2, 1, 1600000100.0, NULL, 1, '192.0.2.2', 'Een antwoord', 'Piet Puk', 'piet@elders.nl', NULL, 0, 0, x''),
            (2, 3, NULL, 1600000200.0, 1600000300.0, 1, '192.0.2.3', 'Op het oude adres', 'Anoniem', NULL, NULL, 0, 0, x''),
            (1, 4, NULL, 1600000400.0, 1600000500.0, 4, '192.0.2.4', 'Weggehaald', 'Piet Puk', 'piet@elders.nl', NULL, 0, 0, x''),
            (1, 5, NULL, 1600000600.0, NULL, 2, '192.0.2.5', 'Wacht op moderatie', 'Piet Puk', 'piet@elders.nl', NULL, 0, 0, x''),
            (3, 6, NULL, 1600000700.0, NULL, 1, '192.0.2.6', 'Pagina bestaat niet', 'Piet Puk', NULL, NULL, 0, 0, x'');
    """)
    connection.commit()
    connection.close()
    return path


def test_an_isso_database_is_imported_once(app: Flask, settings: dict[str, Any], sync: Any, sanne: Member,
                                           tmp_path: Path) -> None:
    _site(settings, sync)
    sanne.get("/me/")  # Sanne is known by her address
    isso = _isso(tmp_path / "comments.db")

    def changes() -> int:
        with app.app_context():
            return db.session().scalar(select(Page.version).where(Page.identity == PAGE))

    before = changes()
    first = _import(app, isso, "isso")
    assert changes() == before + 5  # each comment stored counts a change of its page, as a written one does
    second = _import(app, isso, "isso")

    assert (first["imported"], first["no_page"], first["people"]) == (5, 1, 2)
    assert (second["imported"], second["already"]) == (0, 5)
    assert changes() == before + 5
    rows = _comments(app)
    assert len(rows) == 5
    question, answer, old_address, removed, pending = rows
    assert question[2] == "sanne" and "<strong>vette</strong>" in question[4] and "<script>" not in question[4]
    assert answer[1] == question[0] and answer[2].startswith("isso-piet-puk-")
    assert old_address[2].startswith("isso-anoniem-")  # on the page's former address: the same page
    assert (removed[5], pending[5]) == ("removed", "hidden")
    thread = sanne.get(f"/api/pages/{PAGE}/thread").json
    assert [comment["id"] for comment in thread["comments"]][:2] == [question[0], old_address[0]]
    results = lambda: {hit["doc_id"] for hit in sanne.get("/api/search?q=vette").json["results"]}  # noqa: E731
    assert eventually(lambda: f"comment:{question[0]}" in results(), 10)
    with app.app_context():
        assert db.session().get(Person, answer[2]).email == "piet@elders.nl"


DISQUS = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>plein</forum><title>General</title></category>
  <thread dsq:id="100"><link>http://intranet.test/richtlijnen/privacy/</link><title>Privacy</title></thread>
  <thread dsq:id="200"><link>http://intranet.test/nergens/</link><title>Nergens</title></thread>
  <post dsq:id="1001"><message><![CDATA[<p>Hallo <b>wereld</b></p><p>Zie <a href="https://example.org/x">dit</a></p>]]></message>
    <createdAt>2020-01-02T03:04:05Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Joost Bakker</name><email>joost@example.nl</email></author><thread dsq:id="100"/></post>
  <post dsq:id="1002"><message><![CDATA[<p>Eens &amp; <i>zeker</i></p>]]></message>
    <createdAt>2020-01-02T04:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Gast</name><email>gast@elders.nl</email></author><thread dsq:id="100"/><parent dsq:id="1001"/></post>
  <post dsq:id="1003"><message><![CDATA[<p>Spam</p>]]></message><createdAt>2020-01-03T00:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>true</isSpam><author><name>Spammer</name></author><thread dsq:id="100"/></post>
  <post dsq:id="1004"><message><![CDATA[<p>Weg</p>]]></message><createdAt>2020-01-04T00:00:00Z</createdAt>
    <isDeleted>true</isDeleted><isSpam>false</isSpam><author><name>Gast</name><email>gast@elders.nl</email></author>
    <thread dsq:id="100"/></post>
  <post dsq:id="1005"><message><![CDATA[<p>Nergens</p>]]></message><createdAt>2020-01-05T00:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Gast</name></author><thread dsq:id="200"/></post>
</disqus>
"""


def test_a_disqus_export_is_imported_once(app: Flask, settings: dict[str, Any], sync: Any, joost: Member,
                                          tmp_path: Path) -> None:
    _site(settings, sync)
    joost.get("/me/")
    export = tmp_path / "disqus.xml"
    export.write_text(DISQUS, encoding="utf-8")

    first = _import(app, export, "disqus")
    second = _import(app, export, "disqus")

    assert (first["imported"], first["no_page"]) == (4, 1)
    assert (second["imported"], second["already"]) == (0, 4)
    hello, reply, spam, gone = _comments(app)
    assert hello[2] == "joost" and hello[3] == "Hallo **wereld**\n\nZie [dit](https://example.org/x)"
    assert '<a href="https://example.org/x"' in hello[4] and "<strong>wereld</strong>" in hello[4]
    assert reply[1] == hello[0] and reply[3] == "Eens & *zeker*"
    assert (spam[5], gone[5]) == ("hidden", "removed")


def test_a_plein_export_moves_every_conversation_to_another_plein(
    app: Flask, settings: dict[str, Any], database_url: str, sync: Any, sanne: Member, joost: Member,
    tmp_path: Path,
) -> None:
    made = lived_in(sanne, joost, sync, app)
    exported = tmp_path / "plein.json"
    result = app.test_cli_runner().invoke(args=["export", str(exported)])
    assert result.exit_code == 0, result.output
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "plein-conversations" and len(document["comments"]) == 5
    assert [question["comment"] for question in document["questions"]] == [made["question"]]

    with empty_twin(database_url, tmp_path) as url, app_on(settings, url, tmp_path) as twin:
        with twin.app_context():
            from comments_service.sync import sync_and_announce

            sync_and_announce(SITE)
        first = _import(twin, exported, "plein")
        second = _import(twin, exported, "plein")
        assert (first["imported"], second["imported"], second["already"]) == (5, 0, 5)
        source, copy = _comments(app), _comments(twin)
        assert [row[2:] for row in copy] == [row[2:] for row in source]  # authors, texts, HTML, states
        with twin.app_context():
            session = db.session()
            assert len(session.scalars(select(CommentRevision)).all()) == 1
            assert len(session.scalars(select(Reaction)).all()) == 2
            [question] = session.scalars(select(Question)).all()
            assert session.get(Comment, question.comment_id).text.startswith("Wie weet")


def test_an_import_of_a_file_that_is_not_one_fails_clearly(app: Flask, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "iets anders"}', encoding="utf-8")
    bad_xml = tmp_path / "bad.xml"
    bad_xml.write_text("<disqus><post", encoding="utf-8")

    for path, source in ((wrong, "plein"), (bad_xml, "disqus"), (wrong, "isso")):
        result = app.test_cli_runner().invoke(args=["import", str(path), "--from", source])
        assert result.exit_code != 0 and str(path) in result.output
