"""Content images are <picture>s (Wagtail's {% picture %} tag): a WebP source and a JPEG (or PNG) <img> at
a few widths, `sizes` as the stylesheet lays them out, width and height so nothing moves, lazy below
the fold, and a story's lead image fetched first. Renditions are made once, and a list of stories
costs the same queries whether it shows one picture or ten."""

import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from campaigns.models import CampaignFeaturedStory, StoryPage
from tests.conftest import build_site

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()

# How wide static/css/site.css shows each kind of picture, as each one's `sizes` tells the browser.
CONTENT_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
LEAD_SIZES = "(min-width: 52rem) 800px, calc(100vw - 2rem)"
CARD_SIZES = (
    "(min-width: 70rem) 20.875rem, (min-width: 64.5rem) calc((100vw - 118px) / 3), "
    "(min-width: 48rem) calc((100vw - 92px) / 2), (min-width: 40rem) calc(100vw - 66px), calc(100vw - 34px)"
)
# The story list: one story a row, its picture a third of the card from 40rem.
LIST_SIZES = "(min-width: 70rem) 23.5rem, (min-width: 40rem) calc(33.34vw + 2px), calc(100vw - 34px)"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_image(width=2000, height=1200, file_format="JPEG", title="Ward garden"):
    extension = "png" if file_format == "PNG" else "jpg"
    return wagtail_factories.ImageFactory(
        title=title,
        file__width=width,
        file__height=height,
        file__format=file_format,
        file__filename=f"{title.lower().replace(' ', '-')}.{extension}",
    )


def give_images(stories, **kwargs):
    for n, story in enumerate(stories):
        StoryPage.objects.filter(pk=story.pk).update(
            image=make_image(title=f"Story picture {n}", **kwargs), image_alt_text=f"The garden of group {n}"
        )


def put_image_block(chapter, image, alt_text):
    chapter.body = [{"type": "image", "value": {"image": image.pk, "alt_text": alt_text, "caption": "A caption."}}]
    chapter.save_revision().publish()


def pictures(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main").find_all("picture")


def widths(srcset):
    """The widths a browser may choose among, narrowest first."""
    return sorted(int(candidate.split()[1].removesuffix("w")) for candidate in srcset.split(", "))


def urls(srcset):
    return [candidate.split()[0] for candidate in srcset.split(", ")]


def stored_format(media_root, url):
    with PillowImage.open(media_root / url.removeprefix("/media/")) as opened:
        return opened.format


def test_an_image_block_is_a_webp_and_jpeg_picture_that_loads_as_the_reader_nears_it(client, site, media_root):
    put_image_block(site.chapters[0], make_image(2000, 1200), "A calm room with two chairs")
    [picture] = pictures(client, site.chapters[0].url)

    [source] = picture.find_all("source")
    img = picture.find("img")
    assert source["type"] == "image/webp"
    assert widths(source["srcset"]) == [400, 800, 1200]
    assert widths(img["srcset"]) == [400, 800, 1200]
    assert source["sizes"] == img["sizes"] == CONTENT_SIZES
    # The <img> is the 800 pixel JPEG, sized so its space is kept before it arrives.
    assert (img["width"], img["height"]) == ("800", "480")
    assert img["src"] in urls(img["srcset"])
    assert img["alt"] == "A calm room with two chairs"
    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"
    assert not img.has_attr("fetchpriority")
    # Each file is what its type says.
    assert {stored_format(media_root, url) for url in urls(source["srcset"])} == {"WEBP"}
    assert {stored_format(media_root, url) for url in urls(img["srcset"])} == {"JPEG"}
    for url in urls(source["srcset"]):
        with PillowImage.open(media_root / url.removeprefix("/media/")) as opened:
            assert opened.size[0] in (400, 800, 1200)


def test_a_decorative_image_has_an_empty_alt(client, site):
    put_image_block(site.chapters[0], make_image(), "decorative")
    [picture] = pictures(client, site.chapters[0].url)
    assert picture.find("img")["alt"] == ""


def test_a_png_keeps_png_for_browsers_without_webp(client, site, media_root):
    put_image_block(site.chapters[0], make_image(1000, 500, file_format="PNG", title="Diagram"), "How a review works")
    img = pictures(client, site.chapters[0].url)[0].find("img")
    assert {stored_format(media_root, url) for url in urls(img["srcset"])} == {"PNG"}
    assert img["src"].endswith(".png")


def test_a_small_image_is_never_enlarged(client, site, media_root):
    put_image_block(site.chapters[0], make_image(600, 300), "A leaflet")
    picture = pictures(client, site.chapters[0].url)[0]
    img = picture.find("img")
    # 800 and 1200 are both the original's 600 (Wagtail offers each; a browser takes the first of equals).
    assert set(widths(img["srcset"])) == set(widths(picture.find("source")["srcset"])) == {400, 600}
    assert (img["width"], img["height"]) == ("600", "300")
    for url in urls(img["srcset"]):
        with PillowImage.open(media_root / url.removeprefix("/media/")) as opened:
            assert opened.size[0] <= 600


def test_a_storys_lead_image_is_fetched_first(client, site):
    give_images(site.stories[:1])
    [picture] = pictures(client, site.stories[0].url)
    img = picture.find("img")
    assert widths(img["srcset"]) == [400, 800, 1200, 1600]
    assert img["sizes"] == picture.find("source")["sizes"] == LEAD_SIZES
    assert (img["width"], img["height"]) == ("800", "480")
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading")
    assert img["alt"] == "The garden of group 0"


def test_story_cards_are_16_by_9_at_the_cards_width_and_lazy(client, site):
    give_images(site.stories)
    for url, sizes in ((site.story_index.url, LIST_SIZES), (site.campaign.url, CARD_SIZES)):
        found = pictures(client, url)
        assert len(found) == 3, url
        for picture in found:
            img = picture.find("img")
            assert widths(img["srcset"]) == [320, 480, 640, 960]
            assert widths(picture.find("source")["srcset"]) == [320, 480, 640, 960]
            assert img["sizes"] == sizes
            assert (img["width"], img["height"]) == ("480", "270")
            assert img["class"] == ["card__image"]
            assert img["loading"] == "lazy"
            assert img["alt"].startswith("The garden of group ")


def test_a_guides_cover_is_a_picture_too(client, site):
    site.guide.cover_image = make_image(800, 1100, title="Cover")
    site.guide.save_revision().publish()
    [picture] = pictures(client, site.guide.url)
    img = picture.find("img")
    assert img["alt"] == ""
    assert img["class"] == ["guide-cover"]
    assert widths(img["srcset"]) == [200, 400]
    assert img["sizes"] == "12rem"


def test_an_image_whose_file_is_gone_takes_no_space_and_breaks_nothing(client, site, media_root):
    """A restore without media, say: Wagtail's tag draws an empty image, 0 by 0, keeping its text alternative."""
    image = make_image()
    put_image_block(site.chapters[0], image, "A calm room")
    image.file.delete(save=False)
    Rendition.objects.all().delete()
    caches["renditions"].clear()
    [picture] = pictures(client, site.chapters[0].url)
    img = picture.find("img")
    assert (img["width"], img["height"]) == ("0", "0")
    assert img["alt"] == "A calm room"


def test_renditions_are_made_once(client, site, media_root):
    give_images(site.stories)
    put_image_block(site.chapters[0], make_image(title="Block picture"), "A calm room")
    pages = [site.story_index.url, site.campaign.url, site.stories[0].url, site.chapters[0].url]
    for url in pages:
        client.get(url)
    made = Rendition.objects.count()
    files = sorted((media_root / "images").iterdir())
    # Three stories' cards (4 widths, 2 formats), one lead image (4 widths, 2 formats), one block
    # (3 widths, 2 formats), and the story's share image (mindsite/pages/seo.py).
    assert made == 3 * 8 + 8 + 6 + 1
    for cold_cache in (False, True):
        if cold_cache:
            caches["renditions"].clear()
        with CaptureQueriesContext(connection) as queries:
            for url in pages:
                client.get(url)
        assert not [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]
        assert Rendition.objects.count() == made
        assert sorted((media_root / "images").iterdir()) == files


def count_queries(client, url, pictures):
    client.get(url)  # makes the renditions, and warms per-process caches as a running server has
    caches["renditions"].clear()  # a restarted server, or one whose cache has lost them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.count(b"<picture>") == pictures
    return len(queries)


# Pinned: the page's queries with no pictures, and one more for all its pictures' renditions.
STORY_LIST_QUERIES = 9
CAMPAIGN_PAGE_QUERIES = 10


@pytest.mark.parametrize(
    "name, url, pinned",
    [
        ("story list", lambda s: s.story_index.url, STORY_LIST_QUERIES),
        ("campaign", lambda s: s.campaign.url, CAMPAIGN_PAGE_QUERIES),
    ],
)
def test_listing_ten_pictures_costs_one_query_more_than_none(client, name, url, pinned):
    counts = {}
    for stories in (1, 10):
        built = build_site(stories=stories)
        for story in built.stories[3:]:  # every story featured, though editors may feature three
            built.campaign.featured_stories.add(CampaignFeaturedStory(story=story))
        built.campaign.save_revision().publish()
        without = count_queries(client, url(built), pictures=0)
        give_images(built.stories)
        counts[stories] = (without, count_queries(client, url(built), pictures=stories))
    assert counts == {1: (pinned, pinned + 1), 10: (pinned, pinned + 1)}, name


def test_the_logo_offers_webp_at_both_densities(client, site, media_root):
    site.chrome.logo = make_image(600, 240, file_format="PNG", title="Mind logo")
    site.chrome.save()
    picture = BeautifulSoup(client.get(site.home.url).content, "html.parser").find("header").find("picture")
    [source] = picture.find_all("source")
    assert source["type"] == "image/webp"
    # Shown 100 pixels wide: a screen with two device pixels to each CSS pixel takes the 200 pixel one.
    assert source["sizes"] == "100px"
    assert widths(source["srcset"]) == [100, 200]
    assert {stored_format(media_root, url) for url in urls(source["srcset"])} == {"WEBP"}
    img = picture.find("img")
    assert {stored_format(media_root, url) for url in urls(img["srcset"])} == {"PNG"}
    assert stored_format(media_root, img["src"]) == "PNG"
    assert (img["width"], img["height"]) == ("100", "40")
    assert not img.has_attr("loading")  # at the top of every page


def test_the_guide_pdf_still_shows_an_image_block(site):
    """WeasyPrint ignores <source> and srcset: it draws the <img>, the JPEG."""
    from pypdf import PdfReader

    from guides.pdf.rendering import render_guide_pdf

    put_image_block(site.chapters[0], make_image(1600, 1000), "A calm room")
    reader = PdfReader(BytesIO(render_guide_pdf(site.guide).data))
    drawn = {image.name: image.image.size for page in reader.pages for image in page.images}
    assert list(drawn.values()) == [(800, 500)]


def test_with_redis_the_renditions_cache_is_the_shared_one_under_its_own_prefix():
    """Every web process then finds a rendition another made, without asking the database."""
    code = (
        "import json; from django.conf import settings;"
        "print(json.dumps({alias: [c['BACKEND'], c['LOCATION'], c.get('KEY_PREFIX', '')]"
        " for alias, c in settings.CACHES.items()}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mindsite.settings.dev", "CACHE_URL": "redis://127.0.0.1:6379/3"}
    found = json.loads(
        subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        ).stdout
    )
    redis = "mindsite.caching.redis_cache.RedisCache"  # Django's, one Redis client per process
    assert found == {
        "default": [redis, "redis://127.0.0.1:6379/3", ""],
        "renditions": [redis, "redis://127.0.0.1:6379/3", "renditions"],
    }
