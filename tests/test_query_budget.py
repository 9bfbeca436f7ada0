"""Each page type renders in a fixed number of queries, however many parts, stories or menu items.

The parts' bodies link to every other part and tease every story, as the guides do.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import build_site

pytestmark = pytest.mark.django_db

# The most queries any public page may take with an anonymous visitor.
# Routing costs one query per level of the tree; the rest is fixed: settings, menu, contents,
# linked pages in rich text, story teasers, related links, the guide's recorded changes ("Last updated").
BUDGET = 21

PAGES = {
    "home": lambda s: s.home.url,
    "campaign": lambda s: s.campaign.url,
    "guide": lambda s: s.guide.url,
    "guide part": lambda s: s.chapters[1].url,
    "whole guide": lambda s: s.guide.url + "print/",
    "story index": lambda s: s.story_index.url,
    "story": lambda s: s.stories[1].url,
}


def count_queries(client, url):
    client.get(url)  # warm per-process caches (site root paths), as a running server has
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_content(client, name):
    small = build_site(parts=2, stories=2, menu_items=1, linked=True)
    small_count = count_queries(client, PAGES[name](small))
    large = build_site(parts=12, stories=25, menu_items=6, linked=True)
    large_count = count_queries(client, PAGES[name](large))
    assert large_count == small_count, f"{name}: {small_count} queries with a little content, {large_count} with more"
    assert large_count <= BUDGET, f"{name}: {large_count} queries, budget {BUDGET}"
