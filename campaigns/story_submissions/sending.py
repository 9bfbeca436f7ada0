"""A story sent through the form: its draft StoryPage in moderation, its record, its sender, its two emails.

All in one transaction, or none of it, with the daily cap per email address counted in it. The
draft is never published here: it is saved as a revision and submitted to the moderation workflow
that applies to it (Wagtail's default, "Moderators approval", unless an administrator set another
on the story list). The sender's name
and email address go into StorySender only, never into the page or its revisions.
"""

import logging
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator

from campaigns.models import StoryIndexPage, StoryPage
from campaigns.models.pages import REGIONS
from campaigns.story_submissions import spam
from campaigns.story_submissions.emails import send_story_emails
from campaigns.story_submissions.models import SentStory, StorySender
from mindsite.spam import rules as site_spam

logger = logging.getLogger(__name__)

SUMMARY_WORDS = 40


def story_list():
    """Where a sent story's draft goes: the first published story list on the site, or None."""
    return StoryIndexPage.objects.live().order_by("path").first()


def _paragraphs(text):
    """Plain text as rich text paragraphs, escaped: what was typed is shown, never run."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(block).replace(chr(10), '<br/>')}</p>" for block in blocks if block)


def draft_body(what_happened, what_changed):
    body = [{"type": "paragraph", "value": _paragraphs(what_happened)}]
    if what_changed.strip():
        body += [
            {"type": "heading", "value": {"text": "What changed", "anchor": ""}},
            {"type": "paragraph", "value": _paragraphs(what_changed)},
        ]
    return body


def draft_title(region):
    return f"Story sent in from {dict(REGIONS)[region]}, {timezone.localdate():%-d %B %Y}"


class OverDailyCap(Exception):
    """The story was not saved: its email address already sent the day's stories."""


def send_story(details, parent, site=None, *, daily_cap=None):
    """Save the story sent in as a draft in moderation, with its record and sender, and queue its emails.

    Returns the SentStory. With a daily_cap, raises OverDailyCap, saving nothing, if the sender's
    email address already sent that many stories in the last 24 hours: counted in the same
    transaction as the save, one sender's address at a time, so stories sent at once cannot all
    find room under the cap."""
    region_name = dict(REGIONS)[details["region"]]
    title = draft_title(details["region"])
    with transaction.atomic():
        if daily_cap is not None:
            site_spam.one_at_a_time_per_address(("story-email", details["email"]))
            if spam.stories_from_address_in_last_day(details["email"]) >= daily_cap:
                raise OverDailyCap
        page = StoryPage(
            title=title,
            slug=f"sent-in-{secrets.token_hex(4)}",
            live=False,
            region=details["region"],
            place=details["place"] or region_name,
            story_date=timezone.localdate(),
            summary=Truncator(" ".join(details["what_happened"].split())).words(SUMMARY_WORDS)[:400],
            content_note=details["content_note"],
            body=draft_body(details["what_happened"], details["what_changed"]),
        )
        parent.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        story = SentStory.objects.create(
            page=page,
            title=title,
            role=details["role"],
            region=details["region"],
            provider_named=details["provider"],
            naming=details["naming"],
            consent_to_publish=details["consent_to_publish"],
            consent_to_contact=details["consent_to_contact"],
        )
        StorySender.objects.create(story=story, name=details["name"], email=details["email"])
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user=None)
        else:
            logger.warning("Story sent in saved as a draft only: no moderation workflow applies to it")
        send_story_emails(story, site=site, in_moderation=workflow is not None)
    logger.info("Story sent in: draft page %s, revision %s", page.pk, revision.pk)
    return story
