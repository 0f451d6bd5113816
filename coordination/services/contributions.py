"""Create, update and delete contributions (offers, measures) of actors under a commitment.

A contribution has exactly one lead actor (federführend) and any number of partners. Its
audit entries carry the lead's id, so they appear in the lead actor's history; when the lead
changes, the former lead gets an entry too (its page would otherwise lose the trace).

Status and dates: an end date is *not* required for status "beendet" — for older offers the
exact end is often unknown, and the status is what the analysis relies on. A contradictory
combination is refused, though: "beendet" with an end date still in the future.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from coordination.models.actors import Actor
from coordination.models.commune import Commitment
from coordination.models.contributions import Contribution, ContributionParticipant
from coordination.models.enums import ContributionKind, ContributionStatus
from coordination.models.lists import District, FieldOfAction, Language, TargetGroup
from coordination.models.users import User
from coordination.services import base

CONTRIBUTION_AUDIT_FIELDS = (
    "title", "commitment", "kind", "field_of_action", "status", "start_date", "end_date",
    "description", "whole_commune", "lead", "partners", "target_groups", "districts", "languages",
    "last_reviewed",
)
MAX_DESCRIPTION = 10000
CONTRIBUTION_KINDS = frozenset(k.value for k in ContributionKind)
CONTRIBUTION_STATUSES = frozenset(s.value for s in ContributionStatus)


@dataclass
class ContributionValues:
    """What a form, an import row or the CLI supplies for a contribution."""

    title: str
    commitment_id: int | None
    kind: str | None
    lead_actor_id: int | None
    field_of_action_id: int | None = None
    status: str = ContributionStatus.ACTIVE.value
    start_date: date | None = None
    end_date: date | None = None
    description: str = ""
    whole_commune: bool = False
    partner_actor_ids: list[int] = field(default_factory=list)
    target_group_ids: list[int] = field(default_factory=list)
    district_ids: list[int] = field(default_factory=list)
    language_ids: list[int] = field(default_factory=list)
    last_reviewed: date | None = None


def _resolve(model, ids: list[int], form_field: str, errors: dict[str, str]) -> list:
    try:
        return base.get_all_or_fail(model, ids, form_field)
    except base.ValidationError as error:
        errors.update(error.errors)
        return []


def check_contribution_fields(values: ContributionValues, errors: dict[str, str]) -> None:
    """The checks of a contribution's own values that need no database (shared with the
    import): title, description, kind, status, dates, lead not among the partners, commitment
    and lead given."""
    values.title = (values.title or "").strip()
    values.description = (values.description or "").strip()
    base.check_lengths(Contribution, {"title": values.title}, errors)
    if not values.title:
        errors["title"] = _("Bitte geben Sie einen Titel an.")
    if len(values.description) > MAX_DESCRIPTION:
        errors["description"] = _("Höchstens %(max)d Zeichen erlaubt.", max=MAX_DESCRIPTION)
    if not values.kind:
        errors["kind"] = _("Bitte wählen Sie eine Art.")
    elif values.kind not in CONTRIBUTION_KINDS:
        errors["kind"] = _("Unbekannte Art.")
    if values.status not in CONTRIBUTION_STATUSES:
        errors["status"] = _("Unbekannter Status.")
    base.check_period(values.start_date, values.end_date, errors)
    if (values.status == ContributionStatus.ENDED.value and values.end_date
            and values.end_date > date.today() and "end_date" not in errors):
        errors["end_date"] = _("Ein beendetes Angebot kann kein Ende in der Zukunft haben. "
                               "Setzen Sie den Status auf „aktiv“ oder korrigieren Sie das Ende.")
    if values.last_reviewed and values.last_reviewed > date.today():
        errors["last_reviewed"] = _("Das Prüfdatum darf nicht in der Zukunft liegen.")

    if values.lead_actor_id and values.lead_actor_id in values.partner_actor_ids:
        errors["partner_actor_ids"] = _("Der federführende Akteur kann nicht zugleich Partner sein.")
    if not values.commitment_id:
        errors["commitment_id"] = _("Bitte wählen Sie eine Selbstverpflichtung.")
    if not values.lead_actor_id:
        errors["lead_actor_id"] = _("Bitte wählen Sie den federführenden Akteur.")


def _validate(values: ContributionValues) -> tuple[dict[str, str], dict]:
    """Check `values`; return the errors and the resolved related rows."""
    errors: dict[str, str] = {}
    check_contribution_fields(values, errors)
    partner_ids = list(dict.fromkeys(values.partner_actor_ids))
    related: dict = {}
    if values.commitment_id:
        related["commitment"] = next(iter(_resolve(Commitment, [values.commitment_id],
                                                   "commitment_id", errors)), None)
    if values.lead_actor_id:
        related["lead"] = next(iter(_resolve(Actor, [values.lead_actor_id], "lead_actor_id", errors)),
                               None)
    related["field_of_action"] = next(iter(_resolve(
        FieldOfAction, [values.field_of_action_id] if values.field_of_action_id else [],
        "field_of_action_id", errors)), None)
    related["partners"] = _resolve(Actor, partner_ids, "partner_actor_ids", errors)
    related["target_groups"] = _resolve(TargetGroup, values.target_group_ids, "target_group_ids", errors)
    related["districts"] = _resolve(District, values.district_ids, "district_ids", errors)
    related["languages"] = _resolve(Language, values.language_ids, "language_ids", errors)
    return errors, related


def check_contribution(values: ContributionValues) -> dict[str, str]:
    """Every error of `values` at once, without saving (forms show them all together)."""
    return _validate(values)[0]


def _apply(contribution: Contribution, values: ContributionValues, related: dict) -> None:
    contribution.title = values.title
    contribution.commitment = related["commitment"]
    contribution.kind = ContributionKind(values.kind)
    contribution.field_of_action = related["field_of_action"]
    contribution.status = ContributionStatus(values.status)
    contribution.start_date, contribution.end_date = values.start_date, values.end_date
    contribution.description = values.description
    contribution.whole_commune = values.whole_commune
    contribution.target_groups = related["target_groups"]
    contribution.districts = related["districts"]
    contribution.languages = related["languages"]
    contribution.last_reviewed = values.last_reviewed
    _set_participants(contribution, related["lead"], related["partners"])


def _set_participants(contribution: Contribution, lead: Actor, partners: list[Actor]) -> None:
    """Make `lead` the one lead and `partners` the partners, reusing existing participant rows
    (the primary key is contribution + actor, so a row is updated rather than replaced)."""
    wanted = {lead.id: True} | {partner.id: False for partner in partners}
    actors = {actor.id: actor for actor in [lead, *partners]}
    kept = []
    for participant in contribution.participants:
        if participant.actor_id in wanted:
            participant.is_lead = wanted.pop(participant.actor_id)
            kept.append(participant)
    for actor_id, is_lead in wanted.items():
        kept.append(ContributionParticipant(actor=actors[actor_id], is_lead=is_lead))
    contribution.participants = kept


def readable(values: dict, **choices) -> dict:
    """`values` (a snapshot) with the given enum fields shown by their label, not their stored value."""
    return values | {name: (choice.label if choice is not None else None) for name, choice in choices.items()}


def _snapshot(contribution: Contribution) -> dict:
    return readable(base.snapshot(contribution, CONTRIBUTION_AUDIT_FIELDS),
                    kind=contribution.kind, status=contribution.status)


# The entries are listed for the lead actor; where the lead changes, for the former lead too.
HISTORY = base.History(_snapshot, actor_ids=lambda contribution: [contribution.lead.id if contribution.lead else None],
                  label=lambda contribution: _("Angebot „%(title)s“", title=contribution.title))


def create_contribution(values: ContributionValues, *, by: User | None) -> Contribution:
    related = base.valid(_validate(values))
    return HISTORY.create(Contribution, lambda contribution: _apply(contribution, values, related), by=by)


def update_contribution(contribution: Contribution, values: ContributionValues, *,
                        version: int | None, by: User | None) -> Contribution:
    """Save `values`; refused with ConflictError if `version` is not the current one."""
    base.check_version(contribution, version)
    related = base.valid(_validate(values))
    HISTORY.update(contribution, lambda: _apply(contribution, values, related), by=by)
    return contribution


def delete_contribution(contribution: Contribution, *, version: int | None, by: User | None) -> None:
    HISTORY.delete(contribution, version=version, by=by)
