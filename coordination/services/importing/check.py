"""Checking an import: every row of every sheet is validated against the preloaded lookups with
the same checks the services use (`check_actor_fields`, `check_contribution_fields`,
`check_cooperation_fields`, the name and duplicate rules), and the result is a `Plan`.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from coordination.extensions import db
from coordination.models import ActorStatus, ContributionKind, ContributionStatus, Cooperation, CooperationKind
from coordination.services.actors import (
    ActorValues,
    ContactValues,
    check_actor_fields,
    check_contact,
    name_taken_message,
)
from coordination.services.contributions import ContributionValues, check_contribution_fields
from coordination.services.cooperations import (
    CooperationValues,
    check_cooperation_fields,
    duplicate_message,
    is_running,
)
from coordination.services.importing.cells import (
    REQUIRED,
    CellError,
    column,
    fold_name,
    parse_bool,
    parse_choice,
    parse_date,
    parse_intensity,
    parse_numbers,
    split_districts,
    split_values,
    text_of,
)
from coordination.services.importing.plan import (
    LIST_LABELS,
    ActorPlan,
    ContributionPlan,
    CooperationPlan,
    Lookups,
    Missing,
    Options,
    Plan,
    Problem,
    RowResult,
)
from coordination.services.importing.read import ImportFile, Sheet
from coordination.text import normalize_name

GENERATED_TITLE = _l("Angebot zu Selbstverpflichtung %(number)d (Import)")
THE_STATUS, THE_KIND = _l("den Status"), _l("die Art")
DEFAULT_CONTRIBUTION_KIND = ContributionKind.PROJECT.value
DEFAULT_COOPERATION_KIND = CooperationKind.INFORMAL.value

# service error field -> import column, per kind
_FIELD_COLUMNS = {
    "actors": {"name": "name", "type_id": "type", "districts": "districts", "target_groups": "target_groups",
               "fields_of_action": "fields_of_action", "languages": "languages", "email": "email",
               "phone": "phone", "website": "website", "description": "description", "address": "address",
               "status": "status"},
    "contributions": {"title": "title", "commitment_id": "commitment", "kind": "kind", "status": "status",
                      "start_date": "start", "end_date": "end", "description": "description",
                      "lead_actor_id": "actor", "partner_actor_ids": "partners",
                      "target_group_ids": "target_groups", "district_ids": "districts",
                      "language_ids": "languages", "field_of_action_id": "field_of_action"},
    "cooperations": {"actor_a_id": "actor_a", "actor_b_id": "actor_b", "kind": "kind",
                     "intensity": "intensity", "start_date": "since", "end_date": "until", "note": "note",
                     "commitment_ids": "commitments"},
}


class _SheetChecker:
    """Reads the cells of one sheet's rows and collects the problems of the current row."""

    def __init__(self, plan: Plan, sheet: Sheet):
        self.plan, self.sheet, self.kind = plan, sheet, sheet.kind
        self.headers = {name: sheet.headers[index] for index, name in sheet.mapping.items()}
        self.index = {name: index for index, name in sheet.mapping.items()}
        self.result: RowResult | None = None

    def start(self, number: int, cells: list, label: str = "") -> RowResult:
        self.cells = cells
        self.result = RowResult(self.sheet.name, self.kind, number, label)
        self.plan.rows.append(self.result)
        return self.result

    def has(self, name: str) -> bool:
        return name in self.index

    def cell(self, name: str):
        index = self.index.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def column_label(self, name: str) -> str:
        if name in self.headers:
            return self.headers[name]
        return str(column(self.kind, name).label)

    def problem(self, name: str, message: str, level: str = "error") -> None:
        self.plan.problems.append(Problem(self.sheet.name, self.result.row if self.result else None,
                                          self.column_label(name) if name else "", message, level))
        if level == "error" and self.result is not None:
            self.result.ok = False

    def read(self, name: str, parser, default=None, *args):
        try:
            value = parser(self.cell(name), *args)
        except CellError as error:
            self.problem(name, str(error))
            return default
        return default if value is None else value

    def service_errors(self, errors: dict[str, str]) -> None:
        columns = _FIELD_COLUMNS[self.kind]
        for service_field, message in errors.items():
            self.problem(columns.get(service_field, ""), message)


def check(files: list[ImportFile], options: Options) -> Plan:
    """Validate every row of `files` (all sheets with a kind) and plan what the import does."""
    plan = Plan([f.filename for f in files])
    lookups = Lookups()
    sheets = [sheet for f in files for sheet in f.sheets]
    for sheet in sheets:
        plan.sheets.append((sheet.name, sheet.kind or "", len(sheet.rows)))
        if sheet.kind is None:
            plan.problems.append(Problem(sheet.name, None, "", _(
                "Es ist nicht erkennbar, ob das Blatt Akteure, Angebote oder Kooperationen enthält. Bitte "
                "wählen Sie die Art oder benennen Sie die Spalten wie in der Vorlage.")))
            continue
        missing_columns = [column(sheet.kind, name) for name in REQUIRED[sheet.kind]
                           if name not in sheet.mapping.values()]
        for col in missing_columns:
            plan.problems.append(Problem(sheet.name, None, str(col.label), _(
                "Die Pflichtspalte „%(column)s“ fehlt (oder ist keiner Spalte zugeordnet).", column=col.label)))
    new_actors: dict[str, ActorPlan] = {}
    usable = [sheet for sheet in sheets if sheet.kind and not any(
        name not in sheet.mapping.values() for name in REQUIRED[sheet.kind])]
    for sheet in usable:
        if sheet.kind == "actors":
            _check_actors(plan, sheet, lookups, options, new_actors)
    file_commitments = set()
    for sheet in usable:
        if sheet.kind == "contributions":
            _check_contributions(plan, sheet, lookups, options, new_actors, file_commitments)
    for sheet in usable:
        if sheet.kind == "cooperations":
            _check_cooperations(plan, sheet, lookups, new_actors)
    _generate_commitment_contributions(plan, lookups, file_commitments)
    for missing in plan.missing.values():
        rows = ", ".join(str(row) for _sheet, row in missing.rows[:10]) + (" …" if len(missing.rows) > 10 else "")
        if options.creates(missing.key):
            plan.problems.append(Problem(missing.rows[0][0], None, str(LIST_LABELS[missing.list_name]), _(
                "„%(name)s“ wird als neuer Eintrag angelegt (Zeilen %(rows)s).", name=missing.name, rows=rows),
                "warning"))
    return plan


def _resolve_list(checker: _SheetChecker, lookups: Lookups, list_name: str, column_name: str,
                  names: list[str], options: Options) -> list[int]:
    ids = []
    for name in names:
        if len(name) > 120:
            checker.problem(column_name, _("„%(name)s…“ ist zu lang (höchstens %(max)d Zeichen).",
                                           name=name[:40], max=120))
            continue
        entry_id = lookups.lists[list_name].find(name)
        if entry_id is None:
            missing = checker.plan.missing.setdefault(
                f"{list_name}:{fold_name(name)}", Missing(list_name, name))
            missing.rows.append((checker.sheet.name, checker.result.row))
            if options.creates(missing.key):
                if missing.provisional_id is None:
                    missing.provisional_id = lookups.provisional_id()
                entry_id = lookups.lists[list_name].created.setdefault(fold_name(name), missing.provisional_id)
            else:
                checker.problem(column_name, _("„%(name)s“ ist kein bekannter Eintrag der Liste %(list)s. "
                                               "Legen Sie ihn beim Import mit an oder korrigieren Sie den Wert.",
                                               name=name, list=LIST_LABELS[list_name]))
                continue
        ids.append(entry_id)
    return list(dict.fromkeys(ids))


def _check_actors(plan: Plan, sheet: Sheet, lookups: Lookups, options: Options,
                  new_actors: dict[str, ActorPlan]) -> None:
    checker = _SheetChecker(plan, sheet)
    defaulted_types = 0
    for number, cells in sheet.rows:
        checker.cells = cells
        name = text_of(checker.cell("name"))
        result = checker.start(number, cells, name)
        type_names = split_values(checker.cell("type"))
        type_ids = _resolve_list(checker, lookups, "types", "type", type_names[:1], options)
        if not type_names:
            type_ids = [lookups.default_type_id]
            defaulted_types += 1
        district_names, whole_commune = split_districts(checker.cell("districts"))
        values = ActorValues(
            name=name, type_id=type_ids[0] if type_ids else None,
            migrant_led=checker.read("migrant_led", parse_bool, False),
            municipal=checker.read("municipal", parse_bool, False),
            description=text_of(checker.cell("description")), address=text_of(checker.cell("address")),
            whole_commune=checker.read("whole_commune", parse_bool, False) or whole_commune,
            district_ids=_resolve_list(checker, lookups, "districts", "districts", district_names, options),
            website=text_of(checker.cell("website")), email=text_of(checker.cell("email")),
            phone=text_of(checker.cell("phone")),
            target_group_ids=_resolve_list(checker, lookups, "target_groups", "target_groups",
                                           split_values(checker.cell("target_groups")), options),
            field_of_action_ids=_resolve_list(checker, lookups, "fields_of_action", "fields_of_action",
                                              split_values(checker.cell("fields_of_action")), options),
            language_ids=_resolve_list(checker, lookups, "languages", "languages",
                                       split_values(checker.cell("languages")), options),
            status=checker.read("status", parse_choice, ActorStatus.ACTIVE.value, lookups.actor_statuses,
                                THE_STATUS))
        if len(type_names) > 1:
            checker.problem("type", _("Bitte nur einen Typ angeben."))
        commitments = checker.read("commitments", parse_numbers, [])
        contact = _contact(checker)
        errors: dict[str, str] = {}
        check_actor_fields(values, errors)
        checker.service_errors(errors)
        if "name" in errors:
            continue
        key = fold_name(values.name)
        if key in new_actors:
            checker.problem("name", _("„%(name)s“ steht schon in Zeile %(row)d dieses Blatts.",
                                      name=values.name, row=new_actors[key].row.row))
            continue
        existing = lookups.existing_actor(values.name)
        ref = None
        if existing == "ambiguous":
            checker.problem("name", _("Mehrere vorhandene Akteure heißen ähnlich wie „%(name)s“. Bitte den "
                                      "Namen genau wie im Bestand schreiben.", name=values.name))
        elif existing is not None:
            existing_id, existing_name = existing
            same_key = normalize_name(existing_name) == normalize_name(values.name)
            if options.on_match == "new" and not same_key:
                ref = lookups.provisional_id()
            elif options.on_match == "new":
                checker.problem("name", name_taken_message(existing_name))
            else:
                result.action = options.on_match
                ref = existing_id
                plan.problems.append(Problem(sheet.name, number, checker.column_label("name"), _(
                    "„%(name)s“ gibt es schon als „%(existing)s“: wird zusammengeführt.",
                    name=values.name, existing=existing_name) if options.on_match == "merge" else _(
                    "„%(name)s“ gibt es schon als „%(existing)s“: Zeile wird übersprungen.",
                    name=values.name, existing=existing_name), "warning"))
        else:
            ref = lookups.provisional_id()
        new_actors[key] = ActorPlan(result, ref if ref is not None else lookups.provisional_id(), values,
                                    commitments, merge_into=ref if result.action == "merge" else None,
                                    contact=contact)
        plan.actors.append(new_actors[key])
    if defaulted_types:
        plan.problems.append(Problem(sheet.name, None, checker.column_label("type"), ngettext(
            "Ein Akteur ohne Typ wird als „Sonstige“ angelegt.",
            "%(num)d Akteure ohne Typ werden als „Sonstige“ angelegt.", defaulted_types), "warning"))


CONTACT_COLUMNS = {"name": "contact_name", "role": "contact_role", "email": "contact_email",
                   "phone": "contact_phone"}


def _contact(checker: _SheetChecker) -> ContactValues | None:
    """The row's contact person (personal data), checked like one entered in the form."""
    values = ContactValues(**{field: text_of(checker.cell(column)) for field, column in CONTACT_COLUMNS.items()})
    if not any(vars(values).values()):
        return None
    for field, message in check_contact(values).items():
        checker.problem(CONTACT_COLUMNS[field], _("Kontaktperson: %(message)s", message=message))
    return values


def _actor_ref(checker: _SheetChecker, lookups: Lookups, new_actors: dict[str, ActorPlan],
               column_name: str, name: str) -> int | None:
    """The (possibly provisional) id of the actor called `name`, with a problem if there is none."""
    if not name:
        return None
    planned = new_actors.get(fold_name(name))
    if planned is not None:
        if not planned.row.ok:
            checker.problem(column_name, _("Der Akteur „%(name)s“ (Blatt „%(sheet)s“, Zeile %(row)d) hat "
                                           "Fehler und wird nicht importiert.", name=name,
                                           sheet=planned.row.sheet, row=planned.row.row))
            return None
        return planned.ref
    existing = lookups.existing_actor(name)
    if existing == "ambiguous":
        checker.problem(column_name, _("Mehrere vorhandene Akteure heißen ähnlich wie „%(name)s“. Bitte "
                                       "den Namen genau wie im Bestand schreiben.", name=name))
        return None
    if existing is None:
        checker.problem(column_name, _("Unbekannter Akteur „%(name)s“: weder im Bestand noch im Blatt "
                                       "Akteure.", name=name))
        return None
    return existing[0]


def _check_contributions(plan: Plan, sheet: Sheet, lookups: Lookups, options: Options,
                         new_actors: dict[str, ActorPlan], file_commitments: set) -> None:
    checker = _SheetChecker(plan, sheet)
    defaulted_kinds = 0
    for number, cells in sheet.rows:
        checker.cells = cells
        result = checker.start(number, cells, text_of(checker.cell("title")))
        actor_name = text_of(checker.cell("actor"))
        lead = _actor_ref(checker, lookups, new_actors, "actor", actor_name)
        partners = [ref for ref in (_actor_ref(checker, lookups, new_actors, "partners", name)
                                    for name in split_values(checker.cell("partners"))) if ref is not None]
        commitment_numbers = checker.read("commitment", parse_numbers, [])
        if len(commitment_numbers) > 1:
            checker.problem("commitment", _("Bitte nur eine Selbstverpflichtung je Zeile angeben."))
        kind = checker.read("kind", parse_choice, None, lookups.contribution_kinds, THE_KIND)
        if kind is None and not text_of(checker.cell("kind")):
            kind = DEFAULT_CONTRIBUTION_KIND
            defaulted_kinds += 1
        field_names = split_values(checker.cell("field_of_action"))
        district_names, whole_commune = split_districts(checker.cell("districts"))
        fields_ = _resolve_list(checker, lookups, "fields_of_action", "field_of_action", field_names[:1],
                                options)
        values = ContributionValues(
            title=text_of(checker.cell("title")),
            commitment_id=lookups.commitment_ids.get(commitment_numbers[0]) if commitment_numbers else None,
            kind=kind, lead_actor_id=lead if lead is not None else (None if not actor_name else 0),
            field_of_action_id=fields_[0] if fields_ else None,
            status=checker.read("status", parse_choice, ContributionStatus.ACTIVE.value,
                                lookups.contribution_statuses, THE_STATUS),
            start_date=checker.read("start", parse_date), end_date=checker.read("end", parse_date),
            description=text_of(checker.cell("description")),
            partner_actor_ids=partners,
            target_group_ids=_resolve_list(checker, lookups, "target_groups", "target_groups",
                                           split_values(checker.cell("target_groups")), options),
            district_ids=_resolve_list(checker, lookups, "districts", "districts", district_names, options),
            whole_commune=whole_commune,
            language_ids=_resolve_list(checker, lookups, "languages", "languages",
                                       split_values(checker.cell("languages")), options))
        errors: dict[str, str] = {}
        check_contribution_fields(values, errors)
        if values.lead_actor_id == 0:  # named but not found: the problem is already listed
            errors.pop("lead_actor_id", None)
        checker.service_errors(errors)
        if result.ok:
            for actor_id in (values.lead_actor_id, *values.partner_actor_ids):
                file_commitments.add((actor_id, commitment_numbers[0]))
        plan.contributions.append(ContributionPlan(result, values))
    if defaulted_kinds:
        plan.problems.append(Problem(sheet.name, None, checker.column_label("kind"), ngettext(
            "Ein Angebot ohne Art wird als „Projekt“ angelegt.",
            "%(num)d Angebote ohne Art werden als „Projekt“ angelegt.", defaulted_kinds), "warning"))


def _check_cooperations(plan: Plan, sheet: Sheet, lookups: Lookups, new_actors: dict[str, ActorPlan]) -> None:
    checker = _SheetChecker(plan, sheet)
    defaulted_kinds = 0
    seen: dict[tuple[int, int, str], int] = {}
    for number, cells in sheet.rows:
        checker.cells = cells
        name_a, name_b = text_of(checker.cell("actor_a")), text_of(checker.cell("actor_b"))
        result = checker.start(number, cells, f"{name_a} – {name_b}")
        actor_a = _actor_ref(checker, lookups, new_actors, "actor_a", name_a)
        actor_b = _actor_ref(checker, lookups, new_actors, "actor_b", name_b)
        kind = checker.read("kind", parse_choice, None, lookups.cooperation_kinds, THE_KIND)
        if kind is None and not text_of(checker.cell("kind")):
            kind = DEFAULT_COOPERATION_KIND
            defaulted_kinds += 1
        intensity = checker.read("intensity", parse_intensity, 2)
        commitment_numbers = checker.read("commitments", parse_numbers, [])
        values = CooperationValues(
            actor_a_id=actor_a if actor_a is not None else (0 if name_a else None),
            actor_b_id=actor_b if actor_b is not None else (0 if name_b else None),
            kind=kind, start_date=checker.read("since", parse_date), end_date=checker.read("until", parse_date),
            intensity=intensity, written_agreement=checker.read("written_agreement", parse_bool, False),
            note=text_of(checker.cell("note")),
            commitment_ids=[lookups.commitment_ids[n] for n in commitment_numbers if n in lookups.commitment_ids])
        errors: dict[str, str] = {}
        check_cooperation_fields(values, errors)
        for key in ("actor_a_id", "actor_b_id"):
            if getattr(values, key) is None:
                if key not in errors:
                    errors[key] = _("Bitte wählen Sie einen Akteur.")
        checker.service_errors(errors)
        if result.ok and kind and actor_a and actor_b and is_running(values.end_date):
            low, high = sorted((actor_a, actor_b))
            pair = (low, high, kind)
            clash_id = lookups.running_pairs.get(pair) if low > 0 and high > 0 else None
            if clash_id is not None:
                checker.problem("kind", duplicate_message(db.session.get(Cooperation, clash_id)))
            elif pair in seen:
                checker.problem("kind", _("Dieselbe laufende Kooperation (gleiche Akteure, gleiche Art) "
                                          "steht schon in Zeile %(row)d.", row=seen[pair]))
            else:
                seen[pair] = number
        plan.cooperations.append(CooperationPlan(result, values))
    if defaulted_kinds:
        plan.problems.append(Problem(sheet.name, None, checker.column_label("kind"), ngettext(
            "Eine Kooperation ohne Art wird als „informeller Austausch“ angelegt.",
            "%(num)d Kooperationen ohne Art werden als „informeller Austausch“ angelegt.",
            defaulted_kinds), "warning"))


def _generate_commitment_contributions(plan: Plan, lookups: Lookups, file_commitments: set) -> None:
    """One contribution per commitment listed in an actor row (see the module docstring)."""
    title = str(GENERATED_TITLE)
    for actor in plan.actors:
        if not actor.row.ok or actor.row.action == "skip":
            continue
        for number in actor.commitments:
            if (actor.ref, number) in lookups.participations or (actor.ref, number) in file_commitments:
                continue
            values = ContributionValues(
                title=title % {"number": number}, commitment_id=lookups.commitment_ids.get(number),
                kind=DEFAULT_CONTRIBUTION_KIND, lead_actor_id=actor.ref,
                status=ContributionStatus.ACTIVE.value, whole_commune=actor.values.whole_commune,
                target_group_ids=list(actor.values.target_group_ids), district_ids=list(actor.values.district_ids))
            errors: dict[str, str] = {}
            check_contribution_fields(values, errors)
            if errors:  # cannot happen with the values above; keep the rule visible anyway
                plan.problems.append(Problem(actor.row.sheet, actor.row.row, "", "; ".join(errors.values())))
                actor.row.ok = False
                continue
            plan.contributions.append(ContributionPlan(None, values))


