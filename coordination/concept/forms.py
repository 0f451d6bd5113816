"""The form of the concept's own texts."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, TextAreaField
from wtforms.validators import Length, Optional

from coordination.forms import VersionedForm
from coordination.services.concept_texts import TEXT_MAX, ConceptTextValues


class ConceptTextsForm(VersionedForm):
    mandate = TextAreaField(_l("Einleitung und Auftrag"), validators=[Length(max=TEXT_MAX)],
                            render_kw={"rows": 6}, description=_l(
                                "Anlass und Beschluss: wer das Konzept in Auftrag gegeben hat (Gremium, "
                                "Datum, Drucksache) und wie es entstanden ist."))
    vision = TextAreaField(_l("Leitbild"), validators=[Length(max=TEXT_MAX)], render_kw={"rows": 6},
                           description=_l("Das Selbstverständnis der Kommune in wenigen Sätzen."))
    guiding_goals = TextAreaField(_l("Leitziele"), validators=[Length(max=TEXT_MAX)],
                                  render_kw={"rows": 6}, description=_l("Ein Leitziel je Zeile."))
    evaluation = TextAreaField(_l("Monitoring und Fortschreibung"),
                               validators=[Length(max=TEXT_MAX)], render_kw={"rows": 4}, description=_l(
                                   "Wer wertet wann aus, wem wird berichtet, wie oft wird das Konzept "
                                   "fortgeschrieben?"))
    next_update = DateField(_l("Nächste Fortschreibung"), validators=[Optional()])

    def values(self) -> ConceptTextValues:
        return ConceptTextValues(mandate=self.mandate.data or "", vision=self.vision.data or "",
                                 guiding_goals=self.guiding_goals.data or "",
                                 evaluation=self.evaluation.data or "",
                                 next_update=self.next_update.data)
