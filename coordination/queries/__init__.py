"""The read side shared by several areas: the web pages, the API, the exports and the commands.

Functions here only read (queries, the cached analysis, figures computed from it); writes live
in coordination.services. A blueprint's own read queries stay in its `queries.py`; what more
than one blueprint needs lives here, so that blueprints never import each other.
"""
