"""The evidence a coordinator cites for each commitment (docs/domain.md, "Evidence per
commitment"), in numbers as of the analysis' reference date: German sentences for the status
report, which is German whatever the interface language.

Each commitment has its own evidence: coordinating bodies, cooperations and written agreements
for 2; staff indicators and the administration's own offers for 3; migrant organisations in
bodies for 4; Jobcenter/Agentur ties to employers, chambers and education providers for 6;
districts with need and their neighbourhood work for 7; and so on. Everything is counted on
the analysis data (`analysis.data`, already as of the Stichtag), plus the monitoring values and
stored reports up to that year and day.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import networkx as nx
import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.analysis.data import (
    COORDINATING_BODY_KINDS,
    STAFF_INDICATOR_KEYS,
    ActorRecord,
    NetworkData,
    months_before,
)
from coordination.analysis.text import enumeration
from coordination.extensions import db
from coordination.models import Report
from coordination.queries.analysis import Analysis, render
from coordination.queries.indicator_data import Series, all_series
from coordination.queries.suggestions import offers_text
from coordination.wording import german_wording

NAMED = 3  # names given after a count
COUNT_UNIT = "Anzahl"  # the unit of counted indicators: "142", not "142 Anzahl"
EDUCATION_TYPES = frozenset({"school", "kita", "education_provider", "university"})
LABOUR_OFFICES = frozenset({"jobcenter", "employment_agency"})
LABOUR_PARTNERS = frozenset({"employer", "chamber", "education_provider"})
COUNSELLING_TYPES = frozenset({"welfare", "immigration_office"})


def names(values: Iterable[str], more: str | None, limit: int = NAMED) -> str:
    """ "A, B, C und 2 weitere Akteure" (sorted as given); `more` is what the names are (see
    analysis.text.enumeration), None to name all."""
    listed = enumeration(values, more, shown=limit)
    return listed if isinstance(listed, str) else render(listed)


def _with_names(text: str, values: list[str], more: str) -> str:
    return f"{text} ({names(values, more)})" if values else text


@dataclass
class EvidenceContext:
    """What several commitments' evidence share, computed once per report."""

    analysis: Analysis
    prerequisite_statuses: dict[str, str]  # key -> German status or "nicht eingeschätzt"

    @property
    def data(self) -> NetworkData:
        return self.analysis.data

    @property
    def on(self) -> date:
        return self.analysis.on

    @cached_property
    def actors(self) -> dict[int, ActorRecord]:
        return {a.id: a for a in self.data.actors if a.status != "dissolved"}

    @cached_property
    def cooperations(self) -> list:
        """Active on the Stichtag (the same count as the report's figures)."""
        return [c for c in self.data.cooperations if c.is_active(self.on)]

    @cached_property
    def bodies(self) -> list:
        return [b for b in self.data.bodies if b.active]

    @cached_property
    def members(self) -> dict[int, set[int]]:
        """Body id -> its current members (the lead counts)."""
        result = {b.id: ({b.lead_actor_id} if b.lead_actor_id in self.actors else set())
                  for b in self.bodies}
        for membership in self.data.memberships:
            if membership.body_id in result and membership.actor_id in self.actors \
                    and membership.is_active(self.on):
                result[membership.body_id].add(membership.actor_id)
        return result

    def offers(self, number: int) -> list:
        return [c for c in self.data.active_contributions if c.commitment_number == number]

    def type_of(self, actor_id: int) -> str | None:
        actor = self.actors.get(actor_id)
        return actor.type_key if actor else None

    def ties(self, left: frozenset[str], right: frozenset[str]) -> list:
        """Active cooperations between an actor of a type in `left` and one in `right`."""
        return [c for c in self.cooperations
                if (self.type_of(c.actor_a) in left and self.type_of(c.actor_b) in right)
                or (self.type_of(c.actor_b) in left and self.type_of(c.actor_a) in right)]

    def with_target_group(self, offers: list, key: str) -> list:
        ids = {g.id for g in self.data.target_groups if g.key == key}
        return [c for c in offers if c.target_group_ids & ids]

    def in_field(self, offers: list, key: str) -> list:
        ids = {f.id for f in self.data.fields_of_action if f.key == key}
        return [c for c in offers if c.field_of_action_id in ids]

    def actors_of_types(self, keys: frozenset[str]) -> list[ActorRecord]:
        return sorted((a for a in self.actors.values() if a.type_key in keys),
                      key=lambda a: a.name.casefold())

    @cached_property
    def monitoring(self) -> list[Series]:
        return all_series()

    def indicator_lines(self, keys: tuple[str, ...] | None) -> list[str]:
        """"<indicator> <year>: <value> <unit>" for the newest value up to the Stichtag's year."""
        lines = []
        for series in self.monitoring:
            if keys is not None and series.key not in keys:
                continue
            points = [p for p in series.commune_points if p.year <= self.on.year]
            if points:
                value = f"{points[-1].value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
                unit = "" if series.unit == COUNT_UNIT else series.unit
                lines.append(f"{series.name} {points[-1].year}: {value} {unit}".strip())
        return lines


def _offers_line(context: EvidenceContext, number: int) -> str:
    offers = context.offers(number)
    actors = {a for c in offers for a in context.data.contribution_actors(c)}
    return offers_text(len(offers), len(actors))


def _main_network_share(context: EvidenceContext) -> int | None:
    graph = context.analysis.result.graph
    present = [n for n in graph.nodes if n in context.actors]
    if not present:
        return None
    largest = max((len(c) for c in nx.connected_components(graph.subgraph(present))), default=0)
    return round(100 * largest / len(present))


def _commitment_1(context: EvidenceContext) -> list[str]:
    steering = [b.name for b in context.bodies if b.kind == "steering_group"
                and context.actors.get(b.lead_actor_id) is not None
                and context.actors[b.lead_actor_id].is_administration]
    return [_("Gesamtstrategie (Strukturvoraussetzung): %(status)s",
              status=context.prerequisite_statuses.get("strategy") or _("nicht eingeschätzt")),
            _with_names(ngettext(
                "%(num)d ämterübergreifende Steuerungsgruppe unter Federführung der Verwaltung",
                "%(num)d ämterübergreifende Steuerungsgruppen unter Federführung der Verwaltung",
                len(steering)), steering, "body")]


def _commitment_2(context: EvidenceContext) -> list[str]:
    coordinating = [b.name for b in context.bodies if b.kind in COORDINATING_BODY_KINDS]
    agreements = sum(1 for c in context.cooperations if c.written_agreement or c.kind == "agreement")
    lines = [_with_names(ngettext("%(num)d koordinierendes Gremium",
                                  "%(num)d koordinierende Gremien", len(coordinating)),
                         coordinating, "body"),
             ngettext("eine aktive Kooperation, davon %(agreements)d mit schriftlicher "
                      "Vereinbarung", "%(num)d aktive Kooperationen, davon %(agreements)d mit "
                      "schriftlicher Vereinbarung", len(context.cooperations),
                      agreements=agreements)]
    share = _main_network_share(context)
    if share is not None:
        lines.append(_("%(share)d %% der Akteure sind mit dem Hauptnetz verbunden", share=share))
    return lines


def _commitment_3(context: EvidenceContext) -> list[str]:
    """Staff indicators, and the offers of this commitment the administration itself takes part
    in: what the suggestion reads (analysis.suggestions). Its offers under other commitments are
    services to migrants, not its own intercultural opening."""
    own = [c for c in context.offers(3)
           if any(context.actors.get(a) is not None and context.actors[a].is_administration
                  for a in context.data.contribution_actors(c))]
    lines = context.indicator_lines(STAFF_INDICATOR_KEYS) or [
        _("Personalkennzahlen (Beschäftigte mit Einwanderungsgeschichte, interkulturelle "
          "Fortbildung) sind im Integrationsmonitoring nicht erfasst")]
    if not context.offers(3):
        return lines
    if not own:
        return lines + [_("An keinem dieser Angebote ist die Verwaltung selbst beteiligt")]
    return lines + [_with_names(ngettext(
        "An einem dieser Angebote ist die Verwaltung selbst beteiligt",
        "An %(num)d dieser Angebote ist die Verwaltung selbst beteiligt", len(own)),
        sorted((c.title for c in own), key=str.casefold), "offer")]


def _commitment_4(context: EvidenceContext) -> list[str]:
    offers = context.offers(4)
    contributing = {a for c in context.data.active_contributions
                    for a in context.data.contribution_actors(c)
                    if context.actors.get(a) and context.actors[a].migrant_led}
    in_bodies = sorted({context.actors[a].name for members in context.members.values()
                        for a in members if context.actors[a].migrant_led}, key=str.casefold)
    councils = [b.name for b in context.bodies if b.kind == "advisory_council"]
    return [ngettext("%(num)d Migrantenorganisation mit aktiven Angeboten",
                     "%(num)d Migrantenorganisationen mit aktiven Angeboten", len(contributing)),
            _with_names(ngettext("%(num)d Migrantenorganisation in Gremien",
                                 "%(num)d Migrantenorganisationen in Gremien", len(in_bodies)),
                        in_bodies, "actor"),
            _with_names(_("Integrationsrat/-beirat: ja") if councils
                        else _("Integrationsrat/-beirat: nicht erfasst"), councils, "body"),
            ngettext("%(num)d Ehrenamtsangebot", "%(num)d Ehrenamtsangebote",
                     len(context.in_field(offers, "volunteering"))),
            ngettext("%(num)d Angebot für Frauen", "%(num)d Angebote für Frauen",
                     len(context.with_target_group(context.data.active_contributions, "women")))]


def _commitment_5(context: EvidenceContext) -> list[str]:
    education = context.actors_of_types(EDUCATION_TYPES)
    guides = [c for c in context.offers(5) if "lotse" in c.title.casefold()]
    ties = context.ties(EDUCATION_TYPES, COUNSELLING_TYPES | {"mso"})
    return [ngettext("%(num)d Schule, Kita oder Bildungsträger",
                     "%(num)d Schulen, Kitas und Bildungsträger", len(education)),
            _with_names(ngettext("%(num)d Lotsenangebot", "%(num)d Lotsenangebote", len(guides)),
                        [c.title for c in guides], "offer"),
            ngettext("%(num)d Kooperation zwischen Bildung und Migrationsberatung",
                     "%(num)d Kooperationen zwischen Bildung und Migrationsberatung", len(ties))]


def _commitment_6(context: EvidenceContext) -> list[str]:
    ties = context.ties(LABOUR_OFFICES, LABOUR_PARTNERS)
    partners = sorted({context.actors[a].name for c in ties for a in (c.actor_a, c.actor_b)
                       if context.type_of(a) in LABOUR_PARTNERS}, key=str.casefold)
    language = context.in_field(context.offers(6), "language")
    offices = context.actors_of_types(LABOUR_OFFICES)
    return [_with_names(ngettext("%(num)d Jobcenter bzw. Agentur für Arbeit im Netz",
                                 "%(num)d Jobcenter und Agenturen für Arbeit im Netz",
                                 len(offices)), [a.name for a in offices], "actor"),
            _with_names(ngettext("%(num)d Kooperation mit Arbeitgebern, Kammern und "
                                 "Bildungsträgern", "%(num)d Kooperationen mit Arbeitgebern, "
                                 "Kammern und Bildungsträgern", len(ties)), partners, "actor"),
            ngettext("%(num)d berufsbezogenes Sprachangebot", "%(num)d berufsbezogene "
                     "Sprachangebote", len(language))]


def _commitment_7(context: EvidenceContext) -> list[str]:
    need = [d for d in context.data.districts if d.special_need]
    words = german_wording()
    if not need:
        return [_("Keine %(districts)s mit besonderem Handlungsbedarf erfasst",
                  districts=words.districts)]
    served = set()
    for offer in context.offers(7):
        served |= offer.district_ids
    for actor in context.actors.values():
        if actor.type_key == "neighbourhood_management":
            served |= actor.district_ids
    without = [d.name for d in need if d.id not in served]
    lines = [ngettext("%(num)d %(district)s mit besonderem Handlungsbedarf, davon %(served)d "
                      "mit Quartiersarbeit", "%(num)d %(district)s mit besonderem "
                      "Handlungsbedarf, davon %(served)d mit Quartiersarbeit", len(need),
                      district=words.district if len(need) == 1 else words.districts,
                      served=len(need) - len(without))]
    if without:
        lines.append(_("ohne Quartiersarbeit: %(names)s", names=names(without, None)))
    return lines


def _commitment_8(context: EvidenceContext) -> list[str]:
    development = context.actors_of_types(frozenset({"economic_development"}))
    chambers = context.actors_of_types(frozenset({"chamber"}))
    founders = context.with_target_group(context.data.active_contributions, "entrepreneurs")
    return [_with_names(_("Wirtschaftsförderung: beteiligt") if development
                        else _("Wirtschaftsförderung: nicht erfasst"), [a.name for a in development],
                        "actor"),
            ngettext("%(num)d Kammer oder Wirtschaftsverband",
                     "%(num)d Kammern und Wirtschaftsverbände", len(chambers)),
            ngettext("%(num)d Angebot für Unternehmer:innen", "%(num)d Angebote für "
                     "Unternehmer:innen", len(founders))]


def _commitment_9(context: EvidenceContext) -> list[str]:
    partnerships = [b.name for b in context.bodies if b.kind == "democracy_partnership"]
    counselling = context.actors_of_types(frozenset({"antidiscrimination"}))
    offers = context.in_field(context.data.active_contributions, "democracy")
    return [_with_names(_("Partnerschaft für Demokratie: ja") if partnerships
                        else _("Partnerschaft für Demokratie: nicht erfasst"), partnerships,
                        "body"),
            _with_names(ngettext("%(num)d Antidiskriminierungsstelle",
                                 "%(num)d Antidiskriminierungsstellen", len(counselling)),
                        [a.name for a in counselling], "actor"),
            ngettext("%(num)d Angebot zu Antidiskriminierung und Demokratie",
                     "%(num)d Angebote zu Antidiskriminierung und Demokratie", len(offers))]


def reviewed_share(context: EvidenceContext) -> int | None:
    """Percent of present actors and active offers reviewed or changed within twelve months
    before the Stichtag."""
    since = months_before(context.on, 12)
    entries = list(context.actors.values()) + list(context.data.active_contributions)
    if not entries:
        return None

    def fresh(entry) -> bool:
        days = [d for d in (entry.last_reviewed, entry.updated_at.date() if entry.updated_at else None)
                if d is not None and d <= context.on]
        return any(d >= since for d in days)

    return round(100 * sum(1 for e in entries if fresh(e)) / len(entries))


def _commitment_10(context: EvidenceContext) -> list[str]:
    information = context.in_field(context.data.active_contributions, "information")
    share = reviewed_share(context)
    reports = db.session.scalar(sa.select(sa.func.count(Report.id))
                                .where(Report.reporting_date < context.on)) or 0
    monitoring = context.indicator_lines(None)
    return [ngettext("%(num)d Informationsangebot", "%(num)d Informationsangebote",
                     len(information)),
            _("%(share)d %% der Einträge in den letzten zwölf Monaten geprüft",
              share=share if share is not None else 0),
            ngettext("%(num)d früherer Bericht gespeichert", "%(num)d frühere Berichte gespeichert",
                     reports),
            ngettext("Integrationsmonitoring: %(num)d Kennzahl mit Werten",
                     "Integrationsmonitoring: %(num)d Kennzahlen mit Werten", len(monitoring))
            if monitoring else _("Integrationsmonitoring: keine Werte erfasst")]


_SPECIFIC = {1: _commitment_1, 2: _commitment_2, 3: _commitment_3, 4: _commitment_4,
             5: _commitment_5, 6: _commitment_6, 7: _commitment_7, 8: _commitment_8,
             9: _commitment_9, 10: _commitment_10}


def commitment_evidence(context: EvidenceContext, number: int) -> list[str]:
    """The evidence lines of commitment `number`: its active offers, then what is specific."""
    specific = _SPECIFIC.get(number)
    return [_offers_line(context, number)] + (specific(context) if specific else [])
