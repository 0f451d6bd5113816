"""The network as of a Stichtag: a record counts when its own dates cover the day; without a
start date from the day it was entered; actors and bodies until the day before they ended."""
from datetime import date, timedelta

import pytest

from coordination.queries.analysis import current_analysis, current_history
from coordination.queries.network_data import load_network_data
from coordination.services.base import ValidationError
from tests.factories import add_member, make_actor, make_body, make_contribution, make_cooperation

PAST = date(2022, 1, 1)


def _network(app):
    """Two old actors (one dissolved in 2023), one entered today without a start date; their
    cooperations, offers and a body; returns the records by name."""
    old = make_actor("Caritas", "welfare", active_since=date(2019, 1, 1))
    gone = make_actor("Alter Verein", active_since=date(2019, 1, 1), status="dissolved",
                      dissolved_on=date(2023, 6, 30))
    new = make_actor("Neue Initiative", "initiative")
    make_cooperation(old, gone, start_date=date(2021, 1, 1))
    make_cooperation(old, new)  # entered today, no start date
    make_contribution("Beratung", old, 2, start_date=date(2020, 3, 1))
    make_contribution("Ended offer", gone, 2, status="ended", start_date=date(2020, 1, 1),
                      end_date=date(2023, 6, 30))
    make_contribution("Neues Angebot", new, 2)
    body = make_body("Runder Tisch", lead=old, active_since=date(2020, 1, 1))
    add_member(body, gone, since=date(2020, 1, 1))
    make_body("Neuer Arbeitskreis", "working_group", lead=new)
    return old, gone, new


def test_a_past_stichtag_leaves_out_exactly_what_came_later(app):
    _network(app)
    today = load_network_data()
    past = load_network_data(PAST)
    assert past.today == PAST
    names = {actor.name: actor.status for actor in past.actors}
    assert names == {"Caritas": "active", "Alter Verein": "active"}
    assert {a.name: a.status for a in today.actors}["Alter Verein"] == "dissolved"
    assert len(today.cooperations) == 2 and len(past.cooperations) == 1
    assert sorted(c.title for c in past.active_contributions) == ["Beratung", "Ended offer"]
    assert sorted(c.title for c in today.active_contributions) == ["Beratung", "Neues Angebot"]
    assert [b.name for b in past.bodies] == ["Runder Tisch"]
    assert len(past.memberships) == 2  # the lead and the member since 2020


def test_actors_end_the_day_they_are_dissolved(app):
    _network(app)
    last_day = {a.name: a.status for a in load_network_data(date(2023, 6, 29)).actors}
    ended = {a.name: a.status for a in load_network_data(date(2023, 6, 30)).actors}
    assert last_day["Alter Verein"] == "active" and ended["Alter Verein"] == "dissolved"


def test_a_record_without_start_date_counts_from_the_day_it_was_entered(app):
    _network(app)
    yesterday = load_network_data(date.today() - timedelta(days=1))
    assert "Neue Initiative" not in {a.name for a in yesterday.actors}
    assert "Neuer Arbeitskreis" not in {b.name for b in yesterday.bodies}


def test_dissolving_without_a_date_ends_today_and_a_date_needs_the_status(app):

    actor = make_actor("Verein", status="dissolved")
    assert actor.dissolved_on == date.today()
    with pytest.raises(ValidationError) as error:
        make_actor("Anderer Verein", dissolved_on=date(2024, 1, 1))
    assert "dissolved_on" in error.value.errors


def test_analysis_pages_and_api_take_a_stichtag(app, as_viewer):
    _network(app)
    page = as_viewer.get("/analysis/coverage?date=2022-01-01").text
    assert "Stand 01.01.2022" in page
    assert "Stichtag darf nicht in der Zukunft" in as_viewer.get("/analysis/coverage?date=2999-01-01").text
    coverage = as_viewer.get("/api/v1/coverage?date=2022-01-01").get_json()
    assert coverage["reference_date"] == "2022-01-01"
    item = next(i for i in coverage["items"] if i["commitment"] == 2)
    assert item["contributions"] == 2
    assert as_viewer.get("/api/v1/findings?date=2022-01-01").status_code == 200
    assert as_viewer.get("/network/data.json?date=2999-01-01").status_code == 400


def test_the_network_page_shows_and_passes_on_its_stichtag(app, as_viewer):
    _network(app)
    page = as_viewer.get("/network/?commitment=2&date=2022-01-01").text
    assert 'data-url="/network/data.json?date=2022-01-01"' in page
    assert 'id="net-date" name="date" value="2022-01-01"' in page
    assert "Stand: 01.01.2022 (Stichtag)" in page
    assert '<input type="hidden" name="commitment" value="2">' in page  # the filter is kept
    data = as_viewer.get("/network/data.json?date=2022-01-01").get_json()
    assert data["today"] == "2022-01-01"
    assert {node["label"] for node in data["nodes"]} == {"Caritas", "Alter Verein"}
    sub = as_viewer.get("/network/commitment/2?date=2022-01-01").text
    assert 'data-url="/network/data.json?commitment=2&amp;date=2022-01-01"' in sub
    today = as_viewer.get("/network/").text
    assert 'data-url="/network/data.json"' in today and 'value=""' in today
    assert f"Stand: {date.today():%d.%m.%Y}" in today
    refused = as_viewer.get("/network/?date=2999-01-01").text
    assert "Der Stichtag darf nicht in der Zukunft liegen." in refused
    assert 'data-url="/network/data.json"' in refused and "is-invalid" in refused


def test_an_actor_without_start_date_counts_from_its_earliest_dated_activity(app):
    """Entered today, but cooperating since 2019, offering since 2020 and a member since 2018:
    the actor (and the body) existed from 2018; an actor with nothing dated counts from today."""
    veteran = make_actor("Alter Hase e. V.")
    partner = make_actor("Partner e. V.", active_since=date(2015, 1, 1))
    make_actor("Ohne Datum e. V.")
    make_cooperation(veteran, partner, start_date=date(2019, 5, 1))
    make_contribution("Beratung seit 2020", veteran, 2, start_date=date(2020, 2, 1))
    body = make_body("Arbeitskreis ohne Datum", "working_group", lead=partner)
    add_member(body, veteran, since=date(2018, 3, 1))
    present = {a.name for a in load_network_data(date(2018, 6, 30)).actors}
    assert present == {"Alter Hase e. V.", "Partner e. V."}
    assert [b.name for b in load_network_data(date(2018, 6, 30)).bodies] == ["Arbeitskreis ohne Datum"]
    assert "Alter Hase e. V." not in {a.name for a in load_network_data(date(2018, 2, 28)).actors}


def test_the_analyses_of_all_dates_share_one_history_until_the_data_change(app):
    _network(app)
    history = current_history()
    current_analysis(PAST)
    current_analysis()
    assert current_history() is history
    make_actor("Noch ein Verein")
    assert current_history() is not history
    assert "Noch ein Verein" in {a.name for a in current_analysis().data.actors}
