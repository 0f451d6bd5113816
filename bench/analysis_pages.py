"""What the analysis costs the web app at 2,000 actors: loading the network from the database,
the first (uncached) analysis, cached page views of the analysis pages, and the downloads.

Uses the throw-away database of bench/pages.py (same generator, same sizes). Targets: loading
about 50 ms; cached page views cheap (a few queries, tens of milliseconds); the analysis itself
is measured by bench/analysis.py.

    .venv/bin/python bench/analysis_pages.py [--actors 2000] [--cooperations 5000] [--requests 20]
"""
from __future__ import annotations

import statistics
import time

import pages  # bench/pages.py (next to this script): database builder, timing helpers; puts the project on sys.path
from flask import url_for

from coordination.analysis.pipeline import cyclic_gc_paused
from coordination.extensions import db
from coordination.queries import analysis as analysis_queries
from coordination.queries.network_data import load_network_data


def main() -> int:
    parser = pages.size_arguments(__doc__)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--profile", metavar="URL", help="cProfile of this page (e.g. /commitments/5)")
    options = parser.parse_args()

    with pages.throwaway_app(options) as (app, _facts), app.app_context():

        data = load_network_data()
        analysis_queries.current_analysis()  # a cached analysis in memory, as in a running app
        analysis_queries.forget_cached_analysis()
        print(f"{len(data.actors)} actors, {len(data.cooperations)} cooperations, "
              f"{len(data.contributions)} contributions, {len(data.memberships)} memberships")
        median, cpu = pages.timed(load_network_data, 7)
        print(f"load_network_data (database -> records): median {median:6.1f} ms, cpu {cpu:6.1f} ms")

        def paused():
            with cyclic_gc_paused():
                load_network_data()

        median, cpu = pages.timed(paused, 7)
        print(f"  the same, garbage collector paused:    median {median:6.1f} ms, cpu {cpu:6.1f} ms "
              f"(as current_analysis() does)")
        started = time.perf_counter()
        analysis = analysis_queries.current_analysis()
        print(f"first analysis (load + analyse):         {(time.perf_counter() - started) * 1000:6.1f} ms "
              f"({len(analysis.findings)} findings; steps "
              + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in analysis.result.timings.items()) + ")")
        median, cpu = pages.timed(analysis_queries.current_analysis, 20)
        print(f"current_analysis(), cached:              median {median:6.2f} ms, cpu {cpu:6.2f} ms")
        db.session.remove()

        with app.test_request_context():
            urls = [("gap list", url_for("analysis_views.index")),
                    ("gap list, filtered", url_for("analysis_views.index", severity="mittel", status="open")),
                    ("coverage", url_for("analysis_views.coverage")),
                    ("network figures", url_for("analysis_views.network")),
                    ("commitment analysis", url_for("analysis_views.commitment", number=5)),
                    ("commitment page", url_for("commitments.detail", number=5)),
                    ("dashboard", url_for("main.dashboard"))]
            downloads = [(f"export {fmt}", url_for("analysis_views.export", file_format=fmt))
                         for fmt in ("csv", "xlsx", "md", "json", "docx")]
            downloads += [("Sachstandsbericht html", url_for("reports.preview", kind="sachstandsbericht")),
                          ("Sachstandsbericht docx", url_for("reports.preview_docx", kind="sachstandsbericht"))]
        client = app.test_client()
        response = client.post("/login", data={"username": "coord", "password": pages.PASSWORD})
        assert response.status_code == 302, "login failed"
        if options.profile:
            print(pages.profile(client, options.profile))
            return 0
        print(f"\ncached page views ({options.requests} requests each, warm):")
        for label, url in urls:
            times, cpu, _first = pages.measure(client, url, options.requests, warm_up=2)
            with app.app_context():
                queries = pages.count_queries(client, url)
            print(f"  {label:22s} median {statistics.median(times):6.1f} ms  "
                  f"p95 {pages.percentile(times, 0.95):6.1f} ms  cpu {statistics.median(cpu):6.1f} ms  "
                  f"{queries:2d} queries")
        print("\ndownloads (3 requests each):")
        for label, url in downloads:
            times, _cpu, _first = pages.measure(client, url, 3, warm_up=1)
            print(f"  {label:22s} median {statistics.median(times):7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
