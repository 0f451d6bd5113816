"""Gap rules about each commitment's coverage: whether anybody works on it, whether it hangs on
one actor, whether its actors form one network, whether the actor types its text names take
part, and whether its offers run out.

Severities: commitment-uncovered hoch; commitment-single-actor, commitment-fragmented and
expected-type-missing mittel; contribution-ending hoch when all active offers end without
successor, else mittel. Each is capped by the commune kind (rules.applicability).

One fact, one finding: a commitment carried by a single actor that is not of the type its text
names gives one expected-type-missing finding naming that actor, not also
commitment-single-actor.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import NamedTuple

from coordination.analysis.data import ActorRecord, months_after
from coordination.analysis.rules import applicability
from coordination.analysis.rules.base import Context, Finding, cap, quoted_titles, rule
from coordination.analysis.rules.network import cut_groups
from coordination.analysis.rules.quotes import NETWORKING, TOLERANCE_NETWORK
from coordination.analysis.text import N_, Text, ngettext, sentences


@rule("commitment-uncovered")
def _commitment_uncovered(context: Context, finding) -> Iterator[Finding]:
    for number, coverage in context.coverage.items():
        if coverage.contribution_ids:
            continue
        planned = len(coverage.planned_contribution_ids)
        yield finding(
            cap("hoch", context.highest(number)), number,
            N_("%(commitment)s: kein aktives Angebot", commitment=context.label(number)),
            sentences(
                N_("Zu %(commitment)s ist kein aktives Angebot und keine aktive Maßnahme "
                   "erfasst.", commitment=context.label(number)),
                ngettext("Ein Angebot ist geplant.", "%(num)d Angebote sind geplant.", planned)
                if planned else N_("Es ist auch kein Angebot geplant."),
                N_("Ohne Belege außerhalb des Netzwerks gilt sie im Sachstandsbericht als nicht "
                   "umgesetzt."),
                context.cite(number)),
            contribution_ids=coverage.planned_contribution_ids)


# Commitments whose text asks the administration itself (strategy, documentation and
# evaluation): carried by the administration alone, they are not at risk of hanging on one actor.
ADMINISTRATION_TASKS = frozenset({1, 10})


@rule("commitment-single-actor")
def _commitment_single_actor(context: Context, finding) -> Iterator[Finding]:
    actors = context.data.actor_by_id
    for number, coverage in context.coverage.items():
        if len(coverage.actor_ids) != 1:
            continue
        [actor_id] = coverage.actor_ids
        if number in ADMINISTRATION_TASKS and actors[actor_id].is_administration:
            continue  # the overall strategy and its documentation are the administration's task
        if missing_expectations(context, number):
            continue  # one fact, one finding: expected-type-missing names the single actor
        label = context.label(number)
        yield finding(
            cap("mittel", context.highest(number)), number,
            N_("%(commitment)s hängt an einem einzigen Akteur", commitment=label),
            sentences(*_single_actor_sentences(context, number), context.cite(number)),
            actor_ids=coverage.actor_ids, contribution_ids=coverage.contribution_ids)


# Public offices: run by law, not by funding that may end.
PUBLIC_OFFICE_TYPES = frozenset({"immigration_office", "jobcenter", "employment_agency"})


def _single_actor_sentences(context: Context, number: int) -> tuple[Text, Text]:
    coverage = context.coverage[number]
    public = all(context.data.actor_by_id[a].is_administration
                 or context.data.actor_by_id[a].type_key in PUBLIC_OFFICE_TYPES
                 for a in coverage.actor_ids)
    return (ngettext("Träger des einzigen aktiven Angebots zu %(commitment)s: %(name)s.",
                     "Träger aller %(num)d aktiven Angebote zu %(commitment)s: %(name)s.",
                     len(coverage.contribution_ids), commitment=context.label(number),
                     name=context.names(coverage.actor_ids)),
            N_("Fällt dieser Akteur aus oder setzt er andere Schwerpunkte, ist die "
               "Selbstverpflichtung nicht mehr abgedeckt; weitere Träger einzubinden sichert "
               "die Umsetzung.") if public else
            N_("Fällt dieser Akteur aus oder endet seine Förderung, ist die "
               "Selbstverpflichtung nicht mehr abgedeckt; weitere Träger einzubinden sichert "
               "die Umsetzung."))


@rule("commitment-fragmented")
def _commitment_fragmented(context: Context, finding) -> Iterator[Finding]:
    """Actors outside the largest island, leaving out those that already have a finding of their
    own: cut off by a single point of failure, together with that articulation point when the
    group lies outside the island too (the single point of failure's finding names this
    commitment), or without any tie (actor-isolated)."""
    explained = set(context.unconnected)
    groups = cut_groups(context)
    for group in groups.values():
        explained |= group
    for number, coverage in context.coverage.items():
        if coverage.connected:
            continue
        largest = coverage.islands[0]
        cut_here = {actor for actor, group in groups.items()
                    if (coverage.actor_ids - largest) & group}
        outside = coverage.actor_ids - largest - explained - cut_here
        if not outside:
            continue
        label = context.label(number)
        yield finding(
            cap("mittel", context.highest(number)), number,
            ngettext("%(commitment)s: Akteure bilden getrennte Gruppen",
                     "%(commitment)s: Akteure bilden %(num)d getrennte Gruppen",
                     len(coverage.islands), commitment=label),
            sentences(
                ngettext("Die Akteure mit aktiven Angeboten zu %(commitment)s zerfallen in "
                         "Gruppen ohne Kooperation, gemeinsames Gremium oder gemeinsames Angebot "
                         "untereinander.",
                         "Die Akteure mit aktiven Angeboten zu %(commitment)s zerfallen in "
                         "%(num)d Gruppen ohne Kooperation, gemeinsames Gremium oder gemeinsames "
                         "Angebot untereinander.", len(coverage.islands), commitment=label),
                ngettext("Die größte Gruppe hat einen Akteur.",
                         "Die größte Gruppe hat %(num)d Akteure.", len(largest)),
                N_("Nicht mit ihr verbunden: %(names)s.", names=context.names(outside)),
                context.cite(2, NETWORKING)),
            actor_ids=outside)


class Expectation(NamedTuple):
    """An actor type a commitment's text names: `matches` tells whether an actor is one."""

    commitment: int
    subject: str
    title: Text
    detail: Text
    phrase: str
    matches: Callable[[ActorRecord], bool]


def _of_type(*keys: str) -> Callable[[ActorRecord], bool]:
    return lambda actor: actor.type_key in keys


EXPECTATIONS = (
    Expectation(3, "administration", N_("kein Angebot der Kommunalverwaltung"),
                N_("Keines der aktiven Angebote zu %(commitment)s kommt von der "
                   "Kommunalverwaltung, obwohl der Text sie ausdrücklich anspricht."),
                "den Anteil von Menschen mit Migrationshintergrund in den Verwaltungen zu erhöhen",
                lambda actor: actor.is_administration),
    Expectation(5, "education", N_("kein Angebot von Schulen oder Bildungsträgern"),
                N_("Keines der aktiven Angebote zu %(commitment)s kommt von einer Schule oder "
                   "einem Bildungsträger, obwohl der Text sie ausdrücklich anspricht."),
                "als Lotsen Zuwanderer bei der Wahrnehmung von Bildungsangeboten des Bundes und "
                "der Länder", _of_type("school", "education_provider")),
    Expectation(6, "labour-administration", N_("kein Angebot von Jobcenter oder Agentur für Arbeit"),
                N_("Keines der aktiven Angebote zu %(commitment)s kommt vom Jobcenter oder von "
                   "der Agentur für Arbeit, obwohl der Text sie ausdrücklich anspricht."),
                "als Träger von Aufgaben nach dem SGB II",
                _of_type("jobcenter", "employment_agency")),
    Expectation(6, "employer", N_("kein Angebot von Arbeitgebern"),
                N_("Keines der aktiven Angebote zu %(commitment)s kommt von einem Unternehmen "
                   "oder von der Kommune als Arbeitgeberin, obwohl der Text sie ausdrücklich "
                   "anspricht."),
                "auch in ihrer Rolle als Arbeitgeber einen unmittelbaren Beitrag zur beruflichen "
                "Integration zu leisten",
                lambda actor: actor.type_key == "employer" or actor.is_administration),
    Expectation(7, "neighbourhood-management", N_("kein Angebot eines Quartiersmanagements"),
                N_("Keines der aktiven Angebote zu %(commitment)s kommt von einem "
                   "Quartiersmanagement, obwohl der Text es ausdrücklich anspricht."),
                "durch Quartiersmanagement und Netzwerkbildung", _of_type("neighbourhood_management")),
    Expectation(8, "economic-development", N_("kein Angebot von Wirtschaftsförderung oder Kammern"),
                N_("Keines der aktiven Angebote zu %(commitment)s kommt von der "
                   "Wirtschaftsförderung oder einer Kammer, obwohl der Text sie ausdrücklich "
                   "anspricht."),
                "im Rahmen kommunaler Wirtschaftsförderungskonzepte",
                _of_type("economic_development", "chamber")),
)


def _kreis_labour_office_tied(context: Context) -> bool:
    """In a Gemeinde: whether the Kreis's Jobcenter or Agentur is in the register and cooperates
    with someone here (that is how a Gemeinde takes part in commitment 6), or is not in the
    register at all (no gap either)."""
    labour = [a.id for a in context.data.actors if a.type_key in ("jobcenter", "employment_agency")
              and a.status != "dissolved"]
    return not labour or any(context.cooperation_partners.get(a) for a in labour)


def missing_expectations(context: Context, number: int) -> list[Expectation]:
    """The actor types that commitment `number`'s text names and none of its active
    contributors is (none without active contributions). Commitment 3's is also met
    by values of the monitoring's staff indicators (the administration measures its own
    opening); commitment 6's in a Gemeinde by ties to the Kreis's Jobcenter."""
    coverage = context.coverage.get(number)
    if not coverage or not coverage.actor_ids:
        return []
    actors = context.data.actor_by_id
    missing = []
    for expectation in EXPECTATIONS:
        if expectation.commitment != number \
                or any(expectation.matches(actors[a]) for a in coverage.actor_ids):
            continue
        if number == 3 and context.data.staff_indicator_year is not None:
            continue
        if expectation.subject == "labour-administration" \
                and "jobcenter" in applicability.outside_roles(context.data) \
                and _kreis_labour_office_tied(context):
            continue
        missing.append(expectation)
    return missing


@rule("expected-type-missing")
def _expected_type_missing(context: Context, finding) -> Iterator[Finding]:
    """Only for commitments with active contributions (otherwise commitment-uncovered fires).
    Commitment 9 expects a network: an active "Partnerschaft für Demokratie" or any active
    body in which at least two of its actors sit."""
    for number in sorted({expectation.commitment for expectation in EXPECTATIONS}):
        label, coverage = context.label(number), context.coverage.get(number)
        for index, expectation in enumerate(missing_expectations(context, number)):
            # one fact, one finding: the first also says that one actor carries the commitment
            single = index == 0 and len(coverage.actor_ids) == 1
            yield finding(
                cap("mittel", context.highest(number)), number,
                N_("%(commitment)s: %(missing)s", commitment=label, missing=expectation.title),
                sentences(expectation.detail.with_params(commitment=label),
                          *(_single_actor_sentences(context, number) if single else ()),
                          context.cite(number, expectation.phrase)),
                actor_ids=coverage.actor_ids if single else (),
                contribution_ids=coverage.contribution_ids if single else (),
                subject=expectation.subject)
    coverage = context.coverage.get(9)
    if coverage and coverage.actor_ids:
        shared = Counter(body for a in coverage.actor_ids
                         for body in context.graph.nodes[a]["bodies"])
        if not any(b.active and b.kind == "democracy_partnership" for b in context.data.bodies) \
                and not any(count > 1 for count in shared.values()):
            yield finding(
                "mittel", 9,
                N_("%(commitment)s: kein örtliches Netzwerk für Toleranz",
                   commitment=context.label(9)),
                sentences(
                    N_("Die Akteure mit Angeboten zu %(commitment)s (%(names)s) arbeiten in "
                       "keinem gemeinsamen Gremium, und es gibt keine aktive Partnerschaft für "
                       "Demokratie.", commitment=context.label(9),
                       names=context.names(coverage.actor_ids)),
                    context.cite(9, TOLERANCE_NETWORK)),
                actor_ids=coverage.actor_ids, subject="tolerance-network")


@rule("contribution-ending")
def _contribution_ending(context: Context, finding) -> Iterator[Finding]:
    """Fires when (offers ending within `ending_months` - planned offers starting by then) is
    more than `ending_share` of the commitment's active offers."""
    data, thresholds = context.data, context.thresholds
    horizon = months_after(data.today, thresholds.ending_months)
    active, successors = defaultdict(list), defaultdict(list)
    for contribution in data.active_contributions:
        active[contribution.commitment_number].append(contribution)
    for contribution in data.contributions:
        if contribution.status == "planned" and (contribution.start is None
                                                 or contribution.start <= horizon):
            successors[contribution.commitment_number].append(contribution)
    for number, offers in active.items():
        ending = [c for c in offers if c.end is not None and c.end <= horizon]
        following = successors[number]
        if not ending or (len(ending) - len(following)) / len(offers) <= thresholds.ending_share:
            continue
        everything = len(ending) == len(offers) and not following
        label, date = context.label(number), f"{horizon:%d.%m.%Y}"
        if len(offers) == 1:
            title = N_("%(commitment)s: das einzige Angebot endet bald", commitment=label)
            ends = N_("Das einzige aktive Angebot zu %(commitment)s endet bis zum %(date)s "
                      "(%(titles)s).", commitment=label, date=date, titles=quoted_titles(ending))
        else:
            title = ngettext("%(commitment)s: eines von %(total)d Angeboten endet bald",
                             "%(commitment)s: %(num)d von %(total)d Angeboten enden bald",
                             len(ending), commitment=label, total=len(offers))
            ends = ngettext("Von %(total)d aktiven Angeboten zu %(commitment)s endet eines bis "
                            "zum %(date)s (%(titles)s).",
                            "Von %(total)d aktiven Angeboten zu %(commitment)s enden %(num)d bis "
                            "zum %(date)s (%(titles)s).", len(ending), commitment=label,
                            total=len(offers), date=date, titles=quoted_titles(ending))
        yield finding(
            cap("hoch" if everything else "mittel", context.highest(number)), number, title,
            sentences(
                ends,
                ngettext("Geplant ist ein Nachfolgeangebot.",
                         "Geplant sind %(num)d Nachfolgeangebote.", len(following))
                if following else N_("Ein Nachfolgeangebot ist nicht geplant."),
                N_("Ohne Anschlussfinanzierung oder Nachfolger fällt die Umsetzung der "
                   "Selbstverpflichtung zurück."),
                context.cite(number)),
            actor_ids={a for c in ending for a in data.contribution_actors(c)},
            contribution_ids=[c.id for c in ending])
