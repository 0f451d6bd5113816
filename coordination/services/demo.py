"""The demo commune "Musterstadt": a fictional German Mittelstadt to try Integrationsnetz with.

`build_demo_commune(by=...)` writes 14 districts, 153 actors of every seeded actor type, about
195 contributions under the ten commitments, about 360 cooperations, seven bodies (one inactive)
with their members, ten (fictional) contact persons and eight assessments – in one transaction,
with bulk inserts and one audit entry ("Demo-Daten geladen"); about 0.3 s.

It is deterministic: the same reference date (`today`, default: the current date) and seed give
identical data, because every random choice comes from one `random.Random(seed)` and nothing
iterates over an unordered collection. Dates are relative to `today`, so the analysis (stale
entries, offers ending soon) finds the same things on any day. Names of people, addresses
(PLZ 12345), e-mail domains (.example) and phone numbers are invented.

Deliberate gaps – the analysis must find each of them (the tests in tests/test_demo.py check them
at the data level):

1. **Commitment 8 (Ethnische Ökonomie) nearly uncovered**: exactly one active contribution, by
   one actor (the "Deutsch-Türkischer Unternehmerverein", a migrant organisation), with no
   partner; the IHK's former project is ended. Neither the Wirtschaftsförderung nor a chamber
   works on it (`commitment-single-actor`, `expected-type-missing`), and no cooperation names 8.
2. **A district without any offer**: "Sonnenhang" (a new residential area, not flagged) – no actor
   names it among the districts it serves and no contribution names it; only offers for the whole
   commune reach it, and those do not count for a district (`district-without-offer`).
3. **A "besonderer Handlungsbedarf" district without commitment-7 work**: "Kanalsiedlung" has
   schools, a Kita, a mosque and migrant organisations, but no contribution under commitment 7
   names it, and no commitment-7 contribution is for the whole commune (`district-without-offer`,
   severity hoch). "Bahnhofsviertel", the other flagged district, has a Quartiersmanagement.
4. **Migrant organisations at the edge**: five MSOs (`PERIPHERAL_MSOS`: Eritrean, Somali,
   Vietnamese, Bulgarian, Albanian) cooperate only among themselves and with one
   non-administration actor, the "Internationales Begegnungscafé Weststadt e. V."; none of them
   sits in any body. Their shortest path to the administration runs via the café and the
   Caritas (`mso-peripheral`); the café is itself an articulation point that cuts all five off.
5. **An actor that holds a cluster together**: the "Stadtteilzentrum Nordstadt"
   (`ARTICULATION_ACTOR`) is the only link of six Nordstadt actors (`CLUSTER_ACTORS`:
   neighbourhood association, youth and senior clubs, tenants' initiative, homework help, a
   Kita) to the rest of the network; none of them sits in a body (`single-point-of-failure`,
   cutting off 6 actors).
6. **Isolated actors**: three active actors (`ISOLATED_ACTORS`) with no cooperation and no body
   membership (`actor-isolated`).
7. **Stale entries**: seven actors (`STALE_ACTORS`) were last reviewed 13-30 months ago, their
   contributions too; two of those contributions are past their end date but still "aktiv"
   (`stale-entry`).
8. **Offers ending soon**: the commitment-9 offers funded by the "Partnerschaft für Demokratie"
   end within six months; only the police's and the anti-discrimination office's run on
   (`contribution-ending`). About one in ten active offers under commitments 4-6 ends within six
   months too, too few there for the rule.
9. **A possible duplicate structure**: homework help for children in the Bahnhofsviertel both at
   the Grundschule Bahnhofsviertel and in the DITIB community, which do not cooperate
   (`possible-duplicate-structure`).
10. **Undocumented prerequisites**: assessments exist for five commitments and three structural
    prerequisites; "Vernetzung" and "Evaluation" have none (`prerequisite-undocumented`).

Consequences the analysis also reports: `commitment-fragmented` for commitments 4, 5 and 10 names
only actors of the edge group, the Nordstadt cluster and the isolated actors (generated ties join
all other actors of a commitment), and the edge group's inner articulation points.

What is deliberately *not* a gap: every other migrant organisation has a direct tie to the
administration or a seat in a coordinating body; a Runder Tisch and a Steuerungsgruppe led by the
integration coordination office (no `no-coordinating-body`); MSOs in the Runder Tisch and the
Integrationsbeirat and contributing to commitment 4 (no `mso-missing-participation`);
cooperations between all of Ausländerbehörde, Jobcenter, Agentur für Arbeit, Sozialamt, MBE and
JMD (no `legal-sphere-gap`).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import networkx as nx
import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import (Actor, ActorStatus, ActorType, Assessment, AssessmentStatus,
                                 AuditAction, Body, BodyKind, BodyMembership, Commitment,
                                 ContactPerson, Contribution, ContributionKind,
                                 ContributionParticipant, ContributionStatus, Cooperation,
                                 CooperationKind, District, FieldOfAction, Language, Prerequisite,
                                 TargetGroup, User)
from coordination.models.actors import (actor_districts, actor_fields, actor_languages,
                                        actor_target_groups)
from coordination.models.common import normalize_name
from coordination.models.contributions import (contribution_districts, contribution_languages,
                                               contribution_target_groups)
from coordination.models.cooperations import cooperation_commitments
from coordination.services.base import ValidationError, record, transaction
from coordination.services.commune import current_commune

DEMO_SEED = 2007  # the year of the National Integration Plan
AUDIT_LABEL = "Demo-Daten geladen"

# --- districts: (name, besonderer Handlungsbedarf, funding area, locative for titles) -----------
DISTRICTS = (
    ("Altstadt", False, False, "in der Altstadt"),
    ("Bahnhofsviertel", True, True, "im Bahnhofsviertel"),
    ("Kanalsiedlung", True, False, "in der Kanalsiedlung"),
    ("Weststadt", False, True, "in der Weststadt"),
    ("Nordstadt", False, True, "in der Nordstadt"),
    ("Oststadt", False, False, "in der Oststadt"),
    ("Südstadt", False, False, "in der Südstadt"),
    ("Neustadt", False, False, "in der Neustadt"),
    ("Lindenhof", False, False, "am Lindenhof"),
    ("Eichenau", False, False, "in Eichenau"),
    ("Rosenhügel", False, False, "am Rosenhügel"),
    ("Gartenstadt", False, False, "in der Gartenstadt"),
    ("Kirchberg", False, False, "in Kirchberg"),
    ("Sonnenhang", False, False, "am Sonnenhang"),
)
EMPTY_DISTRICT = "Sonnenhang"
SPECIAL_NEED_WITHOUT_QM = "Kanalsiedlung"
LOCATIVE = {name: loc for name, _special, _funding, loc in DISTRICTS}
STREETS = {
    "Altstadt": ("Marktplatz", "Kirchgasse", "Rathausstraße", "Burgstraße"),
    "Bahnhofsviertel": ("Bahnhofstraße", "Gleisstraße", "Am Güterbahnhof", "Postweg"),
    "Kanalsiedlung": ("Kanalstraße", "Schleusenweg", "Werftstraße"),
    "Weststadt": ("Westring", "Ahornallee", "Weberstraße", "Lessingstraße"),
    "Nordstadt": ("Nordpark", "Birkenweg", "Schillerstraße", "Am Sportplatz"),
    "Oststadt": ("Ostring", "Fabrikstraße", "Uhlandstraße"),
    "Südstadt": ("Südallee", "Goethestraße", "Lindenstraße"),
    "Neustadt": ("Hochschulstraße", "Neuer Markt", "Parkstraße"),
    "Lindenhof": ("Lindenhof", "Eschenweg", "Am Klostergarten"),
    "Eichenau": ("Dorfstraße", "Eichenweg", "Am Anger"),
    "Rosenhügel": ("Rosenweg", "Hügelstraße", "Am Aussichtsturm"),
    "Gartenstadt": ("Gartenweg", "Tulpenstraße", "Am Kleingarten"),
    "Kirchberg": ("Industriestraße", "Kirchbergstraße", "Gewerbering"),
}

# --- actors ---------------------------------------------------------------------------------
CORE, CLUSTER, PERIPHERY, BRIDGE, ISOLATED = "core", "cluster", "periphery", "bridge", "isolated"


@dataclass(frozen=True)
class _Actor:
    name: str
    type: str  # key of a seeded actor type
    districts: tuple[str, ...] = ()  # empty: the whole commune
    mso: bool = False
    municipal: bool = False
    langs: tuple[str, ...] = ()  # besides German
    place: str = CORE  # role in the deliberate network structure
    status: str = "active"
    description: str = ""


def _a(name, type_key, *districts, **flags) -> _Actor:
    return _Actor(name, type_key, tuple(districts), **flags)


ARTICULATION_ACTOR = "Stadtteilzentrum Nordstadt"
BEGEGNUNGSCAFE = "Internationales Begegnungscafé Weststadt e. V."
INTEGRATION_OFFICE = "Stabsstelle Integration – Kommunale Integrationskoordination"
COMMITMENT_8_ACTOR = "Deutsch-Türkischer Unternehmerverein Musterstadt e. V."

ACTORS = (
    # municipal administration
    _a(INTEGRATION_OFFICE, "administration", municipal=True, langs=("en",),
       description="Koordiniert die Integrationsarbeit der Stadt, schreibt das Integrationskonzept "
                   "fort und leitet den Runden Tisch Integration."),
    _a("Amt für Soziales (Sozialamt)", "administration", municipal=True),
    _a("Amt für Jugend und Familie (Jugendamt)", "administration", municipal=True),
    _a("Schulverwaltungsamt", "administration", municipal=True),
    _a("Personal- und Organisationsamt", "administration", municipal=True),
    _a("Amt für Stadtentwicklung und Stadterneuerung", "administration", municipal=True),
    _a("Kulturamt", "administration", municipal=True),
    _a("Bürgeramt", "administration", municipal=True, langs=("en",)),
    _a("Sportamt", "administration", municipal=True),
    _a("Amt für Wohnen", "administration", municipal=True),
    _a("Gleichstellungsstelle der Stadt Musterstadt", "administration", municipal=True),
    _a("Stadtbibliothek Musterstadt", "administration", "Altstadt", municipal=True,
       langs=("en", "ar", "tr", "uk")),
    _a("Ausländerbehörde der Stadt Musterstadt", "immigration_office", municipal=True, langs=("en",)),
    _a("Gesundheitsamt Musterstadt", "health", municipal=True),
    _a("Volkshochschule Musterstadt", "education_provider", municipal=True, langs=("en", "ar")),
    _a("Musikschule Musterstadt", "education_provider", "Altstadt", municipal=True),
    _a("Wirtschaftsförderung Musterstadt", "economic_development", municipal=True,
       description="Bestandspflege, Ansiedlung und Fachkräftesicherung; Gründungen von "
                   "Zugewanderten sind bisher kein eigenes Thema."),
    # labour market and legal sphere
    _a("Jobcenter Musterstadt", "jobcenter", langs=("en", "ar")),
    _a("Agentur für Arbeit Musterstadt", "employment_agency", langs=("en",)),
    # welfare
    _a("Caritasverband Musterstadt e. V.", "welfare", langs=("en", "pl")),
    _a("Diakonisches Werk Musterstadt", "welfare"),
    _a("AWO Kreisverband Musterstadt e. V.", "welfare", langs=("tr",)),
    _a("DRK-Kreisverband Musterstadt e. V.", "welfare"),
    _a("Der Paritätische – Kreisgruppe Musterstadt", "welfare",
       description="Dachverband von über 60 Mitgliedsorganisationen, darunter mehrere "
                   "Migrantenorganisationen."),
    _a("Migrationsberatung für Erwachsene (MBE) der AWO", "welfare",
       langs=("en", "ar", "tr", "ru", "uk")),
    _a("Jugendmigrationsdienst (JMD) der Diakonie", "welfare", langs=("en", "ar", "fa")),
    _a("Flüchtlingsberatung der Caritas", "welfare", langs=("en", "ar", "fa", "ti")),
    _a("AWO Familienzentrum Weststadt", "welfare", "Weststadt", langs=("tr", "ar")),
    _a("Diakonie Schuldner- und Insolvenzberatung", "welfare"),
    _a("DRK Kleiderkammer und Sozialkaufhaus", "welfare", "Südstadt"),
    # migrant organisations
    _a("Türkisch-Deutscher Elternverein Musterstadt e. V.", "mso", "Bahnhofsviertel", "Weststadt",
       mso=True, langs=("tr",)),
    _a(COMMITMENT_8_ACTOR, "mso", mso=True, langs=("tr",),
       description="Zusammenschluss von rund 40 Betrieben mit Inhaberinnen und Inhabern "
                   "türkischer Herkunft."),
    _a("Syrischer Kulturverein Musterstadt e. V.", "mso", "Bahnhofsviertel", mso=True, langs=("ar",)),
    _a("Afrikanischer Dachverband Musterstadt e. V.", "mso", mso=True, langs=("en", "fr")),
    _a("Brücke e. V. – Verein russischsprachiger Familien", "mso", "Neustadt", "Oststadt", mso=True,
       langs=("ru", "uk")),
    _a("Ukrainische Gemeinschaft Musterstadt e. V.", "mso", mso=True, langs=("uk", "ru")),
    _a("Polnischer Kulturverein „Polonia“ e. V.", "mso", "Südstadt", mso=True, langs=("pl",)),
    _a("Kurdisches Gemeinschaftszentrum Musterstadt e. V.", "mso", "Kanalsiedlung", mso=True,
       langs=("ku", "tr")),
    _a("Afghanischer Frauenverein Musterstadt e. V.", "mso", "Kanalsiedlung", "Bahnhofsviertel",
       mso=True, langs=("fa", "ps")),
    _a("Italienischer Elternverein „Comitato Genitori“ e. V.", "mso", "Altstadt", mso=True,
       langs=("it",)),
    _a("Griechische Gemeinde Musterstadt e. V.", "mso", "Lindenhof", mso=True),
    _a("Arabischer Frauentreff „Nour“", "mso", "Weststadt", mso=True, langs=("ar",)),
    _a("Iranischer Kulturverein Musterstadt e. V.", "mso", "Rosenhügel", mso=True, langs=("fa",)),
    _a("Spanischer Elternverein Musterstadt e. V.", "mso", "Eichenau", mso=True, langs=("es",)),
    _a("Frauen für Frauen International e. V.", "mso", mso=True, langs=("en", "ar", "tr", "fa")),
    _a("Rumänischer Kulturverein „Dor“ e. V.", "mso", "Oststadt", mso=True, langs=("ro",)),
    _a("Eritreische Gemeinschaft Musterstadt e. V.", "mso", "Kanalsiedlung", mso=True,
       langs=("ti",), place=PERIPHERY),
    _a("Somalische Jugendinitiative Musterstadt", "mso", "Kanalsiedlung", mso=True, langs=("so",),
       place=PERIPHERY),
    _a("Vietnamesischer Verein Musterstadt e. V.", "mso", "Oststadt", mso=True, langs=("vi",),
       place=PERIPHERY),
    _a("Bulgarischer Kultur- und Sportverein Musterstadt e. V.", "mso", "Südstadt", mso=True,
       langs=("bg",), place=PERIPHERY),
    _a("Albanischer Kulturverein „Iliria“ e. V.", "mso", "Weststadt", mso=True, langs=("sq",),
       place=PERIPHERY),
    # religious communities
    _a("Katholische Pfarrei St. Marien", "religious", "Altstadt", "Lindenhof"),
    _a("Evangelische Kirchengemeinde Musterstadt-Mitte", "religious", "Altstadt"),
    _a("Evangelische Kirchengemeinde Weststadt", "religious", "Weststadt"),
    _a("DITIB Türkisch-Islamische Gemeinde Musterstadt e. V.", "religious", "Bahnhofsviertel",
       mso=True, langs=("tr",)),
    _a("Islamisches Kulturzentrum Kanalsiedlung e. V.", "religious", "Kanalsiedlung", mso=True,
       langs=("ar", "so")),
    _a("Alevitische Gemeinde Musterstadt e. V.", "religious", "Oststadt", mso=True, langs=("tr", "ku")),
    _a("Jüdische Gemeinde Musterstadt", "religious", "Altstadt", langs=("ru",)),
    _a("Rumänisch-Orthodoxe Kirchengemeinde Hl. Nikolaus", "religious", "Südstadt", mso=True,
       langs=("ro",)),
    _a("Freie evangelische Gemeinde Musterstadt", "religious", "Gartenstadt"),
    # schools
    _a("Grundschule am Lindenhof", "school", "Lindenhof"),
    _a("Grundschule Bahnhofsviertel", "school", "Bahnhofsviertel"),
    _a("Pestalozzi-Grundschule", "school", "Weststadt"),
    _a("Grundschule Kanalsiedlung", "school", "Kanalsiedlung"),
    _a("Grundschule Eichenau", "school", "Eichenau"),
    _a("Grundschule Nordstadt", "school", "Nordstadt"),
    _a("Grundschule Kirchberg", "school", "Kirchberg"),
    _a("Geschwister-Scholl-Gesamtschule", "school", "Weststadt", "Bahnhofsviertel"),
    _a("Realschule Oststadt", "school", "Oststadt"),
    _a("Sekundarschule Südstadt", "school", "Südstadt", "Kanalsiedlung"),
    _a("Albert-Einstein-Gymnasium", "school", "Altstadt", "Neustadt"),
    _a("Förderschule am Rosenhügel", "school", "Rosenhügel"),
    _a("Berufskolleg Musterstadt", "school"),
    # Kitas
    _a("Städtische Kita Regenbogen", "kita", "Bahnhofsviertel", municipal=True),
    _a("Städtische Kita Kanalsiedlung", "kita", "Kanalsiedlung", municipal=True),
    _a("Städtische Kita Eichenau", "kita", "Eichenau", municipal=True),
    _a("AWO-Kita Sonnenschein", "kita", "Weststadt"),
    _a("Ev. Kita Arche Noah", "kita", "Altstadt"),
    _a("Kath. Kita St. Marien", "kita", "Lindenhof"),
    _a("DRK-Kita Weltentdecker", "kita", "Südstadt"),
    _a("Kita Kunterbunt e. V.", "kita", "Gartenstadt"),
    _a("Waldkita Rosenhügel", "kita", "Rosenhügel"),
    _a("Familienzentrum Kita Pusteblume", "kita", "Nordstadt", place=CLUSTER),
    # education providers and university
    _a("Sprachschule Lingua (Integrationskursträger)", "education_provider", "Altstadt",
       langs=("en", "ar", "uk")),
    _a("Internationaler Bund (IB) Musterstadt", "education_provider"),
    _a("Kolping-Bildungswerk Musterstadt", "education_provider"),
    _a("Bildungswerk der Wirtschaft Musterstadt", "education_provider"),
    _a("Lernwerkstatt Musterstadt e. V.", "education_provider", "Weststadt"),
    _a("Hochschule Musterstadt – International Office", "university", "Neustadt", langs=("en",)),
    _a("Hochschule Musterstadt – Fachbereich Soziale Arbeit", "university", "Neustadt"),
    # economy
    _a("IHK-Geschäftsstelle Musterstadt", "chamber"),
    _a("Kreishandwerkerschaft Musterstadt", "chamber"),
    _a("Einzelhandelsverband Musterstadt e. V.", "chamber"),
    _a("Gründer- und Technologiezentrum Musterstadt (TGZ)", "economic_development", "Oststadt"),
    _a("Stadtwerke Musterstadt GmbH", "employer"),
    _a("Bäckerei Schmitz GmbH", "employer", "Altstadt"),
    _a("Logistikzentrum Musterstadt-Nord GmbH", "employer", "Kirchberg"),
    _a("Pflegedienst Lebensfreude GmbH", "employer", "Südstadt", langs=("ru", "pl")),
    _a("Metallbau Krüger GmbH & Co. KG", "employer", "Kirchberg"),
    _a("Hotel am Markt Musterstadt", "employer", "Altstadt"),
    _a("Elektro Yılmaz GmbH", "employer", "Bahnhofsviertel", langs=("tr",)),
    _a("Seniorenresidenz Lindenhof gGmbH", "employer", "Lindenhof"),
    _a("Autohaus Berger GmbH", "employer", "Neustadt"),
    _a("Gebäudereinigung Blitzblank GmbH", "employer", "Oststadt", place=ISOLATED),
    # neighbourhood management
    _a("Quartiersmanagement Bahnhofsviertel", "neighbourhood_management", "Bahnhofsviertel",
       langs=("tr", "ar"),
       description="Quartiersbüro im Programm „Sozialer Zusammenhalt“; Stadtteilkonferenz, "
                   "Verfügungsfonds und Nachbarschaftsprojekte."),
    _a("Quartiersmanagement Weststadt", "neighbourhood_management", "Weststadt"),
    _a(ARTICULATION_ACTOR, "neighbourhood_management", "Nordstadt",
       description="Offenes Haus für die Nordstadt: Beratung, Treffpunkt, Räume für Vereine und "
                   "Initiativen; einzige Anlaufstelle der Nordstädter Gruppen für Stadt und Träger."),
    # bodies as actors, police, justice, health, foundations
    _a("Seniorenbeirat der Stadt Musterstadt", "body"),
    _a("Jugendparlament Musterstadt", "body"),
    _a("Polizeiinspektion Musterstadt", "police_justice"),
    _a("Ambulanter Justizsozialdienst Musterstadt", "police_justice"),
    _a("Klinikum Musterstadt gGmbH", "health", langs=("en", "tr", "ar")),
    _a("Psychosoziales Zentrum für Geflüchtete Musterstadt", "health", langs=("ar", "fa", "ti")),
    _a("pro familia Beratungsstelle Musterstadt", "health", langs=("en",)),
    _a("Gesundheitslotsen – Mit Migranten für Migranten (MiMi) Musterstadt", "health",
       langs=("ar", "tr", "ru", "fa")),
    _a("Kinderarztpraxis Dr. Aydın", "health", "Bahnhofsviertel", langs=("tr",)),
    _a("Bürgerstiftung Musterstadt", "foundation"),
    _a("Sparkassenstiftung Musterstadt", "foundation"),
    # associations
    _a(BEGEGNUNGSCAFE, "association", "Weststadt", langs=("en", "ar"), place=BRIDGE),
    _a("TuS Musterstadt 1889 e. V.", "association", "Altstadt", "Oststadt"),
    _a("FC Weststadt 1921 e. V.", "association", "Weststadt"),
    _a("Boxclub Bahnhofsviertel e. V.", "association", "Bahnhofsviertel"),
    _a("Mieterverein Musterstadt e. V.", "association"),
    _a("Deutscher Kinderschutzbund Ortsverband Musterstadt e. V.", "association"),
    _a("Tafel Musterstadt e. V.", "association", "Südstadt"),
    _a("Kreissportbund Musterstadt e. V.", "association"),
    _a("Freiwilligenagentur Musterstadt e. V.", "association"),
    _a("Kulturverein Alte Weberei e. V.", "association", "Oststadt"),
    _a("Frauen helfen Frauen e. V.", "association", langs=("en",)),
    _a("Schachclub Springer Musterstadt e. V.", "association", "Gartenstadt", place=ISOLATED),
    _a("Kleingartenverein Gartenstadt e. V.", "association", "Gartenstadt", place=ISOLATED),
    _a("Nachbarschaftsverein Nordstadt e. V.", "association", "Nordstadt", place=CLUSTER),
    _a("Jugendtreff Nordstadt e. V.", "association", "Nordstadt", place=CLUSTER),
    _a("Seniorentreff Nordstadt", "association", "Nordstadt", place=CLUSTER),
    _a("Hausaufgabenhilfe Nordstadt e. V.", "association", "Nordstadt", place=CLUSTER),
    # initiatives
    _a("Mieterinitiative Nordstadt", "initiative", "Nordstadt", place=CLUSTER),
    _a("Flüchtlingshilfe Musterstadt", "initiative", langs=("en", "ar")),
    _a("Integrationslotsen Musterstadt", "initiative", langs=("ar", "tr", "ru", "fa", "uk")),
    _a("Willkommensinitiative Eichenau", "initiative", "Eichenau", status="dormant"),
    _a("Omas gegen Rechts Musterstadt", "initiative"),
    _a("Bündnis „Musterstadt ist bunt“", "initiative"),
    _a("Fahrradwerkstatt für alle", "initiative", "Oststadt"),
    _a("Nähcafé International", "initiative", "Kanalsiedlung", langs=("ar", "ti")),
    _a("Sprachcafé Altstadt", "initiative", "Altstadt", status="dissolved"),
    _a("Lesepaten Musterstadt", "initiative"),
    _a("Kanalsiedlung hilft", "initiative", "Kanalsiedlung"),
    _a("Elternlotsen Bahnhofsviertel", "initiative", "Bahnhofsviertel", langs=("tr", "ar")),
    # others
    _a("Musterstädter Wohnungsbaugesellschaft mbH (MWG)", "other", "Bahnhofsviertel",
       "Kanalsiedlung", "Weststadt"),
    _a("Fachstelle Partnerschaft für Demokratie Musterstadt", "other",
       description="Koordinierungs- und Fachstelle der „Partnerschaft für Demokratie“ im "
                   "Bundesprogramm „Demokratie leben!“; die Förderperiode endet in diesem Jahr."),
    _a("Antidiskriminierungsbüro Musterstadt", "other", langs=("en", "ar", "tr")),
    _a("Mehrgenerationenhaus Musterstadt", "other", "Neustadt"),
    _a("Musterstädter Anzeiger (Lokalredaktion)", "other"),
    _a("Sprachmittlerpool Musterstadt", "other", langs=("ar", "fa", "ti", "tr", "ru", "uk", "ku")),
)
PERIPHERAL_MSOS = tuple(a.name for a in ACTORS if a.place == PERIPHERY)
CLUSTER_ACTORS = tuple(a.name for a in ACTORS if a.place == CLUSTER)
ISOLATED_ACTORS = tuple(a.name for a in ACTORS if a.place == ISOLATED)
STALE_ACTORS = (
    "Polnischer Kulturverein „Polonia“ e. V.", "Griechische Gemeinde Musterstadt e. V.",
    "Kolping-Bildungswerk Musterstadt", "Willkommensinitiative Eichenau", "Hotel am Markt Musterstadt",
    "Fahrradwerkstatt für alle", "Kulturverein Alte Weberei e. V.",
)
# the deliberate duplicate structure: two offers (lead, title) whose actors must not cooperate
DUPLICATE_OFFERS = (("Grundschule Bahnhofsviertel", "Hausaufgabenbetreuung"),
                    ("DITIB Türkisch-Islamische Gemeinde Musterstadt e. V.",
                     "Hausaufgabenhilfe im Gemeindehaus"))
NO_TIE = (tuple(lead for lead, _title in DUPLICATE_OFFERS),)

TYPE_DESCRIPTIONS = {
    "administration": "Dienststelle der Stadtverwaltung Musterstadt.",
    "welfare": "Träger der freien Wohlfahrtspflege mit Beratungs- und Integrationsangeboten.",
    "mso": "Migrantenselbstorganisation: Treffpunkt, Beratung durch Ehrenamtliche, Kultur- und "
           "Bildungsangebote.",
    "religious": "Religionsgemeinschaft mit Gemeindearbeit, Begegnungs- und Beratungsangeboten.",
    "school": "Schule mit Kindern und Jugendlichen aus über 20 Herkunftsländern.",
    "kita": "Kindertageseinrichtung mit alltagsintegrierter Sprachbildung.",
    "education_provider": "Bildungsträger, u. a. Sprach- und Qualifizierungskurse.",
    "employer": "Arbeitgeber in Musterstadt, bildet aus.",
    "association": "Eingetragener Verein in Musterstadt.",
    "initiative": "Ehrenamtliche Initiative.",
}

# --- contributions ----------------------------------------------------------------------------
# (commitment, title, kind, field of action key, target group keys); "{loc}" in a title becomes
# "in der Weststadt" etc. (the first district of the offer) or "in Musterstadt".
C = ContributionKind
SPECIFIC = {
    INTEGRATION_OFFICE: [
        (1, "Fortschreibung des Integrationskonzepts", C.PROJECT, "information", ("all",)),
        (2, "Geschäftsführung Runder Tisch Integration", C.INFORMATION, "participation", ("all",)),
        (4, "Förderprogramm Integrationsprojekte von Migrantenorganisationen", C.PROJECT,
         "participation", ("volunteers",)),
        (10, "Integrationswegweiser Musterstadt (online, mehrsprachig)", C.INFORMATION,
         "information", ("newcomers", "refugees", "eu_migrants")),
        (10, "Integrationsmonitoring und Integrationsbericht", C.INFORMATION, "information",
         ("administration_staff",)),
    ],
    "Personal- und Organisationsamt": [
        (3, "Fortbildungsreihe Interkulturelle Kompetenz für Beschäftigte", C.COURSE,
         "intercultural_opening", ("administration_staff",)),
        (3, "Ausbildungskampagne „Musterstadt sucht Vielfalt“", C.PROJECT, "intercultural_opening",
         ("youth",)),
        (6, "Einstiegsqualifizierung in der Stadtverwaltung", C.QUALIFICATION, "work",
         ("refugees", "youth")),
    ],
    "Bürgeramt": [(3, "Mehrsprachige Formulare und Wegweiser im Bürgeramt", C.INFORMATION,
                   "intercultural_opening", ("newcomers",))],
    "Ausländerbehörde der Stadt Musterstadt": [
        (3, "Willkommensservice der Ausländerbehörde", C.COUNSELLING, "residence",
         ("newcomers", "skilled_workers")),
        (6, "Beschleunigtes Fachkräfteverfahren – Beratung für Arbeitgeber", C.COUNSELLING,
         "residence", ("entrepreneurs", "skilled_workers")),
    ],
    "Amt für Soziales (Sozialamt)": [
        (2, "Rechtskreisübergreifende Fallkonferenzen", C.COUNSELLING, "social", ("refugees",)),
        (1, "Integration als Ziel der Sozialplanung", C.PROJECT, "social", ("all",))],
    "Amt für Jugend und Familie (Jugendamt)": [
        (5, "Frühe Hilfen – mehrsprachige Familienbesuche", C.COUNSELLING, "social",
         ("families", "children")),
        (4, "Elternbegleiterinnen und Elternbegleiter", C.GUIDANCE, "education", ("families",)),
    ],
    "Schulverwaltungsamt": [(5, "Seiteneinstiegsberatung und Schulplatzvergabe", C.COUNSELLING,
                             "education", ("children", "youth", "newcomers"))],
    "Amt für Stadtentwicklung und Stadterneuerung": [
        (1, "Integrationsziele im integrierten Stadtentwicklungskonzept", C.PROJECT, "housing",
         ("all",)),
        (7, "Programm „Sozialer Zusammenhalt“ Bahnhofsviertel", C.PROJECT, "housing", ("all",),
         ("Bahnhofsviertel",)),
        (7, "Verfügungsfonds Weststadt", C.PROJECT, "housing", ("all",), ("Weststadt",)),
    ],
    "Kulturamt": [(4, "Interkulturelle Woche Musterstadt", C.ENCOUNTER, "culture_sport", ("all",))],
    "Sportamt": [(4, "Integration durch Sport – Beratung für Vereine", C.COUNSELLING,
                  "culture_sport", ("youth", "volunteers"))],
    "Amt für Wohnen": [(7, "Wohnraumvermittlung und Nachbarschaftsbegleitung für Geflüchtete",
                        C.GUIDANCE, "housing", ("refugees",), ("Weststadt", "Südstadt"))],
    "Gleichstellungsstelle der Stadt Musterstadt": [
        (4, "Empowerment-Workshops für Migrantinnen", C.COURSE, "participation", ("women",))],
    "Stadtbibliothek Musterstadt": [(5, "Mehrsprachige Vorlesestunden", C.ENCOUNTER, "language",
                                     ("children", "families"))],
    "Wirtschaftsförderung Musterstadt": [
        (6, "Fachkräfteservice für Unternehmen", C.COUNSELLING, "economy",
         ("entrepreneurs", "skilled_workers"))],
    "Jobcenter Musterstadt": [
        (6, "Jobcoaching für Geflüchtete", C.COUNSELLING, "work", ("refugees",)),
        (6, "Vermittlung in Berufssprachkurse", C.GUIDANCE, "language", ("adults",)),
        (6, "Teilzeitausbildung für Mütter", C.QUALIFICATION, "work", ("women", "families")),
    ],
    "Agentur für Arbeit Musterstadt": [
        (6, "Berufsberatung für junge Zugewanderte", C.COUNSELLING, "work", ("youth",)),
        (6, "Anerkennungs- und Qualifizierungsberatung", C.COUNSELLING, "work",
         ("skilled_workers",)),
    ],
    "Migrationsberatung für Erwachsene (MBE) der AWO": [
        (5, "Migrationsberatung für Erwachsene", C.COUNSELLING, "social", ("adults", "newcomers"))],
    "Jugendmigrationsdienst (JMD) der Diakonie": [
        (5, "Jugendmigrationsdienst – Beratung und Begleitung", C.COUNSELLING, "education",
         ("youth",)),
        (6, "Bewerbungstraining für junge Zugewanderte", C.COURSE, "work", ("youth",)),
    ],
    "Flüchtlingsberatung der Caritas": [
        (2, "Flüchtlings- und Asylverfahrensberatung", C.COUNSELLING, "residence", ("refugees",))],
    "Quartiersmanagement Bahnhofsviertel": [
        (7, "Quartiersbüro Bahnhofsviertel", C.COUNSELLING, "housing", ("all",)),
        (7, "Stadtteilmütter im Bahnhofsviertel", C.GUIDANCE, "social", ("families", "women")),
        (4, "Quartiersrat Bahnhofsviertel", C.ENCOUNTER, "participation", ("all",)),
    ],
    "Quartiersmanagement Weststadt": [
        (7, "Stadtteilbüro Weststadt", C.COUNSELLING, "housing", ("all",)),
        (7, "Nachbarschaftsfest Weststadt", C.ENCOUNTER, "culture_sport", ("all",)),
    ],
    ARTICULATION_ACTOR: [
        (7, "Stadtteilarbeit Nordstadt", C.PROJECT, "housing", ("all",)),
        (4, "Nachbarschaftscafé im Stadtteilzentrum", C.ENCOUNTER, "participation", ("all",)),
    ],
    "Fachstelle Partnerschaft für Demokratie Musterstadt": [
        (9, "Aktions- und Initiativfonds „Demokratie leben!“", C.PROJECT, "democracy", ("all",)),
        (9, "Demokratiekonferenz Musterstadt", C.ENCOUNTER, "democracy", ("all",)),
    ],
    "Antidiskriminierungsbüro Musterstadt": [
        (9, "Antidiskriminierungsberatung", C.COUNSELLING, "democracy", ("all",))],
    "Polizeiinspektion Musterstadt": [
        (9, "Prävention politisch motivierter Kriminalität an Schulen", C.INFORMATION, "democracy",
         ("youth",))],
    "Bündnis „Musterstadt ist bunt“": [
        (9, "Aktionswochen gegen Rassismus", C.ENCOUNTER, "democracy", ("all",))],
    "Omas gegen Rechts Musterstadt": [
        (9, "Erzählcafés gegen das Vergessen", C.ENCOUNTER, "democracy", ("seniors", "youth"))],
    "Jugendparlament Musterstadt": [
        (9, "Jugend-Demokratiewerkstatt", C.COURSE, "democracy", ("youth",))],
    COMMITMENT_8_ACTOR: [
        (8, "Gründungssprechstunde für Migrantinnen und Migranten", C.COUNSELLING, "economy",
         ("entrepreneurs",)),
        (6, "Ausbildungsbörse der Mitgliedsbetriebe", C.PROJECT, "work", ("youth",)),
    ],
    "IHK-Geschäftsstelle Musterstadt": [
        (6, "Anerkennungsberatung für ausländische Berufsabschlüsse", C.COUNSELLING, "work",
         ("skilled_workers",))],
    "Integrationslotsen Musterstadt": [
        (4, "Integrationslotsinnen und -lotsen begleiten Neuzugewanderte", C.GUIDANCE,
         "volunteering", ("newcomers", "refugees"))],
    "Flüchtlingshilfe Musterstadt": [
        (4, "Patenschaften für geflüchtete Familien", C.GUIDANCE, "volunteering",
         ("refugees", "families"))],
    "Freiwilligenagentur Musterstadt e. V.": [
        (4, "Interkulturelle Ehrenamtsbörse", C.INFORMATION, "volunteering", ("volunteers",))],
    "Sprachmittlerpool Musterstadt": [
        (3, "Sprachmittlung für Ämter, Schulen und Kitas", C.GUIDANCE, "intercultural_opening",
         ("administration_staff", "newcomers"))],
    "Gesundheitsamt Musterstadt": [
        (10, "Mehrsprachige Gesundheitsinformationen", C.INFORMATION, "health", ("newcomers",))],
    "Psychosoziales Zentrum für Geflüchtete Musterstadt": [
        (2, "Psychosoziale Erstberatung und Weitervermittlung", C.COUNSELLING, "health",
         ("refugees",))],
    "Grundschule Bahnhofsviertel": [
        (5, "Hausaufgabenbetreuung", C.COURSE, "education", ("children",)),
        (5, "Internationale Vorbereitungsklasse", C.COURSE, "language", ("children", "newcomers")),
    ],
    "DITIB Türkisch-Islamische Gemeinde Musterstadt e. V.": [
        (5, "Hausaufgabenhilfe im Gemeindehaus", C.COURSE, "education", ("children",)),
        (4, "Tag der offenen Moschee", C.ENCOUNTER, "participation", ("all",)),
    ],
    "Hausaufgabenhilfe Nordstadt e. V.": [
        (5, "Hausaufgabenhilfe und Lernpatenschaften", C.GUIDANCE, "education", ("children",))],
    "Seniorentreff Nordstadt": [
        (4, "Internationaler Seniorennachmittag", C.ENCOUNTER, "participation", ("seniors",))],
    "Musterstädter Anzeiger (Lokalredaktion)": [
        (10, "Mehrsprachige Lokalseite „Ankommen in Musterstadt“", C.INFORMATION, "information",
         ("newcomers",))],
    "Hochschule Musterstadt – Fachbereich Soziale Arbeit": [
        (10, "Lehrforschungsprojekt: Evaluation des Integrationskonzepts", C.PROJECT, "information",
         ("administration_staff",))],
}
# Commitment-9 offers that are not tied to the federal programme's funding period.
LASTING_COMMITMENT_9 = ("Antidiskriminierungsberatung",
                        "Prävention politisch motivierter Kriminalität an Schulen")
# The ended predecessor under commitment 8 (the gap is that nothing took its place).
ENDED_COMMITMENT_8 = ("IHK-Geschäftsstelle Musterstadt",
                      (8, "Projekt „Vielfalt unternimmt“ – Unternehmerstammtisch", C.ENCOUNTER,
                       "economy", ("entrepreneurs",)))

MENUS = {
    "primary_school": [
        (5, "Deutsch-als-Zweitsprache-Förderung", C.COURSE, "language", ("children",)),
        (5, "Elterncafé mit Sprachmittlung", C.ENCOUNTER, "education", ("families",)),
        (5, "Hausaufgabenbetreuung {loc}", C.COURSE, "education", ("children",)),
        (5, "Lesepatenschaften", C.GUIDANCE, "education", ("children",)),
    ],
    "school": [
        (5, "Internationale Förderklasse", C.COURSE, "language", ("youth", "newcomers")),
        (6, "Berufsorientierung für Seiteneinsteigerinnen und Seiteneinsteiger", C.GUIDANCE, "work",
         ("youth",)),
        (5, "Elternabende mit Sprachmittlung", C.INFORMATION, "education", ("families",)),
    ],
    "kita": [
        (5, "Alltagsintegrierte Sprachbildung", C.COURSE, "language", ("children",)),
        (5, "Rucksack KiTa – Elternbildung", C.COURSE, "education", ("families", "women")),
        (4, "Interkulturelles Elterncafé", C.ENCOUNTER, "participation", ("families",)),
        (5, "Griffbereit – Eltern-Kind-Gruppe", C.COURSE, "language", ("families", "children")),
    ],
    "mso": [
        (4, "Ehrenamtliche Sprach- und Kulturmittlung", C.GUIDANCE, "volunteering", ("newcomers",)),
        (5, "Herkunftssprachlicher Unterricht und Hausaufgabenhilfe", C.COURSE, "education",
         ("children",)),
        (4, "Frauentreff {loc}", C.ENCOUNTER, "participation", ("women",)),
        (4, "Kultur- und Begegnungsfest", C.ENCOUNTER, "culture_sport", ("all",)),
        (5, "Elternseminare zum deutschen Schulsystem", C.COURSE, "education", ("families",)),
        (10, "Informationsabende für Neuzugewanderte", C.INFORMATION, "information",
         ("newcomers",)),
        (4, "Jugendgruppe", C.ENCOUNTER, "culture_sport", ("youth",)),
    ],
    "religious": [
        (4, "Interreligiöser Dialog", C.ENCOUNTER, "participation", ("all",)),
        (4, "Frauenfrühstück international", C.ENCOUNTER, "participation", ("women",)),
        (5, "Deutschkurs für Frauen mit Kinderbetreuung", C.COURSE, "language", ("women",)),
        (4, "Besuchsdienst für geflüchtete Familien", C.GUIDANCE, "volunteering", ("refugees",)),
    ],
    "welfare": [
        (5, "Integrationskurs mit Kinderbetreuung", C.COURSE, "language", ("adults", "women")),
        (4, "Ehrenamtskoordination in der Flüchtlingshilfe", C.GUIDANCE, "volunteering",
         ("volunteers",)),
        (7, "Stadtteilcafé {loc}", C.ENCOUNTER, "housing", ("all",)),
        (2, "Fachberatung für Migrantenorganisationen", C.COUNSELLING, "participation",
         ("volunteers",)),
        (5, "Sozialberatung für Zugewanderte", C.COUNSELLING, "social", ("adults", "eu_migrants")),
    ],
    "education_provider": [
        (5, "Integrationskurs", C.COURSE, "language", ("adults", "newcomers")),
        (5, "Alphabetisierungskurs", C.COURSE, "language", ("adults",)),
        (6, "Berufssprachkurs", C.COURSE, "language", ("skilled_workers", "adults")),
        (5, "Jugendintegrationskurs", C.COURSE, "language", ("youth",)),
        (6, "Qualifizierung zur Pflegehilfskraft", C.QUALIFICATION, "work", ("adults", "women")),
    ],
    "university": [(5, "Studienvorbereitung für Geflüchtete", C.COURSE, "education",
                    ("refugees", "youth"))],
    "chamber": [
        (6, "Willkommenslotsen für Betriebe", C.GUIDANCE, "work", ("entrepreneurs",)),
        (6, "Passgenaue Besetzung von Ausbildungsplätzen", C.GUIDANCE, "work",
         ("youth", "refugees")),
    ],
    "economic_development": [(6, "Gründungsberatung", C.COUNSELLING, "economy", ("entrepreneurs",))],
    "employer": [
        (6, "Ausbildungsplätze für junge Zugewanderte", C.QUALIFICATION, "work", ("youth",)),
        (6, "Praktika und Einstiegsqualifizierung für Geflüchtete", C.QUALIFICATION, "work",
         ("refugees",)),
        (6, "Betrieblicher Deutschkurs", C.COURSE, "language", ("adults", "skilled_workers")),
    ],
    "health": [
        (10, "Mehrsprachige Gesundheitsinformation", C.INFORMATION, "health", ("all",)),
        (4, "Gesundheitslotsinnen und -lotsen", C.GUIDANCE, "health", ("adults", "women")),
    ],
    "foundation": [
        (4, "Förderfonds Ehrenamt und Integration", C.PROJECT, "volunteering", ("volunteers",)),
        (5, "Bildungsstipendien für Jugendliche mit Migrationsgeschichte", C.PROJECT, "education",
         ("youth",)),
    ],
    "body": [(4, "Beteiligungswerkstatt", C.ENCOUNTER, "participation", ("all",))],
    "police_justice": [(6, "Übergangsmanagement nach der Haft", C.GUIDANCE, "social", ("adults",))],
    "association": [
        (4, "Offener Treff {loc}", C.ENCOUNTER, "participation", ("all",)),
        (4, "Integrationssport für Kinder und Jugendliche", C.ENCOUNTER, "culture_sport",
         ("children", "youth")),
        (4, "Ausbildung von Übungsleiterinnen mit Migrationsgeschichte", C.QUALIFICATION,
         "volunteering", ("volunteers", "women")),
        (5, "Lernpatenschaften", C.GUIDANCE, "education", ("children",)),
    ],
    "initiative": [
        (4, "Sprachcafé {loc}", C.ENCOUNTER, "language", ("newcomers", "adults")),
        (4, "Begleitung zu Ämtern und Arztbesuchen", C.GUIDANCE, "volunteering", ("refugees",)),
        (5, "Lesepatenschaften an Grundschulen", C.GUIDANCE, "education", ("children",)),
    ],
    "other": [
        (7, "Nachbarschaftsmanagement in den Wohnanlagen", C.PROJECT, "housing", ("all",)),
        (4, "Generationenübergreifende Begegnung", C.ENCOUNTER, "participation",
         ("seniors", "families")),
    ],
    "administration": [(3, "Interkulturelle Teamfortbildung", C.COURSE, "intercultural_opening",
                        ("administration_staff",))],
}

# --- bodies: (name, kind, lead, description, members as (actor, role)) -------------------------
BODIES = (
    ("Runder Tisch Integration Musterstadt", BodyKind.ROUND_TABLE, INTEGRATION_OFFICE,
     "Trifft sich viermal im Jahr; stimmt Angebote ab und bereitet die Fortschreibung des "
     "Integrationskonzepts vor.",
     ("Amt für Soziales (Sozialamt)", "Amt für Jugend und Familie (Jugendamt)",
      "Schulverwaltungsamt", "Ausländerbehörde der Stadt Musterstadt", "Jobcenter Musterstadt",
      "Agentur für Arbeit Musterstadt", "Caritasverband Musterstadt e. V.",
      "Diakonisches Werk Musterstadt", "AWO Kreisverband Musterstadt e. V.",
      "Migrationsberatung für Erwachsene (MBE) der AWO", "Jugendmigrationsdienst (JMD) der Diakonie",
      "Volkshochschule Musterstadt", "Türkisch-Deutscher Elternverein Musterstadt e. V.",
      "Syrischer Kulturverein Musterstadt e. V.", "Afrikanischer Dachverband Musterstadt e. V.",
      "Frauen für Frauen International e. V.", "DITIB Türkisch-Islamische Gemeinde Musterstadt e. V.",
      "Quartiersmanagement Bahnhofsviertel", ARTICULATION_ACTOR, "Flüchtlingshilfe Musterstadt",
      "Integrationslotsen Musterstadt", "Polizeiinspektion Musterstadt",
      "Gesundheitsamt Musterstadt")),
    ("Steuerungsgruppe Integrationskonzept", BodyKind.STEERING_GROUP, INTEGRATION_OFFICE,
     "Amtsleitungen unter Vorsitz des Sozialdezernats; beschließt die Handlungsfelder des Konzepts.",
     ("Amt für Soziales (Sozialamt)", "Amt für Jugend und Familie (Jugendamt)",
      "Schulverwaltungsamt", "Amt für Stadtentwicklung und Stadterneuerung",
      "Personal- und Organisationsamt", "Wirtschaftsförderung Musterstadt", "Jobcenter Musterstadt",
      "Caritasverband Musterstadt e. V.", "Türkisch-Deutscher Elternverein Musterstadt e. V.")),
    ("Integrationsbeirat der Stadt Musterstadt", BodyKind.ADVISORY_COUNCIL, INTEGRATION_OFFICE,
     "Gewählte Vertreterinnen und Vertreter der Zugewanderten und Mitglieder des Stadtrats; "
     "die Geschäftsführung liegt bei der Stabsstelle Integration.",
     ("Türkisch-Deutscher Elternverein Musterstadt e. V.", "Syrischer Kulturverein Musterstadt e. V.",
      "Afrikanischer Dachverband Musterstadt e. V.",
      "Brücke e. V. – Verein russischsprachiger Familien",
      "Ukrainische Gemeinschaft Musterstadt e. V.", "Polnischer Kulturverein „Polonia“ e. V.",
      "Kurdisches Gemeinschaftszentrum Musterstadt e. V.",
      "Afghanischer Frauenverein Musterstadt e. V.",
      "Italienischer Elternverein „Comitato Genitori“ e. V.", "Arabischer Frauentreff „Nour“",
      "Frauen für Frauen International e. V.", "Alevitische Gemeinde Musterstadt e. V.",
      "Rumänischer Kulturverein „Dor“ e. V.", "Ausländerbehörde der Stadt Musterstadt")),
    ("Partnerschaft für Demokratie Musterstadt – Begleitausschuss",
     BodyKind.DEMOCRACY_PARTNERSHIP, "Fachstelle Partnerschaft für Demokratie Musterstadt",
     "Entscheidet über Projekte aus dem Aktions- und Initiativfonds.",
     ("Bündnis „Musterstadt ist bunt“", "Omas gegen Rechts Musterstadt",
      "Antidiskriminierungsbüro Musterstadt", "Polizeiinspektion Musterstadt",
      "Jugendparlament Musterstadt", "Alevitische Gemeinde Musterstadt e. V.",
      "Jüdische Gemeinde Musterstadt", "Evangelische Kirchengemeinde Musterstadt-Mitte",
      "Katholische Pfarrei St. Marien", "Kulturamt", INTEGRATION_OFFICE)),
    ("Arbeitskreis Sprache", BodyKind.WORKING_GROUP, "Volkshochschule Musterstadt",
     "Abstimmung der Sprachkursangebote und der Kinderbetreuung während der Kurse.",
     ("Sprachschule Lingua (Integrationskursträger)", "Internationaler Bund (IB) Musterstadt",
      "Kolping-Bildungswerk Musterstadt", "Caritasverband Musterstadt e. V.",
      "Migrationsberatung für Erwachsene (MBE) der AWO", "Jugendmigrationsdienst (JMD) der Diakonie",
      "Stadtbibliothek Musterstadt", "Jobcenter Musterstadt", "Agentur für Arbeit Musterstadt",
      "Lesepaten Musterstadt", INTEGRATION_OFFICE)),
    ("Arbeitskreis Übergang Schule – Beruf", BodyKind.WORKING_GROUP, "Agentur für Arbeit Musterstadt",
     "Jugendberufsagentur-Runde zu Ausbildung und Berufsorientierung junger Zugewanderter.",
     ("Jobcenter Musterstadt", "Berufskolleg Musterstadt", "IHK-Geschäftsstelle Musterstadt",
      "Kreishandwerkerschaft Musterstadt", "Jugendmigrationsdienst (JMD) der Diakonie",
      "Geschwister-Scholl-Gesamtschule", "Bildungswerk der Wirtschaft Musterstadt",
      "Amt für Jugend und Familie (Jugendamt)")),
    ("Lenkungskreis Flüchtlingshilfe", BodyKind.STEERING_GROUP, "Amt für Soziales (Sozialamt)",
     "2015 eingerichtet, seit der Gründung des Runden Tisches nicht mehr aktiv.",
     ("Flüchtlingshilfe Musterstadt", "Caritasverband Musterstadt e. V.",
      "DRK-Kreisverband Musterstadt e. V.", "Willkommensinitiative Eichenau")),
)
INACTIVE_BODIES = ("Lenkungskreis Flüchtlingshilfe",)

# --- contact persons (fictional): (actor, name, role, e-mail local part) ------------------------
CONTACTS = (
    (INTEGRATION_OFFICE, "Dr. Petra Sommer", "Integrationsbeauftragte", "integration"),
    (INTEGRATION_OFFICE, "Murat Kaya", "Integrationskoordinator", "integration"),
    ("Jobcenter Musterstadt", "Stefan Lehmann", "Teamleitung Migration", "migration"),
    ("Migrationsberatung für Erwachsene (MBE) der AWO", "Olena Kovalenko", "Migrationsberaterin",
     "mbe"),
    ("Jugendmigrationsdienst (JMD) der Diakonie", "Samir Haddad", "Berater", "jmd"),
    ("Caritasverband Musterstadt e. V.", "Julia Hoffmann", "Fachdienst Migration", "migration"),
    ("Türkisch-Deutscher Elternverein Musterstadt e. V.", "Aylin Demir", "Vorsitzende", "vorstand"),
    ("Quartiersmanagement Bahnhofsviertel", "Thomas Brandt", "Quartiersmanager", "qm"),
    (ARTICULATION_ACTOR, "Grace Mensah", "Leitung", "leitung"),
    ("Afrikanischer Dachverband Musterstadt e. V.", "Emmanuel Owusu", "Vorstand", "vorstand"),
)

# --- assessments: commitments by number, prerequisites by key -----------------------------------
S = AssessmentStatus
COMMITMENT_ASSESSMENTS = (
    (2, S.PARTIAL, "Runder Tisch und Steuerungsgruppe arbeiten regelmäßig; mehrere "
                   "Migrantenorganisationen und die Nordstädter Gruppen sind kaum eingebunden."),
    (4, S.PARTIAL, "Integrationsbeirat und Förderprogramm für Migrantenorganisationen bestehen; "
                   "Beteiligung in den Stadtteilen ausbaufähig."),
    (5, S.IMPLEMENTED, "Seiteneinstiegsberatung, Sprachkurse und Elternbildung sind flächendeckend "
                       "vorhanden und im Arbeitskreis Sprache abgestimmt."),
    (8, S.NOT_IMPLEMENTED, "Die ethnische Ökonomie ist im Wirtschaftsförderungskonzept bisher nicht "
                           "berücksichtigt."),
    (10, S.PLANNED, "Ein Integrationsmonitoring ist beschlossen, der erste Bericht in Arbeit."),
)
PREREQUISITE_ASSESSMENTS = (
    ("strategy", S.PLANNED, "Das Integrationskonzept von 2016 wird fortgeschrieben."),
    ("moderation", S.IMPLEMENTED, "Runder Tisch Integration unter Leitung der Stabsstelle."),
    ("coordination", S.IMPLEMENTED, "Stabsstelle Integration mit zwei Vollzeitstellen."),
)

# type pairs that cooperate more often (weights for the generated ties)
AFFINITY = {
    frozenset(pair): weight for pair, weight in (
        (("school", "kita"), 2), (("school", "administration"), 2), (("school", "welfare"), 2),
        (("school", "mso"), 2), (("school", "association"), 2), (("school", "education_provider"), 1),
        (("kita", "welfare"), 2), (("kita", "administration"), 2), (("kita", "mso"), 1),
        (("mso", "welfare"), 4), (("mso", "religious"), 2), (("mso", "mso"), 2),
        (("mso", "administration"), 2), (("mso", "association"), 1), (("mso", "initiative"), 1),
        (("employer", "chamber"), 4), (("employer", "jobcenter"), 4),
        (("employer", "employment_agency"), 4), (("employer", "education_provider"), 2),
        (("employer", "economic_development"), 3), (("chamber", "economic_development"), 4),
        (("chamber", "employment_agency"), 3), (("welfare", "welfare"), 2),
        (("welfare", "jobcenter"), 2), (("welfare", "administration"), 3),
        (("welfare", "initiative"), 3), (("welfare", "health"), 2),
        (("education_provider", "jobcenter"), 4), (("education_provider", "employment_agency"), 3),
        (("education_provider", "welfare"), 2), (("initiative", "religious"), 2),
        (("initiative", "administration"), 1), (("health", "administration"), 1),
        (("religious", "religious"), 2), (("association", "administration"), 1),
        (("neighbourhood_management", "administration"), 3),
        (("neighbourhood_management", "welfare"), 3), (("neighbourhood_management", "mso"), 2),
        (("neighbourhood_management", "school"), 2), (("foundation", "association"), 2),
        (("foundation", "initiative"), 2), (("university", "administration"), 2),
        (("university", "education_provider"), 2), (("police_justice", "administration"), 2),
        (("police_justice", "welfare"), 2), (("other", "administration"), 1),
        (("body", "administration"), 3),
    )
}
HUB_TYPES = ("administration", "welfare", "jobcenter", "employment_agency", "immigration_office",
             "neighbourhood_management", "education_provider")
LEGAL_SPHERE = ("Ausländerbehörde der Stadt Musterstadt", "Jobcenter Musterstadt",
                "Agentur für Arbeit Musterstadt", "Amt für Soziales (Sozialamt)",
                "Migrationsberatung für Erwachsene (MBE) der AWO",
                "Jugendmigrationsdienst (JMD) der Diakonie")
K = CooperationKind
# hand-set ties: (a, b, kind, intensity)
BACKBONE = (
    (INTEGRATION_OFFICE, "Amt für Soziales (Sozialamt)", K.AGREEMENT, 3),
    (INTEGRATION_OFFICE, "Amt für Jugend und Familie (Jugendamt)", K.INFORMAL, 2),
    (INTEGRATION_OFFICE, "Schulverwaltungsamt", K.INFORMAL, 2),
    (INTEGRATION_OFFICE, "Personal- und Organisationsamt", K.PROJECT_PARTNERSHIP, 2),
    (INTEGRATION_OFFICE, "Ausländerbehörde der Stadt Musterstadt", K.INFORMAL, 2),
    (INTEGRATION_OFFICE, "Jobcenter Musterstadt", K.AGREEMENT, 2),
    (INTEGRATION_OFFICE, "Volkshochschule Musterstadt", K.PROJECT_PARTNERSHIP, 3),
    (INTEGRATION_OFFICE, "Caritasverband Musterstadt e. V.", K.FUNDING, 3),
    (INTEGRATION_OFFICE, "Migrationsberatung für Erwachsene (MBE) der AWO", K.REFERRAL, 2),
    (INTEGRATION_OFFICE, "Integrationslotsen Musterstadt", K.FUNDING, 3),
    (INTEGRATION_OFFICE, "Flüchtlingshilfe Musterstadt", K.FUNDING, 2),
    (INTEGRATION_OFFICE, "Türkisch-Deutscher Elternverein Musterstadt e. V.", K.FUNDING, 2),
    (INTEGRATION_OFFICE, "Afrikanischer Dachverband Musterstadt e. V.", K.FUNDING, 2),
    (INTEGRATION_OFFICE, "Fachstelle Partnerschaft für Demokratie Musterstadt", K.AGREEMENT, 3),
    (INTEGRATION_OFFICE, "Sprachmittlerpool Musterstadt", K.FUNDING, 3),
    (INTEGRATION_OFFICE, "Hochschule Musterstadt – Fachbereich Soziale Arbeit",
     K.PROJECT_PARTNERSHIP, 1),
    (INTEGRATION_OFFICE, "Wirtschaftsförderung Musterstadt", K.INFORMAL, 1),
    (ARTICULATION_ACTOR, "Amt für Stadtentwicklung und Stadterneuerung", K.FUNDING, 3),
    (ARTICULATION_ACTOR, "AWO Kreisverband Musterstadt e. V.", K.AGREEMENT, 2),
    (ARTICULATION_ACTOR, "Amt für Jugend und Familie (Jugendamt)", K.FUNDING, 2),
    (COMMITMENT_8_ACTOR, "IHK-Geschäftsstelle Musterstadt", K.INFORMAL, 1),
    (COMMITMENT_8_ACTOR, "Türkisch-Deutscher Elternverein Musterstadt e. V.", K.INFORMAL, 2),
    ("Quartiersmanagement Bahnhofsviertel", "Amt für Stadtentwicklung und Stadterneuerung",
     K.AGREEMENT, 3),
    ("Quartiersmanagement Weststadt", "Amt für Stadtentwicklung und Stadterneuerung", K.AGREEMENT, 3),
    ("Der Paritätische – Kreisgruppe Musterstadt", "Frauen für Frauen International e. V.",
     K.MEMBERSHIP, 1),
    ("Der Paritätische – Kreisgruppe Musterstadt", "Afrikanischer Dachverband Musterstadt e. V.",
     K.MEMBERSHIP, 1),
    # the edge: the café's two ties into the network and the five MSOs behind it
    (BEGEGNUNGSCAFE, "Caritasverband Musterstadt e. V.", K.INFORMAL, 1),
    (BEGEGNUNGSCAFE, "Flüchtlingshilfe Musterstadt", K.PROJECT_PARTNERSHIP, 2),
    (BEGEGNUNGSCAFE, "Eritreische Gemeinschaft Musterstadt e. V.", K.INFORMAL, 2),
    (BEGEGNUNGSCAFE, "Somalische Jugendinitiative Musterstadt", K.PROJECT_PARTNERSHIP, 2),
    ("Eritreische Gemeinschaft Musterstadt e. V.", "Somalische Jugendinitiative Musterstadt",
     K.INFORMAL, 3),
    ("Vietnamesischer Verein Musterstadt e. V.",
     "Bulgarischer Kultur- und Sportverein Musterstadt e. V.", K.INFORMAL, 1),
    ("Bulgarischer Kultur- und Sportverein Musterstadt e. V.", "Albanischer Kulturverein „Iliria“ e. V.",
     K.PROJECT_PARTNERSHIP, 2),
    ("Albanischer Kulturverein „Iliria“ e. V.", "Eritreische Gemeinschaft Musterstadt e. V.",
     K.INFORMAL, 1),
    # the Nordstadt cluster behind the Stadtteilzentrum
    (ARTICULATION_ACTOR, "Nachbarschaftsverein Nordstadt e. V.", K.AGREEMENT, 3),
    (ARTICULATION_ACTOR, "Jugendtreff Nordstadt e. V.", K.PROJECT_PARTNERSHIP, 3),
    (ARTICULATION_ACTOR, "Seniorentreff Nordstadt", K.INFORMAL, 2),
    (ARTICULATION_ACTOR, "Mieterinitiative Nordstadt", K.INFORMAL, 2),
    (ARTICULATION_ACTOR, "Hausaufgabenhilfe Nordstadt e. V.", K.PROJECT_PARTNERSHIP, 2),
    (ARTICULATION_ACTOR, "Familienzentrum Kita Pusteblume", K.REFERRAL, 2),
    ("Nachbarschaftsverein Nordstadt e. V.", "Seniorentreff Nordstadt", K.INFORMAL, 3),
    ("Nachbarschaftsverein Nordstadt e. V.", "Mieterinitiative Nordstadt", K.INFORMAL, 2),
    ("Jugendtreff Nordstadt e. V.", "Hausaufgabenhilfe Nordstadt e. V.", K.PROJECT_PARTNERSHIP, 2),
    ("Familienzentrum Kita Pusteblume", "Hausaufgabenhilfe Nordstadt e. V.", K.REFERRAL, 1),
)


@dataclass(frozen=True)
class DemoSummary:
    """What `build_demo_commune` wrote."""

    districts_added: int
    actors: int
    contributions: int
    cooperations: int
    bodies: int
    memberships: int
    contact_persons: int
    assessments: int


def build_demo_commune(*, by: User | None, today: date | None = None,
                       seed: int = DEMO_SEED) -> DemoSummary:
    """Load the demo commune "Musterstadt" into a set-up database without actors.

    Adds the demo districts whose names do not exist yet, then actors, contributions,
    cooperations, bodies, contact persons and assessments, and one audit entry – in one
    transaction (joining the caller's, e.g. the set-up's). Refuses (ValidationError at
    "with_demo") when the commune is not set up or actors exist already.
    """
    commune = current_commune()
    if commune is None:
        raise ValidationError({"with_demo": _("Bitte richten Sie Integrationsnetz zuerst ein.")})
    if db.session.scalar(sa.select(Actor.id).limit(1)) is not None:
        raise ValidationError({"with_demo": _(
            "Die Demo-Daten können nur in eine Kommune ohne Akteure geladen werden.")})
    today = today or date.today()
    plan = _Plan(random.Random(seed), today)
    lookups = _lookups()
    with transaction():
        districts_added = _write_districts(lookups)
        summary = _write(plan, lookups, by, districts_added, commune.advisory_body_name)
        record(AuditAction.CREATE, commune, by, entity_type="commune", label=AUDIT_LABEL,
               changes={"actors": [0, summary.actors], "contributions": [0, summary.contributions],
                        "cooperations": [0, summary.cooperations], "bodies": [0, summary.bodies]})
    return summary


# --- the plan: everything decided in Python first, in a fixed order --------------------------

@dataclass
class _Tie:
    a: str
    b: str
    kind: CooperationKind
    intensity: int
    start: date
    end: date | None = None
    commitments: list[int] = field(default_factory=list)
    note: str = ""


@dataclass
class _Offer:
    lead: str
    commitment: int
    title: str
    kind: ContributionKind
    field_key: str
    groups: tuple[str, ...]
    districts: tuple[str, ...]
    whole_commune: bool
    status: ContributionStatus
    start: date | None
    end: date | None
    last_reviewed: date
    partners: list[str] = field(default_factory=list)
    languages: tuple[str, ...] = ()


class _Plan:
    """The demo data as plain Python values, decided by one seeded random generator.

    Order: hand-set ties, generated ties, a direct tie to the administration for every migrant
    organisation not meant to be at the edge, offers (re-drawn where they would duplicate an
    unrelated actor's offer), ties that join the actors of each commitment, and last the
    commitments each tie serves.
    """

    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today = rng, today
        self.actors = {actor.name: actor for actor in ACTORS}
        assert len(self.actors) == len(ACTORS), "duplicate demo actor name"
        self.reviewed = {name: self._review_date(name) for name in self.actors}
        self.ties: dict[tuple[str, str], _Tie] = {}
        self.adjacent: dict[str, set[str]] = {name: set() for name in self.actors}
        self.forbidden = {frozenset(pair) for pair in NO_TIE}
        self.active_core = [a for a in ACTORS if a.place == CORE and a.status == "active"]
        self._plan_ties()
        self._tie_msos_to_administration()
        self.offers: list[_Offer] = []
        self.signatures: dict[tuple, list[str]] = {}
        self.reserved: set[tuple] = set()
        self._plan_offers()
        self._join_commitment_islands()
        self._tie_commitments()

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def _review_date(self, name: str) -> date:
        if name in STALE_ACTORS:
            return self.days_ago(400, 900)
        return self.days_ago(0, 330)

    # ties
    def partners(self, name: str) -> list[str]:
        """Everyone `name` has a cooperation with (ended ones included), sorted."""
        return sorted(self.adjacent[name])

    def tied(self, a: str, b: str) -> bool:
        """Whether `a` and `b` have an active cooperation."""
        tie = self.ties.get((a, b) if a < b else (b, a))
        return tie is not None and tie.end is None

    def may_tie(self, a: str, b: str) -> bool:
        """Whether a generated tie between `a` and `b` keeps the deliberate structure: both in
        the active core, or both in the Nordstadt cluster, or both at the edge."""
        first, second = self.actors[a], self.actors[b]
        if a == b or frozenset((a, b)) in self.forbidden:
            return False
        if first.place == second.place == CORE:
            return first.status == second.status == "active"
        return first.place == second.place and first.place in (CLUSTER, PERIPHERY)

    def _add_tie(self, a: str, b: str, kind: CooperationKind, intensity: int, *,
                 may_end: bool = False) -> None:
        for name in (a, b):
            assert name in self.actors, f"unknown demo actor {name!r}"
        key = (a, b) if a < b else (b, a)
        if a == b or key in self.ties:
            return
        start = self.days_ago(60, 3000)
        end = None
        if may_end and self.rng.random() < 0.06:
            end = self.days_ago(20, 50) if self.rng.random() < 0.5 else start + timedelta(days=365)
            end = min(end, self.today - timedelta(days=1))
            if end <= start:
                end = None
        note = ""
        if kind == K.AGREEMENT:
            note = f"Kooperationsvereinbarung vom {start:%d.%m.%Y}"
        elif kind == K.FUNDING:
            note = "Zuwendung aus dem städtischen Integrationsbudget"
        self.ties[key] = _Tie(key[0], key[1], kind, intensity, start, end, note=note)
        self.adjacent[a].add(b)
        self.adjacent[b].add(a)

    def _tie(self, a: str, b: str, *, may_end: bool = False) -> None:
        self._add_tie(a, b, *self._kind_for(self.actors[a], self.actors[b]), may_end=may_end)

    def _candidates(self, actor: _Actor, pool: list[_Actor]) -> tuple[list[_Actor], list[float]]:
        """Possible new partners of `actor` from `pool`, weighted by type affinity, shared
        districts and hubs."""
        chosen, weights = [], []
        for other in pool:
            if (other.name == actor.name or other.name in self.adjacent[actor.name]
                    or frozenset((actor.name, other.name)) in self.forbidden):
                continue
            weight = 1.0 + AFFINITY.get(frozenset((actor.type, other.type)), 0)
            if set(actor.districts) & set(other.districts):
                weight += 3
            if other.type in HUB_TYPES:
                weight += 1.5
            chosen.append(other)
            weights.append(weight)
        return chosen, weights

    def _plan_ties(self) -> None:
        rng, active_core = self.rng, self.active_core
        for a, b, kind, intensity in BACKBONE:
            self._add_tie(a, b, kind, intensity)
        for i, a in enumerate(LEGAL_SPHERE):
            for b in LEGAL_SPHERE[i + 1:]:
                self._add_tie(a, b, K.REFERRAL, 2 + (i % 2))
        # a spanning tree over the active core, so the core is one connected network
        for index, actor in enumerate(active_core[1:], start=1):
            earlier = {a.name for a in active_core[:index]}
            if self.adjacent[actor.name] & earlier:
                continue
            pool, weights = self._candidates(actor, active_core[:index])
            self._tie(actor.name, rng.choices(pool, weights)[0].name)
        # more ties up to a degree of 2-5 for each core actor (dormant ones 1-2, never relied on)
        for actor in (a for a in ACTORS if a.place == CORE):
            target = rng.choice((2, 3, 3, 4, 4, 5)) if actor.status == "active" else rng.choice((1, 2))
            for _attempt in range(target):
                if len(self.adjacent[actor.name]) >= target:
                    break
                pool, weights = self._candidates(actor, active_core)
                self._tie(actor.name, rng.choices(pool, weights)[0].name, may_end=True)

    def _tie_msos_to_administration(self) -> None:
        """Every active migrant organisation of the core gets a direct tie to the administration
        unless it sits in a coordinating body, so the edge group alone is `mso-peripheral`."""
        coordinating = {name for body, kind, lead, _text, members in BODIES
                        if kind.coordinates and body not in INACTIVE_BODIES
                        for name in (lead, *members)}
        administration = [a for a in self.active_core if a.municipal or a.type == "administration"]
        for actor in self.active_core:
            if not actor.mso or actor.name in coordinating or any(
                    self.tied(actor.name, other.name) for other in administration):
                continue
            pool, weights = self._candidates(actor, administration)
            self._tie(actor.name, self.rng.choices(pool, weights)[0].name)

    def _kind_for(self, a: _Actor, b: _Actor) -> tuple[CooperationKind, int]:
        types = {a.type, b.type}
        if "foundation" in types:
            options = ((K.FUNDING, 5), (K.PROJECT_PARTNERSHIP, 2))
        elif ("administration" in types or a.municipal or b.municipal) and types & {
                "mso", "association", "initiative", "religious", "other"}:
            options = ((K.FUNDING, 3), (K.AGREEMENT, 2), (K.INFORMAL, 2), (K.PROJECT_PARTNERSHIP, 2))
        elif types <= {"welfare", "jobcenter", "employment_agency", "immigration_office",
                       "administration", "health"}:
            options = ((K.REFERRAL, 4), (K.AGREEMENT, 2), (K.INFORMAL, 1))
        elif types & {"school", "kita"}:
            options = ((K.PROJECT_PARTNERSHIP, 3), (K.INFORMAL, 2), (K.AGREEMENT, 1), (K.REFERRAL, 1))
        elif "welfare" in types and types & {"mso", "association", "initiative"}:
            options = ((K.PROJECT_PARTNERSHIP, 3), (K.INFORMAL, 2), (K.MEMBERSHIP, 1))
        else:
            options = ((K.PROJECT_PARTNERSHIP, 3), (K.INFORMAL, 3), (K.REFERRAL, 2),
                       (K.AGREEMENT, 1))
        kinds, weights = zip(*options)
        return self.rng.choices(kinds, weights)[0], self.rng.choice((1, 2, 2, 3))

    # offers
    def _menu(self, actor: _Actor) -> list:
        if actor.type == "school" and actor.name.startswith("Grundschule"):
            menu = MENUS["primary_school"]
        else:
            menu = MENUS.get(actor.type, [])
        return [entry for entry in menu if not (  # the deliberate gap in the Kanalsiedlung
            entry[0] == 7 and actor.districts and set(actor.districts) <= {SPECIAL_NEED_WITHOUT_QM})]

    def _plan_offers(self) -> None:
        rng = self.rng
        places = [name for name, *_ in DISTRICTS if name != EMPTY_DISTRICT]
        for actor in ACTORS:  # hand-written offers first, so generated ones avoid them
            for entry in SPECIFIC.get(actor.name, ()):
                where = self._where(actor, entry, places)
                deliberate = (actor.name, entry[1]) in DUPLICATE_OFFERS
                self._settle(actor, entry, where, reserve=deliberate)
                self.offers.append(self._offer(actor, entry, where, partners=not deliberate,
                                               active=True))
        for actor in ACTORS:
            if actor.name in SPECIFIC or (actor.place == ISOLATED and actor.type == "employer"):
                continue
            menu = self._menu(actor)
            count = 1 if actor.place in (PERIPHERY, ISOLATED, CLUSTER) else rng.choice((1, 1, 2))
            options = rng.sample(menu, len(menu))
            chosen = []
            for entry in options:
                where = self._where(actor, entry, places)
                if not self._conflicts(actor, entry, where):
                    chosen.append((entry, where))
                    if len(chosen) == count:
                        break
            if not chosen:  # every choice duplicates someone: cooperate instead
                for entry in options:
                    where = self._where(actor, entry, places)
                    if self._conflicts(actor, entry, where) != ["reserved"]:
                        chosen.append((entry, where))
                        break
            for entry, where in chosen:
                self._settle(actor, entry, where)
                self.offers.append(self._offer(actor, entry, where))
        lead, entry = ENDED_COMMITMENT_8
        offer = self._offer(self.actors[lead], entry, ((), True))
        offer.status, offer.start = ContributionStatus.ENDED, self.days_ago(1500, 1900)
        offer.end = offer.start + timedelta(days=730)
        self.offers.append(offer)
        # entries nobody looked at for long: two of them are past their end and still "aktiv"
        overdue = 0
        for offer in self.offers:
            if offer.lead in STALE_ACTORS:
                offer.last_reviewed = self.reviewed[offer.lead]
                if overdue < 2 and offer.status == ContributionStatus.ACTIVE and offer.end is None:
                    offer.end = self.days_ago(30, 90)
                    overdue += 1

    def _where(self, actor: _Actor, entry: tuple, places: list[str]) -> tuple[tuple[str, ...], bool]:
        """The districts of an offer (and whether it is for the whole commune)."""
        commitment = entry[0]
        if len(entry) > 5:
            districts, whole = tuple(entry[5]), False
        elif actor.districts:
            districts, whole = actor.districts, False
        elif commitment == 7 or self.rng.random() < 0.45:
            districts, whole = tuple(sorted(self.rng.sample(places, self.rng.randint(1, 3)),
                                            key=places.index)), False
        else:
            districts, whole = (), True
        if commitment == 7:  # the deliberate gap: no commitment-7 work in the Kanalsiedlung
            districts = tuple(d for d in districts if d != SPECIAL_NEED_WITHOUT_QM) or ("Weststadt",)
        return districts, whole

    @staticmethod
    def _signatures(entry: tuple, where: tuple) -> list[tuple]:
        """What makes two offers look alike to `possible-duplicate-structure`."""
        commitment, _title, _kind, field_key, groups = entry[:5]
        districts, whole = where
        return [(commitment, group, place, field_key)
                for group in groups for place in (districts if not whole else (None,))]

    def _conflicts(self, actor: _Actor, entry: tuple, where: tuple) -> list[str]:
        """Leads of offers that `entry` would duplicate without a cooperation between them."""
        conflicts = []
        for signature in self._signatures(entry, where):
            if signature in self.reserved:
                return ["reserved"]
            conflicts.extend(lead for lead in self.signatures.get(signature, ())
                             if lead != actor.name and not self.tied(actor.name, lead))
        return sorted(set(conflicts))

    def _settle(self, actor: _Actor, entry: tuple, where: tuple, *, reserve: bool = False) -> None:
        """Register the offer; where it duplicates another actor's, the two cooperate (if the
        structure allows it)."""
        if not reserve:
            for lead in self._conflicts(actor, entry, where):
                if lead in self.actors and self.may_tie(actor.name, lead):
                    self._tie(actor.name, lead)
        for signature in self._signatures(entry, where):
            self.signatures.setdefault(signature, []).append(actor.name)
            if reserve:
                self.reserved.add(signature)

    def _offer(self, actor: _Actor, entry: tuple, where: tuple, *, partners: bool = True,
               active: bool = False) -> _Offer:
        """An offer of `actor`; hand-written ones (`active`) run, generated ones may also be
        planned or ended."""
        rng = self.rng
        commitment, title, kind, field_key, groups = entry[:5]
        districts, whole = where
        title = title.replace("{loc}", LOCATIVE[districts[0]] if districts else "in Musterstadt")
        draw = rng.random()
        if active or commitment in (8, 9) or actor.place in (PERIPHERY, CLUSTER, ISOLATED) \
                or draw < 0.78:
            status = ContributionStatus.ACTIVE
        elif draw < 0.9:
            status = ContributionStatus.ENDED
        else:
            status = ContributionStatus.PLANNED
        if status == ContributionStatus.ACTIVE:
            start = self.days_ago(30, 1800)
            ending = rng.random()
            if commitment == 9 and title not in LASTING_COMMITMENT_9:
                end = self.today + timedelta(days=rng.randint(20, 170))  # funding period ends
            elif commitment == 8:
                end = None
            elif ending < 0.1 and commitment in (4, 5, 6):  # enough offers to carry on
                end = self.today + timedelta(days=rng.randint(14, 170))
            elif ending < 0.25:
                end = self.today + timedelta(days=rng.randint(250, 900))
            else:
                end = None
        elif status == ContributionStatus.ENDED:
            start = self.days_ago(800, 2000)
            end = min(start + timedelta(days=rng.randint(180, 730)), self.today - timedelta(days=10))
        else:
            start = self.today + timedelta(days=rng.randint(30, 200))
            end = start + timedelta(days=rng.choice((365, 730)))
        chosen = []
        if partners and commitment != 8 and rng.random() < 0.35:
            options = [p for p in self.partners(actor.name)
                       if self.tied(actor.name, p) and self.actors[p].status == "active"]
            if options:
                chosen = rng.sample(options, min(len(options), rng.randint(1, 2)))
        languages = ("de",) + actor.langs[:3]
        return _Offer(actor.name, commitment, title, kind, field_key, tuple(groups), districts,
                      whole, status, start, end, self.days_ago(0, 300), sorted(chosen), languages)

    def _is_active(self, offer: _Offer) -> bool:
        return (offer.status == ContributionStatus.ACTIVE
                and (offer.start is None or offer.start <= self.today)
                and (offer.end is None or offer.end >= self.today))

    def _join_commitment_islands(self) -> None:
        """Actors working on the same commitment mostly know each other: where the core actors
        of a commitment fall into separate groups (active ties and shared bodies), one tie joins
        each smaller group to the largest. The edge, the cluster and the isolated actors stay
        apart (`commitment-fragmented` then names exactly them)."""
        bodies = [(lead, *members) for body, _kind, lead, _text, members in BODIES
                  if body not in INACTIVE_BODIES]
        for number in range(1, 11):
            names = sorted({name for offer in self.offers if offer.commitment == number
                            and self._is_active(offer) for name in (offer.lead, *offer.partners)
                            if self.actors[name].status != "dissolved"})
            graph = nx.Graph()
            graph.add_nodes_from(names)
            graph.add_edges_from((a, b) for i, a in enumerate(names) for b in names[i + 1:]
                                 if self.tied(a, b))
            for members in bodies:
                inside = [name for name in members if name in graph]
                graph.add_edges_from(zip(inside, inside[1:]))
            islands = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
            if len(islands) < 2:
                continue
            anchors = [name for name in sorted(islands[0]) if self.actors[name].place == CORE
                       and self.actors[name].status == "active"]
            for island in islands[1:]:
                core = [name for name in sorted(island) if self.actors[name].place == CORE
                        and self.actors[name].status == "active"]
                options = [(a, b) for a in core for b in anchors if self.may_tie(a, b)]
                if options:
                    self._tie(*self.rng.choice(options))

    def _tie_commitments(self) -> None:
        """Each tie serves the commitments its two actors share through offers (at most two)."""
        by_actor: dict[str, list[int]] = {}
        for offer in self.offers:
            for name in [offer.lead, *offer.partners]:
                if offer.commitment != 8:
                    by_actor.setdefault(name, []).append(offer.commitment)
        for tie in self.ties.values():
            shared = sorted(set(by_actor.get(tie.a, [])) & set(by_actor.get(tie.b, [])))
            if not shared:
                shared = sorted(set(by_actor.get(tie.a, [])) | set(by_actor.get(tie.b, [])))
                shared = self.rng.sample(shared, min(1, len(shared)))
            tie.commitments = sorted(shared[:2])


# --- writing -----------------------------------------------------------------------------------

@dataclass
class _Lookups:
    types: dict[str, int]
    groups: dict[str, int]
    fields: dict[str, int]
    languages: dict[str, int]
    commitments: dict[int, int]
    prerequisites: dict[str, int]
    districts: dict[str, int] = field(default_factory=dict)  # demo district name -> id


def _lookups() -> _Lookups:
    def by_key(model) -> dict:
        return dict(db.session.execute(sa.select(model.key, model.id).where(model.key.is_not(None))).all())

    lookups = _Lookups(types=by_key(ActorType), groups=by_key(TargetGroup),
                       fields=by_key(FieldOfAction), languages=by_key(Language),
                       commitments=dict(db.session.execute(sa.select(Commitment.number,
                                                                     Commitment.id)).all()),
                       prerequisites=by_key(Prerequisite))
    missing = sorted({a.type for a in ACTORS} - set(lookups.types))
    if missing or len(lookups.commitments) < 10:
        raise ValidationError({"with_demo": _(
            "Die Demo-Daten brauchen die mitgelieferten Akteurstypen und Selbstverpflichtungen; "
            "es fehlen: %(missing)s.", missing=", ".join(missing) or _("Selbstverpflichtungen"))})
    return lookups


def _write_districts(lookups: _Lookups) -> int:
    existing = {name.casefold(): district_id for district_id, name in
                db.session.execute(sa.select(District.id, District.name))}
    position = db.session.scalar(sa.select(sa.func.max(District.position))) or 0
    rows = []
    for name, special_need, funding, _loc in DISTRICTS:
        if name.casefold() not in existing:
            position += 1
            rows.append({"name": name, "position": position, "special_need": special_need,
                         "is_funding_area": funding})
    if rows:
        db.session.execute(sa.insert(District), rows)
    ids = {name.casefold(): district_id for district_id, name in
           db.session.execute(sa.select(District.id, District.name))}
    lookups.districts = {name: ids[name.casefold()] for name, *_ in DISTRICTS}
    return len(rows)


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=timezone.utc)


def _slug(name: str) -> str:
    text = name.lower()
    for old, new in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i")):
        text = text.replace(old, new)
    words = re.findall(r"[a-z0-9]+", text)
    words = [w for w in words if w not in ("e", "v", "der", "die", "des", "und", "fuer", "am")]
    return "-".join(words[:3])


def _insert_returning_ids(model, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    statement = sa.insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def _insert_links(table: sa.Table, pairs) -> None:
    left, right = table.c[0].name, table.c[1].name
    rows = [{left: owner, right: other} for owner, other in dict.fromkeys(pairs)]
    if rows:
        db.session.execute(table.insert(), rows)


def _write(plan: _Plan, lookups: _Lookups, by: User | None, districts_added: int,
           advisory_body_name: str) -> DemoSummary:
    rng, today = plan.rng, plan.today
    user_id = by.id if by else None
    tracked = {"created_by_id": user_id, "updated_by_id": user_id, "version": 1}

    # actors, with the target groups and fields of their offers
    groups_of: dict[str, list[str]] = {}
    fields_of: dict[str, list[str]] = {}
    for offer in plan.offers:
        groups_of.setdefault(offer.lead, []).extend(offer.groups)
        fields_of.setdefault(offer.lead, []).append(offer.field_key)
    actor_rows = []
    for actor in ACTORS:
        reviewed = plan.reviewed[actor.name]
        home = actor.districts[0] if actor.districts else (
            "Altstadt" if actor.municipal else rng.choice(("Altstadt", "Neustadt", "Südstadt")))
        street = "Rathausplatz" if actor.type == "administration" else rng.choice(STREETS[home])
        slug = _slug(actor.name)
        has_web = actor.place != ISOLATED and rng.random() < 0.7
        actor_rows.append({
            "name": actor.name, "name_key": normalize_name(actor.name),
            "type_id": lookups.types[actor.type], "migrant_led": actor.mso,
            "municipal": actor.municipal,
            "description": actor.description or TYPE_DESCRIPTIONS.get(actor.type, ""),
            "address": f"{street} {rng.randint(1, 80)}, 12345 Musterstadt",
            "whole_commune": not actor.districts,
            "website": f"https://www.{slug}.example" if has_web else "",
            "email": f"info@{slug}.example" if has_web else "",
            "phone": f"01234 {rng.randint(10000, 99999)}" if rng.random() < 0.8 else "",
            "status": ActorStatus(actor.status), "last_reviewed": reviewed,
            "created_at": _stamp(reviewed - timedelta(days=rng.randint(0, 700))),
            "updated_at": _stamp(reviewed), **tracked,
        })
    actor_ids = dict(zip([a.name for a in ACTORS], _insert_returning_ids(Actor, actor_rows)))
    _insert_links(actor_districts, [(actor_ids[a.name], lookups.districts[d])
                                    for a in ACTORS for d in a.districts])
    _insert_links(actor_target_groups, [(actor_ids[a.name], lookups.groups[g]) for a in ACTORS
                                        for g in groups_of.get(a.name, ("all",))[:4]])
    _insert_links(actor_fields, [(actor_ids[a.name], lookups.fields[f]) for a in ACTORS
                                 for f in fields_of.get(a.name, ())])
    _insert_links(actor_languages, [(actor_ids[a.name], lookups.languages[code]) for a in ACTORS
                                    for code in ("de",) + a.langs if code in lookups.languages])

    # contributions
    contribution_ids = _insert_returning_ids(Contribution, [{
        "title": offer.title, "commitment_id": lookups.commitments[offer.commitment],
        "kind": offer.kind, "field_of_action_id": lookups.fields[offer.field_key],
        "status": offer.status, "start_date": offer.start, "end_date": offer.end,
        "description": "", "whole_commune": offer.whole_commune,
        "last_reviewed": offer.last_reviewed,
        "created_at": _stamp(min(offer.last_reviewed, offer.start or today)),
        "updated_at": _stamp(offer.last_reviewed), **tracked,
    } for offer in plan.offers])
    participants = []
    for contribution_id, offer in zip(contribution_ids, plan.offers):
        participants.append({"contribution_id": contribution_id,
                             "actor_id": actor_ids[offer.lead], "is_lead": True})
        participants.extend({"contribution_id": contribution_id, "actor_id": actor_ids[name],
                             "is_lead": False} for name in offer.partners)
    db.session.execute(sa.insert(ContributionParticipant), participants)
    pairs = list(zip(contribution_ids, plan.offers))
    _insert_links(contribution_target_groups, [(cid, lookups.groups[g]) for cid, o in pairs
                                               for g in o.groups])
    _insert_links(contribution_districts, [(cid, lookups.districts[d]) for cid, o in pairs
                                           for d in o.districts])
    _insert_links(contribution_languages, [(cid, lookups.languages[code]) for cid, o in pairs
                                           for code in o.languages if code in lookups.languages])

    # cooperations (stored with the smaller actor id first)
    ties = list(plan.ties.values())
    cooperation_ids = _insert_returning_ids(Cooperation, [{
        "actor_a_id": min(actor_ids[tie.a], actor_ids[tie.b]),
        "actor_b_id": max(actor_ids[tie.a], actor_ids[tie.b]),
        "kind": tie.kind, "start_date": tie.start, "end_date": tie.end,
        "intensity": tie.intensity, "written_agreement": tie.kind == K.AGREEMENT,
        "note": tie.note, "created_at": _stamp(tie.start), "updated_at": _stamp(tie.start),
        **tracked,
    } for tie in ties])
    _insert_links(cooperation_commitments, [(cid, lookups.commitments[number])
                                            for cid, tie in zip(cooperation_ids, ties)
                                            for number in tie.commitments])

    # bodies and their members (the lead is a member too)
    body_rows, member_lists = [], []
    for name, kind, lead, description, members in BODIES:
        if kind == BodyKind.ADVISORY_COUNCIL and advisory_body_name:
            name = f"{advisory_body_name} der Stadt Musterstadt"
        founded = plan.days_ago(900, 3500)
        body_rows.append({"name": name, "name_key": normalize_name(name), "kind": kind,
                          "lead_actor_id": actor_ids[lead], "active": name not in INACTIVE_BODIES,
                          "description": description, "created_at": _stamp(founded),
                          "updated_at": _stamp(founded), **tracked})
        member_lists.append((founded, lead, members))
    body_ids = _insert_returning_ids(Body, body_rows)
    memberships = []
    for body_id, (founded, lead, members) in zip(body_ids, member_lists):
        memberships.append({"body_id": body_id, "actor_id": actor_ids[lead],
                            "role": "Federführung", "since": founded, "until": None})
        for index, member in enumerate(members):
            since = founded + timedelta(days=rng.randint(0, max(1, (today - founded).days - 30)))
            left = index == len(members) - 1 and rng.random() < 0.5
            memberships.append({"body_id": body_id, "actor_id": actor_ids[member],
                                "role": "stellv. Vorsitz" if index == 0 else rng.choice(
                                    ("Mitglied", "Mitglied", "Mitglied", "beratendes Mitglied")),
                                "since": since,
                                "until": today - timedelta(days=rng.randint(10, 200)) if left
                                else None})
    db.session.execute(sa.insert(BodyMembership), memberships)

    # contact persons and assessments
    contacts = [{"actor_id": actor_ids[actor], "name": person, "role": role,
                 "email": f"{local}@{_slug(actor)}.example",
                 "phone": f"01234 {rng.randint(10000, 99999)}", "version": 1}
                for actor, person, role, local in CONTACTS]
    db.session.execute(sa.insert(ContactPerson), contacts)
    assessments = [{"commitment_id": lookups.commitments[number], "prerequisite_id": None,
                    "status": status, "justification": text,
                    "assessed_on": plan.days_ago(20, 120), "author_id": user_id,
                    "created_at": _stamp(today)}
                   for number, status, text in COMMITMENT_ASSESSMENTS]
    assessments += [{"commitment_id": None, "prerequisite_id": lookups.prerequisites[key],
                     "status": status, "justification": text,
                     "assessed_on": plan.days_ago(20, 120), "author_id": user_id,
                     "created_at": _stamp(today)}
                    for key, status, text in PREREQUISITE_ASSESSMENTS
                    if key in lookups.prerequisites]
    db.session.execute(sa.insert(Assessment), assessments)
    return DemoSummary(districts_added=districts_added, actors=len(actor_rows),
                       contributions=len(contribution_ids), cooperations=len(cooperation_ids),
                       bodies=len(body_ids), memberships=len(memberships),
                       contact_persons=len(contacts), assessments=len(assessments))
