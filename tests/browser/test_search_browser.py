"""A reader searches from the header, in Chromium: results, the passage, and no serious accessibility failure."""

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def searchable(live_site):
    from tests.factories import GuideChapterPageFactory

    live_site.prone_part = GuideChapterPageFactory(
        parent=live_site.guide,
        title="Kinds of restraint",
        body=[
            {"type": "paragraph", "value": "<p>An opening paragraph.</p>"},
            {"type": "heading", "value": {"text": "Face-down restraint", "anchor": ""}},
            {
                "type": "paragraph",
                "value": "<p>Face-down restraint, also called prone restraint, means holding a person on their "
                "front. This is especially risky.</p>",
            },
        ],
    )
    return live_site


def test_search_from_the_header_and_land_on_the_passage(page, searchable, axe):
    page.goto(searchable.url(searchable.chapters[0]))
    box = page.locator("header").get_by_role("searchbox", name="Search this site")
    box.fill("prone restraint")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=prone\+restraint"))
    assert page.locator(".result-count").inner_text() == "1 result for ‘prone restraint’"
    result = page.locator(".search-result").first
    assert result.locator("mark").all_inner_texts() == ["restraint", "prone", "restraint"]
    axe.assert_no_violations(page)

    result.get_by_role("link", name="Kinds of restraint").click()
    page.wait_for_url(re.compile(r"#face-down-restraint$"))
    heading = page.locator("#face-down-restraint")
    assert heading.inner_text() == "Face-down restraint"
    box_of_heading = heading.bounding_box()
    assert 0 <= box_of_heading["y"] < page.viewport_size["height"], "the section is not in view"


def test_nothing_found_is_accessible_and_offers_the_guides(page, searchable, axe):
    page.goto(searchable.url("/search/?q=restrant"))
    assert page.locator(".result-count").inner_text() == "0 results for ‘restrant’"
    assert page.get_by_role("link", name=searchable.guide.title).is_visible()
    assert page.locator("main").get_by_role("link", name="get help now").is_visible()
    axe.assert_no_violations(page)


def test_on_a_phone_the_search_box_is_in_the_menu(phone_page, searchable, axe):
    phone_page.goto(searchable.url(searchable.chapters[0]))
    box = phone_page.locator("header").get_by_role("searchbox", name="Search this site")
    assert box.is_hidden()
    phone_page.get_by_text("Menu", exact=True).click()
    box.fill("prone")
    phone_page.locator("header").get_by_role("button", name="Search").click()
    phone_page.wait_for_url(re.compile(r"/search/\?q=prone"))
    assert phone_page.locator(".search-result").count() == 1
    axe.assert_no_violations(phone_page)


def test_searching_works_without_javascript(page_without_js, searchable):
    page = page_without_js
    page.goto(searchable.url(searchable.home))
    page.locator("header").get_by_role("searchbox").fill("prone")
    page.locator("header").get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q=prone"))
    assert page.locator(".search-result a").first.inner_text() == "Kinds of restraint"
