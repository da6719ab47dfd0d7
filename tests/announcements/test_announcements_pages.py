"""The announcements' pages without JavaScript: the list and the form that posts one (communication role), one
announcement with its reach and a Dismiss form, Mijn overzicht listing the current ones; bad input gets a page
with the reason and stores nothing."""

from __future__ import annotations

from typing import Any

from service_helpers import Member
from tests.announcements.announcement_helpers import site
from tests.pages.pages_helpers import find_all, forms, parse, submit, text


def the_form(member: Member, path: str) -> Any:
    [form] = [form for form in forms(parse(member.get(path))) if "csrf_token" in str(
        [field.get("name") for field in form.iter("{http://www.w3.org/1999/xhtml}input")])]
    return form


def test_post_one_with_the_form_and_see_its_reach(sync: Any, communicator: Member, sanne: Member,
                                                  joost: Member) -> None:
    sync(site(announcement=None))
    [offered] = find_all(parse(communicator.get("/announcements/")), "datalist", id="announce-pages")
    options = [(option.get("value"), option.get("label")) for option in find_all(offered, "option")]
    assert options == [("index", "Index"), ("nieuws/verhuizing", "We verhuizen")]  # by title: nobody knows ids
    posted = submit(communicator, the_form(communicator, "/announcements/"), title="Storing e-mail",
                    text="Tussen 14:00 en 15:00.", page="nieuws/verhuizing", until="2027-01-05", **{"as": "communicatie"})
    assert posted.status_code == 303
    location = posted.headers["Location"]
    assert location.startswith("/announcements/") and location.endswith("/?notice=posted")
    page = parse(communicator.get(location))
    assert "Your announcement is on top of every page." in text(page)
    assert "From Communicatie" in text(page) and "Reach" in text(page)
    assert "4 January 2027 until 5 January 2027" in text(page)  # its last day, not the midnight it ends at
    assert "Seen by 0 of the 1 people Plein knows (0%)." in text(page)  # it has a page of the site: opening that counts

    listed = parse(sanne.get("/announcements/"))
    assert [text(item) for item in find_all(listed, "li", class_="plein-announcement--new")][0].startswith(
        "Storing e-mail")
    assert not find_all(listed, "textarea") and not find_all(listed, "datalist")  # no form without the role
    own = sanne.get(location.split("?")[0])
    assert "Reach" not in own.get_data(as_text=True)
    assert [item["title"] for item in joost.get("/api/me").json["announcements"]] == ["Storing e-mail"]
    dismissed = submit(sanne, the_form(sanne, "/announcements/" + location.split("/")[2] + "/"))
    assert dismissed.status_code == 303
    assert sanne.get("/api/me").json["announcements"] == []
    assert [item["title"] for item in joost.get("/api/me").json["announcements"]] == ["Storing e-mail"]
    overview = parse(joost.get("/me/"))
    assert "Storing e-mail: Tussen 14:00 en 15:00." in [text(li) for li in find_all(overview, "li")]


def test_bad_input_gets_a_page_saying_why_and_nothing_is_stored(sync: Any, communicator: Member,
                                                                sanne: Member) -> None:
    sync(site(announcement=None))
    form = the_form(communicator, "/announcements/")
    past = submit(communicator, form, title="Te laat", until="2027-01-01")
    assert past.status_code == 422 and past.mimetype == "text/html"
    assert "The end date is in the past" in past.get_data(as_text=True)
    stranger = submit(communicator, form, title="Namens HR", **{"as": "hr"})
    assert stranger.status_code == 403 and "You are not a member of HR" in stranger.get_data(as_text=True)
    forged = submit(sanne, form, title="Ik ook", csrf_token=sanne.csrf)
    assert forged.status_code == 403
    assert communicator.get("/api/announcements").json["announcements"] == []
    assert communicator.get("/announcements/999/").status_code == 404
