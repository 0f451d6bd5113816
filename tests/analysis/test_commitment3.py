"""Commitment 3 (Interkulturelle Öffnung der Verwaltung): its suggestion reads the staff
indicators of the monitoring or the administration's own offers, as of the Stichtag."""
from dataclasses import replace
from datetime import date

from coordination.analysis import analyse
from coordination.analysis.data import STAFF_INDICATOR_KEYS, latest_year


def _offers(actor, offer, network, **fields):
    """Two offers for commitment 3 by associations, none by the administration."""
    return network(actors=[actor(1), actor(2), actor(3, "administration", municipal=True)],
                   contributions=[offer(1, 3, 1, 2), offer(2, 3, 2, 1)], **fields)


def test_without_administration_offers_or_staff_figures_the_suggestion_is_partial(
        actor, offer, network):
    result = analyse(_offers(actor, offer, network))
    [missing] = [f for f in result.findings_for(3) if f.rule == "expected-type-missing"]
    assert result.suggested_status(3) == "partial"
    # accepted, the finding no longer counts, but the commitment still lacks its evidence
    suggestion = result.suggestion(3, frozenset({missing.fingerprint}))
    assert suggestion.status == "partial"
    assert "keine Kennzahlen zu ihrem Personal" in str(suggestion.reason)


def test_staff_figures_complete_commitment_3(actor, offer, network):
    result = analyse(_offers(actor, offer, network, staff_indicator_year=2024))
    assert not [f for f in result.findings_for(3) if f.rule == "expected-type-missing"]
    assert result.suggested_status(3) == "implemented"


def test_an_offer_of_the_administration_completes_commitment_3(actor, offer, network):
    data = _offers(actor, offer, network)
    data = replace(data, contributions=(*data.contributions, offer(3, 3, 3, 1)))
    assert analyse(data).suggested_status(3) == "implemented"


def test_staff_figures_without_offers_are_a_start(actor, network):
    data = network(actors=[actor(1)], staff_indicator_year=2024)
    suggestion = analyse(data).suggestion(3)
    assert suggestion.status == "partial"
    assert str(suggestion.reason) == (
        "Kein aktives Angebot erfasst, aber das Integrationsmonitoring hat Kennzahlen zum "
        "Personal der Verwaltung (zuletzt für 2024).")
    assert analyse(network(actors=[actor(1)])).suggested_status(3) == "not_implemented"


def test_a_value_for_a_year_after_the_stichtag_does_not_count():
    years = [("staff_immigration_history", 2026), ("foreign_share", 2023),
             ("staff_intercultural_training", 2022)]
    assert latest_year(years, date(2025, 12, 31)) == 2023
    assert latest_year(years, date(2026, 1, 1)) == 2026
    assert latest_year(years, date(2025, 6, 30), STAFF_INDICATOR_KEYS) == 2022
    assert latest_year(years, date(2021, 6, 30)) is None
