"""'Exit this page' on every public page type and view, in Chromium against the demo content as production
serves it: the button is there, Shift pressed 3 times leaves, and without JavaScript it is a plain link.

The lists below are checked against Wagtail's page models and the figures page's routes, so a new page
type or route fails here until it is listed (and so looked at)."""

import re

import pytest
from django.urls import get_resolver
from wagtail.models import Page, get_page_models

from campaigns.figures.pages import RestraintFiguresPage
from mindsite.pages.models.base import BasePage
from tests.production_server import production_server

pytestmark = pytest.mark.browser

CAMPAIGN = "/campaigns/restraint-in-mental-health-services/"
SECTION = CAMPAIGN + "restraint-in-your-area/"
NEUTRAL = "https://www.bbc.co.uk/weather"

# One demo page of each page type.
PAGE_TYPES = {
    "HomePage": "/",
    "StandardPage": "/accessibility/",
    "CampaignIndexPage": "/campaigns/",
    "CampaignPage": CAMPAIGN,
    "GuidePage": CAMPAIGN + "what-the-guidance-says/",
    "GuideChapterPage": CAMPAIGN + "what-the-guidance-says/what-the-law-says/",
    "StoryIndexPage": CAMPAIGN + "stories/",
    "StoryPage": CAMPAIGN + "stories/a-calmer-ward/",
    "RestraintFiguresPage": SECTION,
}
# The figures page's routes that are pages a reader reads (the CSVs, the share card and the as-you-type fragment
# are not).
FIGURES_ROUTES = {
    "finder": SECTION + "?q=greystone",
    "providers": SECTION + "providers/",
    "england": SECTION + "england/",
    "provider": SECTION + "Z0007/",
    "compare": SECTION + "compare/",
    "letter": SECTION + "Z0007/letter/",
}
# index_route: Wagtail's, under "finder".
NOT_READ_AS_PAGES = {"find", "england_csv", "provider_csv", "providers_csv", "provider_share_image", "index_route"}
# Views that are not pages. The order confirmation needs a placed order: tests/orders covers its template.
VIEWS = {
    "order form": "/order-printed-guides/",
    "search": "/search/?q=restraint",
    "page not found": "/no-such-page/",
}
EVERYWHERE = {**PAGE_TYPES, **{f"figures: {name}": path for name, path in FIGURES_ROUTES.items()}, **VIEWS}


def test_every_page_type_and_figures_route_is_listed():
    models = {model.__name__ for model in get_page_models() if model is not Page and issubclass(model, BasePage)}
    assert set(PAGE_TYPES) == models
    routes = {pattern.name for pattern in RestraintFiguresPage.get_subpage_urls()}
    assert set(FIGURES_ROUTES) | NOT_READ_AS_PAGES == routes


def test_the_order_views_are_listed():
    _prefix, orders = get_resolver().namespace_dict["orders"]
    names = {name for name in orders.reverse_dict if isinstance(name, str)}
    assert names == {"order", "order_confirmation"}, "a new order view: add it to VIEWS"


@pytest.fixture(scope="module")
def base_url(production_site):
    with production_server(production_site) as (url, _log):
        yield url


def neutral_site(page):
    page.context.route(
        re.compile(r"^https://www\.bbc\.co\.uk/"), lambda route: route.fulfill(status=200, body="<h1>Weather</h1>")
    )


@pytest.mark.parametrize("name", EVERYWHERE)
def test_shift_three_times_leaves(page, base_url, name):
    neutral_site(page)
    page.goto(base_url + EVERYWHERE[name])
    assert page.get_by_role("link", name="Emergency Exit this page").is_visible(), name
    assert page.get_by_text("Clear your history").count() == 1
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)


@pytest.mark.parametrize("name", EVERYWHERE)
def test_without_javascript_the_button_is_a_link_that_leaves(page_without_js, base_url, name):
    neutral_site(page_without_js)
    page_without_js.goto(base_url + EVERYWHERE[name])
    page_without_js.get_by_role("link", name="Emergency Exit this page").click()
    page_without_js.wait_for_url(NEUTRAL)
