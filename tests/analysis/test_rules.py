"""Each gap rule on a small hand-built network where it must fire and one where it must not."""
from dataclasses import replace
from datetime import date, datetime

import pytest

from coordination.analysis import RULES, analyse
from coordination.analysis.data import (
    BodyRecord,
    ContributionRecord,
    DistrictRecord,
    MembershipRecord,
    PrerequisiteRecord,
    Thresholds,
)
from coordination.analysis.rules import Finding, evidence_names, legal_sphere_role


def test_every_rule_of_the_domain_guide_is_registered():
    assert list(RULES) == [
        "commitment-uncovered", "commitment-single-actor", "commitment-fragmented",
        "actor-isolated", "single-point-of-failure", "no-coordinating-body", "legal-sphere-gap",
        "mso-missing-participation", "mso-peripheral", "expected-type-missing",
        "target-group-uncovered", "district-without-offer", "possible-duplicate-structure",
        "contribution-ending", "stale-entry", "prerequisite-undocumented",
        "labour-market-unlinked", "body-without-mso", "antidiscrimination-missing",
        "assessment-contradiction", "monitoring-outdated"]


def test_commitment_uncovered(actor, network, gaps, offer):
    data = network(actors=[actor(1)], contributions=[
        offer(1, 1, 1), ContributionRecord(2, "Geplant", 2, status="planned")])
    found = gaps(data, "commitment-uncovered")
    assert [f.commitment for f in found] == list(range(2, 11))
    assert {f.severity for f in found} == {"hoch"}
    assert found[0].contribution_ids == (2,)
    assert "„sich für eine stärkere Vernetzung" in str(found[0].detail)
    every = [offer(n, n, 1) for n in range(1, 11)]
    assert not gaps(network(actors=[actor(1)], contributions=every), "commitment-uncovered")


def test_commitment_single_actor(actor, network, gaps, offer):
    data = network(actors=[actor(1), actor(2)],
                   contributions=[offer(1, 4, 1), offer(2, 4, 1)])
    [finding] = gaps(data, "commitment-single-actor")
    assert (finding.commitment, finding.actor_ids, finding.contribution_ids) == (4, (1,), (1, 2))
    shared = replace(data, contributions=(offer(1, 4, 1), offer(2, 4, 2)))
    assert not gaps(shared, "commitment-single-actor")


def test_a_single_actor_of_another_type_than_the_text_names_is_one_finding(actor, network, gaps,
                                                                          offer):
    """Commitment 5 names schools and education providers: carried by one association it gets
    one finding that says both, not also commitment-single-actor."""
    data = network(actors=[actor(1), actor(2)], contributions=[offer(1, 5, 1), offer(2, 5, 1)])
    assert not gaps(data, "commitment-single-actor")
    [finding] = gaps(data, "expected-type-missing")
    assert (finding.commitment, finding.actor_ids, finding.contribution_ids) == (5, (1,), (1, 2))
    assert "Träger aller 2 aktiven Angebote zu Selbstverpflichtung 5 (Bildung: Lotsenfunktion): Akteur 1." in str(finding.detail)
    assert "Fällt dieser Akteur aus" in str(finding.detail)
    two = replace(data, contributions=(offer(1, 5, 1), offer(2, 5, 2)))
    [finding] = gaps(two, "expected-type-missing")
    assert finding.actor_ids == () and "Fällt dieser Akteur aus" not in str(finding.detail)


def test_commitment_fragmented(actor, network, gaps, offer, tie):
    actors = [actor(i) for i in range(1, 6)]
    offers = [offer(i, 5, i) for i in range(1, 5)]
    data = network(actors=actors, contributions=offers,
                   cooperations=[tie(1, 1, 2), tie(2, 2, 3), tie(3, 4, 5)])
    [finding] = gaps(data, "commitment-fragmented")
    assert finding.actor_ids == (4,)
    assert "2 getrennte Gruppen" in str(finding.title)
    body = [BodyRecord(1, "AK Bildung", "working_group", lead_actor_id=3)]
    joined = replace(data, bodies=body, memberships=[MembershipRecord(1, 4)])
    assert not gaps(joined, "commitment-fragmented")
    shared_offer = replace(data, contributions=offers[:3] + [offer(4, 5, 4, 3)])
    assert not gaps(shared_offer, "commitment-fragmented")


def test_actor_isolated(actor, network, gaps, tie):
    data = network(actors=[actor(1), actor(2), actor(3, "mso", migrant_led=True),
                           actor(4, status="dormant"), actor(5)],
                   cooperations=[tie(1, 1, 2)],
                   bodies=[BodyRecord(1, "Beirat", "advisory_council")],
                   memberships=[MembershipRecord(1, 5)])
    [finding] = gaps(data, "actor-isolated")
    assert (finding.actor_ids, finding.severity) == ((3,), "mittel")
    connected = replace(data, cooperations=(tie(1, 1, 2), tie(2, 2, 3)))
    assert not gaps(connected, "actor-isolated")


def test_single_point_of_failure(actor, network, gaps, tie):
    # a ring of seven (1, 2, 3, 10, ..., 13); actor 1 holds the chain 4-5-6-7-8, actor 3 the
    # pendant 9
    ring = [1, 2, 3, 10, 11, 12, 13]
    ties = [tie(20 + i, a, b) for i, (a, b) in enumerate(zip(ring, ring[1:] + ring[:1]))]
    ties += [tie(i, i, i + 1) for i in range(4, 8)] + [tie(10, 1, 4), tie(11, 3, 9)]
    data = network(actors=[actor(i) for i in range(1, 14)], cooperations=ties)
    found = {f.subject: f for f in gaps(data, "single-point-of-failure")}
    assert found["actor:1"].severity == "hoch"
    assert found["actor:1"].actor_ids == (1, 4, 5, 6, 7, 8)
    assert (found["pendants"].severity, found["pendants"].actor_ids) == ("niedrig", (3, 9))
    # actor 5 cuts off 6, 7, 8, but it hangs on actor 1 itself: one structural fact, one finding
    assert found.keys() == {"actor:1", "pendants"}
    assert str(found["actor:1"].title) == "Einzige Verbindung von 5 Akteuren zum Netzwerk: Akteur 1"
    assert "Innerhalb der Gruppe sind auch 4 Akteure jeweils die einzige Verbindung für andere: " \
           "Akteur 4, Akteur 5, Akteur 6 und Akteur 7." in str(found["actor:1"].detail)
    assert str(found["pendants"].title) == "Ein Akteur hängt an einem einzigen Partner"
    assert "Nur über einen Partner mit dem Netzwerk verbunden: Akteur 9 (Partner: Akteur 3)." \
        in str(found["pendants"].detail)
    ring = network(actors=[actor(i) for i in range(1, 5)],
                   cooperations=[tie(i, i, i % 4 + 1) for i in range(1, 5)])
    assert not gaps(ring, "single-point-of-failure")


@pytest.mark.parametrize("body, fires", [
    (BodyRecord(1, "Runder Tisch Integration", "round_table", lead_actor_id=1), False),
    (BodyRecord(1, "Runder Tisch Integration", "round_table", lead_actor_id=2), True),
    (BodyRecord(1, "Runder Tisch Integration", "round_table", lead_actor_id=1, active=False),
     True),
    (BodyRecord(1, "Integrationsbeirat", "advisory_council", lead_actor_id=1), True),
])
def test_no_coordinating_body(actor, network, gaps, body, fires):
    data = network(actors=[actor(1, "administration", municipal=True), actor(2, "welfare")],
                   bodies=[body])
    found = gaps(data, "no-coordinating-body")
    assert bool(found) is fires
    if fires:
        assert found[0].severity == "hoch"


def legal_sphere(actor):
    return [actor(1, "jobcenter", "Jobcenter"), actor(2, "employment_agency", "Agentur"),
            actor(3, "immigration_office", "Ausländerbehörde", municipal=True),
            actor(4, "administration", "Stadt – Sozialamt", municipal=True),
            actor(5, "welfare", "Caritas Migrationsberatung")]


def test_legal_sphere_gap(actor, network, gaps, tie):
    everyone = [tie(10 * a + b, a, b) for a in range(1, 6) for b in range(a + 1, 6)]
    data = network(actors=legal_sphere(actor), cooperations=everyone)
    assert not gaps(data, "legal-sphere-gap")
    without = replace(data, cooperations=[t for t in everyone if {t.actor_a, t.actor_b} != {1, 3}])
    [finding] = gaps(without, "legal-sphere-gap")
    assert str(finding.title) == "Keine Kooperation zwischen Ausländerbehörde und Jobcenter"
    assert (finding.commitment, finding.actor_ids, finding.severity) == (6, (1, 3), "mittel")
    sharing_a_body = replace(without, bodies=(BodyRecord(1, "Runder Tisch", "round_table"),),
                             memberships=(MembershipRecord(1, 1), MembershipRecord(1, 3)))
    assert gaps(sharing_a_body, "legal-sphere-gap")  # transitions need agreed referrals
    no_counselling = replace(data, actors=legal_sphere(actor)[:4])
    [missing] = gaps(no_counselling, "legal-sphere-gap")
    assert (missing.subject, missing.severity) == ("missing:migration_counselling", "niedrig")


@pytest.mark.parametrize("name, type_key, municipal, role", [
    ("Jugendmigrationsdienst der AWO", "welfare", False, "migration_counselling"),
    ("Diakonie MBE", "welfare", False, "migration_counselling"),
    ("Umbenennung e. V.", "association", False, None),
    ("Sozialamt", "administration", True, "social_welfare_office"),
    ("Freundeskreis Sozialamt", "association", False, None),
    ("Jobcenter", "jobcenter", False, "jobcenter"),
])
def test_legal_sphere_roles(actor, name, type_key, municipal, role):
    assert legal_sphere_role(actor(1, type_key, name, municipal=municipal)) == role


def test_mso_missing_participation(actor, network, gaps, offer):
    data = network(actors=[actor(1), actor(2, "mso", migrant_led=True)],
                   contributions=[offer(1, 4, 1), offer(2, 5, 2)])
    found = {f.subject: f for f in gaps(data, "mso-missing-participation")}
    assert found.keys() == {"contribution", "steering-body"}
    assert found["contribution"].severity == "hoch"
    involved = replace(data, contributions=(offer(1, 4, 1, 2),),
                       bodies=(BodyRecord(1, "Steuerungsgruppe", "steering_group"),),
                       memberships=(MembershipRecord(1, 2),))
    assert not gaps(involved, "mso-missing-participation")


def test_mso_peripheral(actor, network, gaps, tie):
    data = network(actors=[actor(1, "administration", municipal=True),
                           actor(2, "mso", migrant_led=True), actor(3, "mso", migrant_led=True),
                           actor(4, "mso", migrant_led=True)],
                   cooperations=[tie(1, 1, 2), tie(2, 3, 4)],
                   bodies=[BodyRecord(1, "Beirat", "advisory_council")],
                   memberships=[MembershipRecord(1, 3)])
    [finding] = gaps(data, "mso-peripheral")
    assert finding.actor_ids == (3, 4)  # an advisory council is no coordinating body
    assert "Diese Organisationen sind über das ganze Netzwerk nicht mit der Verwaltung verbunden." \
        in str(finding.detail)
    tied = replace(data, bodies=(BodyRecord(1, "Runder Tisch", "round_table"),),
                   memberships=(MembershipRecord(1, 3), MembershipRecord(1, 4)))
    assert not gaps(tied, "mso-peripheral")


def test_expected_type_missing(actor, network, gaps, offer):
    data = network(actors=[actor(1), actor(2), actor(3, "jobcenter"), actor(4, "employer")],
                   contributions=[offer(1, 6, 1), offer(2, 9, 1), offer(3, 9, 2)])
    found = {(f.commitment, f.subject) for f in gaps(data, "expected-type-missing")}
    assert found == {(6, "labour-administration"), (6, "employer"), (9, "tolerance-network")}
    complete = replace(data, contributions=(offer(1, 6, 3, 4), offer(2, 9, 1), offer(3, 9, 2)),
                       bodies=(BodyRecord(1, "Bündnis für Toleranz", "other"),),
                       memberships=(MembershipRecord(1, 1), MembershipRecord(1, 2)))
    assert not gaps(complete, "expected-type-missing")


def test_target_group_uncovered(actor, network, gaps, offer, groups):
    kept = [g for g in network().target_groups if g.key in ("women", "youth", "all")]
    districts = [DistrictRecord(1, "Nordstadt", special_need=True), DistrictRecord(2, "Süd")]
    data = network(actors=[actor(1)], target_groups=kept, districts=districts, contributions=[
        offer(1, 4, 1, target_group_ids=[groups["youth"]], district_ids=[1]),
        offer(2, 5, 1, target_group_ids=[groups["women"], groups["youth"]], district_ids=[2]),
        offer(3, 7, 1, target_group_ids=[groups["all"]], district_ids=[1])])
    found = {f.subject: f for f in gaps(data, "target-group-uncovered")}
    assert found.keys() == {"women", "district:1"}
    assert found["women"].commitment == 4
    assert found["district:1"].target_group_ids == (groups["women"],)
    uncovered = replace(data, contributions=data.contributions[:1])
    [overall] = gaps(uncovered, "target-group-uncovered")
    assert (overall.subject, overall.target_group_ids) == ("overall", (groups["women"],))
    covered = replace(data, contributions=(
        offer(1, 4, 1, target_group_ids=[groups["women"], groups["youth"]], district_ids=[1]),))
    assert not gaps(covered, "target-group-uncovered")


def test_district_without_offer(actor, network, gaps, offer):
    districts = [DistrictRecord(1, "Mitte"), DistrictRecord(2, "Nordstadt", special_need=True),
                 DistrictRecord(3, "Weststadt", special_need=True),
                 DistrictRecord(4, "Altdorf"), DistrictRecord(5, "Altdorf-Ost", parent_id=4)]
    data = network(actors=[actor(1)], districts=districts, contributions=[
        offer(1, 5, 1, district_ids=[2]), offer(2, 7, 1, district_ids=[3]),
        offer(3, 5, 1, district_ids=[5]), offer(4, 5, 1, whole_commune=True)])
    found = {f.district_ids: f for f in gaps(data, "district-without-offer")}
    assert found.keys() == {(1,), (2,)}
    assert (found[(1,)].severity, found[(1,)].subject) == ("mittel", "none")
    assert (found[(2,)].severity, found[(2,)].subject) == ("hoch", "no-commitment-7")
    served = replace(data, contributions=data.contributions + (
        offer(5, 7, 1, district_ids=[1, 2]),))
    assert not gaps(served, "district-without-offer")


def test_possible_duplicate_structure(actor, network, gaps, offer, tie, groups):
    place = dict(target_group_ids=[groups["refugees"]], district_ids=[1], field_of_action_id=1)
    data = network(actors=[actor(1), actor(2), actor(3)],
                   districts=[DistrictRecord(1, "Mitte")],
                   contributions=[offer(1, 5, 1, **place), offer(2, 5, 2, **place),
                                  offer(3, 5, 3, **place | {"field_of_action_id": 2})])
    [finding] = gaps(data, "possible-duplicate-structure")
    assert (finding.contribution_ids, finding.actor_ids) == ((1, 2), (1, 2))
    assert (finding.district_ids, finding.target_group_ids) == ((1,), (groups["refugees"],))
    cooperating = replace(data, cooperations=(tie(1, 1, 2),))
    assert not gaps(cooperating, "possible-duplicate-structure")
    sharing_a_body = replace(data, bodies=(BodyRecord(1, "Arbeitskreis", "working_group"),),
                             memberships=(MembershipRecord(1, 1), MembershipRecord(1, 2)))
    assert gaps(sharing_a_body, "possible-duplicate-structure")  # a body is no agreement


def test_possible_duplicate_structure_joins_offers_through_partners(actor, network, gaps,
                                                                     offer, tie, groups):
    """Offers are joined when their actors cooperate or when another offer shares an actor
    with each of them, however long the chain."""
    place = dict(target_group_ids=[groups["refugees"]], district_ids=[1])
    data = network(actors=[actor(1), actor(2), actor(3)],
                   districts=[DistrictRecord(1, "Mitte")], cooperations=[tie(1, 1, 2)],
                   contributions=[offer(1, 5, 1, **place), offer(2, 5, 2, **place),
                                  offer(3, 5, 3, **place)])
    [finding] = gaps(data, "possible-duplicate-structure")
    assert finding.contribution_ids == (1, 2, 3)
    chained = replace(data, contributions=data.contributions + (offer(4, 5, 2, 3, **place),))
    assert not gaps(chained, "possible-duplicate-structure")


def test_contribution_ending(actor, network, gaps, offer):
    soon = date(2025, 9, 30)
    data = network(actors=[actor(1)], contributions=[offer(1, 5, 1, end=soon),
                                                     offer(2, 5, 1, end=soon)])
    [finding] = gaps(data, "contribution-ending")
    assert (finding.severity, finding.contribution_ids) == ("hoch", (1, 2))
    successor = ContributionRecord(3, "Nachfolger", 5, status="planned", start=date(2025, 10, 1))
    followed = replace(data, contributions=data.contributions + (successor,))
    assert not gaps(followed, "contribution-ending")  # (2 - 1) / 2 is not more than half


def test_stale_entry(actor, network, gaps, offer):
    old = date(2024, 1, 1)
    data = network(actors=[actor(1, last_reviewed=old),
                           actor(2, last_reviewed=None, updated_at=datetime(2025, 5, 1)),
                           actor(3, last_reviewed=None)],
                   contributions=[offer(1, 5, 2, last_reviewed=old),
                                  offer(2, 6, 2, end=date(2025, 6, 1))])
    found = {f.subject: f for f in gaps(data, "stale-entry")}
    assert (found["unreviewed"].actor_ids, found["unreviewed"].contribution_ids) == ((1, 3), (1,))
    assert (found["past-end"].contribution_ids, found["past-end"].severity) == ((2,), "mittel")
    fresh = network(actors=[actor(1)], contributions=[offer(1, 5, 1)])
    assert not gaps(fresh, "stale-entry")


def test_prerequisite_undocumented(network, gaps):
    data = network(prerequisites=[PrerequisiteRecord("strategy", "Gesamtstrategie"),
                                  PrerequisiteRecord("evaluation", "Evaluation", True)])
    [finding] = gaps(data, "prerequisite-undocumented")
    assert (finding.subject, finding.commitment, finding.severity) == ("strategy", None, "mittel")
    assert "(Gesamtstrategie, Moderation, Koordination, Vernetzung, Evaluation)" in str(finding.detail)
    assert not gaps(network(), "prerequisite-undocumented")


def test_fingerprint_depends_on_evidence_only(actor, network, gaps, offer):
    data = network(actors=[actor(1), actor(2)], contributions=[offer(1, 4, 1)])
    [before] = gaps(data, "commitment-single-actor")
    renamed = replace(data, actors=(actor(1, name="Neuer Name"), actor(2)))
    [after] = gaps(renamed, "commitment-single-actor")
    assert after.fingerprint == before.fingerprint and after.detail != before.detail
    grown = replace(data, contributions=(offer(1, 4, 1), offer(2, 4, 1)))
    [changed] = gaps(grown, "commitment-single-actor")
    assert changed.fingerprint != before.fingerprint


def test_findings_are_sorted_by_severity_commitment_and_rule(actor, network, offer):
    data = network(actors=[actor(1), actor(2)], contributions=[offer(1, 5, 1)],
                   prerequisites=[PrerequisiteRecord("strategy", "Gesamtstrategie")])
    findings = analyse(data).findings
    order = list(RULES)
    keys = [(f.upkeep, "hoch mittel niedrig".split().index(f.severity), f.commitment is None,
             f.commitment or 0, order.index(f.rule)) for f in findings]
    assert keys == sorted(keys) and len(set(keys)) > 3


def test_finding_validates_and_names_its_evidence(actor, network, groups):
    with pytest.raises(ValueError):
        Finding("no-such-rule", "hoch", None, "t", "d")
    with pytest.raises(ValueError):
        Finding("stale-entry", "dringend", None, "t", "d")
    data = network(actors=[actor(2, name="Caritas"), actor(1, name="AWO")],
                   districts=[DistrictRecord(1, "Mitte")])
    finding = Finding("stale-entry", "niedrig", 10, "t", "d", actor_ids=[2, 1, 2],
                      district_ids=[1], target_group_ids=[groups["women"]])
    assert finding.actor_ids == (1, 2)
    assert evidence_names(data, finding) == {"actors": ["AWO", "Caritas"],
                                             "districts": ["Mitte"], "target_groups": ["Frauen"]}


def test_thresholds_change_what_fires(actor, network, gaps):
    data = network(actors=[actor(1, last_reviewed=date(2024, 12, 1))])
    assert not gaps(data, "stale-entry")
    assert analyse(data, Thresholds(stale_months=3)).findings[-1].rule == "stale-entry"
