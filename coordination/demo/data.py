"""Reading a demo commune from its data files.

A demo commune is one TOML file in this folder (`musterstadt.toml`, `musterkreis.toml`,
`mustergemeinde.toml`) plus `common.toml`, which holds what all of them share: the offers an actor
of each type may run and the weights that make some type pairs cooperate more often. The files
are written for a coordinator to read and change; this module turns them into frozen values and
checks that every name they refer to exists, so a typo fails loudly when the demo is loaded.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from coordination.models import AssessmentStatus, BodyKind, CommuneKind, ContributionKind, CooperationKind

FOLDER = Path(__file__).parent
FILES = {CommuneKind.CITY: "musterstadt.toml", CommuneKind.DISTRICT: "musterkreis.toml",
         CommuneKind.MUNICIPALITY: "mustergemeinde.toml"}

# Where an actor sits in the deliberate structure of the network:
CORE = "core"            # the connected main network
CLUSTER = "cluster"      # a group that hangs on one actor (the articulation point)
PERIPHERY = "periphery"  # migrant organisations reachable only through the bridge actor
BRIDGE = "bridge"        # the one actor between the periphery and the rest
ISOLATED = "isolated"    # no cooperation, no body
PLACES = (CORE, CLUSTER, PERIPHERY, BRIDGE, ISOLATED)


@dataclass(frozen=True)
class DemoActor:
    name: str
    type: str  # key of a seeded actor type
    districts: tuple[str, ...] = ()  # empty: the whole commune
    migrant_led: bool = False
    municipal: bool = False
    languages: tuple[str, ...] = ()  # besides German
    place: str = CORE
    status: str = "active"
    description: str = ""


@dataclass(frozen=True)
class OfferEntry:
    """An offer as written in a data file; `{loc}` in the title becomes the place."""

    commitment: int
    title: str
    kind: ContributionKind
    field: str  # key of a seeded field of action
    groups: tuple[str, ...]  # keys of seeded target groups
    districts: tuple[str, ...] | None = None  # None: where the actor works


@dataclass(frozen=True)
class DemoDistrict:
    name: str
    locative: str  # "in der Weststadt"
    special_need: bool = False
    funding_area: bool = False
    streets: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoBody:
    name: str
    kind: BodyKind
    lead: str
    description: str
    members: tuple[str, ...]
    active: bool = True


@dataclass(frozen=True)
class DemoTie:
    a: str
    b: str
    kind: CooperationKind
    intensity: int


@dataclass(frozen=True)
class DemoContact:
    actor: str
    name: str
    role: str
    mailbox: str  # the local part of the e-mail address


@dataclass(frozen=True)
class DemoAssessment:
    status: AssessmentStatus
    justification: str
    commitment: int | None = None
    prerequisite: str | None = None


@dataclass(frozen=True)
class DemoIndicatorValue:
    indicator: str  # key of a seeded monitoring indicator
    years_ago: int  # 1: last year (the demo is relative to its reference date)
    value: float
    district: str | None = None  # None: the whole commune


@dataclass(frozen=True)
class Gaps:
    """The deliberate gaps the analysis must find (see the comments in each data file)."""

    empty_district: str | None
    district_without_neighbourhood_work: str | None
    neighbourhood_work_fallback: str | None
    single_actor_commitment: int | None
    time_limited_commitment: int | None
    lasting_offers: tuple[str, ...]
    stale_actors: tuple[str, ...]
    duplicate_offers: tuple[tuple[str, str], ...]
    legal_sphere: tuple[str, ...]
    ended_offer: tuple[str, OfferEntry] | None
    unlinked_actor: str | None = None  # has no tie to any actor of `unlinked_types`
    unlinked_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoCommune:
    name: str
    kind: CommuneKind
    seed: int
    locative: str  # "in Musterstadt"
    postcode: str
    administration_street: str
    administration_home: str
    home_districts: tuple[str, ...]
    advisory_body_suffix: str
    funding_note: str
    roles: dict[str, str]
    gaps: Gaps
    type_descriptions: dict[str, str]
    districts: tuple[DemoDistrict, ...]
    actors: tuple[DemoActor, ...]
    offers: dict[str, tuple[OfferEntry, ...]]  # hand-written offers by actor name
    bodies: tuple[DemoBody, ...]
    ties: tuple[DemoTie, ...]  # hand-set cooperations
    contacts: tuple[DemoContact, ...]
    assessments: tuple[DemoAssessment, ...]
    menus: dict[str, tuple[OfferEntry, ...]] = field(default_factory=dict)
    affinity: dict[frozenset, int] = field(default_factory=dict)
    hub_types: tuple[str, ...] = ()
    indicator_values: tuple[DemoIndicatorValue, ...] = ()

    def names_in(self, place: str) -> tuple[str, ...]:
        return tuple(actor.name for actor in self.actors if actor.place == place)

    @property
    def inactive_bodies(self) -> tuple[str, ...]:
        return tuple(body.name for body in self.bodies if not body.active)


def _offer(entry: dict) -> OfferEntry:
    districts = entry.get("districts")
    return OfferEntry(entry["commitment"], entry["title"], ContributionKind(entry["kind"]),
                      entry["field"], tuple(entry["groups"]),
                      tuple(districts) if districts is not None else None)


def _read(name: str) -> dict:
    with open(FOLDER / name, "rb") as file:
        return tomllib.load(file)


@cache
def load_demo(kind: CommuneKind) -> DemoCommune:
    """The demo commune for a commune kind, read from its data file and checked."""
    common, raw = _read("common.toml"), _read(FILES[kind])
    meta = raw["commune"]
    gaps = raw.get("gaps", {})
    ended = gaps.get("ended_offer")
    offers: dict[str, list[OfferEntry]] = {}
    for entry in raw.get("offers", ()):
        offers.setdefault(entry["actor"], []).append(_offer(entry))
    demo = DemoCommune(
        name=meta["name"], kind=CommuneKind(meta["kind"]), seed=meta["seed"],
        locative=meta["locative"], postcode=meta["postcode"],
        administration_street=meta["administration_street"],
        administration_home=meta["administration_home"],
        home_districts=tuple(meta["home_districts"]),
        advisory_body_suffix=meta["advisory_body_suffix"], funding_note=meta["funding_note"],
        roles=dict(raw.get("roles", {})),
        gaps=Gaps(empty_district=gaps.get("empty_district"),
                  district_without_neighbourhood_work=gaps.get("district_without_neighbourhood_work"),
                  neighbourhood_work_fallback=gaps.get("neighbourhood_work_fallback"),
                  single_actor_commitment=gaps.get("single_actor_commitment"),
                  time_limited_commitment=gaps.get("time_limited_commitment"),
                  lasting_offers=tuple(gaps.get("lasting_offers", ())),
                  stale_actors=tuple(gaps.get("stale_actors", ())),
                  duplicate_offers=tuple(tuple(pair) for pair in gaps.get("duplicate_offers", ())),
                  legal_sphere=tuple(gaps.get("legal_sphere", ())),
                  ended_offer=(ended["actor"], _offer(ended)) if ended else None,
                  unlinked_actor=gaps.get("unlinked_actor"),
                  unlinked_types=tuple(gaps.get("unlinked_types", ()))),
        type_descriptions=dict(raw.get("type_descriptions", {})),
        districts=tuple(DemoDistrict(d["name"], d["locative"], d.get("special_need", False),
                                     d.get("funding_area", False), tuple(d.get("streets", ())))
                        for d in raw["districts"]),
        actors=tuple(DemoActor(a["name"], a["type"], tuple(a.get("districts", ())),
                               a.get("migrant_led", False), a.get("municipal", False),
                               tuple(a.get("languages", ())), a.get("place", CORE),
                               a.get("status", "active"), a.get("description", ""))
                     for a in raw["actors"]),
        offers={name: tuple(entries) for name, entries in offers.items()},
        bodies=tuple(DemoBody(b["name"], BodyKind(b["kind"]), b["lead"], b["description"],
                              tuple(b["members"]), b.get("active", True))
                     for b in raw.get("bodies", ())),
        ties=tuple(DemoTie(t["actors"][0], t["actors"][1], CooperationKind(t["kind"]),
                           t["intensity"]) for t in raw.get("ties", ())),
        contacts=tuple(DemoContact(c["actor"], c["name"], c["role"], c["mailbox"])
                       for c in raw.get("contacts", ())),
        assessments=tuple(DemoAssessment(AssessmentStatus(a["status"]), a["justification"],
                                         a.get("commitment"), a.get("prerequisite"))
                          for a in raw.get("assessments", ())),
        menus={key: tuple(_offer(entry) for entry in entries)
               for key, entries in common["menus"].items()},
        affinity={frozenset((a, b)): weight for a, b, weight in common["affinity"]},
        hub_types=tuple(common["hub_types"]),
        indicator_values=tuple(DemoIndicatorValue(v["indicator"], v["years_ago"], float(v["value"]),
                                                  v.get("district"))
                               for v in raw.get("indicator_values", ())),
    )
    _check(demo)
    return demo


def _check(demo: DemoCommune) -> None:
    """Every name a data file refers to must exist in it (a typo fails when loading)."""
    actors = {actor.name for actor in demo.actors}
    districts = {district.name for district in demo.districts}
    if len(actors) != len(demo.actors):
        raise ValueError(f"{demo.name}: an actor name occurs twice")
    referred = {tie.a for tie in demo.ties} | {tie.b for tie in demo.ties}
    referred |= set(demo.offers) | set(demo.roles.values()) | set(demo.gaps.stale_actors)
    referred |= set(demo.gaps.legal_sphere) | {lead for lead, _title in demo.gaps.duplicate_offers}
    referred |= {contact.actor for contact in demo.contacts}
    referred |= {name for body in demo.bodies for name in (body.lead, *body.members)}
    if demo.gaps.ended_offer:
        referred.add(demo.gaps.ended_offer[0])
    if demo.gaps.unlinked_actor:
        referred.add(demo.gaps.unlinked_actor)
    if unknown := sorted(referred - actors):
        raise ValueError(f"{demo.name}: unknown actors {unknown}")
    places = {name for actor in demo.actors for name in actor.districts}
    places |= {name for entries in demo.offers.values() for entry in entries
               for name in entry.districts or ()}
    places |= set(demo.home_districts) | {demo.administration_home}
    places |= {value.district for value in demo.indicator_values if value.district}
    if unknown := sorted(places - districts):
        raise ValueError(f"{demo.name}: unknown districts {unknown}")
    if unknown := sorted({actor.place for actor in demo.actors} - set(PLACES)):
        raise ValueError(f"{demo.name}: unknown places {unknown}")
