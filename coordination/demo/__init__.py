"""Demo communes to try Integrationsnetz with: Musterstadt, Musterkreis and Mustergemeinde.

Each demo is a data file in this folder (one per commune kind) that a coordinator can read: its
districts, actors, hand-written offers, bodies, ties, contact persons and assessments, and at
its top the deliberate gaps the analysis must find. `plan.py` adds generated ties and offers from
one seeded generator, `write.py` inserts everything in bulk. `build_demo_commune` loads the demo
that fits the commune's kind, in one transaction with one audit entry ("Demo-Daten geladen").
Names of people, addresses (PLZ 12345), e-mail domains (.example) and phone numbers are invented.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.demo.data import DemoCommune, load_demo
from coordination.demo.plan import Plan
from coordination.demo.write import DemoSummary, lookups_for, write_districts, write_plan
from coordination.extensions import db
from coordination.models import Actor, AuditAction, Commune, CommuneKind, User
from coordination.services.base import ValidationError, record, transaction

__all__ = ["AUDIT_LABEL", "DemoCommune", "DemoSummary", "build_demo_commune", "load_demo"]

AUDIT_LABEL = "Demo-Daten geladen"


def build_demo_commune(*, by: User | None, today: date | None = None,
                       kind: CommuneKind | None = None) -> DemoSummary:
    """Load the demo for the commune's kind (or `kind`) into a set-up database without actors.

    Adds the demo districts whose names do not exist yet, then actors, contributions,
    cooperations, bodies, contact persons and assessments, and one audit entry – in one
    transaction (joining the caller's, e.g. the set-up's). Refuses (ValidationError at
    "with_demo") when the commune is not set up or actors exist already.
    """
    commune = db.session.scalar(sa.select(Commune).limit(1))
    if commune is None:
        raise ValidationError({"with_demo": _("Bitte richten Sie Integrationsnetz zuerst ein.")})
    if db.session.scalar(sa.select(Actor.id).limit(1)) is not None:
        raise ValidationError({"with_demo": _(
            "Die Demo-Daten können nur in eine Kommune ohne Akteure geladen werden.")})
    demo = load_demo(kind or commune.kind)
    plan = Plan(demo, today or date.today())
    lookups = lookups_for(demo)
    with transaction():
        districts_added = write_districts(demo, lookups)
        summary = write_plan(plan, lookups, by, districts_added, commune.advisory_body_name)
        record(AuditAction.CREATE, commune, by, entity_type="commune", label=AUDIT_LABEL,
               changes={"actors": [0, summary.actors], "contributions": [0, summary.contributions],
                        "cooperations": [0, summary.cooperations], "bodies": [0, summary.bodies]})
    return summary
