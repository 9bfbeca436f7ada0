"""The campaign page leads with its ask and what a reader can do; the home page's title names the site once."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from campaigns.figures.pages import RestraintFiguresPage
from campaigns.models import CampaignPage
from guides.models import GuidePage
from mindsite.pages.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_content", stdout=StringIO())


def test_the_campaign_leads_with_four_things_to_do_as_cards_each_one_tap_away(demo, client):
    campaign = CampaignPage.objects.get()
    page = BeautifulSoup(client.get(campaign.url).content, "html.parser")
    main = page.find("main")

    heading = main.find(id="actions-heading")
    assert heading.get_text() == "What you can do"
    cards = heading.find_parent("section").select(".card--action")
    assert main.find(id="guides-heading") in cards[-1].find_all_next(id="guides-heading")  # before the guides
    links = {card.h3.get_text(strip=True): card.h3.a["href"] for card in cards}
    figures = RestraintFiguresPage.objects.get()
    assert links == {
        "Read what the guidance says": GuidePage.objects.get(slug="what-the-guidance-says").url,
        "See the figures for your area": figures.url,
        "Raise restraint with your local services": GuidePage.objects.get(slug="influencing-change-in-your-area").url,
        "Order printed copies": "/order-printed-guides/",
    }
    assert all(card.p.get_text(strip=True) for card in cards)  # each says in a sentence what the reader finds
    # Telling us a story is still one tap away, at the end: the form, or the inbox.
    call_to_action = main.select_one(".call-to-action")
    assert call_to_action.find("a", href="/tell-us-your-story/", string="Tell us your story")
    assert "action@mind.org.uk" in call_to_action.get_text()


def test_an_action_to_an_unpublished_page_is_left_out(demo, client):
    figures = RestraintFiguresPage.objects.get()
    figures.unpublish()
    campaign = CampaignPage.objects.get()

    page = BeautifulSoup(client.get(campaign.url).content, "html.parser")

    titles = [card.h3.get_text(strip=True) for card in page.select(".card--action")]
    assert titles == ["Read what the guidance says", "Raise restraint with your local services", "Order printed copies"]


def test_the_demo_home_page_title_is_not_the_site_name_twice(demo, client):
    home = HomePage.objects.get()
    title = BeautifulSoup(client.get(home.url).content, "html.parser").title.get_text()

    assert title != "Mind campaigns | Mind campaigns"
    assert title.count("Mind campaigns") == 1


def test_a_home_page_named_like_the_site_is_called_home_in_its_title(site, client):
    site.home.title = "Mind campaigns"
    site.home.seo_title = ""
    site.home.save_revision().publish()

    title = BeautifulSoup(client.get(site.home.url).content, "html.parser").title.get_text()

    assert title == "Home | Mind campaigns"
