"""Hand-built communes read as an experienced Integrationsbeauftragte reads a gap list: data
upkeep is one finding per fact, a Gemeinde is not asked for what the Kreis does, and an
actor's isolation is a gap only where integration work depends on it."""
from dataclasses import replace
from datetime import date

from coordination.analysis import analyse


def test_a_gemeinde_with_one_expired_unreviewed_offer_gets_one_datenpflege_finding(
        actor, offer, network, gaps):
    data = network(commune_kind="gemeinde", actors=[actor(1), actor(2)], contributions=[
        offer(1, 4, 1, end=date(2025, 3, 31), last_reviewed=date(2023, 5, 1)),
        offer(2, 5, 2)])
    [finding] = gaps(data, "stale-entry")
    assert finding.upkeep and finding.contribution_ids == (1,)
    assert str(finding.title) == "Ein abgelaufenes Angebot noch als aktiv geführt"
    assert "„Angebot 1“ ist über sein Enddatum hinaus" in str(finding.detail)


def test_entries_nobody_reviewed_under_several_commitments_form_one_finding(
        actor, offer, network, gaps):
    old = date(2023, 1, 1)
    data = network(actors=[actor(1, last_reviewed=old), actor(2), actor(3, last_reviewed=None)],
                   contributions=[offer(1, 4, 2, last_reviewed=old), offer(2, 5, 2, last_reviewed=old),
                                  offer(3, 6, 2, last_reviewed=None), offer(4, 6, 2),
                                  offer(5, 4, 2, end=date(2025, 1, 1)),
                                  offer(6, 5, 2, end=date(2025, 2, 1))])
    found = {f.subject: f for f in gaps(data, "stale-entry")}
    assert set(found) == {"unreviewed", "past-end"}
    unreviewed, past_end = found["unreviewed"], found["past-end"]
    assert (unreviewed.actor_ids, unreviewed.contribution_ids) == ((1, 3), (1, 2, 3))
    assert str(unreviewed.title) == "5 Einträge seit über 12 Monaten nicht überprüft"
    assert ("2 Akteurseinträge wurden seit mehr als 12 Monaten weder überprüft noch geändert: "
            "Akteur 1 und Akteur 3.") in str(unreviewed.detail)
    assert "Die Angebote „Angebot 1“, „Angebot 2“ und „Angebot 3“ wurden" in str(unreviewed.detail)
    assert str(past_end.title) == "2 abgelaufene Angebote noch als aktiv geführt"
    assert {unreviewed.commitment, past_end.commitment} == {10}


def test_a_village_is_not_asked_for_offers_for_skilled_workers_entrepreneurs_and_staff(
        actor, offer, network, gaps, groups):
    everyone_else = [g for key, g in groups.items() if key not in (
        "skilled_workers", "entrepreneurs", "administration_staff", "eu_migrants", "all")]
    data = network(commune_kind="gemeinde", actors=[actor(1)],
                   contributions=[offer(1, 4, 1, target_group_ids=tuple(everyone_else))])
    [village] = gaps(data, "target-group-uncovered")
    assert village.target_group_ids == (groups["eu_migrants"],)
    assert str(village.title) == "Kein aktives Angebot für EU-Zugewanderte"
    [town] = gaps(replace(data, commune_kind="stadt"), "target-group-uncovered")
    assert str(town.title) == "4 Zielgruppen ohne aktives Angebot"
    assert "Fachkräfte, Unternehmer:innen und Verwaltungspersonal" in str(town.detail)


def test_an_isolated_club_with_an_offer_is_a_hint_and_one_without_is_an_entry_to_check(
        actor, offer, tie, network, gaps):
    data = network(actors=[actor(1, "administration", municipal=True), actor(2),
                           actor(3, name="Schachclub e. V."), actor(4, "employer", "Reinigung GmbH"),
                           actor(5, "mso", "Kulturverein", migrant_led=True)],
                   cooperations=[tie(1, 1, 2)],
                   contributions=[offer(1, 4, 1, 2), offer(2, 4, 3)])
    found = {f.actor_ids: f for f in gaps(data, "actor-isolated")}
    club, firm, mso = found[(3,)], found[(4,)], found[(5,)]
    assert (club.severity, club.upkeep) == ("niedrig", False)
    assert str(club.title) == "Nicht vernetzt: Schachclub e. V."
    assert "Das Angebot „Angebot 2“ läuft ohne Abstimmung mit anderen Trägern" in str(club.detail)
    assert (firm.severity, firm.upkeep) == ("niedrig", True)
    assert "weder ein aktives Angebot noch" in str(firm.detail) and "ruhend" in str(firm.detail)
    assert (mso.severity, mso.upkeep) == ("mittel", False)  # a migrant organisation: a real gap
    findings = analyse(data).findings
    assert [f.upkeep for f in findings] == sorted(f.upkeep for f in findings)  # Datenpflege last
    assert firm.fingerprint in {f.fingerprint for f in findings if f.upkeep}


def test_a_cafe_with_migrant_organisations_behind_it_splits_commitment_5_in_one_finding(
        actor, offer, tie, network):
    """The café (6) reaches the ring of commitment-5 actors (1-4) only through two partners
    without commitment-5 work (5, 9); the two migrant organisations (7, 8) hang on the café.
    Commitment 5's network splits because of that one fact: one single-point-of-failure
    finding, no fragmentation finding that names the café again."""
    actors = [actor(i) for i in (1, 2, 3, 4, 5, 9)] + [
        actor(6, name="Begegnungscafé"), actor(7, "mso", migrant_led=True),
        actor(8, "mso", migrant_led=True)]
    ring = [tie(1, 1, 2), tie(2, 2, 3), tie(3, 3, 4), tie(4, 4, 1)]
    ties = ring + [tie(5, 5, 1), tie(6, 9, 2), tie(7, 5, 6), tie(8, 9, 6), tie(9, 6, 7),
                   tie(10, 6, 8)]
    offers = [offer(i, 5, a) for i, a in enumerate((1, 2, 3, 4, 6, 7, 8), start=1)]
    findings = analyse(network(actors=actors, cooperations=ties, contributions=offers)).findings
    [cafe] = [f for f in findings if f.rule == "single-point-of-failure"]
    assert cafe.actor_ids == (6, 7, 8)
    assert "Ohne diese Verbindung zerfällt das Netzwerk der Selbstverpflichtung 5." in str(cafe.detail)
    assert not [f for f in findings if f.rule == "commitment-fragmented"]


def test_a_commitment_carried_by_the_kreis_office_alone_does_not_speak_of_its_funding(
        actor, offer, network, gaps):
    data = network(commune_kind="gemeinde", actors=[
        actor(1, "immigration_office", "Ausländerbehörde des Kreises"), actor(2, "education_provider")],
        contributions=[offer(1, 3, 1), offer(2, 5, 2)])
    [office] = gaps(data, "expected-type-missing")  # 3: the Gemeinde's own administration
    assert "Fällt dieser Akteur aus oder setzt er andere Schwerpunkte" in str(office.detail)
    [charity] = gaps(data, "commitment-single-actor")  # 5 carried by an education provider
    assert "endet seine Förderung" in str(charity.detail)
