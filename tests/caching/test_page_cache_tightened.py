"""The page cache, tightened: one entry per site, one round trip a hit, no render that raced a purge
kept, and images and documents purging the pages that show them."""

import pytest
import wagtail_factories
from django.core.cache import cache
from django.test.signals import template_rendered
from wagtail.models import Site

from mindsite.caching import page_cache
from tests.caching.counting_cache import CountingRedisCache
from tests.factories import HomePageFactory
from tests.redis_helpers import REDIS_URL, redis_or_skip

pytestmark = pytest.mark.django_db

# This task's Redis database (tests/caching/test_many_machines.py uses it too); never another's.


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def status(client, url, **headers):
    return client.get(url, **headers).get("X-Page-Cache")


def test_two_sites_on_one_database_never_share_an_entry(client, site, settings):
    settings.ALLOWED_HOSTS = ["localhost", "other.example"]
    other_home = HomePageFactory(parent=site.home.get_parent(), slug="other-home", title="Another charity's home")
    Site.objects.create(hostname="other.example", root_page=other_home, site_name="Other")
    main = client.get("/", HTTP_HOST="localhost")
    other = client.get("/", HTTP_HOST="other.example")
    assert main["X-Page-Cache"] == other["X-Page-Cache"] == "miss"
    assert b"Another charity" not in main.content
    assert b"Another charity" in other.content
    # Both are kept, each under its own site: neither answers for the other.
    main_hit = client.get("/", HTTP_HOST="localhost")
    other_hit = client.get("/", HTTP_HOST="other.example")
    assert main_hit["X-Page-Cache"] == other_hit["X-Page-Cache"] == "hit"
    assert main_hit.content == main.content
    assert other_hit.content == other.content
    # Publishing one site's home purges its entry, not the other site's.
    other_home.title = "Another charity's new home"
    other_home.save_revision().publish()
    assert b"new home" in client.get("/", HTTP_HOST="other.example").content
    assert status(client, "/", HTTP_HOST="localhost") == "hit"


def test_a_page_under_two_sites_is_purged_at_both_addresses(client, site, settings):
    settings.ALLOWED_HOSTS = ["localhost", "campaign.example"]
    Site.objects.create(hostname="campaign.example", root_page=site.campaign, site_name="Campaign")
    assert status(client, "/", HTTP_HOST="campaign.example") == "miss"
    assert status(client, site.campaign.url, HTTP_HOST="localhost") == "miss"
    site.campaign.title = "Restraint, renamed"
    site.campaign.save_revision().publish()
    assert b"Restraint, renamed" in client.get("/", HTTP_HOST="campaign.example").content
    assert b"Restraint, renamed" in client.get(site.campaign.url, HTTP_HOST="localhost").content


@pytest.fixture
def counting_redis(settings):
    redis_or_skip()
    settings.CACHES = {"default": {"BACKEND": "tests.caching.counting_cache.CountingRedisCache", "LOCATION": REDIS_URL}}
    cache.clear()  # FLUSHDB on database 5 only
    CountingRedisCache.calls.clear()
    yield CountingRedisCache.calls
    cache.clear()


def test_a_hit_is_one_round_trip_to_redis_and_no_query(client, site, counting_redis, django_assert_num_queries):
    url = site.chapters[0].url
    assert status(client, url) == "miss"
    counting_redis.clear()
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert b"Part title 1" in response.content
    assert counting_redis == ["get_many"]


def test_after_purging_everything_a_hit_is_again_one_round_trip(client, site, counting_redis):
    url = site.chapters[0].url
    client.get(url)
    page_cache.purge_everything()
    assert status(client, url) == "miss"
    counting_redis.clear()
    assert status(client, url) == "hit"
    assert counting_redis == ["get_many"]


@pytest.fixture
def purge_while_drawing():
    """Runs a purge the first time a page's template is drawn during a request, as a publish in
    another process would land in the middle of a render."""
    purges = []

    def receiver(sender, template, **kwargs):
        if purges and template.name.endswith(("_page.html", "guide_print.html")):
            purges.pop()()

    template_rendered.connect(receiver, dispatch_uid="purge_while_drawing")
    yield purges.append
    template_rendered.disconnect(dispatch_uid="purge_while_drawing")


@pytest.mark.parametrize("purge", ["page", "everything"])
def test_a_render_that_began_before_a_purge_is_never_kept(client, site, purge_while_drawing, purge, settings):
    settings.CDN_CACHE_SECONDS = 300
    part = site.chapters[0]
    if purge == "page":
        purge_while_drawing(lambda: page_cache.purge_page(part))
    else:
        purge_while_drawing(page_cache.purge_everything)
    raced = client.get(part.url)
    assert raced.status_code == 200
    assert raced["X-Page-Cache"] == "miss, not kept"
    # Nor kept by a CDN.
    assert "public" not in raced["Cache-Control"]
    assert "private" in raced["Cache-Control"]
    # The next reader gets a fresh render, which is kept.
    assert status(client, part.url) == "miss"
    assert status(client, part.url) == "hit"


def test_a_purge_of_an_unrelated_page_during_a_render_costs_only_that_render(client, site, purge_while_drawing):
    purge_while_drawing(lambda: page_cache.purge_page(site.stories[0]))
    assert status(client, site.chapters[0].url) == "miss, not kept"
    assert status(client, site.chapters[0].url) == "miss"
    assert status(client, site.chapters[0].url) == "hit"


@pytest.fixture
def story_with_image(site):
    story = site.stories[0]
    story.image = wagtail_factories.ImageFactory(title="Ward garden", file__width=800, file__height=600)
    story.image_alt_text = "A ward garden"
    story.save_revision().publish()
    return story


def warm(client, *urls):
    for url in urls:
        assert status(client, url) == "miss", url


@pytest.mark.parametrize("change", ["title", "focal point", "new file"])
def test_editing_an_image_purges_the_pages_that_show_it(client, site, story_with_image, change):
    story = story_with_image
    showing = [story.url, site.story_index.url, site.campaign.url]
    warm(client, *showing, site.chapters[0].url, site.stories[1].url)
    image = story.image
    if change == "title":
        image.title = "The ward's garden"
    elif change == "focal point":
        image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 10, 10, 50, 50
    else:
        new = wagtail_factories.ImageFactory.build(file__width=900, file__height=700, file__filename="g.png")
        image.file = new.file
    image.save()
    for url in showing:
        assert status(client, url) == "miss", url
    # Pages that never showed it stay kept.
    assert status(client, site.chapters[0].url) == "hit"
    assert status(client, site.stories[1].url) == "hit"


def test_wagtails_own_bookkeeping_saves_of_an_image_purge_nothing(client, site, story_with_image):
    warm(client, story_with_image.url)
    image = story_with_image.image
    image.file_size = 1234
    image.save(update_fields=["file_size"])
    assert status(client, story_with_image.url) == "hit"


def test_editing_a_document_purges_the_pages_that_link_to_it(client, site):
    document = wagtail_factories.DocumentFactory(title="Leaflet")
    part = site.chapters[1]
    part.body = [
        {"type": "paragraph", "value": f'<p>Read <a linktype="document" id="{document.pk}">the leaflet</a>.</p>'}
    ]
    part.save_revision().publish()
    warm(client, part.url, site.stories[0].url)
    document.title = "Leaflet, second edition"
    document.save()
    assert status(client, part.url) == "miss"
    assert status(client, site.stories[0].url) == "hit"


def test_deleting_an_image_purges_the_pages_that_showed_it(client, site, story_with_image):
    warm(client, story_with_image.url, site.chapters[0].url)
    story_with_image.image.delete()
    assert status(client, story_with_image.url) == "miss"
    assert status(client, site.chapters[0].url) == "hit"


def test_generation_changes_on_every_purge_of_everything(site):
    first = page_cache.generation()
    assert page_cache.generation() == first
    page_cache.purge_everything()
    second = page_cache.generation()
    assert second != first
    page_cache.purge_everything()
    assert page_cache.generation() not in (first, second)


def test_purging_a_part_purges_its_siblings_and_guide_not_the_home_page(client, site):
    warm(client, site.home.url, site.guide.url, *(part.url for part in site.chapters))
    page_cache.purge_page(site.chapters[0])
    for page in (site.guide, *site.chapters):
        assert status(client, page.url) == "miss", page.url
    assert status(client, site.home.url) == "hit"


def test_changing_a_site_purges_everything(client, site):
    warm(client, site.chapters[0].url)
    site_record = Site.objects.get(is_default_site=True)
    site_record.site_name = "Mind"
    site_record.save()
    assert status(client, site.chapters[0].url) == "miss"


def test_a_process_that_has_not_served_a_host_yet_finds_what_another_process_stored(client, site):
    url = site.chapters[0].url
    assert status(client, url) == "miss"
    # As a second server would be: it has never looked this host's site up.
    page_cache.forget_hosts()
    assert status(client, url) == "hit"


def test_a_page_stored_between_a_publish_and_its_commit_is_purged_at_the_commit(
    client, site, django_capture_on_commit_callbacks
):
    # Another process reading before the commit sees the old page, and may store it after the
    # first purge: the commit purges again.
    url = site.chapters[0].url
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        site.chapters[0].save_revision().publish()
        assert status(client, url) == "miss"
        assert status(client, url) == "hit"
    for callback in waiting:
        callback()
    assert status(client, url) == "miss"
