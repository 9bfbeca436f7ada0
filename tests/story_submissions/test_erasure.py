"""Nothing of a sender outlives its time: tested with a moved clock (mindsite/privacy/erasure.py's daily job)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from mailer.models import MessageLog
from wagtail.models import Page, Revision, WorkflowState

from campaigns.models import StoryPage
from campaigns.story_submissions.models import SentStory, StorySender
from mindsite.privacy.erasure import erase_old_personal_data
from tests.story_submissions.helpers import make_user, send_story, story_site

pytestmark = pytest.mark.usefixtures(story_site.__name__)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def sent(client):
    send_story(client)
    call_command("run_mail_worker", "--once")
    story = SentStory.objects.get()
    assert MessageLog.objects.filter(message_id__startswith=f"<story-{story.pk}-").count() == 2
    return story


def erase_at(moment):
    return dict(erase_old_personal_data(moment))["Story senders"]


def sender_kept(sent):
    return StorySender.objects.filter(story=sent).exists()


def test_a_published_story_s_sender_goes_story_sender_days_after_publishing(sent, settings, django_user_model):
    page = StoryPage.objects.get(pk=sent.page_id)
    page.body = [{"type": "paragraph", "value": "<p>The team's edit, with nobody named.</p>"}]
    page.summary = "A family made sure families are told."
    page.save_revision()
    moderator = make_user(django_user_model, "mo", "Moderators")
    WorkflowState.objects.get(object_id=str(page.pk)).current_task_state.approve(user=moderator)
    sent.refresh_from_db()
    assert sent.outcome == SentStory.Outcome.PUBLISHED
    published = sent.decided_at
    erase_at(published + settings.STORY_SENDER_DAYS * DAY - DAY)
    assert sender_kept(sent)
    said = erase_at(published + settings.STORY_SENDER_DAYS * DAY + DAY)
    assert "erased the sender of 1 story" in said
    assert not sender_kept(sent)
    sent.refresh_from_db()
    assert sent.sender_erased_at is not None
    assert sent.consent_to_publish and sent.naming == "first_name"
    assert not MessageLog.objects.filter(message_id__startswith=f"<story-{sent.pk}-").exists()
    # The story they agreed to publish stays published, as the team edited it; what was sent in goes.
    page = StoryPage.objects.get(pk=sent.page_id)
    assert page.live and "The team's edit" in str(page.body)
    revisions = Revision.objects.filter(object_id=str(page.pk), base_content_type=page.get_base_content_type())
    assert revisions.count() == 1
    assert "held face down" not in str(list(revisions.values_list("content", flat=True)))


def test_a_declined_story_s_sender_and_draft_go_story_sender_days_after_it_was_declined(
    sent, settings, django_user_model
):
    moderator = make_user(django_user_model, "mo", "Moderators")
    state = WorkflowState.objects.get(object_id=str(sent.page_id))
    state.current_task_state.reject(user=moderator)
    sent.refresh_from_db()
    assert sent.outcome == SentStory.Outcome.DECLINED
    declined = sent.decided_at
    erase_at(declined + settings.STORY_SENDER_DAYS * DAY - DAY)
    assert sender_kept(sent) and Page.objects.filter(pk=sent.page_id).exists()
    said = erase_at(declined + settings.STORY_SENDER_DAYS * DAY + DAY)
    assert "deleted 1 draft story(ies) never published" in said
    assert not sender_kept(sent)
    assert not Page.objects.filter(pk=sent.page_id).exists()
    assert not Revision.objects.filter(object_id=str(sent.page_id), base_content_type__model="page").exists()
    assert "held face down" not in str(list(Revision.objects.values_list("content", flat=True)))
    sent.refresh_from_db()
    assert sent.page_id is None and sent.outcome == SentStory.Outcome.DECLINED


def test_a_draft_deleted_by_an_editor_takes_its_text_at_once_and_its_sender_on_time(sent, settings):
    Page.objects.get(pk=sent.page_id).delete()
    assert "held face down" not in str(list(Revision.objects.values_list("content", flat=True)))
    sent.refresh_from_db()
    assert sent.outcome == SentStory.Outcome.DECLINED and sent.page_id is None
    erase_at(sent.decided_at + settings.STORY_SENDER_DAYS * DAY - DAY)
    assert sender_kept(sent)
    erase_at(sent.decided_at + settings.STORY_SENDER_DAYS * DAY + DAY)
    assert not sender_kept(sent)


def test_a_story_nobody_decides_keeps_its_sender_and_draft_until_the_upper_bound(sent, settings):
    settings.STORY_SENDER_DAYS = 30
    settings.STORY_SENDER_UNDECIDED_DAYS = 200
    erase_at(sent.sent_at + 199 * DAY)
    assert sender_kept(sent)
    assert Page.objects.filter(pk=sent.page_id, live=False).exists()
    erase_at(sent.sent_at + 201 * DAY)
    assert not sender_kept(sent)
    # What they wrote does not wait for ever either: the draft and its revisions go with the sender.
    assert not Page.objects.filter(pk=sent.page_id).exists()
    assert not Revision.objects.filter(object_id=str(sent.page_id)).exists()
    sent.refresh_from_db()
    assert sent.outcome == SentStory.Outcome.DECLINED


def test_the_daily_job_runs_the_story_eraser(sent, settings):
    SentStory.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - 1000 * DAY)
    call_command("erase_old_personal_data")
    assert not sender_kept(sent)
