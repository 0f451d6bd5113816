"""Phrases of the commitment texts (reference_data.COMMITMENTS) and of the council motion that the
explanations quote word for word (Context.cite finds them in the commitment's stored text)."""

NETWORKING = ("sich für eine stärkere Vernetzung der gesellschaftlichen, politischen und "
              "wirtschaftlichen Akteure einzusetzen")
COORDINATION = ("als zentraler Akteur zur Koordinierung und Abstimmung der verschiedenen "
                "Integrationsbemühungen aufzutreten")
STRATEGY = ("kommunale Gesamtstrategien, die den jeweiligen örtlichen Bedürfnissen angepasst "
            "sind, zu entwickeln und fortzuschreiben")
PARTICIPATION = ("Menschen mit Migrationshintergrund stärker an den Entscheidungs- und "
                 "Gestaltungsprozessen in den unterschiedlichsten Bereichen des sozialen und "
                 "politischen Lebens zu beteiligen")
ENGAGEMENT = "bürgerschaftliches Engagement von, für und mit Migranten zu unterstützen und zu fördern"
WOMEN = "auch für die Einbeziehung der weiblichen Migrationsbevölkerung einzutreten"
SGB_II = ("als Träger von Aufgaben nach dem SGB II die berufliche Integration von Menschen mit "
          "Migrationshintergrund mit ihren flankierenden Maßnahmen zu unterstützen")
NEIGHBOURHOODS = ("in Sozialräumen mit Integrationsdefiziten durch Quartiersmanagement und "
                  "Netzwerkbildung das Zusammenleben zwischen den Bevölkerungsgruppen zu fördern")
TOLERANCE_NETWORK = "örtliche Netzwerke gegen Extremismus und für Toleranz zu unterstützen"
XENOPHOBIA = "Fremdenfeindlichkeit in allen Ausprägungen entgegenzutreten"
DOCUMENTATION = "ihre Integrationsbemühungen zu dokumentieren, zu evaluieren und ggfls. zu optimieren"
# Request 3 of the council motion (docs/domain.md, "The ten commitments").
MOTION_PREREQUISITES = ("Zu prüfen, wie insbesondere die im Nationalen Integrationsplan genannten "
                        "strukturellen und organisatorischen Voraussetzungen (Gesamtstrategie, "
                        "Moderation, Koordination, Vernetzung, Evaluation) … geschaffen werden "
                        "können.")
