"""Builders for small hand-made communes. The analysis tests need no Flask app."""
from datetime import date

import pytest

from coordination import reference_data
from coordination.analysis import analyse
from coordination.analysis.data import (
    ActorRecord,
    ActorTypeRecord,
    CommitmentRecord,
    ContributionRecord,
    CooperationRecord,
    FieldOfActionRecord,
    NetworkData,
    PrerequisiteRecord,
    TargetGroupRecord,
)

TODAY = date(2025, 6, 30)
ACTOR_TYPES = tuple(ActorTypeRecord(i, name, key)
                    for i, (key, name) in enumerate(reference_data.ACTOR_TYPES, start=1))
TYPE_BY_KEY = {t.key: t for t in ACTOR_TYPES}
TARGET_GROUPS = tuple(TargetGroupRecord(i, name, key)
                      for i, (key, name) in enumerate(reference_data.TARGET_GROUPS, start=1))


@pytest.fixture
def today():
    """The reference date of every hand-built commune."""
    return TODAY


@pytest.fixture
def groups():
    """Target group key -> id in the hand-built communes ("women" -> 4, …)."""
    return {g.key: g.id for g in TARGET_GROUPS}


@pytest.fixture
def actor():
    """actor(id, type_key="association", name=None, **fields): an active, freshly reviewed actor."""
    def make(actor_id, type_key="association", name=None, **fields):
        kind = TYPE_BY_KEY[type_key]
        fields.setdefault("last_reviewed", TODAY)
        return ActorRecord(id=actor_id, name=name or f"Akteur {actor_id}", type_id=kind.id,
                           type_key=type_key, type_name=kind.name, **fields)
    return make


@pytest.fixture
def offer():
    """offer(id, commitment, *actor_ids, **fields): an active, freshly reviewed contribution led
    by the first actor."""
    def make(offer_id, number, *actors, **fields):
        fields.setdefault("last_reviewed", TODAY)
        return ContributionRecord(offer_id, f"Angebot {offer_id}", number,
                                  lead_actor_id=actors[0], actor_ids=actors, **fields)
    return make


@pytest.fixture
def tie():
    """tie(id, a, b, **fields): an active cooperation."""
    return CooperationRecord


@pytest.fixture
def network():
    """network(**collections): NetworkData on TODAY with the seeded commitments, lists and
    five documented prerequisites, plus the given collections."""
    def make(**collections):
        defaults = dict(
            commitments=tuple(CommitmentRecord(number, short, text)
                              for number, short, text in reference_data.COMMITMENTS),
            target_groups=TARGET_GROUPS, actor_types=ACTOR_TYPES,
            fields_of_action=tuple(FieldOfActionRecord(i, name, key) for i, (key, name)
                                   in enumerate(reference_data.FIELDS_OF_ACTION, start=1)),
            prerequisites=tuple(PrerequisiteRecord(key, name, has_assessment=True)
                                for key, name, _ in reference_data.PREREQUISITES))
        return NetworkData(today=TODAY, **(defaults | collections))
    return make


@pytest.fixture
def gaps():
    """gaps(data, rule): the findings of one rule in the analysis of `data`."""
    def findings(data, rule):
        return [f for f in analyse(data).findings if f.rule == rule]
    return findings
