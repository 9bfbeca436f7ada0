"""After a failed submit the error summary has the focus, as GOV.UK's does, with JavaScript on or off,
and its messages are short enough to read on a 390 px phone (issue 19, item 7)."""

import pytest

from campaigns.orders.models import PrintOrder
from tests.factories import GuidePageFactory

pytestmark = pytest.mark.browser

ORDER_PATH = "/order-printed-guides/"
ACTIVE = "() => ({cls: document.activeElement.className, name: document.activeElement.getAttribute('aria-labelledby')})"


@pytest.fixture
def shop(live_site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    GuidePageFactory(parent=live_site.campaign, title="Restraint in mental health services: Influencing change")
    return live_site


def fail_an_order(page, shop):
    page.goto(shop.url(ORDER_PATH))
    for field in page.locator("input[name^='guide_']").all():
        field.fill("ten")
    page.fill("#id_email", "not an email")
    page.get_by_role("button", name="Place order").click()
    page.wait_for_selector(".error-summary")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_after_a_failed_order_the_focus_is_on_the_error_summary(new_page, shop, javascript):
    page = new_page(java_script_enabled=javascript)
    fail_an_order(page, shop)

    assert page.evaluate(ACTIVE) == {"cls": "error-summary", "name": "error-summary-title"}
    # What a screen reader says as focus lands: the summary, named by its heading.
    summary = page.get_by_role("alert", name="There is a problem")
    assert summary.evaluate("element => element === document.activeElement")
    # Each guide's message names it (the words after its title's colon), so the two can be told apart.
    assert summary.get_by_role("link", name="What the guidance says: Enter a whole number of copies, like 10").count()
    assert summary.get_by_role("link", name="Influencing change: Enter a whole number of copies, like 10").count()
    assert PrintOrder.objects.count() == 0


def test_at_390_px_a_message_naming_a_guide_takes_three_lines_at_most_and_others_two(new_page, shop):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2)
    fail_an_order(page, shop)

    assert page.evaluate(ACTIVE)["cls"] == "error-summary"
    lines = page.eval_on_selector_all(
        ".error-summary li a",
        """links => links.map(link => [link.textContent.trim(),
            Math.round(link.getBoundingClientRect().height / parseFloat(getComputedStyle(link).lineHeight))])""",
    )
    assert len(lines) >= 7
    too_long = [text for text, count in lines if count > (3 if text.startswith(("What", "Influencing")) else 2)]
    assert too_long == []
