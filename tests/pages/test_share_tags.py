"""Every page tells search engines and social media what it is: canonical, description, share card, Article data."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from campaigns.models.pages import STORIES_PER_PAGE
from mindsite.pages import seo
from tests.conftest import build_site
from tests.factories import StandardPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = 'Restraint </script><script>alert("x")</script> & <b>you</b>'


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def make_image(title="Campaigners at a meeting", description=""):
    return Image.objects.create(title=title, description=description, file=get_test_image_file())


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head, response.content.decode()


def meta(soup, name):
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def canonical(soup):
    links = soup.find_all("link", rel="canonical")
    assert len(links) <= 1
    return links[0]["href"] if links else None


def article(soup):
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) <= 1
    return json.loads(scripts[0].string) if scripts else None


def every_page(site):
    return [site.home, site.index, site.campaign, site.guide, *site.chapters, site.story_index, *site.stories]


def test_every_page_has_a_canonical_link_a_description_and_a_share_card(client, site):
    for page in every_page(site):
        soup, _ = head(client, page.url)
        assert canonical(soup) == page.full_url
        assert meta(soup, "og:url") == page.full_url
        assert meta(soup, "description"), f"{page.url} has no description"
        assert meta(soup, "og:description") == meta(soup, "description")
        assert meta(soup, "og:title") == page.title
        assert meta(soup, "og:site_name") == "Mind campaigns"
        assert meta(soup, "og:locale") == "en_GB"
        # No image anywhere in this site: the site's own default picture, never none.
        assert meta(soup, "twitter:card") == "summary_large_image"
        assert meta(soup, "og:image") == "http://localhost/static/images/share-default.png"
        assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
        assert meta(soup, "og:image:alt") == seo.DEFAULT_SHARE_IMAGE_ALT


def test_parts_and_stories_are_articles_and_other_pages_websites(client, site):
    for page in [site.chapters[0], site.stories[0]]:
        soup, _ = head(client, page.url)
        assert meta(soup, "og:type") == "article"
        assert article(soup)["@type"] == "Article"
    for page in [site.home, site.campaign, site.guide, site.story_index]:
        soup, _ = head(client, page.url)
        assert meta(soup, "og:type") == "website"
        assert article(soup) is None


def test_the_description_is_the_search_description_else_the_summary_else_the_introduction_else_the_sites(client, site):
    part = site.chapters[0]
    part.search_description = "What NICE says about prone restraint."
    part.save_revision().publish()
    assert meta(head(client, part.url)[0], "description") == "What NICE says about prone restraint."
    assert meta(head(client, site.chapters[1].url)[0], "description") == site.chapters[1].summary
    assert meta(head(client, site.home.url)[0], "description") == "Campaigning for better mental health services."
    plain = StandardPageFactory(parent=site.home, title="About us")
    assert meta(head(client, plain.url)[0], "description") == seo.DEFAULT_DESCRIPTION


def test_the_site_s_own_views_have_a_description_too(client, site):
    soup, _ = head(client, "/order-printed-guides/")
    assert meta(soup, "description") == seo.DEFAULT_DESCRIPTION
    assert meta(soup, "og:title") == "Order printed guides"


def test_each_page_of_the_story_list_is_its_own_and_a_region_s_list_points_to_the_whole(client):
    site = build_site(stories=STORIES_PER_PAGE + 2)
    url = site.story_index.full_url
    assert canonical(head(client, site.story_index.url)[0]) == url
    assert canonical(head(client, site.story_index.url + "?page=2")[0]) == url + "?page=2"
    # Beyond the last page the list shows the last page: that is its address.
    assert canonical(head(client, site.story_index.url + "?page=99")[0]) == url + "?page=2"
    assert canonical(head(client, site.story_index.url + "?page=1&utm_source=x")[0]) == url
    assert canonical(head(client, site.story_index.url + "?region=london&page=2")[0]) == url


def test_the_whole_guide_view_stays_noindex_with_its_own_canonical(client, site):
    soup, _ = head(client, site.guide.url + "print/")
    assert meta(soup, "robots") == "noindex"
    assert canonical(soup) == site.guide.full_url + "print/"


def test_a_shared_page_without_its_own_image_shows_the_site_s_share_image(client, site, media_root):
    site.chrome.share_image = make_image(description="Mind campaigners holding a banner")
    site.chrome.save()
    soup, _ = head(client, site.chapters[0].url)
    image_url = meta(soup, "og:image")
    assert image_url.startswith("http://localhost/media/images/")
    assert ".fill-1200x630" in image_url
    # The 640x480 test picture, cut to the share card's shape without being stretched.
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("640", "336")
    assert meta(soup, "og:image:alt") == "Mind campaigners holding a banner"
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image:alt") == "Mind campaigners holding a banner"
    assert article(soup)["image"] == image_url
    assert (media_root / image_url.removeprefix("http://localhost/media/")).is_file()


def test_a_page_with_its_own_image_shares_that_one(client, site, media_root):
    site.chrome.share_image = make_image(title="Default")
    site.chrome.save()
    story = site.stories[0]
    story.image = make_image(title="Group")
    story.image_alt_text = "Five people around a table with leaflets"
    story.save_revision().publish()
    soup, _ = head(client, story.url)
    assert f"/images/{story.image.file.name.split('/')[-1].rsplit('.', 1)[0]}" in meta(soup, "og:image")
    assert meta(soup, "og:image:alt") == "Five people around a table with leaflets"


def test_an_image_whose_file_is_missing_gives_way_to_the_default_not_an_error(client, site, media_root):
    image = make_image()
    image.file.storage.delete(image.file.name)
    site.chrome.share_image = image
    site.chrome.save()
    soup, _ = head(client, site.chapters[0].url)
    assert meta(soup, "og:image").endswith("/static/images/share-default.png")


def test_article_data_has_the_dates_the_publisher_and_the_guide(client, site, media_root):
    site.chrome.logo = make_image(title="Mind")
    site.chrome.save()
    part = site.chapters[1]
    part.save_revision().publish()
    part.refresh_from_db()
    data = article(head(client, part.url)[0])
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == part.title
    assert data["url"] == data["mainEntityOfPage"] == part.full_url
    assert datetime.datetime.fromisoformat(data["datePublished"]) == part.first_published_at
    # No publish marked as a real change: modified when readers are told it was, its first publish.
    assert datetime.datetime.fromisoformat(data["dateModified"]) == part.first_published_at
    assert data["inLanguage"] == "en-GB"
    assert data["author"] == {"@type": "Organization", "name": "Mind", "url": "https://www.mind.org.uk/"}
    assert data["publisher"]["name"] == "Mind"
    assert data["publisher"]["logo"]["url"].startswith("http://localhost/media/images/")
    assert data["isPartOf"] == {"@type": "CreativeWork", "name": site.guide.title, "url": site.guide.full_url}

    story = article(head(client, site.stories[0].url)[0])
    assert "isPartOf" not in story
    assert story["headline"] == site.stories[0].title


def test_the_default_share_image_is_a_1200_by_630_png_in_the_repository():
    from pathlib import Path

    from django.conf import settings
    from PIL import Image as PILImage

    from campaigns.figures.share_images import DEFAULT_LINES

    with PILImage.open(Path(settings.BASE_DIR) / "static" / seo.DEFAULT_SHARE_IMAGE) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    # Its alt text says what it shows.
    assert seo.DEFAULT_SHARE_IMAGE_ALT == f"{DEFAULT_LINES[0]}: {DEFAULT_LINES[1][:1].lower()}{DEFAULT_LINES[1][1:]}"


def test_article_data_without_a_logo_names_the_publisher_only(client, site):
    data = article(head(client, site.chapters[0].url)[0])
    assert data["publisher"] == {"@type": "Organization", "name": "Mind", "url": "https://www.mind.org.uk/"}


def test_a_title_that_closes_the_script_cannot_break_out_of_the_article_data(client, site):
    story = StoryPageFactory(parent=site.story_index, title=HOSTILE_TITLE, summary="Summary </script> & more")
    soup, content = head(client, story.url)
    script = content[content.index('<script type="application/ld+json">') :]
    script = script[: script.index("</script>") + len("</script>")]
    assert "<b>" not in script and "&" not in script.replace("&quot;", "")
    data = article(soup)
    assert data["headline"] == HOSTILE_TITLE
    assert data["description"] == "Summary </script> & more"
    # Nothing the title carried became an element of the page: every script is a file or the Article data.
    scripts = BeautifulSoup(content, "html.parser").find_all("script")
    assert all(tag.get("src") or tag.get("type") == "application/ld+json" for tag in scripts)
    assert not BeautifulSoup(content, "html.parser").find_all("b")
    assert meta(soup, "og:title") == HOSTILE_TITLE


def test_the_share_image_and_logo_cost_at_most_one_more_query(client, site, media_root, django_assert_max_num_queries):
    story = site.stories[0]
    story.image = make_image(title="Group")
    story.image_alt_text = "A group"
    story.save_revision().publish()
    client.get(story.url)  # renditions made and per-process caches warmed, as on a running server
    with CaptureQueriesContext(connection) as captured:
        client.get(story.url)
    without_site_images = len(captured)  # counted now: the next request clears the log

    site.chrome.share_image = make_image(title="Default")
    site.chrome.logo = make_image(title="Mind")
    site.chrome.save()
    client.get(story.url)
    with django_assert_max_num_queries(without_site_images + 1):
        soup, _ = head(client, story.url)
    assert article(soup)["publisher"]["logo"]
