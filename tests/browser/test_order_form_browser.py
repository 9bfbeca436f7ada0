"""The order form in Chromium: axe-core, keyboard only, and with JavaScript off."""

import re

import pytest
from mailer.models import Message

from campaigns.orders.models import REFERENCE_ALPHABET, PrintOrder
from tests.browser.helpers import focused
from tests.factories import GuidePageFactory

pytestmark = pytest.mark.browser

ORDER_PATH = "/order-printed-guides/"
REFERENCE = re.compile(rf"Your reference is ([{REFERENCE_ALPHABET}]{{8}})")


@pytest.fixture
def shop(live_site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    live_site.second_guide = GuidePageFactory(parent=live_site.campaign, title="Influencing change in your area")
    return live_site


def test_the_form_and_its_errors_have_no_serious_accessibility_problems(page, shop, axe):
    page.goto(shop.url(ORDER_PATH))
    axe.assert_no_violations(page)
    page.get_by_role("button", name="Place order").click()
    page.wait_for_selector(".error-summary")
    axe.assert_no_violations(page)


def test_a_campaigner_orders_both_guides_from_a_guides_page_by_keyboard_alone(page, shop):
    page.goto(shop.url(shop.guide))
    for _ in range(80):
        page.keyboard.press("Tab")
        now = focused(page)
        if now and now["path"] == ORDER_PATH:
            break
    else:
        pytest.fail("Tab never reached the order link on the guide's page")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(ORDER_PATH)))
    assert page.locator(f"#id_guide_{shop.guide.pk}").input_value() == "1"

    typed = {
        f"id_guide_{shop.second_guide.pk}": "3",
        "id_full_name": "Ann Example",
        "id_email": "ann@example.org",
        "id_address_line_1": "1 High Street",
        "id_town": "London",
        "id_postcode": "sw1a1aa",
    }
    for _ in range(120):
        page.keyboard.press("Tab")
        now = focused(page) or {}
        if now.get("id") in typed:
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.type(typed.pop(now["id"]))
        elif now.get("id") == "id_privacy":
            page.keyboard.press("Space")
        elif now.get("tag") == "button" and now.get("text") == "Place order":
            break
        assert now.get("id") != "id_website", "the honeypot must not be in the tab order"
    else:
        pytest.fail("Tab never reached the Place order button")
    assert typed == {}
    page.keyboard.press("Enter")
    page.wait_for_selector("text=What happens next")
    reference = REFERENCE.search(page.inner_text("main")).group(1)
    order = PrintOrder.objects.get(reference=reference)
    assert sorted((i.guide_title, i.quantity) for i in order.items.all()) == [
        ("Influencing change in your area", 3),
        ("What the guidance says", 1),
    ]
    assert order.postcode == "SW1A 1AA"
    assert Message.objects.count() == 2


def test_the_form_works_with_javascript_off(page_without_js, shop):
    page = page_without_js
    page.goto(shop.url(f"{ORDER_PATH}?guide={shop.guide.pk}"))
    page.fill("#id_email", "not an email")
    page.get_by_role("button", name="Place order").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link", name="Enter your full name").get_attribute("href") == "#id_full_name"
    assert page.locator("#id_email").input_value() == "not an email"
    assert PrintOrder.objects.count() == 0

    page.fill("#id_full_name", "Ann Example")
    page.fill("#id_email", "ann@example.org")
    page.fill("#id_address_line_1", "1 High Street")
    page.fill("#id_town", "London")
    page.fill("#id_postcode", "SW1A 1AA")
    page.check("#id_privacy")
    page.get_by_role("button", name="Place order").click()
    assert REFERENCE.search(page.inner_text("main"))
    assert PrintOrder.objects.get().items.get().quantity == 1
