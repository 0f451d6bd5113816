"""The import in a real browser: upload with the progress script, mapping, preview, import."""
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor
from tests.browser.conftest import assert_clean, login

CSV = ("Name;Typ;Stadtteile;MSO\n"
       "Türkischer Elternverein;Migrantenorganisation;Altstadt;ja\n"
       "Nachbarschaftshilfe Nord;Verein;Nordviertel;nein\n").encode("cp1252")


def test_upload_with_progress_then_preview_and_import(page, live_app, tmp_path):
    path = tmp_path / "akteure.csv"
    path.write_bytes(CSV)
    login(page)
    page.goto(page.base_url + "/import/")
    page.set_input_files("#file", str(path))
    with page.expect_navigation(url="**/mapping"):
        page.click("text=Hochladen und Spalten erkennen")
    assert page.locator("#kind-0").input_value() == "actors"
    assert page.locator("#column-0-2").input_value() == "districts"
    with page.expect_navigation(url="**/preview"):
        page.click("text=Weiter zur Vorschau")
    assert "Keine Fehler gefunden" in page.content()
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
    with page.expect_navigation(url="**/actors/"):
        page.click("button:has-text('Importieren')")
    assert "Import abgeschlossen: 2 Akteure neu" in page.content()
    assert_clean(page)
    with live_app.context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) == 2


def test_too_large_file_is_refused_before_uploading(page, live_app, tmp_path):
    live_app.app.config["IMPORT_MAX_BYTES"] = 20
    path = tmp_path / "gross.csv"
    path.write_bytes(CSV)
    login(page)
    page.goto(page.base_url + "/import/")
    page.set_input_files("#file", str(path))
    page.click("text=Hochladen und Spalten erkennen")
    page.wait_for_selector("#import-errors .alert")
    assert "Die Datei ist zu groß" in page.inner_text("#import-errors")
    assert page.url.endswith("/import/")
    assert_clean(page)
