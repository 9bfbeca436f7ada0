"""A search engine finds every public page in the sitemap, and robots.txt names the sitemap."""

import xml.etree.ElementTree as ET  # noqa: S405 (parses the site's own sitemap, made in this test)

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from tests.conftest import build_site
from tests.factories import CampaignIndexPageFactory, HomePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client, **headers):
    response = client.get("/sitemap.xml", **headers)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def all_pages(site):
    return [site.home, site.index, site.campaign, site.guide, *site.chapters, site.story_index, *site.stories]


def test_the_sitemap_lists_every_public_page_with_the_date_it_was_last_published(client, site):
    for page in all_pages(site):
        page.save_revision().publish()
    entries = sitemap_entries(client)
    expected = {page.full_url: page for page in all_pages(site)}
    assert set(entries) == set(expected)
    for url, page in expected.items():
        page.refresh_from_db()
        assert entries[url] == timezone.localdate(page.last_published_at).isoformat()


def test_the_sitemap_is_xml_that_browsers_and_a_cdn_may_keep_for_a_while(client, site):
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    assert "public" in response["Cache-Control"]
    assert "max-age=600" in response["Cache-Control"]
    assert client.post("/sitemap.xml").status_code == 405


def test_drafts_and_unpublished_pages_are_left_out(client, site):
    site.chapters[0].unpublish()
    draft = StandardPageFactory(parent=site.home, live=False, title="Not ready yet")
    entries = sitemap_entries(client)
    assert site.chapters[0].full_url not in entries
    assert not any(draft.slug in url for url in entries)
    assert site.chapters[1].full_url in entries


def test_private_pages_and_everything_under_them_are_left_out(client, site):
    PageViewRestriction.objects.create(page=site.story_index, restriction_type="password", password="a-password")
    entries = sitemap_entries(client)
    assert site.story_index.full_url not in entries
    assert not any(story.full_url in entries for story in site.stories)
    assert site.guide.full_url in entries


def test_the_whole_guide_view_is_not_listed(client, site):
    entries = sitemap_entries(client)
    assert site.guide.full_url in entries
    assert not any(url.endswith("/print/") for url in entries)


def test_each_site_has_its_own_sitemap_and_robots_txt(client, site, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    root = site.home.get_parent()
    other_home = HomePageFactory(parent=root, slug="other-home", title="Other campaigns")
    CampaignIndexPageFactory(parent=other_home, slug="campaigns")
    Site.objects.create(hostname="other.example", root_page=other_home, site_name="Other")

    other = sitemap_entries(client, HTTP_HOST="other.example")
    assert set(other) == {"http://other.example/", "http://other.example/campaigns/"}

    ours = sitemap_entries(client)
    assert "http://other.example/" not in ours
    assert site.home.full_url in ours

    robots = client.get("/robots.txt", HTTP_HOST="other.example").content.decode()
    assert "Sitemap: http://other.example/sitemap.xml" in robots


def test_the_sitemap_costs_the_same_queries_however_many_pages(client):
    def count():
        client.get("/sitemap.xml")  # per-process caches warmed, as a running server has them
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    build_site(parts=2, stories=2)
    few = count()
    build_site(parts=12, stories=25)
    assert count() == few
    assert few <= 15


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin_only(client, site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "public" in response["Cache-Control"]
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    disallowed = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow:")]
    # Styles, scripts and images stay crawlable: search engines draw the page to judge it.
    assert disallowed == ["/admin/"]
