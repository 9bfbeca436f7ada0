"""The menu, footer promotions and crisis help come from the admin's "Menu and footer" setting."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def test_menu_links_come_from_the_setting_in_order(client, site):
    nav = soup(client, site.home.url).find("nav", attrs={"aria-label": "Main menu"})
    assert [(a.get_text(), a["href"]) for a in nav.find_all("a")] == [
        ("Menu link 1", site.campaign.url),
        ("Menu link 2", "https://example.org/2"),
    ]


def test_menu_marks_the_page_you_are_on(client, site):
    nav = soup(client, site.campaign.url).find("nav", attrs={"aria-label": "Main menu"})
    assert nav.find("a", attrs={"aria-current": "page"}).get_text() == "Menu link 1"


def test_editing_the_setting_changes_every_page(client, site):
    site.chrome.menu = [{"type": "link", "value": {"title": "Our stories", "page": site.story_index.pk, "url": ""}}]
    site.chrome.help_now_text = "<p>Text SHOUT to 85258.</p>"
    site.chrome.save()
    for page in (site.home, site.chapters[0]):
        html = soup(client, page.url)
        assert [a.get_text() for a in html.find("nav", attrs={"aria-label": "Main menu"}).find_all("a")] == [
            "Our stories"
        ]
        assert "Text SHOUT to 85258." in html.find("aside", class_="help-now").get_text()


def test_footer_shows_the_three_promotions(client, site):
    footer = soup(client, site.story_index.url).find("footer")
    assert [h.get_text() for h in footer.find_all("h3")] == ["Mental Health A-Z", "Training", "Special offers"]


def test_crisis_help_is_on_every_page_with_its_heading(client, site):
    for page in (site.home, site.campaign, site.stories[0]):
        aside = soup(client, page.url).find("aside", class_="help-now")
        assert aside.find("h2").get_text() == "Need help now?"
        assert "116 123" in aside.get_text()


def test_skip_link_is_first_and_targets_main(client, site):
    html = soup(client, site.guide.url)
    first_link = html.body.find("a")
    assert first_link.get_text() == "Skip to main content"
    assert html.find(id=first_link["href"][1:]).name == "main"


def test_breadcrumbs_lead_from_home_to_the_parent(client, site):
    nav = soup(client, site.chapters[0].url).find("nav", attrs={"aria-label": "Breadcrumb"})
    assert [a.get_text() for a in nav.find_all("a")] == ["Home", "Campaigns", site.campaign.title, site.guide.title]
