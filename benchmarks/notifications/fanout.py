"""A comment on a page that many people follow: `python -m benchmarks.notifications.fanout [--followers 10000]`.

Seeds a fresh SQLite database (the embedded default) with `--followers` people who follow one page, then
writes comments on it through the service (the Flask test client, identity from the proxy headers) and
prints how long each write takes to commit every follower's notification (goal: all within 60 s), and the
cost of an ordinary write and of a write with a mention beside it, on the same database.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, insert, select

from comments_service import create_app, db
from comments_service.models import Person
from comments_service.notifications.follows import Target, page_key
from comments_service.notifications.models import Follow, Notification
from comments_service.services.pages import find_page
from comments_service.sync import sync_and_announce

PAGE = "nieuws/druk-gevolgd"
QUIET_PAGE = "nieuws/rustig"
PROXY = "127.0.0.1"
GOAL_S = 60.0


def _headers(person_id: str, name: str) -> dict[str, str]:
    return {"X-Plein-User": person_id, "X-Plein-Name": name, "X-Plein-Email": f"{person_id}@example.nl"}


def _manifest() -> dict[str, object]:
    pages = [{"id": page, "url": f"{page}/", "title": page, "language": "nl", "hashtags": [], "owners": [],
              "former_ids": [], "text": "", "text_hash": page} for page in (PAGE, QUIET_PAGE)]
    return {"version": 1, "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--writes", type=int, default=200, help="ordinary writes measured (each kind)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        app = create_app({
            "PLEIN_DATABASE_URL": f"sqlite:///{Path(work) / 'plein.sqlite3'}", "PLEIN_SEARCH_DIR": f"{work}/search",
            "PLEIN_SECRET_KEY": "bench", "PLEIN_TRUSTED_PROXIES": f"{PROXY}/32", "PLEIN_RATELIMIT_ENABLED": False,
        })
        with app.app_context():
            sync_and_announce(_manifest())
            session = db.session()
            page = find_page(session, PAGE)
            assert page is not None
            people = [{"id": f"p{n}", "name": f"Collega {n}", "email": f"p{n}@example.nl"} for n in range(args.followers)]
            session.execute(insert(Person), people)
            session.execute(insert(Follow), [{"person_id": row["id"], "target_kind": Target.PAGE,
                                              "target": page_key(page.pk)} for row in people])
            session.commit()
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = PROXY
        writer = _headers("schrijver", "Schrijver")
        writer["X-CSRF-Token"] = client.get("/api/me", headers=writer).json["csrf_token"]
        writer["Sec-Fetch-Site"] = "same-origin"
        client.get("/api/me", headers=_headers("p1", "Collega 1"))  # a visit: known for mentions

        def write(page_id: str, text: str) -> float:
            start = time.perf_counter()
            answer = client.post(f"/api/pages/{page_id}/comments", json={"text": text}, headers=writer)
            assert answer.status_code == 201, answer.json
            return time.perf_counter() - start

        fanouts = [write(PAGE, f"Bericht {n} voor iedereen die volgt") for n in range(3)]
        with app.app_context():
            made = db.session().scalar(select(func.count()).select_from(Notification))
        assert made == 3 * args.followers, made
        plain = [write(QUIET_PAGE, f"Gewone reactie {n}") for n in range(args.writes)]
        mention = [write(QUIET_PAGE, f"Vraag {n} aan @p1") for n in range(args.writes)]
    worst = max(fanouts)
    print(f"{args.followers:,} followers: a comment commits all their notifications in "
          f"{statistics.median(fanouts) * 1000:.0f} ms (median of 3, worst {worst * 1000:.0f} ms; goal {GOAL_S:.0f} s): "
          f"{'met' if worst <= GOAL_S else 'MISSED'}")
    print(f"ordinary write {statistics.median(plain) * 1000:.2f} ms, with a mention {statistics.median(mention) * 1000:.2f} ms "
          f"(median of {args.writes}, in process)")


if __name__ == "__main__":
    main()
