"""Site search finds restraint figures' providers by name, ODS code or town, with the finder's own matching,
listed above the pages and linking each provider's page; with nothing found, it points to the finder."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.figures.pages_helpers import INDEPENDENT, TRUST, build_section
from tests.search.test_search import QUERY_BUDGET

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(db):
    return build_section(orgs=(TRUST, INDEPENDENT))


def search(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def providers_listed(soup):
    group = soup.find("section", class_="search-group")
    return [(a.get_text(strip=True), a["href"]) for a in group.select("li > a")] if group else []


@pytest.mark.parametrize("typed", ["Northshire", "northshire mental health", "RX1", "rx1"])
def test_a_provider_is_found_by_name_and_by_code_and_linked(client, section, typed):
    soup = search(client, typed)
    assert providers_listed(soup) == [("Northshire Mental Health NHS Trust", f"{section.section.url}RX1/")]
    assert "NHS trust, ODS code RX1" in soup.find("section", class_="search-group").get_text(" ")
    assert soup.find(class_="result-count").get_text(strip=True) == f"1 result for ‘{typed}’"
    assert "Nothing matched" not in soup.get_text()


def test_providers_come_above_the_pages(client, section):
    soup = search(client, "restraint northshire")
    assert not providers_listed(soup)  # no provider is called that: the finder matches the whole text
    soup = search(client, "St Bride's")
    assert providers_listed(soup) == [("St Bride's Hospitals Limited", f"{section.section.url}NQ7/")]


def test_nothing_found_points_to_the_finder(client, section):
    soup = search(client, "Atlantis")
    help_text = soup.find(class_="search-help")
    assert "Nothing matched" in help_text.get_text()
    link = help_text.find("a", string="Find its restraint figures")
    assert link["href"] == section.section.url


def test_without_a_published_section_no_provider_is_listed(client, section):
    section.section.unpublish()
    soup = search(client, "Northshire")
    assert not providers_listed(soup)
    assert "Find its restraint figures" not in soup.get_text()


def test_a_search_with_providers_keeps_within_the_query_budget(client, section):
    search(client, "Northshire")  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        search(client, "Northshire")
    # The section (1) and every provider with its places and sites (3), whatever was typed.
    assert len(queries) <= QUERY_BUDGET
