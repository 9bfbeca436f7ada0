import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def pager_links(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    pager = soup.find("nav", class_="pager")
    return {a["rel"][0]: (a["href"], a.find(class_="pager__title").get_text()) for a in pager.find_all("a")}


def test_first_part_has_only_next(client, site):
    assert pager_links(client, site.chapters[0]) == {"next": (site.chapters[1].url, "Part title 2")}


def test_middle_part_names_both_neighbours(client, site):
    assert pager_links(client, site.chapters[1]) == {
        "prev": (site.chapters[0].url, "Part title 1"),
        "next": (site.chapters[2].url, "Part title 3"),
    }


def test_last_part_has_only_previous(client, site):
    assert pager_links(client, site.chapters[2]) == {"prev": (site.chapters[1].url, "Part title 2")}


def test_next_skips_an_unpublished_part(client, site):
    site.chapters[1].unpublish()
    assert pager_links(client, site.chapters[0]) == {"next": (site.chapters[2].url, "Part title 3")}


def test_order_follows_the_page_tree_after_a_move(client, site):
    last = site.chapters[2]
    last.move(site.chapters[0], pos="left")
    assert pager_links(client, site.chapters[0])["prev"][1] == "Part title 3"
