"""On a phone, the first screen is the content: the heading and the first words of a part.

Measured in Chromium at 390x844 and 320x640, with JavaScript off as well as on where the
page must work without it (the menu and the contents list are <details>).
"""

import pytest

from tests.browser.helpers import focused
from tests.production_server import production_server

pytestmark = pytest.mark.browser

PHONES = {"390x844": (390, 844), "320x640": (320, 640)}

PAGE_TYPES = {
    "home": lambda site: site.home,
    "campaign": lambda site: site.campaign,
    "guide": lambda site: site.guide,
    "guide part": lambda site: site.chapters[1],
    "story index": lambda site: site.story_index,
    "story": lambda site: site.stories[0],
}


def phone(new_page, size, javascript=True):
    width, height = PHONES[size]
    return new_page(
        viewport={"width": width, "height": height}, is_mobile=True, has_touch=True, java_script_enabled=javascript
    )


def top_and_line(page, selector):
    return page.eval_on_selector(
        selector,
        "(el) => { const r = el.getBoundingClientRect();"
        " return {top: r.top, line: parseFloat(getComputedStyle(el).lineHeight) || 30}; }",
    )


@pytest.mark.parametrize("size", PHONES)
def test_a_guide_parts_heading_and_first_words_are_on_the_first_screen(new_page, live_site, size):
    page = phone(new_page, size)
    page.goto(live_site.url(live_site.chapters[1]))
    height = PHONES[size][1]
    heading = page.locator("main h1").bounding_box()
    assert heading["y"] + heading["height"] <= height, f"the part's heading ends at {heading} on a {size} screen"
    first = top_and_line(page, "main .prose p")
    assert first["top"] + first["line"] <= height, f"the first paragraph starts at {first['top']}px on a {size} screen"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_at_320x640_a_part_says_where_it_is_and_its_first_line_is_on_screen(new_page, live_site, javascript):
    page = phone(new_page, "320x640", javascript=javascript)
    page.goto(live_site.url(live_site.chapters[0]))  # a long part: it has "In this part"
    heading = page.locator("main h1")
    caption = heading.locator(".part-caption")
    assert caption.text_content() == f"Part 1 of {len(live_site.chapters)}:"
    assert caption.bounding_box()["y"] >= 0
    box = heading.bounding_box()
    assert box["y"] + box["height"] <= 640
    first = top_and_line(page, "main .prose p")
    assert first["top"] + first["line"] <= 640, f"the first line of the part ends below 640px: {first}"
    # "In this part" is there, one tap away, and by keyboard.
    toggle = page.locator(".on-this-page-toggle summary")
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.locator(".on-this-page a").first.is_visible()


@pytest.fixture(scope="module")
def demo_url(production_site):
    with production_server(production_site) as (url, _log):
        yield url


def test_at_320x640_every_demo_parts_first_line_is_on_the_first_screen(new_page, demo_url):
    """With the demo's real text (long titles, five headings a part), not the factories' short parts."""
    page = phone(new_page, "320x640", javascript=False)
    campaign = "/campaigns/restraint-in-mental-health-services/"
    guides = [campaign + "what-the-guidance-says/", campaign + "influencing-change-in-your-area/"]
    late = {}
    for guide in guides:
        page.goto(demo_url + guide)
        parts = [a.get_attribute("href") for a in page.locator("main .contents__list a").all()]
        assert len(parts) >= 5
        for part in parts:
            page.goto(demo_url + part)
            first = top_and_line(page, "main .prose p")
            if first["top"] + first["line"] > 640:
                late[part] = first["top"]
    assert not late, f"the first line of these parts is below the first screen: {late}"


def test_a_storys_content_note_comes_first_and_looks_unlike_the_example_label(new_page, live_site):
    story = live_site.stories[0]
    story.content_note = "This story talks about restraint."
    story.save_revision().publish()
    page = phone(new_page, "390x844")
    page.goto(live_site.url(story))
    order = page.eval_on_selector_all(
        "main h1, main .content-note, main .example-label, main .example-note, main .prose",
        "(els) => els.map((el) => el.className || el.tagName)",
    )
    assert order == ["H1", "content-note", "example-label", "example-note", "prose"]
    styles = page.evaluate(
        "() => ['.content-note', '.example-note', '.example-label'].map((s) => {"
        " const c = getComputedStyle(document.querySelector(s)); return [c.backgroundColor, c.borderLeftColor]; })"
    )
    note, example, label = styles
    assert note == ["rgb(255, 243, 224)", "rgb(138, 58, 10)"], "the content note uses the warning colours"
    assert note != example and note[0] != label[0]
    assert page.locator(".content-note svg").count() == 1


@pytest.mark.parametrize("size", PHONES)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_each_page_types_heading_is_on_the_first_screen(new_page, live_site, size, name):
    page = phone(new_page, size)
    page.goto(live_site.url(PAGE_TYPES[name](live_site)))
    heading = page.locator("main h1").bounding_box()
    assert heading["y"] + heading["height"] <= PHONES[size][1], f"{name}: heading at {heading}"


def test_the_menu_opens_from_menu_without_javascript(new_page, live_site):
    page = phone(new_page, "320x640", javascript=False)
    page.goto(live_site.url(live_site.campaign))
    link = page.get_by_role("link", name="Menu link 2")
    assert link.is_hidden()
    page.get_by_text("Menu", exact=True).click()
    assert link.is_visible()


def test_the_menu_works_by_keyboard(new_page, live_site):
    page = phone(new_page, "390x844")
    page.goto(live_site.url(live_site.campaign))
    page.locator(".site-menu__button").focus()
    assert page.evaluate("() => document.activeElement.textContent") == "Menu"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Menu link 1"


def test_on_a_wide_screen_the_menu_is_open(page_without_js, live_site):
    page_without_js.goto(live_site.url(live_site.campaign))
    assert page_without_js.get_by_role("link", name="Menu link 2").is_visible()
    assert page_without_js.locator(".site-menu__button").is_hidden()


def test_on_a_phone_the_breadcrumb_goes_up_one_level_and_the_guide_title_shows_once(new_page, live_site):
    page = phone(new_page, "390x844")
    page.goto(live_site.url(live_site.chapters[1]))
    crumbs = page.locator(".breadcrumbs a")
    visible = [crumbs.nth(i).inner_text() for i in range(crumbs.count()) if crumbs.nth(i).is_visible()]
    assert [text.lstrip("‹ ") for text in visible] == [live_site.guide.title]
    shown = page.get_by_text(live_site.guide.title, exact=True)
    assert sum(shown.nth(i).is_visible() for i in range(shown.count())) == 1


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_parts_contents_are_collapsed_on_a_phone_and_open_on_a_wide_screen(new_page, live_site, javascript):
    narrow = phone(new_page, "390x844", javascript=javascript)
    narrow.goto(live_site.url(live_site.chapters[1]))
    other_part = narrow.locator(".contents").get_by_role("link", name=live_site.chapters[2].title)
    assert other_part.is_hidden()
    narrow.locator(".contents summary").click()
    assert other_part.is_visible()

    wide = new_page(viewport={"width": 1280, "height": 800}, java_script_enabled=javascript)
    wide.goto(live_site.url(live_site.chapters[1]))
    assert wide.locator(".contents").get_by_role("link", name=live_site.chapters[2].title).is_visible()


def test_on_a_wide_screen_the_open_contents_take_no_tab_of_their_own(new_page, live_site):
    """The list is always open there: a "Contents" toggle that does nothing would be an empty tab stop."""
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_site.url(live_site.chapters[1]))
    assert page.locator(".contents").get_by_role("heading", name="Contents").is_visible()
    first_part = live_site.chapters[0].title
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        now = focused(page) or {}
        stops.append((now.get("tag"), now.get("text")))
        if now.get("text") == first_part:
            break
    else:
        pytest.fail(f"Tab never reached the first part in the contents: {stops}")
    assert ("summary", "Contents") not in stops


def test_get_help_now_then_call_nhs_111_in_one_more_tap(new_page, live_site):
    page = phone(new_page, "320x640", javascript=False)
    page.goto(live_site.url(live_site.chapters[1]))
    page.get_by_role("link", name="Get help now").click()
    call = page.get_by_role("link", name="Call NHS 111")
    box = call.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 640, f"'Call NHS 111' is off screen at {box}"
    assert call.get_attribute("href") == "tel:111"
