"""Exit this page in Chromium: a plain link without JavaScript; Shift three times with it.

The neutral site is intercepted with Playwright's route, so no request leaves the machine.
"""

import re

import pytest

pytestmark = pytest.mark.browser

NEUTRAL = "https://www.bbc.co.uk/weather"
NEUTRAL_BODY = "<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Weather stand-in</h1></html>"


def intercept_neutral_site(page):
    requested = []

    def fulfil(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL_BODY)

    page.context.route(re.compile(r"^https://www\.bbc\.co\.uk/"), fulfil)
    return requested


def test_without_javascript_the_button_is_a_plain_link(page_without_js, live_site):
    requested = intercept_neutral_site(page_without_js)
    page_without_js.goto(live_site.url(live_site.chapters[0]))
    page_without_js.get_by_role("link", name="Emergency Exit this page").click()
    page_without_js.wait_for_url(NEUTRAL)
    assert requested == [NEUTRAL]
    assert page_without_js.locator("h1").inner_text() == "Weather stand-in"


def test_the_button_stays_in_reach_while_the_reader_scrolls(phone_page, live_site):
    phone_page.goto(live_site.url(live_site.chapters[0]))
    phone_page.evaluate("() => window.scrollTo(0, document.body.scrollHeight / 2)")
    button = phone_page.get_by_role("link", name="Emergency Exit this page")
    box = button.bounding_box()
    assert phone_page.evaluate("() => window.scrollY") > 0
    assert 0 <= box["y"] and box["y"] + box["height"] <= phone_page.viewport_size["height"]


def test_the_history_note_is_after_the_content_not_on_the_first_screen(new_page, live_site):
    """It used to take a row beside the button and push the part down: now it waits beside "Need help now?"."""
    page = new_page(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page.goto(live_site.url(live_site.chapters[0]))
    note = page.locator(".exit-this-page-note")
    assert note.bounding_box()["y"] > 640
    assert page.evaluate(
        "() => !!(document.querySelector('main')"
        ".compareDocumentPosition(document.querySelector('.exit-this-page-note')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    note.get_by_text("Clear your history").click()
    assert note.get_by_text("press Shift 3 times").is_visible()


def test_shift_three_times_leaves_and_hides_the_page_at_once(page, live_site):
    requested = intercept_neutral_site(page)
    page.goto(live_site.url(live_site.stories[0]))
    status = page.locator(".exit-this-page [role='status']")
    page.keyboard.press("Shift")
    assert status.inner_text() == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    assert status.inner_text() == "Shift, press 1 more time to exit."
    assert page.url.startswith(live_site.base_url)
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    assert requested == [NEUTRAL]
    assert page.locator("h1").inner_text() == "Weather stand-in"


def test_the_overlay_covers_the_page_while_the_next_site_loads(page, live_site):
    page.goto(live_site.url(live_site.stories[0]))
    # Stop the navigation itself, to look at the page in the moment before it goes.
    page.evaluate(
        "() => document.querySelector('.exit-this-page__button')"
        ".addEventListener('click', (event) => event.preventDefault())"
    )
    page.get_by_role("link", name="Emergency Exit this page").click()
    assert page.locator(".exit-this-page-overlay").is_visible()
    on_top = page.evaluate(
        "() => [[5, 5], [innerWidth / 2, innerHeight / 2], [innerWidth - 5, innerHeight - 5]]"
        ".map(([x, y]) => document.elementFromPoint(x, y).className)"
    )
    assert on_top == ["exit-this-page-overlay"] * 3
    assert page.locator(".exit-this-page [role='status']").inner_text() == "Loading."


def test_other_keys_between_shifts_start_the_count_again(page, live_site):
    page.goto(live_site.url(live_site.stories[0]))
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    assert page.locator(".exit-this-page [role='status']").inner_text() == "Shift, press 2 more times to exit."
    assert page.url.startswith(live_site.base_url)


@pytest.mark.parametrize("which", ["guide part", "story"])
def test_no_serious_accessibility_problems_with_the_button(phone_page, live_site, axe, which):
    target = live_site.chapters[0] if which == "guide part" else live_site.stories[0]
    phone_page.goto(live_site.url(target))
    phone_page.locator(".exit-this-page__note summary").click()
    axe.assert_no_violations(phone_page)
