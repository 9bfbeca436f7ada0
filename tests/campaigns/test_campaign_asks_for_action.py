"""The campaign page leads with its ask and what a reader can do; the home page's title names the site once."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from campaigns.models import CampaignPage
from guides.models import GuidePage
from mindsite.pages.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_content", stdout=StringIO())


def test_the_campaign_leads_with_four_things_to_do_each_one_tap_away(demo, client):
    campaign = CampaignPage.objects.get()
    page = BeautifulSoup(client.get(campaign.url).content, "html.parser")
    main = page.find("main") or page

    guides_section = main.find(id="guides-heading")
    first_list = main.select_one(".prose ul")
    assert first_list is not None
    assert guides_section in first_list.find_all_next(id="guides-heading")  # the actions come before the guides
    links = [a["href"] for a in first_list.find_all("a")]
    guide_urls = {guide.url for guide in GuidePage.objects.all()}
    assert len(links) == 4
    assert guide_urls <= set(links)
    assert "/order-printed-guides/" in links
    assert "mailto:action@mind.org.uk" in links


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
