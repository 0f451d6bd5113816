from flask import render_template

from coordination.main import bp, queries
from coordination.queries import analysis as analysis_queries
from coordination.queries import analysis_figures as figures


@bp.route("/")
def dashboard():
    analysis = analysis_queries.current_analysis()
    accepted = analysis_queries.accepted_fingerprints(analysis)
    summaries = figures.commitment_summaries(analysis, accepted)
    top = [finding for finding in analysis.findings
           if finding.fingerprint not in accepted and not finding.upkeep][:6]
    return render_template("main/dashboard.html", totals=figures.inventory_totals(analysis), recent=queries.recent_changes(),
                           first_steps=queries.first_steps(),
                           heat_map=figures.commitment_heat_map(analysis, summaries),
                           key_figures=figures.key_figures(analysis, accepted),
                           top_findings=analysis_queries.finding_items(analysis, top, with_measures=False))
