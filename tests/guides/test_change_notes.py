"""An editor marks a publish as a real change, with a note; readers see "Last updated" and what changed."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.signals import page_published
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from guides.models import GuideChange, GuideChapterPage
from tests.factories import body

pytestmark = pytest.mark.django_db

NOTE = "Corrected what the guide says about police body cameras."


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def part_form(part, text, action, change_is_real=False, change_note=""):
    data = nested_form_data(
        {
            "title": part.title,
            "slug": part.slug,
            "summary": part.summary,
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "change_note": change_note,
        }
    )
    if change_is_real:
        data["change_is_real"] = "on"
    data[action] = "1"
    return data


def checkbox(html):
    return re.search(r'<input[^>]*name="change_is_real"[^>]*>', html).group(0)


def publish_marked(editor_client, part, text="Changed words.", note=NOTE):
    response = editor_client.post(
        f"/admin/pages/{part.pk}/edit/", part_form(part, text, "action-publish", change_is_real=True, change_note=note)
    )
    assert response.status_code == 302


def test_a_marked_publish_is_recorded_and_readers_see_its_date_and_note(client, editor_client, site):
    part = site.chapters[1]
    publish_marked(editor_client, part)

    change = GuideChange.objects.get()
    part.refresh_from_db()
    assert change.page_id == part.pk
    assert change.revision_id == part.live_revision_id
    assert change.note == NOTE
    today = timezone.localdate(change.published_at)
    shown = f"{today.day} {today:%B %Y}"

    part_html = client.get(part.url).content.decode()
    assert f'Last updated <time datetime="{today:%Y-%m-%d}">{shown}</time>' in part_html
    assert "<summary>What changed</summary>" in part_html and NOTE in part_html

    guide_html = client.get(site.guide.url).content.decode()
    assert f'Last updated <time datetime="{today:%Y-%m-%d}">{shown}</time>' in guide_html
    assert f"{part.title}: {NOTE}" in guide_html  # the guide says which part changed

    print_html = client.get(site.guide.url + "print/").content.decode()
    assert '<h2 class="page-dates__heading">What changed</h2>' in print_html
    assert f"{part.title}: {NOTE}" in print_html


def test_a_publish_not_marked_records_nothing_and_the_date_is_the_first_publish(client, editor_client, site):
    part = site.chapters[0]
    part.first_published_at = timezone.make_aware(datetime.datetime(2025, 3, 3, 10, 0))
    part.save(update_fields=["first_published_at"])
    response = editor_client.post(f"/admin/pages/{part.pk}/edit/", part_form(part, "A typo fixed.", "action-publish"))
    assert response.status_code == 302
    assert not GuideChange.objects.exists()
    html = client.get(part.url).content.decode()
    assert 'Last updated <time datetime="2025-03-03">3 March 2025</time>' in html
    assert "What changed" not in html


def test_a_change_without_a_note_moves_the_date_but_lists_nothing(client, editor_client, site):
    part = site.chapters[0]
    publish_marked(editor_client, part, note="")
    assert GuideChange.objects.get().note == ""
    assert "What changed" not in client.get(part.url).content.decode()


def test_the_guide_shows_its_newest_change_and_its_next_review(client, site):
    guide = site.guide
    guide.next_review_due = datetime.date(2027, 6, 1)
    guide.save_revision().publish()
    old = timezone.make_aware(datetime.datetime(2020, 1, 2, 12, 0))
    new = timezone.make_aware(datetime.datetime(2031, 4, 5, 12, 0))  # later than any first publish in the test
    GuideChange.objects.create(page=site.chapters[0], published_at=old, note="An old note.")
    GuideChange.objects.create(page=site.chapters[2], published_at=new, note="A new note.")
    html = client.get(guide.url).content.decode()
    assert 'Last updated <time datetime="2031-04-05">5 April 2031</time>' in html
    assert 'Next review due <time datetime="2027-06-01">1 June 2027</time>' in html
    assert html.index("A new note.") < html.index("An old note.")  # newest first
    assert 'Next review due <time datetime="2027-06-01">' in client.get(guide.url + "print/").content.decode()


def test_a_private_or_unpublished_parts_notes_are_not_shown_on_the_guide(client, site):
    hidden = site.chapters[2]
    GuideChange.objects.create(page=hidden, published_at=timezone.now(), note="A note about a withdrawn part.")
    hidden.unpublish()
    assert "A note about a withdrawn part." not in client.get(site.guide.url).content.decode()


def test_the_edit_form_starts_unticked_and_empty_after_a_marked_publish(editor_client, site):
    part = site.chapters[0]
    publish_marked(editor_client, part)
    html = editor_client.get(f"/admin/pages/{part.pk}/edit/").content.decode()
    assert "About this change" in html
    assert "checked" not in checkbox(html)
    assert NOTE not in html

    # Publishing again without ticking records nothing more: the flag was not carried over.
    response = editor_client.post(f"/admin/pages/{part.pk}/edit/", part_form(part, "Again.", "action-publish"))
    assert response.status_code == 302
    assert GuideChange.objects.count() == 1


def test_a_draft_keeps_its_own_mark_until_it_is_published(editor_client, site):
    part = site.chapters[0]
    response = editor_client.post(
        f"/admin/pages/{part.pk}/edit/",
        part_form(part, "Draft words.", "action-save", change_is_real=True, change_note=NOTE),
    )
    assert response.status_code == 302
    html = editor_client.get(f"/admin/pages/{part.pk}/edit/").content.decode()
    assert "checked" in checkbox(html)
    assert NOTE in html
    assert not GuideChange.objects.exists()


def test_a_scheduled_publish_records_its_change_once(client, site):
    part = site.chapters[0]
    part.save_revision().publish()  # live, as the admin leaves it
    part.change_is_real = True
    part.change_note = NOTE
    part.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = part.save_revision()
    revision.publish()  # scheduled: the live version stays until then
    assert not GuideChange.objects.exists()

    # The hour passes.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    call_command("publish_scheduled")
    change = GuideChange.objects.get()
    assert change.revision == revision and change.note == NOTE
    assert NOTE in client.get(part.url).content.decode()


def test_the_same_revision_published_twice_is_one_change(site):
    part = site.chapters[0]
    part.change_is_real = True
    revision = part.save_revision()
    revision.publish()
    page_published.send(sender=type(part), instance=part, revision=revision)
    assert GuideChange.objects.count() == 1
    part.refresh_from_db()
    # Spent: a new revision saved from the live page is not a second change.
    part.save_revision().publish()
    assert GuideChange.objects.count() == 1


def test_a_cached_guide_shows_a_parts_new_note_at_once(client, editor_client, site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get(site.guide.url)
    client.get(site.guide.url + "print/")
    publish_marked(editor_client, site.chapters[1])
    assert NOTE in client.get(site.guide.url).content.decode()
    assert NOTE in client.get(site.guide.url + "print/").content.decode()


def test_a_part_taken_offline_after_a_marked_publish_opens_unticked(editor_client, site):
    part = site.chapters[0]
    publish_marked(editor_client, part)
    part.refresh_from_db()
    part.unpublish()
    html = editor_client.get(f"/admin/pages/{part.pk}/edit/").content.decode()
    assert "checked" not in checkbox(html)
    assert NOTE not in html


def test_a_new_part_scheduled_for_later_is_not_a_change_until_it_goes_live(site):
    part = GuideChapterPage(title="A new part", slug="a-new-part", body=body("Section"), live=False)
    site.guide.add_child(instance=part)
    part.change_is_real = True
    part.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    part.save_revision().publish()  # Wagtail announces this as a publish, though the part is not live
    assert not GuideChange.objects.exists()
