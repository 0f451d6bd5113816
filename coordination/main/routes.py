from flask import render_template

from coordination.main import bp
from coordination.main import queries
from coordination.services import analysis as analysis_service
from coordination.services import analysis_figures as figures


@bp.route("/")
def dashboard():
    analysis = analysis_service.current_analysis()
    items = analysis_service.finding_items(analysis, with_measures=False)
    summaries = figures.commitment_summaries(analysis, items)
    return render_template("main/dashboard.html", totals=queries.totals(), recent=queries.recent_changes(),
                           heat_map=figures.commitment_heat_map(analysis, summaries),
                           key_figures=figures.key_figures(analysis, items),
                           top_findings=[item for item in items if item.status == "open"][:6])
