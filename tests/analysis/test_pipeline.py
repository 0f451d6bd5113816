from dataclasses import replace
from datetime import date

from coordination.analysis import RULES, Thresholds, analyse
from coordination.analysis.data import ContributionRecord, PrerequisiteRecord
from coordination.analysis.synthetic import generate_commune


def test_generated_communes_are_reproducible():
    assert generate_commune(150, seed=3) == generate_commune(150, seed=3)
    assert generate_commune(150, seed=3) != generate_commune(150, seed=4)


def test_analysis_is_deterministic_and_complete():
    data = generate_commune(600, seed=1)
    thresholds = Thresholds(betweenness_exact_max_nodes=100, betweenness_sample_k=200)
    first, second = analyse(data, thresholds), analyse(data, thresholds)
    assert first.findings == second.findings
    assert first.metrics == second.metrics
    assert first.metrics.betweenness_sources == thresholds.betweenness_sample_k
    assert {f.rule for f in first.findings} <= set(RULES)
    assert set(first.timings) == {"graph", "metrics", "coverage", "rules"}
    assert len({f.fingerprint for f in first.findings}) == len(first.findings)


def test_suggested_status(actor, network):
    data = network(actors=[actor(1, "jobcenter"), actor(2, "employer")], contributions=[
        ContributionRecord(1, "Jobbörse", 6, lead_actor_id=1, actor_ids=[2],
                           last_reviewed=date(2025, 6, 1)),
        ContributionRecord(3, "Betriebspraktika", 6, lead_actor_id=2, actor_ids=[1],
                           last_reviewed=date(2025, 6, 1)),
        ContributionRecord(2, "Lotsen", 5, status="planned")])
    result = analyse(data)
    assert result.suggested_status(6) == "implemented"
    assert str(result.suggestion(6).reason) == (
        "2 aktive Angebote von 2 Akteuren und keine offenen Befunde mit hoher oder mittlerer "
        "Priorität.")
    assert result.suggested_status(5) == "planned"
    assert result.suggested_status(8) == "not_implemented"
    alone = analyse(network(actors=[actor(1, "jobcenter")], contributions=[
        ContributionRecord(n, "Jobbörse", 6, lead_actor_id=1, last_reviewed=date(2025, 6, 1))
        for n in (1, 2)]))
    assert alone.suggested_status(6) == "partial"  # single actor, no employer
    accepted = frozenset(f.fingerprint for f in alone.findings_for(6))
    assert alone.suggested_status(6, accepted) == "implemented"
    one_offer = analyse(replace(data, contributions=data.contributions[:1]))
    assert one_offer.suggested_status(6) == "partial"
    assert "Nur ein aktives Angebot" in str(one_offer.suggestion(6).reason)


def test_commitment_1_says_what_the_strategy_is_assessed_as(actor, network):
    """It read "Selbstverpflichtung 1 folgt der Einschätzung der Strukturvoraussetzung
    Gesamtstrategie": what the assessment is and what follows, or that there is none."""
    strategy = PrerequisiteRecord("strategy", "Gesamtstrategie", has_assessment=True, status="partial")
    data = network(actors=[actor(1), actor(2)], prerequisites=[strategy], contributions=[
        ContributionRecord(n, "Runder Tisch", 1, lead_actor_id=n, last_reviewed=date(2025, 6, 1))
        for n in (1, 2)])
    suggestion = analyse(data).suggestion(1)
    assert (suggestion.status, suggestion.follows) == ("partial", "strategy")
    assert str(suggestion.reason) == (
        "Die Strukturvoraussetzung Gesamtstrategie ist als „teilweise umgesetzt“ eingeschätzt; daher "
        "schlägt die Analyse für Selbstverpflichtung 1 denselben Stand vor.")
    unassessed = analyse(replace(data, prerequisites=(replace(strategy, has_assessment=False, status=None),)))
    suggestion = unassessed.suggestion(1)
    assert (suggestion.status, suggestion.follows) == ("implemented", None)
    assert str(suggestion.reason) == (
        "Die Strukturvoraussetzung Gesamtstrategie ist nicht eingeschätzt, daher folgt der Vorschlag den "
        "erfassten Angeboten und Befunden. 2 aktive Angebote von 2 Akteuren und keine offenen Befunde "
        "mit hoher oder mittlerer Priorität.")
