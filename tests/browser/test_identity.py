"""The visual identity's measurable promises (docs/design.md), on the demo content as production serves it:
the header's menu is one line from 1024 px, nothing scrolls sideways at 320 px, and the fonts a page loads
stay within the issue's 80 KB budget."""

from urllib.parse import urlsplit

import pytest

from tests.production_server import production_server, query

pytestmark = pytest.mark.browser

FONT_BUDGET_BYTES = 80 * 1024

# One demo page of each kind a reader may land on, by where it is in the tree.
PAGE_PATHS = (
    "import json; from wagtail.models import Site; from campaigns.models import CampaignPage, StoryPage;"
    "from guides.models import GuideChapterPage; from campaigns.figures.pages import RestraintFiguresPage;"
    "from campaigns.figures.records import Provider;"
    "path = lambda model: model.objects.live().order_by('path').first().get_url_parts()[2];"
    "finder = path(RestraintFiguresPage);"
    "print(json.dumps({'home': Site.objects.get(is_default_site=True).root_page.get_url_parts()[2],"
    " 'campaign': path(CampaignPage), 'guide part': path(GuideChapterPage), 'story': path(StoryPage),"
    " 'finder': finder, 'provider': finder + Provider.objects.order_by('ods_code').first().ods_code + '/'}))"
)
PAGES = ("home", "campaign", "guide part", "story", "finder", "provider")


@pytest.fixture(scope="module")
def production(production_site):
    paths = query(production_site, PAGE_PATHS)
    with production_server(production_site) as (base_url, _log):
        yield base_url, paths


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_header_menu_is_on_one_line(new_page, production, width):
    base_url, paths = production
    page = new_page(viewport={"width": width, "height": 800})
    page.goto(base_url + paths["home"])
    links = page.locator(".site-nav__link")
    assert links.count() >= 5, "expected the demo's menu"
    tops = {round(box["y"]) for box in (links.nth(n).bounding_box() for n in range(links.count()))}
    assert len(tops) == 1, f"the menu wraps at {width} px: its links' tops are {sorted(tops)}"


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_at_320_px(new_page, production, name):
    """WCAG 1.4.10 reflow: at 320 CSS px a page reads without scrolling sideways (a table may scroll
    inside its own region)."""
    base_url, paths = production
    page = new_page(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    response = page.goto(base_url + paths[name])
    assert response.ok, f"{name}: {response.status}"
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], f"{name} scrolls sideways at 320 px: {widths}"


@pytest.mark.parametrize("name", PAGES)
def test_the_fonts_a_page_loads_are_at_most_80_kb(phone_page, production, name):
    base_url, paths = production
    own_host = urlsplit(base_url).netloc
    fonts = []
    phone_page.on("requestfinished", lambda request: fonts.append(request) if request.resource_type == "font" else None)
    phone_page.goto(base_url + paths[name], wait_until="networkidle")
    assert fonts, f"{name}: expected the site's typeface to load"
    assert {urlsplit(request.url).netloc for request in fonts} == {own_host}, "fonts come from this site only"
    weights = {request.url: request.sizes()["responseBodySize"] for request in fonts}
    total = sum(weights.values())
    report = "\n".join(f"  {size:>6} B  {url}" for url, size in weights.items())
    assert total <= FONT_BUDGET_BYTES, f"{name} loads {total} B of fonts, over {FONT_BUDGET_BYTES} B:\n{report}"
