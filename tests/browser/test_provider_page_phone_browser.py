"""A provider's page on a phone, as production serves it (gunicorn, production settings, the demo content):
the summary and a link to "What you can do" on the first screen at 390x844 and the section within three
screens; every piece of chart text at least 12 CSS pixels at 320 px; no table cut off; bars biggest first."""

import pytest

from tests.production_server import production_server

pytestmark = pytest.mark.browser

SECTION = "/campaigns/restraint-in-mental-health-services/restraint-in-your-area/"
# Z0001 has every figure; Z0008 a long name; Z9001 (independent) has its rates hidden ([c]).
PROVIDERS = ["Z0001/", "Z0008/", "Z9001/"]


@pytest.fixture(scope="module")
def base_url(production_site):
    with production_server(production_site) as (url, _log):
        yield url


def open_page(new_page, url, width, height):
    page = new_page(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
    response = page.goto(url)
    assert response is not None and response.ok, f"GET {url} -> {response and response.status}"
    return page


def bottom(page, selector):
    return page.locator(selector).first.evaluate("element => element.getBoundingClientRect().bottom + scrollY")


@pytest.mark.parametrize("path", PROVIDERS)
def test_at_390_the_summary_and_the_way_to_act_are_on_the_first_screen(new_page, base_url, path):
    page = open_page(new_page, base_url + SECTION + path, 390, 844)

    summary = page.locator(".provider-summary")
    assert summary.inner_text().startswith("In ")
    assert "England" in summary.inner_text()
    assert bottom(page, ".provider-summary") <= 844
    assert bottom(page, ".invented-banner") <= 844
    link = page.get_by_role("link", name="What you can do about these figures")
    assert bottom(page, ".provider-jump a") <= 844
    assert link.get_attribute("href") == "#what-you-can-do-heading"
    heading = page.locator("#what-you-can-do-heading")
    assert heading.inner_text() == "What you can do"
    assert heading.evaluate("element => element.getBoundingClientRect().top + scrollY") <= 3 * 844
    link.click()
    assert heading.evaluate("element => element.getBoundingClientRect().top") < 100


@pytest.mark.parametrize("path", [*PROVIDERS, "england/"])
def test_at_320_chart_text_is_at_least_12_pixels_and_no_table_is_cut_off(new_page, base_url, path):
    page = open_page(new_page, base_url + SECTION + path, 320, 640)

    sizes = page.evaluate(
        """() => [...document.querySelectorAll('figure.chart svg')]
          .filter(svg => svg.getBoundingClientRect().width > 0)
          .flatMap(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map(text => ({
              text: text.textContent, size: parseFloat(getComputedStyle(text).fontSize) * scale}));
          })"""
    )
    assert len(sizes) > 20
    too_small = [item for item in sizes if item["size"] < 12]
    assert too_small == [], too_small
    assert page.locator("figure.chart svg:visible").count() == 2
    tables = page.evaluate(
        """() => [...document.querySelectorAll('table')].map(table => {
            const region = table.closest('.table-scroll');
            const labelled = region && region.getAttribute('role') === 'region' && region.tabIndex === 0
              && document.getElementById(region.getAttribute('aria-labelledby'));
            return {caption: table.caption && table.caption.textContent,
                    fits: table.getBoundingClientRect().right <= document.documentElement.clientWidth,
                    scrolls: Boolean(labelled) && region.getBoundingClientRect().right <= 320};
          })"""
    )
    assert tables
    assert [table for table in tables if not (table["fits"] or table["scrolls"])] == []


@pytest.mark.parametrize("path", PROVIDERS)
def test_tables_name_their_columns_this_provider_and_england(new_page, base_url, path):
    page = open_page(new_page, base_url + SECTION + path, 390, 844)

    for table in page.locator("figure.chart table").all():
        headers = table.locator("thead th").all_inner_texts()
        assert headers[-2:] == ["This provider", "England"]


@pytest.mark.parametrize("width", [320, 1280])
def test_the_bars_are_biggest_first(new_page, base_url, width):
    page = open_page(new_page, base_url + SECTION + "Z0001/", width, 800)

    widths = page.evaluate(
        """() => [...document.querySelectorAll('figure[aria-labelledby="rf-types-heading"] svg')]
          .filter(svg => svg.getBoundingClientRect().width > 0)
          .flatMap(svg => [...svg.querySelectorAll('rect')].map(rect => rect.getBoundingClientRect().width))"""
    )
    assert len(widths) > 3
    assert widths == sorted(widths, reverse=True)
