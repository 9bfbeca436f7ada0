"""Routing in two queries (mindsite/pages/routing.py) keeps Wagtail's answers, and a very long address costs no more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import build_site

pytestmark = pytest.mark.django_db


def test_a_part_a_guides_own_route_and_a_missing_page_answer_as_wagtail_would(client):
    site = build_site(parts=2, stories=1)
    part = site.chapters[0]
    assert client.get(part.url).status_code == 200
    assert client.get(site.guide.url + "print/").status_code == 200
    assert client.get(part.url + "no-such-page/").status_code == 404
    assert client.get(site.guide.url + "no-such-part/").status_code == 404


def test_a_very_long_address_is_not_found_with_a_small_query(client):
    site = build_site(parts=1, stories=1)
    long_path = site.guide.url + "a-long-slug-that-goes-on/" * 400
    with CaptureQueriesContext(connection) as queries:
        assert client.get(long_path).status_code == 404
    assert max(len(query["sql"]) for query in queries.captured_queries) < 20_000
