"""The lists: sorting by every column, downloads as XLSX and CSV with the current filters (read
back), the bulk edit of actors and offers with one history entry per record."""
import csv
import io
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor, AuditEntry, Contribution
from coordination.models.audit import AuditEntryActor
from tests import factories


@pytest.fixture
def actors(app):
    jobcenter = factories.make_actor("Jobcenter Teststadt", "jobcenter", district_ids=[factories.district_id("Nordviertel")])
    caritas = factories.make_actor("Caritasverband", "welfare", whole_commune=True)
    evil = factories.make_actor("=HYPERLINK(\"http://böse.example\")", "association",
                      district_ids=[factories.district_id("Altstadt")])
    mso = factories.make_actor("Türkischer Elternverein", "mso", district_ids=[factories.district_id("Altstadt")])
    factories.make_contribution("Sprachcafé", mso, 4)
    factories.make_contribution("Elterncafé", mso, 5)
    factories.make_cooperation(mso, caritas)
    return {"jobcenter": jobcenter, "caritas": caritas, "evil": evil, "mso": mso}


def listed(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>")[0]
    return [row.split("/edit")[0].split('">', 1)[1].split("</a>")[0]
            for row in body.split('href="/actors/')[1:] if "/" not in row.split('"')[0]]


@pytest.mark.parametrize("sort,first", [
    ("name", "=HYPERLINK(&#34;http://böse.example&#34;)"), ("-name", "Türkischer Elternverein"),
    ("districts", "Caritasverband"), ("-contributions", "Türkischer Elternverein"),
    ("-cooperations", "Caritasverband"), ("type", "Jobcenter Teststadt"),
])
def test_the_actor_list_sorts_by_every_column(as_viewer, actors, sort, first):
    html = as_viewer.get(f"/actors/?sort={sort}").text
    assert listed(html)[0] == first
    assert f"sort={sort.lstrip('-')}" in html or f"sort=-{sort}" in html


def test_actor_list_downloads_keep_the_filters_and_escape_formulas(as_viewer, actors):
    page = as_viewer.get(f"/actors/?district={factories.district_id('Altstadt')}&sort=-name").text
    assert "/actors/export.xlsx?" in page and "Excel (XLSX)" in page
    response = as_viewer.get(f"/actors/export.xlsx?district={factories.district_id('Altstadt')}&sort=-name")
    assert response.status_code == 200
    assert f'filename="akteure-{date.today().isoformat()}.xlsx"' in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header, rows = rows[0], rows[1:]
    assert header[:3] == ["Name", "Typ", "migrantisch geführt (MSO)"]
    # the filter (Altstadt, whole commune counts too) and the order (name descending)
    assert [row[0] for row in rows] == ["Türkischer Elternverein", "Caritasverband",
                                        "'=HYPERLINK(\"http://böse.example\")"]
    assert rows[0][2] == "ja" and rows[0][header.index("Angebote")] == 2
    csv_response = as_viewer.get(f"/actors/export.csv?district={factories.district_id('Altstadt')}&mso=yes")
    assert csv_response.headers["Content-Type"] == "text/csv; charset=utf-8"
    text = csv_response.data.decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[0] for row in parsed[1:]] == ["Türkischer Elternverein"]
    assert as_viewer.get("/actors/export.pdf").status_code == 404


def bulk_edit_all_matches(client, area: str, query: str, matching: int, **changes):
    """Post the bulk edit of `area` ("actors", "contributions") for every record the list's
    filters `query` match, as the list said there were `matching`; the page it ends on."""
    return client.post(f"/{area}/bulk", data={
        "all_matching": "y", "matching": str(matching), "query": query,
        "districts_mode": "add", "target_groups_mode": "add", **changes}, follow_redirects=True)


def test_coordinator_bulk_edits_twenty_actors_with_one_history_entry_each(as_coordinator, actors):
    many = [factories.make_actor(f"Verein {i:02d}", "association") for i in range(20)]
    before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    response = as_coordinator.post("/actors/bulk", data={
        "selected": [str(a.id) for a in many], "district_ids": [str(factories.district_id("Nordviertel"))],
        "districts_mode": "add", "target_group_ids": [str(factories.target_group_id("women"))],
        "target_groups_mode": "replace", "status": "dormant", "reviewed_today": "y",
        "query": "q=Verein&sort=-name"}, follow_redirects=False)
    assert response.status_code == 302 and response.headers["Location"].endswith("/actors/?q=Verein&sort=-name")
    page = as_coordinator.get(response.headers["Location"]).text
    assert "20 Akteure wurden geändert." in page
    db.session.expire_all()
    for actor in many:
        actor = db.session.get(Actor, actor.id)
        assert [d.name for d in actor.districts] == ["Nordviertel"]
        assert [t.key for t in actor.target_groups] == ["women"]
        assert actor.status.value == "dormant" and actor.last_reviewed == date.today()
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.id > 0).order_by(AuditEntry.id)).all()
    assert len(entries) - before == 20
    entry = entries[-1]
    assert set(entry.changes) == {"districts", "target_groups", "status", "last_reviewed"}
    linked = db.session.scalars(sa.select(AuditEntryActor.actor_id).where(
        AuditEntryActor.audit_entry_id.in_([e.id for e in entries[-20:]]))).all()
    assert sorted(linked) == sorted(a.id for a in many)
    # the untouched actors stay as they were
    assert db.session.get(Actor, actors["caritas"].id).status.value == "active"


def test_all_matches_of_the_filter_across_two_pages_are_bulk_edited(as_coordinator, actors):
    """30 actors match the filter; the list shows 25 a page. "Alle 30 Treffer" edits every one of
    them (one history entry each) and nothing outside the filter."""
    many = [factories.make_actor(f"Sportverein {i:02d}", "association") for i in range(30)]
    page = as_coordinator.get("/actors/?q=Sportverein").text
    assert "Alle 30 Treffer der aktuellen Filter auswählen" in page
    assert page.count('name="selected"') == 25  # the first page only
    before = db.session.scalar(sa.select(sa.func.max(AuditEntry.id)))
    response = bulk_edit_all_matches(as_coordinator, "actors", "q=Sportverein", 30, status="dormant",
                                     reviewed_today="y")
    assert "30 Akteure wurden geändert." in response.text
    db.session.expire_all()
    assert {db.session.get(Actor, actor.id).status.value for actor in many} == {"dormant"}
    assert db.session.get(Actor, actors["caritas"].id).status.value == "active"
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.id > before)).all()
    assert len(entries) == 30 and all(set(e.changes) == {"status", "last_reviewed"} for e in entries)
    assert sorted(e.entity_id for e in entries) == sorted(actor.id for actor in many)


def test_all_matches_are_not_edited_when_the_list_changed_meanwhile(as_coordinator, actors):
    many = [factories.make_actor(f"Sportverein {i:02d}", "association") for i in range(3)]
    response = bulk_edit_all_matches(as_coordinator, "actors", "q=Sportverein", 2, status="dormant")
    assert "Die Filter treffen jetzt 3 Einträge. Es wurde nichts geändert" in response.text
    db.session.expire_all()
    assert {db.session.get(Actor, actor.id).status.value for actor in many} == {"active"}


def test_all_matching_offers_are_bulk_edited(as_coordinator, actors):
    offers = [factories.make_contribution(f"Sprachkurs {i:02d}", actors["mso"], 5) for i in range(27)]
    response = bulk_edit_all_matches(as_coordinator, "contributions", "q=Sprachkurs", 27, status="ended")
    assert "27 Angebote wurden geändert." in response.text
    db.session.expire_all()
    assert {db.session.get(Contribution, offer.id).status.value for offer in offers} == {"ended"}
    others = db.session.scalars(sa.select(Contribution.status).where(
        Contribution.title.in_(["Sprachcafé", "Elterncafé"]))).all()
    assert {status.value for status in others} != {"ended"}


def test_bulk_edit_refuses_nonsense_and_viewers(as_coordinator, as_viewer, actors):
    response = as_coordinator.post("/actors/bulk", data={"selected": [], "status": "dormant"},
                                   follow_redirects=True)
    assert "Bitte wählen Sie mindestens einen Eintrag aus." in response.text
    response = as_coordinator.post("/actors/bulk", data={"selected": [str(actors["mso"].id)]},
                                   follow_redirects=True)
    assert "Bitte geben Sie an, was geändert werden soll." in response.text
    response = as_coordinator.post("/actors/bulk", data={
        "selected": [str(actors["mso"].id), "99999"], "status": "dormant"}, follow_redirects=True)
    assert "Einige der ausgewählten Einträge gibt es nicht mehr." in response.text
    assert db.session.get(Actor, actors["mso"].id).status.value == "active"  # nothing half-saved
    assert as_viewer.post("/actors/bulk", data={"selected": [str(actors["mso"].id)],
                                                "status": "dormant"}).status_code == 403
    assert "bulk-actors" not in as_viewer.get("/actors/").text


def sheet_rows(response) -> list[list]:
    assert response.status_code == 200
    return [[cell.value for cell in row] for row in openpyxl.load_workbook(io.BytesIO(response.data)).active.iter_rows()]


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))


def test_offer_cooperation_and_body_lists_download_with_their_filters(as_viewer, actors):
    factories.make_contribution("Beratung im Jobcenter", actors["jobcenter"], 6, status="planned")
    rows = sheet_rows(as_viewer.get("/contributions/export.xlsx?status=active&sort=-title"))
    assert rows[0][:4] == ["Titel", "Nr.", "Selbstverpflichtung", "Federführend"]
    assert [row[0] for row in rows[1:]] == ["Sprachcafé", "Elterncafé"]  # the planned one filtered out
    assert rows[1][3] == "Türkischer Elternverein"
    rows = csv_rows(as_viewer.get("/contributions/export.csv?q=elterncafe"))
    assert [row[0] for row in rows[1:]] == ["Elterncafé"]

    factories.make_cooperation(actors["jobcenter"], actors["evil"], kind="referral")
    rows = sheet_rows(as_viewer.get("/cooperations/export.xlsx?kind=referral"))
    assert rows[0][:3] == ["Akteur A", "Akteur B", "Art"] and len(rows) == 2
    assert "'=HYPERLINK(\"http://böse.example\")" in rows[1][:2]  # escaped, not a formula

    body = factories.make_body("Runder Tisch Integration", lead=actors["caritas"])
    factories.add_member(body, actors["mso"])
    factories.make_body("Arbeitskreis Sprache", kind="working_group", active=False)
    rows = csv_rows(as_viewer.get("/bodies/export.csv?active=yes"))
    assert rows == [["Name", "Art", "federführend", "Mitglieder", "Status"],
                    ["Runder Tisch Integration", "Runder Tisch", "Caritasverband", "2", "aktiv"]]
    html = as_viewer.get("/bodies/?sort=-members").text
    assert html.index("Runder Tisch Integration") < html.index("Arbeitskreis Sprache")
    assert 'href="/bodies/export.xlsx?sort=-members"' in html


def test_findings_list_downloads_with_its_filter(as_viewer, actors):
    rows = sheet_rows(as_viewer.get("/analysis/export.xlsx?severity=hoch"))
    assert len(rows) > 1 and {row[0] for row in rows[1:]} == {"hoch"}  # first column: the severity
    everything = sheet_rows(as_viewer.get("/analysis/export.xlsx"))
    assert len(everything) > len(rows)


def test_offer_list_sorts_by_lead_partners_and_districts(as_viewer, actors):
    factories.make_contribution("Jobcoaching", actors["jobcenter"], 6, partners=[actors["caritas"]],
                      district_ids=[factories.district_id("Nordviertel")])
    html = as_viewer.get("/contributions/?sort=lead").text
    assert html.index("Jobcoaching") < html.index("Sprachcafé")  # Jobcenter before Türkischer
    html = as_viewer.get("/contributions/?sort=partners").text
    assert html.index("Jobcoaching") < html.index("Sprachcafé")  # offers without partners last
    html = as_viewer.get("/contributions/?sort=-districts").text
    assert html.index("Jobcoaching") > html.index("Sprachcafé")  # no district (~) sorts last, so first descending
    html = as_viewer.get("/cooperations/?sort=commitments").text
    assert "sort=-commitments" in html


def test_coordinator_bulk_edits_offers(as_coordinator, actors):
    offers = db.session.scalars(sa.select(Contribution)).all()
    response = as_coordinator.post("/contributions/bulk", data={
        "selected": [str(c.id) for c in offers], "status": "ended", "district_ids": [str(factories.district_id("Altstadt"))],
        "districts_mode": "replace", "target_groups_mode": "add"}, follow_redirects=True)
    assert "2 Angebote wurden geändert." in response.text
    db.session.expire_all()
    for offer in db.session.scalars(sa.select(Contribution)):
        assert offer.status.value == "ended" and [d.name for d in offer.districts] == ["Altstadt"]
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity_type == "contributions",
                                                             AuditEntry.action == "update")).all()
    assert len(entries) == 2 and all(set(e.changes) == {"status", "districts"} for e in entries)
    assert all(actors["mso"].id in e.actor_ids for e in entries)  # in the lead's history
