"""Chapter 6 "Ziele und Maßnahmen" of the Bausteine: the measures by field of action, each as a
small table of what a concept names for it (goal, indicator of success, who, with whom, when,
with what, paid from where)."""
from __future__ import annotations

from coordination.exports.documents import _Writer, german_date


def period(measure: dict) -> str:
    start, end = measure.get("start_date"), measure.get("due_date")
    if start and end:
        return f"{german_date(start)} bis {german_date(end)}"
    if start:
        return f"ab {german_date(start)}"
    if end:
        return f"bis {german_date(end)}"
    return ""


def _reference(measure: dict) -> str:
    parts = []
    if measure.get("commitment"):
        parts.append(f"Selbstverpflichtung {measure['commitment']} (Abschnitt "
                     f"5.{measure['commitment']})")
    if measure.get("finding"):
        parts.append(f"Befund „{measure['finding']}“")
    return "; ".join(parts)


def measure_rows(measure: dict) -> list[list[str]]:
    """Label and value of every filled field of a measure, the measure itself first."""
    rows = [["Maßnahme", measure["text"]], ["Ziel", measure.get("goal", "")],
            ["Erfolgsindikator", measure.get("success_indicator", "")],
            ["Zuständig", measure.get("responsible", "")], ["Partner", measure.get("partners", "")],
            ["Zeitraum", period(measure)], ["Ressourcen", measure.get("resources", "")],
            ["Finanzierung / Förderprogramm", measure.get("funding", "")],
            ["Stand", measure.get("status", "")], ["Bezug", _reference(measure)]]
    return [row for row in rows if row[1]]


def goals_chapter(writer: _Writer, content: dict) -> None:
    writer.heading("6 Ziele und Maßnahmen", 1)
    groups = content["goals"]
    if not groups:
        writer.paragraph("Noch sind keine Maßnahmen erfasst. Sie entstehen aus den "
                         "Handlungsbedarfen (Kapitel 5): Integrationsnetz → Analyse → "
                         "Handlungsempfehlungen.", italic=True, size=9)
        return
    writer.paragraph("Die Maßnahmen nach Handlungsfeldern, jeweils mit Ziel, Erfolgsindikator, "
                     "Zuständigkeit, Partnern, Zeitraum, Ressourcen und Finanzierung, soweit "
                     "festgelegt.")
    for index, group in enumerate(groups, start=1):
        writer.heading(f"6.{index} {group['field']}", 2)
        for measure in group["measures"]:
            writer.table(["Angabe", "Inhalt"], measure_rows(measure), widths=[4.2, 12.4])
