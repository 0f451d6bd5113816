"""Gap rules about documentation and evaluation (commitment 10 and the motion's request 3):
entries nobody reviews, prerequisites without status, assessments that contradict each other,
and monitoring without recent figures.

Severities: stale-entry niedrig (not reviewed), mittel (past its end, still "active") – data
upkeep, listed apart and not counted against a suggestion; prerequisite-undocumented,
assessment-contradiction and monitoring-outdated mittel.
"""
from __future__ import annotations

from collections.abc import Iterator

from coordination.analysis.data import months_before
from coordination.analysis.rules.base import Context, Finding, quoted_titles, rule
from coordination.analysis.rules.quotes import DOCUMENTATION, MOTION_PREREQUISITES
from coordination.analysis.text import N_, ngettext, sentences


def _last_review(record):
    """The date an entry was last reviewed: its review date, else the date of its last change."""
    if record.last_reviewed is not None:
        return record.last_reviewed
    return record.updated_at.date() if record.updated_at is not None else None


@rule("stale-entry")
def _stale_entry(context: Context, finding) -> Iterator[Finding]:
    """Data upkeep of the whole register, one finding per fact and each entry in one of them:
    offers past their end date that are still "active" (mittel), and actors and offers (planned
    or active) not reviewed within `stale_months`, never reviewed counting (niedrig). An offer
    past its end is only in the first: correcting it is its review."""
    data, months = context.data, context.thresholds.stale_months
    limit = months_before(data.today, months)

    def stale(record):
        reviewed = _last_review(record)
        return reviewed is None or reviewed < limit

    expired = [c for c in data.contributions
               if c.status == "active" and c.end is not None and c.end < data.today]
    if expired:
        yield finding(
            "mittel", 10,
            ngettext("Ein abgelaufenes Angebot noch als aktiv geführt",
                     "%(num)d abgelaufene Angebote noch als aktiv geführt", len(expired)),
            sentences(
                ngettext("Das Angebot %(titles)s ist über sein Enddatum hinaus als aktiv "
                         "eingetragen und wird deshalb nicht als Abdeckung gezählt.",
                         "Die Angebote %(titles)s sind über ihr Enddatum hinaus als aktiv "
                         "eingetragen und werden deshalb nicht als Abdeckung gezählt.",
                         len(expired), titles=quoted_titles(expired)),
                N_("Status oder Enddatum sollten berichtigt werden."),
                context.cite(10, DOCUMENTATION)),
            contribution_ids=[c.id for c in expired], subject="past-end")
    past_end = {c.id for c in expired}
    actors = [a.id for a in data.actors if a.status != "dissolved" and stale(a)]
    offers = [c for c in data.contributions if c.status in ("planned", "active")
              and c.id not in past_end and stale(c)]
    if not actors and not offers:
        return
    yield finding(
        "niedrig", 10,
        ngettext("Ein Eintrag seit über %(months)d Monaten nicht überprüft",
                 "%(num)d Einträge seit über %(months)d Monaten nicht überprüft",
                 len(actors) + len(offers), months=months),
        sentences(
            ngettext("Ein Akteurseintrag wurde seit mehr als %(months)d Monaten weder "
                     "überprüft noch geändert: %(names)s.",
                     "%(num)d Akteurseinträge wurden seit mehr als %(months)d Monaten weder "
                     "überprüft noch geändert: %(names)s.", len(actors),
                     names=context.names(actors), months=months) if actors else None,
            ngettext("Das Angebot %(titles)s wurde seit mehr als %(months)d Monaten nicht "
                     "überprüft.",
                     "Die Angebote %(titles)s wurden seit mehr als %(months)d Monaten nicht "
                     "überprüft.", len(offers), titles=quoted_titles(offers), months=months)
            if offers else None,
            N_("Veraltete Angaben verfälschen die Netzwerkanalyse und den Sachstandsbericht."),
            context.cite(10, DOCUMENTATION)),
        actor_ids=actors, contribution_ids=[c.id for c in offers], subject="unreviewed")


@rule("prerequisite-undocumented")
def _prerequisite_undocumented(context: Context, finding) -> Iterator[Finding]:
    for prerequisite in context.data.prerequisites:
        if not prerequisite.has_assessment:
            yield finding(
                "mittel", None,
                N_("Strukturvoraussetzung „%(name)s“ ohne dokumentierten Stand",
                   name=prerequisite.name),
                sentences(
                    N_("Für die Strukturvoraussetzung „%(name)s“ ist noch kein Stand mit "
                       "Begründung erfasst.", name=prerequisite.name),
                    N_("Der Ratsantrag bittet die Verwaltung: „%(request)s“",
                       request=MOTION_PREREQUISITES)),
                subject=prerequisite.key)


STATUS_LABELS = {"implemented": N_("umgesetzt"), "partial": N_("teilweise umgesetzt"),
                 "planned": N_("in Planung"), "not_implemented": N_("nicht umgesetzt"),
                 "not_applicable": N_("nicht zutreffend")}
# Commitment -> the structural prerequisites its assessment must agree with.
AGREEING_PREREQUISITES = {1: ("strategy",), 2: ("networking", "coordination"), 10: ("evaluation",)}
_DONE, _NOT_DONE = {"implemented"}, {"not_implemented", "planned"}


@rule("assessment-contradiction")
def _assessment_contradiction(context: Context, finding) -> Iterator[Finding]:
    """A commitment assessed "umgesetzt" while a prerequisite it rests on is "nicht umgesetzt"
    or "in Planung", or the other way round (AGREEING_PREREQUISITES)."""
    prerequisites = {p.key: p for p in context.data.prerequisites}
    for number, keys in AGREEING_PREREQUISITES.items():
        commitment = context.data.commitment_by_number.get(number)
        if commitment is None or commitment.status is None:
            continue
        for key in keys:
            prerequisite = prerequisites.get(key)
            if prerequisite is None or prerequisite.status is None:
                continue
            pair = {commitment.status, prerequisite.status}
            if not (pair & _DONE and pair & _NOT_DONE):
                continue
            yield finding(
                "mittel", number,
                N_("%(commitment)s und Strukturvoraussetzung „%(name)s“ widersprechen sich",
                   commitment=context.label(number), name=prerequisite.name),
                sentences(
                    N_("%(commitment)s ist als „%(first)s“ eingeschätzt, die "
                       "Strukturvoraussetzung „%(name)s“ als „%(second)s“.",
                       commitment=context.label(number), name=prerequisite.name,
                       first=STATUS_LABELS[commitment.status],
                       second=STATUS_LABELS[prerequisite.status]),
                    N_("Beide beschreiben dieselbe Sache aus zwei Blickwinkeln; der "
                       "Sachstandsbericht sollte sie übereinstimmend einschätzen oder den "
                       "Unterschied begründen.")),
                subject=f"prerequisite:{key}")


@rule("monitoring-outdated")
def _monitoring_outdated(context: Context, finding) -> Iterator[Finding]:
    """No value of any monitoring indicator in the last `monitoring_years` years."""
    latest, years = context.data.latest_indicator_year, context.thresholds.monitoring_years
    if latest is not None and latest >= context.data.today.year - years:
        return
    yield finding(
        "mittel", 10,
        N_("Integrationsmonitoring ohne aktuelle Werte"),
        sentences(
            N_("Für keinen Indikator des Integrationsmonitorings ist ein Wert erfasst.")
            if latest is None else
            N_("Der neueste Wert eines Indikators des Integrationsmonitorings stammt aus "
               "%(year)d; seitdem ist kein Wert hinzugekommen.", year=latest),
            N_("Ohne Zahlen lässt sich nicht zeigen, ob die Integrationsarbeit wirkt."),
            context.cite(10, DOCUMENTATION)),
        subject="indicators")
