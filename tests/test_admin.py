"""The admin area: commune settings, editable lists, users and the change history."""
import re

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import (
    Actor,
    ActorType,
    AuditAction,
    AuditEntry,
    Commune,
    Contribution,
    ContributionKind,
    ContributionParticipant,
    District,
    FieldOfAction,
    Language,
    LoginSession,
    Role,
    TargetGroup,
    User,
)
from coordination.models.audit import AuditEntryActor
from coordination.services import lists as list_service
from coordination.services.base import ValidationError
from coordination.services.lists import EntryValues
from tests.conftest import PASSWORD, Auth
from tests.factories import audit_entries, commitment, district_id, make_actor, type_id

NEW_PASSWORD = "ein-anderes-langes-passwort"


# --- helpers --------------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def _flatten_districts(app):
    """Drop district parents after each test: SQLite cannot DROP a table whose rows still point at
    each other (RESTRICT) when a parent sorts before its child, which breaks conftest's teardown."""
    yield
    db.session.rollback()
    db.session.execute(sa.update(District).values(parent_id=None))
    db.session.commit()


def entry(model, name):
    return db.session.scalar(sa.select(model).where(model.name == name))


def field_of_action_id(key):
    return db.session.scalar(sa.select(FieldOfAction.id).where(FieldOfAction.key == key))


def make_contribution(title, lead, **related):
    """A contribution led by `lead` (built directly: only list uses matter here)."""
    contribution = Contribution(title=title, commitment=commitment(2), kind=ContributionKind.COURSE,
                                participants=[ContributionParticipant(actor=lead, is_lead=True)],
                                **related)
    db.session.add(contribution)
    db.session.commit()
    return contribution


def error_at(html: str, field_id: str) -> str:
    """The text of the error shown under the field `field_id` ('' if none)."""
    match = re.search(rf'id="{re.escape(field_id)}-error" class="invalid-feedback">([^<]*)<', html)
    return match.group(1) if match else ""


def text(response) -> str:
    return response.get_data(as_text=True)


# --- access ---------------------------------------------------------------------------------------

def admin_requests():
    """(method, url, form data) for every admin route, with real ids."""
    altstadt = district_id("Altstadt")
    viewer = db.session.scalar(sa.select(User.id).where(User.username == "viewer"))
    requests = [
        ("GET", "/admin/", None),
        ("GET", "/admin/settings", None),
        ("POST", "/admin/settings", {"name": "Neustadt", "kind": "stadt",
                                     "advisory_body_name": "Integrationsrat"}),
        ("GET", "/admin/accessibility", None),
        ("POST", "/admin/accessibility", {"accessibility_contact": "Integrationsbüro",
                                          "accessibility_email": "integration@teststadt.de"}),
        ("POST", "/admin/lists/districts", {"new-name": "Oststadt"}),
        ("GET", f"/admin/lists/districts/{altstadt}/edit", None),
        ("POST", f"/admin/lists/districts/{altstadt}/edit", {"name": "Altstadt-Mitte"}),
        ("POST", f"/admin/lists/districts/{altstadt}/move", {"direction": "down"}),
        ("GET", f"/admin/lists/districts/{altstadt}/delete", None),
        ("POST", f"/admin/lists/districts/{altstadt}/delete", {}),
        ("POST", f"/admin/lists/districts/{altstadt}/merge", {"target_id": district_id("Südstadt")}),
        ("GET", "/admin/users", None),
        ("GET", "/admin/users/new", None),
        ("POST", "/admin/users/new", {"username": "neu", "role": "viewer", "locale": "de",
                                      "password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD}),
        ("GET", f"/admin/users/{viewer}/edit", None),
        ("POST", f"/admin/users/{viewer}/edit", {"username": "viewer", "role": "coordinator",
                                                 "locale": "de", "active": "y"}),
        ("GET", f"/admin/users/{viewer}/password", None),
        ("POST", f"/admin/users/{viewer}/password", {"new_password": NEW_PASSWORD,
                                                     "new_password_repeat": NEW_PASSWORD}),
        ("POST", f"/admin/users/{viewer}/delete", {}),
        ("GET", "/admin/audit", None),
    ]
    for slug in ("actor-types", "fields-of-action", "target-groups", "districts", "languages"):
        requests.append(("GET", f"/admin/lists/{slug}", None))
    return requests


def send(client, method, url, data):
    return client.get(url) if method == "GET" else client.post(url, data=data or {})


def test_every_admin_route_is_in_the_access_matrix(app):
    covered = set()
    adapter = app.url_map.bind("localhost")
    for method, url, _data in admin_requests():
        covered.add(adapter.match(url, method=method)[0])
    registered = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("admin.")}
    assert covered == registered


def test_anonymous_is_sent_to_login(client):
    for method, url, data in admin_requests():
        response = send(client, method, url, data)
        assert response.status_code == 302, (method, url)
        assert response.headers["Location"].startswith("/login"), (method, url)


@pytest.mark.parametrize("who", ["as_viewer", "as_coordinator"])
def test_viewers_and_coordinators_are_refused(request, who):
    client = request.getfixturevalue(who)
    before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    for method, url, data in admin_requests():
        assert send(client, method, url, data).status_code == 403, (method, url)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == before
    assert entry(District, "Altstadt") is not None
    assert db.session.scalar(sa.select(Commune.name)) == "Teststadt"


def test_admin_may_open_every_page(as_admin):
    for method, url, _data in admin_requests():
        if method == "GET":
            response = as_admin.get(url)
            assert response.status_code == 200, url
            assert "Verwaltung" in text(response)


@pytest.mark.parametrize("index", range(11))
def test_admin_may_post_to_every_write_route(app, as_admin, index):
    posts = [(m, u, d) for m, u, d in admin_requests() if m == "POST"]
    assert len(posts) == 11
    method, url, data = posts[index]
    response = send(as_admin, method, url, data)
    assert response.status_code in (200, 302), url
    assert not response.headers.get("Location", "").startswith("/login")


def test_navigation_shows_admin_only_to_admins(as_admin, as_coordinator):
    assert 'href="/admin/"' in text(as_admin.get("/admin/users"))
    assert 'href="/admin/"' not in text(as_coordinator.get("/actors/"))


# --- commune settings -----------------------------------------------------------------------------

def test_kind_decides_the_council_name(as_admin):
    page = text(as_admin.get("/admin/"))
    assert "Stadtrat" in page and "Kreistag" not in page
    version = db.session.scalar(sa.select(Commune.version))
    response = as_admin.post("/admin/settings", data={
        "name": "Landkreis Musterland", "kind": "landkreis", "advisory_body_name": "Integrationsbeirat",
        "version": version})
    assert response.status_code == 302
    page = text(as_admin.get("/admin/"))
    assert "Kreistag" in page and "Landkreis Musterland" in page
    assert "Stadtrat" not in page
    [change] = audit_entries("commune", AuditAction.UPDATE)
    assert change.changes["kind"] == ["stadt", "landkreis"]


def test_settings_refuse_empty_name_and_stale_form(as_admin):
    response = as_admin.post("/admin/settings", data={"name": "  ", "kind": "stadt",
                                                      "advisory_body_name": "Beirat"})
    assert response.status_code == 200
    assert error_at(text(response), "name")
    stale = as_admin.post("/admin/settings", data={"name": "Neustadt", "kind": "gemeinde",
                                                   "advisory_body_name": "Beirat", "version": 0})
    assert "inzwischen von jemand anderem geändert" in text(stale)
    assert db.session.scalar(sa.select(Commune.name)) == "Teststadt"


# --- list entries ---------------------------------------------------------------------------------

def test_add_rename_and_delete_an_entry(as_admin):
    response = as_admin.post("/admin/lists/target-groups", data={"new-name": "  Studierende  "})
    assert response.status_code == 302
    group = entry(TargetGroup, "Studierende")
    assert group is not None and group.key is None
    last = db.session.scalar(sa.select(sa.func.max(TargetGroup.position)))
    assert group.position == last
    assert "Studierende" in text(as_admin.get("/admin/lists/target-groups"))

    response = as_admin.post(f"/admin/lists/target-groups/{group.id}/edit",
                             data={"name": "Studierende und Auszubildende",
                                   "version": list_service.entry_version(group)})
    assert response.status_code == 302
    db.session.expire_all()
    assert group.name == "Studierende und Auszubildende"

    response = as_admin.post(f"/admin/lists/target-groups/{group.id}/delete")
    assert response.status_code == 302
    assert entry(TargetGroup, "Studierende und Auszubildende") is None
    actions = [e.action for e in audit_entries("target_groups")]
    assert actions == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]
    assert audit_entries("target_groups")[1].changes == {
        "name": ["Studierende", "Studierende und Auszubildende"]}


def test_names_are_unique_case_insensitively(as_admin):
    count = db.session.scalar(sa.select(sa.func.count()).select_from(ActorType))
    response = as_admin.post("/admin/lists/actor-types", data={"new-name": "  VEREIN "})
    assert response.status_code == 200
    assert "„Verein“ gibt es in dieser Liste bereits." in error_at(text(response), "new-name")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ActorType)) == count
    # renaming onto another entry's name is refused too; the entry's own name in other case is fine
    jobcenter = entry(ActorType, "Jobcenter")
    version = list_service.entry_version(jobcenter)
    response = as_admin.post(f"/admin/lists/actor-types/{jobcenter.id}/edit",
                             data={"name": "verein", "version": version})
    assert "gibt es in dieser Liste bereits" in error_at(text(response), "name")
    response = as_admin.post(f"/admin/lists/actor-types/{jobcenter.id}/edit",
                             data={"name": "JOBCENTER", "version": version})
    assert response.status_code == 302


def test_name_required_and_limited(app):
    with pytest.raises(ValidationError) as error:
        list_service.create_entry(Language, EntryValues(name="   "), by=None)
    assert error.value.errors["name"] == "Bitte geben Sie einen Namen an."
    with pytest.raises(ValidationError) as error:
        list_service.create_entry(Language, EntryValues(name="x" * 121), by=None)
    assert error.value.errors["name"] == "Höchstens 120 Zeichen erlaubt."


def test_stale_edit_form_is_refused(as_admin):
    group = entry(TargetGroup, "Frauen")
    version = list_service.entry_version(group)
    as_admin.post(f"/admin/lists/target-groups/{group.id}/edit", data={"name": "Frauen und Mädchen",
                                                                         "version": version})
    response = as_admin.post(f"/admin/lists/target-groups/{group.id}/edit",
                             data={"name": "Mädchen", "version": version})
    assert "inzwischen von jemand anderem geändert" in text(response)
    db.session.expire_all()
    assert group.name == "Frauen und Mädchen"


def test_renaming_a_seeded_type_keeps_its_key(as_admin):
    jobcenter = entry(ActorType, "Jobcenter")
    response = as_admin.post(f"/admin/lists/actor-types/{jobcenter.id}/edit",
                             data={"name": "Jobcenter Teststadt", "version": list_service.entry_version(jobcenter)})
    assert response.status_code == 302
    db.session.expire_all()
    assert jobcenter.name == "Jobcenter Teststadt" and jobcenter.key == "jobcenter"


def test_move_up_and_down(as_admin):
    first, second = db.session.scalars(sa.select(Language).order_by(Language.position).limit(2)).all()
    response = as_admin.post(f"/admin/lists/languages/{second.id}/move", data={"direction": "up"})
    assert response.status_code == 302
    db.session.expire_all()
    assert second.position < first.position
    page = text(as_admin.get("/admin/lists/languages"))
    assert page.index(f'id="entry-{second.id}"') < page.index(f'id="entry-{first.id}"')
    moves = audit_entries("languages", AuditAction.UPDATE)
    assert {(m.label, tuple(m.changes["position"])) for m in moves} == {
        (second.name, (2, 1)), (first.name, (1, 2))}
    # already at the top: nothing changes
    as_admin.post(f"/admin/lists/languages/{second.id}/move", data={"direction": "up"})
    assert len(audit_entries("languages", AuditAction.UPDATE)) == 2


def test_entry_in_use_is_not_deleted(as_admin):
    language_field = field_of_action_id("language")
    first = make_actor("Sprachcafé e. V.", field_of_action_ids=[language_field])
    make_actor("Lesepaten", field_of_action_ids=[language_field])
    make_contribution("Deutschkurs", first, field_of_action_id=language_field)
    before = len(audit_entries("fields_of_action"))

    page = text(as_admin.get("/admin/lists/fields-of-action"))
    row = page[page.index(f'id="entry-{language_field}"'):]
    row = row[:row.index("</tr>")]
    assert re.findall(r'<td class="text-end">(\d+)</td>', row) == ["2", "1", "0"]  # 0 measures

    response = as_admin.post(f"/admin/lists/fields-of-action/{language_field}/delete")
    assert response.status_code == 200
    assert "„Sprache“ wird von 2 Akteuren und 1 Angebot verwendet" in text(response)
    assert db.session.get(FieldOfAction, language_field) is not None
    assert [f.key for f in entry(Actor, "Lesepaten").fields_of_action] == ["language"]
    assert len(audit_entries("fields_of_action")) == before


def test_usage_message_names_districts_below(app):
    altstadt = entry(District, "Altstadt")
    nordviertel = entry(District, "Nordviertel")
    list_service.update_entry(nordviertel, EntryValues(name="Nordviertel", parent_id=altstadt.id),
                              version=list_service.entry_version(nordviertel), by=None)
    with pytest.raises(ValidationError) as error:
        list_service.delete_entry(altstadt, by=None)
    assert "wird von 1 untergeordneten Gebiet verwendet" in error.value.errors["entry"]


def test_seeded_type_may_be_deleted_only_when_unused(as_admin):
    chamber = entry(ActorType, "Kammer/Wirtschaftsverband")
    make_actor("IHK Teststadt", type_key="chamber")
    response = as_admin.post(f"/admin/lists/actor-types/{chamber.id}/delete")
    assert "wird von 1 Akteur verwendet" in text(response)
    assert db.session.get(ActorType, chamber.id) is not None
    university = entry(ActorType, "Hochschule")
    response = as_admin.post(f"/admin/lists/actor-types/{university.id}/delete")
    assert response.status_code == 302
    assert entry(ActorType, "Hochschule") is None


def test_merge_moves_every_use_and_deletes_the_entry(as_admin, user):
    altstadt = district_id("Altstadt")
    as_admin.post("/admin/lists/districts", data={"new-name": "Alt-Stadt"})
    duplicate = district_id("Alt-Stadt")
    only_duplicate = make_actor("Bürgerverein Alt-Stadt", district_ids=[duplicate])
    both = make_actor("Stadtteilbüro", district_ids=[altstadt, duplicate])
    contribution = make_contribution("Nachbarschaftscafé", both, districts=[db.session.get(District, duplicate)])
    as_admin.post("/admin/lists/districts", data={"new-name": "Markt", "new-parent_id": duplicate})
    version_before = only_duplicate.version

    response = as_admin.post(f"/admin/lists/districts/{duplicate}/merge", data={"target_id": altstadt})
    assert response.status_code == 302
    page = text(as_admin.get("/admin/lists/districts"))
    assert "„Alt-Stadt“ wurde mit „Altstadt“ zusammengeführt." in page
    assert "Bei 2 Akteuren, 1 Angebot und 1 untergeordneten Gebiet wurde der Eintrag ersetzt." in page

    db.session.expire_all()
    assert db.session.get(District, duplicate) is None
    assert [d.name for d in only_duplicate.districts] == ["Altstadt"]
    assert [d.name for d in both.districts] == ["Altstadt"]
    assert [d.name for d in contribution.districts] == ["Altstadt"]
    assert entry(District, "Markt").parent_id == altstadt
    assert only_duplicate.version == version_before + 1
    assert only_duplicate.updated_by == user("admin")
    # the actor's own history tells what happened
    history = db.session.scalars(sa.select(AuditEntry).join(AuditEntryActor).where(AuditEntryActor.actor_id == only_duplicate.id)
                                 .order_by(AuditEntry.id.desc())).first()
    assert history.changes == {"districts": ["Alt-Stadt", "Altstadt"]}
    [deleted] = audit_entries("districts", AuditAction.DELETE)
    assert deleted.changes == {"merged_into": [None, "Altstadt"]}


def test_merging_a_seeded_type_hands_over_its_key(as_admin):
    as_admin.post("/admin/lists/actor-types", data={"new-name": "Jobcenter (Import)"})
    imported = entry(ActorType, "Jobcenter (Import)")
    seeded = entry(ActorType, "Jobcenter")
    actor = make_actor("Jobcenter Teststadt", type_key="jobcenter")
    response = as_admin.post(f"/admin/lists/actor-types/{seeded.id}/merge", data={"target_id": imported.id})
    assert response.status_code == 302
    db.session.expire_all()
    assert imported.key == "jobcenter"
    assert actor.type_id == imported.id
    assert type_id("jobcenter") == imported.id


def test_two_seeded_entries_are_not_merged(as_admin):
    seeded, other = entry(ActorType, "Jobcenter"), entry(ActorType, "Agentur für Arbeit")
    actor = make_actor("Jobcenter Teststadt", type_key="jobcenter")
    response = as_admin.post(f"/admin/lists/actor-types/{seeded.id}/merge", data={"target_id": other.id})
    assert response.status_code == 200
    assert "sind beide Standardeinträge" in error_at(text(response), "target_id")
    db.session.expire_all()
    assert actor.type_id == seeded.id and db.session.get(ActorType, seeded.id) is not None


def test_merge_into_itself_or_unknown_is_refused(as_admin):
    language = entry(Language, "Deutsch")
    response = as_admin.post(f"/admin/lists/languages/{language.id}/merge", data={"target_id": 99999})
    assert response.status_code == 200
    assert db.session.get(Language, language.id) is not None
    with pytest.raises(ValidationError) as error:
        list_service.merge_entry(language, language.id, by=None)
    assert "target_id" in error.value.errors


def test_district_flags_and_parent(as_admin):
    altstadt = entry(District, "Altstadt")
    response = as_admin.post(f"/admin/lists/districts/{altstadt.id}/edit", data={
        "name": "Altstadt", "is_funding_area": "y", "special_need": "y",
        "parent_id": district_id("Nordviertel"), "version": list_service.entry_version(altstadt)})
    assert response.status_code == 302
    db.session.expire_all()
    assert altstadt.is_funding_area and altstadt.special_need
    assert altstadt.parent.name == "Nordviertel"
    [change] = audit_entries("districts", AuditAction.UPDATE)
    assert change.changes["parent"] == [None, "Nordviertel"]


def test_district_parent_cycle_is_refused(as_admin):
    altstadt, nord, sued = (entry(District, n) for n in ("Altstadt", "Nordviertel", "Südstadt"))
    version = list_service.entry_version
    as_admin.post(f"/admin/lists/districts/{nord.id}/edit",
                  data={"name": "Nordviertel", "parent_id": altstadt.id, "version": version(nord)})
    as_admin.post(f"/admin/lists/districts/{sued.id}/edit",
                  data={"name": "Südstadt", "parent_id": nord.id, "version": version(sued)})
    response = as_admin.post(f"/admin/lists/districts/{altstadt.id}/edit",
                             data={"name": "Altstadt", "parent_id": sued.id, "version": version(altstadt)})
    assert response.status_code == 200
    assert "„Südstadt“ liegt unterhalb von „Altstadt“" in error_at(text(response), "parent_id")
    db.session.expire_all()
    assert altstadt.parent_id is None
    with pytest.raises(ValidationError) as error:
        list_service.update_entry(altstadt, EntryValues(name="Altstadt", parent_id=altstadt.id),
                                  version=list_service.entry_version(altstadt), by=None)
    assert "sich selbst" in error.value.errors["parent_id"]
    # merging a district into one below it would also make a cycle
    with pytest.raises(ValidationError) as error:
        list_service.merge_entry(altstadt, sued.id, by=None)
    assert "liegt unterhalb" in error.value.errors["target_id"]


def test_unknown_list_and_entry_are_404(as_admin):
    assert as_admin.get("/admin/lists/colours").status_code == 404
    assert as_admin.get("/admin/lists/languages/99999/edit").status_code == 404


def test_usage_counts_take_a_fixed_number_of_queries(app, as_admin, count_queries):
    with count_queries() as few:
        as_admin.get("/admin/lists/districts")
    for number in range(15):
        make_actor(f"Verein {number}", district_ids=[district_id("Altstadt"), district_id("Südstadt")])
        list_service.create_entry(District, EntryValues(name=f"Quartier {number}"), by=None)
    with count_queries() as many:
        as_admin.get("/admin/lists/districts")
    assert many.count == few.count


# --- users ----------------------------------------------------------------------------------------

def new_user_data(**overrides):
    data = {"username": "neu", "display_name": "Neue Kollegin", "role": "coordinator", "locale": "de",
            "password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD}
    data.update(overrides)
    return data


def test_create_user(as_admin):
    response = as_admin.post("/admin/users/new", data=new_user_data())
    assert response.status_code == 302
    created = db.session.scalar(sa.select(User).where(User.username == "neu"))
    assert created.role == Role.COORDINATOR and created.display_name == "Neue Kollegin"
    assert "neu" in text(as_admin.get("/admin/users"))
    assert Auth(as_admin.application.test_client()).login("neu", NEW_PASSWORD).status_code == 302


def test_short_password_is_refused_at_the_field(as_admin):
    response = as_admin.post("/admin/users/new", data=new_user_data(password="kurz", password_repeat="kurz"))
    assert response.status_code == 200
    assert error_at(text(response), "password") == "Das Passwort muss mindestens 12 Zeichen lang sein."
    assert db.session.scalar(sa.select(User).where(User.username == "neu")) is None


def test_duplicate_username_is_refused(as_admin):
    count = db.session.scalar(sa.select(sa.func.count()).select_from(User))
    response = as_admin.post("/admin/users/new", data=new_user_data(username="COORD"))
    assert error_at(text(response), "username") == "Dieser Benutzername ist bereits vergeben."
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == count


def test_change_role(as_admin, user, as_viewer):
    viewer = user("viewer")
    assert as_viewer.get("/actors/new").status_code == 403
    response = as_admin.post(f"/admin/users/{viewer.id}/edit", data={
        "username": "viewer", "display_name": "", "role": "coordinator", "locale": "de", "active": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert viewer.role == Role.COORDINATOR
    assert as_viewer.get("/actors/new").status_code == 200
    [change] = [e for e in audit_entries("users", AuditAction.UPDATE) if e.entity_id == viewer.id]
    assert change.changes["role"] == ["viewer", "coordinator"]


def test_deactivating_a_user_signs_them_out(as_admin, user, as_coordinator):
    coord = user("coord")
    as_admin.post(f"/admin/users/{coord.id}/edit", data={"username": "coord", "role": "coordinator",
                                                        "locale": "de"})
    response = as_coordinator.get("/actors/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_admin_reset_password_signs_the_user_out(as_admin, user, as_coordinator):
    assert as_coordinator.get("/actors/").status_code == 200
    coord = user("coord")
    response = as_admin.post(f"/admin/users/{coord.id}/password", data={
        "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD})
    assert response.status_code == 302
    response = as_coordinator.get("/actors/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)
                             .where(LoginSession.user_id == coord.id)) == 0
    fresh = Auth(as_admin.application.test_client())
    assert fresh.login("coord", PASSWORD).status_code == 200  # old password no longer works
    assert fresh.login("coord", NEW_PASSWORD).status_code == 302
    # the admin stays signed in
    assert as_admin.get("/admin/users").status_code == 200


def test_reset_password_refuses_short_password(as_admin, user):
    coord = user("coord")
    response = as_admin.post(f"/admin/users/{coord.id}/password", data={
        "new_password": "kurz", "new_password_repeat": "kurz"})
    assert error_at(text(response), "new_password") == "Das Passwort muss mindestens 12 Zeichen lang sein."


def test_admin_resetting_own_password_stays_signed_in(as_admin, user):
    admin = user("admin")
    response = as_admin.post(f"/admin/users/{admin.id}/password", data={
        "new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD})
    assert response.status_code == 302
    assert as_admin.get("/admin/users").status_code == 200


def test_admin_cannot_demote_deactivate_or_delete_self(as_admin, user):
    admin = user("admin")
    response = as_admin.post(f"/admin/users/{admin.id}/edit", data={
        "username": "admin", "role": "viewer", "locale": "de", "active": "y"})
    assert response.status_code == 200
    assert "nicht selbst die Administrationsrechte entziehen" in error_at(text(response), "role")
    response = as_admin.post(f"/admin/users/{admin.id}/edit", data={
        "username": "admin", "role": "admin", "locale": "de"})
    assert "Sie können Ihr eigenes Konto nicht deaktivieren." in error_at(text(response), "active")
    response = as_admin.post(f"/admin/users/{admin.id}/delete", follow_redirects=True)
    assert "Sie können Ihr eigenes Konto nicht löschen." in text(response)
    db.session.expire_all()
    assert admin.role == Role.ADMIN and admin.active
    assert as_admin.get("/admin/").status_code == 200


def test_delete_user(as_admin, user):
    viewer_id = user("viewer").id
    response = as_admin.post(f"/admin/users/{viewer_id}/delete")
    assert response.status_code == 302
    assert db.session.get(User, viewer_id) is None
    [deleted] = audit_entries("users", AuditAction.DELETE)
    assert deleted.label == "viewer" and deleted.username == "admin"


# --- change history -------------------------------------------------------------------------------

def test_audit_log_lists_and_filters_changes(as_admin):
    make_actor("Caritasverband Teststadt")
    as_admin.post("/admin/lists/languages", data={"new-name": "Dari"})
    page = text(as_admin.get("/admin/audit"))
    assert "Caritasverband Teststadt" in page and "Dari" in page
    page = text(as_admin.get("/admin/audit?entity_type=languages"))
    assert "Dari" in page and "Caritasverband Teststadt" not in page
    page = text(as_admin.get("/admin/audit?username=system"))
    assert "Caritasverband Teststadt" in page and "Dari" not in page
    # unknown filter values are ignored rather than failing
    assert as_admin.get("/admin/audit?entity_type=nonsense&page=x").status_code == 200


def test_audit_log_is_paginated(as_admin):
    for number in range(60):
        list_service.create_entry(Language, EntryValues(name=f"Sprache {number:02d}"), by=None)
    first = text(as_admin.get("/admin/audit?entity_type=languages"))
    second = text(as_admin.get("/admin/audit?entity_type=languages&page=2"))
    assert "Sprache 59" in first and "Sprache 00" not in first
    assert "Sprache 00" in second
