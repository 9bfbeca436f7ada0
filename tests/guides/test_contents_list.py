import pytest
from bs4 import BeautifulSoup

from tests.factories import GuideChapterPageFactory, body

pytestmark = pytest.mark.django_db


def contents(html):
    # On a guide part the list sits in a "Contents" toggle; on the guide's page in a plain nav.
    listing = BeautifulSoup(html, "html.parser").find("ol", class_="contents__list")
    return listing.find_all("li")


def test_every_part_lists_the_guides_parts_in_order(client, site):
    response = client.get(site.chapters[1].url)
    items = contents(response.content)
    assert [item.get_text(strip=True) for item in items] == ["Part title 1", "Part title 2", "Part title 3"]


def test_current_part_is_marked_and_not_linked(client, site):
    items = contents(client.get(site.chapters[1].url).content)
    current = items[1]
    assert current.find("a") is None
    assert current.find(attrs={"aria-current": "page"}).get_text() == "Part title 2"
    assert items[0].find("a")["href"] == site.chapters[0].url
    assert items[2].find("a")["href"] == site.chapters[2].url


def test_unpublished_parts_are_left_out(client, site):
    site.chapters[2].unpublish()
    items = contents(client.get(site.chapters[0].url).content)
    assert [item.get_text(strip=True) for item in items] == ["Part title 1", "Part title 2"]


def test_guide_overview_lists_every_part_as_a_link(client, site):
    items = contents(client.get(site.guide.url).content)
    assert [item.find("a")["href"] for item in items] == [chapter.url for chapter in site.chapters]


def test_long_part_lists_its_own_headings_linking_to_their_anchors(client, site):
    soup = BeautifulSoup(client.get(site.chapters[0].url).content, "html.parser")
    on_this_page = soup.find("nav", class_="on-this-page")
    links = [(a.get_text(), a["href"]) for a in on_this_page.find_all("a")]
    assert links == [
        ("First section", "#first-section"),
        ("Second section", "#second-section"),
        ("Third section", "#third-section"),
    ]
    for _, href in links:
        assert soup.find(id=href[1:]).name == "h2"


def test_short_part_does_not_list_its_headings(client, site):
    short = GuideChapterPageFactory(parent=site.guide, title="Short part", body=body("Only one section"))
    soup = BeautifulSoup(client.get(short.url).content, "html.parser")
    assert soup.find("nav", class_="on-this-page") is None
    assert soup.find(id="only-one-section")
