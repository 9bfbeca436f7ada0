"""Corrected demo text reaches a database loaded before, but never overwrites an editor's work."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import PageLogEntry

from campaigns.models import StoryPage
from guides.models import GuideChapterPage
from mindsite.demo import DEMO_CONTENT_ACTION

pytestmark = pytest.mark.django_db

OLD_TEXT = "<p>If police officers are called to help, they must wear a body camera.</p>"


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def as_the_old_loader_left_it(page, **fields):
    """One published revision with no user and no mark: what the loader before this one made."""
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    page.revisions.exclude(pk=revision.pk).delete()
    PageLogEntry.objects.filter(page=page, action=DEMO_CONTENT_ACTION).delete()
    page.refresh_from_db()


@pytest.fixture
def old_demo():
    load()
    part = GuideChapterPage.objects.get(slug="what-the-law-says")
    as_the_old_loader_left_it(part, body=[{"type": "paragraph", "value": OLD_TEXT}])
    story = StoryPage.objects.get(slug="a-calmer-ward")
    as_the_old_loader_left_it(story, slug="a-calmer-ward-plymouth", place="Plymouth")
    return part, story


def test_a_page_as_the_old_loader_left_it_gets_the_corrected_text(old_demo):
    part, story = old_demo
    stories = StoryPage.objects.count()

    output = load()

    assert "2 pages brought up to date" in output
    part.refresh_from_db()
    assert "must wear" not in str(part.body.raw_data)
    assert "body camera" in str(part.body.raw_data)
    story.refresh_from_db()
    assert (story.slug, story.place) == ("a-calmer-ward", "A coastal city")
    assert story.url_path.endswith("/a-calmer-ward/")
    assert StoryPage.objects.count() == stories
    assert story.live_revision_id == story.latest_revision_id


def test_once_up_to_date_a_further_run_changes_nothing(old_demo):
    load()
    revisions = {page.pk: page.latest_revision_id for page in StoryPage.objects.all()}

    assert "nothing changed" in load()
    assert {page.pk: page.latest_revision_id for page in StoryPage.objects.all()} == revisions


def test_an_editors_change_is_never_overwritten(old_demo):
    part, story = old_demo
    editor = get_user_model().objects.create_superuser(username="editor", password="a long pass phrase 2026")
    story.place = "A market town"
    story.save_revision(user=editor).publish(user=editor)
    part.body = [{"type": "paragraph", "value": "<p>An editor's own words.</p>"}]
    part.save_revision().publish()  # a second revision: someone has worked on it since the loader

    output = load()

    assert "brought up to date" not in output
    story.refresh_from_db()
    part.refresh_from_db()
    assert (story.slug, story.place) == ("a-calmer-ward-plymouth", "A market town")
    assert "An editor's own words." in str(part.body.raw_data)


def test_a_page_with_unpublished_changes_is_left_alone(old_demo):
    part, _ = old_demo
    part.body = [{"type": "paragraph", "value": "<p>A draft.</p>"}]
    part.save_revision()

    load()

    part.refresh_from_db()
    assert "must wear" in str(part.body.raw_data)
