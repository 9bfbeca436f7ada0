"""A provider's share card (campaigns/figures/share_images.py): its words, its PNG, its caching, its og:image."""

import datetime
import io
from decimal import Decimal
from types import SimpleNamespace
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from campaigns.figures import share_images
from campaigns.figures.display import Value
from campaigns.figures.models import Provider
from campaigns.figures.share_images import card_alt, card_lines, card_png
from tests.figures.pages_helpers import INVENTED, TRUST, build_section, import_file

pytestmark = pytest.mark.django_db

SOURCE = "Source: NHS England, Mental Health Services Data Set, March 2025 (Performance)"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def meta(html, name):
    tag = BeautifulSoup(html, "html.parser").head.find("meta", attrs={"property": name})
    return tag["content"] if tag else None


def figures(rate, england, month=datetime.date(2025, 3, 1)):
    return SimpleNamespace(
        latest_month=SimpleNamespace(start=month) if month else None,
        rate_headline=SimpleNamespace(value=rate, england=england),
        status_label="Performance",
    )


PROVIDER = SimpleNamespace(display_name="Northshire Mental Health NHS Trust", ods_code="RX1", is_synthetic=False)


# --- the words ------------------------------------------------------------------------------------------


def test_the_card_says_the_name_the_rate_beside_england_s_the_source_and_month_and_nothing_more():
    lines = card_lines(PROVIDER, figures(Value(Decimal("12.5")), Value(Decimal("8.1"))))
    assert [line.text for line in lines] == [
        "Northshire Mental Health NHS Trust",
        "About 12.5",
        "uses of restraint for every 1,000 nights spent on its wards",
        "England: about 8.1",
        SOURCE,
    ]
    assert card_alt(lines) == (
        "Northshire Mental Health NHS Trust. About 12.5 uses of restraint for every 1,000 nights spent on its wards. "
        f"England: about 8.1. {SOURCE}."
    )


def test_a_hidden_or_missing_rate_is_said_as_such_never_as_a_number():
    hidden = [line.text for line in card_lines(PROVIDER, figures(Value(suppressed=True), Value(not_in_file=True)))]
    assert "[c], hidden to protect privacy" in hidden
    assert "England: not in NHS England's file" in hidden
    missing = [line.text for line in card_lines(PROVIDER, figures(Value(), Value(Decimal("8.1"))))]
    assert "No data reported" in missing
    assert not any(text.startswith(("About", "0")) for text in hidden + missing)


def test_invented_figures_say_so():
    lines = card_lines(PROVIDER, figures(Value(Decimal("12.5")), Value(Decimal("8.1"))), invented=True)
    assert lines[-1].text == "Invented figures, for a demonstration"
    assert card_alt(lines).endswith("Invented figures, for a demonstration.")


def test_a_provider_without_figures_gets_its_name_and_says_there_are_none():
    lines = card_lines(PROVIDER, figures(None, None, month=None))
    assert [line.text for line in lines] == [
        "Northshire Mental Health NHS Trust",
        "No figures have been published for this provider yet",
    ]


# --- the picture --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("invented", [False, True])
def test_the_card_is_a_1200_by_630_png(invented):
    lines = card_lines(PROVIDER, figures(Value(Decimal("12.5")), Value(Decimal("8.1"))), invented=invented)
    with Image.open(io.BytesIO(card_png(lines))) as image:
        image.verify()
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_a_long_name_is_cut_not_drawn_off_the_card():
    long = SimpleNamespace(display_name="Very " * 40 + "Long Trust", ods_code="RX1", is_synthetic=False)
    with Image.open(io.BytesIO(card_png(card_lines(long, figures(None, None, month=None))))) as image:
        assert image.size == (1200, 630)


# --- the route ----------------------------------------------------------------------------------------------


def test_the_route_serves_the_card_with_caching_headers(client):
    site = build_section(orgs=(TRUST,))
    response = client.get(site.section.url + "RX1/share.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    # Asked again with its ETag: not modified, nothing sent.
    again = client.get(site.section.url + "RX1/share.png", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_new_import_changes_the_etag_and_the_card_is_drawn_once_per_import(client):
    site = build_section(orgs=(TRUST,))
    url = site.section.url + "RX1/share.png"
    with mock.patch.object(share_images, "card_png", wraps=share_images.card_png) as drawn:
        first = client.get(url)
        client.get(url)
        assert drawn.call_count == 1
        import_file((TRUST,), months=1, last=(2025, 4), name="april.csv")
        second = client.get(url)
        assert drawn.call_count == 2
    assert first["ETag"] != second["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_code_in_another_case_is_redirected_and_an_unknown_code_is_404(client):
    site = build_section(orgs=(TRUST,))
    response = client.get(site.section.url + "rx1/share.png")
    assert response.status_code == 301
    assert response["Location"].endswith("/RX1/share.png")
    assert client.get(site.section.url + "NOPE1/share.png").status_code == 404
    assert client.get(site.section.url + "not-a-code!/share.png").status_code == 404


def test_a_provider_without_figures_gets_a_card(client):
    site = build_section(orgs=(TRUST,))
    Provider.objects.create(ods_code="RX9", name="SOUTHSHIRE NHS TRUST", name_month=datetime.date(2025, 3, 1))
    response = client.get(site.section.url + "RX9/share.png")
    assert response.status_code == 200
    assert response.content.startswith(b"\x89PNG")
    html = client.get(site.section.url + "RX9/").content.decode()
    assert meta(html, "og:image:alt") == "Southshire NHS Trust. No figures have been published for this provider yet."


# Routing to the section (5, as every route of it), the provider (1), the latest import (1); drawing adds the
# figures (2), whatever is stored.
PNG_QUERIES = {"drawn": 9, "from the cache": 7, "not modified": 7}


def test_the_card_takes_a_fixed_few_queries(client):
    site = build_section(orgs=(TRUST,), months=6, types=15)
    url = site.section.url + "RX1/share.png"
    client.get(site.section.url)  # warm per-process caches (site root paths), as a running server has
    counts = {}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    counts["drawn"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    counts["from the cache"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    counts["not modified"] = len(queries)
    assert counts == PNG_QUERIES


# --- the provider's page ------------------------------------------------------------------------------------


def test_the_provider_page_shares_its_card_with_a_full_address_size_and_alt(client):
    site = build_section(orgs=(TRUST,))
    html = client.get(site.section.url + "RX1/").content.decode()
    assert meta(html, "og:image") == f"http://localhost{site.section.url}RX1/share.png"
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    alt = meta(html, "og:image:alt")
    assert alt.startswith("Northshire Mental Health NHS Trust. About 50 uses of restraint")
    assert "England: about 50." in alt and "March 2025" in alt
    assert "Invented" not in alt


def test_a_demo_provider_s_card_says_its_figures_are_invented(client):
    site = build_section(orgs=(INVENTED,), is_synthetic=True)
    html = client.get(site.section.url + "Z0001/").content.decode()
    assert meta(html, "og:image:alt").endswith("Invented figures, for a demonstration.")
    with mock.patch.object(share_images, "card_png", wraps=share_images.card_png) as drawn:
        client.get(site.section.url + "Z0001/share.png")
    assert drawn.call_args.args[0][-1].text == "Invented figures, for a demonstration"


def test_the_section_s_other_pages_share_the_default_image(client):
    site = build_section(orgs=(TRUST,))
    for path in ["", "providers/", "england/"]:
        html = client.get(site.section.url + path).content.decode()
        assert meta(html, "og:image") == "http://localhost/static/images/share-default.png", path
