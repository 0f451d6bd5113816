"""Numbers and choices from requests that no column holds: a clean 404/400 or page, never a 500."""
import pytest

from coordination.security import MAX_ID, bounded_int
from tests.factories import make_actor

HUGE = [str(2**63 + 1), str(2**64), str(MAX_ID + 1), "9" * 40]


@pytest.mark.parametrize("number", HUGE)
def test_route_ids_beyond_any_column_are_not_found(as_coordinator, number):
    for path in (f"/actors/{number}", f"/actors/{number}/edit", f"/api/v1/actors/{number}"):
        assert as_coordinator.get(path).status_code == 404, path


@pytest.mark.parametrize("number", HUGE)
def test_huge_page_numbers_give_a_page(as_coordinator, number):
    for path in ("/actors/", "/contributions/", "/cooperations/", "/admin/audit"):
        response = as_coordinator.get(f"{path}?page={number}")
        assert response.status_code in (200, 403), path


@pytest.mark.parametrize("number", HUGE)
def test_huge_numbers_in_api_parameters_are_refused(as_coordinator, number):
    for path in ("/api/v1/actors?page=", "/api/v1/actors?type=", "/api/v1/actors?district=",
                 "/api/v1/actors?commitment=", "/api/v1/contributions?actor=",
                 "/api/v1/cooperations?actor=", "/api/v1/bodies?actor=", "/api/v1/findings?commitment="):
        response = as_coordinator.get(path + number)
        assert response.status_code == 400, path
        assert "message" in response.get_json()


def test_huge_actor_in_the_new_forms_is_ignored(app, as_coordinator):
    for path in ("/contributions/new", "/cooperations/new"):
        assert as_coordinator.get(f"{path}?actor_id={2**64}").status_code == 200


def test_unicode_digits_are_not_ids(as_coordinator):
    assert as_coordinator.get("/api/v1/actors?type=²").status_code == 400
    assert as_coordinator.get("/api/v1/actors?district=٣").status_code == 400
    with pytest.raises(ValueError):
        bounded_int("²")


@pytest.mark.parametrize("query", ["status=x", "mso=vielleicht", "type=abc", "district=" + str(2**64),
                                   "commitment=-1", "sort=unbekannt"])
def test_unknown_filter_values_give_the_list(app, as_viewer, query):
    make_actor("Verein am Markt")
    response = as_viewer.get(f"/actors/?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "Verein am Markt" in response.text


def test_nul_characters_are_refused_with_a_german_message(app, as_coordinator):
    """PostgreSQL text cannot hold NUL: a search or form value with one is a clean 400."""
    page = as_coordinator.get("/actors/?q=M%00ller")
    assert page.status_code == 400 and "Die Anfrage konnte nicht bearbeitet werden" in page.text
    api = as_coordinator.get("/api/v1/actors?q=%00")
    assert api.status_code == 400 and api.json["message"].startswith("Die Anfrage enthält")
    form = as_coordinator.post("/actors/new", data={"name": "Verein\x00", "type_id": "1"})
    assert form.status_code == 400
