"""File writers for the gap list and the reports: CSV, XLSX, Markdown, JSON and DOCX.

The writers know no database and no Flask: they take plain data (lists, dicts, strings; see
`tables.Table` and the content dicts built by coordination.services.reports) and return bytes or
text. What goes in is decided by the services; how it looks in a file is decided here.
"""
