from flask import render_template

from coordination.main import bp
from coordination.main import queries


@bp.route("/")
def dashboard():
    return render_template("main/dashboard.html", counts=queries.commitment_counts(),
                           totals=queries.totals(), recent=queries.recent_changes())
