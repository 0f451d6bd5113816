"""The coordinator's daily work in a real browser: the actor form (MSO type, multi-select with
search and chips, error summary). Screenshots at 1366 and 390 px go to SHOTS_DIR when set."""
import os
from pathlib import Path

import openpyxl
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor, AuditEntry
from tests.browser.conftest import assert_clean, login
from tests.factories import district_id, make_actor

WIDTHS = (1366, 390)


def shoot(page, name: str, tmp_path) -> None:
    """Full-page screenshots at the two widths (into SHOTS_DIR if set, else the test's tmp dir)."""
    folder = Path(os.environ.get("SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} overflows by {overflow} px at {width} px"
    page.set_viewport_size(size)


def test_actor_form_mso_type_multiselect_and_error_summary(page, live_app, tmp_path):
    login(page)
    page.goto(page.base_url + "/actors/new")
    # the type Migrantenorganisation ticks and locks "migrantisch geführt"
    page.select_option("#type_id", label="Migrantenorganisation (MSO)")
    assert page.is_checked("#migrant_led") and page.is_disabled("#migrant_led")
    page.select_option("#type_id", label="Verein")
    assert not page.is_checked("#migrant_led") and page.is_enabled("#migrant_led")
    page.select_option("#type_id", label="Migrantenorganisation (MSO)")
    # districts: a search box with chips instead of a Ctrl-click list box
    page.click("#district_ids-ts-control")
    page.keyboard.type("nord")
    page.wait_for_selector(".ts-dropdown .option.active:has-text('Nordviertel')")
    page.keyboard.press("Enter")
    chips = page.locator(".ts-wrapper .item")
    assert chips.count() == 1 and "Nordviertel" in chips.first.inner_text()
    assert "Tippen sucht in der Liste" in page.inner_text("#district_ids-help")
    # a submit with errors: the summary lists them all and has the focus
    page.fill("#website", "kein Link")
    with page.expect_navigation():
        page.click("button:has-text('Speichern')")
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("element => element === document.activeElement")
    text = summary.inner_text()
    assert "Name" in text and "Bitte eine Adresse mit http:// oder https:// angeben." in text
    shoot(page, "actor-form-errors", tmp_path)
    page.click("[data-error-summary] a[href='#website']")
    assert page.evaluate("document.activeElement.id") == "website"
    # corrected: saved, migrant-led, district kept, web address completed
    page.fill("#name", "Kurdischer Kulturverein")
    page.fill("#website", "www.kulturverein.de")
    with page.expect_navigation():
        page.click("button:has-text('Speichern')")
    assert "wurde angelegt" in page.content()
    assert_clean(page)
    with live_app.context():
        actor = db.session.scalar(sa.select(Actor))
        assert actor.migrant_led and actor.website == "https://www.kulturverein.de"
        assert [d.name for d in actor.districts] == ["Nordviertel"]


def test_find_mueller_edit_twenty_actors_and_download_the_filtered_list(page, live_app, tmp_path):

    with live_app.context():
        make_actor("Müller-Stiftung", "foundation", description="Fördert Bildungsprojekte")
        make_actor("Caritasverband", "welfare")
        for i in range(22):
            make_actor(f"Sportverein {i:02d}", "association")
        nord = district_id("Nordviertel")
        audit_before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    login(page)
    # "mueller" finds "Müller"
    page.goto(page.base_url + "/actors/")
    page.fill("#q", "mueller")
    with page.expect_navigation():
        page.click("button:has-text('Filtern')")
    rows = page.locator("table tbody tr")
    assert rows.count() == 1 and "Müller-Stiftung" in rows.first.inner_text()
    shoot(page, "actors-search-mueller", tmp_path)

    # twenty actors at once: tick them, choose the district and "geprüft am heute"
    page.goto(page.base_url + "/actors/?q=sportverein&sort=name")
    boxes = page.locator("input[name=selected]")
    assert boxes.count() == 22
    for index in range(20):
        boxes.nth(index).check()
    assert "20" in page.inner_text("[data-selected-count]")
    page.click("#district_ids-ts-control")
    page.keyboard.type("nord")
    page.wait_for_selector(".ts-dropdown .option.active:has-text('Nordviertel')")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.check("#reviewed_today")
    shoot(page, "actors-bulk-edit", tmp_path)
    with page.expect_navigation():
        page.click("button:has-text('Auf die ausgewählten Einträge anwenden')")
    assert "20 Akteure wurden geändert." in page.content()
    assert "q=sportverein" in page.url
    with live_app.context():
        db.session.expire_all()
        changed = db.session.scalars(sa.select(Actor).where(Actor.name.like("Sportverein%"))
                                     .order_by(Actor.name)).all()
        assert [nord in [d.id for d in a.districts] for a in changed] == [True] * 20 + [False] * 2
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) - audit_before == 20

    # all 22 matches at once, whichever page shows them: the rows' boxes step aside
    page.goto(page.base_url + "/actors/?q=sportverein&sort=name")
    page.check("input[name=all_matching]")
    assert "alle 22 Treffer" in page.inner_text("[data-selected-count]")
    assert page.locator("input[name=selected]").first.is_disabled()
    page.select_option("#bulk_status", "dormant")
    with page.expect_navigation():
        page.click("button:has-text('Auf die ausgewählten Einträge anwenden')")
    assert "22 Akteure wurden geändert." in page.content()

    # the filtered list as Excel
    page.goto(page.base_url + f"/actors/?district={nord}&sort=-name")
    with page.expect_download() as info:
        page.click("a:has-text('Excel (XLSX)')")
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    sheet = openpyxl.load_workbook(path).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert names == [f"Sportverein {i:02d}" for i in range(19, -1, -1)]
    shoot(page, "actors-filtered", tmp_path)
    assert_clean(page)
