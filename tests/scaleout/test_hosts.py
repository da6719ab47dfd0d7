"""Several service hosts on one PostgreSQL and one Redis, as real gunicorn processes with folders of their own:
search, cached thread answers and the write budget are shared; a host killed under load loses no acknowledged
write while the others keep answering."""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text

from scaleout_hosts import Answer, Cluster, Host, Person, fresh_person, request, until
from service_helpers import manifest, manifest_page

pytestmark = pytest.mark.postgres

PAGE = "schaal/samen"
FINDABLE_SECONDS = 2.0


@pytest.fixture(scope="module")
def hosts(cluster: Cluster) -> tuple[Host, Host]:
    """Hosts A and B, started at once on a new schema (both migrate it: one waits for the other), and a page."""
    a, b = cluster.start("a", "b")
    answer = a.sync(manifest(manifest_page(PAGE, title="Samen werken")))
    assert answer.status == 200, answer.body
    return a, b


def word() -> str:
    """A word no other comment holds."""
    return f"kwartel{uuid.uuid4().hex[:10]}"


def found(host: Host, path: str, comment_id: int) -> bool:
    answer = host.get(path)
    assert answer.status == 200, answer.body
    return f"comment:{comment_id}" in {hit["doc_id"] for hit in answer.json["results"]}


def test_a_comment_written_through_one_host_is_found_through_the_other_within_two_seconds(
    hosts: tuple[Host, Host]
) -> None:
    a, b = hosts
    writer = fresh_person("schrijver").introduce(a)
    unique = word()
    written = a.comment(PAGE, writer, f"Over {unique} en #{unique}")
    assert written.status == 201, written.body
    comment_id = written.json["id"]
    started = time.monotonic()

    assert until(lambda: found(b, f"/api/search?q={unique}", comment_id), FINDABLE_SECONDS + 1)
    assert time.monotonic() - started <= FINDABLE_SECONDS
    assert until(lambda: found(b, f"/api/hashtags/{unique}", comment_id), FINDABLE_SECONDS)


def thread_of(host: Host, reader: Person, etag: str | None = None) -> Answer:
    headers = {"If-None-Match": etag} if etag else {}
    return host.get(f"/api/pages/{PAGE}/thread", reader, headers)


def texts(answer: Answer) -> str:
    """The comments' HTML, one after the other."""
    return "".join(comment["html"] for comment in answer.json["comments"])


def test_thread_answers_cached_on_one_host_are_never_stale_after_a_write_on_another(
    hosts: tuple[Host, Host]
) -> None:
    a, b = hosts
    reader, writer = fresh_person("lezer"), fresh_person("schrijver").introduce(b)
    before = [thread_of(a, reader) for _ in range(6)]  # both of A's workers answer and keep the body
    etag = before[0].headers["etag"]
    assert {answer.headers["etag"] for answer in before} == {etag}
    assert thread_of(a, reader, etag).status == 304

    written = b.comment(PAGE, writer, "Geschreven op B")
    assert written.status == 201, written.body
    for _ in range(6):
        after = thread_of(a, reader, etag)
        assert after.status == 200 and "Geschreven op B" in texts(after)
        assert after.headers["etag"] != etag

    reacted = b.post(f"/api/comments/{written.json['id']}/reactions", writer, {"emoji": "👍"})
    assert reacted.status in (200, 201), reacted.body
    edited = request_edit(b, writer, written.json["id"], "Verbeterd op B")
    assert edited.status == 200, edited.body
    for _ in range(6):
        after = thread_of(a, reader)
        [mine] = [comment for comment in after.json["comments"] if comment["id"] == written.json["id"]]
        assert "Verbeterd op B" in mine["html"]
        assert mine["reactions"]["counts"] == {"👍": 1}


def request_edit(host: Host, person: Person, comment_id: int, new_text: str) -> Answer:
    return request(host.port, "PATCH", f"/api/comments/{comment_id}", {"text": new_text}, person.write_headers())


def test_the_write_budget_is_one_for_all_hosts(hosts: tuple[Host, Host]) -> None:
    a, b = hosts
    person = fresh_person("veelschrijver").introduce(a)
    statuses = [(a if number % 2 else b).comment(PAGE, person, f"bericht {number}").status for number in range(30)]
    assert statuses == [201] * 30  # PLEIN_RATELIMIT_WRITE: 30 per minute, counted in Redis

    assert a.comment(PAGE, person, "een te veel").status == 429
    assert b.comment(PAGE, person, "een te veel").status == 429


@dataclass
class Write:
    host: str
    text: str
    status: int | None  # None: no answer (the host died with the request in flight)
    comment_id: int | None = None


def load(host: Host, stop: threading.Event, writes: list[Write], failures: list[str]) -> None:
    """Write comments through ``host`` as a new colleague every 20 writes (under the write budget) until
    ``stop``; note every write, and on the host that must survive every answer other than 201."""
    person = fresh_person("last")
    count = 0
    while not stop.is_set():
        if count % 20 == 0:
            try:
                person = fresh_person("last").introduce(host)
            except OSError:
                time.sleep(0.05)
                continue
        count += 1
        body = f"onder last {host.name} {uuid.uuid4().hex}"
        try:
            answer = host.comment(PAGE, person, body)
        except OSError:
            writes.append(Write(host.name, body, None))
            time.sleep(0.05)
            continue
        writes.append(Write(host.name, body, answer.status, answer.json.get("id") if answer.status == 201 else None))
        if answer.status != 201:
            failures.append(f"{host.name}: {answer.status} {answer.body[:200]!r}")


def read(host: Host, stop: threading.Event, statuses: list[int | str]) -> None:
    reader = fresh_person("lezer")
    while not stop.is_set():
        try:
            statuses.append(thread_of(host, reader).status)
        except OSError as error:
            statuses.append(repr(error))


def test_a_host_killed_under_load_loses_no_acknowledged_write_and_the_others_keep_answering(
    cluster: Cluster, hosts: tuple[Host, Host]
) -> None:
    _, survivor = hosts
    [victim] = cluster.start("victim")
    stop = threading.Event()
    writes: list[Write] = []
    failures: list[str] = []
    reads: list[int | str] = []
    running: list[threading.Thread] = []
    for host in (victim, victim, survivor, survivor):
        running.append(threading.Thread(target=load, args=(host, stop, writes, failures)))
    running.append(threading.Thread(target=read, args=(survivor, stop, reads)))
    for thread in running:
        thread.start()
    try:
        assert until(lambda: sum(w.host == "victim" and w.status == 201 for w in writes) >= 10, 20)
        victim.kill()
        killed_at = len(writes)
        assert until(lambda: sum(w.host == survivor.name for w in writes[killed_at:]) >= 20, 20)
    finally:
        stop.set()
        for thread in running:
            thread.join(timeout=15)

    assert [failure for failure in failures if not failure.startswith("victim")] == []  # every write 201
    assert set(reads) <= {200}, [status for status in reads if status != 200][:5]
    acknowledged = {w.comment_id: w.text for w in writes if w.status == 201}
    assert any(w.host == "victim" for w in writes if w.status == 201)
    engine = create_engine(cluster.database_url)
    try:
        with engine.connect() as connection:
            stored = dict(connection.execute(
                text("SELECT id, text FROM comments WHERE id = ANY(:ids)"), {"ids": list(acknowledged)}
            ).all())
    finally:
        engine.dispose()
    assert stored == acknowledged

    writer = fresh_person("daarna").introduce(survivor)
    unique = word()
    after = survivor.comment(PAGE, writer, f"Na de val: {unique}")
    assert after.status == 201
    assert until(lambda: found(survivor, f"/api/search?q={unique}", after.json["id"]), FINDABLE_SECONDS)
