import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def whole_guide(client, site):
    response = client.get(site.guide.url + "print/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_every_part_in_order_and_numbered(client, site):
    soup = whole_guide(client, site)
    titles = [section.find("h2").get_text() for section in soup.find_all("section", class_="whole-guide__part")]
    assert titles == ["1. Part title 1", "2. Part title 2", "3. Part title 3"]


def test_parts_bodies_are_included_with_unique_heading_ids(client, site):
    soup = whole_guide(client, site)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert soup.find("h3", id="part-2-second-section").get_text() == "Second section"


def test_it_is_kept_out_of_search_engines_and_has_a_print_stylesheet(client, site):
    soup = whole_guide(client, site)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("link", attrs={"rel": "stylesheet", "media": "print"})


def test_every_part_links_to_it(client, site):
    soup = BeautifulSoup(client.get(site.chapters[1].url).content, "html.parser")
    link = soup.find("a", string="View a printable version of the whole guide")
    assert link["href"] == site.guide.url + "print/"


def test_unpublished_parts_are_left_out(client, site):
    site.chapters[0].unpublish()
    soup = whole_guide(client, site)
    assert "Part title 1" not in soup.get_text()
