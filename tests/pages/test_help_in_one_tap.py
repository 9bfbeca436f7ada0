"""Every page's header jumps to the crisis help, whose numbers are one tap: tel: and sms: links."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def test_header_of_every_page_links_to_the_help_now_block(client, site):
    for page in (site.home, site.campaign, site.guide, site.chapters[0], site.story_index, site.stories[0]):
        html = soup(client, page.url)
        link = html.find("header").find("a", string="Get help now")
        assert link is not None, page.url
        target = html.find(id=link["href"].removeprefix("#"))
        assert target is not None and "help-now" in target["class"], page.url


def test_crisis_lines_are_tel_and_sms_links_that_say_what_they_do(client, site):
    aside = soup(client, site.chapters[0].url).find("aside", class_="help-now")
    links = {a.get_text(): a["href"] for a in aside.find("ul", class_="help-now__contacts").find_all("a")}
    assert links == {
        "Call 999": "tel:999",
        "Call NHS 111": "tel:111",
        "Call Samaritans on 116 123": "tel:116123",
        "Text SHOUT to 85258": "sms:85258?body=SHOUT",
        "Call Mind's Infoline on 0300 123 3393": "tel:03001233393",
    }


def test_infoline_is_not_offered_as_a_crisis_line(client, site):
    aside = soup(client, site.home.url).find("aside", class_="help-now")
    infoline = aside.find("a", href="tel:03001233393").find_parent("li").get_text(" ", strip=True)
    assert "weekdays 9am to 6pm" in infoline
    assert "not a crisis line" in infoline


def test_editors_text_still_shows_after_the_numbers(client, site):
    site.chrome.help_now_text = "<p>Your GP can help too.</p>"
    site.chrome.save()
    aside = soup(client, site.stories[0].url).find("aside", class_="help-now")
    assert "Your GP can help too." in aside.find(class_="help-now__text").get_text()
