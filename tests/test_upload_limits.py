"""Hostile import files: decompression bombs, empty rows by the million, huge cells, wide rows,
files that never finish reading. Each is refused with a German sentence, read once only."""
import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from coordination.extensions import db
from coordination.models import Actor, ImportUpload
from coordination.services.importing import read as read_module
from coordination.services.importing import sandbox, stored


def xlsx(rows: list[list], cells: dict[str, object] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Akteure"
    for row in rows:
        sheet.append(row)
    for reference, value in (cells or {}).items():
        sheet[reference] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet(workbook: bytes, sheet_xml: bytes) -> bytes:
    """The workbook with its first sheet's XML replaced (as an attacker would write it)."""
    source, target = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in source.infolist():
            data = sheet_xml if part.filename == "xl/worksheets/sheet1.xml" else source.read(part)
            archive.writestr(part.filename, data)
    return target.getvalue()


def sheet_xml(rows: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is>'
            b'</c></row>' + rows + b"</sheetData></worksheet>")


def numbered_empty_rows(count: int) -> bytes:
    return b"".join(b'<row r="%d"/>' % number for number in range(2, count + 2))


def upload(client, name: str, content: bytes):
    return client.post("/import/", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data", headers={"Accept": "application/json"})


def refused(response) -> str:
    assert response.status_code == 400, response.data
    [message] = response.get_json()["errors"]
    return message


def test_a_decompression_bomb_is_refused_unopened(as_coordinator):
    bomb = with_sheet(xlsx([["Name"]]), sheet_xml(b"<row/>" * 1_000_000))  # 6 MB of XML, packed tiny
    assert len(bomb) < 50_000
    assert "ungewöhnlich stark gepackt" in refused(upload(as_coordinator, "bombe.xlsx", bomb))
    one_cell = with_sheet(xlsx([["Name"]]), sheet_xml(b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
                                                      + b"x" * 5_000_000 + b"</t></is></c></row>"))
    assert "ungewöhnlich stark gepackt" in refused(upload(as_coordinator, "zelle.xlsx", one_cell))
    assert db.session.query(ImportUpload).count() == 0


def test_the_unpacked_size_is_limited(app, as_coordinator):
    app.config["IMPORT_MAX_UNPACKED_BYTES"] = 2**20
    app.config["IMPORT_MAX_COMPRESSION_RATIO"] = 10**6
    big = with_sheet(xlsx([["Name"]]), sheet_xml(numbered_empty_rows(100_000)))
    assert "entpackt größer als 1 MB" in refused(upload(as_coordinator, "gross.xlsx", big))


def test_empty_rows_count_towards_the_row_limit(app, as_coordinator):
    app.config["IMPORT_MAX_ROWS"] = 100
    far_down = xlsx([["Name"], ["Verein A"]], {"A5000": "Verein B"})
    assert "mehr als 100 Zeilen (leere Zeilen mitgezählt)" in refused(upload(as_coordinator, "a.xlsx", far_down))
    declared = with_sheet(xlsx([["Name"]]), sheet_xml(
        b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>X</t></is></c></row>'))
    assert "leere Zeilen mitgezählt" in refused(upload(as_coordinator, "b.xlsx", declared))


def test_a_huge_cell_is_refused(app, as_coordinator):
    csv_file = ("Name;Beschreibung\nVerein;" + "y" * 40_000 + "\n").encode()
    assert "Zeile 2: eine Zelle hat mehr als 32767 Zeichen" in refused(upload(as_coordinator, "z.csv", csv_file))
    app.config["IMPORT_MAX_CELL_CHARS"] = 1000
    response = upload(as_coordinator, "zelle.xlsx", xlsx([["Name", "Beschreibung"], ["Verein", "x" * 5000]]))
    assert "Zeile 2: eine Zelle hat mehr als 1000 Zeichen" in refused(response)


def test_too_many_columns_are_refused(as_coordinator):
    response = upload(as_coordinator, "breit.xlsx", xlsx([["Name"], ["Verein"]], {"IZ2": "weit rechts"}))
    assert "Zeile 2: mehr als 200 Spalten" in refused(response)


def test_a_file_that_reads_too_long_is_stopped(app, as_coordinator, monkeypatch):
    def endless(filename, content):
        while True:
            pass

    app.config["IMPORT_PARSE_SECONDS"] = 1
    monkeypatch.setattr(sandbox, "read_file", endless)
    message = refused(upload(as_coordinator, "ewig.csv", b"Name\nVerein\n"))
    assert "in der vorgesehenen Zeit und mit dem vorgesehenen Speicher" in message


def test_a_file_that_needs_too_much_memory_is_stopped(app, as_coordinator, monkeypatch):
    def greedy(filename, content):
        return [bytearray(2**20) for _ in range(4096)]  # 4 GiB

    app.config["IMPORT_PARSE_MEMORY_MB"] = 256
    monkeypatch.setattr(sandbox, "read_file", greedy)
    message = refused(upload(as_coordinator, "gierig.csv", b"Name\nVerein\n"))
    assert "in der vorgesehenen Zeit und mit dem vorgesehenen Speicher" in message


def test_the_file_is_read_once_and_later_steps_use_the_stored_rows(as_coordinator, monkeypatch):
    response = upload(as_coordinator, "akteure.csv", "Name;Typ\nVerein Süd;Verein\n".encode("cp1252"))
    token = response.get_json()["redirect"].split("/")[-2]

    def no_second_reading(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(read_module, "_read_csv", no_second_reading)
    monkeypatch.setattr(read_module, "_read_xlsx", no_second_reading)
    assert "Verein Süd" in as_coordinator.get(f"/import/{token}/mapping").text
    assert as_coordinator.get(f"/import/{token}/preview").status_code == 200
    response = as_coordinator.post(f"/import/{token}/preview", data={"action": "import", "on_match": "merge"})
    assert response.status_code == 302
    assert [actor.name for actor in db.session.query(Actor)] == ["Verein Süd"]
    assert db.session.query(ImportUpload).count() == 0


@pytest.mark.parametrize("cell", ["31.12.2024", 42, 3.5, True, None, "Text mit ä"])
def test_stored_rows_come_back_as_read(app, cell):

    parsed = read_module.ImportFile("a.xlsx", [read_module.Sheet(
        "Akteure", ["Name", "Wert"], [(2, ["A", cell, date(2024, 12, 31), datetime(2024, 1, 2, 3, 4)])],
        kind="actors", mapping={0: "name"})])
    again = stored.decode(stored.encode(parsed))
    assert again == parsed
