"""The coordinator's daily work in a real browser: the actor form (MSO type, multi-select with
search and chips, error summary). Screenshots at 1366 and 390 px go to SHOTS_DIR when set."""
import os
from pathlib import Path

import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor
from tests.browser.conftest import assert_clean, login

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
