"""Anonymous readers are served stored pages; a change purges exactly the pages that showed it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def warm(client, *pages):
    for page in pages:
        assert client.get(page.url)["X-Page-Cache"] == "miss"


def is_cached(client, url):
    return client.get(url).get("X-Page-Cache") == "hit"


def test_second_read_is_served_without_touching_the_database(client, site, django_assert_num_queries):
    warm(client, site.chapters[0])
    with django_assert_num_queries(0):
        response = client.get(site.chapters[0].url)
    assert response.status_code == 200
    assert b"Part title 1" in response.content


def test_publishing_a_part_purges_it_its_siblings_its_guide_and_the_whole_guide(client, site):
    part = site.chapters[1]
    warm(client, *site.chapters, site.guide, site.stories[0], site.home)
    client.get(site.guide.url + "print/")
    part.title = "A clearer title"
    part.save_revision().publish()
    for page in (*site.chapters, site.guide):
        response = client.get(page.url)
        assert response["X-Page-Cache"] == "miss", page
        assert b"A clearer title" in response.content
    assert b"A clearer title" in client.get(site.guide.url + "print/").content
    # Pages that never showed the part stay cached.
    assert is_cached(client, site.stories[0].url)
    assert is_cached(client, site.home.url)


def test_publishing_a_story_purges_the_pages_that_feature_or_list_it(client, site):
    story = site.stories[0]
    other = StoryPageFactory(parent=site.story_index, title="Unrelated")
    warm(client, site.campaign, site.story_index, other, site.chapters[0])
    story.summary = "A new summary of what changed."
    story.save_revision().publish()
    assert b"A new summary of what changed." in client.get(site.campaign.url).content  # featured there
    assert b"A new summary of what changed." in client.get(site.story_index.url).content  # listed there
    assert is_cached(client, site.chapters[0].url)


@pytest.mark.parametrize("which", ["story", "guide", "story list"])
def test_publishing_a_story_a_guide_or_the_story_list_purges_the_home_page_that_shows_its_campaign(client, site, which):
    page = {"story": site.stories[0], "guide": site.guide, "story list": site.story_index}[which]
    warm(client, site.home, site.index)
    page.title = "A title the home page shows"
    page.save_revision().publish()
    assert b"A title the home page shows" in client.get(site.home.url).content
    assert is_cached(client, site.index.url)  # the campaigns' list never showed it


def test_renaming_the_campaign_purges_its_descendants_breadcrumbs(client, site):
    warm(client, site.chapters[2], site.stories[1])
    site.campaign.title = "Restraint: a new name"
    site.campaign.save_revision().publish()
    for page in (site.chapters[2], site.stories[1]):
        assert b"Restraint: a new name" in client.get(page.url).content


def test_unpublishing_removes_the_page_and_its_mentions(client, site):
    part = site.chapters[2]
    warm(client, part, site.chapters[0])
    part.unpublish()
    assert client.get(part.url).status_code == 404
    assert b"Part title 3" not in client.get(site.chapters[0].url).content


def test_changing_the_menu_purges_every_page(client, site):
    warm(client, site.home, site.chapters[0], site.stories[0])
    site.chrome.menu = [
        {"type": "link", "value": {"title": "A new menu link", "page": None, "url": "https://example.org/"}}
    ]
    site.chrome.save()
    for page in (site.home, site.chapters[0], site.stories[0]):
        assert b"A new menu link" in client.get(page.url).content


def test_moving_a_page_purges_everything(client, site):
    warm(client, site.chapters[0], site.home)
    site.chapters[2].move(site.chapters[0], pos="left")
    assert not is_cached(client, site.chapters[0].url)
    assert not is_cached(client, site.home.url)


def test_deleting_a_page_purges_the_page_and_the_pages_that_listed_it(client, site):
    story = site.stories[1]
    url = story.url
    warm(client, story, site.story_index, site.chapters[0])
    story.delete()
    assert client.get(url).status_code == 404
    listing = client.get(site.story_index.url)
    assert listing["X-Page-Cache"] == "miss"
    assert story.title.encode() not in listing.content
    # A deletion purges everything: a page can be named anywhere (a menu link, a teaser).
    assert not is_cached(client, site.chapters[0].url)


def test_a_scheduled_publish_purges_the_pages_that_show_it(client, site):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    part = site.chapters[0]
    warm(client, part, site.guide)
    part.title = "Published on schedule"
    revision = part.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(hours=1))
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)
    for page in (part, site.guide):
        response = client.get(page.url)
        assert response["X-Page-Cache"] == "miss"
        assert b"Published on schedule" in response.content


def test_signed_in_editors_and_query_strings_bypass_the_cache(client, site):
    warm(client, site.story_index)
    assert not is_cached(client, site.story_index.url + "?region=london")
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(editor)
    response = client.get(site.story_index.url)
    assert "X-Page-Cache" not in response
    assert b"wagtail-userbar" in response.content.lower() or response.status_code == 200


def test_disallowed_host_is_refused_even_when_cached(client, site):
    warm(client, site.home)
    assert client.get(site.home.url, HTTP_HOST="evil.example").status_code == 400
