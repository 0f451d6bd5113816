"""Actors: list, page, create/edit/delete, validation, conflicts, contact persons, history."""
import html
import re
from datetime import date

import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor, AuditEntry, ContactPerson, District
from coordination.models.audit import AuditEntryActor
from coordination.page_cache import page_store
from coordination.services.actors import ContactValues, add_contact
from tests.factories import (
    add_member,
    district_id,
    make_actor,
    make_body,
    make_contribution,
    make_cooperation,
    type_id,
)


def actor_form(**overrides):
    data = {"name": "Interkultureller Verein Nord", "type_id": str(type_id("association")),
            "status": "active", "description": "", "address": "", "website": "", "email": "",
            "phone": ""}
    data.update(overrides)
    return data


def count_actors() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Actor))


def test_coordinator_creates_an_actor(as_coordinator):
    response = as_coordinator.post("/actors/new", data=actor_form(
        migrant_led="y", district_ids=[str(district_id("Altstadt"))]), follow_redirects=True)
    assert "Akteur „Interkultureller Verein Nord“ wurde angelegt." in response.text
    actor = db.session.scalar(sa.select(Actor))
    assert actor.migrant_led and [d.name for d in actor.districts] == ["Altstadt"]
    assert actor.created_by.username == "coord"


def test_viewer_sees_actors_but_cannot_create(as_viewer):
    make_actor("Caritasverband")
    assert "Caritasverband" in as_viewer.get("/actors/").text
    assert as_viewer.get("/actors/new").status_code == 403
    assert as_viewer.post("/actors/new", data=actor_form()).status_code == 403
    assert count_actors() == 1


def test_viewer_sees_no_edit_buttons(as_viewer):
    actor = make_actor("Caritasverband")
    html = as_viewer.get(f"/actors/{actor.id}").text
    assert f"/actors/{actor.id}/edit" not in html
    assert "Verlauf" not in html


def test_duplicate_names_are_refused_case_and_whitespace_insensitively(as_coordinator):
    make_actor("Caritas Verband")
    response = as_coordinator.post("/actors/new", data=actor_form(name="  caritas   VERBAND "))
    assert "Es gibt bereits einen Akteur mit diesem Namen: „Caritas Verband“." in response.text
    assert count_actors() == 1


def test_validation_messages_appear_next_to_the_fields(as_coordinator):
    html = as_coordinator.post("/actors/new", data=actor_form(name="x" * 201, type_id="")).text
    assert 'id="name-error"' in html and "200 Zeichen" in html
    assert "Bitte wählen Sie einen Akteurstyp." in html
    html = as_coordinator.post("/actors/new", data=actor_form(
        website="kein Link", email="kein-at-zeichen", phone="abc")).text
    assert "Bitte eine Adresse mit http:// oder https:// angeben." in html
    assert "Bitte eine gültige E-Mail-Adresse angeben." in html
    assert "Bitte nur Ziffern" in html
    assert count_actors() == 0


def test_unknown_district_id_is_refused(as_coordinator):
    response = as_coordinator.post("/actors/new", data=actor_form(district_ids=["9999"]))
    assert response.status_code == 200
    assert count_actors() == 0


def test_html_in_names_is_stored_as_text_and_escaped(as_coordinator):
    as_coordinator.post("/actors/new", data=actor_form(name="<script>alert(1)</script> e. V."))
    actor = db.session.scalar(sa.select(Actor))
    assert actor.name == "<script>alert(1)</script> e. V."
    html = as_coordinator.get(f"/actors/{actor.id}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; e. V." in html


def test_edit_saves_and_records_history(as_coordinator):
    actor = make_actor("Sportverein Süd")
    form = actor_form(name="Sportverein Süd 1920", version=str(actor.version))
    response = as_coordinator.post(f"/actors/{actor.id}/edit", data=form, follow_redirects=True)
    assert "Änderungen an „Sportverein Süd 1920“ wurden gespeichert." in response.text
    assert "Sportverein Süd" in response.text and "Verlauf" in response.text
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "update"))
    assert entry.username == "coord" and entry.changes["name"] == ["Sportverein Süd", "Sportverein Süd 1920"]


def test_history_names_what_a_new_actor_has_and_an_unchanged_save_adds_nothing(as_coordinator):
    actor = make_actor("Sportverein Süd", website="https://sv-sued.de")
    created = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "create",
                                                            AuditEntry.entity_type == "actors"))
    assert created.changes["name"] == [None, "Sportverein Süd"]
    assert created.changes["website"] == [None, "https://sv-sued.de"]
    assert "description" not in created.changes and "migrant_led" not in created.changes  # left empty
    version = actor.version
    form = actor_form(name="Sportverein Süd", website="https://sv-sued.de", version=str(version))
    response = as_coordinator.post(f"/actors/{actor.id}/edit", data=form, follow_redirects=True)
    assert "Änderungen an „Sportverein Süd“ wurden gespeichert." in response.text
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "update")) == 0
    assert db.session.get(Actor, actor.id).version == version


def test_a_change_of_districts_only_makes_older_forms_stale(as_coordinator):
    actor = make_actor("Sportverein Süd")
    loaded = str(actor.version)
    form = actor_form(name="Sportverein Süd", district_ids=[str(district_id("Altstadt"))], version=loaded)
    as_coordinator.post(f"/actors/{actor.id}/edit", data=form)
    response = as_coordinator.post(f"/actors/{actor.id}/edit", data=actor_form(name="Sportverein Nord", version=loaded))
    assert "inzwischen von jemand anderem geändert" in response.text
    db.session.expire_all()
    assert [d.name for d in db.session.get(Actor, actor.id).districts] == ["Altstadt"]


def test_stale_form_is_refused_not_overwritten(as_coordinator, app):
    actor = make_actor("Elternverein")
    loaded_version = actor.version
    as_coordinator.post(f"/actors/{actor.id}/edit", data=actor_form(name="Elternverein A", version=str(loaded_version)))
    response = as_coordinator.post(f"/actors/{actor.id}/edit",
                                   data=actor_form(name="Elternverein B", version=str(loaded_version)))
    assert "inzwischen von jemand anderem geändert" in response.text
    db.session.expire_all()
    assert db.session.get(Actor, actor.id).name == "Elternverein A"


def test_form_without_its_version_is_refused_as_stale(as_coordinator):
    actor = make_actor("Elternverein")
    response = as_coordinator.post(f"/actors/{actor.id}/edit", data=actor_form(name="Elternverein B"))
    assert "inzwischen von jemand anderem geändert" in response.text
    response = as_coordinator.post(f"/actors/{actor.id}/delete", data={}, follow_redirects=True)
    assert "inzwischen von jemand anderem geändert" in response.text
    db.session.expire_all()
    assert db.session.get(Actor, actor.id).name == "Elternverein"


def test_delete_asks_first_and_names_what_goes_with_it(as_coordinator):
    actor = make_actor("Moscheegemeinde")
    add_contact(actor, ContactValues(name="Frau Yilmaz"), by=None)
    page = as_coordinator.get(f"/actors/{actor.id}/delete")
    assert "1 Kontaktperson wird gelöscht" in page.text
    assert count_actors() == 1
    response = as_coordinator.post(f"/actors/{actor.id}/delete", data={"version": actor.version},
                                   follow_redirects=True)
    assert "wurde gelöscht" in response.text
    assert count_actors() == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ContactPerson)) == 0


def test_contact_persons_are_hidden_from_viewers(as_coordinator, as_viewer):
    actor = make_actor("Diakonie")
    as_coordinator.post(f"/actors/{actor.id}/contacts/new",
                        data={"name": "Erika Mustermann", "role": "Leitung", "email": "erika@example.org",
                              "phone": ""})
    assert "Erika Mustermann" in as_coordinator.get(f"/actors/{actor.id}").text
    assert "Erika Mustermann" not in as_viewer.get(f"/actors/{actor.id}").text
    assert as_viewer.get(f"/actors/{actor.id}/contacts/new").status_code == 403


def test_contact_history_does_not_repeat_personal_data(as_coordinator):
    actor = make_actor("Diakonie")
    as_coordinator.post(f"/actors/{actor.id}/contacts/new", data={"name": "Erika Mustermann"})
    entries = db.session.scalars(sa.select(AuditEntry).join(AuditEntryActor).where(AuditEntryActor.actor_id == actor.id)).all()
    assert entries and all("Erika" not in str(e.changes) + e.label for e in entries)


def test_contact_of_another_actor_is_not_found(as_coordinator):
    first, second = make_actor("A-Verein"), make_actor("B-Verein")
    contact = add_contact(first, ContactValues(name="Max"), by=None)
    assert as_coordinator.get(f"/actors/{second.id}/contacts/{contact.id}/edit").status_code == 404


def test_list_search_filters_and_sorting(as_viewer):
    make_actor("Türkischer Elternverein", "mso", migrant_led=True)
    make_actor("Jobcenter Teststadt", "jobcenter", municipal=True)
    make_actor("Grundschule am Park", "school", district_ids=[district_id("Altstadt")])
    assert "Jobcenter Teststadt" not in as_viewer.get("/actors/?q=türkisch").text
    assert "Türkischer Elternverein" in as_viewer.get("/actors/?q=TÜRKISCH").text
    only_mso = as_viewer.get("/actors/?mso=yes").text
    assert "Türkischer Elternverein" in only_mso and "Grundschule" not in only_mso
    in_district = as_viewer.get(f"/actors/?district={district_id('Altstadt')}").text
    assert "Grundschule am Park" in in_district and "Jobcenter Teststadt" not in in_district
    descending = as_viewer.get("/actors/?sort=-name").text.split("<tbody>")[1]
    assert descending.index("Türkischer") < descending.index("Jobcenter Teststadt") < descending.index("Grundschule")


def test_invalid_filter_values_are_ignored(as_viewer):
    make_actor("Verein X")
    response = as_viewer.get("/actors/?type=abc&district=&page=999")
    assert response.status_code == 200


def test_actor_list_runs_a_constant_number_of_queries(as_viewer, count_queries):
    for number in range(3):
        make_actor(f"Verein {number}", district_ids=[district_id("Altstadt")])
    with count_queries() as few:
        as_viewer.get("/actors/")
    for number in range(3, 30):
        make_actor(f"Verein {number}", district_ids=[district_id("Nordviertel")])
    page_store().clear()  # rendered anew, as the first time (not first checked against the writes since)
    with count_queries() as many:
        as_viewer.get("/actors/")
    assert many.count == few.count


def test_form_and_filter_lists_keep_their_own_entries_and_order(as_coordinator, count_queries):
    """The choices of all lists of a form are read together: each select still offers its own
    list's entries only, by the list's order (position, then name)."""
    db.session.get(District, district_id("Südstadt")).position = -1
    db.session.flush()

    def options(page: str, name: str) -> list[str]:
        select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
        return [html.unescape(text).strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>", select)]

    with count_queries() as form_queries:
        form = as_coordinator.get("/actors/new").text
    assert options(form, "district_ids") == ["Südstadt", "Altstadt", "Nordviertel"]
    target_groups = options(form, "target_group_ids")
    assert target_groups and not set(target_groups) & {"Südstadt", "Altstadt", "Nordviertel"}
    assert options(form, "type_id")[0] == "– bitte wählen –"
    assert "Südstadt" not in options(form, "type_id") + options(form, "language_ids")
    assert options(as_coordinator.get("/actors/").text, "district") == ["alle", "Südstadt", "Altstadt", "Nordviertel"]
    assert form_queries.count <= 4  # the session, the commune, the lists, the MSO types: not one per list


def test_actor_page_shows_its_ties_with_a_fixed_number_of_queries(as_viewer, app, count_queries):
    """Partners, contributions and bodies are loaded with the page's own few queries (the
    records each refers to joined in), not one query per partner or per kind of record."""
    app.config["PAGE_CACHE"] = False  # the queries of rendering, not of the page store
    actor = make_actor("Stadtteilzentrum Mitte")
    partner = make_actor("Jugendmigrationsdienst")
    make_cooperation(actor, partner)
    make_contribution("Sprachcafé", actor, partners=[partner])
    add_member(make_body("Runder Tisch Integration", lead=partner), actor)
    with count_queries() as few:
        page = as_viewer.get(f"/actors/{actor.id}").text
    assert all(name in page for name in ("Jugendmigrationsdienst", "Sprachcafé", "Runder Tisch Integration"))
    for number in range(6):
        other = make_actor(f"Verein {number}")
        make_cooperation(actor, other)
        make_contribution(f"Kurs {number}", other, commitment_number=1 + number % 3, partners=[actor])
    with count_queries() as many:
        page = as_viewer.get(f"/actors/{actor.id}").text
    assert "Verein 5" in page and "Kurs 5" in page
    assert many.count == few.count <= 14  # 19 when each kind of referred record had its own query


def test_mark_reviewed_sets_today(as_coordinator):
    actor = make_actor("Stadtteilzentrum")
    as_coordinator.post(f"/actors/{actor.id}/reviewed")
    db.session.expire_all()
    assert db.session.get(Actor, actor.id).last_reviewed == date.today()


def test_unknown_actor_is_404(as_viewer):
    assert as_viewer.get("/actors/999").status_code == 404
    assert "Seite nicht gefunden" in as_viewer.get("/actors/999").text


def test_list_sorts_umlauts_as_in_german_lists(as_viewer):
    for name in ("Bündnis für Vielfalt", "Bäckerei Schmitz", "Bürgerverein", "Backstube Nord"):
        make_actor(name)
    table = as_viewer.get("/actors/").text.split("<tbody>")[1]
    positions = [table.index(name) for name in
                 ("Bäckerei Schmitz", "Backstube Nord", "Bündnis für Vielfalt", "Bürgerverein")]
    assert positions == sorted(positions)


def test_all_errors_show_at_once_in_a_summary_linking_to_the_fields(as_coordinator):
    """The form's own checks (name) and the service's (website, e-mail) fail together: one
    submit shows every error, listed at the top with links to the fields."""
    html = as_coordinator.post("/actors/new", data=actor_form(
        name="", website="kein Link", email="kein-at-zeichen")).text
    summary = html.split("data-error-summary")[1].split("</ul>")[0]
    assert "Bitte korrigieren Sie die folgenden Angaben:" in summary
    for field, message in (("name", "Name:"), ("website", "Bitte eine Adresse mit http:// oder https:// angeben."),
                           ("email", "Bitte eine gültige E-Mail-Adresse angeben.")):
        assert f'href="#{field}"' in summary and message in summary
        assert f'id="{field}-error"' in html
    assert count_actors() == 0


def test_a_web_address_without_scheme_is_completed(as_coordinator):
    as_coordinator.post("/actors/new", data=actor_form(website="www.verein.de"))
    assert db.session.scalar(sa.select(Actor.website)) == "https://www.verein.de"


def test_multi_value_fields_are_plain_selects_enhanced_by_the_script(as_coordinator):
    html = as_coordinator.get("/actors/new").text
    assert 'name="district_ids" multiple' in html or 'multiple name="district_ids"' in html or \
        ('id="district_ids"' in html and "multiple" in html.split('id="district_ids"')[0].rsplit("<select", 1)[1])
    assert "/static/vendor/tom-select/tom-select.complete.min.js" in html
    assert "/static/js/multiselect.js" in html
    assert "Mehrfachauswahl mit Strg bzw. Umschalt" in html  # the hint without JavaScript
