"""The shared page templates (templates/_form_page.html, _delete_page.html, _column_page.html and
the list, record and form macros of _macros.html) as a person meets them: each field's help text
under it and named by the field, fields in reading order and groups, the list's heading, filters
and empty note, and the record page's facts."""
import re

from tests.factories import make_actor, make_contribution


def _html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _help_of(html: str, field_id: str) -> str:
    """The help text a screen reader announces with the field: its aria-describedby target."""
    match = re.search(rf'<[^>]*aria-describedby="{field_id}-help[^"]*"[^>]*id="{field_id}"|'
                      rf'<[^>]*id="{field_id}"[^>]*aria-describedby="{field_id}-help', html)
    assert match, f"{field_id} names no help text"
    return re.search(rf'<div id="{field_id}-help" class="form-text"[^>]*>(.*?)</div>', html, re.S).group(1)


def test_edit_forms_show_each_fields_help_text_linked_to_the_field(app, as_coordinator, as_admin):
    actor_form = _html(as_coordinator, "/actors/new")
    assert _help_of(actor_form, "migrant_led").startswith("Selbstorganisation von Menschen mit Migrationsgeschichte.")
    assert "Keine persönlichen Adressen" in _help_of(actor_form, "email")
    # a help text that depends on the commune is read when the page is drawn
    assert _help_of(_html(as_admin, "/admin/settings"), "kind").endswith("Derzeit: Stadtrat.")
    minimum = app.config["PASSWORD_MIN_LENGTH"]
    assert _help_of(_html(as_admin, "/admin/users/new"), "password") == f"Mindestens {minimum} Zeichen."


def test_edit_form_fields_stand_in_reading_order_and_their_groups(as_coordinator):
    html = _html(as_coordinator, "/analysis/measures/new")
    order = [html.index(f'id="{name}"') for name in
             ("text", "commitment_id", "field_of_action_id", "responsible", "status",
              "goal", "success_indicator", "partners", "start_date", "due_date", "resources", "funding")]
    assert order == sorted(order)
    legend = html.index("Für das Integrationskonzept</legend>")
    assert html.index('id="status"') < legend < html.index('id="goal"')
    # start and end share a line
    assert re.search(r'<div class="col-sm-6">\s*<div class="mb-3 ">\s*<label[^>]*for="start_date"', html)
    assert "Abbrechen</a>" in html and 'href="/analysis/measures"' in html


def test_set_up_form_groups_commune_and_first_account_and_leaves_the_demo_outside(empty_app):
    html = _html(empty_app.test_client(), "/setup")
    commune, account = html.index('<legend class="h5">Kommune</legend>'), html.index("Erstes Administrationskonto</legend>")
    assert commune < html.index('id="commune_name"') < html.index('id="districts"') < account
    assert account < html.index('id="admin_password_repeat"') < html.rindex("</fieldset>") < html.index('id="with_demo"')
    assert html.count("<fieldset") == 2 and "Einrichten</button>" in html


def test_list_page_heading_filters_and_empty_note(as_coordinator, as_viewer):
    make_actor("Sportverein Nord")
    html = _html(as_coordinator, "/actors/")
    assert re.search(r'<h1 class="mb-0">Akteure <span class="badge text-bg-secondary">1</span>', html)
    assert 'href="/actors/new"' in html  # who may edit gets the button
    assert 'aria-label="Akteure filtern"' in html and 'placeholder="Name, früherer Name, Beschreibung …"' in html
    assert 'href="/actors/?sort=-name"' in html  # the sorted column's link turns the order round
    assert 'href="/actors/new"' not in _html(as_viewer, "/actors/")
    empty = _html(as_coordinator, "/actors/?q=gibtesnicht")
    assert "Keine Akteure gefunden." in empty and "Filter zurücksetzen" in empty


def test_record_page_lists_its_facts_and_delete_page_names_the_record(as_coordinator):
    club = make_actor("Sportverein Nord")
    offer = make_contribution("Sprachcafé", club, 4)
    html = _html(as_coordinator, f"/contributions/{offer.id}")
    assert re.search(r'<dt class="col-5">Federführend</dt><dd class="col-7"><a href="/actors/\d+">Sportverein Nord</a></dd>',
                     html)
    assert "Verlauf" in html and f'href="/contributions/{offer.id}/edit"' in html
    delete = _html(as_coordinator, f"/contributions/{offer.id}/delete")
    assert re.search(r"<title>Löschen: Sprachcafé ·", delete)
    assert '<h1>Angebot löschen?</h1>' in delete and '<p class="lead">Sprachcafé</p>' in delete
    assert "Endgültig löschen" in delete and f'href="/contributions/{offer.id}"' in delete
