"""The CDN is purged on exactly the events that purge the page cache, at every address, once committed.

The backend is a real wagtail.contrib.frontend_cache backend (tests/caching/recording_cdn.py) that records
what it is asked to purge instead of calling Cloudflare or CloudFront.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import wagtail_factories
from django.core.cache import cache
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page

from mindsite.caching import page_cache
from tests.caching import recording_cdn
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
GUIDE = "http://localhost/campaigns/restraint/what-the-guidance-says/"
STORIES = "http://localhost/campaigns/restraint/stories/"


@pytest.fixture(autouse=True)
def recording_cdn_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CDN_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": "tests.caching.recording_cdn.RecordingBackend"}}
    cache.clear()
    recording_cdn.batches.clear()
    yield
    recording_cdn.batches.clear()
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is waiting for the test's transaction to commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def every_page_url():
    return page_cache.cached_urls(Page.objects.live().specific())


def local(url):
    return url.removeprefix("http://localhost")


def kept(client, urls):
    """Warm the page cache at every address it keeps, and return those addresses."""
    stored = []
    for url in urls:
        if client.get(local(url)).get("X-Page-Cache") == "miss":
            stored.append(url)
    return stored


def purged_from_the_page_cache(client, urls):
    return {url for url in urls if client.get(local(url)).get("X-Page-Cache") != "hit"}


def test_publishing_a_part_purges_exactly_its_pages_at_every_address_in_both_caches(client, site, committed):
    stored = kept(client, every_page_url())
    assert GUIDE + "print/" in stored
    with committed():
        site.chapters[1].save_revision().publish()
    expected = {part.full_url for part in site.chapters} | {GUIDE, GUIDE + "print/", GUIDE + "pdf/"}
    assert recording_cdn.purged_urls() == expected
    # The page cache lost exactly the same pages (the PDF is never in it).
    assert purged_from_the_page_cache(client, stored) == expected - {GUIDE + "pdf/"}


def test_publishing_a_story_purges_every_page_of_the_story_list(client, site, committed):
    for n in range(12):
        StoryPageFactory(parent=site.story_index, title=f"Extra {n}")
    assert client.get(local(STORIES) + "?page=2")["X-Page-Cache"] == "miss"
    with committed():
        site.stories[0].save_revision().publish()
    purged = recording_cdn.purged_urls()
    # 15 stories, ten to a page: two pages, and one past the end in case one has just gone.
    assert {STORIES, STORIES + "?page=2", STORIES + "?page=3", site.stories[0].full_url} <= purged
    assert STORIES + "?page=4" not in purged
    assert site.campaign.full_url in purged  # it features the story
    assert client.get(local(STORIES) + "?page=2")["X-Page-Cache"] == "miss"


def test_unpublishing_purges_the_page_and_the_pages_that_showed_it(client, site, committed):
    with committed():
        site.chapters[2].unpublish()
    assert {site.chapters[2].full_url, site.chapters[0].full_url, GUIDE + "print/"} <= recording_cdn.purged_urls()


def test_purging_everything_purges_every_live_pages_addresses_in_one_batch(client, site, committed):
    for n in range(12):
        StoryPageFactory(parent=site.story_index, title=f"Extra {n}")
    stored = kept(client, every_page_url())
    with committed():
        site.chrome.menu = []
        site.chrome.save()
    assert len(recording_cdn.batches) == 1
    purged = set(recording_cdn.batches[0])
    assert purged == set(every_page_url())
    assert {"http://localhost/", GUIDE + "print/", GUIDE + "pdf/", STORIES + "?page=2"} <= purged
    assert purged_from_the_page_cache(client, stored) == set(stored)


def test_moving_a_page_purges_everything(client, site, committed):
    with committed():
        site.chapters[2].move(site.chapters[0], pos="left")
    assert set(recording_cdn.batches[-1]) == set(every_page_url())


def test_editing_an_image_purges_the_pages_that_show_it_from_the_cdn(client, site, committed):
    story = site.stories[0]
    story.image = wagtail_factories.ImageFactory(title="Garden")
    story.image_alt_text = "A garden"
    story.save_revision().publish()
    recording_cdn.batches.clear()
    with committed():
        story.image.title = "The garden"
        story.image.save()
    purged = recording_cdn.purged_urls()
    assert {story.full_url, STORIES, site.campaign.full_url} <= purged
    assert site.chapters[0].full_url not in purged


def test_the_cdn_is_purged_only_once_the_change_is_committed(client, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        site.chapters[0].save_revision().publish()
        # A CDN purged now would fetch the page before the change can be read, and keep it.
        assert recording_cdn.batches == []
    for callback in waiting:
        callback()
    assert site.chapters[0].full_url in recording_cdn.purged_urls()


def test_nothing_is_sent_to_a_cdn_when_none_is_configured(client, site, settings, committed):
    settings.WAGTAILFRONTENDCACHE = {}
    with committed():
        site.chapters[0].save_revision().publish()
        page_cache.purge_everything()
    assert recording_cdn.batches == []


def cdn_settings(**env):
    code = "import json, mindsite.settings.base as s; print(json.dumps(s.WAGTAILFRONTENDCACHE))"
    clean = {"PATH": "/usr/bin:/bin", **env}
    run = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=clean, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_cdn_is_configured_from_the_environment_and_off_when_unset():
    assert cdn_settings() == {}
    cloudflare = cdn_settings(CLOUDFLARE_API_TOKEN="token", CLOUDFLARE_ZONE_ID="zone")
    assert cloudflare == {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone",
        }
    }
    cloudfront = cdn_settings(CLOUDFRONT_DISTRIBUTION_ID="E123")
    assert list(cloudfront) == ["cloudfront"]
    assert cloudfront["cloudfront"]["DISTRIBUTION_ID"] == "E123"
    # Wagtail builds both backends from these settings.
    backends = get_backends(backend_settings={**cloudflare, **cloudfront})
    assert sorted(type(backend).__name__ for backend in backends.values()) == ["CloudflareBackend", "CloudfrontBackend"]


def test_a_deleted_page_is_purged_from_the_cdn_at_its_old_addresses(client, site, committed):
    part = site.chapters[1]
    part_url = page_cache.cached_urls([part.specific])
    with committed():
        part.delete()
    assert set(part_url) <= recording_cdn.purged_urls()


def test_a_moved_or_renamed_page_is_purged_from_the_cdn_at_its_old_addresses(client, site, committed):
    guide = site.guide
    old_urls = set(page_cache.cached_urls([guide.specific, *(p.specific for p in site.chapters)]))
    with committed():
        guide.slug = "the-guidance"
        guide.save_revision().publish()
    purged = recording_cdn.purged_urls()
    assert old_urls <= purged
    assert GUIDE + "print/" in purged and GUIDE + "pdf/" in purged
    recording_cdn.batches.clear()
    moved = Page.objects.get(pk=site.chapters[0].pk)  # its address after the rename above
    before = set(page_cache.cached_urls([moved.specific]))
    with committed():
        moved.move(site.story_index, pos="last-child")
    assert before <= recording_cdn.purged_urls()
