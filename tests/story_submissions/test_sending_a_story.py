"""A story sent through the form becomes a draft in moderation, with its consents, its sender kept apart,
and its two emails delivered by the mail worker to a real SMTP server on loopback."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Revision, Workflow, WorkflowState

from campaigns.models import StoryPage
from campaigns.story_submissions.models import SentStory, StorySender
from tests.order_helpers import RecordingHandler, free_port, smtp_server, use_smtp
from tests.story_submissions.helpers import FORM_URL, INBOX, THANKS_URL, send_story, story_site

pytestmark = pytest.mark.usefixtures(story_site.__name__)


def test_the_form_is_not_cached_and_works_without_javascript(client):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert "You can stop at any time" in html
    assert 'href="#help-now"' in html
    assert 'href="/privacy-notice/"' in html


def test_a_sent_story_waits_in_moderation_as_a_draft_with_its_sender_apart(client, story_site):
    response = send_story(client)
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    thanks = client.get(THANKS_URL)
    assert "Thank you for your story" in thanks.content.decode()

    sent = SentStory.objects.get()
    page = StoryPage.objects.get(pk=sent.page_id)
    assert not page.live and page.first_published_at is None
    assert page.get_parent().pk == story_site.story_index.pk
    assert page.region == "north-west" and page.place == "Preston"
    assert page.content_note == "This story describes restraint."
    assert "held face down" in str(page.body)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.status == "in_progress"
    assert page.workflow_in_progress

    assert sent.consent_to_publish is True and sent.consent_to_contact is True
    assert sent.naming == "first_name" and sent.role == "family"
    assert sent.provider_named == "Lancashire and South Cumbria NHS Foundation Trust"
    assert sent.outcome == SentStory.Outcome.WAITING
    sender = StorySender.objects.get(story=sent)
    assert (sender.name, sender.email) == ("Ann Example", "ann@example.org")

    revisions = Revision.objects.filter(object_id=str(page.pk))
    assert revisions.exists()
    for revision in revisions:
        content = json.dumps(revision.content)
        assert "Ann" not in content and "ann@example.org" not in content
    for value in page.__dict__.values():
        assert "ann@example.org" not in str(value) and "Ann Example" not in str(value)


def test_the_sender_and_the_inbox_hear_of_it_through_the_mail_worker(client, settings):
    port = free_port()
    use_smtp(settings, port)
    handler = RecordingHandler()
    send_story(client)
    sent = SentStory.objects.get()
    with smtp_server(port, handler):
        call_command("run_mail_worker", "--once")
    assert len(handler.messages) == 2

    [acknowledgement] = handler.to("ann@example.org")
    assert acknowledgement["Subject"] == "We have received your story"
    assert acknowledgement["Reply-To"] == INBOX
    text = acknowledgement.get_body(("plain",)).get_content()
    assert "Dear Ann Example" in text
    assert "Nothing is published until our team has reviewed it" in text
    assert "by my first name" in text
    assert "held face down" not in text

    [note] = handler.to(INBOX)
    note_text = note.get_body(("plain",)).get_content()
    assert "waiting for review" in note_text
    assert f"/admin/pages/{sent.page_id}/edit/" in note_text
    assert f"/admin/sent_stories/inspect/{sent.pk}/" in note_text
    for personal in ("Ann", "ann@example.org", "held face down"):
        assert personal not in note_text
        assert personal not in note.get_body(("html",)).get_content()
    assert note["Reply-To"] is None


def test_with_no_moderation_workflow_it_stays_a_draft_and_the_inbox_is_told(client):
    Workflow.objects.update(active=False)
    assert send_story(client).status_code == 302
    sent = SentStory.objects.get()
    assert not StoryPage.objects.get(pk=sent.page_id).live
    assert not WorkflowState.objects.filter(object_id=str(sent.page_id)).exists()
    call_command("run_mail_worker", "--once")
    [note] = [message for message in mail.outbox if message.to == [INBOX]]
    assert "No moderation workflow applies to it" in note.body


def test_the_story_list_links_to_the_form(client, story_site):
    html = client.get(story_site.story_index.url).content.decode()
    assert f'href="{FORM_URL}"' in html
