"""The read API /api/v1/: access (session, tokens), lists and filters, no contact persons."""
import json

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import ApiToken, AuditEntry, FieldOfAction, Language
from coordination.models.analysis import FindingAcceptance
from coordination.queries.analysis import current_analysis
from coordination.services import actors as actor_service
from coordination.services import api_tokens
from coordination.services.actors import ContactValues
from tests import factories

CONTACT = {"name": "Kontakt Geheimname", "email": "geheim.kontakt@example.org", "phone": "0171 999888",
           "role": "Leitung Geheimrolle"}
LIST_ENDPOINTS = ["/api/v1/actors", "/api/v1/contributions", "/api/v1/cooperations", "/api/v1/bodies",
                  "/api/v1/findings"]


@pytest.fixture
def commune(app, user):
    admin = user("admin")
    jobcenter = factories.make_actor("Jobcenter Teststadt", "jobcenter", by=admin, district_ids=[factories.district_id("Altstadt")],
                           email="info@jobcenter.example", phone="0800 123")
    mso = factories.make_actor("Deutsch-Syrischer Verein", "mso", by=admin, migrant_led=True,
                     target_group_ids=[factories.target_group_id("refugees")], district_ids=[factories.district_id("Südstadt")])
    vhs = factories.make_actor("VHS Teststadt", "education_provider", by=admin, whole_commune=True)
    office = factories.make_actor("Integrationsbüro", "administration", by=admin, municipal=True)
    for actor in (jobcenter, mso, vhs, office):
        actor_service.add_contact(actor, ContactValues(**CONTACT), by=admin)
    factories.make_contribution("Sprachcafé", mso, 4, kind="encounter", partners=[vhs], by=admin)
    factories.make_contribution("Berufssprachkurs", vhs, 6, kind="course", by=admin)
    factories.make_cooperation(jobcenter, vhs, kind="referral", by=admin)
    factories.make_cooperation(mso, office, kind="informal", by=admin)
    body = factories.make_body("Runder Tisch Integration", lead=office, by=admin)
    factories.add_member(body, mso, role="Mitglied", by=admin)
    factories.add_member(body, jobcenter, role="Mitglied", by=admin)
    return {"jobcenter": jobcenter, "mso": mso, "vhs": vhs, "office": office, "body": body}


def token_for(user, name="Test"):
    _row, token = api_tokens.create_token(user, name, by=user)
    return token


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


# --- access --------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/actors", "/api/v1/actors/1", "/api/v1/contributions",
                                  "/api/v1/cooperations", "/api/v1/bodies", "/api/v1/coverage",
                                  "/api/v1/findings", "/api/v1/network", "/api/v1/openapi.json"])
def test_anonymous_requests_get_401_json(commune, client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response.is_json and response.get_json()["error"] == "Unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_viewer_token_reads(commune, client, user):
    response = client.get("/api/v1/actors", headers=bearer(token_for(user("viewer"))))
    assert response.status_code == 200
    assert response.get_json()["total"] == 4


def test_unknown_and_malformed_tokens_get_401(commune, client):
    assert client.get("/api/v1/actors", headers=bearer("inw_nicht-echt")).status_code == 401
    assert client.get("/api/v1/actors", headers=bearer("irgendwas")).status_code == 401
    assert client.get("/api/v1/actors", headers={"Authorization": "Basic dXNlcjpwdw=="}).status_code == 401


def test_revoked_token_gets_401(commune, client, user):
    viewer = user("viewer")
    token = token_for(viewer)
    assert client.get("/api/v1/actors", headers=bearer(token)).status_code == 200
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == viewer.id))
    api_tokens.revoke_token(row, by=viewer)
    assert client.get("/api/v1/actors", headers=bearer(token)).status_code == 401


def test_token_of_a_deactivated_user_gets_401(commune, client, user):
    viewer = user("viewer")
    token = token_for(viewer)
    viewer.active = False
    db.session.commit()
    assert client.get("/api/v1/actors", headers=bearer(token)).status_code == 401


def test_token_does_not_open_the_web_pages(commune, client, user):
    response = client.get("/actors/", headers=bearer(token_for(user("admin"))))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_session_login_works(commune, as_viewer):
    response = as_viewer.get("/api/v1/actors")
    assert response.status_code == 200 and response.is_json


def test_tokens_are_stored_hashed_and_use_is_noted(commune, client, user):
    token = token_for(user("coord"))
    row = db.session.scalar(sa.select(ApiToken))
    assert token not in (row.token_hash, row.prefix) and len(row.token_hash) == 64
    assert row.last_used_at is None
    client.get("/api/v1/actors", headers=bearer(token))
    db.session.refresh(row)
    assert row.last_used_at is not None


# --- token management ----------------------------------------------------------------------------

def test_account_page_creates_shows_once_and_revokes_tokens(commune, as_viewer):
    page = as_viewer.get("/account").get_data(as_text=True)
    assert "API-Tokens" in page and "noch keine API-Tokens" in page
    form = page.split('action="/account/api-tokens/"')[1].split("</form>")[0]
    assert '<label class="form-label" for="api-token-name">Name des neuen Tokens</label>' in form
    assert 'id="api-token-name"' in form and 'name="name"' in form and "required" in form
    response = as_viewer.post("/account/api-tokens/", data={"name": "Sozialplanung"})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "nur dieses eine Mal angezeigt" in text
    row = db.session.scalar(sa.select(ApiToken))
    token = text.split('id="new-token" value="')[1].split('"')[0]
    assert api_tokens.token_hash(token) == row.token_hash
    page = as_viewer.get("/account").get_data(as_text=True)
    assert "Sozialplanung" in page and token not in page
    response = as_viewer.post(f"/account/api-tokens/{row.id}/revoke")
    assert response.status_code == 302
    db.session.refresh(row)
    assert row.revoked_at is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.entity_type == "api_tokens")) == 2


def test_token_needs_a_name(commune, as_viewer):
    response = as_viewer.post("/account/api-tokens/", data={"name": "  "}, follow_redirects=True)
    assert "Bitte geben Sie dem Token einen Namen" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_users_cannot_revoke_tokens_of_others(commune, as_viewer, user):
    token_for(user("admin"))
    row = db.session.scalar(sa.select(ApiToken))
    assert as_viewer.post(f"/account/api-tokens/{row.id}/revoke").status_code == 404
    db.session.refresh(row)
    assert row.revoked_at is None


def test_cli_create_token(commune, runner, client):
    result = runner.invoke(args=["create-token", "viewer", "--name", "Skript"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[0]
    assert token.startswith("inw_")
    assert "API-Token „Skript“ für viewer (Lesezugriff) erstellt." in result.output  # not "(viewer)"
    assert client.get("/api/v1/actors", headers=bearer(token)).status_code == 200
    result = runner.invoke(args=["create-token", "niemand"])
    assert result.exit_code == 1 and "keinen Benutzer" in result.output


# --- content -------------------------------------------------------------------------------------

@pytest.fixture
def api(commune, client, user):
    headers = bearer(token_for(user("admin")))  # admins see contact persons in the UI, never here

    def get(path, status=200):
        response = client.get(path, headers=headers)
        assert response.status_code == status, response.get_data(as_text=True)
        assert response.is_json
        return response.get_json()

    return get


def test_actor_list_filters(api, commune):
    assert api("/api/v1/actors?mso=true")["items"][0]["name"] == "Deutsch-Syrischer Verein"
    assert api("/api/v1/actors?mso=false")["total"] == 3
    assert [a["name"] for a in api("/api/v1/actors?type=jobcenter")["items"]] == ["Jobcenter Teststadt"]
    by_id = api(f"/api/v1/actors?type={commune['vhs'].type_id}")
    assert [a["name"] for a in by_id["items"]] == ["VHS Teststadt"]
    # district filter includes actors working in the whole commune
    assert {a["name"] for a in api(f"/api/v1/actors?district={factories.district_id('Altstadt')}")["items"]} == {
        "Jobcenter Teststadt", "VHS Teststadt"}
    assert {a["name"] for a in api("/api/v1/actors?commitment=4")["items"]} == {
        "Deutsch-Syrischer Verein", "VHS Teststadt"}
    assert api("/api/v1/actors?status=dissolved")["total"] == 0
    assert api("/api/v1/actors?q=syrisch")["total"] == 1


def test_bad_parameters_get_400_json(api):
    for query in ("per_page=1001", "per_page=0", "page=x", "status=verschwunden", "mso=vielleicht",
                  "type=unbekannt", "commitment=42"):
        body = api(f"/api/v1/actors?{query}", status=400)
        assert body["error"] == "Bad Request" and body["message"]


def test_pagination(api):
    first = api("/api/v1/actors?per_page=3")
    assert (first["total"], first["page"], first["per_page"], len(first["items"])) == (4, 1, 3, 3)
    second = api("/api/v1/actors?per_page=3&page=2")
    assert len(second["items"]) == 1
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert api("/api/v1/actors?per_page=1000")["per_page"] == 1000
    assert api("/api/v1/actors?page=9")["items"] == []


def test_actor_list_gives_each_actors_lists_as_its_own_page_does(api, app, user, count_queries):
    """The list reads the actors' districts, target groups, fields of action and languages for
    the whole page at once: each actor reads as at /actors/<id>, in the same order, and a longer
    page costs no more queries."""
    factories.make_actor("Vielsprachiger Verein", "mso", by=user("admin"), migrant_led=True,
               district_ids=[factories.district_id("Südstadt"), factories.district_id("Altstadt")],
               target_group_ids=[factories.target_group_id("refugees"), factories.target_group_id("women")],
               field_of_action_ids=list(db.session.scalars(sa.select(FieldOfAction.id).limit(2))),
               language_ids=list(db.session.scalars(sa.select(Language.id).limit(3))))
    listed = api("/api/v1/actors?per_page=100")["items"]
    lists = ("districts", "target_groups", "fields_of_action", "languages")
    for item in listed:
        detail = api(f"/api/v1/actors/{item['id']}")
        assert {key: detail[key] for key in item} == item
    many = next(item for item in listed if item["name"] == "Vielsprachiger Verein")
    assert [d["name"] for d in many["districts"]] == ["Altstadt", "Südstadt"]
    assert all(len(many[name]) >= 2 for name in lists)
    app.config["PAGE_CACHE"] = False  # the queries of rendering, not of the page store
    with count_queries() as one:
        api("/api/v1/actors?per_page=1")
    with count_queries() as all_of_them:
        api("/api/v1/actors?per_page=100")
    assert all_of_them.count == one.count


def test_actor_detail(api, commune):
    actor = api(f"/api/v1/actors/{commune['vhs'].id}")
    assert actor["name"] == "VHS Teststadt" and actor["whole_commune"] is True
    assert {c["title"] for c in actor["contributions"]} == {"Sprachcafé", "Berufssprachkurs"}
    assert [c["partner"]["name"] for c in actor["cooperations"]] == ["Jobcenter Teststadt"]
    office = api(f"/api/v1/actors/{commune['office'].id}")
    assert office["bodies"] == [  # the lead is a member too
        {"id": commune["body"].id, "name": "Runder Tisch Integration", "role": "federführend", "lead": False},
        {"id": commune["body"].id, "name": "Runder Tisch Integration", "role": "", "lead": True}]
    assert api("/api/v1/actors/99999", status=404)["error"] == "Not Found"


def test_contributions_cooperations_bodies(api, commune):
    contributions = api("/api/v1/contributions?commitment=4")
    assert contributions["total"] == 1
    item = contributions["items"][0]
    assert item["lead"]["name"] == "Deutsch-Syrischer Verein"
    assert [p["name"] for p in item["partners"]] == ["VHS Teststadt"]
    assert api(f"/api/v1/contributions?actor={commune['vhs'].id}")["total"] == 2
    cooperations = api("/api/v1/cooperations?kind=referral")
    assert cooperations["total"] == 1 and cooperations["items"][0]["active"] is True
    assert api("/api/v1/cooperations?active=true")["total"] == 2
    bodies = api("/api/v1/bodies")
    assert bodies["items"][0]["lead_actor"]["name"] == "Integrationsbüro"
    assert {m["actor"]["name"] for m in bodies["items"][0]["members"]} == {
        "Deutsch-Syrischer Verein", "Jobcenter Teststadt", "Integrationsbüro"}  # the lead is a member


def test_coverage(api):
    coverage = api("/api/v1/coverage")
    by_number = {item["commitment"]: item for item in coverage["items"]}
    assert set(by_number) == set(range(1, 11))
    assert by_number[4]["contributions"] == 1 and by_number[4]["actors"] == 2
    assert by_number[1]["contributions"] == 0


def test_network_nodes_carry_metrics(api, commune):
    network = api("/api/v1/network")
    assert {node["id"] for node in network["nodes"]} == {a.id for k, a in commune.items() if k != "body"}
    node = next(n for n in network["nodes"] if n["id"] == commune["vhs"].id)
    assert {"id", "name", "type", "migrant_led", "municipal", "metrics"} <= set(node)
    assert set(node["metrics"]) == {"degree", "betweenness", "articulation_point", "community", "constraint"}
    assert len(network["edges"]) == 2


def test_findings_shape(api):
    findings = api("/api/v1/findings?per_page=1000")
    assert findings["total"] == len(findings["items"]) > 0
    for item in findings["items"]:
        assert set(item) >= {"rule", "severity", "commitment", "title", "detail", "actors", "districts",
                             "status"}
        assert item["status"] in ("open", "accepted")
    assert any(item["rule"] == "commitment-uncovered" for item in findings["items"])
    isolated = [item for item in findings["items"] if item["rule"] == "actor-isolated"]
    assert all(isinstance(name, str) for item in isolated for name in item["actors"])
    # entries to check (Datenpflege) are marked, whatever their rule
    assert all(item["upkeep"] is (item["rule"] == "stale-entry" or item in isolated
                                  and "weder ein aktives Angebot" in item["detail"])
               for item in findings["items"])
    uncovered = api("/api/v1/findings?rule=commitment-uncovered")["items"]
    assert uncovered and all(item["rule"] == "commitment-uncovered" for item in uncovered)


def test_contact_persons_never_leave_through_the_api(api, commune):
    paths = ["/api/v1/", "/api/v1/openapi.json", "/api/v1/coverage", "/api/v1/network",
             "/api/v1/actors?per_page=1000", "/api/v1/contributions", "/api/v1/cooperations",
             "/api/v1/bodies"]
    paths += [f"/api/v1/actors/{actor.id}" for key, actor in commune.items() if key != "body"]
    for path in paths:
        text = json.dumps(api(path), ensure_ascii=False)
        for value in CONTACT.values():
            assert value not in text, (path, value)
        assert "contact" not in text.lower() or path.endswith("openapi.json"), path


def test_openapi_lists_every_route(api, app):
    document = api("/api/v1/openapi.json")
    assert document["openapi"].startswith("3.1")
    documented = set(document["paths"])
    routes = {rule.rule.removeprefix("/api/v1").replace("<int:actor_id>", "{actor_id}")
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")}
    assert routes == documented
    for path, item in document["paths"].items():
        assert item["get"]["responses"]["200"], path
    assert set(api("/api/v1/")["endpoints"]) == documented


def test_api_is_read_only(api, commune, client, user):
    headers = bearer(token_for(user("admin"), "zweites"))
    assert client.post("/api/v1/actors", headers=headers).status_code == 405
    assert client.delete(f"/api/v1/actors/{commune['vhs'].id}", headers=headers).status_code == 405


def test_findings_filters(api):
    assert api("/api/v1/findings?severity=hoch")["items"]
    assert all(item["severity"] == "hoch" for item in api("/api/v1/findings?severity=hoch")["items"])
    assert api("/api/v1/findings?rule=nicht-da", status=400)["error"] == "Bad Request"
    assert api("/api/v1/findings?status=accepted")["total"] == 0


def test_accepted_findings_are_marked(api):
    finding = current_analysis().findings[0]
    db.session.add(FindingAcceptance(fingerprint=finding.fingerprint, rule=finding.rule,
                                     commitment_number=finding.commitment, title=str(finding.title),
                                     reason="bewusst so entschieden"))
    db.session.commit()
    accepted = api("/api/v1/findings?status=accepted")["items"]
    assert [(item["rule"], item["title"]) for item in accepted] == [(finding.rule, str(finding.title))]
