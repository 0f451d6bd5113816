"""A commune's network as plain, immutable data: the only input of the analysis.

The web application loads these records from the database (one query per table is enough);
tests and benchmarks build them by hand or with `coordination.analysis.synthetic`. Ids are the
database ids (ints). Collections of ids may be given as any iterable; they are stored as
frozensets, so records stay hashable and cheap to build::

    ActorRecord(id=1, name="Jobcenter Musterstadt", type_id=2, type_key="jobcenter",
                type_name="Jobcenter", district_ids=[3, 4])

"Active" is decided against `NetworkData.today`, the reference date (Stichtag) of the analysis,
so a snapshot analysed twice gives the same result.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache, cached_property

COMMUNE_KINDS = ("stadt", "landkreis", "gemeinde")
ACTOR_STATUSES = ("active", "dormant", "dissolved")
CONTRIBUTION_STATUSES = ("planned", "active", "ended")
COOPERATION_KINDS = ("agreement", "project_partnership", "referral", "funding", "membership",
                     "informal")
BODY_KINDS = ("round_table", "working_group", "steering_group", "advisory_council",
              "integration_conference", "democracy_partnership", "other")
# Bodies that coordinate the integration work (BodyKind.coordinates of the models reads this).
COORDINATING_BODY_KINDS = frozenset({"round_table", "working_group", "steering_group",
                                     "integration_conference"})
# Bodies in which decisions are prepared or taken: the "Entscheidungs- und Gestaltungsprozesse"
# of commitment 4 in which migrants should take part.
STEERING_BODY_KINDS = frozenset({"round_table", "steering_group", "advisory_council",
                                 "integration_conference"})


class _Record:
    """Mixin for frozen dataclasses: fields annotated as frozenset are coerced from iterables."""

    __slots__ = ()

    def __post_init__(self):
        for name in _frozenset_fields(type(self)):
            value = getattr(self, name)
            if not isinstance(value, frozenset):
                object.__setattr__(self, name, frozenset(value))


@cache
def _frozenset_fields(record_class: type) -> tuple[str, ...]:
    return tuple(spec.name for spec in fields(record_class) if spec.type.startswith("frozenset"))


def _validate(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; expected one of {', '.join(allowed)}")


@dataclass(frozen=True, slots=True)
class ActorRecord(_Record):
    """An actor. `type_key` is the stable key of a seeded actor type ("jobcenter", "mso", …;
    see coordination.reference_data.ACTOR_TYPES), None for types users added."""

    id: int
    name: str
    type_id: int
    type_key: str | None = None
    type_name: str = ""
    migrant_led: bool = False
    municipal: bool = False
    status: str = "active"
    district_ids: frozenset[int] = frozenset()
    whole_commune: bool = False
    target_group_ids: frozenset[int] = frozenset()
    last_reviewed: date | None = None
    updated_at: datetime | None = None
    # valid time: present from `since` (None: always) until the day before `until` (dissolved)
    since: date | None = None
    until: date | None = None

    def __post_init__(self):
        _Record.__post_init__(self)
        _validate(self.status, ACTOR_STATUSES, "actor status")

    def exists_on(self, on: date) -> bool:
        """Founded (or entered) on or before `on` and not dissolved by then."""
        return _present(on, self.since, self.until)

    @property
    def is_administration(self) -> bool:
        """Part of the municipal administration (flag or the seeded type "administration")."""
        return self.municipal or self.type_key == "administration"


@dataclass(frozen=True, slots=True)
class CooperationRecord(_Record):
    """An undirected tie between two actors; intensity 1 (lose) to 3 (eng)."""

    id: int
    actor_a: int
    actor_b: int
    kind: str = "informal"
    intensity: int = 2
    start: date | None = None
    end: date | None = None
    commitment_numbers: frozenset[int] = frozenset()
    written_agreement: bool = False  # a Kooperationsvereinbarung exists

    def __post_init__(self):
        _Record.__post_init__(self)
        _validate(self.kind, COOPERATION_KINDS, "cooperation kind")
        if not 1 <= self.intensity <= 3:
            raise ValueError(f"intensity must be 1..3, not {self.intensity}")
        if self.actor_a == self.actor_b:
            raise ValueError(f"cooperation {self.id} ties actor {self.actor_a} to itself")

    def is_active(self, on: date) -> bool:
        return _within(on, self.start, self.end)


@dataclass(frozen=True, slots=True)
class BodyRecord(_Record):
    """A Gremium. The lead actor (federführend) counts as a member."""

    id: int
    name: str
    kind: str = "other"
    lead_actor_id: int | None = None
    active: bool = True
    since: date | None = None
    until: date | None = None

    def __post_init__(self):
        _validate(self.kind, BODY_KINDS, "body kind")

    def exists_on(self, on: date) -> bool:
        return _present(on, self.since, self.until)


@dataclass(frozen=True, slots=True)
class MembershipRecord(_Record):
    body_id: int
    actor_id: int
    role: str = ""
    since: date | None = None
    until: date | None = None

    def is_active(self, on: date) -> bool:
        return _within(on, self.since, self.until)


@dataclass(frozen=True, slots=True)
class ContributionRecord(_Record):
    """An offer or measure under one commitment. `actor_ids` are all participants, lead included."""

    id: int
    title: str
    commitment_number: int
    status: str = "active"
    start: date | None = None
    end: date | None = None
    lead_actor_id: int | None = None
    actor_ids: frozenset[int] = frozenset()
    target_group_ids: frozenset[int] = frozenset()
    district_ids: frozenset[int] = frozenset()
    whole_commune: bool = False
    field_of_action_id: int | None = None
    last_reviewed: date | None = None
    updated_at: datetime | None = None

    def __post_init__(self):
        _Record.__post_init__(self)
        _validate(self.status, CONTRIBUTION_STATUSES, "contribution status")
        if self.lead_actor_id is not None and self.lead_actor_id not in self.actor_ids:
            object.__setattr__(self, "actor_ids", self.actor_ids | {self.lead_actor_id})

    def is_active(self, on: date) -> bool:
        """Status "active" and `on` within start and end (an offer past its end is not active)."""
        return self.status == "active" and _within(on, self.start, self.end)


@dataclass(frozen=True, slots=True)
class CommitmentRecord(_Record):
    """A commitment; `status` is the current assessment by a person (an AssessmentStatus value
    of the app: "implemented", "partial", "planned", "not_implemented", "not_applicable"), None
    while unassessed."""

    number: int
    short_title: str
    full_text: str
    status: str | None = None


@dataclass(frozen=True, slots=True)
class DistrictRecord(_Record):
    """A district; `special_need` is the flag "besonderer Handlungsbedarf"."""

    id: int
    name: str
    special_need: bool = False
    is_funding_area: bool = False
    parent_id: int | None = None


@dataclass(frozen=True, slots=True)
class TargetGroupRecord(_Record):
    """A target group; the seeded group "alle" has key "all" (see reference_data)."""

    id: int
    name: str
    key: str | None = None


@dataclass(frozen=True, slots=True)
class FieldOfActionRecord(_Record):
    id: int
    name: str
    key: str | None = None


@dataclass(frozen=True, slots=True)
class ActorTypeRecord(_Record):
    id: int
    name: str
    key: str | None = None


@dataclass(frozen=True, slots=True)
class PrerequisiteRecord(_Record):
    """A structural prerequisite; `has_assessment` is True once a status has been documented,
    `status` is the current one (as for CommitmentRecord)."""

    key: str
    name: str
    has_assessment: bool = False
    status: str | None = None


# Seeded monitoring indicators about the administration's own staff: they evidence commitment 3
# (Interkulturelle Öffnung der Verwaltung), see docs/domain.md.
STAFF_INDICATOR_KEYS = ("staff_immigration_history", "staff_intercultural_training")


def latest_year(years, on: date, keys=None) -> int | None:
    """The newest year up to `on`'s among `years`, pairs of (indicator key, year) with a value;
    with `keys`, of those indicators only. A value is dated by its year: one for a year after
    the Stichtag's does not count.

    >>> latest_year([("a", 2023), ("b", 2026), ("c", 2024)], date(2025, 6, 30), keys=("a", "b"))
    2023
    """
    return max((year for key, year in years if year <= on.year and (keys is None or key in keys)),
               default=None)


@dataclass(frozen=True, kw_only=True)
class NetworkData:
    """Everything the analysis reads, as of the reference date `today`.

    commune_kind: "stadt" (kreisfreie Stadt), "landkreis" or "gemeinde" (kreisangehörige
        Gemeinde or Stadt): who is responsible for what differs (see rules.applicability).
    latest_indicator_year: the latest year up to `today`'s with a value of any monitoring
        indicator, None without any value (a value for a later year does not count yet).
    staff_indicator_year: the same for the staff indicators (`STAFF_INDICATOR_KEYS`), which
        evidence commitment 3.
    Lookups by id (`actor_by_id`, …) are built on first use.
    """

    today: date
    commune_kind: str = "stadt"
    latest_indicator_year: int | None = None
    staff_indicator_year: int | None = None
    actors: tuple[ActorRecord, ...] = ()
    cooperations: tuple[CooperationRecord, ...] = ()
    bodies: tuple[BodyRecord, ...] = ()
    memberships: tuple[MembershipRecord, ...] = ()
    contributions: tuple[ContributionRecord, ...] = ()
    commitments: tuple[CommitmentRecord, ...] = ()
    districts: tuple[DistrictRecord, ...] = ()
    target_groups: tuple[TargetGroupRecord, ...] = ()
    fields_of_action: tuple[FieldOfActionRecord, ...] = ()
    actor_types: tuple[ActorTypeRecord, ...] = ()
    prerequisites: tuple[PrerequisiteRecord, ...] = ()

    def __post_init__(self):
        for spec in fields(self):
            value = getattr(self, spec.name)
            if spec.type.startswith("tuple") and not isinstance(value, tuple):
                object.__setattr__(self, spec.name, tuple(value))
        _validate(self.commune_kind, COMMUNE_KINDS, "commune kind")

    @cached_property
    def actor_by_id(self) -> dict[int, ActorRecord]:
        return {actor.id: actor for actor in self.actors}

    @cached_property
    def commitment_by_number(self) -> dict[int, CommitmentRecord]:
        return {commitment.number: commitment for commitment in self.commitments}

    @cached_property
    def district_by_id(self) -> dict[int, DistrictRecord]:
        return {district.id: district for district in self.districts}

    @cached_property
    def target_group_by_id(self) -> dict[int, TargetGroupRecord]:
        return {group.id: group for group in self.target_groups}

    @cached_property
    def body_by_id(self) -> dict[int, BodyRecord]:
        return {body.id: body for body in self.bodies}

    @cached_property
    def active_contributions(self) -> tuple[ContributionRecord, ...]:
        """Contributions active on `today`, in input order."""
        return tuple(c for c in self.contributions if c.is_active(self.today))

    @cached_property
    def _participants(self) -> dict[int, frozenset[int]]:
        present = {a.id for a in self.actors if a.status != "dissolved"}
        return {c.id: c.actor_ids & present for c in self.contributions}

    def contribution_actors(self, contribution: ContributionRecord) -> frozenset[int]:
        """The contribution's participants that still exist (not dissolved)."""
        return self._participants[contribution.id]


@dataclass(frozen=True)
class Thresholds:
    """Settings of the analysis (the web app reads them from its configuration).

    stale_months: an actor or offer not reviewed for longer is a `stale-entry`.
    ending_months, ending_share: `contribution-ending` fires when more than `ending_share` of a
        commitment's active offers end within `ending_months` without a planned successor.
    body_clique_max_members: bodies up to this size are projected to pairwise ties, larger ones
        to a hub node (see graph.project_bodies).
    betweenness_exact_max_nodes, betweenness_sample_k: exact betweenness up to this graph size;
        above it estimated from random sources, as many as cost the exact computation at the
        limit and at least `betweenness_sample_k` (see metrics.betweenness_sample_size;
        docs/performance.md has the accuracy and the times).
    spof_high_cutoff: a single point of failure cutting off at least this many actors is "hoch".
    monitoring_years: `monitoring-outdated` fires when no indicator has a value in this many
        years up to the reference year.
    seed: seed of every random choice (sampling, Louvain), so results are reproducible.
    """

    stale_months: int = 12
    ending_months: int = 6
    ending_share: float = 0.5
    body_clique_max_members: int = 30
    betweenness_exact_max_nodes: int = 5000
    betweenness_sample_k: int = 1000
    spof_high_cutoff: int = 5
    monitoring_years: int = 2
    seed: int = 42

    def __post_init__(self):
        if not 0 <= self.ending_share <= 1:
            raise ValueError(f"ending_share must lie between 0 and 1, not {self.ending_share}")
        for name in ("stale_months", "ending_months", "body_clique_max_members",
                     "betweenness_exact_max_nodes", "spof_high_cutoff", "monitoring_years"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.betweenness_sample_k < 2:
            raise ValueError("betweenness_sample_k must be at least 2")

    @classmethod
    def for_kind(cls, commune_kind: str) -> Thresholds:
        """The defaults for a commune kind: a Gemeinde's network is small, so fewer actors cut
        off make a single point of failure weighty; a Landkreis's is large."""
        return cls(**_KIND_DEFAULTS.get(commune_kind, {}))


_KIND_DEFAULTS = {"gemeinde": {"spof_high_cutoff": 3}, "landkreis": {"spof_high_cutoff": 8}}


def _within(on: date, start: date | None, end: date | None) -> bool:
    return (start is None or start <= on) and (end is None or on <= end)


def _present(on: date, since: date | None, until: date | None) -> bool:
    """From `since` on, up to the day before `until` (the day an actor or body ended)."""
    return (since is None or since <= on) and (until is None or on < until)


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    return months_after(day, -months)


def months_after(day: date, months: int) -> date:
    """The same day `months` calendar months later (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))
