"""Generated communes for tests and benchmarks: deterministic, plausible, of any size.

`generate_commune(n)` builds a `NetworkData` with n actors (about a tenth of them migrant
organisations, a few administration departments and the legal-sphere institutions), about 2.5
cooperations per actor (partners are chosen partly in the same district and partly by preferential
attachment, so hubs and peripheries appear as in real networks), bodies with memberships (a tenth
of them larger than 30 members) and about 1.2 contributions per actor across the ten commitments.
The same `n` and `seed` always give the same data.
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from coordination import reference_data
from coordination.analysis import data

# Relative frequency of the seeded actor types among generated actors.
TYPE_WEIGHTS = {
    "association": 18, "initiative": 12, "mso": 10, "welfare": 8, "school": 8, "employer": 8,
    "kita": 6, "education_provider": 5, "religious": 5, "administration": 5, "health": 3,
    "other": 3, "neighbourhood_management": 1, "chamber": 1, "foundation": 1,
    "police_justice": 1, "body": 1, "university": 0.5, "economic_development": 0.5,
}
# Institutions every commune has, once per 2,000 actors: (type key, name, municipal).
INSTITUTIONS = (
    ("jobcenter", "Jobcenter", False),
    ("employment_agency", "Agentur für Arbeit", False),
    ("immigration_office", "Ausländerbehörde", True),
    ("administration", "Sozialamt", True),
    ("administration", "Integrationsbüro", True),
    ("welfare", "Migrationsberatung für Erwachsene (MBE)", False),
    ("welfare", "Jugendmigrationsdienst (JMD)", False),
)
# Relative frequency of the commitments among generated contributions (8 and 3 are rare).
COMMITMENT_WEIGHTS = (2, 4, 1, 8, 10, 8, 6, 0.5, 3, 4)
ACTORS_PER_DISTRICT = 100
ACTORS_PER_BODY = 40
COOPERATIONS_PER_ACTOR = 2.5
CONTRIBUTIONS_PER_ACTOR = 1.2
DEFAULT_TODAY = date(2025, 6, 30)


def generate_commune(n_actors: int, *, seed: int = 0, today: date = DEFAULT_TODAY) -> data.NetworkData:
    """A generated commune with `n_actors` actors, reproducible from `seed`.

    Runs in O(n_actors) time (a few seconds for 20,000 actors).
    """
    rng = random.Random(seed)
    types = _enumerate(data.ActorTypeRecord, reference_data.ACTOR_TYPES)
    target_groups = _enumerate(data.TargetGroupRecord, reference_data.TARGET_GROUPS)
    fields_of_action = _enumerate(data.FieldOfActionRecord, reference_data.FIELDS_OF_ACTION)
    districts = _districts(rng, max(4, n_actors // ACTORS_PER_DISTRICT))
    actors = _actors(rng, n_actors, types, districts, target_groups, today)
    cooperations = _cooperations(rng, actors, today)
    bodies, memberships = _bodies(rng, actors, today)
    contributions = _contributions(rng, actors, cooperations, districts, target_groups,
                                   fields_of_action, today)
    return data.NetworkData(
        today=today, actors=actors, cooperations=cooperations, bodies=bodies,
        memberships=memberships, contributions=contributions,
        commitments=tuple(data.CommitmentRecord(number, short, text)
                          for number, short, text in reference_data.COMMITMENTS),
        districts=districts, target_groups=target_groups, fields_of_action=fields_of_action,
        actor_types=types,
        prerequisites=tuple(data.PrerequisiteRecord(key, name, has_assessment=index % 2 == 0)
                            for index, (key, name, _) in enumerate(reference_data.PREREQUISITES)),
    )


def _enumerate(record, entries):
    return tuple(record(id=index, name=name, key=key)
                 for index, (key, name) in enumerate(entries, start=1))


def _districts(rng, count):
    return tuple(data.DistrictRecord(id=index, name=f"Stadtteil {index}",
                                     special_need=rng.random() < 0.2,
                                     is_funding_area=rng.random() < 0.1)
                 for index in range(1, count + 1))


def _actors(rng, count, types, districts, target_groups, today):
    type_by_key = {t.key: t for t in types}
    keys, weights = zip(*TYPE_WEIGHTS.items())
    institutions = [entry for _ in range(max(1, count // 2000)) for entry in INSTITUTIONS]
    district_ids = [d.id for d in districts]
    group_ids = [g.id for g in target_groups]
    actors = []
    for actor_id in range(1, count + 1):
        if actor_id <= len(institutions):
            key, name, municipal = institutions[actor_id - 1]
            name = f"{name} {actor_id}"
            status = "active"
        else:
            key = rng.choices(keys, weights)[0]
            name = f"{type_by_key[key].name} {actor_id}"
            municipal = key == "administration" or (key == "kita" and rng.random() < 0.3)
            status = rng.choices(("active", "dormant", "dissolved"), (92, 5, 3))[0]
        whole_commune = rng.random() < 0.3
        reviewed = today - timedelta(days=rng.randrange(900))
        actors.append(data.ActorRecord(
            id=actor_id, name=name, type_id=type_by_key[key].id, type_key=key,
            type_name=type_by_key[key].name,
            migrant_led=key == "mso" or rng.random() < 0.03, municipal=municipal, status=status,
            district_ids=() if whole_commune else rng.sample(district_ids, rng.randint(1, 2)),
            whole_commune=whole_commune,
            target_group_ids=rng.sample(group_ids, rng.randint(1, 3)),
            last_reviewed=reviewed if rng.random() < 0.9 else None,
            updated_at=datetime.combine(reviewed, time(12))))
    return tuple(actors)


def _cooperations(rng, actors, today):
    """About 2.5 ties per actor: half within a shared district, a third preferential, rest random."""
    by_district = {}
    for actor in actors:
        for district_id in actor.district_ids:
            by_district.setdefault(district_id, []).append(actor.id)
    ids = [a.id for a in actors]
    endpoints = ids[:10]  # preferential attachment: each tie adds both ends once more
    cooperations = []
    for cooperation_id in range(1, round(COOPERATIONS_PER_ACTOR * len(actors)) + 1):
        a = rng.choice(actors)
        draw = rng.random()
        if draw < 0.5 and a.district_ids:
            b = rng.choice(by_district[min(a.district_ids)])
        elif draw < 0.85:
            b = rng.choice(endpoints)
        else:
            b = rng.choice(ids)
        if b == a.id:
            continue
        endpoints += (a.id, b)
        start = today - timedelta(days=rng.randrange(3000))
        ended = rng.random() < 0.1
        cooperations.append(data.CooperationRecord(
            id=cooperation_id, actor_a=min(a.id, b), actor_b=max(a.id, b),
            kind=rng.choice(data.COOPERATION_KINDS), intensity=rng.randint(1, 3), start=start,
            end=today - timedelta(days=rng.randrange(1, 300)) if ended else None,
            commitment_numbers=rng.sample(range(1, 11), rng.randint(0, 2))))
    return tuple(cooperations)


def _bodies(rng, actors, today):
    """One body per 40 actors; a tenth of them are large (31-80 members), the rest 4-20."""
    administration = [a.id for a in actors if a.is_administration] or [actors[0].id]
    ids = [a.id for a in actors]
    bodies, memberships = [], []
    for body_id in range(1, max(3, len(actors) // ACTORS_PER_BODY) + 1):
        size = rng.randint(31, 80) if rng.random() < 0.1 else rng.randint(4, 20)
        lead = rng.choice(administration) if rng.random() < 0.6 else rng.choice(ids)
        bodies.append(data.BodyRecord(id=body_id, name=f"Gremium {body_id}",
                                      kind=rng.choice(data.BODY_KINDS), lead_actor_id=lead,
                                      active=rng.random() < 0.9))
        for actor_id in rng.sample(ids, min(size, len(ids))):
            left = rng.random() < 0.05
            memberships.append(data.MembershipRecord(
                body_id=body_id, actor_id=actor_id, role="Mitglied",
                since=today - timedelta(days=rng.randrange(2000)),
                until=today - timedelta(days=1) if left else None))
    return tuple(bodies), tuple(memberships)


def _contributions(rng, actors, cooperations, districts, target_groups, fields_of_action, today):
    """Offers led by a random actor, a third of them shared with one or two of its partners."""
    partners = {}
    for cooperation in cooperations:
        partners.setdefault(cooperation.actor_a, []).append(cooperation.actor_b)
        partners.setdefault(cooperation.actor_b, []).append(cooperation.actor_a)
    district_ids = [d.id for d in districts]
    group_ids = [g.id for g in target_groups]
    field_ids = [f.id for f in fields_of_action]
    contributions = []
    for contribution_id in range(1, round(CONTRIBUTIONS_PER_ACTOR * len(actors)) + 1):
        lead = rng.choice(actors).id
        actor_ids = {lead}
        if lead in partners and rng.random() < 0.33:
            actor_ids.update(rng.sample(partners[lead], min(len(partners[lead]),
                                                            rng.randint(1, 2))))
        status = rng.choices(("active", "ended", "planned"), (75, 15, 10))[0]
        start = today + timedelta(days=rng.randrange(-1500, 0 if status != "planned" else 200))
        ends_soon = status == "active" and rng.random() < 0.2
        end = (today + timedelta(days=rng.randrange(1, 180)) if ends_soon
               else today - timedelta(days=rng.randrange(1, 400)) if status == "ended" else None)
        whole_commune = rng.random() < 0.3
        contributions.append(data.ContributionRecord(
            id=contribution_id, title=f"Angebot {contribution_id}",
            commitment_number=rng.choices(range(1, 11), COMMITMENT_WEIGHTS)[0], status=status,
            start=start, end=end, lead_actor_id=lead, actor_ids=actor_ids,
            target_group_ids=rng.sample(group_ids, rng.randint(1, 3)),
            district_ids=() if whole_commune else rng.sample(district_ids, rng.randint(1, 2)),
            whole_commune=whole_commune, field_of_action_id=rng.choice(field_ids),
            last_reviewed=today - timedelta(days=rng.randrange(700))))
    return tuple(contributions)
