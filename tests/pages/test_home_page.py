"""The home page leads somewhere: the campaign's ask, its guides, the figures for your area, its latest stories,
printed copies and Mind's promotions; its pictures come with a srcset and an alt (or alt="" when decorative),
a card without a picture is whole, and however many pictures there are they cost two queries."""

from io import StringIO

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.figures.pages import RestraintFiguresPage
from campaigns.models import CampaignPage, StoryPage
from guides.models import GuidePage
from mindsite.pages.models import HomePage
from tests.conftest import build_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def demo():
    call_command("load_demo_content", stdout=StringIO())


def main_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_demo_home_page_leads_to_the_guides_the_figures_the_stories_and_the_order_form(demo, client):
    page = main_of(client, "/")
    main = page.find("main")
    section = RestraintFiguresPage.objects.get()

    assert main.find(id="ask-heading").get_text() == "Are you worried about restraint in your area?"
    assert main.select_one(".home-hero__ask a.button")["href"] == CampaignPage.objects.get().url
    guides = main.find(id="guides-heading").find_parent("section").select(".card--guide")
    assert [card.h3.get_text() for card in guides] == list(
        GuidePage.objects.order_by("path").values_list("title", flat=True)
    )
    stories = main.find(id="stories-heading").find_parent("section").select(".card--story")
    newest = StoryPage.objects.order_by("-story_date", "-first_published_at", "-pk")[:3]
    assert [card.h3.a["href"] for card in stories] == [story.url for story in newest]
    assert main.find("a", string="Read all the stories")
    assert main.select_one(".call-to-action").find("a", href="/order-printed-guides/")

    # "Find restraint figures for your area": the finder's GET form, which works without JavaScript.
    finder = main.find(id="area-finder-heading").find_parent("section")
    assert finder.find(id="area-finder-heading").get_text() == "Find restraint figures for your area"
    form = finder.find("form")
    assert (form["method"], form["action"]) == ("get", section.url)
    assert form.find("input", attrs={"name": "q"})["id"] == form.find("label")["for"]
    # Nothing here for the as-you-type script to fill: no control pointing at results that are not on the page.
    assert not form.has_attr("data-module") and not form.find(attrs={"aria-controls": True})
    assert finder.find("a", href=section.url + "providers/")


def test_the_home_box_asks_the_finder(demo, client):
    section = RestraintFiguresPage.objects.get()
    form = main_of(client, "/").find(id="area-finder-heading").find_parent("section").find("form")

    response = client.get(form["action"], {"q": "greystone"})

    assert response.status_code == 200
    assert "1 provider found for ‘greystone’" in response.content.decode()
    assert response.wsgi_request.path == section.url


def test_the_promotions_are_in_the_home_page_and_in_the_footer_of_every_other(demo, client):
    home = main_of(client, "/")
    campaign = main_of(client, CampaignPage.objects.get().url)

    titles = ["Mental Health A-Z", "Training", "Special offers"]
    assert [h3.get_text() for h3 in home.find("main").select(".card--promotion h3")] == titles
    assert not home.find("footer").select(".promotion")
    assert [h3.get_text() for h3 in campaign.find("footer").select(".promotion h3")] == titles


def test_the_demo_pictures_are_decorative_with_a_srcset_on_home_campaign_and_stories(demo, client):
    campaign = CampaignPage.objects.get()
    for url, count in [("/", 6), (campaign.url, 5), (campaign.url + "stories/", 5)]:
        pictures = main_of(client, url).find("main").find_all("picture")
        assert len(pictures) == count, url
        for picture in pictures:
            assert picture.find("source", type="image/webp")["srcset"]
            img = picture.find("img")
            assert img["srcset"] and img["width"] and img["height"]
            assert img["alt"] == ""  # abstract illustrations: nothing for a screen reader to hear


def test_a_picture_with_alt_text_is_described(site, client):
    site.home.image = wagtail_factories.ImageFactory(file__width=800, file__height=500)
    site.home.image_alt_text = "A garden outside a ward"
    site.home.save_revision().publish()
    # An editor who ticks "decorative" over a description still gets alt="": the tick wins.
    StoryPage.objects.filter(pk=site.stories[0].pk).update(
        image=wagtail_factories.ImageFactory(), image_alt_text="Hills", image_is_decorative=True
    )
    GuidePage.objects.filter(pk=site.guide.pk).update(
        cover_image=wagtail_factories.ImageFactory(), cover_image_alt_text="The cover", cover_image_is_decorative=False
    )

    main = main_of(client, "/").find("main")

    assert main.select_one(".home-hero__picture img")["alt"] == "A garden outside a ward"
    assert main.select_one(".card--guide img")["alt"] == "The cover"
    assert main.select_one(".card--story img")["alt"] == ""


def test_cards_without_a_picture_are_whole(site, client):
    for url in ["/", site.campaign.url, site.story_index.url]:
        main = main_of(client, url).find("main")
        assert not main.find("picture"), url
        for card in main.select(".card--story, .card--guide"):
            assert card.select_one(".card__title").get_text(strip=True)
            assert card.find("p", class_=None).get_text(strip=True)  # the summary
    home = main_of(client, "/").find("main")
    assert home.select_one(".home-hero:not(.home-hero--pictured)")  # the words take the whole width


@pytest.mark.parametrize(
    "model_name, image_field, alt_field, decorative_field",
    [
        ("home", "image", "image_alt_text", "image_is_decorative"),
        ("story", "image", "image_alt_text", "image_is_decorative"),
        ("guide", "cover_image", "cover_image_alt_text", "cover_image_is_decorative"),
    ],
)
def test_a_picture_is_described_or_marked_decorative(site, model_name, image_field, alt_field, decorative_field):
    page = {"home": site.home, "story": site.stories[0], "guide": site.guide}[model_name]
    setattr(page, image_field, wagtail_factories.ImageFactory())
    setattr(page, alt_field, " ")
    setattr(page, decorative_field, False)

    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert raised.value.message_dict[alt_field] == [
        "Describe the picture for people who cannot see it, or tick 'decorative'."
    ]

    setattr(page, decorative_field, True)
    page.full_clean()


def count_queries(client, url):
    client.get(url)  # makes the renditions
    caches["renditions"].clear()
    caches["default"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.count(b"<picture>")


def test_the_home_page_costs_two_queries_more_with_pictures_however_many(client):
    counts = {}
    for stories in (1, 3):
        built = build_site(stories=stories)
        without = count_queries(client, "/")
        built.home.image = wagtail_factories.ImageFactory(file__width=800, file__height=500)
        built.home.image_is_decorative = True
        built.home.save_revision().publish()
        GuidePage.objects.update(cover_image=wagtail_factories.ImageFactory())
        for story in built.stories:
            StoryPage.objects.filter(pk=story.pk).update(
                image=wagtail_factories.ImageFactory(), image_is_decorative=True
            )
        counts[stories] = (without, count_queries(client, "/"))
    # The page's 10 (tests/pages/test_query_budget.py), then the pictures and all their renditions.
    assert counts == {1: ((10, 0), (12, 3)), 3: ((10, 0), (12, 5))}


def test_a_home_page_without_a_public_campaign_still_shows_its_words(site, client):
    site.campaign.unpublish()
    home = HomePage.objects.get()

    main = main_of(client, home.url).find("main")

    assert main.h1.get_text() == home.title
    assert not main.find(id="guides-heading") and not main.find(id="area-finder-heading")
