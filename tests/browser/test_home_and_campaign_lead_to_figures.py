"""The home page and the campaign page lead to 'Restraint in your area', in Chromium, as production serves the demo.

From home, the finder's box answers without JavaScript; from the campaign page, 'See the figures for your
area' is an action card one tap away. The demo's pictures arrive as <picture>s with a srcset and an alt."""

import pytest

from tests.production_server import production_server

pytestmark = pytest.mark.browser

CAMPAIGN = "/campaigns/restraint-in-mental-health-services/"
SECTION = CAMPAIGN + "restraint-in-your-area/"
GREYSTONE = "Greystone City Mental Health NHS Trust (Fictional)"


@pytest.fixture(scope="module")
def base_url(production_site):
    with production_server(production_site) as (url, _log):
        yield url


def test_without_javascript_the_home_page_finds_the_figures_for_a_place(page_without_js, base_url):
    page = page_without_js
    page.goto(base_url + "/")
    box = page.get_by_role("region", name="Find restraint figures for your area")
    box.get_by_label("Find a mental health provider").fill("greystone")
    box.get_by_role("button", name="Find").click()

    page.wait_for_url(f"**{SECTION}?q=greystone")
    assert page.get_by_role("heading", level=1).inner_text() == "Restraint in your area"
    assert page.get_by_role("status").inner_text() == "1 provider found for ‘greystone’"
    assert page.get_by_role("link", name=GREYSTONE).is_visible()


def test_the_campaign_page_leads_to_the_figures_for_your_area(phone_page, base_url):
    page = phone_page
    page.goto(base_url + CAMPAIGN)
    actions = page.get_by_role("region", name="What you can do")
    link = actions.get_by_role("link", name="See the figures for your area")
    assert link.is_visible()

    link.click()

    page.wait_for_url(f"**{SECTION}")
    assert page.get_by_role("heading", level=1).inner_text() == "Restraint in your area"


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_home_and_campaign_fit_and_their_pictures_have_a_srcset_and_an_alt(new_page, base_url, width):
    page = new_page(viewport={"width": width, "height": 800})
    for path in ["/", CAMPAIGN]:
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        pictures = page.locator("main picture img")
        assert pictures.count() >= 5, path  # home: its own, two guides', three stories'; campaign: five
        for img in pictures.all():
            assert img.get_attribute("alt") is not None
            assert img.get_attribute("srcset")
        # Every picture arrives and is drawn at its width (none broken, none squashed to nothing).
        for img in pictures.all():
            img.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
            assert img.bounding_box()["width"] > 100


@pytest.mark.parametrize("path", ["/", CAMPAIGN])
def test_no_serious_accessibility_problems_on_home_or_campaign(page, base_url, axe, path):
    page.goto(base_url + path)
    axe.assert_no_violations(page)
