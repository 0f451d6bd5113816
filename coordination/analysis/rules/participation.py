"""Gap rules about participation and tolerance (commitments 4 and 9): whether migrant-led
organisations contribute, sit where decisions are prepared and are tied to the administration,
and whether anybody works against discrimination.

"Migrant-led" (the actor's flag) is the one definition of a migrant organisation (MSO): an actor
of the type Migrantenorganisation has the flag by definition, other types may have it.

Severities: mso-missing-participation hoch when no migrant-led actor contributes to commitment 4,
mittel when none sits in a steering body; mso-peripheral, body-without-mso and
antidiscrimination-missing mittel.
"""
from __future__ import annotations

from collections.abc import Iterator

from coordination.analysis.data import COORDINATING_BODY_KINDS, STEERING_BODY_KINDS
from coordination.analysis.graph import active_members
from coordination.analysis.rules.base import Context, Finding, rule
from coordination.analysis.rules.network import cut_groups
from coordination.analysis.rules.quotes import ENGAGEMENT, PARTICIPATION, XENOPHOBIA
from coordination.analysis.text import N_, enumeration, ngettext, sentences

# Bodies in which the work is done and decisions are prepared; the Integrationsrat/-beirat is
# the migrants' own representation and not checked here.
WORKING_BODY_KINDS = frozenset({"round_table", "working_group", "steering_group"})


@rule("mso-missing-participation")
def _mso_missing_participation(context: Context, finding) -> Iterator[Finding]:
    data, G = context.data, context.graph
    migrant_led = {a.id for a in data.actors if a.migrant_led and a.status != "dissolved"}
    commitment_4 = context.coverage.get(4)
    if commitment_4 is not None and commitment_4.actor_ids and \
            not commitment_4.actor_ids & migrant_led:
        yield finding(
            "hoch", 4, N_("Keine Migrantenorganisation trägt zu Selbstverpflichtung 4 bei"),
            sentences(
                ngettext("Der einzige Akteur mit aktiven Angeboten zu %(commitment)s ist keine "
                         "migrantische Organisation.",
                         "Unter den %(num)d Akteuren mit aktiven Angeboten zu %(commitment)s ist "
                         "keine migrantische Organisation.", len(commitment_4.actor_ids),
                         commitment=context.label(4)),
                N_("Engagement „von, für und mit Migranten“ braucht Migrantenorganisationen als "
                   "Träger."),
                context.cite(4, ENGAGEMENT)),
            actor_ids=commitment_4.actor_ids, subject="contribution")
    steering = {body.id: body for body in data.bodies
                if body.active and body.kind in STEERING_BODY_KINDS}
    if not any(G.nodes[a]["bodies"] & set(steering) for a in migrant_led):
        yield finding(
            "mittel", 4, N_("Keine Migrantenorganisation in einem Steuerungsgremium"),
            sentences(
                N_("In den Steuerungsgremien (%(bodies)s) sitzt keine migrantische Organisation.",
                   bodies=enumeration(sorted(b.name for b in steering.values()), "body"))
                if steering else
                N_("Es gibt kein aktives Steuerungsgremium, in dem migrantische Organisationen "
                   "mitwirken könnten."),
                N_("Runder Tisch, Steuerungsgruppe, Integrationsbeirat und Integrationskonferenz "
                   "sind die Orte, an denen Entscheidungen vorbereitet werden."),
                context.cite(4, PARTICIPATION)),
            subject="steering-body")


@rule("mso-peripheral")
def _mso_peripheral(context: Context, finding) -> Iterator[Finding]:
    """Migrant-led actors without a tie to the administration or a seat in a coordinating body,
    leaving out those cut off by a single point of failure (its finding names them)."""
    data, G = context.data, context.graph
    actors, partners = data.actor_by_id, context.cooperation_partners
    coordinating = {body.id for body in data.bodies
                    if body.active and body.kind in COORDINATING_BODY_KINDS}
    explained = set()
    for group in cut_groups(context).values():
        explained |= group

    def tied_to_administration(actor_id):
        return any(actors[v].is_administration for v in partners.get(actor_id, ()))

    peripheral = [a.id for a in data.actors
                  if a.migrant_led and a.status == "active" and not a.is_administration
                  and a.id not in explained and a.id not in context.unconnected
                  and not G.nodes[a.id]["bodies"] & coordinating
                  and not tied_to_administration(a.id)]
    if not peripheral:
        return
    unreachable = sum(context.metrics.mso_distance.get(a) is None for a in peripheral)
    count = len(peripheral)
    yield finding(
        "mittel", 4,
        ngettext("Eine Migrantenorganisation ohne Draht zur Verwaltung",
                 "%(num)d Migrantenorganisationen ohne Draht zur Verwaltung", count),
        sentences(
            ngettext("Ohne Kooperation mit der Verwaltung und ohne Sitz in einem "
                     "Koordinationsgremium: %(names)s.",
                     "Ohne Kooperation mit der Verwaltung und ohne Sitz in einem "
                     "Koordinationsgremium: %(names)s.", count, names=context.names(peripheral)),
            (ngettext("Diese Organisation ist über das ganze Netzwerk nicht mit der Verwaltung "
                      "verbunden.",
                      "Diese Organisationen sind über das ganze Netzwerk nicht mit der "
                      "Verwaltung verbunden.",
                      count) if unreachable == count else
             ngettext("Eine von ihnen ist über das ganze Netzwerk nicht mit der Verwaltung "
                      "verbunden.",
                      "%(num)d von ihnen sind über das ganze Netzwerk nicht mit der Verwaltung "
                      "verbunden.", unreachable)) if unreachable else None,
            context.cite(4, PARTICIPATION)),
        actor_ids=peripheral)


@rule("body-without-mso")
def _body_without_mso(context: Context, finding) -> Iterator[Finding]:
    """Every active working or steering body (Runder Tisch, Arbeitskreis, Steuerungsgruppe) with
    members, none of them migrant-led; not a group of the administration's own departments."""
    actors = context.data.actor_by_id
    for body, members in active_members(context.data).items():
        if body.kind not in WORKING_BODY_KINDS or not members:
            continue
        if any(actors[a].migrant_led for a in members) \
                or all(actors[a].is_administration for a in members):
            continue  # an internal group of the administration's departments is not checked
        yield finding(
            "mittel", 4, N_("%(body)s ohne migrantische Organisation", body=body.name),
            sentences(
                ngettext("Das einzige Mitglied des Gremiums „%(body)s“ ist keine migrantische "
                         "Organisation.",
                         "Keines der %(num)d Mitglieder des Gremiums „%(body)s“ ist eine "
                         "migrantische Organisation.", len(members), body=body.name),
                N_("Gerade in Arbeitskreisen, Runden Tischen und Steuerungsgruppen werden "
                   "Entscheidungen vorbereitet; dort sollten Migrantinnen und Migranten selbst "
                   "mitreden."),
                context.cite(4, PARTICIPATION)),
            actor_ids=members, subject=f"body:{body.id}")


@rule("antidiscrimination-missing")
def _antidiscrimination_missing(context: Context, finding) -> Iterator[Finding]:
    """No active actor of the type Antidiskriminierungsstelle/-beratung and no active offer in
    the field of action Antidiskriminierung & Demokratie."""
    data = context.data
    if any(a.type_key == "antidiscrimination" and a.status == "active" for a in data.actors):
        return
    democracy = {f.id for f in data.fields_of_action if f.key == "democracy"}
    if any(c.field_of_action_id in democracy for c in data.active_contributions):
        return
    yield finding(
        "mittel", 9, N_("Keine Antidiskriminierungsstelle und kein Angebot gegen Diskriminierung"),
        sentences(
            N_("Im Netzwerk ist keine aktive Antidiskriminierungsstelle oder -beratung erfasst, "
               "und kein aktives Angebot gehört zum Handlungsfeld Antidiskriminierung & "
               "Demokratie."),
            N_("Wer Diskriminierung erlebt, braucht eine Anlaufstelle; eine Beratung vor Ort oder "
               "in Kooperation mit einer Stelle der Region schließt diese Lücke."),
            context.cite(9, XENOPHOBIA)),
        subject="antidiscrimination")
