"""Whole hand-built communes, read the way an expert reads a gap list: the commune kind decides
who is responsible, one structural fact gives one finding, and the new rules catch the gaps the
older ones missed."""
from dataclasses import replace

from coordination.analysis import analyse
from coordination.analysis.data import (
    BodyRecord,
    CommitmentRecord,
    DistrictRecord,
    MembershipRecord,
    PrerequisiteRecord,
)
from coordination.analysis.rules import related_findings


def village(actor, offer, tie, network):
    """A kreisangehörige Gemeinde of eight actors: the town hall, a Kita, a primary school, a
    sports club, a parish, a volunteer refugee aid, a migrant association, and the Kreis's
    Jobcenter as an outside partner; two Ortsteile without special need."""
    actors = [actor(1, "administration", "Gemeindeverwaltung", municipal=True),
              actor(2, "kita", "Kita Sonnenschein"), actor(3, "school", "Grundschule am Bach"),
              actor(4, "association", "TSV Dorf e. V."), actor(5, "religious", "Kirchengemeinde"),
              actor(6, "initiative", "Helferkreis Asyl"),
              actor(7, "mso", "Syrischer Kulturverein", migrant_led=True),
              actor(8, "jobcenter", "Jobcenter des Landkreises")]
    offers = [offer(1, 2, 1, 6), offer(2, 4, 6, 7), offer(3, 4, 7), offer(4, 5, 2, 3),
              offer(5, 5, 3, 6), offer(6, 1, 1), offer(7, 10, 1), offer(8, 9, 5, 6)]
    ties = [tie(1, 1, 6), tie(2, 6, 7), tie(3, 2, 3), tie(4, 3, 6), tie(5, 1, 8), tie(6, 4, 6),
            tie(7, 5, 6), tie(8, 1, 3)]
    body = BodyRecord(1, "Runder Tisch Asyl", "round_table", lead_actor_id=1)
    return network(commune_kind="gemeinde", actors=actors, contributions=offers, cooperations=ties,
                   bodies=[body], memberships=[MembershipRecord(1, a) for a in (6, 7, 5)],
                   districts=[DistrictRecord(1, "Oberdorf"), DistrictRecord(2, "Unterdorf")])


def test_a_small_gemeinde_gets_a_short_list_without_hoch_for_the_kreis_tasks(
        actor, offer, tie, network):
    result = analyse(village(actor, offer, tie, network))
    findings = result.findings
    assert not [f for f in findings if f.commitment in (6, 7, 8) and f.severity == "hoch"]
    assert len(findings) <= 15
    # the Kreis's offices are outside partners: their absence is no gap
    assert not [f for f in findings if f.subject in ("missing:immigration_office",
                                                     "missing:social_welfare_office")]
    # 7 (no Ortsteil with need) and 8 (no own business development) lie with the Kreis
    assert result.suggested_status(7) == result.suggested_status(8) == "not_applicable"
    assert "Wirtschaftsförderung" in str(result.suggestion(8).reason)
    assert not result.findings_for(7) and not result.findings_for(8)
    # 6 is the Gemeinde's only through the Kreis's Jobcenter, which it cooperates with
    assert [(f.rule, f.severity) for f in result.findings_for(6)] == [
        ("commitment-uncovered", "mittel"), ("labour-market-unlinked", "niedrig")]
    assert not [f for f in findings if f.rule == "expected-type-missing" and f.commitment == 6]


def test_the_same_network_as_a_city_raises_the_city_tasks(actor, offer, tie, network):
    city = analyse(replace(village(actor, offer, tie, network), commune_kind="stadt"))
    assert {f.commitment for f in city.findings if f.severity == "hoch"} >= {6, 7, 8}
    assert any(f.subject == "missing:immigration_office" for f in city.findings)
    assert city.suggested_status(7) == "not_implemented"


def test_not_applicable_assessment_silences_the_commitment(actor, offer, tie, network):
    data = village(actor, offer, tie, network)
    commitments = tuple(replace(c, status="not_applicable") if c.number == 6 else c
                        for c in data.commitments)
    assert analyse(data).findings_for(6)
    assert not analyse(replace(data, commitments=commitments)).findings_for(6)


def test_labour_market_unlinked(actor, offer, tie, network, gaps):
    data = network(actors=[actor(1, "jobcenter", "Jobcenter Musterstadt"),
                           actor(2, "employer", "Stadtwerke"), actor(3, "chamber", "IHK"),
                           actor(4, "administration", "Sozialamt", municipal=True)],
                   contributions=[offer(1, 6, 1), offer(2, 6, 2), offer(3, 8, 3)],
                   cooperations=[tie(1, 1, 4), tie(2, 2, 3)])
    [finding] = gaps(data, "labour-market-unlinked")
    assert (finding.commitment, finding.severity, finding.actor_ids) == (6, "hoch", (1,))
    assert str(finding.title) == ("Ohne Verbindung zu Arbeitgebern, Kammern und Bildungsträgern: "
                                  "Jobcenter Musterstadt")
    assert "Im Netzwerk sind 2 solche Akteure erfasst, zum Beispiel: IHK und Stadtwerke." \
        in str(finding.detail)
    assert not gaps(replace(data, cooperations=data.cooperations + (tie(3, 1, 3),)),
                    "labour-market-unlinked")
    working_group = BodyRecord(1, "AK Ausbildung", "working_group")
    assert not gaps(replace(data, bodies=[working_group], memberships=[
        MembershipRecord(1, 1), MembershipRecord(1, 2)]), "labour-market-unlinked")


def test_body_without_mso(actor, network, gaps):
    bodies = [BodyRecord(1, "AK Sprache", "working_group", lead_actor_id=1),
              BodyRecord(2, "Steuerungsgruppe", "steering_group", lead_actor_id=1),
              BodyRecord(3, "Integrationsbeirat", "advisory_council", lead_actor_id=1)]
    data = network(actors=[actor(1, "administration", municipal=True), actor(2, "welfare"),
                           actor(3, "mso", migrant_led=True)],
                   bodies=bodies,
                   memberships=[MembershipRecord(1, 2), MembershipRecord(2, 3)])
    [finding] = gaps(data, "body-without-mso")
    assert (finding.subject, finding.commitment, finding.actor_ids) == ("body:1", 4, (1, 2))
    assert str(finding.title) == "AK Sprache ohne migrantische Organisation"
    assert "Keines der 2 Mitglieder des Gremiums „AK Sprache“" in str(finding.detail)
    # the older rule passes: one migrant organisation sits in the steering group
    assert not gaps(data, "mso-missing-participation")


def test_the_cafe_chain_is_one_finding(actor, tie, network, offer, gaps):
    """Five migrant organisations hang on one café (as in the demo): one finding names the café,
    the five, the articulation points among them and the commitments whose network splits."""
    core = [actor(1, "administration", "Integrationsbüro", municipal=True),
            actor(2, "welfare", "Caritas"), actor(3, "initiative", "Flüchtlingshilfe"),
            *(actor(i) for i in range(5, 10))]
    ring = [1, 2, 3, 5, 6, 7, 8, 9]
    cafe = actor(4, "association", "Begegnungscafé e. V.")
    msos = [actor(10 + i, "mso", f"Verein {name}", migrant_led=True)
            for i, name in enumerate(("Eritrea", "Somalia", "Vietnam", "Bulgarien", "Albanien"))]
    ties = [tie(20 + i, a, b) for i, (a, b) in enumerate(zip(ring, ring[1:] + ring[:1]))]
    ties += [tie(4, 4, 2), tie(5, 4, 3), tie(6, 4, 10), tie(7, 4, 11), tie(8, 10, 11),
             tie(9, 12, 13), tie(10, 13, 14), tie(11, 14, 10)]
    offers = [offer(1, 4, 1), offer(2, 4, 2), offer(3, 4, 10), offer(4, 4, 12)]
    data = network(actors=core + [cafe] + msos, cooperations=ties, contributions=offers)
    [finding] = gaps(data, "single-point-of-failure")
    assert finding.actor_ids == (4, 10, 11, 12, 13, 14)
    detail = str(finding.detail)
    assert "Darunter sind 5 migrantisch geführte Organisationen." in detail
    assert "Ohne diese Verbindung zerfällt das Netzwerk der Selbstverpflichtung 4." in detail
    assert "Innerhalb der Gruppe sind auch 3 Akteure jeweils die einzige Verbindung für andere: " \
           "Verein Albanien, Verein Bulgarien und Verein Eritrea." in detail
    assert not gaps(data, "mso-peripheral") and not gaps(data, "commitment-fragmented")


def test_assessment_contradiction(network, gaps):
    data = network(
        commitments=[CommitmentRecord(1, "Gesamtstrategie", "…", status="implemented"),
                     CommitmentRecord(10, "Evaluation", "…", status="partial")],
        prerequisites=[PrerequisiteRecord("strategy", "Gesamtstrategie", True, "planned"),
                       PrerequisiteRecord("evaluation", "Evaluation", True, "implemented")])
    [finding] = gaps(data, "assessment-contradiction")
    assert (finding.commitment, finding.subject) == (1, "prerequisite:strategy")
    assert str(finding.detail).startswith(
        "Selbstverpflichtung 1 (Gesamtstrategie) ist als „umgesetzt“ eingeschätzt, die "
        "Strukturvoraussetzung „Gesamtstrategie“ als „in Planung“.")
    agreeing = replace(data, prerequisites=(
        PrerequisiteRecord("strategy", "Gesamtstrategie", True, "implemented"),))
    assert not gaps(agreeing, "assessment-contradiction")


def test_monitoring_outdated(network, gaps, today):
    [finding] = gaps(network(), "monitoring-outdated")
    assert (finding.commitment, finding.severity) == (10, "mittel")
    assert "Für keinen Indikator" in str(finding.detail)
    [old] = gaps(network(latest_indicator_year=today.year - 3), "monitoring-outdated")
    assert f"stammt aus {today.year - 3}; seitdem ist kein Wert hinzugekommen." in str(old.detail)
    assert not gaps(network(latest_indicator_year=today.year - 1), "monitoring-outdated")


def test_antidiscrimination_missing(actor, offer, network, gaps):
    data = network(actors=[actor(1), actor(2, "antidiscrimination", status="dormant")],
                   contributions=[offer(1, 9, 1)])
    [finding] = gaps(data, "antidiscrimination-missing")
    assert finding.commitment == 9
    office = replace(data, actors=(actor(1), actor(2, "antidiscrimination")))
    assert not gaps(office, "antidiscrimination-missing")
    democracy = replace(data, contributions=(offer(1, 9, 1, field_of_action_id=11),))
    assert not gaps(democracy, "antidiscrimination-missing")


def test_data_upkeep_never_lowers_a_suggestion(actor, offer, tie, network):
    data = network(actors=[actor(1, "administration", municipal=True), actor(2)],
                   cooperations=[tie(1, 1, 2)],
                   contributions=[offer(1, 3, 1, last_reviewed=None),
                                  offer(2, 3, 2, last_reviewed=None)])
    result = analyse(data)
    [upkeep] = [f for f in result.findings if f.rule == "stale-entry"]
    assert upkeep.upkeep and upkeep.contribution_ids == (1, 2) and not result.findings_for(3)
    assert result.suggested_status(3) == "implemented"


def test_related_findings_share_evidence_and_upkeep_comes_last(actor, offer, tie, network):
    data = village(actor, offer, tie, network)
    stale = replace(data, actors=data.actors + (actor(9, "association", last_reviewed=None),),
                    cooperations=data.cooperations + (tie(9, 9, 4),))
    findings = analyse(stale).findings
    assert findings[-1].rule == "stale-entry" and not any(f.upkeep for f in findings[:-1])
    [labour] = [f for f in findings if f.rule == "labour-market-unlinked"]
    related = related_findings(findings, labour)
    assert [f.subject for f in related] == ["pendants"]  # the Jobcenter hangs on the town hall
    assert labour not in related and findings[-1] not in related_findings(findings, related[0])


def test_a_gemeinde_does_not_answer_for_the_kreis_offices_among_themselves(actor, network, gaps):
    data = network(commune_kind="gemeinde", actors=[
        actor(1, "jobcenter", "Jobcenter des Kreises"),
        actor(2, "immigration_office", "Ausländerbehörde des Kreises"),
        actor(3, "welfare", "Migrationsberatung der Caritas")])
    found = {f.subject: f.severity for f in gaps(data, "legal-sphere-gap")}
    assert found == {"immigration_office+migration_counselling": "niedrig",
                     "jobcenter+migration_counselling": "niedrig"}
    as_city = {f.subject for f in gaps(replace(data, commune_kind="stadt"), "legal-sphere-gap")}
    assert "immigration_office+jobcenter" in as_city


def test_the_administrations_own_tasks_and_groups(actor, offer, network, gaps):
    town_hall = actor(1, "administration", "Integrationsbüro", municipal=True)
    data = network(actors=[town_hall, actor(2, "administration", "Sozialamt", municipal=True),
                           actor(3, "welfare")],
                   contributions=[offer(1, 1, 1), offer(2, 10, 1), offer(3, 5, 3)],
                   bodies=[BodyRecord(1, "Lenkungsgruppe der Dezernate", "steering_group",
                                      lead_actor_id=1)],
                   memberships=[MembershipRecord(1, 2)])
    # 1 and 10 are the administration's own tasks; 5 hangs on the welfare association, which
    # is no school either: one finding says both
    assert not gaps(data, "commitment-single-actor")
    assert [(f.commitment, f.actor_ids) for f in gaps(data, "expected-type-missing")] == [(5, (3,))]
    assert not gaps(data, "body-without-mso")
    with_welfare = replace(data, memberships=(MembershipRecord(1, 2), MembershipRecord(1, 3)))
    assert gaps(with_welfare, "body-without-mso")
