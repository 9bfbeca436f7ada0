from types import SimpleNamespace

import pytest
from wagtail.models import Page, Site

from campaigns.models import CampaignFeaturedStory
from mindsite.models import SiteChrome
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


def build_site(parts=3, stories=3, menu_items=2, linked=False):
    """A small site: home → campaigns → campaign → one guide with parts, and stories.

    With linked=True every part's body links to every other part and teases every story,
    so what a page costs to render can be seen to grow, or not, with the content.
    """
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
    story_pages = [StoryPageFactory(parent=story_index, related_guide=guide) for _ in range(stories)]
    for story in story_pages[:3]:
        campaign.featured_stories.add(CampaignFeaturedStory(story=story))
    campaign.save_revision().publish()  # as the admin does: this also records its references
    if linked:
        for chapter in chapters:
            chapter.body = linked_body(guide, chapters, story_pages)
            chapter.save_revision().publish()
    chrome = SiteChrome.for_site(Site.objects.get(is_default_site=True))
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


@pytest.fixture(scope="session")
def production_site(tmp_path_factory):
    """A database (demo content and an editor), static and media folders for the production
    server (tests/production_server.py), made once a run by the tests that ask for it."""
    from tests.production_server import served_site

    with served_site(tmp_path_factory.mktemp("production-site")) as site:
        yield site
