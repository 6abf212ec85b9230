"""The legal pages read on a desk and on a phone: accessible, nothing wider than the screen."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

PAGES = ("/accessibilite/", "/mentions-legales/", "/donnees-personnelles/", "/plan-du-site/")


@pytest.mark.parametrize("width", [1280, 390])
def test_legal_pages_are_accessible_at_desk_and_phone_width(
    site: str, page: Page, db: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    for url in PAGES:
        page.goto(site + url)
        expect(page.get_by_role("navigation", name="Pages légales")).to_be_visible()
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
