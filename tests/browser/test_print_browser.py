"""Printed, a page leads back online: the site's name and the page's address at the top,
page numbers, every link's full address; no navigation, forms or buttons."""

import pytest
from django.core.cache import caches

from tests.conftest import linked_body

pytestmark = pytest.mark.browser

AFTER = "(el) => getComputedStyle(el, '::after').content"


def printed(page, url):
    page.goto(url)
    page.emulate_media(media="print")


def test_a_printed_part_names_the_site_and_its_address(page, live_site):
    part = live_site.chapters[1]
    printed(page, live_site.url(part))
    source = page.locator(".print-source")
    assert source.is_visible()
    assert source.inner_text() == f"Mind campaigns: {live_site.url(part)}"
    for hidden in (".site-header", ".breadcrumbs", ".pager", ".help-now", ".site-footer", ".exit-this-page"):
        assert page.locator(hidden).first.is_hidden(), hidden
    page.emulate_media(media="screen")
    assert source.is_hidden()


def test_a_printed_part_names_its_guide(page, live_site):
    printed(page, live_site.url(live_site.chapters[1]))
    guide_title = page.locator("main").get_by_text(live_site.guide.title, exact=True)
    assert guide_title.is_visible()
    page.emulate_media(media="screen")
    # On screen the breadcrumb names the guide, once.
    assert guide_title.is_hidden()


def test_every_link_in_a_printed_part_shows_its_full_address(page, live_site):
    guide, parts = live_site.guide, live_site.chapters
    parts[0].body = linked_body(guide, parts, live_site.stories)
    parts[0].save_revision().publish()
    for cache in caches.all():
        cache.clear()
    printed(page, live_site.url(parts[0]))
    link = page.locator("main .prose p a", has_text=parts[2].title).first
    assert link.get_attribute("href").startswith("/")
    assert link.evaluate(AFTER) == f'" ({live_site.url(parts[2])})"'


def test_page_numbers_come_from_the_print_stylesheet(page, live_site):
    printed(page, live_site.url(live_site.guide) + "print/")
    margins = page.evaluate(
        """() => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
            .filter((rule) => rule instanceof CSSPageRule).map((rule) => rule.cssText).join(' ')"""
    )
    assert "counter(page)" in margins and "counter(pages)" in margins


def test_the_whole_guide_gets_a_print_button_only_with_javascript(page, page_without_js, live_site):
    url = live_site.url(live_site.guide) + "print/"
    page_without_js.goto(url)
    assert page_without_js.get_by_role("button", name="Print this guide").count() == 0
    page.goto(url)
    button = page.get_by_role("button", name="Print this guide")
    assert button.is_visible()
    page.evaluate("() => { window.printed = false; window.print = () => { window.printed = true; }; }")
    button.click()
    assert page.evaluate("() => window.printed") is True
    page.emulate_media(media="print")
    assert button.is_hidden()
    assert page.locator(".print-source").inner_text().startswith("Mind campaigns: ")
