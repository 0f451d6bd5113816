"""Bodies (Gremien): list, page, create/edit/delete, memberships, validation, access, history."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from coordination.actors.queries import actor_history
from coordination.extensions import db
from coordination.models import AuditEntry, Body, BodyKind, BodyMembership
from coordination.services import bodies as body_service
from coordination.services.base import ValidationError
from tests.factories import add_member, audit_entries, count, make_actor, make_body


def body_form(**overrides):
    data = {"name": "Runder Tisch Integration", "kind": "round_table", "lead_actor_id": "",
            "active": "y", "description": ""}
    data.update(overrides)
    return data


# --- bodies ------------------------------------------------------------------------------------

def test_coordinator_creates_a_body_with_a_lead_actor(as_coordinator):
    lead = make_actor("Amt für Integration", "administration")
    response = as_coordinator.post("/bodies/new", data=body_form(lead_actor_id=str(lead.id)),
                                   follow_redirects=True)
    assert "Gremium „Runder Tisch Integration“ wurde angelegt." in response.text
    body = db.session.scalar(sa.select(Body))
    assert body.kind == BodyKind.ROUND_TABLE and body.lead_actor == lead and body.active
    assert body.created_by.username == "coord"
    assert "Amt für Integration" in response.text and "Runder Tisch" in response.text
    [entry] = audit_entries("bodies")
    assert entry.action.value == "create" and entry.username == "coord"
    assert entry.changes["name"] == [None, "Runder Tisch Integration"]
    assert entry.changes["lead_actor"] == [None, "Amt für Integration"]


def test_list_shows_kind_lead_current_member_count_and_filters_by_active(as_viewer):
    lead = make_actor("Amt für Integration", "administration")
    body = make_body("Runder Tisch Integration", lead=lead)
    add_member(body, make_actor("Caritasverband"))
    add_member(body, make_actor("Ehemaliger Verein"), until=date.today() - timedelta(days=30))
    make_body("Arbeitskreis Sprache", kind="working_group", active=False)

    html = as_viewer.get("/bodies/").text
    assert "Runder Tisch Integration" in html and "Arbeitskreis Sprache" in html
    assert "Steuerungs-/Lenkungsgruppe" not in html.split("<table")[1]  # only the kinds in use
    assert "Arbeitskreis" in html and "Amt für Integration" in html
    row = html.split("Runder Tisch Integration")[1].split("</tr>")[0]
    assert '<td class="text-end">2</td>' in row  # the former member does not count

    active_only = as_viewer.get("/bodies/?active=yes").text
    assert "Runder Tisch Integration" in active_only and "Arbeitskreis Sprache" not in active_only
    inactive_only = as_viewer.get("/bodies/?active=no").text
    assert "Runder Tisch Integration" not in inactive_only and "Arbeitskreis Sprache" in inactive_only
    by_kind = as_viewer.get("/bodies/?kind=working_group").text
    assert "Runder Tisch Integration" not in by_kind and "Arbeitskreis Sprache" in by_kind
    assert as_viewer.get("/bodies/?active=nonsense&kind=nonsense").status_code == 200


def test_duplicate_body_names_are_refused_case_and_whitespace_insensitively(as_coordinator):
    make_body("Runder Tisch Integration")
    other = make_body("Arbeitskreis Sprache")
    response = as_coordinator.post("/bodies/new", data=body_form(name="  runder   TISCH integration "))
    assert "Es gibt bereits ein Gremium mit diesem Namen: „Runder Tisch Integration“." in response.text
    assert 'id="name-error"' in response.text
    assert count(Body) == 2
    response = as_coordinator.post(f"/bodies/{other.id}/edit", data=body_form(
        name="RUNDER Tisch Integration", version=str(other.version)))
    assert "Es gibt bereits ein Gremium mit diesem Namen" in response.text
    db.session.expire_all()
    assert db.session.get(Body, other.id).name == "Arbeitskreis Sprache"


def test_body_validation_messages(as_coordinator):
    html = as_coordinator.post("/bodies/new", data=body_form(
        name="x" * 201, kind="clique", lead_actor_id="9999")).text
    assert 'id="name-error"' in html and 'id="kind-error"' in html and 'id="lead_actor_id-error"' in html
    assert count(Body) == 0


def test_service_refuses_unknown_lead_and_kind(app):
    with pytest.raises(ValidationError) as caught:
        body_service.create_body(body_service.BodyValues(name="AK", kind="clique", lead_actor_id=9999),
                                 by=None)
    assert set(caught.value.errors) == {"kind", "lead_actor_id"}
    assert count(Body) == 0


def test_html_in_body_names_is_escaped(as_coordinator):
    as_coordinator.post("/bodies/new", data=body_form(name="<b>AK</b> Sprache"))
    body = db.session.scalar(sa.select(Body))
    assert body.name == "<b>AK</b> Sprache"
    html = as_coordinator.get(f"/bodies/{body.id}").text
    assert "<b>AK</b>" not in html and "&lt;b&gt;AK&lt;/b&gt; Sprache" in html


def test_edit_saves_and_records_the_changes(as_coordinator):
    body = make_body("Runder Tisch Integration")
    lead = make_actor("Amt für Integration", "administration")
    page = as_coordinator.get(f"/bodies/{body.id}/edit").text
    assert 'value="Runder Tisch Integration"' in page
    response = as_coordinator.post(f"/bodies/{body.id}/edit", data=body_form(
        kind="steering_group", lead_actor_id=str(lead.id), active="", version=str(body.version)),
        follow_redirects=True)
    assert "Änderungen an „Runder Tisch Integration“ wurden gespeichert." in response.text
    db.session.expire_all()
    body = db.session.get(Body, body.id)
    assert body.kind == BodyKind.STEERING_GROUP and body.lead_actor == lead and not body.active
    update = audit_entries("bodies")[-1]
    assert update.action.value == "update"
    # made inactive without a date: dissolved today
    assert update.changes == {"kind": ["round_table", "steering_group"],
                              "lead_actor": [None, "Amt für Integration"], "active": [True, False],
                              "dissolved_on": [None, date.today().isoformat()]}


def test_stale_edit_form_is_refused(as_coordinator):
    body = make_body("Runder Tisch Integration")
    stale_version = str(body.version)
    as_coordinator.post(f"/bodies/{body.id}/edit", data=body_form(
        description="erste Änderung", version=stale_version))
    response = as_coordinator.post(f"/bodies/{body.id}/edit", data=body_form(
        description="zweite Änderung", version=stale_version))
    assert "inzwischen von jemand anderem geändert" in response.text
    db.session.expire_all()
    assert db.session.get(Body, body.id).description == "erste Änderung"


def test_delete_says_how_many_memberships_go_and_asks_first(as_coordinator):
    body = make_body("Runder Tisch Integration")
    caritas, awo = make_actor("Caritasverband"), make_actor("AWO Kreisverband")
    add_member(body, caritas, "Mitglied")
    add_member(body, awo, until=date.today() - timedelta(days=1))
    page = as_coordinator.get(f"/bodies/{body.id}/delete")
    assert page.status_code == 200
    assert "Mit dem Gremium werden 2 Mitgliedschaften gelöscht." in page.text
    assert count(Body) == 1  # GET deletes nothing

    response = as_coordinator.post(f"/bodies/{body.id}/delete", data={"version": str(body.version)},
                                   follow_redirects=True)
    assert "Gremium „Runder Tisch Integration“ wurde gelöscht." in response.text
    assert count(Body) == 0 and count(BodyMembership) == 0
    assert {a.name for a in (caritas, awo)} <= {e.label.split(": ")[-1] for e in audit_entries("body_memberships")}
    deletion = audit_entries("bodies")[-1]
    assert deletion.action.value == "delete" and deletion.changes == {"members": [2, 0]}
    # the members' histories say the membership ended
    removed = [e for e in audit_entries("body_memberships") if e.action.value == "delete"]
    assert {actor_id for e in removed for actor_id in e.actor_ids} == {caritas.id, awo.id}


def test_delete_with_stale_version_is_refused(as_coordinator):
    body = make_body("Runder Tisch Integration")
    response = as_coordinator.post(f"/bodies/{body.id}/delete", data={"version": "999"},
                                   follow_redirects=True)
    assert "inzwischen von jemand anderem geändert" in response.text
    assert count(Body) == 1


def test_unknown_body_is_404(as_viewer):
    assert as_viewer.get("/bodies/999").status_code == 404


# --- memberships --------------------------------------------------------------------------------

def member_form(actor_id, **overrides):
    data = {"actor_ids": [str(actor_id)] if actor_id != "" else [], "role": "", "since": "", "until": ""}
    data.update(overrides)
    return data


def test_coordinator_adds_a_member_and_it_shows_in_the_actor_history(as_coordinator):
    body = make_body("Runder Tisch Integration")
    actor = make_actor("Caritasverband")
    page = as_coordinator.get(f"/bodies/{body.id}").text
    assert "Mitglied hinzufügen" in page and f"/bodies/{body.id}/members" in page
    response = as_coordinator.post(f"/bodies/{body.id}/members", data=member_form(
        actor.id, role="Vorsitz", since="2023-02-01"), follow_redirects=True)
    assert "Als Mitglied eingetragen: „Caritasverband“." in response.text
    assert "Vorsitz" in response.text and f"/actors/{actor.id}" in response.text
    membership = db.session.scalar(sa.select(BodyMembership))
    assert (membership.actor, membership.role, membership.since) == (actor, "Vorsitz", date(2023, 2, 1))
    [entry] = audit_entries("body_memberships")
    assert entry.actor_ids == [actor.id] and entry.action.value == "create"
    assert entry.changes == {"role": [None, "Vorsitz"], "since": [None, "2023-02-01"]}
    # the actor page shows actor_history()
    assert [e.label for e in actor_history(actor)][0] == "Mitglied in „Runder Tisch Integration“: Caritasverband"


def test_an_actor_cannot_be_a_current_member_twice(as_coordinator):
    body = make_body("Runder Tisch Integration")
    actor = make_actor("Caritasverband")
    add_member(body, actor, "Mitglied")
    response = as_coordinator.post(f"/bodies/{body.id}/members", data=member_form(actor.id))
    assert "Der Akteur „Caritasverband“ ist bereits Mitglied dieses Gremiums." in response.text
    assert 'id="actor_ids-error"' in response.text
    assert count(BodyMembership) == 1


def test_a_former_member_can_rejoin(app):
    body = make_body("Runder Tisch Integration")
    actor = make_actor("Caritasverband")
    add_member(body, actor, since=date(2019, 1, 1), until=date(2020, 12, 31))
    add_member(body, actor, since=date(2023, 1, 1))
    assert count(BodyMembership) == 2
    with pytest.raises(ValidationError) as caught:
        add_member(body, actor)
    assert set(caught.value.errors) == {"actor_id"}


def test_until_before_since_is_refused(as_coordinator):
    body = make_body("Runder Tisch Integration")
    actor = make_actor("Caritasverband")
    response = as_coordinator.post(f"/bodies/{body.id}/members", data=member_form(
        actor.id, since="2024-05-01", until="2024-04-30"))
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.text
    assert 'id="until-error"' in response.text
    assert count(BodyMembership) == 0 and audit_entries("body_memberships") == []


def test_unknown_or_missing_actor_is_refused_at_the_field(as_coordinator):
    body = make_body("Runder Tisch Integration")
    response = as_coordinator.post(f"/bodies/{body.id}/members", data=member_form(9999))
    assert 'id="actor_ids-error"' in response.text
    response = as_coordinator.post(f"/bodies/{body.id}/members", data=member_form(""))
    assert "Bitte wählen Sie mindestens einen Akteur." in response.text
    with pytest.raises(ValidationError) as caught:
        body_service.add_member(body, 9999, "", None, None, by=None)
    assert caught.value.errors == {"actor_id": "Unbekannter Eintrag (Nr. 9999)."}
    assert count(BodyMembership) == 0


def test_edit_membership_ends_it_and_records_the_change(as_coordinator):
    body = make_body("Runder Tisch Integration")
    actor = make_actor("Caritasverband")
    membership = add_member(body, actor, "Mitglied", since=date(2020, 1, 1))
    page = as_coordinator.get(f"/bodies/{body.id}/members/{membership.id}/edit").text
    assert 'value="Mitglied"' in page and 'value="2020-01-01"' in page
    response = as_coordinator.post(f"/bodies/{body.id}/members/{membership.id}/edit", data={
        "role": "Vorsitz", "since": "2020-01-01", "until": "2022-12-31"}, follow_redirects=True)
    assert "Die Mitgliedschaft des Akteurs „Caritasverband“ wurde gespeichert." in response.text
    assert "ehemalig" in response.text
    db.session.expire_all()
    membership = db.session.get(BodyMembership, membership.id)
    assert (membership.role, membership.until) == ("Vorsitz", date(2022, 12, 31))
    update = audit_entries("body_memberships")[-1]
    assert update.actor_ids == [actor.id] and update.changes == {
        "role": ["Mitglied", "Vorsitz"], "until": [None, "2022-12-31"]}
    bad = as_coordinator.post(f"/bodies/{body.id}/members/{membership.id}/edit", data={
        "role": "Vorsitz", "since": "2020-01-01", "until": "2019-01-01"})
    assert "Das Ende darf nicht vor dem Beginn liegen." in bad.text


def test_reopening_a_membership_cannot_create_a_second_current_one(app):
    body = make_body("Runder Tisch Integration")
    actor = make_actor("Caritasverband")
    former = add_member(body, actor, until=date(2020, 12, 31))
    add_member(body, actor, since=date(2023, 1, 1))
    with pytest.raises(ValidationError):
        body_service.update_member(former, "", None, None, by=None)


def test_remove_member_asks_first_and_records_it(as_coordinator):
    body = make_body("Runder Tisch Integration")
    actor = make_actor("Caritasverband")
    membership = add_member(body, actor, "Mitglied")
    page = as_coordinator.get(f"/bodies/{body.id}").text
    assert 'data-confirm="„Caritasverband“ aus dem Gremium entfernen?' in page
    response = as_coordinator.post(f"/bodies/{body.id}/members/{membership.id}/delete",
                                   follow_redirects=True)
    assert "Der Akteur „Caritasverband“ wurde aus dem Gremium entfernt." in response.text
    assert count(BodyMembership) == 0
    removal = audit_entries("body_memberships")[-1]
    assert removal.action.value == "delete" and removal.actor_ids == [actor.id]
    assert removal.changes == {"role": ["Mitglied", None]}


def test_membership_of_another_body_is_404(as_coordinator):
    body, other = make_body("Runder Tisch Integration"), make_body("Arbeitskreis Sprache")
    membership = add_member(other, make_actor("Caritasverband"))
    assert as_coordinator.post(f"/bodies/{body.id}/members/{membership.id}/delete").status_code == 404
    assert count(BodyMembership) == 1


# --- access --------------------------------------------------------------------------------------

def test_several_members_are_added_at_once_with_one_role(as_coordinator):
    body = make_body("Runder Tisch Integration")
    caritas, awo, vhs = make_actor("Caritasverband"), make_actor("AWO Kreisverband"), make_actor("VHS")
    add_member(body, caritas, "Mitglied")
    page = as_coordinator.get(f"/bodies/{body.id}").text
    offered = page.split('name="actor_ids"')[1].split("</select>")[0]
    assert "AWO Kreisverband" in offered and "VHS" in offered and "Caritasverband" not in offered
    response = as_coordinator.post(f"/bodies/{body.id}/members", data={
        "actor_ids": [str(awo.id), str(vhs.id)], "role": "beratend", "since": "2025-01-01", "until": ""},
        follow_redirects=True)
    assert "Als Mitglieder eingetragen: „AWO Kreisverband“, „VHS“." in response.text
    roles = dict(db.session.execute(sa.select(BodyMembership.actor_id, BodyMembership.role)).tuples().all())
    assert roles == {caritas.id: "Mitglied", awo.id: "beratend", vhs.id: "beratend"}
    created = [e for e in audit_entries("body_memberships") if e.action.value == "create"]
    assert sorted(e.actor_ids[0] for e in created) == sorted([caritas.id, awo.id, vhs.id])


def test_adding_members_is_all_or_nothing(as_coordinator):
    body = make_body("Runder Tisch Integration")
    caritas, awo = make_actor("Caritasverband"), make_actor("AWO Kreisverband")
    add_member(body, caritas, "Mitglied")
    response = as_coordinator.post(f"/bodies/{body.id}/members", data={
        "actor_ids": [str(awo.id), str(caritas.id)], "role": "", "since": "", "until": ""})
    assert "Der Akteur „Caritasverband“ ist bereits Mitglied dieses Gremiums." in response.text
    assert count(BodyMembership) == 1


def test_the_lead_becomes_a_member(as_coordinator):
    lead = make_actor("Amt für Integration", "administration")
    as_coordinator.post("/bodies/new", data=body_form(lead_actor_id=str(lead.id)))
    body = db.session.scalar(sa.select(Body))
    [membership] = db.session.scalars(sa.select(BodyMembership)).all()
    assert (membership.actor, membership.role) == (lead, "federführend")
    other = make_actor("Caritasverband")
    as_coordinator.post(f"/bodies/{body.id}/edit", data=body_form(
        lead_actor_id=str(other.id), version=str(body.version)))
    assert {m.actor.name for m in db.session.scalars(sa.select(BodyMembership))} == {
        "Amt für Integration", "Caritasverband"}
    # an edit that keeps the lead adds no second membership
    db.session.expire_all()
    body = db.session.get(Body, body.id)
    as_coordinator.post(f"/bodies/{body.id}/edit", data=body_form(
        lead_actor_id=str(other.id), description="neu", version=str(body.version)))
    assert count(BodyMembership) == 2


def test_viewer_reads_but_gets_403_on_every_write_route(as_viewer):
    body = make_body("Runder Tisch Integration")
    actor = make_actor("Caritasverband")
    membership = add_member(body, actor, "Mitglied")
    html = as_viewer.get(f"/bodies/{body.id}").text
    assert "Caritasverband" in html and "Mitglied hinzufügen" not in html
    assert f"/bodies/{body.id}/edit" not in html and "Entfernen" not in html
    assert "Neues Gremium" not in as_viewer.get("/bodies/").text
    audit_before = count(AuditEntry)

    base = f"/bodies/{body.id}"
    member = f"{base}/members/{membership.id}"
    for method, url, data in [
        ("get", "/bodies/new", None), ("post", "/bodies/new", body_form(name="Neu")),
        ("get", f"{base}/edit", None), ("post", f"{base}/edit", body_form(version="1")),
        ("get", f"{base}/delete", None), ("post", f"{base}/delete", {"version": "1"}),
        ("post", f"{base}/members", member_form(make_actor("AWO").id)),
        ("get", f"{member}/edit", None), ("post", f"{member}/edit", {"role": "Vorsitz"}),
        ("post", f"{member}/delete", None),
    ]:
        response = getattr(as_viewer, method)(url, data=data)
        assert response.status_code == 403, (method, url)
    assert count(Body) == 1 and count(BodyMembership) == 1
    assert count(AuditEntry) == audit_before + 1  # only the actor created in the loop
    db.session.expire_all()
    assert db.session.get(BodyMembership, membership.id).role == "Mitglied"


def test_anonymous_users_are_sent_to_the_login(client):
    assert client.get("/bodies/").status_code == 302
    assert "/login" in client.get("/bodies/").location


# --- no N+1 ----------------------------------------------------------------------------------

def queries_for(client, url, count_queries) -> tuple[int, str]:
    """(number of SQL statements, page text) for one GET, starting from an expired session (the
    test and the request share it, so rows the test just wrote would otherwise be cached)."""
    db.session.expire_all()
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count, response.text


def test_body_list_query_count_does_not_grow_with_the_data(as_viewer, count_queries):
    def populate(start: int, number: int) -> None:
        for i in range(start, start + number):
            lead = make_actor(f"Leitung {i}")
            body = make_body(f"Gremium {i}", lead=lead)
            add_member(body, make_actor(f"Mitglied {i}"))

    populate(0, 2)
    small, _ = queries_for(as_viewer, "/bodies/", count_queries)
    populate(2, 20)
    large, html = queries_for(as_viewer, "/bodies/", count_queries)
    assert "Gremium 21" in html and "Leitung 21" in html
    assert large == small


def test_body_page_query_count_does_not_grow_with_members(as_coordinator, count_queries):
    body = make_body("Runder Tisch Integration", lead=make_actor("Leitung"))
    add_member(body, make_actor("Mitglied 0", "welfare"))
    small, _ = queries_for(as_coordinator, f"/bodies/{body.id}", count_queries)
    for i in range(1, 15):
        add_member(body, make_actor(f"Mitglied {i}", "mso" if i % 2 else "welfare"))
    large, html = queries_for(as_coordinator, f"/bodies/{body.id}", count_queries)
    assert "Mitglied 14" in html
    assert large == small
