"""The files the exchange area hands out, for the download pages and the `export` command alike:
the full export (JSON, XLSX) and the cooperation network (GraphML, GEXF, node-link JSON)."""
from __future__ import annotations

from datetime import date

from coordination.exports import network
from coordination.queries.analysis import current_analysis
from coordination.services import backup as backup_service

EXPORT_FORMATS = ("json", "xlsx", *network.FORMATS)


def network_bytes(file_format: str, on: date | None = None) -> bytes:
    """The network on `on` (default today) as a GraphML, GEXF or node-link JSON file."""
    analysis = current_analysis(on)
    return network.network_file(network.node_link(analysis.data, analysis.result.metrics), file_format)


def export_bytes(file_format: str, *, with_contacts: bool = False) -> bytes:
    """The file content of an export in `file_format` (full export or network)."""
    if file_format == "json":
        return backup_service.json_bytes(backup_service.export_data(with_contacts=with_contacts))
    if file_format == "xlsx":
        return backup_service.xlsx_bytes(backup_service.export_data(with_contacts=with_contacts))
    return network_bytes(file_format)
