"""Pages marked sensitive carry an "Exit this page" link to a neutral site; others do not."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def exit_link(html):
    return html.select_one(".exit-this-page a.exit-this-page__button")


def test_guide_parts_and_stories_have_the_button_by_default(client, site):
    for page in (site.chapters[0], site.stories[0]):
        html = soup(client, page.url)
        link = exit_link(html)
        assert link is not None, page.url
        assert link.get_text(" ", strip=True) == "Emergency Exit this page"
        assert link["href"] == "https://www.bbc.co.uk/weather"
        assert html.find("script", src=lambda s: s and s.endswith("js/exit-this-page.js")).has_attr("defer")


def test_the_button_comes_before_the_main_content(client, site):
    html = soup(client, site.chapters[0].url)
    button = exit_link(html)
    assert button.find_next("main") is not None  # before the content, so near the top
    assert "clear your history" in html.select_one(".exit-this-page-note details").get_text().lower()


def test_turning_the_setting_off_removes_button_and_script(client, site):
    chapter = site.chapters[0]
    chapter.show_exit_button = False
    chapter.save_revision().publish()
    html = soup(client, chapter.url)
    assert exit_link(html) is None
    assert html.find("script", src=lambda s: s and "exit-this-page" in s) is None


def test_the_neutral_site_is_a_setting(client, site):
    site.chrome.exit_url = "https://www.example.org/"
    site.chrome.save()
    assert exit_link(soup(client, site.stories[0].url))["href"] == "https://www.example.org/"
