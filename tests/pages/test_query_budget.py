"""Each page type renders uncached in at most 12 queries, however many parts, stories, menu items or images.

Uncached: the page cache off and the Django cache empty (no stored page, body, menu or footer,
nor Wagtail's site root paths). The parts' bodies link to every other part and tease every story,
as the guides do. Each count is pinned: the same at every size, so it cannot grow with content.
The restraint-figures provider page is pinned by its own tests.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import build_site
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

BUDGET = 12

# The content as built, doubled, and multiplied by ten.
SIZES = {
    "as built": {"parts": 3, "stories": 12, "menu_items": 2, "images": 12},
    "doubled": {"parts": 6, "stories": 24, "menu_items": 4, "images": 24},
    "ten times": {"parts": 30, "stories": 120, "menu_items": 20, "images": 120},
}

# What each page costs. Routing: the site, its root page, the pages on the path, the page itself (4).
# Then what every page shows: restricted paths, linked pages (rich text, related links, menu and
# footer in one), the menu-and-footer settings, the site root paths; and what the page type shows.
PAGES = {
    # Home: the featured campaign, its guides, its latest stories, its sections below it (the stories' list
    # and the figures' finder), every picture on the page and then all their renditions.
    "home": (lambda s: s.home.url, 200, 12),
    "campaign index": (lambda s: s.index.url, 200, 9),
    "campaign": (lambda s: s.campaign.url, 200, 12),
    "guide": (lambda s: s.guide.url, 200, 11),
    "guide part": (lambda s: s.chapters[1].url, 200, 12),
    "whole guide": (lambda s: s.guide.url + "print/", 200, 11),
    "story index": (lambda s: s.story_index.url, 200, 11),
    "story index page 2": (lambda s: s.story_index.url + "?page=2", 200, 11),
    "story": (lambda s: s.stories[1].url, 200, 11),
    "standard page": (lambda s: s.standard.url, 200, 8),
    "order form": (lambda s: "/order-printed-guides/", 200, 8),
    # Search results: the pages found, and whether a figures section is published to find providers in (1).
    "search results": (lambda s: "/search/?q=restraint", 200, 9),
    "not found": (lambda s: "/no-such-page/", 404, 8),
}


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def count_queries(client, url, status):
    client.get(url)  # makes image renditions, as the first reader's visit does
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status
    return len(queries)


@pytest.mark.parametrize("size", SIZES)
def test_every_page_type_in_a_fixed_number_of_queries(client, size):
    site = build_site(linked=True, **SIZES[size])
    site.standard = StandardPageFactory(parent=site.home, slug="about")
    counts = {name: count_queries(client, url(site), status) for name, (url, status, _) in PAGES.items()}
    expected = {name: pinned for name, (_, _, pinned) in PAGES.items()}
    assert counts == expected, f"{size}: {counts}"
    assert max(counts.values()) <= BUDGET
