"""Load the commune's network from the database into the analysis package's plain records.

One query per table, with SQLAlchemy Core (no ORM objects): at 20,000 actors this is what
keeps loading in the tens of milliseconds (see shared/performance-notes.md).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import sqlalchemy as sa

from coordination.analysis.data import (ActorRecord, ActorTypeRecord, BodyRecord, CommitmentRecord,
                                        ContributionRecord, CooperationRecord, DistrictRecord,
                                        FieldOfActionRecord, MembershipRecord, NetworkData,
                                        PrerequisiteRecord, TargetGroupRecord)
from coordination.extensions import db
from coordination.models import (Actor, ActorType, Assessment, Body, BodyMembership, Commitment,
                                 Contribution, ContributionParticipant, Cooperation, District,
                                 FieldOfAction, Prerequisite, TargetGroup)
from coordination.models.actors import actor_districts, actor_target_groups
from coordination.models.contributions import contribution_districts, contribution_target_groups
from coordination.models.cooperations import cooperation_commitments


def _grouped(statement) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for owner, member in db.session.execute(statement):
        groups[owner].append(member)
    return groups


def load_network_data(today: date | None = None) -> NetworkData:
    """Everything the analysis needs, as of `today` (default: the current date)."""
    execute = db.session.execute
    actor_district_ids = _grouped(sa.select(actor_districts.c.actor_id, actor_districts.c.district_id))
    actor_groups = _grouped(sa.select(actor_target_groups.c.actor_id, actor_target_groups.c.target_group_id))
    types = {row.id: row for row in execute(sa.select(ActorType.id, ActorType.key, ActorType.name))}
    actors = [
        ActorRecord(id=row.id, name=row.name, type_id=row.type_id, type_key=types[row.type_id].key,
                    type_name=types[row.type_id].name, migrant_led=row.migrant_led,
                    municipal=row.municipal, status=row.status.value,
                    district_ids=actor_district_ids.get(row.id, ()), whole_commune=row.whole_commune,
                    target_group_ids=actor_groups.get(row.id, ()), last_reviewed=row.last_reviewed,
                    updated_at=row.updated_at)
        for row in execute(sa.select(Actor.id, Actor.name, Actor.type_id, Actor.migrant_led,
                                     Actor.municipal, Actor.status, Actor.whole_commune,
                                     Actor.last_reviewed, Actor.updated_at).order_by(Actor.id))
    ]

    numbers = dict(execute(sa.select(Commitment.id, Commitment.number)).all())
    cooperation_numbers = _grouped(sa.select(cooperation_commitments.c.cooperation_id,
                                             cooperation_commitments.c.commitment_id))
    cooperations = [
        CooperationRecord(id=row.id, actor_a=row.actor_a_id, actor_b=row.actor_b_id, kind=row.kind.value,
                          intensity=row.intensity, start=row.start_date, end=row.end_date,
                          commitment_numbers=[numbers[c] for c in cooperation_numbers.get(row.id, ())])
        for row in execute(sa.select(Cooperation.id, Cooperation.actor_a_id, Cooperation.actor_b_id,
                                     Cooperation.kind, Cooperation.intensity, Cooperation.start_date,
                                     Cooperation.end_date).order_by(Cooperation.id))
    ]

    bodies = [BodyRecord(id=row.id, name=row.name, kind=row.kind.value, lead_actor_id=row.lead_actor_id,
                         active=row.active)
              for row in execute(sa.select(Body.id, Body.name, Body.kind, Body.lead_actor_id, Body.active)
                                 .order_by(Body.id))]
    memberships = [MembershipRecord(body_id=row.body_id, actor_id=row.actor_id, role=row.role,
                                    since=row.since, until=row.until)
                   for row in execute(sa.select(BodyMembership.body_id, BodyMembership.actor_id,
                                                BodyMembership.role, BodyMembership.since,
                                                BodyMembership.until).order_by(BodyMembership.id))]

    participants: dict[int, list[int]] = defaultdict(list)
    leads: dict[int, int] = {}
    for contribution_id, actor_id, is_lead in execute(
            sa.select(ContributionParticipant.contribution_id, ContributionParticipant.actor_id,
                      ContributionParticipant.is_lead)):
        participants[contribution_id].append(actor_id)
        if is_lead:
            leads[contribution_id] = actor_id
    contribution_groups = _grouped(sa.select(contribution_target_groups.c.contribution_id,
                                             contribution_target_groups.c.target_group_id))
    contribution_district_ids = _grouped(sa.select(contribution_districts.c.contribution_id,
                                                   contribution_districts.c.district_id))
    contributions = [
        ContributionRecord(id=row.id, title=row.title, commitment_number=numbers[row.commitment_id],
                           status=row.status.value, start=row.start_date, end=row.end_date,
                           lead_actor_id=leads.get(row.id), actor_ids=participants.get(row.id, ()),
                           target_group_ids=contribution_groups.get(row.id, ()),
                           district_ids=contribution_district_ids.get(row.id, ()),
                           whole_commune=row.whole_commune, field_of_action_id=row.field_of_action_id,
                           last_reviewed=row.last_reviewed, updated_at=row.updated_at)
        for row in execute(sa.select(Contribution.id, Contribution.title, Contribution.commitment_id,
                                     Contribution.status, Contribution.start_date, Contribution.end_date,
                                     Contribution.whole_commune, Contribution.field_of_action_id,
                                     Contribution.last_reviewed, Contribution.updated_at)
                           .order_by(Contribution.id))
    ]

    assessed = set(execute(sa.select(Assessment.prerequisite_id).where(
        Assessment.prerequisite_id.is_not(None))).scalars())
    return NetworkData(
        today=today or date.today(),
        actors=actors, cooperations=cooperations, bodies=bodies, memberships=memberships,
        contributions=contributions,
        commitments=[CommitmentRecord(number=row.number, short_title=row.short_title, full_text=row.full_text)
                     for row in execute(sa.select(Commitment.number, Commitment.short_title,
                                                  Commitment.full_text).order_by(Commitment.number))],
        districts=[DistrictRecord(id=row.id, name=row.name, special_need=row.special_need,
                                  is_funding_area=row.is_funding_area, parent_id=row.parent_id)
                   for row in execute(sa.select(District.id, District.name, District.special_need,
                                                District.is_funding_area, District.parent_id)
                                      .order_by(District.position, District.name))],
        target_groups=[TargetGroupRecord(id=row.id, name=row.name, key=row.key)
                       for row in execute(sa.select(TargetGroup.id, TargetGroup.name, TargetGroup.key)
                                          .order_by(TargetGroup.position))],
        fields_of_action=[FieldOfActionRecord(id=row.id, name=row.name, key=row.key)
                          for row in execute(sa.select(FieldOfAction.id, FieldOfAction.name,
                                                       FieldOfAction.key).order_by(FieldOfAction.position))],
        actor_types=[ActorTypeRecord(id=row.id, name=row.name, key=row.key) for row in types.values()],
        prerequisites=[PrerequisiteRecord(key=row.key, name=row.name, has_assessment=row.id in assessed)
                       for row in execute(sa.select(Prerequisite.id, Prerequisite.key, Prerequisite.name)
                                          .order_by(Prerequisite.position))],
    )
