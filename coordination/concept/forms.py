"""The form of the concept's own texts."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, TextAreaField
from wtforms.validators import Length, Optional

from coordination.forms import VersionedForm
from coordination.services.concept_texts import TEXT_MAX, ConceptTextValues


class ConceptTextsForm(VersionedForm):
    mandate = TextAreaField(_l("Einleitung und Auftrag"), validators=[Length(max=TEXT_MAX)],
                            render_kw={"rows": 6})
    vision = TextAreaField(_l("Leitbild"), validators=[Length(max=TEXT_MAX)], render_kw={"rows": 6})
    guiding_goals = TextAreaField(_l("Leitziele"), validators=[Length(max=TEXT_MAX)],
                                  render_kw={"rows": 6})
    evaluation = TextAreaField(_l("Monitoring und Fortschreibung"),
                               validators=[Length(max=TEXT_MAX)], render_kw={"rows": 4})
    next_update = DateField(_l("Nächste Fortschreibung"), validators=[Optional()])

    def values(self) -> ConceptTextValues:
        return ConceptTextValues(mandate=self.mandate.data or "", vision=self.vision.data or "",
                                 guiding_goals=self.guiding_goals.data or "",
                                 evaluation=self.evaluation.data or "",
                                 next_update=self.next_update.data)
