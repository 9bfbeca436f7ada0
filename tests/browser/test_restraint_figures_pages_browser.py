"""'Restraint in your area' in Chromium, as production serves it (gunicorn, the production settings and the
demo content with its invented providers): the finder without JavaScript and with it, axe-core on the finder
and a provider's page, and a 320-pixel phone. No page breaks the security policy (no inline script or style)."""

import pytest

from tests.browser.helpers import focused
from tests.production_server import production_server

pytestmark = pytest.mark.browser

SECTION = "/campaigns/restraint-in-mental-health-services/restraint-in-your-area/"
GREYSTONE = "Greystone City Mental Health NHS Trust (Fictional)"
SALTMARSH = "Ironbridge Coast Partnership NHS Foundation Trust (Fictional)"
BANNER = "These figures are made up."


@pytest.fixture(scope="module")
def base_url(production_site):
    with production_server(production_site) as (url, _log):
        yield url


def watch_for_policy_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


def open_page(page, url):
    response = page.goto(url)
    assert response is not None and response.ok, f"GET {url} -> {response and response.status}"


def test_without_javascript_a_place_finds_the_provider(page_without_js, base_url):
    page = page_without_js
    open_page(page, base_url + SECTION)
    page.get_by_label("Find a mental health provider").fill("greystone")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url("**?q=greystone")
    assert page.get_by_role("status").inner_text() == "1 provider found for ‘greystone’"
    page.get_by_role("link", name=GREYSTONE).click()
    page.wait_for_url(f"**{SECTION}Z0007/")
    assert page.get_by_role("heading", level=1).inner_text() == GREYSTONE
    assert BANNER in page.inner_text("main")


def test_without_javascript_nothing_found_points_at_the_list(page_without_js, base_url):
    page = page_without_js
    open_page(page, base_url + SECTION + "?q=Atlantis")
    page.get_by_role("link", name="Look through every provider from A to Z").click()
    page.wait_for_url(f"**{SECTION}providers/")
    assert page.get_by_role("link", name=GREYSTONE).is_visible()


def test_with_javascript_results_come_as_you_type_and_the_keyboard_reaches_them(page, base_url):
    violations = watch_for_policy_violations(page)
    open_page(page, base_url + SECTION)
    field = page.get_by_label("Find a mental health provider")
    field.focus()
    page.keyboard.type("salt marsh", delay=30)
    status = page.locator("#provider-finder-status")
    status.filter(has_text="1 provider found for ‘salt marsh’").wait_for()
    assert status.get_attribute("role") == "status"
    assert page.url.endswith(SECTION + "?q=salt+marsh")  # the address follows, but the page was not reloaded
    page.keyboard.press("ArrowDown")
    assert focused(page)["text"] == SALTMARSH
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{SECTION}Z0009/")
    assert page.get_by_role("heading", level=1).inner_text() == SALTMARSH
    assert violations == []


def test_with_javascript_a_changed_search_replaces_the_results(page, base_url):
    open_page(page, base_url + SECTION)
    field = page.get_by_label("Find a mental health provider")
    field.press_sequentially("kelby", delay=20)
    page.locator("#provider-finder-status").filter(has_text="for ‘kelby’").wait_for()
    field.fill("")
    field.press_sequentially("zzqq", delay=20)
    page.locator("#provider-finder-status").filter(has_text="No providers found for ‘zzqq’").wait_for()
    assert page.get_by_role("link", name="Look through every provider from A to Z").is_visible()


@pytest.mark.parametrize("path", ["", "?q=kelby", "providers/", "england/", "Z0001/"])
def test_no_serious_accessibility_problems(page, base_url, axe, path):
    violations = watch_for_policy_violations(page)
    open_page(page, base_url + SECTION + path)
    axe.assert_no_violations(page)
    assert violations == []


@pytest.mark.parametrize("path", ["?q=kelby", "providers/", "Z0008/"])
def test_a_320_pixel_phone_reads_without_scrolling_sideways(new_page, base_url, path):
    page = new_page(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    open_page(page, base_url + SECTION + path)
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], f"{path} scrolls sideways at 320px: {widths}"
    assert page.locator(".invented-banner").is_visible()
