"""Import of actors, contributions and cooperations from CSV and XLSX files.

Three steps, shared by the web UI (coordination/imports) and the CLI (`flask --app app import`),
one module each (`read`, `check`, `write`); `cells` knows the columns and cell values, `plan` what
a check finds:

1. `read_file` parses the upload: CSV in UTF-8 (with or without BOM) or Windows-1252, `;` or `,`
   separated (detected); XLSX with one sheet per kind (Akteure/actors, Angebote/contributions,
   Kooperationen/cooperations) or a single sheet. Each sheet's kind and column mapping are
   detected from the headers (German or English, any order, case-insensitive) and can be changed.
2. `check` validates every row against preloaded lookups (no query per row) with the same checks
   the services use (`check_actor_fields`, `check_contribution_fields`,
   `check_cooperation_fields`, the name and duplicate rules) and returns a `Plan`: every problem
   by sheet, row and column, what would be created, merged or skipped.
3. `execute` writes the plan in one transaction with bulk inserts (`coordination.services.bulk`)
   and one summary audit entry. All or nothing: with an error in any row nothing is written,
   unless the caller asks for the valid rows only.

Choices worth knowing:

* Actors are matched to existing ones case-, whitespace- and umlaut-insensitively (ü = ue,
  ß = ss). A match is merged by default: no second actor is created, the existing one keeps its
  values, gains the imported districts, target groups, fields, languages, commitments and flags,
  and empty text fields (description, address, website, e-mail, phone) are filled in.
* The actor column "Selbstverpflichtungen" (1–10): the data model links actors to commitments
  through contributions, so each listed commitment becomes one active contribution led by the
  actor, titled "Angebot zu Selbstverpflichtung N (Import)", kind "Projekt", with the actor's
  districts and target groups — unless the actor already takes part in a contribution under
  that commitment (in the database or in the file's contributions sheet). The coordinator can
  rename and complete these later; the title makes them easy to find.
* A missing actor type becomes "Sonstige", a missing contribution kind "Projekt", a missing
  cooperation kind "informeller Austausch", each with a warning.
* Unknown types, districts, target groups, fields of action and languages are errors unless
  their creation is chosen (UI: tick them in the preview; CLI: --create-missing).
* The history gets one entry per import (counts), not one per row.
"""
from __future__ import annotations

from coordination.services.importing.cells import (
                                                   COLUMNS,
                                                   KIND_LABELS,
                                                   KINDS,
                                                   CellError,
                                                   column,
                                                   fold_name,
                                                   parse_bool,
                                                   parse_date,
                                                   parse_numbers,
                                                   split_values,
                                                   text_of,
)
from coordination.services.importing.check import check
from coordination.services.importing.plan import LIST_LABELS, LIST_MODELS, Options, Plan
from coordination.services.importing.read import (
                                                   ImportFile,
                                                   ImportFileError,
                                                   max_bytes,
                                                   max_rows,
                                                   read_file,
                                                   read_upload,
)
from coordination.services.importing.write import ImportRefused, execute

__all__ = ["COLUMNS", "KIND_LABELS", "KINDS", "LIST_LABELS", "LIST_MODELS", "CellError", "ImportFile",
           "ImportFileError", "ImportRefused", "Options", "Plan", "check", "column", "execute",
           "fold_name", "max_bytes", "max_rows", "parse_bool", "parse_date", "parse_numbers", "read_file",
           "read_upload", "split_values",
           "text_of"]
