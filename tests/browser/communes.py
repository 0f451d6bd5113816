"""Communes of three sizes for the browser tests of the network picture: 11 actors written
through the services, the demo commune (about 150) and a generated one (2,000, bulk-inserted as
in bench/pages.py). Each function expects an app context on a database without actors."""
from datetime import date, timedelta

import sqlalchemy as sa

from coordination.demo import build_demo_commune
from coordination.extensions import db
from coordination.models import Actor, Cooperation
from tests.factories import make_actor, make_contribution, make_cooperation

SMALL_NAMES = [
    ("Stadtverwaltung – Integrationsbüro", "administration"), ("Jobcenter Kleinstadt", "jobcenter"),
    ("Caritasverband Kleinstadt", "welfare"), ("Deutsch-Türkischer Kulturverein", "mso"),
    ("Grundschule am Markt", "school"), ("Volkshochschule Kleinstadt", "education_provider"),
    ("Ev. Kirchengemeinde St. Martin", "religious"), ("Sportverein Eintracht 1910", "association"),
    ("Initiative Willkommen in Kleinstadt", "initiative"), ("Afrikanischer Elternverein", "mso"),
    ("Bäckerei Sommer (Ausbildungsbetrieb)", "employer"),
]


def small_commune() -> dict[str, int]:
    """Eleven actors: seven tied to each other around the administration, four without a tie."""
    actors = [make_actor(name, type_key, migrant_led=type_key == "mso",
                         municipal=type_key == "administration") for name, type_key in SMALL_NAMES]
    hub, jobcenter, caritas, mso, school, vhs, church = actors[:7]
    for a, b in ((hub, jobcenter), (hub, caritas), (hub, mso), (jobcenter, vhs), (caritas, mso),
                 (school, vhs), (hub, school), (church, caritas)):
        make_cooperation(a, b, "informal", start_date=date.today() - timedelta(days=200))
    make_contribution("Sprachkurs für Eltern", vhs, 5, partners=[school])
    return {actor.name: actor.id for actor in actors}


def demo_commune() -> None:
    build_demo_commune(by=None)


def most_connected() -> int:
    """The id of an actor with the most cooperations (to focus on)."""
    counts = {}
    for a, b in db.session.execute(sa.select(Cooperation.actor_a_id, Cooperation.actor_b_id)):
        counts[a] = counts.get(a, 0) + 1
        counts[b] = counts.get(b, 0) + 1
    return max(sorted(counts), key=counts.get)


def actor_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Actor))
