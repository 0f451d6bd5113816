"""Integrationsnetz: the integration coordinator's network tool.

The application is made by coordination.factory.create_app; this package file stays empty, so
that importing a pure part (coordination.analysis, coordination.text) does not load Flask.
"""
