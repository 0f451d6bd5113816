"""Read pages kept per data version (coordination.page_cache): what one role or person may see
never reaches another, and a write shows at once."""
import re

from coordination.extensions import db
from coordination.models import District
from coordination.page_cache import page_store
from coordination.services import accounts
from coordination.services.actors import ContactValues, add_contact
from coordination.services.lists import EntryValues, entry_version, update_entry
from tests.conftest import PASSWORD, Auth
from tests.factories import district_id, make_actor, make_cooperation

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def _viewer(app, username: str):
    accounts.create_user(username, PASSWORD, "viewer")
    client = app.test_client()
    assert Auth(client).login(username).status_code == 302
    return client


def test_a_second_view_is_served_from_the_store_and_an_edit_shows_at_once(as_viewer, as_coordinator):
    actor = make_actor("Sportverein Süd", description="Fußball für alle")
    first = as_viewer.get(f"/actors/{actor.id}")
    assert "Fußball für alle" in first.text
    assert len(page_store().pages) == 1
    again = as_viewer.get(f"/actors/{actor.id}").text
    assert CSRF_FIELD.sub("", again) == CSRF_FIELD.sub("", first.text)  # the token is signed anew

    form = {"name": "Sportverein Süd", "type_id": str(actor.type_id), "status": "active",
            "description": "Schwimmen für alle", "version": str(actor.version)}
    assert as_coordinator.post(f"/actors/{actor.id}/edit", data=form).status_code == 302
    page = as_viewer.get(f"/actors/{actor.id}").text
    assert "Schwimmen für alle" in page and "Fußball für alle" not in page
    assert "Sportverein Süd" in as_viewer.get("/actors/").text


def test_a_viewer_never_sees_what_a_coordinator_saw(as_coordinator, as_viewer):
    actor = make_actor("Diakonie")
    add_contact(actor, ContactValues(name="Erika Mustermann", email="erika@example.org"), by=None)
    coordinator_page = as_coordinator.get(f"/actors/{actor.id}").text
    assert "Erika Mustermann" in coordinator_page and f"/actors/{actor.id}/edit" in coordinator_page

    viewer_page = as_viewer.get(f"/actors/{actor.id}").text
    assert "Erika Mustermann" not in viewer_page and "erika@example.org" not in viewer_page
    assert f"/actors/{actor.id}/edit" not in viewer_page and "Als geprüft markieren" not in viewer_page
    # and the other way round: the coordinator still gets the contact persons and the buttons
    assert as_coordinator.get(f"/actors/{actor.id}").text.count("Erika Mustermann") >= 1
    assert "Erika Mustermann" not in as_viewer.get("/api/v1/actors").text


def test_pages_with_forms_of_a_session_are_never_stored(as_coordinator, app):
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: every form carries the token
    actor = make_actor("Caritasverband")
    as_coordinator.get(f"/actors/{actor.id}")
    as_coordinator.get("/actors/")
    assert not page_store().pages  # the edit buttons and the bulk edit are forms


def test_each_reader_gets_their_own_menu_and_sign_out_form(app):
    actor = make_actor("Moscheegemeinde")
    anna, ben = _viewer(app, "annaleser"), _viewer(app, "benleser")
    db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: the sign-out form needs its token
    anna_page = anna.get(f"/actors/{actor.id}").text
    ben_page = ben.get(f"/actors/{actor.id}").text
    assert len(page_store().pages) == 1
    assert "annaleser" in anna_page and "benleser" not in anna_page
    assert "benleser" in ben_page and "annaleser" not in ben_page
    ben_token = CSRF_FIELD.search(ben_page).group(1)
    assert ben_token != CSRF_FIELD.search(anna_page).group(1)
    assert ben.post("/logout", data={"csrf_token": ben_token}).status_code == 302
    assert ben.get(f"/actors/{actor.id}").status_code == 302  # signed out: to the login page
    assert anna.get(f"/actors/{actor.id}").status_code == 200


def test_messages_are_shown_once_and_never_stored(as_coordinator, as_viewer, app):
    actor = make_actor("Elternverein")
    as_viewer.get(f"/actors/{actor.id}")
    with as_viewer.session_transaction() as session:
        session["_flashes"] = [("info", "Eine Nachricht nur für diese Sitzung.")]
    assert "Eine Nachricht nur für diese Sitzung." in as_viewer.get(f"/actors/{actor.id}").text
    assert "Eine Nachricht nur für diese Sitzung." not in as_viewer.get(f"/actors/{actor.id}").text
    other = _viewer(app, "carla")
    assert "Eine Nachricht nur für diese Sitzung." not in other.get(f"/actors/{actor.id}").text


def test_the_language_is_part_of_the_key(as_viewer, user):
    as_viewer.get("/actors/")
    user("viewer").locale = "en"
    db.session.commit()
    assert "Actors" in as_viewer.get("/actors/").text


def test_json_answers_carry_an_entity_tag_and_answer_304_until_a_write(as_viewer, as_coordinator):
    make_actor("Bürgerstiftung")
    for url in ("/api/v1/actors", "/network/data.json"):
        first = as_viewer.get(url)
        assert first.status_code == 200 and first.headers["ETag"]
        again = as_viewer.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""
    etag = as_viewer.get("/api/v1/actors").headers["ETag"]
    make_actor("Tafel")
    db.session.commit()
    changed = as_viewer.get("/api/v1/actors", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Tafel" in changed.text


def _edit(client, actor, **changes):
    form = {"name": actor.name, "type_id": str(actor.type_id), "status": "active",
            "description": actor.description, "version": str(actor.version), **changes}
    assert client.post(f"/actors/{actor.id}/edit", data=form).status_code == 302
    db.session.expire_all()


def test_an_actors_page_outlives_writes_to_actors_it_does_not_show(as_viewer, as_coordinator,
                                                                  count_queries):
    actor, partner = make_actor("Stadtteilmütter"), make_actor("Familienzentrum")
    other = make_actor("Schachclub")
    make_cooperation(actor, partner)
    db.session.commit()
    as_viewer.get(f"/actors/{actor.id}")
    _edit(as_coordinator, other, description="Neue Zeiten")
    make_actor("Tafel")
    db.session.commit()
    with count_queries() as kept:
        page = as_viewer.get(f"/actors/{actor.id}").text
    assert "Familienzentrum" in page
    with count_queries() as rendered:
        as_viewer.get(f"/actors/{partner.id}")
    assert kept.count < rendered.count / 2  # served from the store, not rendered again

    _edit(as_coordinator, partner, description="Beratung für Familien")  # the page names the partner only
    with count_queries() as kept_again:
        assert "Familienzentrum" in as_viewer.get(f"/actors/{actor.id}").text
    assert kept_again.count < rendered.count / 2
    _edit(as_coordinator, partner, name="Familienzentrum Nord")  # a partner's new name shows
    assert "Familienzentrum Nord" in as_viewer.get(f"/actors/{actor.id}").text
    _edit(as_coordinator, actor, description="Begleitung zu Ämtern")  # and the actor's own edit
    assert "Begleitung zu Ämtern" in as_viewer.get(f"/actors/{actor.id}").text
    make_cooperation(actor, other)  # a new tie (not an actor's write) shows too
    db.session.commit()
    assert "Schachclub" in as_viewer.get(f"/actors/{actor.id}").text


def test_a_list_entry_renamed_shows_on_the_actors_page_at_once(as_viewer):
    actor = make_actor("Jugendtreff", district_ids=[district_id("Altstadt")])
    db.session.commit()
    assert "Altstadt" in as_viewer.get(f"/actors/{actor.id}").text
    district = db.session.get(District, district_id("Altstadt"))
    update_entry(district, EntryValues(name="Historische Altstadt"), version=entry_version(district), by=None)
    db.session.commit()
    assert "Historische Altstadt" in as_viewer.get(f"/actors/{actor.id}").text


def test_the_actor_list_outlives_edits_of_what_it_does_not_show(as_viewer, as_coordinator, count_queries):
    actor = make_actor("Stadtteilmütter", description="Begleitung")
    make_actor("Schachclub")
    db.session.commit()
    with count_queries() as rendered:
        as_viewer.get("/actors/")
    for url in ("/actors/?sort=-updated", "/actors/?q=Begleitung"):
        assert "Stadtteilmütter" in as_viewer.get(url).text
    _edit(as_coordinator, actor, description="Begleitung zu Ämtern", website="https://muetter.example")
    with count_queries() as kept:
        page = as_viewer.get("/actors/").text
    assert "Stadtteilmütter" in page and kept.count < rendered.count / 2  # not rendered again
    # searched or sorted by the last change, the list is read anew
    assert "Stadtteilmütter" in as_viewer.get("/actors/?q=mtern").text
    assert as_viewer.get("/actors/?sort=-updated").text.index("Stadtteilmütter") \
        < as_viewer.get("/actors/?sort=-updated").text.index("Schachclub")

    _edit(as_coordinator, actor, name="Stadtteilmütter Nord", description="Begleitung zu Ämtern",
          website="https://muetter.example")  # a new name shows at once
    assert "Stadtteilmütter Nord" in as_viewer.get("/actors/").text
    _edit(as_coordinator, actor, name="Stadtteilmütter Nord", description="Begleitung zu Ämtern",
          website="https://muetter.example", status="dormant")  # and a new status
    row = re.search(r"Stadtteilmütter Nord</a>.*?</tr>", as_viewer.get("/actors/").text, re.S).group(0)
    assert "ruhend" in row


def test_an_api_list_outlives_edits_of_actors_it_does_not_list(as_viewer, as_coordinator, count_queries):
    first, last = make_actor("Aktionsbündnis", description="alt"), make_actor("Zukunftswerkstatt")
    db.session.commit()
    with count_queries() as rendered:
        etag = as_viewer.get("/api/v1/actors?per_page=1").headers["ETag"]
    _edit(as_coordinator, last, description="neu")  # not listed, not what chooses the list
    with count_queries() as kept:
        assert as_viewer.get("/api/v1/actors?per_page=1").headers["ETag"] == etag
    assert kept.count < rendered.count  # served from the store (the writes since read), not rendered

    _edit(as_coordinator, last, name="Abendschule", description="neu")  # now first by name
    assert as_viewer.get("/api/v1/actors?per_page=1").json["items"][0]["name"] == "Abendschule"
    _edit(as_coordinator, last, name="Abendschule", description="anders")  # the listed one's edit
    assert as_viewer.get("/api/v1/actors?per_page=1").json["items"][0]["description"] == "anders"
    make_actor("AAA-Verein")  # a new actor can enter the list
    db.session.commit()
    assert as_viewer.get("/api/v1/actors?per_page=1").json["items"][0]["name"] == "AAA-Verein"
    _edit(as_coordinator, first, description="wieder neu")  # searched, the list reads descriptions
    assert as_viewer.get("/api/v1/actors?q=wieder").json["total"] == 1
