"""Load the commune's network from the database into the analysis package's plain records,
as of a reference date (Stichtag).

One query per table, with SQLAlchemy Core (no ORM objects): at 20,000 actors this is what
keeps loading in the tens of milliseconds (see docs/performance.md).

Valid time: `load_history()` reads every record with the dates it was valid
(`NetworkHistory`); `history.as_of(day)` is the network on that day, which is all the analysis
ever sees (it stays free of dates of entry and dissolution):
- actors and bodies count from "aktiv seit" (without it: the day they were entered, or the
  earliest dated start of their cooperations, offers or memberships if that is earlier) until
  the day before "aufgelöst am"; later they stay in the data as dissolved (inactive), as today;
- cooperations and offers count from their start (without one: the day they were entered) to
  their end; an offer ended without an end date ended on the day of its last change;
- memberships from `since` to `until`; records of actors not yet there are left out;
- a prerequisite counts as assessed from the date of its first assessment; the status of a
  commitment or prerequisite is that of its newest assessment dated on or before the day.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import sqlalchemy as sa

from coordination.analysis.data import (
    STAFF_INDICATOR_KEYS,
    ActorRecord,
    ActorTypeRecord,
    BodyRecord,
    CommitmentRecord,
    ContributionRecord,
    CooperationRecord,
    DistrictRecord,
    FieldOfActionRecord,
    MembershipRecord,
    NetworkData,
    PrerequisiteRecord,
    TargetGroupRecord,
    latest_year,
)
from coordination.extensions import db
from coordination.models import (
    Actor,
    ActorType,
    Assessment,
    Body,
    BodyMembership,
    Commitment,
    Commune,
    Contribution,
    ContributionParticipant,
    Cooperation,
    District,
    FieldOfAction,
    Prerequisite,
    TargetGroup,
)
from coordination.models.actors import actor_districts, actor_target_groups
from coordination.models.contributions import (
    contribution_districts,
    contribution_target_groups,
)
from coordination.models.cooperations import cooperation_commitments
from coordination.queries.indicator_data import value_years


def _grouped(statement) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for owner, member in db.session.execute(statement):
        groups[owner].append(member)
    return groups


@dataclass(frozen=True)
class NetworkHistory:
    """Every record with its valid time (`data.today` is the day of loading). Actors and
    bodies carry `since`/`until`; cooperations and offers (except planned ones) their start,
    or the day they were entered; an offer that has ended carries the day it ended as `end`
    and keeps the status "ended". `entered` holds the day each offer was entered,
    `first_assessed` the first assessment date of each prerequisite (by key), `assessments`
    every assessment as (date, commitment number or None, prerequisite key or None, status),
    newest first, `indicator_years` every (indicator key, year) with a monitoring value,
    `first_dated` the earliest dated start of each actor's cooperations, offers and
    memberships (by actor id)."""

    data: NetworkData
    entered: dict[int, date]
    first_assessed: dict[str, date]
    assessments: tuple[tuple[date, int | None, str | None, str], ...] = ()
    indicator_years: tuple[tuple[str | None, int], ...] = ()
    first_dated: dict[int, date] = field(default_factory=dict)

    def as_of(self, on: date) -> NetworkData:
        """The network as it was on `on` (see the module docstring)."""
        data = self.data
        actors = [_actor_as_of(actor, on) for actor in data.actors
                  if actor.since is None or actor.since <= on]
        present = {actor.id for actor in actors}
        bodies = [body if body.active == body.exists_on(on) else replace(body, active=not body.active)
                  for body in data.bodies if body.since is None or body.since <= on]
        body_ids = {body.id for body in bodies}
        cooperations = [c for c in data.cooperations if (c.start is None or c.start <= on)
                        and c.actor_a in present and c.actor_b in present]
        memberships = [m for m in data.memberships if m.body_id in body_ids
                       and m.actor_id in present and (m.since is None or m.since <= on)]
        contributions = []
        for contribution in data.contributions:
            started = contribution.start is not None and contribution.start <= on
            if not started and self.entered.get(contribution.id, on) > on:
                continue  # neither begun nor entered by then
            if contribution.status == "ended" and contribution.end is not None \
                    and on <= contribution.end and started:
                contribution = replace(contribution, status="active")
            elif contribution.status == "active" and contribution.start is not None \
                    and not started:
                contribution = replace(contribution, status="planned")
            contributions.append(contribution)
        commitment_status, prerequisite_status = {}, {}
        for day, number, key, status in self.assessments:
            if day <= on:
                if number is not None:
                    commitment_status.setdefault(number, status)
                else:
                    prerequisite_status.setdefault(key, status)
        prerequisites = [replace(p, has_assessment=p.key in self.first_assessed
                                 and self.first_assessed[p.key] <= on,
                                 status=prerequisite_status.get(p.key))
                         for p in data.prerequisites]
        commitments = [replace(c, status=commitment_status.get(c.number)) for c in data.commitments]
        return replace(data, today=on, actors=actors, bodies=bodies, cooperations=cooperations,
                       memberships=memberships, contributions=contributions,
                       prerequisites=prerequisites, commitments=commitments,
                       **_indicator_years_as_of(self.indicator_years, on))


def _indicator_years_as_of(years, on: date) -> dict:
    return {"latest_indicator_year": latest_year(years, on),
            "staff_indicator_year": latest_year(years, on, STAFF_INDICATOR_KEYS)}


def _actor_as_of(actor: ActorRecord, on: date) -> ActorRecord:
    if actor.until is not None and actor.until <= on:
        return actor if actor.status == "dissolved" else replace(actor, status="dissolved")
    # dissolved later: active then (whether it was dormant before is not recorded)
    return replace(actor, status="active") if actor.status == "dissolved" else actor


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def load_network_data(today: date | None = None) -> NetworkData:
    """Everything the analysis needs, as of `today` (default: the current date)."""
    return load_history().as_of(today or date.today())


def _earliest(target: dict[int, date], key: int, day: date | None) -> None:
    if day is not None and day < target.get(key, date.max):
        target[key] = day


def load_history() -> NetworkHistory:
    """Every record with its valid time (one query per table). An actor or body without a start
    date counts from the earliest dated start of its cooperations, offers and memberships when
    that is before the day it was entered (gathered from the rows read anyway)."""
    execute = db.session.execute
    first_dated: dict[int, date] = {}  # actor id -> earliest dated activity
    body_first_dated: dict[int, date] = {}
    numbers = dict(execute(sa.select(Commitment.id, Commitment.number)).all())
    cooperation_numbers = _grouped(sa.select(cooperation_commitments.c.cooperation_id,
                                             cooperation_commitments.c.commitment_id))
    # The large tables are unpacked as tuples: attribute access on result rows costs about a
    # microsecond each, some 100,000 of them at 2,000 actors.
    cooperations = []
    for cooperation_id, actor_a, actor_b, kind, intensity, start, end, created_at, written \
            in execute(sa.select(Cooperation.id, Cooperation.actor_a_id, Cooperation.actor_b_id,
                                 Cooperation.kind, Cooperation.intensity, Cooperation.start_date,
                                 Cooperation.end_date, Cooperation.created_at,
                                 Cooperation.written_agreement)
                       .order_by(Cooperation.id)).tuples():
        _earliest(first_dated, actor_a, start)
        _earliest(first_dated, actor_b, start)
        cooperations.append(CooperationRecord(
            id=cooperation_id, actor_a=actor_a, actor_b=actor_b, kind=kind.value,
            intensity=intensity, start=start or _day(created_at), end=end,
            commitment_numbers=[numbers[c] for c in cooperation_numbers.get(cooperation_id, ())],
            written_agreement=written))

    memberships = []
    for body_id, actor_id, role, since, until in execute(
            sa.select(BodyMembership.body_id, BodyMembership.actor_id, BodyMembership.role,
                      BodyMembership.since, BodyMembership.until)
            .order_by(BodyMembership.id)).tuples():
        _earliest(first_dated, actor_id, since)
        _earliest(body_first_dated, body_id, since)
        memberships.append(MembershipRecord(body_id=body_id, actor_id=actor_id, role=role,
                                            since=since, until=until))

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
    entered: dict[int, date] = {}
    contributions = []
    for (contribution_id, title, commitment_id, status, start, end, whole_commune,
         field_of_action_id, last_reviewed, updated_at, created_at) in execute(
            sa.select(Contribution.id, Contribution.title, Contribution.commitment_id,
                      Contribution.status, Contribution.start_date, Contribution.end_date,
                      Contribution.whole_commune, Contribution.field_of_action_id,
                      Contribution.last_reviewed, Contribution.updated_at, Contribution.created_at)
            .order_by(Contribution.id)).tuples():
        if start is not None:
            for actor_id in participants.get(contribution_id, ()):
                _earliest(first_dated, actor_id, start)
        status = status.value
        entered[contribution_id] = _day(created_at)
        if status != "planned":
            start = start or entered[contribution_id]
        if status == "ended":
            end = end or _day(updated_at)
        contributions.append(
            ContributionRecord(id=contribution_id, title=title, commitment_number=numbers[commitment_id],
                                  status=status, start=start, end=end,
                                  lead_actor_id=leads.get(contribution_id),
                                  actor_ids=participants.get(contribution_id, ()),
                                  target_group_ids=contribution_groups.get(contribution_id, ()),
                                  district_ids=contribution_district_ids.get(contribution_id, ()),
                                  whole_commune=whole_commune, field_of_action_id=field_of_action_id,
                                  last_reviewed=last_reviewed, updated_at=updated_at))

    types = {row.id: row for row in execute(sa.select(ActorType.id, ActorType.key, ActorType.name))}
    actors = _actor_records(types, first_dated)
    bodies = [BodyRecord(id=row.id, name=row.name, kind=row.kind.value, lead_actor_id=row.lead_actor_id,
                         active=row.active,
                         since=row.active_since or min(_day(row.created_at),
                                                       body_first_dated.get(row.id, date.max)),
                         until=row.dissolved_on or (None if row.active else _day(row.updated_at)))
              for row in execute(sa.select(Body.id, Body.name, Body.kind, Body.lead_actor_id, Body.active,
                                           Body.active_since, Body.dissolved_on, Body.created_at,
                                           Body.updated_at).order_by(Body.id))]

    first_assessed = dict(execute(
        sa.select(Prerequisite.key, sa.func.min(Assessment.assessed_on))
        .join(Assessment, Assessment.prerequisite_id == Prerequisite.id)
        .group_by(Prerequisite.key)).tuples().all())
    assessments = tuple(execute(
        sa.select(Assessment.assessed_on, Commitment.number, Prerequisite.key, Assessment.status)
        .outerjoin(Commitment, Assessment.commitment_id == Commitment.id)
        .outerjoin(Prerequisite, Assessment.prerequisite_id == Prerequisite.id)
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())).tuples())
    assessments = tuple((day, number, key, status.value) for day, number, key, status in assessments)
    kind = execute(sa.select(Commune.kind).limit(1)).scalar()
    indicator_years, today = value_years(), date.today()
    data = NetworkData(
        today=today, commune_kind=kind.value if kind else "stadt",
        **_indicator_years_as_of(indicator_years, today),
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
        prerequisites=[PrerequisiteRecord(key=row.key, name=row.name,
                                          has_assessment=row.key in first_assessed)
                       for row in execute(sa.select(Prerequisite.key, Prerequisite.name)
                                          .order_by(Prerequisite.position))],
    )
    return NetworkHistory(data=data, entered=entered, first_assessed=first_assessed,
                          assessments=assessments, indicator_years=indicator_years,
                          first_dated=first_dated)


def _actor_records(types, first_dated: dict[int, date], ids=None) -> list[ActorRecord]:
    """The actors (all, or those with `ids`) as records, by id. `types` maps actor type ids to
    their key and name, `first_dated` actor ids to the earliest dated start of their
    cooperations, offers and memberships."""
    execute = db.session.execute
    columns = sa.select(Actor.id, Actor.name, Actor.type_id, Actor.migrant_led, Actor.municipal,
                        Actor.status, Actor.whole_commune, Actor.last_reviewed, Actor.updated_at,
                        Actor.created_at, Actor.active_since, Actor.dissolved_on).order_by(Actor.id)
    # the links in a fixed order, so that actors read anew match those of a full load
    district_links = sa.select(actor_districts.c.actor_id, actor_districts.c.district_id) \
        .order_by(actor_districts.c.actor_id, actor_districts.c.district_id)
    group_links = sa.select(actor_target_groups.c.actor_id, actor_target_groups.c.target_group_id) \
        .order_by(actor_target_groups.c.actor_id, actor_target_groups.c.target_group_id)
    if ids is not None:
        columns = columns.where(Actor.id.in_(ids))
        district_links = district_links.where(actor_districts.c.actor_id.in_(ids))
        group_links = group_links.where(actor_target_groups.c.actor_id.in_(ids))
    district_ids, group_ids = _grouped(district_links), _grouped(group_links)
    return [
        ActorRecord(id=actor_id, name=name, type_id=type_id, type_key=types[type_id].key,
                    type_name=types[type_id].name, migrant_led=migrant_led, municipal=municipal,
                    status=status.value, district_ids=district_ids.get(actor_id, ()),
                    whole_commune=whole_commune, target_group_ids=group_ids.get(actor_id, ()),
                    last_reviewed=last_reviewed, updated_at=updated_at,
                    since=active_since or min(_day(created_at), first_dated.get(actor_id, date.max)),
                    until=dissolved_on or (_day(updated_at) if status.value == "dissolved" else None))
        for (actor_id, name, type_id, migrant_led, municipal, status, whole_commune, last_reviewed,
             updated_at, created_at, active_since, dissolved_on) in execute(columns).tuples()
    ]


def with_actors_reread(history: NetworkHistory, ids) -> NetworkHistory | None:
    """`history` with the actors `ids` read anew, after they were created or changed (their
    own columns, districts and target groups; their cooperations, offers and memberships did
    not change, so the rest of `history` stands). None if one of them is gone or has a type
    `history` does not know: then only a full `load_history()` is right."""
    ids = set(ids)
    try:
        fresh = {record.id: record for record in _actor_records(
            {record.id: record for record in history.data.actor_types}, history.first_dated, ids)}
    except KeyError:  # a type entered since
        return None
    if fresh.keys() != ids:
        return None
    kept = [actor for actor in history.data.actors if actor.id not in fresh]
    actors = sorted([*kept, *fresh.values()], key=lambda actor: actor.id)
    return replace(history, data=replace(history.data, actors=actors))
