"""In Chromium: a story's picture loads as WebP, its space is kept before it arrives (nothing below
it moves), and story cards further down a list are fetched only as the reader scrolls to them."""

import re

import pytest
import wagtail_factories

from campaigns.models import StoryPage
from tests.factories import StoryPageFactory

# Layout shifts since the page began, as Chromium scores them (Cumulative Layout Shift).
LAYOUT_SHIFT = """() => new Promise((resolve) => {
    new PerformanceObserver((list) => resolve(list.getEntries().reduce((sum, e) => sum + e.value, 0)))
        .observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(0), 500);
})"""


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def give_images(stories):
    for n, story in enumerate(stories):
        image = wagtail_factories.ImageFactory(
            title=f"Garden {n}", file__width=1600, file__height=1000, file__color="green"
        )
        StoryPage.objects.filter(pk=story.pk).update(image=image, image_alt_text=f"The garden of group {n}")


def test_a_storys_picture_is_webp_and_moves_nothing(live_site, media_root, phone_page):
    give_images(live_site.stories[:1])
    url = live_site.url(live_site.stories[0])
    image = phone_page.get_by_role("img", name="The garden of group 0")

    # While the picture is on its way (held back here), its box already has the picture's shape.
    held = []
    phone_page.route("**/media/images/**", lambda route: held.append(route))
    phone_page.goto(url, wait_until="domcontentloaded")
    assert not phone_page.evaluate("(img) => img.complete", image.element_handle())
    box = image.bounding_box()
    assert box["width"] > 300
    assert box["height"] == pytest.approx(box["width"] * 1000 / 1600, abs=1)
    for route in held:
        route.abort()
    phone_page.unroute("**/media/images/**")

    phone_page.goto(url, wait_until="networkidle")
    loaded = phone_page.evaluate(
        "(img) => ({src: img.currentSrc, width: img.naturalWidth, done: img.complete})", image.element_handle()
    )
    assert loaded["done"] and loaded["width"] > 0
    assert loaded["src"].endswith(".webp"), loaded
    # The phone's width in device pixels, rounded up to a version's: never the 1600 pixel one.
    needed = phone_page.evaluate("(img) => img.clientWidth * devicePixelRatio", image.element_handle())
    expected = min(width for width in (400, 800, 1200, 1600) if width >= needed)
    assert expected < 1600
    assert f".width-{expected}." in loaded["src"], (loaded, needed)
    assert phone_page.evaluate(LAYOUT_SHIFT) == 0


def test_cards_below_the_fold_wait_for_the_reader(live_site, media_root, phone_page):
    # Ten cards, a page of them: Chromium fetches lazy images up to 1,250 to 2,500 pixels ahead.
    stories = live_site.stories + [StoryPageFactory(parent=live_site.story_index) for _ in range(7)]
    give_images(stories)
    requested = []
    phone_page.on("request", lambda request: requested.append(request.url) if "/media/" in request.url else None)
    phone_page.goto(live_site.url(live_site.story_index), wait_until="networkidle")
    cards = phone_page.locator(".card__image")
    assert cards.count() == 10
    last = cards.nth(9)
    assert not phone_page.evaluate("(img) => img.complete && img.naturalWidth > 0", last.element_handle())
    before = len(requested)
    last.scroll_into_view_if_needed()
    phone_page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=last.element_handle())
    assert len(requested) > before
    assert phone_page.evaluate("(img) => img.currentSrc", last.element_handle()).endswith(".webp")


@pytest.mark.parametrize("viewport_width", [320, 600, 800, 1000, 1280])
def test_each_picture_comes_in_the_smallest_version_that_fills_it(live_site, media_root, new_page, viewport_width):
    """`sizes` agrees with the stylesheet: at one device pixel per CSS pixel, each picture comes in the
    smallest width at least as wide as it is shown (a smaller would be blurred, a larger wasted)."""
    give_images(live_site.stories)
    page = new_page(viewport={"width": viewport_width, "height": 800}, device_scale_factor=1)
    checks = [(live_site.story_index, ".card__image", (320, 480, 640, 960))]
    checks.append((live_site.stories[0], "article .figure img", (400, 800, 1200, 1600)))
    for target, selector, widths in checks:
        page.goto(live_site.url(target), wait_until="networkidle")
        img = page.locator(selector).first
        img.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=img.element_handle())
        shown, src = page.evaluate("(img) => [img.clientWidth, img.currentSrc]", img.element_handle())
        expected = min(width for width in widths if width >= shown)
        chosen = int(re.search(r"(?:width|fill)-(\d+)", src.rsplit("/", 1)[1]).group(1))
        assert chosen == expected, f"{selector} at {viewport_width}: shown {shown} px wide, fetched {src}"
