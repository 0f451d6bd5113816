"""Integrationsmonitoring: the seeded indicators, their values and what reads them."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from coordination import reference_data
from coordination.extensions import db
from coordination.models import AuditEntry, District, Indicator, IndicatorValue
from coordination.queries import indicator_data
from coordination.queries.network_data import load_history
from coordination.services import api_tokens, backup, lists
from coordination.services.base import ValidationError
from tests.conftest import empty_all_tables


def _indicator(key):
    return db.session.query(Indicator).filter_by(key=key).one()


def test_set_up_seeds_the_eleven_indicators_with_unit_and_source(app):
    series = indicator_data.all_series()
    assert [s.key for s in series] == [entry[0] for entry in reference_data.INDICATORS]
    assert len(series) == 11
    turnout = series[-1]
    assert turnout.name == "Wahlbeteiligung Integrationsrat/-beirat"
    assert turnout.unit == "%" and turnout.source
    assert all(len(key) <= 40 for key, *_ in reference_data.INDICATORS)


def test_latest_year_and_series_by_commune_and_district(app):
    assert indicator_data.latest_value_year() is None
    share = _indicator("foreign_share")
    north = db.session.query(District).filter_by(name="Nordviertel").one()
    db.session.add_all([IndicatorValue(indicator=share, year=2024, value=14.2),
                        IndicatorValue(indicator=share, year=2022, value=12.9),
                        IndicatorValue(indicator=share, year=2025, value=21.0, district=north)])
    db.session.commit()
    assert indicator_data.latest_value_year() == 2025
    series = indicator_data.all_series(("foreign_share",))[0]
    assert [(p.year, p.value) for p in series.commune_points] == [(2022, 12.9), (2024, 14.2)]
    assert series.latest.year == 2024
    assert [(p.district, p.year) for p in series.district_points] == [("Nordviertel", 2025)]
    assert series.years == (2022, 2024, 2025)


def test_a_value_for_a_year_after_the_stichtag_does_not_count(app):
    """As of 30.06.2024 the 2025 values are not there yet: neither for the newest year nor for
    commitment 3's staff indicators."""
    share, staff = _indicator("foreign_share"), _indicator("staff_immigration_history")
    db.session.add_all([IndicatorValue(indicator=share, year=2023, value=14.2),
                        IndicatorValue(indicator=staff, year=2025, value=9.5)])
    db.session.commit()
    assert indicator_data.latest_value_year(date(2024, 6, 30)) == 2023
    assert indicator_data.latest_value_year(date(2025, 1, 1)) == 2025
    history = load_history()
    past = history.as_of(date(2024, 6, 30))
    assert (past.latest_indicator_year, past.staff_indicator_year) == (2023, None)
    now = history.as_of(date(2025, 12, 31))
    assert (now.latest_indicator_year, now.staff_indicator_year) == (2025, 2025)


# --- pages and forms ----------------------------------------------------------------------------

def _values_form(rows, version):
    data = {"version": str(version)}
    for index, (year, district, value) in enumerate(rows):
        data[f"rows-{index}-year"] = year
        data[f"rows-{index}-district_id"] = district
        data[f"rows-{index}-value"] = value
    return data


def test_coordinator_enters_values_and_the_page_shows_them_beside_the_chart(as_coordinator, as_viewer):
    share = _indicator("foreign_share")
    north = db.session.query(District).filter_by(name="Nordviertel").one()
    response = as_coordinator.post(f"/monitoring/{share.id}/values", data=_values_form(
        [("2023", "", "12,9"), ("2024", "", "14,2"), ("2024", str(north.id), "1.021,5"),
         ("", "", "")], share.version))
    assert response.status_code == 302
    values = sorted((v.year, v.district_id or 0, v.value) for v in share.values)
    assert values == [(2023, 0, 12.9), (2024, 0, 14.2), (2024, north.id, 1021.5)]

    page = as_viewer.get("/monitoring/").get_data(as_text=True)
    assert "Anteil ausländischer Staatsangehöriger an der Bevölkerung" in page
    assert "14,2" in page and "12,9" in page and "1.021,5" in page
    assert "Neuester Jahreswert: 2024." in page
    assert (f'src="/monitoring/{share.id}/chart.svg"') in page
    assert 'alt="Liniendiagramm: Anteil ausländischer Staatsangehöriger an der Bevölkerung (%), ' \
           'gesamt 2023 bis 2024: von 12,9 auf 14,2. Dazu die Werte eines Stadtteils."' in page
    chart = as_viewer.get(f"/monitoring/{share.id}/chart.svg")
    assert chart.mimetype == "image/svg+xml" and b"<svg" in chart.data
    assert as_viewer.get(f"/monitoring/{share.id}/chart.png").data.startswith(b"\x89PNG")


def test_a_bad_row_saves_nothing_and_is_marked(as_coordinator):
    share = _indicator("foreign_share")
    db.session.add(IndicatorValue(indicator=share, year=2022, value=11.0))
    db.session.commit()
    response = as_coordinator.post(f"/monitoring/{share.id}/values", data=_values_form(
        [("2022", "", "11,5"), ("2023", "", "zwölf"), ("2023", "", "12")], share.version))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bitte eine Zahl angeben, z. B. 12,5." in page
    assert "es wurde nichts gespeichert" in page
    db.session.expire_all()
    assert [(v.year, v.value) for v in share.values] == [(2022, 11.0)]

    response = as_coordinator.post(f"/monitoring/{share.id}/values", data=_values_form(
        [("2023", "", "12"), ("2023", "", "13"), ("1800", "", "1")], share.version))
    page = response.get_data(as_text=True)
    assert "Für 2023 und dieses Gebiet steht schon ein Wert in Zeile 1." in page
    assert "Bitte ein Jahr zwischen 1950 und 2100 angeben." in page
    db.session.expire_all()
    assert [(v.year, v.value) for v in share.values] == [(2022, 11.0)]


def test_emptying_a_value_deletes_it_and_the_history_records_it(as_coordinator):
    share = _indicator("foreign_share")
    db.session.add_all([IndicatorValue(indicator=share, year=2022, value=11.0),
                        IndicatorValue(indicator=share, year=2023, value=12.0)])
    db.session.commit()
    as_coordinator.post(f"/monitoring/{share.id}/values", data=_values_form(
        [("2022", "", "11"), ("2023", "", "")], share.version))
    db.session.expire_all()
    assert [v.year for v in share.values] == [2022]
    entry = db.session.query(AuditEntry).filter_by(entity_type="indicators").one()
    assert entry.changes == {"2023": [12.0, None]}


def test_indicator_crud_for_coordinators_read_only_for_viewers(as_coordinator, as_viewer):
    assert as_viewer.get("/monitoring/").status_code == 200
    for url in ("/monitoring/new", f"/monitoring/{_indicator('foreign_share').id}/edit",
                f"/monitoring/{_indicator('foreign_share').id}/values"):
        assert as_viewer.get(url).status_code == 403
    assert as_viewer.post("/monitoring/new", data={"name": "X"}).status_code == 403
    assert "Neuer Indikator" not in as_viewer.get("/monitoring/").get_data(as_text=True)

    response = as_coordinator.post("/monitoring/new", data={
        "name": "Ehrenamtliche Integrationslots:innen", "unit": "Anzahl", "source": "Freiwilligenagentur"})
    assert response.status_code == 302
    lotsen = db.session.query(Indicator).filter_by(name="Ehrenamtliche Integrationslots:innen").one()
    assert lotsen.key is None and lotsen.position == 11

    duplicate = as_coordinator.post("/monitoring/new", data={"name": " eintritte in  INTEGRATIONSKURSE"})
    assert "Den Indikator „Eintritte in Integrationskurse“ gibt es bereits." in duplicate.get_data(as_text=True)

    turnout = _indicator("advisory_council_turnout")
    response = as_coordinator.post(f"/monitoring/{turnout.id}/edit", data={
        "name": "Wahlbeteiligung Integrationsrat", "unit": "%", "source": "Wahlamt", "note": "",
        "version": str(turnout.version)})
    assert response.status_code == 302
    db.session.expire_all()
    assert turnout.name == "Wahlbeteiligung Integrationsrat" and turnout.key == "advisory_council_turnout"

    stale = as_coordinator.post(f"/monitoring/{turnout.id}/edit", data={
        "name": "Wahlbeteiligung", "version": "1"})
    assert "von jemand anderem geändert" in stale.get_data(as_text=True)

    db.session.add(IndicatorValue(indicator=lotsen, year=2024, value=31))
    db.session.commit()
    confirm = as_coordinator.get(f"/monitoring/{lotsen.id}/delete").get_data(as_text=True)
    assert "Mit dem Indikator wird 1 Wert gelöscht." in confirm
    assert as_coordinator.post(f"/monitoring/{lotsen.id}/delete",
                               data={"version": str(lotsen.version)}).status_code == 302
    assert db.session.query(IndicatorValue).count() == 0


# --- API, backup ----------------------------------------------------------------------------------

def test_api_lists_indicators_with_their_values(app, client, user):
    _row, token = api_tokens.create_token(user("viewer"), "Monitoring", by=user("viewer"))
    headers = {"Authorization": f"Bearer {token}"}
    share = _indicator("foreign_share")
    north = db.session.query(District).filter_by(name="Nordviertel").one()
    db.session.add_all([IndicatorValue(indicator=share, year=2023, value=12.9),
                        IndicatorValue(indicator=share, year=2024, value=21.0, district=north)])
    db.session.commit()
    listing = client.get("/api/v1/indicators", headers=headers).get_json()
    assert listing["total"] == 11 and len(listing["items"]) == 11
    item = client.get("/api/v1/indicators?key=foreign_share", headers=headers).get_json()["items"][0]
    assert item["name"] == "Anteil ausländischer Staatsangehöriger an der Bevölkerung"
    assert item["unit"] == "%" and item["source"]
    assert item["values"] == [{"year": 2023, "value": 12.9, "district": None},
                              {"year": 2024, "value": 21.0,
                               "district": {"id": north.id, "name": "Nordviertel"}}]
    only_2024 = client.get("/api/v1/indicators?key=foreign_share&year=2024", headers=headers)
    assert [v["year"] for v in only_2024.get_json()["items"][0]["values"]] == [2024]
    assert client.get("/api/v1/indicators?key=unbekannt", headers=headers).get_json()["total"] == 0
    assert client.get("/api/v1/indicators?year=zwei", headers=headers).status_code == 400
    assert client.get("/api/v1/indicators").status_code == 401


def test_backup_round_trip_keeps_indicators_and_values(app, tmp_path):
    """Full export → restore (JSON and XLSX) gives back the indicators and their values."""
    share = _indicator("foreign_share")
    db.session.add(IndicatorValue(indicator=share, year=2024, value=14.25))
    db.session.add(Indicator(name="Ehrenamtliche Lots:innen", unit="Anzahl", position=11))
    db.session.commit()
    exported = backup.export_data()
    assert len(exported["tables"]["indicators"]) == 12
    assert exported["tables"]["indicator_values"][0]["value"] == 14.25
    path = tmp_path / "export.xlsx"
    path.write_bytes(backup.xlsx_bytes(exported))
    for data in (exported, backup.read_backup(path)):
        empty_all_tables()
        backup.restore(data)
        restored = indicator_data.all_series()
        assert len(restored) == 12 and restored[-1].name == "Ehrenamtliche Lots:innen"
        assert [(p.year, p.value) for p in restored[0].points] == [(2024, 14.25)]


# --- import and template --------------------------------------------------------------------------

def _upload(client, name, content, **extra):
    return client.post("/monitoring/import", data={"file": (io.BytesIO(content), name), **extra},
                       content_type="multipart/form-data")


def test_template_downloads_parses_and_imports_once_filled(as_coordinator):

    response = as_coordinator.get("/monitoring/template.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Werte", "Indikatoren", "Gebiete"]
    values = workbook["Werte"]
    assert [c.value for c in values[1]] == ["Indikator", "Jahr", "Gebiet", "Wert"]
    assert values.cell(2, 1).value == "Anteil ausländischer Staatsangehöriger an der Bevölkerung"
    assert [c.value for c in workbook["Gebiete"]["A"]] == ["Gebiet", "gesamt", "Altstadt",
                                                         "Nordviertel", "Südstadt"]
    # the untouched template imports nothing and is no error
    untouched = _upload(as_coordinator, "vorlage.xlsx", response.data)
    assert untouched.status_code == 302
    assert db.session.query(IndicatorValue).count() == 0

    values.cell(2, 4, 14.2)
    values.cell(3, 2, 2023)
    values.cell(3, 3, "Nordviertel")
    values.cell(3, 4, "21,5")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _upload(as_coordinator, "werte.xlsx", buffer.getvalue()).status_code == 302
    stored = sorted((v.indicator.key, v.year, v.district.name if v.district else "", v.value)
                    for v in db.session.query(IndicatorValue))
    last_year = values.cell(2, 2).value
    assert stored == [("foreign_share", last_year, "", 14.2),
                      ("immigration_history_share", 2023, "Nordviertel", 21.5)]


def test_csv_import_is_all_or_nothing_and_names_each_bad_row(as_coordinator):
    good = ("Indikator;Jahr;Gebiet;Wert\n"
            "foreign_share;2023;;12,9\n"
            "Anteil ausländischer Staatsangehöriger an der Bevölkerung;2024;gesamt;14,2\n")
    bad = good + ("Eintritte in Integrationskurse;2024;Mondstadt;310\n"
                  "Erfundener Indikator;2024;;1\n"
                  "foreign_share;zweitausend;;3\n"
                  "foreign_share;2024;;viel\n"
                  "foreign_share;2023;;13\n")
    response = _upload(as_coordinator, "werte.csv", bad.encode("utf-8"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "es wurde nichts gespeichert" in page
    assert "Zeile 4, Spalte „Gebiet“" in page and "Unbekanntes Gebiet „Mondstadt“" in page
    assert "Unbekannter Indikator „Erfundener Indikator“" in page
    assert "Zeile 6, Spalte „Jahr“" in page and "Zeile 7, Spalte „Wert“" in page
    assert "schon ein Wert in Zeile 2" in page
    assert db.session.query(IndicatorValue).count() == 0

    checked = _upload(as_coordinator, "werte.csv", good.encode("cp1252"), check_only="1")
    assert "2 Werte können übernommen werden" in checked.get_data(as_text=True)
    assert db.session.query(IndicatorValue).count() == 0
    assert _upload(as_coordinator, "werte.csv", good.encode("utf-8")).status_code == 302
    assert sorted((v.year, v.value) for v in db.session.query(IndicatorValue)) == [
        (2023, 12.9), (2024, 14.2)]


def test_import_refuses_files_without_the_value_columns_and_viewers(as_coordinator, as_viewer):
    response = _upload(as_coordinator, "akteure.csv", b"Name;Typ\nCaritas;Wohlfahrtsverband\n")
    assert "kein Blatt mit den Spalten „Indikator“, „Jahr“ und „Wert“" in response.get_data(as_text=True)
    assert as_viewer.get("/monitoring/import").status_code == 403
    assert as_viewer.get("/monitoring/template.xlsx").status_code == 403


def test_districts_with_values_of_the_same_year_are_not_merged(app):
    share = _indicator("foreign_share")
    north, south = (db.session.query(District).filter_by(name=name).one()
                    for name in ("Nordviertel", "Südstadt"))
    db.session.add_all([IndicatorValue(indicator=share, year=2024, value=21.0, district=north),
                        IndicatorValue(indicator=share, year=2024, value=9.0, district=south),
                        IndicatorValue(indicator=share, year=2023, value=8.0, district=south)])
    db.session.commit()
    assert "3 Monitoringwerten" not in lists.usage_text(lists.usage(south))
    assert lists.usage_text(lists.usage(south)) == "2 Monitoringwerten"
    with pytest.raises(ValidationError, match="Monitoringwerte desselben Indikators und Jahres"):
        lists.merge_entry(south, north.id, by=None)
    db.session.delete(db.session.query(IndicatorValue).filter_by(district=north).one())
    db.session.commit()
    lists.merge_entry(south, north.id, by=None)
    assert sorted(v.year for v in share.values if v.district_id == north.id) == [2023, 2024]


def test_import_form_is_the_shared_form_and_asks_for_a_file(as_coordinator):
    page = as_coordinator.get("/monitoring/import").get_data(as_text=True)
    form = page.split('enctype="multipart/form-data">')[1].split("</form>")[0]
    assert 'type="file"' in form and 'aria-describedby="file-help' in form
    assert 'id="file-help" class="form-text">Höchstens ' in form
    assert "Nur prüfen, nichts speichern" in form and ">Abbrechen<" in form
    missing = as_coordinator.post("/monitoring/import", data={}, content_type="multipart/form-data")
    assert missing.status_code == 400
    assert "Bitte wählen Sie eine Datei aus." in missing.get_data(as_text=True)
    assert db.session.query(IndicatorValue).count() == 0
