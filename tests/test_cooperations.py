"""Cooperations: list, page, create/edit/delete, the pair rules, validation, conflicts, history."""
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import AuditEntry, Cooperation, CooperationKind
from coordination.services import cooperations as cooperation_service
from coordination.services.base import ValidationError
from coordination.services.cooperations import CooperationValues
from tests.access import assert_viewer_reads_but_cannot_write
from tests.factories import commitment, make_actor, make_cooperation

YESTERDAY = date.today() - timedelta(days=1)


def cooperation_form(actor_a, actor_b, **overrides):
    data = {"actor_a_id": str(actor_a.id), "actor_b_id": str(actor_b.id), "kind": "referral",
            "intensity": "2", "note": ""}
    data.update(overrides)
    return data


def table(html: str) -> str:
    """The rows of a list page (the filter selects above it name every actor and kind)."""
    return html[html.index("<tbody>"):]


def count_cooperations() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Cooperation))


@pytest.fixture
def actors(app):
    return (make_actor("Jobcenter Teststadt", "jobcenter"), make_actor("Ausländerbehörde"),
            make_actor("Migrationsberatung (MBE)"))


def test_coordinator_creates_a_cooperation(as_coordinator, actors):
    jobcenter, office, _ = actors
    response = as_coordinator.post("/cooperations/new", data=cooperation_form(
        jobcenter, office, intensity="3", written_agreement="y", start_date="2023-01-15",
        commitment_ids=[str(commitment(2).id), str(commitment(6).id)], note="Fallkonferenz monatlich"),
        follow_redirects=True)
    assert ("Kooperation zwischen „Jobcenter Teststadt“ und „Ausländerbehörde“ wurde angelegt."
            in response.text)
    cooperation = db.session.scalar(sa.select(Cooperation))
    assert cooperation.kind == CooperationKind.REFERRAL and cooperation.intensity == 3
    assert cooperation.written_agreement and cooperation.start_date == date(2023, 1, 15)
    assert [c.number for c in cooperation.commitments] == [2, 6]
    assert cooperation.created_by.username == "coord"
    html = response.text
    assert f'href="/actors/{jobcenter.id}"' in html and f'href="/actors/{office.id}"' in html
    assert "Verweisberatung/Überleitung" in html and "Fallkonferenz monatlich" in html


def test_the_pair_is_stored_in_order_whichever_way_it_was_entered(as_coordinator, actors):
    first, _, third = actors
    as_coordinator.post("/cooperations/new", data=cooperation_form(third, first))
    cooperation = db.session.scalar(sa.select(Cooperation))
    assert (cooperation.actor_a_id, cooperation.actor_b_id) == (first.id, third.id)


def test_create_from_an_actor_page_preselects_actor_a_and_returns_there(as_coordinator, actors):
    jobcenter, office, _ = actors
    html = as_coordinator.get(f"/cooperations/new?actor_id={office.id}").text
    assert f'<option selected value="{office.id}">Ausländerbehörde</option>' in html
    response = as_coordinator.post(f"/cooperations/new?actor_id={office.id}",
                                   data=cooperation_form(office, jobcenter))
    assert response.status_code == 302 and response.headers["Location"] == f"/actors/{office.id}"


def test_both_actors_see_the_cooperation_and_its_history(as_coordinator, actors):
    jobcenter, office, _ = actors
    as_coordinator.post("/cooperations/new", data=cooperation_form(jobcenter, office))
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity_type == "cooperations")).all()
    assert len(entries) == 1 and set(entries[0].actor_ids) == {jobcenter.id, office.id}
    assert entries[0].changes["kind"] == [None, "Verweisberatung/Überleitung"]
    for actor, partner in ((jobcenter, office), (office, jobcenter)):
        html = as_coordinator.get(f"/actors/{actor.id}").text
        assert f'href="/actors/{partner.id}"' in html
        assert "Kooperation (Verweisberatung/Überleitung): Jobcenter Teststadt – Ausländerbehörde" in html


def test_edit_saves_records_changes_for_old_and_new_partners(as_coordinator, actors):
    jobcenter, office, counselling = actors
    cooperation = make_cooperation(jobcenter, office, kind="referral")
    page = as_coordinator.get(f"/cooperations/{cooperation.id}/edit").text
    assert f'<option selected value="{office.id}">' in page
    response = as_coordinator.post(f"/cooperations/{cooperation.id}/edit", data=cooperation_form(
        jobcenter, counselling, intensity="1", version=str(cooperation.version)), follow_redirects=True)
    assert "Änderungen an der Kooperation wurden gespeichert." in response.text
    db.session.expire_all()
    cooperation = db.session.get(Cooperation, cooperation.id)
    assert {cooperation.actor_a_id, cooperation.actor_b_id} == {jobcenter.id, counselling.id}
    assert cooperation.intensity == 1
    updates = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "update")).all()
    # the partner that left, the one that joined and the one that stayed all see the change
    assert {actor_id for entry in updates for actor_id in entry.actor_ids} == {jobcenter.id, office.id, counselling.id}
    assert updates[0].changes["intensity"] == [2, 1]
    assert updates[0].changes["actor_b"] == ["Ausländerbehörde", "Migrationsberatung (MBE)"]
    # the cooperation's own history lists the change once
    assert as_coordinator.get(f"/cooperations/{cooperation.id}").text.count("geändert ·") == 1


def test_delete_asks_first_then_deletes_and_both_histories_show_it(as_coordinator, actors):
    jobcenter, office, _ = actors
    cooperation = make_cooperation(jobcenter, office)
    assert "Kooperation löschen?" in as_coordinator.get(f"/cooperations/{cooperation.id}/delete").text
    assert count_cooperations() == 1
    response = as_coordinator.post(f"/cooperations/{cooperation.id}/delete",
                                   data={"version": str(cooperation.version)}, follow_redirects=True)
    assert "wurde gelöscht" in response.text and count_cooperations() == 0
    deletions = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "delete")).all()
    assert {actor_id for entry in deletions for actor_id in entry.actor_ids} == {jobcenter.id, office.id}
    for actor in (jobcenter, office):
        assert "gelöscht" in as_coordinator.get(f"/actors/{actor.id}").text


def test_viewer_can_read_but_every_write_route_is_forbidden(as_viewer, actors):
    jobcenter, office, counselling = actors
    cooperation = make_cooperation(jobcenter, office)
    assert_viewer_reads_but_cannot_write(as_viewer, "cooperations", cooperation.id, "Ausländerbehörde",
                                         cooperation_form(jobcenter, counselling))
    db.session.expire_all()
    assert db.session.get(Cooperation, cooperation.id).actor_b_id == office.id
    assert count_cooperations() == 1


def test_a_self_link_is_refused(as_coordinator, actors):
    html = as_coordinator.post("/cooperations/new", data=cooperation_form(actors[0], actors[0])).text
    assert 'id="actor_b_id-error"' in html
    assert "Ein Akteur kann nicht mit sich selbst kooperieren." in html
    assert count_cooperations() == 0


def test_a_second_running_cooperation_of_the_same_pair_and_kind_is_refused(as_coordinator, actors):
    jobcenter, office, _ = actors
    existing = make_cooperation(jobcenter, office, kind="referral", start_date=date(2022, 3, 1))
    # entered the other way round: still the same pair
    html = as_coordinator.post("/cooperations/new", data=cooperation_form(office, jobcenter)).text
    assert 'id="kind-error"' in html
    assert ("Zwischen „Jobcenter Teststadt“ und „Ausländerbehörde“ besteht bereits eine laufende "
            f"Kooperation der Art „Verweisberatung/Überleitung“ (Nr. {existing.id}, seit 01.03.2022).") in html
    assert count_cooperations() == 1
    # one ending in the future still runs
    existing_end = date.today() + timedelta(days=10)
    with pytest.raises(ValidationError):
        make_cooperation(office, jobcenter, kind="referral", end_date=existing_end)


def test_same_pair_with_another_kind_is_allowed(as_coordinator, actors):
    jobcenter, office, _ = actors
    make_cooperation(jobcenter, office, kind="referral")
    as_coordinator.post("/cooperations/new", data=cooperation_form(jobcenter, office, kind="agreement"))
    assert count_cooperations() == 2


def test_same_pair_and_kind_is_allowed_once_the_first_has_ended(as_coordinator, actors):
    jobcenter, office, _ = actors
    make_cooperation(jobcenter, office, kind="referral", start_date=date(2020, 1, 1), end_date=YESTERDAY)
    response = as_coordinator.post("/cooperations/new", data=cooperation_form(jobcenter, office))
    assert response.status_code == 302
    # and a past (ended) one can be recorded next to a running one
    make_cooperation(jobcenter, office, kind="referral", start_date=date(2015, 1, 1),
                     end_date=date(2016, 1, 1))
    assert count_cooperations() == 3


def test_editing_a_cooperation_does_not_clash_with_itself_but_with_others(actors):
    jobcenter, office, _ = actors
    ended = make_cooperation(jobcenter, office, kind="referral", end_date=YESTERDAY)
    running = make_cooperation(jobcenter, office, kind="referral")
    cooperation_service.update_cooperation(running, CooperationValues(
        actor_a_id=jobcenter.id, actor_b_id=office.id, kind="referral", intensity=3),
        version=running.version, by=None)
    with pytest.raises(ValidationError) as error:  # reopening the ended one would make two
        cooperation_service.update_cooperation(ended, CooperationValues(
            actor_a_id=jobcenter.id, actor_b_id=office.id, kind="referral", end_date=None),
            version=ended.version, by=None)
    assert f"Nr. {running.id}" in error.value.errors["kind"]


def test_end_before_start_is_refused(as_coordinator, actors):
    html = as_coordinator.post("/cooperations/new", data=cooperation_form(
        actors[0], actors[1], start_date="2024-05-01", end_date="2024-04-30")).text
    assert 'id="end_date-error"' in html and "Das Ende darf nicht vor dem Beginn liegen." in html
    assert count_cooperations() == 0


@pytest.mark.parametrize("intensity", ["0", "4", "-1", "zwei"])
def test_intensity_out_of_range_is_refused(as_coordinator, actors, intensity):
    html = as_coordinator.post("/cooperations/new", data=cooperation_form(
        actors[0], actors[1], intensity=intensity)).text
    assert 'id="intensity-error"' in html
    assert count_cooperations() == 0


def test_intensity_range_is_checked_by_the_service(actors):
    with pytest.raises(ValidationError) as error:
        make_cooperation(actors[0], actors[1], intensity=4)
    assert error.value.errors["intensity"] == "Die Intensität muss zwischen 1 und 3 liegen."


def test_unknown_actor_and_commitment_ids_are_refused(as_coordinator, actors):
    html = as_coordinator.post("/cooperations/new", data=cooperation_form(
        actors[0], actors[1], actor_b_id="9999", commitment_ids=["999"])).text
    assert 'id="actor_b_id-error"' in html and 'id="commitment_ids-error"' in html
    assert count_cooperations() == 0
    with pytest.raises(ValidationError) as error:
        cooperation_service.create_cooperation(CooperationValues(
            actor_a_id=9998, actor_b_id=actors[1].id, kind="referral", commitment_ids=[999]), by=None)
    assert set(error.value.errors) == {"actor_a_id", "commitment_ids"}
    assert "9998" in error.value.errors["actor_a_id"]


def test_missing_fields_have_german_messages(as_coordinator, actors):
    html = as_coordinator.post("/cooperations/new", data=cooperation_form(
        actors[0], actors[1], actor_a_id="", actor_b_id="", kind="")).text
    assert html.count('class="invalid-feedback">Bitte wählen Sie einen Akteur.') == 2
    assert "Bitte wählen Sie eine Art." in html
    assert count_cooperations() == 0


def test_html_in_the_note_is_stored_as_text_and_escaped(as_coordinator, actors):
    as_coordinator.post("/cooperations/new", data=cooperation_form(
        actors[0], actors[1], note="<script>alert(1)</script>"))
    cooperation = db.session.scalar(sa.select(Cooperation))
    assert cooperation.note == "<script>alert(1)</script>"
    html = as_coordinator.get(f"/cooperations/{cooperation.id}").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_actor_names_with_html_are_escaped_in_the_list_and_messages(as_coordinator, actors):
    odd = make_actor("<b>Verein</b>")
    make_cooperation(odd, actors[0], kind="informal")
    html = as_coordinator.get("/cooperations/").text
    assert "<b>Verein</b>" not in html and "&lt;b&gt;Verein&lt;/b&gt;" in html
    html = as_coordinator.post("/cooperations/new", data=cooperation_form(odd, actors[0], kind="informal")).text
    assert "„&lt;b&gt;Verein&lt;/b&gt;“" in html


def test_stale_form_is_refused_and_nothing_is_overwritten(as_coordinator, actors):
    jobcenter, office, _ = actors
    cooperation = make_cooperation(jobcenter, office, kind="referral")
    old_version = cooperation.version
    # someone else saves first (only the commitments change: the version must still grow)
    cooperation_service.update_cooperation(cooperation, CooperationValues(
        actor_a_id=jobcenter.id, actor_b_id=office.id, kind="referral",
        commitment_ids=[commitment(2).id]), version=old_version, by=None)
    assert cooperation.version > old_version
    html = as_coordinator.post(f"/cooperations/{cooperation.id}/edit", data=cooperation_form(
        jobcenter, office, intensity="3", version=str(old_version))).text
    assert "Der Datensatz wurde inzwischen von jemand anderem geändert." in html
    db.session.expire_all()
    cooperation = db.session.get(Cooperation, cooperation.id)
    assert cooperation.intensity == 2 and [c.number for c in cooperation.commitments] == [2]
    as_coordinator.post(f"/cooperations/{cooperation.id}/delete", data={"version": str(old_version)})
    assert count_cooperations() == 1


def test_list_filters_and_sorts(as_viewer, actors):
    jobcenter, office, counselling = actors
    make_cooperation(jobcenter, office, kind="referral", intensity=3, commitment_ids=[commitment(6).id])
    make_cooperation(office, counselling, kind="agreement", intensity=1)
    make_cooperation(jobcenter, counselling, kind="informal", end_date=YESTERDAY)

    def rows(query: str) -> int:
        return len(re.findall(r'href="/cooperations/\d+"', as_viewer.get(f"/cooperations/?{query}").text))

    assert rows("") == 3
    assert rows("kind=agreement") == 1
    assert rows(f"actor={jobcenter.id}") == 2
    assert rows("state=running") == 2
    assert rows("state=ended") == 1
    assert rows("commitment=6") == 1
    assert rows("kind=nonsense&actor=abc") == 3
    html = table(as_viewer.get("/cooperations/?sort=-intensity").text)
    assert html.index("Kooperationsvereinbarung") > html.index("Verweisberatung/Überleitung")
    assert re.search(r"<td>(lose|regelmäßig|eng)</td>", html)  # the intensity in words
    assert not re.search(r"<td[^>]*>[123]</td>", html)


def test_list_is_paginated(as_viewer, actors):
    hub = actors[0]
    for number in range(30):
        make_cooperation(hub, make_actor(f"Partner {number:02d}"), kind="informal")
    first = table(as_viewer.get("/cooperations/?sort=b").text)
    assert "Partner 00" in first and "Partner 29" not in first
    assert "Partner 29" in table(as_viewer.get("/cooperations/?sort=b&page=2").text)


def test_list_runs_a_constant_number_of_queries(as_viewer, count_queries, actors):
    jobcenter, office, counselling = actors
    make_cooperation(jobcenter, office, commitment_ids=[commitment(2).id])
    make_cooperation(office, counselling, commitment_ids=[commitment(3).id])
    with count_queries() as few:
        as_viewer.get("/cooperations/")
    for number in range(22):
        make_cooperation(make_actor(f"Verein {number}"), counselling,
                         commitment_ids=[commitment(number % 10 + 1).id])
    with count_queries() as many:
        as_viewer.get("/cooperations/")
    assert many.count == few.count


def test_unknown_cooperation_is_404(as_viewer):
    assert as_viewer.get("/cooperations/999").status_code == 404
