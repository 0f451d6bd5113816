"""The network picture of a commitment for documents (data and PNG), drawn on the server."""
import io
import struct
import zipfile
from datetime import date

from coordination.exports.network_picture import _drawn, network_png
from coordination.exports.network_style import FAMILIES, FAMILY_INDEX
from coordination.queries.analysis import current_analysis
from coordination.queries.network_picture import commitment_network
from tests.factories import make_actor, make_contribution, make_cooperation


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_commitment_picture_shows_its_actors_and_ties(app):
    jobcenter = make_actor("Jobcenter Teststadt", "jobcenter")
    office = make_actor("Integrationsbüro", "administration", municipal=True)
    club = make_actor("Kulturverein Nord", "mso", migrant_led=True)
    outsider = make_actor("Schachclub", "association")
    make_cooperation(jobcenter, club, "referral", start_date=date(2021, 3, 1))
    make_cooperation(office, club, "agreement")
    make_cooperation(outsider, club, "informal")  # the outsider has no offer for commitment 6
    make_contribution("Bewerbungstraining", club, 6, partners=[jobcenter, office])

    picture = commitment_network(current_analysis(), 6)
    names = [node["name"] for node in picture["nodes"]]
    assert names == ["Integrationsbüro", "Jobcenter Teststadt", "Kulturverein Nord"]
    by_name = {node["name"]: node for node in picture["nodes"]}
    assert by_name["Kulturverein Nord"]["shape"] == "D" and by_name["Integrationsbüro"]["shape"] == "s"
    assert by_name["Jobcenter Teststadt"]["colour"] == FAMILIES[FAMILY_INDEX["labour"]].colour
    assert picture["edges"] == [[0, 2], [1, 2]]  # the outsider's tie is not drawn
    assert picture["title"] == "Selbstverpflichtung 6: Akteure und ihre Kooperationen"
    assert "3 Akteure, 2 laufende Kooperationen" in picture["subtitle"]
    assert {entry["text"] for entry in picture["legend"]} >= {"Arbeitsmarkt und Wirtschaft",
                                                            "Raute: migrantisch geführt (MSO)"}
    width, height = _png_size(network_png(picture, dpi=100, size=(7.0, 5.2)))
    assert (width, height) == (700, 520)


def test_commitment_without_actors_says_so(app):
    picture = commitment_network(current_analysis(), 8)
    assert picture["nodes"] == [] and picture["empty"].startswith("Kein Akteur")
    assert _png_size(network_png(picture))[0] == 1400  # 7 inches at 200 dpi, print quality


def test_bausteine_show_each_commitments_network(app, as_viewer):
    school = make_actor("Grundschule Nord", "school")
    club = make_actor("Kulturverein Nord", "mso", migrant_led=True)
    make_cooperation(school, club, "project_partnership")
    make_contribution("Lernpatenschaften", club, 5, partners=[school])
    response = as_viewer.get("/reports/current/bausteine.docx")
    assert response.status_code == 200
    document = zipfile.ZipFile(io.BytesIO(response.data))
    raw = document.read("word/document.xml").decode()
    assert 'descr="Selbstverpflichtung 5: Akteure und ihre Kooperationen. Stand: ' in raw
    assert "Am stärksten verbunden: Grundschule Nord, Kulturverein Nord." in raw
    assert "1 laufende Kooperation" in raw
    assert any(name.startswith("word/media/") for name in document.namelist())


def test_a_picture_drawn_again_from_the_same_data_is_taken_from_the_cache():
    picture = {"title": "Selbstverpflichtung 4: Akteure und ihre Kooperationen", "subtitle": "Stand",
               "nodes": [{"name": "A", "colour": "#E69F00", "shape": "o", "x": 0, "y": 0, "degree": 1},
                         {"name": "B", "colour": "#009E73", "shape": "D", "x": 50, "y": 20, "degree": 1}],
               "edges": [[0, 1]], "legend": [], "empty": ""}
    hits = _drawn.cache_info().hits
    assert network_png(picture, dpi=50) == network_png(dict(picture), dpi=50)
    assert _drawn.cache_info().hits == hits + 1
