"""Chapter 6 "Ziele und Maßnahmen" of the Bausteine: the measures by field of action, each as a
small table of what a concept names for it (goal, indicator of success, who, with whom, when,
with what, paid from where)."""
from __future__ import annotations

from flask_babel import gettext as _

from coordination.exports.documents import _Writer, german_date


def period(measure: dict) -> str:
    """When a measure runs, as a plan says it: "01.09.2026 bis 31.12.2027", "ab …", "bis …"."""
    start, end = (german_date(measure[key]) if measure.get(key) else None for key in ("start_date", "due_date"))
    if start and end:
        return _("%(start)s bis %(end)s", start=start, end=end)
    return _("ab %(date)s", date=start) if start else _("bis %(date)s", date=end) if end else ""


def _reference(measure: dict) -> str:
    parts = []
    if measure.get("commitment"):
        parts.append(_("Selbstverpflichtung %(number)s (Abschnitt 5.%(number)s)",
                       number=measure["commitment"]))
    if measure.get("finding"):
        parts.append(_("Befund „%(title)s“", title=measure["finding"]))
    return "; ".join(parts)


def measure_rows(measure: dict) -> list[list[str]]:
    """Label and value of every filled field of a measure, the measure itself first."""
    rows = [[_("Maßnahme"), measure["text"]], [_("Ziel"), measure.get("goal", "")],
            [_("Erfolgsindikator"), measure.get("success_indicator", "")],
            [_("Zuständig"), measure.get("responsible", "")],
            [_("Partner"), measure.get("partners", "")],
            [_("Zeitraum"), period(measure)], [_("Ressourcen"), measure.get("resources", "")],
            [_("Finanzierung / Förderprogramm"), measure.get("funding", "")],
            [_("Stand"), measure.get("status", "")], [_("Bezug"), _reference(measure)]]
    return [row for row in rows if row[1]]


def goals_chapter(writer: _Writer, content: dict) -> None:
    writer.heading(_("6 Ziele und Maßnahmen"), 1)
    groups = content["goals"]
    if not groups:
        writer.paragraph(_("Noch sind keine Maßnahmen erfasst. Sie entstehen aus den "
                           "Handlungsbedarfen (Kapitel 5): Integrationsnetz → Analyse → "
                           "Handlungsempfehlungen."), italic=True, size=9)
        return
    writer.paragraph(_("Die Maßnahmen nach Handlungsfeldern, jeweils mit Ziel, Erfolgsindikator, "
                       "Zuständigkeit, Partnern, Zeitraum, Ressourcen und Finanzierung, soweit "
                       "festgelegt."))
    for index, group in enumerate(groups, start=1):
        writer.heading(f"6.{index} {group['field']}", 2)
        for measure in group["measures"]:
            writer.table([_("Angabe"), _("Inhalt")], measure_rows(measure), widths=[4.2, 12.4])
