"""A Landkreis's districts are its Gemeinden: with the Musterkreis demo loaded, no page, download
or document says "Stadtteil" (except inside the names and texts the demo itself records), and
the import reads a column under any commune kind's name."""
import csv
import io
import re
import zipfile

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from coordination import demo
from coordination.extensions import db
from coordination.models import Actor, Body, Contribution, District
from coordination.services import accounts
from coordination.services import commune as commune_service
from coordination.services.importing import COLUMNS
from coordination.services.importing.cells import fold_header
from tests.conftest import PASSWORD, _client_as

PAGES = ["/", "/actors/", "/contributions/", "/cooperations/", "/bodies/", "/commitments/",
         "/commitments/7", "/analysis/", "/analysis/coverage", "/analysis/measures",
         "/analysis/network", "/network/", "/monitoring/", "/monitoring/import", "/import/",
         "/reports/", "/admin/", "/admin/lists/districts", "/admin/audit", "/help/",
         "/help/actors", "/help/contributions", "/help/analysis", "/help/report", "/help/terms"]


@pytest.fixture
def kreis(empty_app):
    admin = commune_service.set_up(commune_name="Musterkreis", kind="landkreis",
                                   admin_username="admin", admin_password=PASSWORD)
    demo.build_demo_commune(by=admin)
    accounts.create_user("coord", PASSWORD, "coordinator")
    return empty_app


def recorded_texts() -> list[str]:
    """Names and texts of the demo's records that contain "Stadtteil" themselves (an offer
    "Stadtteilmütter …" is the coordinator's wording, not the app's)."""
    texts = []
    for column in (Actor.name, Actor.description, Contribution.title, Contribution.description,
                   Body.name, Body.description, District.name):
        texts += db.session.scalars(sa.select(column).where(column.like("%Stadtteil%")))
    return sorted(set(texts), key=len, reverse=True)


def app_words(text: str) -> str:
    for recorded in recorded_texts():
        text = text.replace(recorded, "").replace(str(recorded).replace("„", "&#34;"), "")
    return text


def assert_no_stadtteil(text: str, where: str) -> None:
    found = [match.group(0) for match in
             re.finditer(r".{0,60}Stadtteil.{0,60}", app_words(text), flags=re.I)]
    assert not found, f"{where}: {found[:3]}"


def test_main_pages_speak_of_gemeinden(kreis):
    client = _client_as(kreis, "coord")
    admin = _client_as(kreis, "admin")
    actor = db.session.scalar(sa.select(Actor.id).where(Actor.whole_commune).limit(1))
    offer = db.session.scalar(sa.select(Contribution.id).where(Contribution.whole_commune).limit(1))
    finding = re.search(r'href="(/analysis/findings/[0-9a-f]+)"',
                        client.get("/analysis/").get_data(as_text=True)).group(1)
    pages = PAGES + [f"/actors/{actor}", f"/contributions/{offer}", f"/actors/{actor}/edit",
                     "/actors/new", "/contributions/new", finding,
                     "/reports/current/sachstandsbericht.html"]
    for page in pages:
        response = (admin if page.startswith("/admin") else client).get(page)
        assert response.status_code == 200, page
        assert_no_stadtteil(response.get_data(as_text=True), page)
    assert "Gemeinde" in client.get("/analysis/coverage").get_data(as_text=True)
    actors_page = client.get("/actors/").get_data(as_text=True)
    assert "ganzer Landkreis" in actors_page and "ganze Kommune" not in actors_page
    assert "Gemeinden und Ortsteile" in admin.get("/admin/").get_data(as_text=True)
    report = client.get("/reports/current/sachstandsbericht.html").get_data(as_text=True)
    assert "Evaluation) im Landkreis Musterkreis." in report
    monitoring = client.get("/monitoring/").get_data(as_text=True)
    assert "Werte für den ganzen Landkreis, je Jahr" in monitoring


def test_gap_downloads_and_status_report_speak_of_gemeinden(kreis):
    client = _client_as(kreis, "coord")
    text = client.get("/analysis/export.csv").get_data(as_text=True)
    assert_no_stadtteil(text, "gaps CSV")
    assert "Gemeinden" in next(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert "Gemeinde ohne Angebot" in text or "kein aktives Angebot" not in text
    workbook = load_workbook(io.BytesIO(client.get("/analysis/export.xlsx").data))
    cells = " ".join(str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True)
                     for cell in row if cell is not None)
    assert_no_stadtteil(cells, "gaps XLSX")
    assert "Gemeinde" in cells
    docx = client.get("/reports/current/sachstandsbericht.docx").data
    xml = " ".join(zipfile.ZipFile(io.BytesIO(docx)).read(name).decode()
                   for name in zipfile.ZipFile(io.BytesIO(docx)).namelist() if name.endswith(".xml"))
    assert_no_stadtteil(xml, "Sachstandsbericht")
    assert "Gemeinde" in xml
    for download in ("/actors/export.csv", "/contributions/export.csv", "/import/template.xlsx"):
        data = client.get(download).data
        if download.endswith(".xlsx"):
            book = load_workbook(io.BytesIO(data))
            data = " ".join(str(c) for s in book for r in s.iter_rows(values_only=True) for c in r if c)
        else:
            data = data.decode("utf-8-sig")
        assert_no_stadtteil(data, download)
        assert "Gemeinde" in data or "ganzer Landkreis" in data


@pytest.mark.parametrize("header", ["Stadtteile", "Gemeinden", "Ortsteile", "Stadtteil", "Gemeinde",
                                    "Ortsteil"])
def test_the_import_reads_the_district_column_under_every_kinds_name(header):
    for kind in ("actors", "contributions"):
        column = next(c for c in COLUMNS[kind] if c.name == "districts")
        assert fold_header(header) in column.aliases

