"""Template globals for pages of other areas: the commitment and prerequisite pages show the
analysis' suggested status next to the assessment form and a section with the commitment's
coverage, sub-network, findings and measures (templates/analysis/_commitment_section.html).

They never break the page they are on: if the analysis fails, the error is logged and the
section says that the analysis is unavailable.
"""
from __future__ import annotations

from flask import current_app

from coordination.analysis_views import bp
from coordination.queries import analysis as analysis_queries
from coordination.queries import analysis_figures as figures
from coordination.queries import suggestions


def _safely(compute):
    try:
        return compute()
    except Exception:  # noqa: BLE001 - another area's page must still render
        current_app.logger.exception("analysis unavailable")
        return None


@bp.app_template_global()
def suggested_status(number: int):
    """The Suggestion (status, reason) of the analysis for commitment `number`, or None."""
    return _safely(lambda: suggestions.suggest_commitment(
        analysis_queries.current_analysis(), number))


@bp.app_template_global()
def suggested_prerequisite_status(key: str):
    """The Suggestion for the structural prerequisite `key`, or None."""
    return _safely(lambda: suggestions.suggest_prerequisite(
        analysis_queries.current_analysis(), key))


@bp.app_template_global()
def commitment_analysis(number: int):
    """The CommitmentSection of commitment `number` (coverage, islands, findings, measures)."""
    return _safely(lambda: figures.commitment_section(analysis_queries.current_analysis(), number))


@bp.app_template_global()
def offers_phrase(contributions: int, actors: int) -> str:
    """ "kein aktives Angebot", "ein aktives Angebot von einem Akteur", "3 aktive Angebote von 2
    Akteuren"."""
    return suggestions.offers_text(contributions, actors)


@bp.app_template_filter()
def analysis_text(text) -> str:
    """A sentence of the analysis (a finding's title or explanation) in the reader's language."""
    return analysis_queries.render(text)
