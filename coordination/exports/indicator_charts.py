"""An indicator's series as a chart (commune-wide values bold, districts dashed) with the
sentence that describes it for screen readers and documents."""
from __future__ import annotations

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from coordination.exports.charts import MAX_LINES, line_chart
from coordination.queries.indicator_data import Point, Series
from coordination.wording import current_wording


def number(value: float) -> str:
    """A value as people read it in the user's language (German: 14,2 · 1.234)."""
    return format_decimal(value, format="#,##0.##")


def _lines(series: Series) -> list[tuple[str, list[tuple[int, float]]]]:
    lines = [(_("gesamt"), [(p.year, p.value) for p in series.commune_points])]
    by_district: dict[str, list[Point]] = {}
    for point in series.district_points:
        by_district.setdefault(point.district, []).append(point)
    # the districts with the most values first, as many as the chart can tell apart
    ranked = sorted(by_district.items(), key=lambda item: (-len(item[1]), item[0]))
    lines += [(name, [(p.year, p.value) for p in points])
              for name, points in ranked[:MAX_LINES - 1]]
    return lines if series.commune_points else lines[1:]


def chart(series: Series, image_format: str = "svg") -> bytes:
    return line_chart(_lines(series), unit=series.unit, number=number, image_format=image_format)


def alt_text(series: Series) -> str:
    """"Liniendiagramm: <name> (<unit>), gesamt 2021 bis 2024: von 12,9 auf 14,2."""
    points = series.commune_points
    districts = len({p.district_id for p in series.district_points})
    if points:
        first, last = points[0], points[-1]
        if first.year == last.year:
            text = _("Liniendiagramm: %(name)s (%(unit)s), gesamt %(year)d: %(value)s.",
                     name=series.name, unit=series.unit, year=last.year, value=number(last.value))
        else:
            text = _("Liniendiagramm: %(name)s (%(unit)s), gesamt %(first)d bis %(last)d: von "
                     "%(start)s auf %(end)s.", name=series.name, unit=series.unit,
                     first=first.year, last=last.year, start=number(first.value),
                     end=number(last.value))
    else:
        text = _("Liniendiagramm: %(name)s (%(unit)s).", name=series.name, unit=series.unit)
    if districts:
        shown = min(districts, MAX_LINES - 1)
        wording = current_wording()
        if shown == districts:
            text += " " + wording.per_kind(
                ngettext("Dazu die Werte eines Stadtteils.", "Dazu die Werte von %(num)d Stadtteilen.",
                         districts),
                ngettext("Dazu die Werte einer Gemeinde.", "Dazu die Werte von %(num)d Gemeinden.",
                         districts),
                ngettext("Dazu die Werte eines Ortsteils.", "Dazu die Werte von %(num)d Ortsteilen.",
                         districts))
        else:
            text += " " + wording.per_kind(
                ngettext("Dazu die Werte von %(shown)d des %(num)d Stadtteils.",
                         "Dazu die Werte von %(shown)d der %(num)d Stadtteile.", districts, shown=shown),
                ngettext("Dazu die Werte von %(shown)d der %(num)d Gemeinde.",
                         "Dazu die Werte von %(shown)d der %(num)d Gemeinden.", districts, shown=shown),
                ngettext("Dazu die Werte von %(shown)d des %(num)d Ortsteils.",
                         "Dazu die Werte von %(shown)d der %(num)d Ortsteile.", districts, shown=shown))
    return text
