"""Reference data seeded at set-up: the ten commitments as quoted in the council motion
(docs/domain.md, 11. The motion; NIP 2007 pp. 31-33), the five
structural prerequisites, and the German default lists. Seeded list entries carry a stable key.
"""

COMMITMENTS = [
    (1, "Integration als Querschnittsaufgabe und Gesamtstrategie",
     "der Integration eine hohe kommunalpolitische Bedeutung beizumessen, Integration als "
     "ressortübergreifende Aufgabe in der Kommunalverwaltung zu verankern und ihrer Bedeutung "
     "entsprechend anzusiedeln, kommunale Gesamtstrategien, die den jeweiligen örtlichen "
     "Bedürfnissen angepasst sind, zu entwickeln und fortzuschreiben"),
    (2, "Vernetzung und Koordination",
     "sich für eine stärkere Vernetzung der gesellschaftlichen, politischen und wirtschaftlichen "
     "Akteure einzusetzen und erforderlichenfalls Vernetzungen zu initiieren, dabei im Rahmen "
     "ihrer Möglichkeiten als zentraler Akteur zur Koordinierung und Abstimmung der verschiedenen "
     "Integrationsbemühungen aufzutreten"),
    (3, "Interkulturelle Öffnung der Verwaltung",
     "den Anteil von Menschen mit Migrationshintergrund in den Verwaltungen zu erhöhen, "
     "Mitarbeiter in der Weise fortzubilden, dass dem Ziel der Kundenfreundlichkeit und dem Bedarf "
     "an interkultureller Kompetenz in der Verwaltung noch wirkungsvoller Rechnung getragen werden "
     "kann"),
    (4, "Bürgerschaftliches Engagement und Partizipation",
     "bürgerschaftliches Engagement von, für und mit Migranten zu unterstützen und zu fördern, "
     "Menschen mit Migrationshintergrund stärker an den Entscheidungs- und Gestaltungsprozessen in "
     "den unterschiedlichsten Bereichen des sozialen und politischen Lebens zu beteiligen und dabei "
     "auch für die Einbeziehung der weiblichen Migrationsbevölkerung einzutreten, die Kompetenzen "
     "der Zuwanderer als Multiplikatoren und Konfliktmoderatoren stärker einzubeziehen"),
    (5, "Bildung: Lotsenfunktion",
     "als Lotsen Zuwanderer bei der Wahrnehmung von Bildungsangeboten des Bundes und der Länder "
     "(z. B. durch Information über entsprechende Angebote) zu unterstützen und zu den Angeboten "
     "hinzuführen, durch kommunale Maßnahmen das Bildungsangebot zu ergänzen und diese Angebote mit "
     "denen des Bundes und der Länder zu vernetzen"),
    (6, "Berufliche Integration",
     "als Träger von Aufgaben nach dem SGB II die berufliche Integration von Menschen mit "
     "Migrationshintergrund mit ihren flankierenden Maßnahmen zu unterstützen, auch in ihrer Rolle "
     "als Arbeitgeber einen unmittelbaren Beitrag zur beruflichen Integration zu leisten"),
    (7, "Sozialräume und Quartiersmanagement",
     "in Sozialräumen mit Integrationsdefiziten durch Quartiersmanagement und Netzwerkbildung das "
     "Zusammenleben zwischen den Bevölkerungsgruppen zu fördern, mit niedrigschwelligen sozialen "
     "und kulturellen Angeboten die Lebensqualität im und die Identifikation mit dem Quartier zu "
     "stärken, von Förderinstrumenten zur Stärkung benachteiligter Quartiere wie z. B. das "
     "Bund-Länder-Programm „Soziale Stadt“ und die Programme des Europäischen Sozialfonds (ESF) "
     "stärker Gebrauch zu machen"),
    (8, "Ethnische Ökonomie",
     "im Rahmen kommunaler Wirtschaftsförderungskonzepte der zunehmenden Bedeutung der ethnischen "
     "Ökonomie Rechnung zu tragen, in der Bevölkerung und der Verwaltung das Bewusstsein für das "
     "Potenzial der ethnischen Ökonomie zu wecken und für den kommunalen Wirtschaftsstandort zu "
     "nutzen"),
    (9, "Gegen Extremismus und Fremdenfeindlichkeit",
     "auch weiterhin energisch extremistische und fremdenfeindliche Bestrebungen zu bekämpfen und "
     "Fremdenfeindlichkeit in allen Ausprägungen entgegenzutreten, örtliche Netzwerke gegen "
     "Extremismus und für Toleranz zu unterstützen"),
    (10, "Information, Dokumentation, Evaluation",
     "über die vor Ort verfügbaren Integrationsangebote in geeigneter Weise zu informieren, im "
     "Interesse der Effektivität der lokalen Integrationspolitik und eines wirkungsvollen "
     "Ressourceneinsatzes ihre Integrationsbemühungen zu dokumentieren, zu evaluieren und ggfls. "
     "zu optimieren"),
]

PREREQUISITES = [
    ("strategy", "Gesamtstrategie",
     "Eine kommunale Gesamtstrategie zur Integration ist beschlossen und wird fortgeschrieben."),
    ("moderation", "Moderation",
     "Ein Gremium oder eine Stelle moderiert den Austausch der Akteure (z. B. Runder Tisch)."),
    ("coordination", "Koordination",
     "Die Integrationsarbeit wird von einer benannten Stelle koordiniert (Integrationskoordination)."),
    ("networking", "Vernetzung",
     "Die Akteure sind untereinander vernetzt; Kooperationen sind bekannt und dokumentiert."),
    ("evaluation", "Evaluation",
     "Die Integrationsarbeit wird dokumentiert, regelmäßig ausgewertet und verbessert."),
]

ACTOR_TYPES = [
    ("administration", "Kommunalverwaltung (Amt/Fachbereich)"),
    ("jobcenter", "Jobcenter"),
    ("employment_agency", "Agentur für Arbeit"),
    ("immigration_office", "Ausländerbehörde"),
    ("welfare", "Wohlfahrtsverband"),
    ("mso", "Migrantenorganisation (MSO)"),
    ("association", "Verein"),
    ("initiative", "Initiative/Ehrenamt"),
    ("religious", "Religionsgemeinschaft"),
    ("school", "Schule"),
    ("kita", "Kita"),
    ("education_provider", "Bildungsträger/VHS"),
    ("university", "Hochschule"),
    ("employer", "Unternehmen/Arbeitgeber"),
    ("chamber", "Kammer/Wirtschaftsverband"),
    ("economic_development", "Wirtschaftsförderung"),
    ("neighbourhood_management", "Quartiersmanagement"),
    ("body", "Gremium/Beirat"),
    ("police_justice", "Polizei/Justiz"),
    ("health", "Gesundheit"),
    ("foundation", "Stiftung"),
    ("antidiscrimination", "Antidiskriminierungsstelle/-beratung"),
    ("other", "Sonstige"),
]

FIELDS_OF_ACTION = [
    ("language", "Sprache"),
    ("education", "Bildung"),
    ("work", "Ausbildung & Arbeit"),
    ("housing", "Wohnen & Quartier"),
    ("health", "Gesundheit"),
    ("social", "Soziales & Beratung"),
    ("participation", "Teilhabe & Partizipation"),
    ("volunteering", "Ehrenamt"),
    ("culture_sport", "Kultur & Sport"),
    ("intercultural_opening", "Interkulturelle Öffnung"),
    ("democracy", "Antidiskriminierung & Demokratie"),
    ("economy", "Wirtschaft & Gründung"),
    ("residence", "Aufenthalt & Einbürgerung"),
    ("information", "Information & Orientierung"),
]

TARGET_GROUPS = [
    ("newcomers", "Neuzugewanderte"),
    ("refugees", "Geflüchtete"),
    ("eu_migrants", "EU-Zugewanderte"),
    ("women", "Frauen"),
    ("families", "Familien/Eltern"),
    ("children", "Kinder"),
    ("youth", "Jugendliche (12–27)"),
    ("adults", "Erwachsene (ab 27)"),
    ("seniors", "Senior:innen"),
    ("skilled_workers", "Fachkräfte"),
    ("entrepreneurs", "Unternehmer:innen"),
    ("administration_staff", "Verwaltungspersonal"),
    ("volunteers", "Ehrenamtliche"),
    ("all", "alle"),
]

LANGUAGES = [
    ("de", "Deutsch"), ("en", "Englisch"), ("ar", "Arabisch"), ("tr", "Türkisch"),
    ("ru", "Russisch"), ("uk", "Ukrainisch"), ("fa", "Farsi/Dari"), ("ps", "Paschtu"),
    ("ku", "Kurdisch"), ("pl", "Polnisch"), ("ro", "Rumänisch"), ("bg", "Bulgarisch"),
    ("fr", "Französisch"), ("es", "Spanisch"), ("it", "Italienisch"), ("sq", "Albanisch"),
    ("sr", "Serbisch/Kroatisch/Bosnisch"), ("ti", "Tigrinya"), ("so", "Somali"),
    ("vi", "Vietnamesisch"),
]

# Integrationsmonitoring (docs/domain.md): key, name, unit, source, note. The staff indicators
# (keys starting "staff_") evidence commitment 3; any value at all evidences commitment 10.
INDICATORS = [
    ("foreign_share", "Anteil ausländischer Staatsangehöriger an der Bevölkerung", "%",
     "Einwohnermelderegister; Statistisches Landesamt",
     "Einwohner:innen ohne deutsche Staatsangehörigkeit, Stichtag 31.12."),
    ("immigration_history_share", "Anteil der Bevölkerung mit Einwanderungsgeschichte", "%",
     "Mikrozensus / Zensus; kommunale Statistikstelle",
     "Selbst oder beide Elternteile seit 1950 eingewandert (Definition des Statistischen "
     "Bundesamts)."),
    ("naturalisations", "Einbürgerungen je 1.000 ausländische Einwohner:innen", "je 1.000",
     "Einbürgerungsstatistik; Einbürgerungsbehörde",
     "Einbürgerungen im Jahr, bezogen auf die ausländischen Einwohner:innen zum Jahresbeginn."),
    ("sgb2_rate_foreign", "SGB-II-Quote ausländischer Staatsangehöriger", "%",
     "Statistik der Bundesagentur für Arbeit",
     "Leistungsberechtigte nach dem SGB II unter 65 Jahren, Jahresdurchschnitt oder Dezember."),
    ("unemployment_rate_foreign", "Arbeitslosenquote ausländischer Staatsangehöriger", "%",
     "Statistik der Bundesagentur für Arbeit", "Jahresdurchschnitt, bezogen auf alle zivilen "
     "Erwerbspersonen."),
    ("school_leavers_unqualified_foreign",
     "Schulabgänger:innen ohne Abschluss, ausländische Staatsangehörigkeit", "%",
     "Schulstatistik des Landes", "Anteil an allen ausländischen Abgänger:innen allgemeinbildender "
     "Schulen im Schuljahr."),
    ("kita_attendance_non_german_language",
     "Kita-Besuchsquote der Drei- bis Sechsjährigen mit nichtdeutscher Familiensprache", "%",
     "Kinder- und Jugendhilfestatistik; Jugendamt", "Stichtag 1. März."),
    ("staff_immigration_history", "Beschäftigte der Verwaltung mit Einwanderungsgeschichte", "%",
     "Personalamt; freiwillige Beschäftigtenbefragung",
     "Freiwillige Angabe der Beschäftigten; Beleg für Selbstverpflichtung 3."),
    ("staff_intercultural_training", "Beschäftigte mit interkultureller Fortbildung im Jahr",
     "Anzahl", "Personalamt; Fortbildungsstatistik", "Beleg für Selbstverpflichtung 3."),
    ("integration_course_entries", "Eintritte in Integrationskurse", "Anzahl",
     "Integrationskursgeschäftsstatistik des BAMF", "Neue Kursteilnehmende im Jahr."),
    ("advisory_council_turnout", "Wahlbeteiligung Integrationsrat/-beirat", "%",
     "Wahlamt", "Nur in Jahren mit Wahl."),
]
