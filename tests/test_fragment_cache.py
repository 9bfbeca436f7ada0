"""A page's body, the menu and the footer come from the cache on a miss of the page cache, never stale.

The page cache is off here: these are what a render costs when the page is not stored whole.
A row changed behind Wagtail's back (an update() no signal hears) shows whether a render used
the cache: the old words mean it did.
"""

import pytest
from wagtail.models import Page, PageViewRestriction

from tests.admin_helpers import make_superuser
from tests.conftest import build_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_cached(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 3600


@pytest.fixture
def site(db):
    return build_site(parts=3, stories=3, menu_items=2, linked=True)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_body_is_kept_and_served_from_the_cache(client, site):
    part = site.chapters[1]
    assert "Part title 1" in html(client, part.url)
    Page.objects.filter(pk=site.chapters[0].pk).update(title="Renamed quietly")
    assert "Part title 1" in html(client, part.url)


def test_a_publish_is_seen_at_once(client, site):
    part = site.chapters[1]
    html(client, part.url)
    part.title = "A clearer title"
    part.save_revision().publish()
    assert "A clearer title" in html(client, part.url)


def test_a_siblings_new_title_is_seen_in_the_contents(client, site):
    part = site.chapters[1]
    html(client, part.url)
    sibling = site.chapters[0]
    sibling.title = "A sibling renamed"
    sibling.save_revision().publish()
    assert "A sibling renamed" in html(client, part.url)
    assert "A sibling renamed" in html(client, site.guide.url + "print/")


def test_a_linked_storys_new_title_is_seen(client, site):
    part = site.chapters[1]
    story = site.stories[2]
    assert story.title in html(client, part.url)
    story.title = "A story retold"
    story.save_revision().publish()
    assert "A story retold" in html(client, part.url)


def test_a_menu_change_is_seen(client, site):
    part = site.chapters[1]
    assert "Menu link 2" in html(client, part.url)
    site.chrome.menu = [
        {"type": "link", "value": {"title": "A new menu link", "page": None, "url": "https://example.org/"}}
    ]
    site.chrome.save()
    page = html(client, part.url)
    assert "A new menu link" in page and "Menu link 2" not in page


def test_a_privacy_change_is_seen(client, site):
    part = site.chapters[1]
    story = site.stories[2]
    assert story.url in html(client, part.url)
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert story.url not in html(client, part.url)


def test_nothing_for_a_signed_in_editor_comes_from_or_goes_into_the_cache(client, site, django_user_model):
    part = site.chapters[1]
    html(client, part.url)  # stored by an anonymous reader
    Page.objects.filter(pk=site.chapters[0].pk).update(title="Renamed quietly")
    editor = django_user_model.objects.create_superuser("ed", "ed@mind.example", "a long enough password")
    client.force_login(editor)
    assert "Renamed quietly" in html(client, part.url)  # not read from the cache
    client.logout()
    from django.core.cache import cache

    cache.clear()
    client.force_login(editor)
    html(client, part.url)
    Page.objects.filter(pk=site.chapters[0].pk).update(title="Renamed again")
    client.logout()
    assert "Renamed again" in html(client, part.url)  # the editor's render was not stored


def test_a_preview_neither_reads_nor_fills_the_cache(client, site, django_user_model):
    part = site.chapters[1]
    html(client, part.url)
    editor = make_superuser(django_user_model)
    client.force_login(editor)
    part.title = "A draft title"
    revision = part.save_revision()
    preview = client.get(f"/admin/pages/{part.pk}/revisions/{revision.pk}/view/")
    assert "A draft title" in preview.content.decode()
    client.logout()
    page = html(client, part.url)
    assert "A draft title" not in page and "Part title 2" in page


def test_a_body_rendered_before_a_purge_is_never_served_after_it(client, site, monkeypatch):
    """A reader's render reads the sibling's old title; the sibling is published before it is stored."""
    from mindsite import fragment_cache

    part, sibling = site.chapters[1], site.chapters[0]
    real_body_key = fragment_cache.body_key
    published = []

    def body_key_then_publish(context):
        key = real_body_key(context)  # the render has begun
        if not published:
            published.append(True)
            sibling.title = "Published mid-render"
            sibling.save_revision().publish()
        return key

    monkeypatch.setattr(fragment_cache, "body_key", body_key_then_publish)
    html(client, part.url)  # rendered with the old title (its context was read before), then stored
    monkeypatch.setattr(fragment_cache, "body_key", real_body_key)
    assert "Published mid-render" in html(client, part.url)


def test_a_stored_body_is_served_without_fetching_what_only_the_body_shows(client, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    part = site.chapters[1]
    first = html(client, part.url)
    with CaptureQueriesContext(connection) as queries:
        second = html(client, part.url)
    assert second == first
    # Routing, the restricted paths, the guide (in the title) and the menu-and-footer settings (for
    # their version): not the parts, the linked pages, the teased stories or the recorded changes.
    assert len(queries) == 7, [query["sql"][:80] for query in queries]


def test_each_page_of_the_story_list_keeps_its_own_body(client, db):
    """?page=2 is shared like the first page (the page cache and the CDN keep it), so it has a body of its own."""
    site = build_site(parts=1, stories=12)
    first, second = html(client, site.story_index.url), html(client, site.story_index.url + "?page=2")
    assert html(client, site.story_index.url + "?page=2") == second
    first_titles = {story.title for story in site.stories if story.title in first}
    second_titles = {story.title for story in site.stories if story.title in second}
    assert first_titles and second_titles and not first_titles & second_titles


def test_a_purge_between_the_context_and_the_body_never_stores_a_body_without_its_context(client, site):
    """A guide part whose body was found stored skips its parts and pager; a purge after that lookup must not
    leave the template storing, under the new key, a body rendered from that thin context."""
    from django.test.signals import template_rendered

    from mindsite import page_cache

    part = site.chapters[1]
    whole = html(client, part.url)
    purged = []

    def purge_once(sender, template, context, **kwargs):
        if not purged and template.name == "guides/guide_chapter_page.html":
            purged.append(True)
            page_cache.purge_page(site.chapters[0])

    template_rendered.connect(purge_once)
    try:
        html(client, part.url)
    finally:
        template_rendered.disconnect(purge_once)
    assert html(client, part.url) == whole
