"""The demo's pictures load into the image library once, however often the demo loads, and reach a database
loaded before they existed; an editor's own choice of picture is kept."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from campaigns.models import StoryPage
from guides.models import GuidePage
from mindsite.demo import DEMO_CONTENT_ACTION
from mindsite.demo.pictures import FOLDER
from mindsite.pages.models import HomePage

pytestmark = pytest.mark.django_db

Image = get_image_model()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def pictured_pages():
    return [HomePage.objects.get(), *GuidePage.objects.order_by("path"), *StoryPage.objects.order_by("path")]


def picture_of(page):
    return page.cover_image if isinstance(page, GuidePage) else page.image


def test_loading_twice_adds_each_picture_once(client):
    load()
    first = {page.pk: picture_of(page).pk for page in pictured_pages()}

    assert "nothing changed" in load()

    assert Image.objects.count() == len(list(FOLDER.glob("*.jpg"))) == 8
    assert {page.pk: picture_of(page).pk for page in pictured_pages()} == first
    for image in Image.objects.all():
        assert image.title.startswith("Illustration: ") and image.description  # what it shows, for a reuser
        assert (image.width, image.height) in {(1600, 900), (1600, 1000)}


def test_pages_loaded_before_the_pictures_get_them(client):
    load()
    for page in pictured_pages():
        # As the loader before pictures left each page: one published revision, no picture, no loader's mark.
        setattr(page, "cover_image" if isinstance(page, GuidePage) else "image", None)
        revision = page.save_revision()
        revision.publish()
        page.revisions.exclude(pk=revision.pk).delete()
        PageLogEntry.objects.filter(page=page, action=DEMO_CONTENT_ACTION).delete()
    Image.objects.all().delete()

    output = load()

    assert "picture home-hills.jpg added to the image library" in output
    assert all(picture_of(page) for page in pictured_pages())
    assert Image.objects.count() == 8


def test_an_editors_picture_is_kept(client):
    load()
    home = HomePage.objects.get()
    editor = get_user_model().objects.create_user("editor", password="x")
    own = Image.objects.create(title="Our own", file=Image.objects.first().file, width=10, height=10)
    home.image = own
    home.save_revision(user=editor).publish()

    load()

    assert HomePage.objects.get().image == own
