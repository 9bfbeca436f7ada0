"""A private page (password, sign-in or group) is gone from every public place at once, and stays gone."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.conftest import build_site
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-shared-password"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def linked_site(db):
    """Parts whose bodies tease every story and list every other part in related links."""
    site = build_site(parts=3, stories=3, linked=True)
    site.chrome.footer_links = [
        {"type": "link", "value": {"title": "Our stories", "page": site.story_index.pk, "url": ""}},
    ]
    site.chrome.save()
    return site


def make_private(page, kind=PageViewRestriction.PASSWORD):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, password=PASSWORD)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Trustees"))
    return restriction


def text_of(client, page_or_url):
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.url
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- the page cache is purged at once ----------------------------------------------


def set_privacy_in_the_admin(admin_client, page, **data):
    response = admin_client.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), data)
    assert response.status_code == 200
    assert "set_privacy_done" in response.content.decode()


def test_making_a_story_private_in_the_admin_removes_it_from_every_cached_page_at_once(
    client, admin_client, linked_site, page_cache_on
):
    site = linked_site
    story = site.stories[0]
    showing = [site.campaign, site.story_index, site.chapters[0], story]
    for page in showing:
        assert story.title in text_of(client, page)  # read once: now cached
        assert client.get(page.url)["X-Page-Cache"] == "hit"

    set_privacy_in_the_admin(admin_client, story, restriction_type="password", password=PASSWORD)

    for page in (site.campaign, site.story_index, site.chapters[0]):
        assert story.title not in text_of(client, page), page
    story_page = text_of(client, story)
    assert story.summary not in story_page
    assert 'name="password"' in story_page


def test_making_it_public_again_shows_it_again_at_once(client, admin_client, linked_site, page_cache_on):
    site = linked_site
    story = site.stories[0]
    make_private(story)
    assert story.title not in text_of(client, site.campaign)  # cached without the story

    set_privacy_in_the_admin(admin_client, story, restriction_type="none")

    assert story.title in text_of(client, site.campaign)
    assert story.summary in text_of(client, story)


def test_a_restriction_on_a_section_purges_the_pages_below_it(client, linked_site, page_cache_on):
    site = linked_site
    part = site.chapters[1]
    assert part.title in text_of(client, part)
    make_private(site.guide)
    response = client.get(part.url)
    assert "Some text about restraint" not in response.content.decode()


# --- never in a public place ------------------------------------------------------


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
def test_a_private_story_is_not_featured_listed_or_teased(client, linked_site, kind):
    site = linked_site
    story = site.stories[1]
    make_private(story, kind)
    assert story.title not in text_of(client, site.campaign)  # featured stories
    assert story.title not in text_of(client, site.story_index)  # the list of stories
    assert story.title not in text_of(client, site.chapters[0])  # a story teaser in a part
    assert site.stories[0].title in text_of(client, site.chapters[0])  # the public ones still are


def test_the_story_list_counts_only_public_stories(client, linked_site):
    make_private(linked_site.stories[1])
    assert "2 stories" in text_of(client, linked_site.story_index)


def test_a_private_guide_is_not_on_the_campaign_page_or_the_order_form(client, linked_site):
    site = linked_site
    make_private(site.guide)
    assert site.guide.title not in text_of(client, site.campaign)
    assert site.guide.title not in text_of(client, "/order-printed-guides/")
    story = text_of(client, site.stories[0])
    assert "Do the same in your area" not in story  # the story's related guide
    assert site.guide.title not in story


def navigation_of(client, page_or_url):
    """The text of the page's contents list, previous/next, related links and whole-guide sections."""
    soup = BeautifulSoup(text_of(client, page_or_url), "html.parser")
    found = soup.select("nav.contents, nav.pager, nav.related-links, .whole-guide__part > h2")
    return " ".join(element.get_text(" ", strip=True) for element in found)


def test_a_private_part_is_not_in_the_contents_next_link_related_links_or_whole_guide(client, linked_site):
    site = linked_site
    private = site.chapters[1]
    make_private(private)
    for page in (site.guide, site.chapters[0], site.chapters[2], site.guide.url + "print/"):
        shown = navigation_of(client, page)
        assert "Part title 3" in shown or "Part title 1" in shown, page
        assert private.title not in shown, page
    assert "Next part Part title 3" in navigation_of(client, site.chapters[0])


def test_related_links_to_only_private_pages_leave_no_empty_heading(client, linked_site):
    site = linked_site
    page = StandardPageFactory(
        parent=site.home,
        body=[
            {
                "type": "related_links",
                "value": {
                    "heading": "Read next",
                    "links": [{"title": "A part", "page": site.chapters[1].pk, "url": ""}],
                },
            }
        ],
    )
    assert "Read next" in text_of(client, page)
    make_private(site.guide)
    assert "Read next" not in text_of(client, page)


def test_a_private_campaign_is_not_on_the_home_page_or_the_campaign_list(client, linked_site):
    site = linked_site
    make_private(site.campaign)
    home = text_of(client, site.home)
    assert site.campaign.title not in home
    assert 'class="feature"' not in home
    assert site.campaign.title not in text_of(client, site.index)


def test_menu_and_footer_links_to_private_pages_are_left_out(client, linked_site):
    site = linked_site
    page = StandardPageFactory(parent=site.home, title="About us")
    assert "Menu link 1" in text_of(client, page)
    make_private(site.campaign)  # menu link 1 points at the campaign; the footer at its stories
    shown = text_of(client, page)
    assert "Menu link 1" not in shown
    assert "Menu link 2" in shown  # an address on another site stays
    assert "Our stories" not in shown


def queries_to_render(client, page):
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def test_leaving_out_private_pages_costs_the_same_queries_however_many_there_are(client, linked_site):
    """The restrictions are read once a request, whatever the teasers, links and menu point at."""
    part = linked_site.chapters[0]
    before = queries_to_render(client, part)
    make_private(linked_site.stories[2])
    assert queries_to_render(client, part) == before
    for story in linked_site.stories[:2]:
        make_private(story)
    make_private(linked_site.chapters[2])
    assert queries_to_render(client, part) == before
