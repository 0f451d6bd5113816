"""The Sachstandsbericht at 2,000 actors: the analysis as of a past Stichtag, and the DOCX with
a comparison ("Veränderungen seit …") and the ten trend charts.

Uses the throw-away database of bench/pages.py (same generator, same sizes). Targets: the
as-of analysis of a past date (load and analyse) ≤ 0.5 s; the DOCX with comparison and charts
≤ 2 s (content from cached analyses plus rendering; the cold figure, with both analyses and
the history they share computed first, is printed too). Wall and CPU medians; on a shared machine CPU time is the
steadier figure.

    .venv/bin/python bench/status_report.py [--actors 2000] [--cooperations 5000] [--repeat 5]
"""
from __future__ import annotations

import os
import sys
from datetime import date, timedelta

import pages  # bench/pages.py (next to this script): database builder; puts the project on sys.path

from coordination.analysis.pipeline import cyclic_gc_paused
from coordination.exports.trend_chart import trend_png
from coordination.queries import analysis as analysis_queries
from coordination.queries.network_data import load_history
from coordination.queries.status_report import status_report_content
from coordination.services import reports as report_service


def main() -> int:
    parser = pages.size_arguments(__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()

    print(f"load average {os.getloadavg()[0]:.1f}")
    with pages.throwaway_app(options) as (app, _facts), app.app_context(), app.test_request_context():

        today = date.today()
        past = today - timedelta(days=365)
        history = load_history()
        present = history.as_of(past)
        print(f"{len(history.data.actors)} actors, {len(history.data.cooperations)} cooperations, "
              f"{len(history.data.contributions)} offers in the data; on {past:%d.%m.%Y}: "
              f"{len(present.actors)} actors, {len(present.cooperations)} cooperations")

        def load():
            with cyclic_gc_paused():  # as the app loads it
                load_history().as_of(past)

        median, cpu = pages.timed(load, options.repeat)
        print(f"load the network as of {past:%d.%m.%Y}:        median {median:7.1f} ms, cpu {cpu:7.1f} ms")
        median, cpu = pages.timed(lambda: analysis_queries.current_analysis(past), options.repeat,
                            before=analysis_queries.forget_cached_analysis)
        print(f"as-of analysis of {past:%d.%m.%Y} (load+analyse): median {median:7.1f} ms, "
              f"cpu {cpu:7.1f} ms   (target ≤ 500 ms)")

        def history_only():  # as in the running app: another date was analysed before
            analysis_queries.forget_cached_analysis()
            analysis_queries.current_history()

        median, cpu = pages.timed(lambda: analysis_queries.current_analysis(past), options.repeat,
                                  before=history_only)
        print(f"  the same, history already loaded:        median {median:7.1f} ms, cpu {cpu:7.1f} ms")

        def cold():
            analysis_queries.forget_cached_analysis()
            trend_png.cache_clear()

        def paper() -> bytes:
            content = status_report_content(today, compare_to=past)
            return report_service.render_docx(content)

        median, cpu = pages.timed(paper, max(2, options.repeat // 2), before=cold)
        print(f"DOCX with comparison and charts, cold:      median {median:7.1f} ms, cpu {cpu:7.1f} ms")
        paper()  # both analyses cached, as in the running app after the first page view

        median, cpu = pages.timed(paper, options.repeat, before=trend_png.cache_clear)
        print(f"DOCX with comparison and charts, warm:      median {median:7.1f} ms, cpu {cpu:7.1f} ms"
              f"   (target ≤ 2000 ms)")
        content = status_report_content(today, compare_to=past)
        median, cpu = pages.timed(lambda: report_service.render_docx(content), options.repeat,
                            before=trend_png.cache_clear)
        print(f"  of which writing the DOCX (10 charts):    median {median:7.1f} ms, cpu {cpu:7.1f} ms")
        size = len(report_service.render_docx(content))
        changes = content["changes"]
        print(f"DOCX {size / 1024:.0f} KiB; changes since {past:%d.%m.%Y}: "
              f"{len(changes['actors_added'])} actors added, {len(changes['actors_ended'])} ended, "
              f"{changes['cooperations_added']} cooperations added")
        pages.db_engine_dispose(app)
    print("Measured on a shared machine: other processes may slow the wall times; CPU time is "
          "this process alone.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
