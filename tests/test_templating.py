"""Template helpers: URL templates with named placeholders."""
from coordination.templating import fill, url_template
from tests.factories import make_actor


def test_url_template_names_the_parameters_and_fill_puts_them_in(app):
    with app.test_request_context():
        template = url_template("actors.detail")
        assert template == "/actors/{actor_id}"
        assert fill(template, actor_id=42) == "/actors/42"
        assert fill(url_template("commitments.detail"), number=3) == "/commitments/3"


def test_links_of_the_analysis_pages_use_the_filled_template(app, as_viewer):
    actor = make_actor("Einzelkämpfer e. V.")
    html = as_viewer.get("/analysis/").text
    assert f'href="/actors/{actor.id}"' in html
    assert "{actor_id}" not in html
