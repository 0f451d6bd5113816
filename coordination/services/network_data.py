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
    # The large tables are unpacked as tuples: attribute access on result rows costs about a
    # microsecond each, some 100,000 of them at 2,000 actors.
    actors = [
        ActorRecord(id=actor_id, name=name, type_id=type_id, type_key=types[type_id].key,
                    type_name=types[type_id].name, migrant_led=migrant_led, municipal=municipal,
                    status=status.value, district_ids=actor_district_ids.get(actor_id, ()),
                    whole_commune=whole_commune, target_group_ids=actor_groups.get(actor_id, ()),
                    last_reviewed=last_reviewed, updated_at=updated_at)
        for (actor_id, name, type_id, migrant_led, municipal, status, whole_commune, last_reviewed,
             updated_at)
        in execute(sa.select(Actor.id, Actor.name, Actor.type_id, Actor.migrant_led,
                             Actor.municipal, Actor.status, Actor.whole_commune,
                             Actor.last_reviewed, Actor.updated_at).order_by(Actor.id)).tuples()
    ]

    numbers = dict(execute(sa.select(Commitment.id, Commitment.number)).all())
    cooperation_numbers = _grouped(sa.select(cooperation_commitments.c.cooperation_id,
                                             cooperation_commitments.c.commitment_id))
    cooperations = [
        CooperationRecord(id=cooperation_id, actor_a=actor_a, actor_b=actor_b, kind=kind.value,
                          intensity=intensity, start=start, end=end,
                          commitment_numbers=[numbers[c] for c in cooperation_numbers.get(cooperation_id, ())])
        for cooperation_id, actor_a, actor_b, kind, intensity, start, end
        in execute(sa.select(Cooperation.id, Cooperation.actor_a_id, Cooperation.actor_b_id,
                             Cooperation.kind, Cooperation.intensity, Cooperation.start_date,
                             Cooperation.end_date).order_by(Cooperation.id)).tuples()
    ]

    bodies = [BodyRecord(id=row.id, name=row.name, kind=row.kind.value, lead_actor_id=row.lead_actor_id,
                         active=row.active)
              for row in execute(sa.select(Body.id, Body.name, Body.kind, Body.lead_actor_id, Body.active)
                                 .order_by(Body.id))]
    memberships = [MembershipRecord(body_id=body_id, actor_id=actor_id, role=role, since=since,
                                    until=until)
                   for body_id, actor_id, role, since, until
                   in execute(sa.select(BodyMembership.body_id, BodyMembership.actor_id,
                                        BodyMembership.role, BodyMembership.since,
                                        BodyMembership.until).order_by(BodyMembership.id)).tuples()]

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
        ContributionRecord(id=contribution_id, title=title, commitment_number=numbers[commitment_id],
                           status=status.value, start=start, end=end,
                           lead_actor_id=leads.get(contribution_id),
                           actor_ids=participants.get(contribution_id, ()),
                           target_group_ids=contribution_groups.get(contribution_id, ()),
                           district_ids=contribution_district_ids.get(contribution_id, ()),
                           whole_commune=whole_commune, field_of_action_id=field_of_action_id,
                           last_reviewed=last_reviewed, updated_at=updated_at)
        for (contribution_id, title, commitment_id, status, start, end, whole_commune,
             field_of_action_id, last_reviewed, updated_at)
        in execute(sa.select(Contribution.id, Contribution.title, Contribution.commitment_id,
                             Contribution.status, Contribution.start_date, Contribution.end_date,
                             Contribution.whole_commune, Contribution.field_of_action_id,
                             Contribution.last_reviewed, Contribution.updated_at)
                   .order_by(Contribution.id)).tuples()
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
