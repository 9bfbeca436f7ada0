"""axe-core finds no serious or critical accessibility problem on any kind of page."""

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": lambda site: site.url(site.home),
    "campaign": lambda site: site.url(site.campaign),
    "guide": lambda site: site.url(site.guide),
    "guide part": lambda site: site.url(site.chapters[1]),
    "whole guide": lambda site: site.url(site.guide) + "print/",
    "story index": lambda site: site.url(site.story_index),
    "story": lambda site: site.url(site.stories[0]),
}


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
