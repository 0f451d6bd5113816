"""Page layout in Chromium: the main menu fits every common screen width."""
import pytest

from tests.browser.conftest import assert_clean, login

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1200, 1280, 1400, 1920])
def test_menu_and_account_stay_on_screen(page, width):
    """Administrators see all twelve areas; below about 1,600 px the menu wraps into a second
    row instead of pushing the account menu off the screen."""
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "admin")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    account = page.locator("nav .dropdown-toggle")
    if width >= 1200:  # the menu is expanded, not behind the toggler
        box = account.bounding_box()
        assert box["x"] + box["width"] <= width
        assert page.locator("nav").get_by_role("link", name="Verwaltung", exact=True).is_visible()
    assert_clean(page)
