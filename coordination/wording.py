"""The commune's own words: what its districts are called and how a sentence names the commune.

A city has Stadtteile, a Landkreis has Gemeinden, a Gemeinde has Ortsteile. Pages, documents and
exports take these words from here (templates as `wording`), so a Landkreis never reads
"Stadtteil". Words that stand alone (labels, column heads) come from the attributes; a sentence
whose grammar changes with the word is written once per kind (see `per_kind`).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_request_context
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from coordination.models.enums import CommuneKind
from coordination.queries.commune import current_commune


@dataclass(frozen=True)
class Wording:
    kind: CommuneKind
    district: str          # Stadtteil / Gemeinde / Ortsteil
    districts: str         # Stadtteile / Gemeinden / Ortsteile
    whole_commune: str     # ganze Stadt / ganzer Landkreis / ganze Gemeinde (as a label)
    by_district: str       # nach Stadtteil / nach Gemeinde / nach Ortsteil

    def per_kind(self, city: str, district: str, municipality: str) -> str:
        """One of three whole sentences, chosen by the commune's kind."""
        return {CommuneKind.CITY: city, CommuneKind.DISTRICT: district,
                CommuneKind.MUNICIPALITY: municipality}[self.kind]



def wording_for(kind: CommuneKind | str | None) -> Wording:
    """The words for a commune of this kind (a city's when the kind is not known yet)."""
    kind = CommuneKind(kind) if kind else CommuneKind.CITY
    if kind is CommuneKind.DISTRICT:
        return Wording(kind, _("Gemeinde"), _("Gemeinden"), _("ganzer Landkreis"), _("nach Gemeinde"))
    if kind is CommuneKind.MUNICIPALITY:
        return Wording(kind, _("Ortsteil"), _("Ortsteile"), _("ganze Gemeinde"), _("nach Ortsteil"))
    return Wording(kind, _("Stadtteil"), _("Stadtteile"), _("ganze Stadt"), _("nach Stadtteil"))


def current_wording() -> Wording:
    """The words of this installation's commune (its kind is read once per request)."""
    return wording_for(current_kind())


def current_kind() -> CommuneKind | None:
    """This installation's commune kind (None before set-up), read once per request."""
    if has_request_context() and "commune_kind" in g:
        return g.commune_kind
    commune = current_commune()
    kind = commune.kind if commune else None
    if has_request_context():
        g.commune_kind = kind
    return kind


def german_wording() -> Wording:
    """The commune's words in German, for documents and exports (always German)."""
    with force_locale("de"):
        return current_wording()


def in_commune(kind: CommuneKind | str, name: str) -> str:
    """"in der Stadt Musterstadt", "im Landkreis Musterkreis", "in der Gemeinde Musterdorf";
    a name that says its kind itself ("Landkreis Muster", "Stadt Beispiel") is not doubled."""
    first = name.split(" ", 1)[0].casefold()
    if first in ("landkreis", "kreis"):
        return _("im %(name)s", name=name)
    if first in ("stadt", "gemeinde"):
        return _("in der %(name)s", name=name)
    return wording_for(kind).per_kind(_("in der Stadt %(name)s", name=name),
                                      _("im Landkreis %(name)s", name=name),
                                      _("in der Gemeinde %(name)s", name=name))


def of_commune(kind: CommuneKind | str, name: str) -> str:
    """"der Stadt Musterstadt", "des Landkreises Musterkreis", "der Gemeinde Musterdorf"; a name
    that says its kind itself ("Landkreis Muster", "Stadt Beispiel") is not doubled."""
    first, _space, rest = name.partition(" ")
    if rest and first.casefold() == "landkreis":
        return _("des Landkreises %(name)s", name=rest)
    if rest and first.casefold() == "kreis":
        return _("des Kreises %(name)s", name=rest)
    if rest and first.casefold() in ("stadt", "gemeinde"):
        return _("der %(name)s", name=name)
    return wording_for(kind).per_kind(_("der Stadt %(name)s", name=name),
                                      _("des Landkreises %(name)s", name=name),
                                      _("der Gemeinde %(name)s", name=name))


def lazy_per_kind(city, district, municipality) -> LazyString:
    """One of three lazy texts (`lazy_gettext`), chosen by the commune's kind when it is read."""
    return LazyString(lambda: str(current_wording().per_kind(city, district, municipality)))


# Form labels that follow the commune's kind, evaluated when a form is shown.
DISTRICT_LABEL = LazyString(lambda: current_wording().district)
DISTRICTS_LABEL = LazyString(lambda: current_wording().districts)
WHOLE_COMMUNE_LABEL = LazyString(lambda: current_wording().whole_commune)
# The yes/no field "whole commune" of actors and offers (forms, history).
WHOLE_COMMUNE_FIELD = lazy_per_kind(_l("in der ganzen Stadt"), _l("im ganzen Landkreis"),
                                    _l("in der ganzen Gemeinde"))
