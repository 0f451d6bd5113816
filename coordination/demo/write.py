"""Writing a planned demo commune to the database with bulk inserts, in the caller's transaction."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.demo.data import ISOLATED, DemoCommune
from coordination.demo.plan import Plan
from coordination.extensions import db
from coordination.models import (
    Actor,
    ActorStatus,
    ActorType,
    Assessment,
    Body,
    BodyKind,
    BodyMembership,
    Commitment,
    CommuneKind,
    ContactPerson,
    Contribution,
    ContributionParticipant,
    Cooperation,
    CooperationKind,
    District,
    FieldOfAction,
    Indicator,
    IndicatorValue,
    Language,
    Prerequisite,
    TargetGroup,
    User,
)
from coordination.models.actors import actor_districts, actor_fields, actor_languages, actor_target_groups
from coordination.models.contributions import contribution_districts, contribution_languages, contribution_target_groups
from coordination.models.cooperations import cooperation_commitments
from coordination.services.base import ValidationError
from coordination.services.bulk import insert_links, insert_returning_ids, insert_rows
from coordination.text import normalize_name, slug


@dataclass(frozen=True)
class DemoSummary:
    """What `build_demo_commune` wrote."""

    name: str  # of the demo commune
    districts_added: int
    actors: int
    contributions: int
    cooperations: int
    bodies: int
    memberships: int
    contact_persons: int
    assessments: int
    indicator_values: int = 0


@dataclass
class Lookups:
    types: dict[str, int]
    groups: dict[str, int]
    fields: dict[str, int]
    languages: dict[str, int]
    commitments: dict[int, int]
    prerequisites: dict[str, int]
    indicators: dict[str, int] = field(default_factory=dict)
    districts: dict[str, int] = field(default_factory=dict)  # demo district name -> id


def lookups_for(demo: DemoCommune) -> Lookups:
    """Ids of the seeded reference entries the demo refers to by key."""
    def by_key(model) -> dict:
        return dict(db.session.execute(sa.select(model.key, model.id).where(model.key.is_not(None))).all())

    lookups = Lookups(types=by_key(ActorType), groups=by_key(TargetGroup),
                       fields=by_key(FieldOfAction), languages=by_key(Language),
                       commitments=dict(db.session.execute(sa.select(Commitment.number,
                                                                     Commitment.id)).all()),
                       prerequisites=by_key(Prerequisite), indicators=by_key(Indicator))
    missing = sorted({a.type for a in demo.actors} - set(lookups.types))
    if missing or len(lookups.commitments) < 10:
        raise ValidationError({"with_demo": _(
            "Die Demo-Daten brauchen die mitgelieferten Akteurstypen und Selbstverpflichtungen; "
            "es fehlen: %(missing)s.", missing=", ".join(missing) or _("Selbstverpflichtungen"))})
    return lookups


def write_districts(demo: DemoCommune, lookups: Lookups) -> int:
    """Add the demo's districts that the commune does not have yet; returns how many."""
    existing = {name.casefold(): district_id for district_id, name in
                db.session.execute(sa.select(District.id, District.name))}
    position = db.session.scalar(sa.select(sa.func.max(District.position))) or 0
    rows = []
    for district in demo.districts:
        if district.name.casefold() not in existing:
            position += 1
            rows.append({"name": district.name, "position": position,
                         "special_need": district.special_need,
                         "is_funding_area": district.funding_area})
    if rows:
        insert_rows(District.__table__, rows)
    ids = {name.casefold(): district_id for district_id, name in
           db.session.execute(sa.select(District.id, District.name))}
    lookups.districts = {d.name: ids[d.name.casefold()] for d in demo.districts}
    return len(rows)


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=UTC)


# words left out of the demo's made-up host names ("Verein der Freunde e. V." -> verein-freunde)
HOST_SKIP = frozenset({"e", "v", "der", "die", "des", "und", "fuer", "am"})


def _host(name: str) -> str:
    return slug(name, skip=HOST_SKIP, words=3)


def write_plan(plan: Plan, lookups: Lookups, by: User | None, districts_added: int,
               advisory_body_name: str) -> DemoSummary:
    """Insert everything the plan decided, with bulk inserts."""
    demo = plan.demo
    streets = {district.name: district.streets for district in demo.districts}

    def town(home: str) -> str:  # a Landkreis's districts are its Gemeinden
        return home if demo.kind == CommuneKind.DISTRICT else demo.name
    rng, today = plan.rng, plan.today
    user_id = by.id if by else None
    tracked = {"created_by_id": user_id, "updated_by_id": user_id, "version": 1}

    # actors, with the target groups and fields of their offers
    groups_of: dict[str, list[str]] = {}
    fields_of: dict[str, list[str]] = {}
    for offer in plan.offers:
        groups_of.setdefault(offer.lead, []).extend(offer.groups)
        fields_of.setdefault(offer.lead, []).append(offer.field_key)
    actor_rows = []
    for actor in demo.actors:
        reviewed = plan.reviewed[actor.name]
        home = actor.districts[0] if actor.districts else (
            demo.administration_home if actor.municipal else rng.choice(demo.home_districts))
        street = (demo.administration_street if actor.type == "administration"
                  else rng.choice(streets[home]))
        host = _host(actor.name)
        has_web = actor.place != ISOLATED and rng.random() < 0.7
        actor_rows.append({
            "name": actor.name, "name_key": normalize_name(actor.name),
            "type_id": lookups.types[actor.type], "migrant_led": actor.migrant_led,
            "municipal": actor.municipal,
            "description": actor.description or demo.type_descriptions.get(actor.type, ""),
            "address": f"{street} {rng.randint(1, 80)}, {demo.postcode} {town(home)}",
            "whole_commune": not actor.districts,
            "website": f"https://www.{host}.example" if has_web else "",
            "email": f"info@{host}.example" if has_web else "",
            "phone": f"01234 {rng.randint(10000, 99999)}" if rng.random() < 0.8 else "",
            "status": ActorStatus(actor.status), "last_reviewed": reviewed,
            "created_at": _stamp(reviewed - timedelta(days=rng.randint(0, 700))),
            "updated_at": _stamp(reviewed), **tracked,
        })
    actors = demo.actors
    actor_ids = dict(zip([a.name for a in actors], insert_returning_ids(Actor.__table__, actor_rows)))
    insert_links(actor_districts, [(actor_ids[a.name], lookups.districts[d])
                                   for a in actors for d in a.districts])
    insert_links(actor_target_groups, [(actor_ids[a.name], lookups.groups[g]) for a in actors
                                       for g in groups_of.get(a.name, ("all",))[:4]])
    insert_links(actor_fields, [(actor_ids[a.name], lookups.fields[f]) for a in actors
                                for f in fields_of.get(a.name, ())])
    insert_links(actor_languages, [(actor_ids[a.name], lookups.languages[code]) for a in actors
                                   for code in ("de",) + a.languages if code in lookups.languages])

    # contributions
    contribution_ids = insert_returning_ids(Contribution.__table__, [{
        "title": offer.title, "commitment_id": lookups.commitments[offer.commitment],
        "kind": offer.kind, "field_of_action_id": lookups.fields[offer.field_key],
        "status": offer.status, "start_date": offer.start, "end_date": offer.end,
        "description": "", "whole_commune": offer.whole_commune,
        "last_reviewed": offer.last_reviewed,
        "created_at": _stamp(min(offer.last_reviewed, offer.start or today)),
        "updated_at": _stamp(offer.last_reviewed), **tracked,
    } for offer in plan.offers])
    participants = []
    for contribution_id, offer in zip(contribution_ids, plan.offers):
        participants.append({"contribution_id": contribution_id,
                             "actor_id": actor_ids[offer.lead], "is_lead": True})
        participants.extend({"contribution_id": contribution_id, "actor_id": actor_ids[name],
                             "is_lead": False} for name in offer.partners)
    insert_rows(ContributionParticipant.__table__, participants)
    pairs = list(zip(contribution_ids, plan.offers))
    insert_links(contribution_target_groups, [(cid, lookups.groups[g]) for cid, o in pairs
                                              for g in o.groups])
    insert_links(contribution_districts, [(cid, lookups.districts[d]) for cid, o in pairs
                                          for d in o.districts])
    insert_links(contribution_languages, [(cid, lookups.languages[code]) for cid, o in pairs
                                          for code in o.languages if code in lookups.languages])

    # cooperations (stored with the smaller actor id first)
    ties = list(plan.ties.values())
    cooperation_ids = insert_returning_ids(Cooperation.__table__, [{
        "actor_a_id": min(actor_ids[tie.a], actor_ids[tie.b]),
        "actor_b_id": max(actor_ids[tie.a], actor_ids[tie.b]),
        "kind": tie.kind, "start_date": tie.start, "end_date": tie.end,
        "intensity": tie.intensity,
        "written_agreement": tie.kind == CooperationKind.AGREEMENT,
        "note": tie.note, "created_at": _stamp(tie.start), "updated_at": _stamp(tie.start),
        **tracked,
    } for tie in ties])
    insert_links(cooperation_commitments, [(cid, lookups.commitments[number])
                                           for cid, tie in zip(cooperation_ids, ties)
                                           for number in tie.commitments])

    # bodies and their members (the lead is a member too)
    body_rows, member_lists = [], []
    for body in demo.bodies:
        name = body.name
        if body.kind == BodyKind.ADVISORY_COUNCIL and advisory_body_name:
            name = f"{advisory_body_name} {demo.advisory_body_suffix}"
        founded = plan.days_ago(900, 3500)
        body_rows.append({"name": name, "name_key": normalize_name(name), "kind": body.kind,
                          "lead_actor_id": actor_ids[body.lead], "active": body.active,
                          "description": body.description, "created_at": _stamp(founded),
                          "updated_at": _stamp(founded), **tracked})
        member_lists.append((founded, body.lead, body.members))
    body_ids = insert_returning_ids(Body.__table__, body_rows)
    memberships = []
    for body_id, (founded, lead, members) in zip(body_ids, member_lists):
        memberships.append({"body_id": body_id, "actor_id": actor_ids[lead],
                            "role": "Federführung", "since": founded, "until": None})
        for index, member in enumerate(members):
            since = founded + timedelta(days=rng.randint(0, max(1, (today - founded).days - 30)))
            left = index == len(members) - 1 and rng.random() < 0.5
            memberships.append({"body_id": body_id, "actor_id": actor_ids[member],
                                "role": "stellv. Vorsitz" if index == 0 else rng.choice(
                                    ("Mitglied", "Mitglied", "Mitglied", "beratendes Mitglied")),
                                "since": since,
                                "until": today - timedelta(days=rng.randint(10, 200)) if left
                                else None})
    insert_rows(BodyMembership.__table__, memberships)

    # contact persons and assessments
    contacts = [{"actor_id": actor_ids[c.actor], "name": c.name, "role": c.role,
                 "email": f"{c.mailbox}@{_host(c.actor)}.example",
                 "phone": f"01234 {rng.randint(10000, 99999)}", "version": 1}
                for c in demo.contacts]
    insert_rows(ContactPerson.__table__, contacts)
    given = [a for a in demo.assessments if a.commitment is not None]
    given += [a for a in demo.assessments if a.prerequisite in lookups.prerequisites]
    assessments = [{"commitment_id": lookups.commitments[a.commitment] if a.commitment else None,
                    "prerequisite_id": lookups.prerequisites[a.prerequisite]
                    if a.prerequisite else None,
                    "status": a.status, "justification": a.justification,
                    "assessed_on": plan.days_ago(20, 120), "author_id": user_id,
                    "created_at": _stamp(today)}
                   for a in given]
    insert_rows(Assessment.__table__, assessments)
    values = [{"indicator_id": lookups.indicators[v.indicator], "year": today.year - v.years_ago,
               "district_id": lookups.districts[v.district] if v.district else None,
               "value": v.value}
              for v in demo.indicator_values if v.indicator in lookups.indicators]
    insert_rows(IndicatorValue.__table__, values)
    return DemoSummary(name=demo.name, districts_added=districts_added, actors=len(actor_rows),
                       contributions=len(contribution_ids), cooperations=len(cooperation_ids),
                       bodies=len(body_ids), memberships=len(memberships),
                       contact_persons=len(contacts), assessments=len(assessments),
                       indicator_values=len(values))
