"""Contributions: list, page, create/edit/delete, validation, conflicts, history on the actor page."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import AuditEntry, Contribution, ContributionStatus
from coordination.services import contributions as contribution_service
from coordination.services.base import ValidationError
from coordination.services.contributions import ContributionValues
from tests.access import assert_viewer_reads_but_cannot_write
from tests.factories import commitment, district_id, make_actor, make_contribution, target_group_id


def contribution_form(lead, **overrides):
    data = {"title": "Sprachcafé Nord", "commitment_id": str(commitment(4).id), "kind": "encounter",
            "status": "active", "lead_actor_id": str(lead.id), "description": "",
            "field_of_action_id": ""}
    data.update(overrides)
    return data


def count_contributions() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Contribution))


@pytest.fixture
def actors(app):
    return (make_actor("Caritasverband"), make_actor("Stadtteilbüro Nord"), make_actor("VHS Teststadt"))


def test_coordinator_creates_a_contribution(as_coordinator, actors):
    lead, partner, _ = actors
    response = as_coordinator.post("/contributions/new", data=contribution_form(
        lead, partner_actor_ids=[str(partner.id)], district_ids=[str(district_id("Altstadt"))],
        target_group_ids=[str(target_group_id("women"))], start_date="2024-02-01"),
        follow_redirects=True)
    assert "Angebot „Sprachcafé Nord“ wurde angelegt." in response.text
    contribution = db.session.scalar(sa.select(Contribution))
    assert contribution.lead.id == lead.id and [a.id for a in contribution.partners] == [partner.id]
    assert contribution.commitment.number == 4 and contribution.start_date == date(2024, 2, 1)
    assert [d.name for d in contribution.districts] == ["Altstadt"]
    assert contribution.created_by.username == "coord"
    # the page links back to the actors and the commitment
    assert f'href="/actors/{lead.id}"' in response.text and f'href="/actors/{partner.id}"' in response.text
    assert "Caritasverband" in response.text and "Begegnung" in response.text


def test_create_from_an_actor_page_preselects_lead_and_commitment(as_coordinator, actors):
    lead = actors[0]
    html = as_coordinator.get(f"/contributions/new?actor_id={lead.id}&commitment=5").text
    assert f'<option selected value="{lead.id}">Caritasverband</option>' in html
    assert f'<option selected value="{commitment(5).id}">5. ' in html
    response = as_coordinator.post(f"/contributions/new?actor_id={lead.id}", data=contribution_form(lead))
    assert response.status_code == 302 and response.headers["Location"] == f"/actors/{lead.id}"


def test_the_actor_page_lists_the_contribution_and_its_history(as_coordinator, actors):
    lead, partner, _ = actors
    as_coordinator.post("/contributions/new", data=contribution_form(lead, partner_actor_ids=[str(partner.id)]))
    html = as_coordinator.get(f"/actors/{lead.id}").text
    assert "Sprachcafé Nord" in html
    assert "Angebot „Sprachcafé Nord“" in html  # history entry
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "contributions"))
    assert entry.actor_ids == [lead.id] and entry.action.value == "create"
    assert entry.changes["lead"] == [None, "Caritasverband"]
    assert entry.changes["kind"] == [None, "Begegnung"]  # readable labels, not stored values
    assert "Sprachcafé Nord" in as_coordinator.get(f"/actors/{partner.id}").text


def test_edit_saves_and_records_readable_changes(as_coordinator, actors):
    lead, partner, other = actors
    contribution = make_contribution("Sprachcafé", lead, partners=[partner])
    page = as_coordinator.get(f"/contributions/{contribution.id}/edit").text
    assert 'value="Sprachcafé"' in page and f'<option selected value="{partner.id}">' in page
    response = as_coordinator.post(f"/contributions/{contribution.id}/edit", data=contribution_form(
        lead, title="Sprachcafé International", kind="counselling", status="planned",
        partner_actor_ids=[str(other.id)], version=str(contribution.version)), follow_redirects=True)
    assert "Änderungen an „Sprachcafé International“ wurden gespeichert." in response.text
    db.session.expire_all()
    contribution = db.session.get(Contribution, contribution.id)
    assert contribution.title == "Sprachcafé International"
    assert contribution.status == ContributionStatus.PLANNED
    assert [a.name for a in contribution.partners] == ["VHS Teststadt"]
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert entry.actor_ids == [lead.id]
    assert entry.changes["title"] == ["Sprachcafé", "Sprachcafé International"]
    assert entry.changes["partners"] == [["Stadtteilbüro Nord"], ["VHS Teststadt"]]
    assert entry.changes["status"] == ["aktiv", "geplant"]
    history = as_coordinator.get(f"/actors/{lead.id}").text
    assert "Sprachcafé International" in history and "geplant" in history


def test_a_change_of_lead_shows_in_both_leads_histories(as_coordinator, actors):
    old_lead, new_lead, _ = actors
    contribution = make_contribution("Elterncafé", old_lead)
    as_coordinator.post(f"/contributions/{contribution.id}/edit", data=contribution_form(
        new_lead, title="Elterncafé", commitment_id=str(commitment(1).id), kind="counselling",
        partner_actor_ids=[str(old_lead.id)], version=str(contribution.version)))
    db.session.expire_all()
    contribution = db.session.get(Contribution, contribution.id)
    assert contribution.lead.id == new_lead.id and [a.id for a in contribution.partners] == [old_lead.id]
    updates = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "update")).all()
    assert {actor_id for entry in updates for actor_id in entry.actor_ids} == {old_lead.id, new_lead.id}
    # the contribution's own history lists the change once
    html = as_coordinator.get(f"/contributions/{contribution.id}").text
    assert html.count("geändert ·") == 1


def test_delete_asks_first_then_deletes(as_coordinator, actors):
    lead = actors[0]
    contribution = make_contribution("Hausaufgabenhilfe", lead)
    page = as_coordinator.get(f"/contributions/{contribution.id}/delete")
    assert "Angebot löschen?" in page.text and count_contributions() == 1
    response = as_coordinator.post(f"/contributions/{contribution.id}/delete",
                                   data={"version": str(contribution.version)}, follow_redirects=True)
    assert "Angebot „Hausaufgabenhilfe“ wurde gelöscht." in response.text
    assert count_contributions() == 0
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "delete")).one()
    assert entry.actor_ids == [lead.id] and entry.changes["title"] == ["Hausaufgabenhilfe", None]
    assert "Hausaufgabenhilfe" in as_coordinator.get(f"/actors/{lead.id}").text  # in the history
    assert as_coordinator.get(f"/contributions/{contribution.id}").status_code == 404


def test_viewer_can_read_but_every_write_route_is_forbidden(as_viewer, actors):
    lead = actors[0]
    contribution = make_contribution("Sprachkurs", lead)
    assert_viewer_reads_but_cannot_write(as_viewer, "contributions", contribution.id, "Sprachkurs",
                                         contribution_form(lead, title="Übernommen"))
    db.session.expire_all()
    assert db.session.get(Contribution, contribution.id).title == "Sprachkurs"


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get("/contributions/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_required_fields_have_german_messages(as_coordinator, actors):
    html = as_coordinator.post("/contributions/new", data=contribution_form(
        actors[0], title="", commitment_id="", kind="", lead_actor_id="")).text
    assert "Dieses Feld wird benötigt." in html  # title
    html = as_coordinator.post("/contributions/new", data=contribution_form(
        actors[0], commitment_id="", kind="", lead_actor_id="")).text
    assert "Bitte wählen Sie eine Selbstverpflichtung." in html
    assert "Bitte wählen Sie eine Art." in html
    assert "Bitte wählen Sie den federführenden Akteur." in html
    assert 'id="lead_actor_id-error"' in html
    assert count_contributions() == 0


def test_end_before_start_is_refused_at_the_end_date(as_coordinator, actors):
    html = as_coordinator.post("/contributions/new", data=contribution_form(
        actors[0], start_date="2024-05-01", end_date="2024-04-30")).text
    assert 'id="end_date-error"' in html and "Das Ende darf nicht vor dem Beginn liegen." in html
    assert count_contributions() == 0


def test_ended_needs_no_end_date_but_not_one_in_the_future(as_coordinator, actors):
    future = (date.today() + timedelta(days=30)).isoformat()
    html = as_coordinator.post("/contributions/new", data=contribution_form(
        actors[0], status="ended", end_date=future)).text
    assert "Ein beendetes Angebot kann kein Ende in der Zukunft haben." in html
    assert count_contributions() == 0
    as_coordinator.post("/contributions/new", data=contribution_form(actors[0], status="ended"))
    assert count_contributions() == 1


def test_lead_cannot_also_be_a_partner(as_coordinator, actors):
    lead = actors[0]
    html = as_coordinator.post("/contributions/new", data=contribution_form(
        lead, partner_actor_ids=[str(lead.id)])).text
    assert 'id="partner_actor_ids-error"' in html
    assert "Der federführende Akteur kann nicht zugleich Partner sein." in html
    assert count_contributions() == 0


def test_unknown_ids_are_refused_at_the_field(as_coordinator, actors):
    html = as_coordinator.post("/contributions/new", data=contribution_form(
        actors[0], lead_actor_id="9999", partner_actor_ids=["9998"])).text
    assert 'id="lead_actor_id-error"' in html and 'id="partner_actor_ids-error"' in html
    assert count_contributions() == 0
    # the service refuses them too (imports and the CLI do not pass through the form)
    with pytest.raises(ValidationError) as error:
        contribution_service.create_contribution(ContributionValues(
            title="X", commitment_id=9999, kind="course", lead_actor_id=9999,
            partner_actor_ids=[9998], district_ids=[9997]), by=None)
    assert set(error.value.errors) == {"commitment_id", "lead_actor_id", "partner_actor_ids",
                                       "district_ids"}
    assert "9998" in error.value.errors["partner_actor_ids"]
    assert count_contributions() == 0


def test_unknown_kind_and_status_are_refused_by_the_service(actors):
    with pytest.raises(ValidationError) as error:
        contribution_service.create_contribution(ContributionValues(
            title="X", commitment_id=commitment(1).id, kind="party", status="maybe",
            lead_actor_id=actors[0].id), by=None)
    assert set(error.value.errors) == {"kind", "status"}


def test_over_long_title_is_refused(as_coordinator, actors):
    html = as_coordinator.post("/contributions/new", data=contribution_form(actors[0], title="x" * 201)).text
    assert 'id="title-error"' in html and "200 Zeichen" in html
    assert count_contributions() == 0
    with pytest.raises(ValidationError) as error:
        make_contribution("x" * 201, actors[0])
    assert "title" in error.value.errors


def test_html_in_title_is_stored_as_text_and_escaped(as_coordinator, actors):
    as_coordinator.post("/contributions/new", data=contribution_form(
        actors[0], title="<b>Kurs</b><script>alert(1)</script>", description="<img src=x onerror=alert(1)>"))
    contribution = db.session.scalar(sa.select(Contribution))
    assert contribution.title == "<b>Kurs</b><script>alert(1)</script>"
    for url in (f"/contributions/{contribution.id}", "/contributions/", f"/actors/{actors[0].id}"):
        html = as_coordinator.get(url).text
        assert "<script>alert(1)</script>" not in html and "<img src=x" not in html, url
        assert "&lt;b&gt;Kurs&lt;/b&gt;&lt;script&gt;" in html, url


def test_stale_form_is_refused_and_nothing_is_overwritten(as_coordinator, actors):
    lead = actors[0]
    contribution = make_contribution("Sprachcafé", lead)
    old_version = contribution.version
    # someone else saves first (only a partner changes: the version must still grow)
    contribution_service.update_contribution(contribution, ContributionValues(
        title="Sprachcafé", commitment_id=commitment(1).id, kind="counselling", lead_actor_id=lead.id,
        partner_actor_ids=[actors[1].id]), version=old_version, by=None)
    assert contribution.version > old_version
    html = as_coordinator.post(f"/contributions/{contribution.id}/edit", data=contribution_form(
        lead, title="Meine Fassung", version=str(old_version))).text
    assert "Der Datensatz wurde inzwischen von jemand anderem geändert." in html
    db.session.expire_all()
    contribution = db.session.get(Contribution, contribution.id)
    assert contribution.title == "Sprachcafé" and [a.id for a in contribution.partners] == [actors[1].id]
    # a stale delete is refused as well
    as_coordinator.post(f"/contributions/{contribution.id}/delete", data={"version": str(old_version)})
    assert count_contributions() == 1


def test_list_filters_and_sorts(as_viewer, actors):
    lead, partner, other = actors
    make_contribution("Alpha-Kurs", lead, commitment_number=5, kind="course",
                      district_ids=[district_id("Altstadt")])
    make_contribution("Beta-Beratung", other, commitment_number=6, kind="counselling",
                      partners=[partner], status="planned")
    make_contribution("Gamma-Treff", other, commitment_number=7, kind="encounter", whole_commune=True)

    def titles(query: str) -> list[str]:
        html = as_viewer.get(f"/contributions/?{query}").text
        return [t for t in ("Alpha-Kurs", "Beta-Beratung", "Gamma-Treff") if f">{t}</a>" in html]

    assert titles("commitment=5") == ["Alpha-Kurs"]
    assert titles("status=planned") == ["Beta-Beratung"]
    assert titles("kind=encounter") == ["Gamma-Treff"]
    assert titles(f"district={district_id('Altstadt')}") == ["Alpha-Kurs", "Gamma-Treff"]
    assert titles(f"actor={partner.id}") == ["Beta-Beratung"]
    assert titles("q=beratung") == ["Beta-Beratung"]
    assert titles("commitment=abc&status=nonsense") == ["Alpha-Kurs", "Beta-Beratung", "Gamma-Treff"]
    html = as_viewer.get("/contributions/?sort=-commitment").text
    assert html.index("Gamma-Treff") < html.index("Beta-Beratung") < html.index("Alpha-Kurs")


def test_list_is_paginated(as_viewer, actors):
    for number in range(30):
        make_contribution(f"Angebot {number:02d}", actors[0])
    first = as_viewer.get("/contributions/?sort=title").text
    assert "Angebot 00" in first and "Angebot 29" not in first
    assert "Angebot 29" in as_viewer.get("/contributions/?sort=title&page=2").text


def test_list_runs_a_constant_number_of_queries(as_viewer, count_queries, actors):
    lead, partner, _ = actors
    for number in range(3):
        make_contribution(f"Angebot {number}", lead, partners=[partner],
                          district_ids=[district_id("Altstadt")])
    with count_queries() as few:
        as_viewer.get("/contributions/")
    for number in range(3, 25):
        extra = make_actor(f"Partner {number}")
        make_contribution(f"Angebot {number}", extra, commitment_number=number % 10 + 1,
                          partners=[partner], district_ids=[district_id("Nordviertel")])
    with count_queries() as many:
        as_viewer.get("/contributions/")
    assert many.count == few.count


def test_unknown_contribution_is_404(as_viewer):
    assert as_viewer.get("/contributions/999").status_code == 404
