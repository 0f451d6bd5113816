"""The Landkreis demo "Musterkreis" and the Gemeinde demo "Mustergemeinde": loaded by set-up for
their commune kind, with the Kreis's own institutions and the Gemeinden as districts, their own
deliberate gaps, and nothing copied from the city demo."""
from datetime import date

import pytest
import sqlalchemy as sa

from coordination import demo
from coordination.analysis import analyse
from coordination.demo.plan import Plan
from coordination.extensions import db
from coordination.models import (
    Actor,
    ActorType,
    Assessment,
    AssessmentStatus,
    Body,
    BodyMembership,
    Commitment,
    CommuneKind,
    Cooperation,
    District,
    IndicatorValue,
)
from coordination.queries.network_data import load_network_data
from coordination.services import commune as commune_service
from tests.conftest import PASSWORD

KREIS = demo.load_demo(CommuneKind.DISTRICT)
GEMEINDE = demo.load_demo(CommuneKind.MUNICIPALITY)


def set_up_with_demo(kind: str) -> None:
    admin = commune_service.set_up(commune_name="Beispiel", kind=kind, admin_username="admin",
                                   admin_password=PASSWORD)
    demo.build_demo_commune(by=admin)


def names_of(ids) -> set[str]:
    return set(db.session.scalars(sa.select(Actor.name).where(Actor.id.in_(ids))))


def findings():
    return analyse(load_network_data()).findings


@pytest.mark.parametrize("kind", list(CommuneKind))
def test_every_demo_file_loads_and_names_only_what_it_defines(kind):
    loaded = demo.load_demo(kind)
    assert loaded.kind == kind
    names = {actor.name for actor in loaded.actors}
    assert set(loaded.roles.values()) <= names
    assert {district.name for district in loaded.districts} >= set(loaded.home_districts)


def test_the_kinds_do_not_copy_the_city_demo():
    city = {actor.name for actor in demo.load_demo(CommuneKind.CITY).actors}
    for other in (KREIS, GEMEINDE):
        names = {actor.name for actor in other.actors}
        assert not names & city
        assert not any("Musterstadt" in name for name in names)


def test_setup_cli_landkreis_with_demo_loads_the_musterkreis(empty_app):
    result = empty_app.test_cli_runner().invoke(args=[
        "setup", "--commune", "Musterkreis", "--kind", "landkreis", "--admin", "admin",
        "--password", PASSWORD, "--demo"])
    assert result.exit_code == 0, result.output
    districts = set(db.session.scalars(sa.select(District.name)))
    assert districts == {district.name for district in KREIS.districts}
    assert 10 <= len(districts) <= 15  # the Gemeinden of the Kreis
    kreis_institutions = ("Kreisausländerbehörde Musterkreis", "Jobcenter Musterkreis",
                          "Kommunales Integrationszentrum Musterkreis (KI)",
                          "Kreisjugendamt Musterkreis")
    assert set(kreis_institutions) <= set(db.session.scalars(sa.select(Actor.name)))
    advisory = db.session.scalar(sa.select(Body.name).where(Body.kind == "advisory_council"))
    assert advisory == "Integrationsbeirat des Musterkreises"


def test_musterkreis_has_clubs_kitas_schools_and_volunteers_in_its_gemeinden(empty_app):
    set_up_with_demo("landkreis")
    per_gemeinde = db.session.execute(
        sa.select(District.name, sa.func.count(sa.distinct(ActorType.key)))
        .join(Actor.districts).join(ActorType, Actor.type_id == ActorType.id)
        .where(ActorType.key.in_(("kita", "school", "initiative", "association")))
        .group_by(District.name)).all()
    assert len([name for name, kinds in per_gemeinde if kinds >= 2]) >= 6


def test_musterkreis_jobcenter_works_alone(empty_app):
    """Deliberate gap: no tie and no shared working body between the Jobcenter and any employer,
    chamber or education provider."""
    set_up_with_demo("landkreis")
    jobcenter = db.session.scalar(sa.select(Actor).where(Actor.name == KREIS.gaps.unlinked_actor))
    partner_ids = set()
    for cooperation in db.session.scalars(sa.select(Cooperation).where(sa.or_(
            Cooperation.actor_a_id == jobcenter.id, Cooperation.actor_b_id == jobcenter.id))):
        partner_ids.add(cooperation.actor_b_id if cooperation.actor_a_id == jobcenter.id
                        else cooperation.actor_a_id)
    body_ids = db.session.scalars(sa.select(BodyMembership.body_id).where(
        BodyMembership.actor_id == jobcenter.id))
    partner_ids |= set(db.session.scalars(sa.select(BodyMembership.actor_id).where(
        BodyMembership.body_id.in_(list(body_ids)))))
    types = set(db.session.scalars(sa.select(ActorType.key).join(Actor, Actor.type_id == ActorType.id)
                                   .where(Actor.id.in_(partner_ids))))
    assert partner_ids and not types & set(KREIS.gaps.unlinked_types)


def test_musterkreis_gaps_are_found(empty_app):
    set_up_with_demo("landkreis")
    found = findings()
    districts = dict(db.session.execute(sa.select(District.id, District.name)).all())
    without = {(districts[f.district_ids[0]], f.severity) for f in found
               if f.rule == "district-without-offer"}
    assert (KREIS.gaps.district_without_neighbourhood_work, "hoch") in without
    assert KREIS.gaps.empty_district in {name for name, _severity in without}
    spof = [f for f in found if f.rule == "single-point-of-failure"
            and KREIS.roles["articulation"] in str(f.title)]
    assert spof and names_of(spof[0].actor_ids) >= set(KREIS.names_in("cluster"))
    # the migrant organisations at the edge: named by mso-peripheral, or by the one
    # single-point-of-failure finding of the actor they all hang on
    named = set().union(*(names_of(f.actor_ids) for f in found
                          if f.rule in ("mso-peripheral", "single-point-of-failure")))
    assert set(KREIS.names_in("periphery")) <= named
    isolated = set().union(*(names_of(f.actor_ids) for f in found if f.rule == "actor-isolated"))
    assert set(KREIS.names_in("isolated")) <= isolated


def test_musterkreis_working_body_without_migrant_led_member(empty_app):
    set_up_with_demo("landkreis")
    body = db.session.scalar(sa.select(Body).where(
        Body.name == "Arbeitskreis Bildung und Sprache im Musterkreis"))
    assert body.active and body.kind == "working_group"
    assert not any(membership.actor.migrant_led for membership in body.memberships)


def test_musterkreis_assessments_contradict_on_the_overall_strategy(empty_app):
    set_up_with_demo("landkreis")
    first = db.session.scalar(sa.select(Assessment).join(Commitment).where(Commitment.number == 1))
    strategy = next(a for a in KREIS.assessments if a.prerequisite == "strategy")
    assert first.status == AssessmentStatus.IMPLEMENTED
    assert strategy.status == AssessmentStatus.PLANNED


def test_mustergemeinde_is_small_with_ortsteile_and_kreis_partners(empty_app):
    set_up_with_demo("gemeinde")
    assert set(db.session.scalars(sa.select(District.name))) == {d.name for d in GEMEINDE.districts}
    actors = db.session.scalars(sa.select(Actor)).all()
    assert 15 <= len(actors) <= 40
    by_name = {actor.name: actor for actor in actors}
    # the Kreis's Ausländerbehörde and Jobcenter are partners from outside, not the Gemeinde's own
    assert not by_name["Ausländerbehörde des Musterkreises"].municipal
    assert not by_name["Jobcenter Musterkreis"].municipal
    assert by_name["Ukrainische Initiative Mustergemeinde"].migrant_led  # not of type MSO
    assessed = db.session.scalar(sa.select(Assessment).join(Commitment).where(Commitment.number == 8))
    assert assessed.status == AssessmentStatus.NOT_APPLICABLE
    found = findings()
    districts = dict(db.session.execute(sa.select(District.id, District.name)).all())
    assert GEMEINDE.gaps.empty_district in {districts[f.district_ids[0]] for f in found
                                            if f.rule == "district-without-offer"}


def test_mustergemeinde_reports_its_commitment_3_once(empty_app):
    """Commitment 3 rests on the Kreis's Ausländerbehörde alone, which is not the Gemeinde's
    administration: one fact, one finding naming that actor, not also "hängt an einem einzigen
    Akteur"."""
    set_up_with_demo("gemeinde")
    about_3 = [f for f in findings() if f.commitment == 3]
    assert [f.rule for f in about_3] == ["expected-type-missing"]
    assert names_of(about_3[0].actor_ids) == {"Ausländerbehörde des Musterkreises"}
    assert "Träger des einzigen aktiven Angebots" in str(about_3[0].detail)


@pytest.mark.parametrize("loaded", [KREIS, GEMEINDE], ids=["landkreis", "gemeinde"])
def test_each_demo_is_planned_the_same_way_every_time(loaded):
    plan, again = Plan(loaded, date(2026, 6, 1)), Plan(loaded, date(2026, 6, 1))
    assert [(o.lead, o.title, o.start, o.end) for o in plan.offers] == [
        (o.lead, o.title, o.start, o.end) for o in again.offers]
    assert list(plan.ties) == list(again.ties)


def test_the_city_keeps_its_monitoring_up_to_date_the_kreis_does_not(empty_app):
    """Musterstadt records last year's indicator values; the Musterkreis's newest are four years
    old (a deliberate gap)."""
    set_up_with_demo("stadt")
    years = set(db.session.scalars(sa.select(IndicatorValue.year)))
    assert date.today().year - 1 in years
    assert "monitoring-outdated" not in {f.rule for f in findings()}


def test_musterkreis_monitoring_is_outdated(empty_app):
    set_up_with_demo("landkreis")
    assert max(db.session.scalars(sa.select(IndicatorValue.year))) == date.today().year - 4
    found = findings()
    rules = {f.rule for f in found}
    assert {"monitoring-outdated", "labour-market-unlinked", "assessment-contradiction",
            "body-without-mso"} <= rules
    # only the Arbeitskreis is the deliberate body without an MSO; the Lenkungsgruppe keeps its
    # MSO even when its last listed member leaves (coordination/demo/write.py)
    assert [str(f.title) for f in found if f.rule == "body-without-mso"] == [
        "Arbeitskreis Bildung und Sprache im Musterkreis ohne migrantische Organisation"]
