"""Every appearance of a demo example story says it is an example; examples name no real town and no exact date."""

import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from campaigns.models import CampaignPage, StoryIndexPage, StoryPage
from mindsite.demo.guides import GUIDANCE_GUIDE, INFLUENCING_GUIDE
from mindsite.demo.stories import STORIES

pytestmark = pytest.mark.django_db

LABEL = "Example story"


@pytest.fixture
def demo():
    call_command("load_demo_content", stdout=StringIO())


def soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return BeautifulSoup(response.content, "html.parser")


def pages_with_teasers():
    return [
        page
        for page in Page.objects.live().specific()
        if any(block.block_type == "story_teaser" for block in getattr(page, "body", []) or [])
    ]


def test_every_story_teaser_in_the_guides_is_labelled(demo, client):
    pages = pages_with_teasers()
    assert len(pages) >= 5

    for page in pages:
        teasers = soup(client, page).select("aside.story-teaser")
        assert teasers, page.url
        for teaser in teasers:
            assert LABEL in teaser.get_text(), f"{page.url}: {teaser.get_text(' ', strip=True)}"


@pytest.mark.parametrize("model", [CampaignPage, StoryIndexPage])
def test_every_story_card_is_labelled(demo, client, model):
    page = model.objects.get()
    cards = soup(client, page).select("li.card--story")
    assert len(cards) >= 3

    for card in cards:
        assert LABEL in card.get_text(), card.get_text(" ", strip=True)
        assert card.find("time") is None, "an example gives no date"


def test_each_story_page_says_it_is_an_example_and_gives_no_date(demo, client):
    for story in StoryPage.objects.live():
        article = soup(client, story).find("article")
        text = article.get_text(" ", strip=True)
        assert text.index(LABEL) < text.index(story.summary), story.url
        assert article.find("time") is None, story.url


def test_a_real_story_keeps_its_month_and_year_and_no_label(site, client):
    story = site.stories[0]
    story.is_illustrative = False
    story.save_revision().publish()

    cards = soup(client, site.story_index).select("li.card--story")
    card = next(card for card in cards if story.title in card.get_text())

    assert LABEL not in card.get_text()
    assert card.find("time")["datetime"] == story.story_date.isoformat()


def test_demo_stories_are_placed_by_region_with_no_town_and_no_exact_day():
    for story in STORIES:
        fields = story["fields"]
        assert fields["place"].startswith("A "), fields["place"]
        assert fields["story_date"].day == 1, story["title"]
        assert not re.search(r"-(wakefield|preston|enfield|plymouth|coventry)$", story["slug"])


def stream_text(value):
    """All the words in a stream of demo blocks."""
    if isinstance(value, dict):
        return " ".join(stream_text(item) for item in value.values())
    if isinstance(value, list):
        return " ".join(stream_text(item) for item in value)
    return value if isinstance(value, str) else ""


def test_each_quote_credited_to_an_example_is_in_that_examples_story():
    bodies = {story["title"]: stream_text(story["fields"]["body"]) for story in STORIES}
    quotes = [
        block["value"]
        for guide in (GUIDANCE_GUIDE, INFLUENCING_GUIDE)
        for part in guide["children"]
        for block in part["fields"]["body"]
        if block["type"] == "quote"
    ]
    assert len(quotes) >= 4
    for quote in quotes:
        name = quote["attribution"].split(",")[0]
        assert "example" in quote["attribution"], quote["attribution"]
        told = [title for title, body in bodies.items() if f"{name} " in body and quote["quote"] in body]
        assert told, f"{name}'s quote is in no story: {quote['quote']}"


def all_demo_text(client):
    pages = Page.objects.live().specific().filter(depth__gt=1)
    return " ".join(soup(client, page).get_text(" ", strip=True) for page in pages)


def test_the_guides_say_nothing_false_about_police_body_cameras(demo, client):
    text = " ".join(all_demo_text(client).split())

    assert "body camera" in text
    assert not re.search(r"must (also )?wear", text, re.IGNORECASE)
    for sentence in re.split(r"(?<=\.) ", text):
        if "body camera" in sentence and "Records" not in sentence:
            assert re.search(r"provides for|not started|section 12", sentence), sentence
