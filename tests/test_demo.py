"""The demo commune Musterstadt: deterministic, realistic, with the deliberate gaps in place,
loadable through the set-up form, `setup --demo` and `seed-demo` (which refuses a second run)."""
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
import pytest
import sqlalchemy as sa

from coordination import demo, reference_data
from coordination.analysis import analyse
from coordination.extensions import db
from coordination.models.actors import Actor, ContactPerson, actor_districts, actor_target_groups
from coordination.models.audit import AuditEntry
from coordination.models.commune import Commitment
from coordination.models.contributions import (
    Contribution,
    ContributionParticipant,
    contribution_districts,
    contribution_target_groups,
)
from coordination.models.cooperations import Body, BodyMembership, Cooperation, cooperation_commitments
from coordination.models.enums import ActorStatus, BodyKind, CommuneKind, ContributionStatus
from coordination.models.lists import ActorType, District
from coordination.models.users import User
from coordination.queries.network_data import load_network_data
from coordination.services import commune as commune_service
from coordination.services.base import ValidationError
from tests.conftest import PASSWORD, make_app
from tests.factories import make_actor

CITY = demo.load_demo(CommuneKind.CITY)

PROJECT = Path(__file__).resolve().parent.parent


def export() -> dict:
    """The demo data by names (no ids, no timestamps): what must be identical run to run.

    Plain Core queries, one per table, so the comparison stays fast."""
    execute = db.session.execute
    names = dict(execute(sa.select(Actor.id, Actor.name)).all())
    districts = dict(execute(sa.select(District.id, District.name)).all())
    numbers = dict(execute(sa.select(Commitment.id, Commitment.number)).all())

    def grouped(table, translate=lambda value: value) -> dict:
        groups: dict = {}
        for owner, other in execute(sa.select(table.c[0], table.c[1])):
            groups.setdefault(owner, []).append(translate(other))
        return {owner: sorted(values) for owner, values in groups.items()}

    actor_places = grouped(actor_districts, districts.get)
    actor_groups = grouped(actor_target_groups)
    offer_places = grouped(contribution_districts, districts.get)
    offer_groups = grouped(contribution_target_groups)
    tie_numbers = grouped(cooperation_commitments, numbers.get)
    participants: dict = {}
    for row in execute(sa.select(ContributionParticipant.contribution_id,
                                 ContributionParticipant.actor_id, ContributionParticipant.is_lead)):
        participants.setdefault(row.contribution_id, []).append((names[row.actor_id], row.is_lead))
    members: dict = {}
    for row in execute(sa.select(BodyMembership)):
        members.setdefault(row.BodyMembership.body_id, []).append(
            (names[row.BodyMembership.actor_id], row.BodyMembership.role,
             str(row.BodyMembership.since), str(row.BodyMembership.until)))
    types = dict(execute(sa.select(ActorType.id, ActorType.key)).all())
    actors = sorted(
        (a.name, types[a.type_id], a.migrant_led, a.municipal, a.whole_commune, str(a.status),
         str(a.last_reviewed), a.address, a.email, a.phone, a.description,
         actor_places.get(a.id, []), len(actor_groups.get(a.id, [])))
        for a in execute(sa.select(Actor.__table__)))
    cooperations = sorted(
        (sorted((names[c.actor_a_id], names[c.actor_b_id])), str(c.kind), c.intensity,
         str(c.start_date), str(c.end_date), c.written_agreement, c.note,
         tie_numbers.get(c.id, []))
        for c in execute(sa.select(Cooperation.__table__)))
    contributions = sorted(
        (c.title, numbers[c.commitment_id], str(c.kind), str(c.status), str(c.start_date),
         str(c.end_date), str(c.last_reviewed), c.whole_commune,
         sorted(participants[c.id]), offer_places.get(c.id, []), len(offer_groups.get(c.id, [])))
        for c in execute(sa.select(Contribution.__table__)))
    bodies = sorted(
        (b.name, str(b.kind), names[b.lead_actor_id], b.active, sorted(members.get(b.id, [])))
        for b in execute(sa.select(Body.__table__)))
    return {"actors": actors, "cooperations": cooperations, "contributions": contributions,
            "bodies": bodies}


def seed_fresh(app, today=None) -> dict:
    """Set up the app's (empty) database, load the demo and export it."""
    with app.app_context():
        commune_service.set_up(commune_name="Musterstadt", kind="stadt", admin_username="admin",
                               admin_password=PASSWORD)
        admin = db.session.scalar(sa.select(User))
        demo.build_demo_commune(by=admin, today=today)
        return export()


def fresh_app():
    """A new app on a new in-memory SQLite database with the schema (for a second process)."""
    app = make_app(SQLALCHEMY_DATABASE_URI="sqlite://")
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture
def seeded(app, user):
    """The test app (Teststadt with three districts of its own) with the demo loaded."""
    summary = demo.build_demo_commune(by=user("admin"))
    return summary


def by_name(name: str) -> Actor:
    return db.session.scalar(sa.select(Actor).where(Actor.name == name))


def active_offer_ids() -> list[int]:
    today = date.today()
    return [c.id for c in db.session.scalars(sa.select(Contribution).where(
        Contribution.status == ContributionStatus.ACTIVE)) if
        (c.start_date is None or c.start_date <= today) and (c.end_date is None or c.end_date >= today)]


def cooperation_graph(with_bodies: bool = False) -> nx.Graph:
    """Active cooperations between actors that are not dissolved (optionally plus the ties of
    shared active bodies), as the analysis sees the network."""
    G = nx.Graph()
    G.add_nodes_from(db.session.scalars(sa.select(Actor.id).where(
        Actor.status != ActorStatus.DISSOLVED)))
    for c in db.session.scalars(sa.select(Cooperation)):
        if c.is_active(date.today()) and c.actor_a_id in G and c.actor_b_id in G:
            G.add_edge(c.actor_a_id, c.actor_b_id)
    if with_bodies:
        for body in db.session.scalars(sa.select(Body).where(Body.active)):
            members = sorted({m.actor_id for m in body.memberships
                              if m.until is None or m.until >= date.today()} | {body.lead_actor_id})
            G.add_edges_from((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return G


# --- determinism and size ---------------------------------------------------------------------

def test_seeding_twice_gives_identical_data(empty_app):
    """The same demo twice on an empty database: the second run starts from a savepoint taken
    before the first (the time it takes is measured by bench/demo.py)."""
    connection = db.session.get_bind()
    before_first = connection.begin_nested()
    first = seed_fresh(empty_app)
    db.session.remove()
    before_first.rollback()
    empty_app.extensions.pop("coordination.set_up", None)
    second = seed_fresh(empty_app)
    assert first == second


def test_seeding_does_not_depend_on_the_hash_seed(empty_app):
    """Set iteration order changes with PYTHONHASHSEED; the demo must not depend on it."""
    if os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("runs its second seeding in another process: in-memory SQLite only")
    script = (
        "import json, sys\n"
        "from datetime import date\n"
        "from tests.test_demo import fresh_app, seed_fresh\n"
        "data = seed_fresh(fresh_app(), today=date.fromisoformat(sys.argv[1]))\n"
        "print(json.dumps(data, sort_keys=True))\n")
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", script, date.today().isoformat()], cwd=PROJECT,
                           env=environment, capture_output=True, text=True, timeout=300,
                           check=True)
    here = seed_fresh(empty_app, today=date.today())
    assert json.loads(other.stdout) == json.loads(json.dumps(here, sort_keys=True))


def test_sizes_and_every_actor_type(seeded):
    count = lambda model, *where: db.session.scalar(  # noqa: E731
        sa.select(sa.func.count()).select_from(model).where(*where))
    demo_districts = [d.name for d in CITY.districts]
    districts = db.session.scalars(sa.select(District).where(District.name.in_(demo_districts))).all()
    assert len(districts) == len(demo_districts) >= 12
    assert sum(d.special_need for d in districts) == 2
    assert sum(d.is_funding_area for d in districts) >= 2
    assert seeded.districts_added == len(demo_districts) - 2  # Altstadt and Südstadt existed

    actors = count(Actor)
    assert 120 <= actors <= 200 and seeded.actors == actors
    used = set(db.session.scalars(sa.select(ActorType.key).join(Actor, Actor.type_id == ActorType.id)))
    assert used == {key for key, _name in reference_data.ACTOR_TYPES}
    assert count(Actor, ActorType.key == "mso", Actor.type_id == ActorType.id) >= 15
    assert not db.session.scalars(sa.select(Actor.name).join(ActorType).where(
        ActorType.key == "mso", Actor.migrant_led.is_(False))).all()
    assert not db.session.scalars(sa.select(Actor.name).join(ActorType).where(
        ActorType.key == "administration", Actor.municipal.is_(False))).all()

    cooperations = count(Cooperation)
    assert 1.5 * actors <= cooperations <= 3 * actors
    kinds = set(db.session.scalars(sa.select(Cooperation.kind)))
    intensities = set(db.session.scalars(sa.select(Cooperation.intensity)))
    assert len(kinds) == 6 and intensities == {1, 2, 3}
    assert count(Contribution) >= actors
    numbers = set(db.session.scalars(sa.select(Commitment.number).join(
        Contribution, Contribution.commitment_id == Commitment.id)))
    assert numbers == set(range(1, 11))
    assert count(ContributionParticipant, ContributionParticipant.is_lead.is_(False)) >= 20
    assert count(Body, Body.active) >= 4
    assert count(BodyMembership) >= 40
    assert count(ContactPerson) >= 5
    assert seeded.assessments >= 5

    entries = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.label == demo.AUDIT_LABEL)).all()
    assert len(entries) == 1 and entries[0].entity_type == "commune"
    assert entries[0].username == "admin"


def test_names_are_plausible_and_german(seeded):
    names = set(db.session.scalars(sa.select(Actor.name)))
    for expected in ("Caritasverband Musterstadt e. V.", "Jobcenter Musterstadt",
                     "Amt für Soziales (Sozialamt)", "Migrationsberatung für Erwachsene (MBE) der AWO",
                     "Jugendmigrationsdienst (JMD) der Diakonie", "IHK-Geschäftsstelle Musterstadt",
                     "Türkisch-Deutscher Elternverein Musterstadt e. V."):
        assert expected in names
    runder_tisch = db.session.scalar(sa.select(Body).where(Body.name.like("Runder Tisch%")))
    assert runder_tisch.lead_actor.name == CITY.roles["integration_office"]
    assert runder_tisch.lead_actor.municipal
    assert any(m.actor.migrant_led for m in runder_tisch.memberships)


# --- the deliberate gaps -------------------------------------------------------------------------

def test_commitment_8_has_exactly_one_active_contribution_by_one_actor(seeded):
    active = set(active_offer_ids())
    offers = [c for c in db.session.scalars(sa.select(Contribution).join(Commitment).where(
        Commitment.number == 8)) if c.id in active]
    assert len(offers) == 1
    assert [p.actor.name for p in offers[0].participants] == [CITY.roles["single_actor"]]
    assert not db.session.scalar(sa.select(sa.func.count()).select_from(cooperation_commitments)
                                 .join(Commitment).where(Commitment.number == 8))


def test_one_district_without_any_offer(seeded):
    empty = db.session.scalar(sa.select(District).where(District.name == CITY.gaps.empty_district))
    assert not empty.special_need
    assert not db.session.scalar(sa.select(sa.func.count()).select_from(actor_districts).where(
        actor_districts.c.district_id == empty.id))
    assert not db.session.scalar(sa.select(sa.func.count()).select_from(contribution_districts).where(
        contribution_districts.c.district_id == empty.id))
    # every other demo district has an active offer of its own
    active = active_offer_ids()
    served = set(db.session.scalars(sa.select(District.name).join(
        contribution_districts, contribution_districts.c.district_id == District.id).where(
        contribution_districts.c.contribution_id.in_(active))))
    assert {d.name for d in CITY.districts} - served == {CITY.gaps.empty_district}


def test_a_special_need_district_without_commitment_7_work(seeded):
    commitment_7 = db.session.scalars(sa.select(Contribution).join(Commitment).where(
        Commitment.number == 7)).all()
    assert commitment_7 and not any(c.whole_commune for c in commitment_7)
    places = {d.name for c in commitment_7 for d in c.districts}
    assert CITY.gaps.district_without_neighbourhood_work not in places
    assert db.session.scalar(sa.select(District.special_need).where(
        District.name == CITY.gaps.district_without_neighbourhood_work))
    active = set(active_offer_ids())
    assert "Bahnhofsviertel" in {d.name for c in commitment_7 if c.id in active for d in c.districts}


@pytest.mark.parametrize("with_bodies", [False, True])
def test_the_stadtteilzentrum_holds_a_cluster_together(seeded, with_bodies):
    G = cooperation_graph(with_bodies)
    hub = by_name(CITY.roles["articulation"]).id
    assert hub in set(nx.articulation_points(G))
    main = max(nx.connected_components(G), key=len)
    G.remove_node(hub)
    rest = max(nx.connected_components(G), key=len)
    cut_off = main - rest - {hub}
    assert len(cut_off) >= 5
    assert {by_name(name).id for name in CITY.names_in("cluster")} == cut_off


def test_migrant_organisations_at_the_edge(seeded):
    assert len(CITY.names_in("periphery")) >= 4
    administration = set(db.session.scalars(sa.select(Actor.id).join(ActorType).where(
        sa.or_(Actor.municipal, ActorType.key == "administration"))))
    in_bodies = set(db.session.scalars(sa.select(BodyMembership.actor_id))) | set(
        db.session.scalars(sa.select(Body.lead_actor_id)))
    G = cooperation_graph()
    edge = {by_name(name).id for name in CITY.names_in("periphery")}
    cafe = by_name(CITY.roles["bridge"])
    assert not cafe.municipal and cafe.id not in in_bodies
    for actor_id in edge:
        actor = db.session.get(Actor, actor_id)
        assert actor.migrant_led and actor.status == ActorStatus.ACTIVE
        assert actor_id not in in_bodies
        assert not set(G[actor_id]) & administration
        assert set(G[actor_id]) <= edge | {cafe.id}
    # every other active migrant organisation has a direct tie or a seat in a coordinating body
    coordinating = set(db.session.scalars(sa.select(BodyMembership.actor_id).join(Body).where(
        Body.active, Body.kind.in_([kind for kind in BodyKind if kind.coordinates]))))
    others = db.session.scalars(sa.select(Actor.id).where(
        Actor.migrant_led, Actor.status == ActorStatus.ACTIVE, Actor.id.not_in(edge))).all()
    assert others and all(a in coordinating or set(G[a]) & administration for a in others)
    # the way to the administration is long: via the café and its partners
    distance = nx.multi_source_dijkstra_path_length(cooperation_graph(with_bodies=True),
                                                    administration)
    assert all(distance[a] >= 3 for a in edge)


def test_isolated_stale_and_ending_entries(seeded):
    G = cooperation_graph(with_bodies=True)
    for name in CITY.names_in("isolated"):
        actor = by_name(name)
        assert actor.status == ActorStatus.ACTIVE and G.degree(actor.id) == 0
    year_ago = date.today() - timedelta(days=365)
    stale = db.session.scalars(sa.select(Actor.name).where(Actor.last_reviewed < year_ago)).all()
    assert sorted(stale) == sorted(CITY.gaps.stale_actors)
    overdue = db.session.scalars(sa.select(Contribution).where(
        Contribution.status == ContributionStatus.ACTIVE, Contribution.end_date < date.today())).all()
    assert len(overdue) == 2
    active = set(active_offer_ids())
    half_year = date.today() + timedelta(days=182)
    ending = [c for c in db.session.scalars(sa.select(Contribution)) if c.id in active
              and c.end_date is not None and c.end_date <= half_year]
    assert len(ending) >= 8
    commitment_9 = [c for c in db.session.scalars(sa.select(Contribution).join(Commitment).where(
        Commitment.number == 9)) if c.id in active]
    assert sum(c in ending for c in commitment_9) > len(commitment_9) / 2


def test_a_deliberate_duplicate_structure(seeded):
    (first_lead, first_title), (second_lead, second_title) = CITY.gaps.duplicate_offers
    offers = [db.session.scalar(sa.select(Contribution).where(Contribution.title == title))
              for title in (first_title, second_title)]
    assert [[p.actor.name for p in offer.participants] for offer in offers] == [
        [first_lead], [second_lead]]
    first, second = offers
    assert first.commitment_id == second.commitment_id
    assert first.field_of_action_id == second.field_of_action_id
    assert {g.key for g in first.target_groups} & {g.key for g in second.target_groups}
    assert {d.name for d in first.districts} & {d.name for d in second.districts}
    assert {c.id for c in offers} <= set(active_offer_ids())
    assert not cooperation_graph().has_edge(by_name(first_lead).id, by_name(second_lead).id)
    alike = [c for c in db.session.scalars(sa.select(Contribution).where(
        Contribution.commitment_id == first.commitment_id,
        Contribution.field_of_action_id == first.field_of_action_id))
        if c.id in set(active_offer_ids()) and "children" in {g.key for g in c.target_groups}
        and "Bahnhofsviertel" in {d.name for d in c.districts}]
    assert sorted(c.title for c in alike) == sorted([first_title, second_title])


def test_the_analysis_finds_every_deliberate_gap(seeded):
    data = load_network_data()
    names = {a.id: a.name for a in data.actors}
    districts = {d.id: d.name for d in data.districts}
    findings: dict[str, list] = {}
    for finding in analyse(data).findings:
        findings.setdefault(finding.rule, []).append(finding)

    def actors_of(rule):
        return [{names[a] for a in f.actor_ids} for f in findings.get(rule, [])]

    # commitment 8 hangs on one actor that is not of the types its text names: one finding
    [ethnic_economy] = [f for f in findings["expected-type-missing"] if f.commitment == 8]
    assert {names[a] for a in ethnic_economy.actor_ids} == {CITY.roles["single_actor"]}
    assert 8 not in {f.commitment for f in findings.get("commitment-single-actor", [])}
    empty = [{districts[d] for d in f.district_ids} for f in findings["district-without-offer"]]
    assert {CITY.gaps.empty_district} in empty and {CITY.gaps.district_without_neighbourhood_work} in empty
    # the five MSOs behind the café: one single-point-of-failure finding, no mso-peripheral
    behind_cafe = [cut for cut in actors_of("single-point-of-failure")
                   if CITY.roles["bridge"] in cut]
    assert behind_cafe == [{CITY.roles["bridge"], *CITY.names_in("periphery")}]
    assert not actors_of("mso-peripheral")
    assert any(set(CITY.names_in("cluster")) <= cut and f.severity == "hoch"
               for cut, f in zip(actors_of("single-point-of-failure"),
                                 findings["single-point-of-failure"]))
    assert set().union(*actors_of("actor-isolated")) == set(CITY.names_in("isolated"))
    assert set(CITY.gaps.stale_actors) <= set().union(*actors_of("stale-entry"))
    assert 9 in {f.commitment for f in findings["contribution-ending"]}
    assert [{lead for lead, _title in CITY.gaps.duplicate_offers}] == actors_of(
        "possible-duplicate-structure")
    assert len(findings["prerequisite-undocumented"]) == 2
    for rule in ("no-coordinating-body", "mso-missing-participation", "legal-sphere-gap",
                 "commitment-uncovered"):
        assert rule not in findings


def test_legal_sphere_institutions_all_cooperate(seeded):
    G = cooperation_graph()
    ids = [by_name(name).id for name in CITY.gaps.legal_sphere]
    assert all(G.has_edge(a, b) for i, a in enumerate(ids) for b in ids[i + 1:])


def test_demo_pages_render(seeded, as_coordinator):
    response = as_coordinator.get("/actors/?q=Stadtteilzentrum")
    assert response.status_code == 200
    assert CITY.roles["articulation"] in response.get_data(as_text=True)
    hub = by_name(CITY.roles["articulation"])
    page = as_coordinator.get(f"/actors/{hub.id}").get_data(as_text=True)
    assert "Nachbarschaftsverein Nordstadt e. V." in page
    assert "Grace Mensah" in page  # contact person, shown to coordinators
    assert as_coordinator.get("/").status_code == 200


# --- the three ways in ---------------------------------------------------------------------------

def test_setup_form_with_demo(empty_app):
    client = empty_app.test_client()
    response = client.post("/setup", data={
        "commune_name": "Musterstadt", "kind": "stadt", "advisory_body_name": "Integrationsrat",
        "districts": "Altstadt\nHafenviertel", "admin_username": "admin",
        "admin_password": PASSWORD, "admin_password_repeat": PASSWORD, "with_demo": "y"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) >= 120
    names = db.session.scalars(sa.select(District.name)).all()
    assert names.count("Altstadt") == 1 and "Hafenviertel" in names
    assert len(names) == len(CITY.districts) + 1
    assert db.session.scalar(sa.select(Body).where(Body.name == "Integrationsrat der Stadt Musterstadt"))
    assert client.get("/").status_code == 200


def test_setup_cli_with_demo(empty_app):
    result = empty_app.test_cli_runner().invoke(args=[
        "setup", "--commune", "Musterstadt", "--kind", "stadt", "--admin", "admin",
        "--password", PASSWORD, "--demo"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) >= 120
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.label == demo.AUDIT_LABEL))
    assert entry.username == "admin"


def test_seed_demo_cli_once(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Akteure" in result.output
    actors = db.session.scalar(sa.select(sa.func.count()).select_from(Actor))
    assert actors >= 120

    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 1
    assert "bereits Akteure" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) == actors


def test_seed_demo_cli_needs_setup(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 1
    assert "zuerst einrichten" in result.output
    assert not db.session.scalar(sa.select(sa.func.count()).select_from(Actor))


def test_service_refuses_when_actors_exist(app, user):
    make_actor("Verein Eins")
    with pytest.raises(ValidationError) as error:
        demo.build_demo_commune(by=user("admin"))
    assert "ohne Akteure" in error.value.errors["with_demo"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) == 1
