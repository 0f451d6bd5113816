"""How the network picture looks: the colour families of actor types, the picture names of the
ten commitments and the colours of the other colourings. One source for the page (through the
JSON payload, read by static/js/network/) and for the pictures drawn on the server
(`coordination.queries.network_picture`), so both show the same colours and legend.

The 22 seeded actor types fold into eight families, coloured with the Okabe–Ito palette, which
readers with the common forms of colour blindness can tell apart. Types that users added (no
key) belong to "other". Shapes carry the two flags the colour cannot: a diamond for a
migrant-led organisation (MSO), a square for the municipal administration.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Family:
    key: str
    label: object  # a lazy German string
    colour: str


FAMILIES = (
    Family("administration", _l("Verwaltung und Gremien"), "#0072b2"),
    Family("welfare", _l("Wohlfahrt, Beratung und Gesundheit"), "#cc79a7"),
    Family("mso", _l("Migrantenorganisationen"), "#d55e00"),
    Family("education", _l("Bildung"), "#56b4e9"),
    Family("labour", _l("Arbeitsmarkt und Wirtschaft"), "#e69f00"),
    Family("civil", _l("Zivilgesellschaft"), "#009e73"),
    Family("religious", _l("Religionsgemeinschaften"), "#f0e442"),
    Family("other", _l("Sonstige"), "#a0a0a0"),
)
FAMILY_INDEX = {family.key: index for index, family in enumerate(FAMILIES)}

TYPE_FAMILY = {
    "administration": "administration", "immigration_office": "administration",
    "police_justice": "administration", "body": "administration",
    "welfare": "welfare", "health": "welfare", "neighbourhood_management": "welfare",
    "mso": "mso",
    "school": "education", "kita": "education", "education_provider": "education",
    "university": "education",
    "jobcenter": "labour", "employment_agency": "labour", "employer": "labour",
    "chamber": "labour", "economic_development": "labour",
    "association": "civil", "initiative": "civil", "foundation": "civil",
    "religious": "religious",
}

# Short names of the ten commitments for labels in pictures ("1 Gesamtstrategie").
COMMITMENT_KEYWORDS = {
    1: _l("Gesamtstrategie"), 2: _l("Vernetzung"), 3: _l("Interkulturelle Öffnung"),
    4: _l("Engagement"), 5: _l("Bildung"), 6: _l("Arbeit"), 7: _l("Sozialraum"),
    8: _l("Ethnische Ökonomie"), 9: _l("Gegen Extremismus"), 10: _l("Information/Evaluation"),
}

# Colourings other than by type: Okabe–Ito without the family grey for communities and
# districts (seven, the rest grey), Paul Tol's "muted" scheme for the ten commitments.
GROUP_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")
COMMITMENT_COLOURS = ("#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee", "#882255",
                      "#44aa99", "#999933", "#aa4499", "#6699cc")
OTHER_COLOUR = "#c8cdd2"


def family_of(type_key: str | None) -> str:
    """The family key of an actor type (seeded key or None).

    >>> family_of("jobcenter"), family_of(None)
    ('labour', 'other')
    """
    return TYPE_FAMILY.get(type_key or "", "other")


def commitment_label(number: int) -> str:
    """The picture label of a commitment: its number and keyword, e.g. "1 Gesamtstrategie"."""
    keyword = COMMITMENT_KEYWORDS.get(number)
    return f"{number} {keyword}" if keyword is not None else str(number)


def commitment_colour(number: int) -> str:
    return COMMITMENT_COLOURS[(number - 1) % len(COMMITMENT_COLOURS)]
