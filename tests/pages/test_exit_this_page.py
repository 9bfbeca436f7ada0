"""Every page and view carries an "Exit this page" link to a neutral site, unless an editor turns it off for a page."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, get_page_models

from mindsite.pages.models.base import BasePage

pytestmark = pytest.mark.django_db


def soup(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def exit_link(html):
    return html.select_one(".exit-this-page a.exit-this-page__button")


def test_every_page_type_has_it_on_by_default():
    for model in get_page_models():
        if model is not Page and issubclass(model, BasePage):
            assert model._meta.get_field("show_exit_button").default is True, model.__name__


@pytest.mark.parametrize("which", ["home", "index", "campaign", "guide", "story_index"])
def test_the_other_page_types_have_the_button_too(client, site, which):
    assert exit_link(soup(client, getattr(site, which).url)) is not None


@pytest.mark.parametrize("url", ["/order-printed-guides/", "/search/?q=restraint", "/no-such-page/"])
def test_views_that_are_not_pages_have_it(client, site, url):
    html = soup(client, url)
    assert exit_link(html) is not None
    assert html.find("script", src=lambda s: s and s.endswith("js/exit-this-page.js"))


def test_guide_parts_and_stories_have_the_button_by_default(client, site):
    for page in (site.chapters[0], site.stories[0]):
        html = soup(client, page.url)
        link = exit_link(html)
        assert link is not None, page.url
        assert link.get_text(" ", strip=True) == "Emergency Exit this page"
        assert link["href"] == "https://www.bbc.co.uk/weather"
        assert html.find("script", src=lambda s: s and s.endswith("js/exit-this-page.js")).has_attr("defer")


def test_the_button_comes_before_the_main_content_and_the_history_note_after(client, site):
    html = soup(client, site.chapters[0].url)
    button = exit_link(html)
    assert button.find_next("main") is not None  # before the content, so near the top
    note = html.select_one(".exit-this-page-note details")
    assert "clear your history" in note.get_text().lower()
    assert note.find_previous("main") is not None  # after it, so it never pushes the content down


def test_turning_the_setting_off_removes_button_and_script(client, site):
    chapter = site.chapters[0]
    chapter.show_exit_button = False
    chapter.save_revision().publish()
    html = soup(client, chapter.url)
    assert exit_link(html) is None
    assert html.find("script", src=lambda s: s and "exit-this-page" in s) is None
    assert html.select_one(".exit-this-page-note") is None


def test_the_neutral_site_is_a_setting(client, site):
    site.chrome.exit_url = "https://www.example.org/"
    site.chrome.save()
    assert exit_link(soup(client, site.stories[0].url))["href"] == "https://www.example.org/"
