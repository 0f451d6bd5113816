"""The Integrationskonzept: measures with Handlungsfeld, goal, indicator of success, partners,
period, resources and funding; the concept's own texts; the Bausteine document."""
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import AuditEntry, Commitment, FieldOfAction, Measure


def _commitment(number):
    return db.session.scalar(sa.select(Commitment).where(Commitment.number == number))


def _field(key):
    return db.session.scalar(sa.select(FieldOfAction).where(FieldOfAction.key == key))


MEASURE_FORM = {
    "text": "Sprechstunde der Wirtschaftsförderung für Gründer:innen mit Einwanderungsgeschichte",
    "status": "agreed", "goal": "Mehr Gründungen, die länger als drei Jahre bestehen",
    "success_indicator": "40 Beratungen im Jahr", "partners": "IHK, Türkischer Unternehmerverein",
    "start_date": "2027-01-01", "due_date": "2028-12-31", "resources": "0,25 Stelle",
    "funding": "ESF Plus", "responsible": "Wirtschaftsförderung",
}


def test_measure_form_keeps_the_concept_fields_and_the_list_shows_them(as_coordinator, as_viewer):
    data = {**MEASURE_FORM, "commitment_id": _commitment(8).id,
            "field_of_action_id": _field("economy").id}
    assert as_coordinator.post("/analysis/measures/new", data=data).status_code == 302
    measure = db.session.scalars(sa.select(Measure)).one()
    assert measure.field_of_action.name == "Wirtschaft & Gründung"
    assert (measure.goal, measure.success_indicator, measure.partners, measure.resources,
            measure.funding) == ("Mehr Gründungen, die länger als drei Jahre bestehen",
                                 "40 Beratungen im Jahr", "IHK, Türkischer Unternehmerverein",
                                 "0,25 Stelle", "ESF Plus")
    assert measure.start_date.isoformat() == "2027-01-01"
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity_type == "measures")).one()
    assert entry.changes["field_of_action"] == [None, "Wirtschaft & Gründung"]
    assert entry.changes["funding"] == [None, "ESF Plus"]

    page = as_viewer.get("/analysis/measures").get_data(as_text=True)
    assert "Wirtschaft &amp; Gründung" in page
    assert "01.01.2027 bis 31.12.2028" in page
    assert "Ziel: Mehr Gründungen" in page

    edit = as_coordinator.get(f"/analysis/measures/{measure.id}/edit").get_data(as_text=True)
    assert "ESF Plus" in edit and "40 Beratungen im Jahr" in edit


def test_measure_period_must_not_end_before_it_starts(as_coordinator):
    data = {**MEASURE_FORM, "commitment_id": _commitment(8).id, "start_date": "2028-01-01",
            "due_date": "2027-01-01"}
    response = as_coordinator.post("/analysis/measures/new", data=data)
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Measure)) == 0


def test_concept_texts_are_edited_by_coordinators_and_read_by_viewers(as_coordinator, as_viewer):
    assert as_viewer.get("/concept/edit").status_code == 403
    assert "Noch nicht geschrieben." in as_viewer.get("/concept/").get_data(as_text=True)
    response = as_coordinator.post("/concept/edit", data={
        "mandate": "Der Stadtrat hat am 12.03.2026 (Drucksache 2026/041) beschlossen …",
        "vision": "Teststadt ist eine Stadt für alle.",
        "guiding_goals": "- Teilhabe in allen Lebensbereichen\n\n• Chancengleiche Bildung\n",
        "evaluation": "Jährlicher Bericht an den Integrationsrat.", "next_update": "2028-06-30",
        "version": ""})
    assert response.status_code == 302
    page = as_viewer.get("/concept/").get_data(as_text=True)
    assert "Drucksache 2026/041" in page
    assert "<li>Teilhabe in allen Lebensbereichen</li><li>Chancengleiche Bildung</li>" in page
    assert "Nächste Fortschreibung: 30.06.2028." in page
    from coordination.models import ConceptTexts
    texts = db.session.scalars(sa.select(ConceptTexts)).one()
    stale = as_coordinator.post("/concept/edit", data={"vision": "Anders", "version": str(texts.version + 5)})
    assert "von jemand anderem geändert" in stale.get_data(as_text=True)
