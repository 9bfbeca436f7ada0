"""axe-core finds no serious or critical accessibility problem on any kind of page: each page type,
the page not found, and the pages after an order is placed or held."""

import pytest

from campaigns.orders.models import PrintOrder
from tests.factories import StandardPageFactory, body

pytestmark = pytest.mark.browser

ORDER_PATH = "/order-printed-guides/"

PAGES = {
    "home": lambda site: site.url(site.home),
    "campaign index": lambda site: site.url(site.index),
    "campaign": lambda site: site.url(site.campaign),
    "guide": lambda site: site.url(site.guide),
    "guide part": lambda site: site.url(site.chapters[1]),
    "whole guide": lambda site: site.url(site.guide) + "print/",
    "story index": lambda site: site.url(site.story_index),
    "story": lambda site: site.url(site.stories[0]),
    "standard page": lambda site: site.url(
        StandardPageFactory(parent=site.home, title="Accessibility statement", body=body("Using this website"))
    ),
}
# The order form, and the form with its errors: tests/browser/test_order_form_browser.py.


def open_page(page, url):
    response = page.goto(url)
    assert response is not None and response.ok, f"GET {url} -> {response and response.status}"
    return response


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violations(page, live_site, axe, name):
    open_page(page, PAGES[name](live_site))
    axe.assert_no_violations(page)


@pytest.mark.parametrize("name", ["home", "guide part", "whole guide", "story"])
def test_no_serious_violations_on_a_phone(phone_page, live_site, axe, name):
    open_page(phone_page, PAGES[name](live_site))
    axe.assert_no_violations(phone_page)


def test_guide_part_reflows_on_a_phone(phone_page, live_site):
    """WCAG 1.4.10: at 375px wide a part reads without scrolling sideways."""
    open_page(phone_page, PAGES["guide part"](live_site))
    widths = phone_page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], f"the page scrolls sideways at 375px: {widths}"


def test_no_serious_violations_on_the_page_not_found(page, live_site, axe):
    response = page.goto(live_site.url("/no-such-page/"))
    assert response.status == 404
    axe.assert_no_violations(page)


def place_an_order(page, site):
    page.goto(site.url(f"{ORDER_PATH}?guide={site.guide.pk}"))
    page.fill("#id_full_name", "Ann Example")
    page.fill("#id_email", "ann@example.org")
    page.fill("#id_address_line_1", "1 High Street")
    page.fill("#id_town", "London")
    page.fill("#id_postcode", "SW1A 1AA")
    page.check("#id_privacy")
    page.get_by_role("button", name="Place order").click()
    page.wait_for_url(f"**{ORDER_PATH}confirmation/")


@pytest.mark.parametrize("held", [False, True], ids=["placed", "held for review"])
def test_no_serious_violations_once_an_order_is_placed_or_held(page, live_site, axe, settings, held):
    settings.ORDER_MIN_FILL_SECONDS = 0
    # With no orders allowed straight through in an hour, the first is held for the team to check.
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 0 if held else 5
    place_an_order(page, live_site)
    order = PrintOrder.objects.get()
    assert bool(order.held_reason) is held
    assert order.reference in page.inner_text("main")
    axe.assert_no_violations(page)
