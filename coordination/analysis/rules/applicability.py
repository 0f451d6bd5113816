"""Who is responsible at which level: what the commune kind changes in the gap rules.

German local government has two tiers (docs/domain.md, "Who is responsible at which level"):

* a kreisfreie **Stadt** does everything locally, so every rule applies in full;
* a **Landkreis** runs the Ausländerbehörde, the Jobcenter and the Sozialamt; its districts are
  its Gemeinden, and a Gemeinde with need but without neighbourhood work weighs as in a city;
* a kreisangehörige **Gemeinde** is neither Ausländerbehörde nor SGB II body nor Sozialamt: the
  Kreis's offices are partners from outside. Cooperation with them counts, their absence from the
  Gemeinde's register is no gap, and commitment 6 weighs at most "mittel". Commitment 7 applies
  only where an Ortsteil has need (flagged "besonderer Handlungsbedarf" or a funding area),
  commitment 8 only where the Gemeinde does business development; otherwise the analysis
  suggests "nicht zutreffend" and raises no findings for them. Fachkräfte, Unternehmer:innen
  and Verwaltungspersonal are reached through the Kreis (its Jobcenter, business development,
  chambers and staff training): a Gemeinde without offers of its own for them has no gap.
"""
from __future__ import annotations

from coordination.analysis.data import NetworkData
from coordination.analysis.text import N_, Text

# Legal-sphere roles the Kreis holds for its Gemeinden (see rules.network.legal_sphere_role).
KREIS_ROLES = frozenset({"immigration_office", "jobcenter", "employment_agency",
                         "social_welfare_office"})
# Target groups (seeded keys) the Kreis serves for its Gemeinden.
KREIS_TARGET_GROUPS = frozenset({"skilled_workers", "entrepreneurs", "administration_staff"})
_HIGHEST = {"gemeinde": {6: "mittel", 7: "mittel", 8: "mittel"}}


def outside_roles(data: NetworkData) -> frozenset[str]:
    """Legal-sphere roles held by the other tier: their absence from the register is no gap."""
    return KREIS_ROLES if data.commune_kind == "gemeinde" else frozenset()


def outside_target_groups(data: NetworkData) -> frozenset[str]:
    """Target groups (keys) served by the other tier: no offer for them here is no gap."""
    return KREIS_TARGET_GROUPS if data.commune_kind == "gemeinde" else frozenset()


def highest_severity(data: NetworkData, number: int | None) -> str | None:
    """The weightiest severity a finding under commitment `number` may have (None: any)."""
    return _HIGHEST.get(data.commune_kind, {}).get(number)


def other_tier(data: NetworkData, number: int) -> Text | None:
    """Why commitment `number` lies with the other tier in this commune (one sentence), or None
    when it is the commune's own task."""
    if data.commune_kind != "gemeinde":
        return None
    if number == 7 and not any(d.special_need or d.is_funding_area for d in data.districts):
        return N_("In einer kreisangehörigen Gemeinde gilt Selbstverpflichtung 7 für Ortsteile "
                  "mit besonderem Handlungsbedarf oder Fördergebiete; kein Ortsteil ist so "
                  "markiert.")
    if number == 8 and not any(a.type_key == "economic_development" and a.status != "dissolved"
                               for a in data.actors):
        return N_("Die Gemeinde betreibt keine eigene Wirtschaftsförderung (kein Akteur dieses "
                  "Typs erfasst); Selbstverpflichtung 8 liegt damit beim Kreis.")
    return None
