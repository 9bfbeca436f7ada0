"""Compare providers in Chromium, as production serves the demo: sorted and filtered with JavaScript off, axe
clean, and at 320 px the wide table scrolls in its own named, focusable region while the page does not."""

import pytest

from tests.production_server import production_server

pytestmark = pytest.mark.browser

COMPARE = "/campaigns/restraint-in-mental-health-services/restraint-in-your-area/compare/"


@pytest.fixture(scope="module")
def base_url(production_site):
    with production_server(production_site) as (url, _log):
        yield url


def first_provider(page):
    return page.locator("tbody tr").first.locator("th").get_by_role("link").inner_text()


def test_without_javascript_headers_sort_and_the_form_filters(page_without_js, base_url):
    page = page_without_js
    page.goto(base_url + COMPARE)
    rate = page.get_by_role("columnheader", name="Uses of restraint per 1,000 bed days")
    assert rate.get_attribute("aria-sort") == "descending"
    highest = first_provider(page)
    rate.get_by_role("link").click()
    page.wait_for_url("**?sort=rate&order=asc")
    assert (
        page.get_by_role("columnheader", name="Uses of restraint per 1,000 bed days").get_attribute("aria-sort")
        == "ascending"
    )
    assert first_provider(page) != highest
    page.get_by_label("NHS or independent").select_option("independent")
    page.get_by_role("button", name="Show these providers").click()
    page.wait_for_url("**kind=independent*")
    assert page.locator("tbody tr").count() == 1
    assert "Independent provider" in page.locator("tbody tr").first.inner_text()


def test_no_serious_accessibility_problems(page, base_url, axe):
    page.goto(base_url + COMPARE)
    axe.assert_no_violations(page)


def test_at_320_pixels_only_the_table_scrolls_sideways(new_page, base_url):
    page = new_page(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page.goto(base_url + COMPARE)
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], f"the page scrolls sideways at 320px: {widths}"
    region = page.get_by_role("region", name="Providers' figures for")
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits: nothing to scroll"
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
