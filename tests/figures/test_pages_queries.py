"""The section's pages render in a fixed number of queries, however many months, types and providers are stored.

The numbers are pinned: the shared chrome (settings, menu, footer, routing) is part of every count, and is
being made smaller elsewhere; the section's own part is what the pages add to it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.figures.pages_helpers import INDEPENDENT, TRUST, build_section

pytestmark = pytest.mark.django_db

MANY_PROVIDERS = tuple((f"R{n:02d}", f"PROVIDER NUMBER {n} NHS TRUST") for n in range(10, 30))

# Path below the section's address -> the queries it takes for an anonymous reader, uncached (issue #11:
# every page type in at most 12). Routing and the page's chrome (site, the pages the path names, privacy,
# menu and footer) take most of them. A provider's page adds the provider with its commentary (1), its
# places (1), figures_for() (2: with every provider's latest rate, for its place among providers of its kind)
# and provider_extras() (1: the pinned stories). Comparing providers reads the newest month (1), every
# provider's figures in it (1) and the providers (1). The finder reads every provider with its places (1)
# and its open sites from ODS (1), whatever was typed, and its hint's examples (1, or none when a search has
# read every provider already).
PAGES = {
    "finder": ("", 9),
    "finder with a place typed": ("?q=kelby", 11),
    "every provider's latest figures (CSV)": ("providers/latest.csv", 9),
    "finder results for the script": ("find/?q=kelby", 9),
    "A-Z list": ("providers/", 10),
    "England's page": ("england/", 9),
    "a provider's page": ("RX1/", 12),
    "compare providers": ("compare/?sort=change&order=asc&kind=nhs", 10),
}


def count_queries(client, url):
    client.get(url)  # warm per-process caches (site root paths), as a running server has
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name", PAGES)
def test_each_page_takes_a_fixed_number_of_queries(client, name):
    path, pinned = PAGES[name]
    small = build_section(months=1, types=1, orgs=(TRUST, INDEPENDENT))
    small_count = count_queries(client, small.section.url + path)
    large = build_section(months=10, types=15, orgs=(TRUST, INDEPENDENT, *MANY_PROVIDERS))
    large_count = count_queries(client, large.section.url + path)
    assert (small_count, large_count) == (pinned, pinned), (
        f"{name}: {small_count} with little data, {large_count} with more"
    )
