"""Links to pages in rich text go to those pages' current addresses, also after a move."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_site

pytestmark = pytest.mark.django_db


def body_links(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [a["href"] for a in soup.select(".prose p:not([class]) > a")]


def test_links_in_a_part_point_at_each_part(client):
    site = build_site(parts=3, stories=1, linked=True)
    assert body_links(client, site.chapters[0].url) == [chapter.url for chapter in site.chapters]


def test_links_follow_a_renamed_page(client):
    site = build_site(parts=2, stories=1, linked=True)
    target = site.chapters[1]
    target.slug = "a-new-address"
    target.save_revision().publish()
    target.refresh_from_db()
    assert target.url.endswith("/a-new-address/")
    assert target.url in body_links(client, site.chapters[0].url)


def test_whole_guide_keeps_each_parts_own_blocks(client):
    site = build_site(parts=3, stories=2, linked=True)
    soup = BeautifulSoup(client.get(site.guide.url + "print/").content, "html.parser")
    sections = soup.find_all("section", class_="whole-guide__part")
    assert len(sections) == 3
    for section in sections:
        assert len(section.select(".story-teaser")) == 2
        assert len(section.select(".prose p:not([class]) > a")) == 3
