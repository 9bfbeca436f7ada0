"""`manage.py load_demo_content`: the site a newcomer sees after `make run`, loaded safely again and again."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from campaigns.models import CampaignPage, StoryPage
from guides.models import GuideChapterPage, GuidePage
from mindsite.pages.models import HomePage, MenuAndFooter

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def snapshot():
    """Everything a second run could change: the pages, their content and revisions, the site and its chrome."""
    pages = {
        page.pk: (page.latest_revision_id, page.live_revision_id, page.serializable_data())
        for page in Page.objects.specific()
    }
    site = Site.objects.get(is_default_site=True)
    chrome = MenuAndFooter.for_site(site)
    return {
        "page_count": Page.objects.count(),
        "revision_count": Revision.objects.count(),
        "pages": pages,
        "site": (site.root_page_id, site.site_name),
        "chrome": (
            chrome.menu.get_prep_value(),
            chrome.help_now_heading,
            chrome.help_now_text,
            chrome.promotions.get_prep_value(),
            chrome.footer_links.get_prep_value(),
        ),
    }


@pytest.fixture
def demo():
    load()
    return Site.objects.get(is_default_site=True)


def test_running_it_again_changes_nothing(demo):
    before = snapshot()

    output = load()

    assert "nothing changed" in output
    assert snapshot() == before


def test_first_run_reports_what_it_created():
    output = load()

    assert "Demo content loaded:" in output
    assert f"{Page.objects.filter(depth__gt=1).count()} pages created" in output


def test_each_page_is_published_with_one_revision(demo):
    pages = Page.objects.filter(depth__gt=1)

    assert pages.count() >= 20
    for page in pages:
        assert page.live, page.url_path
        assert page.revisions.count() == 1, page.url_path
        assert page.live_revision_id == page.latest_revision_id, page.url_path


def test_an_editors_changes_survive_a_second_run(demo):
    part = GuideChapterPage.objects.get(slug="what-restraint-is")
    part.title = "What restraint means"
    part.save_revision().publish()
    revision = Revision.objects.filter(object_id=str(part.pk)).latest("pk")

    load()

    part.refresh_from_db()
    assert part.title == "What restraint means"
    assert part.latest_revision_id == revision.pk


def test_the_home_page_is_the_sites_root_and_the_wagtail_welcome_page_is_gone(demo):
    assert isinstance(demo.root_page.specific, HomePage)
    assert demo.site_name == "Mind campaigns"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert Site.objects.count() == 1


def test_the_home_page_features_the_campaign_and_the_campaign_features_three_stories(demo):
    home = demo.root_page.specific
    campaign = CampaignPage.objects.get(slug="restraint-in-mental-health-services")

    assert home.featured_campaign == campaign
    featured = [featured.story for featured in campaign.featured_stories.all()]
    assert len(featured) == 3
    assert all(story.live for story in featured)


@pytest.mark.parametrize("slug", ["what-the-guidance-says", "influencing-change-in-your-area"])
def test_each_guide_has_at_least_five_parts_and_can_be_ordered_in_print(demo, slug):
    guide = GuidePage.objects.get(slug=slug)

    assert guide.title.startswith("Restraint in mental health services: ")
    assert len(guide.parts()) >= 5
    assert guide.available_in_print
    assert "National Survivor User Network" in guide.partner_credit
    assert guide.first_published and guide.last_reviewed


def test_long_parts_list_their_own_headings(demo):
    parts = GuideChapterPage.objects.live()

    assert sum(1 for part in parts if len(part.headings) >= 3) >= 6


def test_there_are_at_least_four_illustrative_stories_each_pointing_to_a_guide(demo):
    stories = StoryPage.objects.live()

    assert stories.count() >= 4
    assert len({story.region for story in stories}) >= 4
    for story in stories:
        assert story.is_illustrative, story.title
        assert story.related_guide is not None, story.title


def test_every_page_body_would_pass_the_editors_validation(demo):
    # So an editor can open any demo page in the admin and save it without fixing our content first.
    for page in Page.objects.live().specific():
        page.full_clean()
        body = getattr(page, "body", None)
        if body is not None:
            body.stream_block.clean(body)


def test_site_chrome_has_a_menu_help_now_text_promotions_and_footer_links(demo):
    chrome = MenuAndFooter.for_site(demo)

    assert len(chrome.menu) >= 4
    assert "/order-printed-guides/" in [item.value.href for item in chrome.menu]
    assert chrome.help_now_text
    # The numbers are the block's own links; the editors' text does not repeat them.
    for number in ("999", "111", "116 123", "85258", "0300 123 3393"):
        assert number not in chrome.help_now_text
    assert [promotion.value["title"] for promotion in chrome.promotions] == [
        "Mental Health A-Z",
        "Training",
        "Special offers",
    ]
    footer = {item.value["title"]: item.value.href for item in chrome.footer_links}
    assert footer["Privacy notice"] == "/privacy-notice/"
    assert footer["Contact the campaigns team"] == "mailto:action@mind.org.uk"


def test_editors_can_save_the_menu_and_footer_as_loaded(demo):
    chrome = MenuAndFooter.for_site(demo)

    for field in (chrome.menu, chrome.promotions, chrome.footer_links):
        field.stream_block.clean(field)


def test_every_live_page_and_whole_guide_view_opens_for_an_anonymous_reader(demo, client):
    pages = list(Page.objects.live().specific().filter(depth__gt=1))
    urls = {page.url: page.title for page in pages}
    urls.update({f"{guide.url}print/": guide.title for guide in GuidePage.objects.live()})

    for url, title in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert title.replace("'", "&#x27;") in html, url
        assert "116 123" in html, f"{url} has no crisis help"


def test_the_whole_guide_view_includes_every_part(demo, client):
    guide = GuidePage.objects.get(slug="what-the-guidance-says")

    html = client.get(f"{guide.url}print/").content.decode()

    for part in guide.parts():
        assert part.title in html
