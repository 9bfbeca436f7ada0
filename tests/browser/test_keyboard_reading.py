"""A reader using only the keyboard finds the campaign from the home page and reads a
guide part by part, with JavaScript on and off. Nothing here calls click() or focus():
only Tab, Shift+Tab and Enter move the reader about."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    INDICATOR_KEYS,
    describe,
    focus_style,
    focused,
    press_enter_and_wait,
    press_until,
    style_of,
    wait_for_focus,
)

pytestmark = pytest.mark.browser


@pytest.fixture(params=["javascript on", "javascript off"])
def any_page(request, new_page):
    return new_page(java_script_enabled=request.param == "javascript on")


def path_of(page_obj):
    return page_obj.get_url()


def link_to(path):
    return lambda element: element["path"] == path and not element["hash"]


def assert_heading(page, text):
    expect(page.locator("main h1")).to_have_count(1)
    expect(page.locator("main h1")).to_contain_text(text)


def assert_part_readable(page, site, part):
    """The part's h1, its text, and a contents list that marks it as current without linking it."""
    assert_heading(page, part.title)
    main = page.locator("main")
    for heading in ("First section", "Second section", "Third section"):
        expect(main.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        expect(main.get_by_text(f"About {heading}.", exact=True)).to_be_visible()

    contents = page.get_by_role("navigation", name="Contents", exact=True)
    expect(contents).to_be_visible()
    current = contents.locator('[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_text(part.title)
    assert current.evaluate("el => el.closest('a') === null"), "the current part is a link in the contents list"
    expect(contents.locator(f'a[href="{path_of(part)}"]')).to_have_count(0)
    for other in site.chapters:
        if other.pk != part.pk:
            expect(contents.get_by_role("link", name=other.title, exact=True)).to_have_attribute("href", path_of(other))


def test_first_tab_is_the_skip_link_and_it_moves_focus_into_main(page, live_site):
    page.goto(live_site.url(live_site.chapters[0]))
    page.keyboard.press("Tab")
    element = focused(page)
    assert element is not None and element["text"] == "Skip to main content", describe(element)
    assert focus_style(page)["visible"], "the skip link is focused but cannot be seen"

    page.keyboard.press("Enter")
    element = wait_for_focus(page, lambda el: el["inMain"] or el["id"] == "main-content")
    assert element is not None and (element["inMain"] or element["id"] == "main-content"), describe(element)

    # The next Tab goes on from the start of the main content, not back to the header.
    element = press_until(page, lambda el: True, max_presses=1)
    assert element["inMain"], f"after skipping, Tab went to {describe(element)}, outside <main>"


def test_keyboard_reader_reads_every_part_of_a_guide(any_page, live_site):
    page, site = any_page, live_site
    page.goto(site.url(site.home))

    # Skip the header, then find the campaign.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    wait_for_focus(page, lambda el: el["inMain"] or el["id"] == "main-content")
    press_until(page, link_to(path_of(site.campaign)), what="a link to the campaign")
    press_enter_and_wait(page, site.url(site.campaign))
    assert_heading(page, site.campaign.title)

    press_until(page, link_to(path_of(site.guide)), what="a link to the guide")
    press_enter_and_wait(page, site.url(site.guide))
    assert_heading(page, site.guide.title)

    first = site.chapters[0]
    press_until(page, link_to(path_of(first)), what="a link to the first part")
    press_enter_and_wait(page, site.url(first))

    for number, part in enumerate(site.chapters):
        assert_part_readable(page, site, part)
        if number + 1 == len(site.chapters):
            expect(page.locator("main a[rel~=next]")).to_have_count(0)
            break
        following = site.chapters[number + 1]
        next_path = path_of(following)
        press_until(
            page,
            lambda el, path=next_path: el["rel"] == "next" and el["path"] == path,
            what=f"the Next link to {following.title!r}",
        )
        press_enter_and_wait(page, site.url(following))


def test_shift_tab_goes_back_from_next_to_previous(page, live_site):
    site = live_site
    page.goto(site.url(site.chapters[1]))
    press_until(page, lambda el: el["rel"] == "next", what="the Next link")
    element = press_until(page, lambda el: el["rel"] == "prev", key="Shift+Tab", max_presses=3, what="Previous")
    assert element["path"] == path_of(site.chapters[0])
    press_enter_and_wait(page, site.url(site.chapters[0]))
    assert_heading(page, site.chapters[0].title)


def test_without_javascript_every_part_is_reachable_and_readable(page_without_js, live_site):
    page, site = page_without_js, live_site
    response = page.goto(site.url(site.guide))
    assert response.ok
    contents = page.get_by_role("navigation", name="Contents", exact=True)
    hrefs = [link.get_attribute("href") for link in contents.get_by_role("link").all()]
    assert hrefs == [path_of(part) for part in site.chapters]
    for part, href in zip(site.chapters, hrefs, strict=True):
        response = page.goto(site.url(href))
        assert response.ok, f"{href} -> {response.status}"
        assert_part_readable(page, site, part)

    response = page.goto(site.url(site.guide) + "print/")
    assert response.ok
    main = page.locator("main")
    for number, part in enumerate(site.chapters, start=1):
        expect(main.get_by_role("heading", name=f"{number}. {part.title}", exact=True)).to_be_visible()
    expect(main.get_by_text("About Third section.", exact=True)).to_have_count(len(site.chapters))


def test_every_focusable_element_shows_that_it_has_focus(page, live_site):
    """Tab through a whole guide part: each element can be seen when it has focus, and
    gains an outline, a shadow, a background or a border that it does not have without."""
    page.goto(live_site.url(live_site.chapters[1]))
    problems, visited, first = [], 0, None
    page.keyboard.press("Tab")
    while visited < 100:
        element = focused(page)
        if element is None or element == first:
            break  # focus has left the page, or come round again: all visited
        first = first or element
        handle = page.evaluate_handle("() => document.activeElement")
        with_focus = style_of(page, handle)
        page.keyboard.press("Tab")
        without_focus = style_of(page, handle)
        handle.dispose()
        visited += 1
        changed = [key for key in INDICATOR_KEYS if with_focus[key] != without_focus[key]]
        if not with_focus["visible"]:
            problems.append(f"{describe(element)} has focus but cannot be seen")
        elif not changed:
            problems.append(
                f"{describe(element)} has no outline, shadow, background or border when focused: {with_focus}"
            )
    assert visited > 5, f"only {visited} elements took focus"
    assert not problems, "no visible focus indicator:\n" + "\n".join(problems)
