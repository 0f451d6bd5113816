from datetime import date

import pytest

from coordination.analysis.data import (
    ContributionRecord,
    CooperationRecord,
    NetworkData,
    Thresholds,
    months_after,
    months_before,
)


def test_id_collections_become_frozensets_and_lead_is_a_participant(actor):
    contribution = ContributionRecord(1, "Sprachcafé", 4, lead_actor_id=7, actor_ids=[3],
                                      district_ids=(1, 1, 2))
    assert contribution.actor_ids == frozenset({3, 7})
    assert contribution.district_ids == frozenset({1, 2})
    assert actor(1, district_ids=[5]).district_ids == frozenset({5})
    assert hash(contribution) == hash(ContributionRecord(1, "Sprachcafé", 4, lead_actor_id=7,
                                                         actor_ids={3, 7}, district_ids={1, 2}))


@pytest.mark.parametrize("make", [
    lambda: CooperationRecord(1, 1, 2, kind="friendship"),
    lambda: CooperationRecord(1, 1, 2, intensity=4),
    lambda: CooperationRecord(1, 3, 3),
    lambda: ContributionRecord(1, "x", 1, status="running"),
])
def test_invalid_records_are_refused(make):
    with pytest.raises(ValueError):
        make()


@pytest.mark.parametrize("setting", [{"ending_share": 1.5}, {"stale_months": 0},
                                     {"betweenness_sample_k": 1}])
def test_invalid_thresholds_are_refused(setting):
    with pytest.raises(ValueError):
        Thresholds(**setting)


def test_active_depends_on_dates_and_status():
    today = date(2025, 6, 30)
    assert CooperationRecord(1, 1, 2, start=today, end=today).is_active(today)
    assert not CooperationRecord(1, 1, 2, end=date(2025, 6, 29)).is_active(today)
    assert not ContributionRecord(1, "x", 1, status="planned").is_active(today)
    assert not ContributionRecord(1, "x", 1, end=date(2025, 1, 1)).is_active(today)


def test_months_are_calendar_months():
    assert months_after(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2025, 6, 30), 12) == date(2024, 6, 30)
    assert months_after(date(2024, 2, 29), -12) == date(2023, 2, 28)


def test_network_data_accepts_lists_and_indexes_by_id(actor):
    data = NetworkData(today=date(2025, 1, 1), actors=[actor(1), actor(2)])
    assert isinstance(data.actors, tuple)
    assert data.actor_by_id[2].name == "Akteur 2"
