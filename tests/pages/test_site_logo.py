"""The header's logo: an image editors choose in "Menu and footer", with its text alternative;
without one, the site's name in text. Either way the home link reads "Mind campaigns"."""

from io import BytesIO

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PillowImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Wagtail caches renditions by image id, and a rolled-back test's ids are used again.
    for cache in caches.all():
        cache.clear()
    return settings.MEDIA_ROOT


def home_link(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return html.find("header").find("a", href="/")


def candidates(srcset):
    """{width: url} of a srcset's candidates."""
    return {int(width.removesuffix("w")): url for url, width in (part.split() for part in srcset.split(", "))}


def accessible_name(link):
    """What a screen reader reads for the link: its text, with each image's alt in its place."""
    for img in link.find_all("img"):
        img.replace_with(img.get("alt", ""))
    return " ".join(link.get_text().split())


def set_logo(site, width, height, alt="Mind"):
    site.chrome.logo = wagtail_factories.ImageFactory(title="Mind logo", file__width=width, file__height=height)
    site.chrome.logo_alt = alt
    site.chrome.save()
    return site.chrome.logo


def test_without_a_logo_the_header_names_the_site_in_text(client, site):
    link = home_link(client, site.chapters[0].url)
    assert link.find("img") is None
    assert accessible_name(link) == "Mind campaigns"


def test_the_logo_is_shown_small_and_sharp_with_its_alt_text(client, site, media_root):
    logo = set_logo(site, 600, 240, alt="Mind, the mental health charity")
    for page in (site.home, site.chapters[0], site.stories[0]):
        link = home_link(client, page.url)
        img = link.find("img")
        assert img["alt"] == "Mind, the mental health charity"
        # 600x240 fitted in 160x40 is 100x40, shown 100 CSS pixels wide; a sharp screen (two device
        # pixels to each) takes the version twice that.
        assert (img["width"], img["height"]) == ("100", "40")
        assert img["sizes"] == "100px"
        small = logo.get_rendition("max-160x40|format-jpeg")
        sharp = logo.get_rendition("max-320x80|format-jpeg")
        assert (sharp.width, sharp.height) == (200, 80)
        assert img["src"] == small.url
        assert candidates(img["srcset"]) == {100: small.url, 200: sharp.url}
        assert link.find("source", type="image/webp")["sizes"] == "100px"
        assert accessible_name(link) == "Mind, the mental health charity campaigns"
    for url in (small.url, sharp.url):
        assert (media_root / url.removeprefix("/media/")).is_file(), f"{url} was not made"


def test_a_logo_smaller_than_the_header_is_not_enlarged(client, site):
    set_logo(site, 80, 20)
    img = home_link(client, site.home.url).find("img")
    assert (img["width"], img["height"]) == ("80", "20")
    # No bigger version exists: each offered is the logo's own 80 pixels.
    assert set(candidates(img["srcset"])) == {80}
    assert img["sizes"] == "80px"


def test_a_logo_between_the_two_sizes_offers_its_own_density(client, site):
    set_logo(site, 240, 60)
    img = home_link(client, site.home.url).find("img")
    assert (img["width"], img["height"]) == ("160", "40")
    # Its own 240 pixels serve a sharp screen, one and a half device pixels to each CSS pixel.
    assert set(candidates(img["srcset"])) == {160, 240}
    assert img["sizes"] == "160px"


def test_a_logo_with_its_alt_text_cleared_is_still_named(client, site):
    set_logo(site, 300, 120, alt="  ")
    assert home_link(client, site.home.url).find("img")["alt"] == "Mind"


def test_removing_the_logo_brings_back_the_text(client, site):
    set_logo(site, 300, 120)
    site.chrome.logo = None
    site.chrome.save()
    link = home_link(client, site.home.url)
    assert link.find("img") is None
    assert accessible_name(link) == "Mind campaigns"


def test_the_logo_costs_a_fixed_few_queries(client, site):
    """The image and both its sizes: two queries more than the text, once its renditions exist."""

    def queries(url):
        client.get(url)  # warm per-process caches and make the renditions, as a running server has
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    url = site.chapters[1].url
    without = queries(url)
    set_logo(site, 600, 240)
    assert queries(url) <= without + 2


def test_a_new_file_for_the_logo_reaches_pages_already_stored(client, site, settings):
    """Readers get stored pages; replacing the logo's file (as the admin's image editor does) purges them."""
    settings.PAGE_CACHE_SECONDS = 300
    logo = set_logo(site, 600, 240)
    before = home_link(client, site.chapters[0].url).find("img")["src"]
    assert client.get(site.chapters[0].url)["X-Page-Cache"] == "hit"

    logo.file = wagtail_factories.ImageFactory.build(file__width=400, file__height=200, file__filename="new.png").file
    logo.save()
    logo.renditions.all().delete()

    after = home_link(client, site.chapters[0].url).find("img")
    assert after["src"] != before
    assert (after["width"], after["height"]) == ("80", "40")


def test_a_logo_whose_file_is_gone_leaves_the_text_name_not_an_error(client, site, media_root):
    """A restore without media, say: the header falls back to the site's name in text."""
    logo = set_logo(site, 600, 240)
    logo.file.storage.delete(logo.file.name)
    response = client.get(site.chapters[0].url)
    assert response.status_code == 200
    link = BeautifulSoup(response.content, "html.parser").find("header").find("a", href="/")
    assert link.find("img") is None
    assert accessible_name(link) == "Mind campaigns"


def test_a_new_file_for_the_share_image_reaches_pages_already_stored(client, site, settings):
    """Every page names the default share image in its og:image: replacing its file purges them too."""
    settings.PAGE_CACHE_SECONDS = 300
    image = wagtail_factories.ImageFactory(title="Share", file__width=1200, file__height=630)
    site.chrome.share_image = image
    site.chrome.save()
    url = site.chapters[0].url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    image.file = wagtail_factories.ImageFactory.build(file__width=1300, file__height=700, file__filename="new.png").file
    image.save()

    assert client.get(url)["X-Page-Cache"] != "hit"


def test_a_transparent_logo_stays_transparent_in_every_version(client, site, media_root):
    """A PNG logo with a clear background: the <img> (for browsers without WebP) stays PNG, not a JPEG's
    solid background, and the WebP versions keep the transparency too."""
    drawn = PillowImage.new("RGBA", (600, 240), (0, 0, 0, 0))
    drawn.paste((200, 0, 40, 255), (100, 60, 500, 180))
    buffer = BytesIO()
    drawn.save(buffer, "PNG")
    site.chrome.logo = get_image_model().objects.create(
        title="Mind logo", file=ImageFile(buffer, name="mind-logo.png"), width=600, height=240
    )
    site.chrome.save()
    picture = home_link(client, site.home.url).find("picture")
    img = picture.find("img")
    versions = [img["src"], *(part.split()[0] for part in picture.find("source")["srcset"].split(", "))]
    for url in versions:
        with PillowImage.open(media_root / url.removeprefix("/media/")) as opened:
            assert opened.format in ("PNG", "WEBP"), url
            assert opened.convert("RGBA").getpixel((0, 0))[3] == 0, f"{url} lost its transparency"
    assert img["src"].endswith(".png")
