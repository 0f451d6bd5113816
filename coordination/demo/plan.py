"""The demo data planned in Python before anything is written, from one seeded generator.

The data files name the actors, the hand-written offers, bodies and ties and the deliberate gaps;
the plan adds what would be tedious to write by hand: more ties between the actors of the main
network (weighted by type affinity and shared districts), offers from each type's menu, and the
commitments each tie serves. It is deterministic: the same data file, seed and reference date
give identical data, because every random choice comes from one `random.Random(seed)` and nothing
iterates over an unordered collection. Dates are relative to `today`, so the analysis (stale
entries, offers ending soon) finds the same things on any day.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx

from coordination.demo.data import CLUSTER, CORE, ISOLATED, PERIPHERY, DemoActor, DemoCommune, OfferEntry
from coordination.models import ContributionKind, ContributionStatus, CooperationKind

K = CooperationKind


@dataclass
class Tie:
    a: str
    b: str
    kind: CooperationKind
    intensity: int
    start: date
    end: date | None = None
    commitments: list[int] = field(default_factory=list)
    note: str = ""


@dataclass
class Offer:
    lead: str
    commitment: int
    title: str
    kind: ContributionKind
    field_key: str
    groups: tuple[str, ...]
    districts: tuple[str, ...]
    whole_commune: bool
    status: ContributionStatus
    start: date | None
    end: date | None
    last_reviewed: date
    partners: list[str] = field(default_factory=list)
    languages: tuple[str, ...] = ()


class Plan:
    """The demo data as plain Python values, decided by one seeded random generator.

    Order: hand-set ties, generated ties, a direct tie to the administration for every migrant
    organisation not meant to be at the edge, offers (re-drawn where they would duplicate an
    unrelated actor's offer), ties that join the actors of each commitment, and last the
    commitments each tie serves.
    """

    def __init__(self, demo: DemoCommune, today: date):
        self.demo, self.gaps = demo, demo.gaps
        self.rng, self.today = random.Random(demo.seed), today
        self.actors = {actor.name: actor for actor in demo.actors}
        self.locative = {district.name: district.locative for district in demo.districts}
        self.reviewed = {name: self._review_date(name) for name in self.actors}
        self.ties: dict[tuple[str, str], Tie] = {}
        self.adjacent: dict[str, set[str]] = {name: set() for name in self.actors}
        self.forbidden = {frozenset(lead for lead, _title in demo.gaps.duplicate_offers)}
        self.active_core = [a for a in demo.actors if a.place == CORE and a.status == "active"]
        self._plan_ties()
        self._tie_msos_to_administration()
        self.offers: list[Offer] = []
        self.signatures: dict[tuple, list[str]] = {}
        self.reserved: set[tuple] = set()
        self._plan_offers()
        self._join_commitment_islands()
        self._tie_commitments()

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def _review_date(self, name: str) -> date:
        if name in self.gaps.stale_actors:
            return self.days_ago(400, 900)
        return self.days_ago(0, 330)

    # ties
    def partners(self, name: str) -> list[str]:
        """Everyone `name` has a cooperation with (ended ones included), sorted."""
        return sorted(self.adjacent[name])

    def tied(self, a: str, b: str) -> bool:
        """Whether `a` and `b` have an active cooperation."""
        tie = self.ties.get((a, b) if a < b else (b, a))
        return tie is not None and tie.end is None

    def may_tie(self, a: str, b: str) -> bool:
        """Whether a generated tie between `a` and `b` keeps the deliberate structure: both in
        the active core, or both in the Nordstadt cluster, or both at the edge."""
        first, second = self.actors[a], self.actors[b]
        if a == b or self.forbids(a, b):
            return False
        if first.place == second.place == CORE:
            return first.status == second.status == "active"
        return first.place == second.place and first.place in (CLUSTER, PERIPHERY)

    def _add_tie(self, a: str, b: str, kind: CooperationKind, intensity: int, *,
                 may_end: bool = False) -> None:
        for name in (a, b):
            assert name in self.actors, f"unknown demo actor {name!r}"
        key = (a, b) if a < b else (b, a)
        if a == b or key in self.ties:
            return
        start = self.days_ago(60, 3000)
        end = None
        if may_end and self.rng.random() < 0.06:
            end = self.days_ago(20, 50) if self.rng.random() < 0.5 else start + timedelta(days=365)
            end = min(end, self.today - timedelta(days=1))
            if end <= start:
                end = None
        note = ""
        if kind == CooperationKind.AGREEMENT:
            note = f"Kooperationsvereinbarung vom {start:%d.%m.%Y}"
        elif kind == CooperationKind.FUNDING:
            note = self.demo.funding_note
        self.ties[key] = Tie(key[0], key[1], kind, intensity, start, end, note=note)
        self.adjacent[a].add(b)
        self.adjacent[b].add(a)

    def forbids(self, a: str, b: str) -> bool:
        """Whether a tie between `a` and `b` would close a deliberate gap."""
        if frozenset((a, b)) in self.forbidden:
            return True
        unlinked, types = self.gaps.unlinked_actor, self.gaps.unlinked_types
        return ((a == unlinked and self.actors[b].type in types)
                or (b == unlinked and self.actors[a].type in types))

    def _tie(self, a: str, b: str, *, may_end: bool = False) -> None:
        self._add_tie(a, b, *self._kind_for(self.actors[a], self.actors[b]), may_end=may_end)

    def _candidates(self, actor: DemoActor, pool: list[DemoActor]) -> tuple[list[DemoActor], list[float]]:
        """Possible new partners of `actor` from `pool`, weighted by type affinity, shared
        districts and hubs."""
        chosen, weights = [], []
        for other in pool:
            if (other.name == actor.name or other.name in self.adjacent[actor.name]
                    or self.forbids(actor.name, other.name)):
                continue
            weight = 1.0 + self.demo.affinity.get(frozenset((actor.type, other.type)), 0)
            if set(actor.districts) & set(other.districts):
                weight += 3
            if other.type in self.demo.hub_types:
                weight += 1.5
            chosen.append(other)
            weights.append(weight)
        return chosen, weights

    def _plan_ties(self) -> None:
        rng, active_core = self.rng, self.active_core
        for tie in self.demo.ties:
            self._add_tie(tie.a, tie.b, tie.kind, tie.intensity)
        legal_sphere = self.gaps.legal_sphere
        for i, a in enumerate(legal_sphere):
            for b in legal_sphere[i + 1:]:
                self._add_tie(a, b, CooperationKind.REFERRAL, 2 + (i % 2))
        # a spanning tree over the active core, so the core is one connected network
        for index, actor in enumerate(active_core[1:], start=1):
            earlier = {a.name for a in active_core[:index]}
            if self.adjacent[actor.name] & earlier:
                continue
            pool, weights = self._candidates(actor, active_core[:index])
            self._tie(actor.name, rng.choices(pool, weights)[0].name)
        # more ties up to a degree of 2-5 for each core actor (dormant ones 1-2, never relied on)
        for actor in (a for a in self.demo.actors if a.place == CORE):
            target = rng.choice((2, 3, 3, 4, 4, 5)) if actor.status == "active" else rng.choice((1, 2))
            for _attempt in range(target):
                if len(self.adjacent[actor.name]) >= target:
                    break
                pool, weights = self._candidates(actor, active_core)
                self._tie(actor.name, rng.choices(pool, weights)[0].name, may_end=True)

    def _tie_msos_to_administration(self) -> None:
        """Every active migrant organisation of the core gets a direct tie to the administration
        unless it sits in a coordinating body, so the edge group alone is `mso-peripheral`."""
        coordinating = {name for body in self.demo.bodies if body.kind.coordinates and body.active
                        for name in (body.lead, *body.members)}
        administration = [a for a in self.active_core if a.municipal or a.type == "administration"]
        for actor in self.active_core:
            if not actor.migrant_led or actor.name in coordinating or any(
                    self.tied(actor.name, other.name) for other in administration):
                continue
            pool, weights = self._candidates(actor, administration)
            self._tie(actor.name, self.rng.choices(pool, weights)[0].name)

    def _kind_for(self, a: DemoActor, b: DemoActor) -> tuple[CooperationKind, int]:
        types = {a.type, b.type}
        if "foundation" in types:
            options = ((K.FUNDING, 5), (K.PROJECT_PARTNERSHIP, 2))
        elif ("administration" in types or a.municipal or b.municipal) and types & {
                "mso", "association", "initiative", "religious", "other"}:
            options = ((K.FUNDING, 3), (K.AGREEMENT, 2), (K.INFORMAL, 2), (K.PROJECT_PARTNERSHIP, 2))
        elif types <= {"welfare", "jobcenter", "employment_agency", "immigration_office",
                       "administration", "health"}:
            options = ((K.REFERRAL, 4), (K.AGREEMENT, 2), (K.INFORMAL, 1))
        elif types & {"school", "kita"}:
            options = ((K.PROJECT_PARTNERSHIP, 3), (K.INFORMAL, 2), (K.AGREEMENT, 1), (K.REFERRAL, 1))
        elif "welfare" in types and types & {"mso", "association", "initiative"}:
            options = ((K.PROJECT_PARTNERSHIP, 3), (K.INFORMAL, 2), (K.MEMBERSHIP, 1))
        else:
            options = ((K.PROJECT_PARTNERSHIP, 3), (K.INFORMAL, 3), (K.REFERRAL, 2),
                       (K.AGREEMENT, 1))
        kinds, weights = zip(*options)
        return self.rng.choices(kinds, weights)[0], self.rng.choice((1, 2, 2, 3))

    # offers
    def _menu(self, actor: DemoActor) -> list[OfferEntry]:
        if actor.type == "school" and actor.name.startswith("Grundschule"):
            menu = self.demo.menus["primary_school"]
        else:
            menu = self.demo.menus.get(actor.type, ())
        gap = self.gaps.district_without_neighbourhood_work
        return [entry for entry in menu if not (  # the deliberate gap of commitment 7
            entry.commitment == 7 and actor.districts and set(actor.districts) <= {gap})]

    def _plan_offers(self) -> None:
        rng = self.rng
        places = [d.name for d in self.demo.districts if d.name != self.gaps.empty_district]
        for actor in self.demo.actors:  # hand-written offers first, so generated ones avoid them
            for entry in self.demo.offers.get(actor.name, ()):
                where = self._where(actor, entry, places)
                deliberate = (actor.name, entry.title) in self.gaps.duplicate_offers
                self._settle(actor, entry, where, reserve=deliberate)
                self.offers.append(self._offer(actor, entry, where, partners=not deliberate,
                                               active=True))
        for actor in self.demo.actors:
            if actor.name in self.demo.offers or (actor.place == ISOLATED and actor.type == "employer"):
                continue
            menu = self._menu(actor)
            count = 1 if actor.place in (PERIPHERY, ISOLATED, CLUSTER) else rng.choice((1, 1, 2))
            options = rng.sample(menu, len(menu))
            chosen = []
            for entry in options:
                where = self._where(actor, entry, places)
                if not self._conflicts(actor, entry, where):
                    chosen.append((entry, where))
                    if len(chosen) == count:
                        break
            if not chosen:  # every choice duplicates someone: cooperate instead
                for entry in options:
                    where = self._where(actor, entry, places)
                    if self._conflicts(actor, entry, where) != ["reserved"]:
                        chosen.append((entry, where))
                        break
            for entry, where in chosen:
                self._settle(actor, entry, where)
                self.offers.append(self._offer(actor, entry, where))
        if self.gaps.ended_offer:
            lead, entry = self.gaps.ended_offer
            offer = self._offer(self.actors[lead], entry, ((), True))
            offer.status, offer.start = ContributionStatus.ENDED, self.days_ago(1500, 1900)
            offer.end = offer.start + timedelta(days=730)
            self.offers.append(offer)
        # entries nobody looked at for long: two of them are past their end and still "aktiv"
        overdue = 0
        for offer in self.offers:
            if offer.lead in self.gaps.stale_actors:
                offer.last_reviewed = self.reviewed[offer.lead]
                if overdue < 2 and offer.status == ContributionStatus.ACTIVE and offer.end is None:
                    offer.end = self.days_ago(30, 90)
                    overdue += 1

    def _where(self, actor: DemoActor, entry: OfferEntry, places: list[str]) -> tuple[tuple[str, ...], bool]:
        """The districts of an offer (and whether it is for the whole commune)."""
        commitment = entry.commitment
        if entry.districts is not None:
            districts, whole = entry.districts, False
        elif actor.districts:
            districts, whole = actor.districts, False
        elif commitment == 7 or self.rng.random() < 0.45:
            districts, whole = tuple(sorted(self.rng.sample(places, self.rng.randint(1, 3)),
                                            key=places.index)), False
        else:
            districts, whole = (), True
        gap = self.gaps.district_without_neighbourhood_work
        if commitment == 7 and gap:  # the deliberate gap: no commitment-7 work there
            districts = tuple(d for d in districts if d != gap) or (
                self.gaps.neighbourhood_work_fallback,)
        return districts, whole

    @staticmethod
    def _signatures(entry: OfferEntry, where: tuple) -> list[tuple]:
        """What makes two offers look alike to `possible-duplicate-structure`."""
        districts, whole = where
        return [(entry.commitment, group, place, entry.field)
                for group in entry.groups for place in (districts if not whole else (None,))]

    def _conflicts(self, actor: DemoActor, entry: OfferEntry, where: tuple) -> list[str]:
        """Leads of offers that `entry` would duplicate without a cooperation between them."""
        conflicts = []
        for signature in self._signatures(entry, where):
            if signature in self.reserved:
                return ["reserved"]
            conflicts.extend(lead for lead in self.signatures.get(signature, ())
                             if lead != actor.name and not self.tied(actor.name, lead))
        return sorted(set(conflicts))

    def _settle(self, actor: DemoActor, entry: OfferEntry, where: tuple, *, reserve: bool = False) -> None:
        """Register the offer; where it duplicates another actor's, the two cooperate (if the
        structure allows it)."""
        if not reserve:
            for lead in self._conflicts(actor, entry, where):
                if lead in self.actors and self.may_tie(actor.name, lead):
                    self._tie(actor.name, lead)
        for signature in self._signatures(entry, where):
            self.signatures.setdefault(signature, []).append(actor.name)
            if reserve:
                self.reserved.add(signature)

    def _offer(self, actor: DemoActor, entry: OfferEntry, where: tuple, *, partners: bool = True,
               active: bool = False) -> Offer:
        """An offer of `actor`; hand-written ones (`active`) run, generated ones may also be
        planned or ended."""
        rng = self.rng
        commitment = entry.commitment
        districts, whole = where
        title = entry.title.replace("{loc}", self.locative[districts[0]] if districts
                                    else self.demo.locative)
        draw = rng.random()
        if active or commitment in (self.gaps.single_actor_commitment,
                                    self.gaps.time_limited_commitment) or actor.place in (PERIPHERY, CLUSTER, ISOLATED) \
                or draw < 0.78:
            status = ContributionStatus.ACTIVE
        elif draw < 0.9:
            status = ContributionStatus.ENDED
        else:
            status = ContributionStatus.PLANNED
        if status == ContributionStatus.ACTIVE:
            start = self.days_ago(30, 1800)
            ending = rng.random()
            if commitment == self.gaps.time_limited_commitment and title not in self.gaps.lasting_offers:
                end = self.today + timedelta(days=rng.randint(20, 170))  # funding period ends
            elif commitment == self.gaps.single_actor_commitment:
                end = None
            elif ending < 0.1 and commitment in (4, 5, 6):  # enough offers to carry on
                end = self.today + timedelta(days=rng.randint(14, 170))
            elif ending < 0.25:
                end = self.today + timedelta(days=rng.randint(250, 900))
            else:
                end = None
        elif status == ContributionStatus.ENDED:
            start = self.days_ago(800, 2000)
            end = min(start + timedelta(days=rng.randint(180, 730)), self.today - timedelta(days=10))
        else:
            start = self.today + timedelta(days=rng.randint(30, 200))
            end = start + timedelta(days=rng.choice((365, 730)))
        chosen = []
        if partners and commitment != self.gaps.single_actor_commitment and rng.random() < 0.35:
            options = [p for p in self.partners(actor.name)
                       if self.tied(actor.name, p) and self.actors[p].status == "active"]
            if options:
                chosen = rng.sample(options, min(len(options), rng.randint(1, 2)))
        languages = ("de",) + actor.languages[:3]
        return Offer(actor.name, commitment, title, entry.kind, entry.field, entry.groups, districts,
                     whole, status, start, end, self.days_ago(0, 300), sorted(chosen), languages)

    def _is_active(self, offer: Offer) -> bool:
        return (offer.status == ContributionStatus.ACTIVE
                and (offer.start is None or offer.start <= self.today)
                and (offer.end is None or offer.end >= self.today))

    def _join_commitment_islands(self) -> None:
        """Actors working on the same commitment mostly know each other: where the core actors
        of a commitment fall into separate groups (active ties and shared bodies), one tie joins
        each smaller group to the largest. The edge, the cluster and the isolated actors stay
        apart (`commitment-fragmented` then names exactly them)."""
        bodies = [(body.lead, *body.members) for body in self.demo.bodies if body.active]
        for number in range(1, 11):
            names = sorted({name for offer in self.offers if offer.commitment == number
                            and self._is_active(offer) for name in (offer.lead, *offer.partners)
                            if self.actors[name].status != "dissolved"})
            graph = nx.Graph()
            graph.add_nodes_from(names)
            graph.add_edges_from((a, b) for i, a in enumerate(names) for b in names[i + 1:]
                                 if self.tied(a, b))
            for members in bodies:
                inside = [name for name in members if name in graph]
                graph.add_edges_from(zip(inside, inside[1:]))
            islands = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
            if len(islands) < 2:
                continue
            anchors = [name for name in sorted(islands[0]) if self.actors[name].place == CORE
                       and self.actors[name].status == "active"]
            for island in islands[1:]:
                core = [name for name in sorted(island) if self.actors[name].place == CORE
                        and self.actors[name].status == "active"]
                options = [(a, b) for a in core for b in anchors if self.may_tie(a, b)]
                if options:
                    self._tie(*self.rng.choice(options))

    def _tie_commitments(self) -> None:
        """Each tie serves the commitments its two actors share through offers (at most two)."""
        by_actor: dict[str, list[int]] = {}
        for offer in self.offers:
            for name in [offer.lead, *offer.partners]:
                if offer.commitment != self.gaps.single_actor_commitment:
                    by_actor.setdefault(name, []).append(offer.commitment)
        for tie in self.ties.values():
            shared = sorted(set(by_actor.get(tie.a, [])) & set(by_actor.get(tie.b, [])))
            if not shared:
                shared = sorted(set(by_actor.get(tie.a, [])) | set(by_actor.get(tie.b, [])))
                shared = self.rng.sample(shared, min(1, len(shared)))
            tie.commitments = sorted(shared[:2])
