from types import SimpleNamespace

import pytest
import wagtail_factories
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from wagtail.models import Page, Site

from campaigns.models import CampaignFeaturedStory
from mindsite.accounts.models import AuthenticatorApp
from mindsite.pages.models import MenuAndFooter
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    HomePageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    body,
)


def is_transactional(node, fixturenames):
    marker = node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"live_server", "transactional_db"} & set(fixturenames)
    )


def pytest_collection_modifyitems(items):
    """Every transactional test starts from what the migrations made: Wagtail's root page, the groups.

    A transactional test (or a live-server one) empties every table when it ends, data from
    migrations included, so the next one would find no root page; serialized rollback reloads
    that data first.
    """
    for item in items:
        if not is_transactional(item, item.fixturenames):
            continue
        marker = item.get_closest_marker("django_db")
        kwargs = {**(marker.kwargs if marker else {}), "transaction": True}
        kwargs.setdefault("serialized_rollback", True)
        item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache. SQLite hands a rolled-back row's id to the next row, so
    a rendition or page cached by an earlier test could otherwise answer for a new object."""
    for each in caches.all():  # the renditions cache too
        each.clear()
    yield


@pytest.fixture(autouse=True)
def content_types_cached_for_the_next_transactional_test(request):
    """Before a transactional test's tables are emptied, cache every model's content type.

    Reloading the data for the next one builds Wagtail's approval task, which looks its content
    type up; from an empty cache that would insert a row the reload then inserts again.
    """
    if not is_transactional(request.node, request.fixturenames):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    ContentType.objects.get_for_models(*apps.get_models())


def linked_body(guide, chapters, stories):
    """A part's body as editors write them: links to every other part, story teasers, related links."""
    blocks = body("First section", "Second section", "Third section")
    blocks += [
        {"type": "paragraph", "value": f'<p>Read <a linktype="page" id="{other.pk}">{other.title}</a>.</p>'}
        for other in chapters
    ]
    blocks += [{"type": "story_teaser", "value": {"story": story.pk, "text": ""}} for story in stories]
    links = [{"title": part.title, "page": part.pk, "url": ""} for part in chapters]
    blocks.append({"type": "related_links", "value": {"heading": "Related links", "links": links}})
    return blocks


def ensure_wagtail_roots():
    """Recreate what Wagtail's data migrations made, if a flush has removed it.

    Live-server tests, and tests that serve the site from another process, are transactional:
    every table is emptied after each one (and after any other transactional test in the
    suite), which takes the default locale, the root page and the root collection with it.
    Content types come back by themselves. Idempotent.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    locale = Locale.objects.order_by("pk").first()
    if locale is None:
        locale = Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root",
                draft_title="Root",
                slug="root",
                content_type=ContentType.objects.get_for_model(Page),
                locale=locale,
                url_path="/",
            )
        )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


def build_site(parts=3, stories=3, menu_items=2, linked=False, images=0):
    """A small site: home → campaigns → campaign → one guide with parts, and stories.

    With linked=True every part's body links to every other part and teases every story,
    so what a page costs to render can be seen to grow, or not, with the content. The first
    `images` stories have a photo (shown in the story list, on the campaign and on the story).
    """
    ensure_wagtail_roots()
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Mind campaigns")
    index = CampaignIndexPageFactory(parent=home, slug="campaigns")
    campaign = CampaignPageFactory(parent=index, slug="restraint")
    home.featured_campaign = campaign
    home.save_revision().publish()
    guide = GuidePageFactory(parent=campaign, slug="what-the-guidance-says", title="What the guidance says")
    chapters = [GuideChapterPageFactory(parent=guide, title=f"Part title {n}") for n in range(1, parts + 1)]
    story_index = StoryIndexPageFactory(parent=campaign, slug="stories")
    story_pages = [
        StoryPageFactory(
            parent=story_index,
            related_guide=guide,
            image=wagtail_factories.ImageFactory(file__width=64, file__height=48) if n < images else None,
            image_alt_text="A group of campaigners" if n < images else "",
        )
        for n in range(stories)
    ]
    for story in story_pages[:3]:
        campaign.featured_stories.add(CampaignFeaturedStory(story=story))
    campaign.save_revision().publish()  # as the admin does: this also records its references
    if linked:
        for chapter in chapters:
            chapter.body = linked_body(guide, chapters, story_pages)
            chapter.save_revision().publish()
    chrome = MenuAndFooter.for_site(Site.objects.get(is_default_site=True))
    chrome.menu = [
        {
            "type": "link",
            "value": {
                "title": f"Menu link {n}",
                "page": campaign.pk if n == 1 else None,
                "url": "" if n == 1 else f"https://example.org/{n}",
            },
        }
        for n in range(1, menu_items + 1)
    ]
    chrome.help_now_text = "<p>Call Samaritans on 116 123, any time.</p>"
    chrome.promotions = [
        {
            "type": "promotion",
            "value": {"title": t, "text": "Text.", "link_text": "Go", "url": "https://www.mind.org.uk/"},
        }
        for t in ("Mental Health A-Z", "Training", "Special offers")
    ]
    chrome.save()
    return SimpleNamespace(
        home=home,
        index=index,
        campaign=campaign,
        guide=guide,
        chapters=chapters,
        story_index=story_index,
        stories=story_pages,
        chrome=chrome,
    )


@pytest.fixture
def site(db):
    return build_site()


def pass_the_second_factor(client, user):
    """Mark the client's session as through two-step verification, as the code step does.

    The user gets a confirmed authenticator app if they have none.
    """
    device = AuthenticatorApp.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = AuthenticatorApp.objects.create(user=user, name="Test phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login(user)` signs in with both factors: the password and the authenticator app.

    Two-step verification stays on for every test; a session signed in with the password
    alone (through /admin/login/, as tests/accounts/test_two_factor.py does) is still stopped at the code step.
    """
    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        pass_the_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture(scope="session")
def production_site(tmp_path_factory):
    """A database (demo content and an editor), static and media folders for the production
    server (tests/production_server.py), made once a run by the tests that ask for it."""
    from tests.production_server import served_site

    with served_site(tmp_path_factory.mktemp("production-site")) as site:
        yield site
