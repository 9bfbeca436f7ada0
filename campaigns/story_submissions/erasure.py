"""What of the stories sent in the daily erasure removes (mindsite/privacy/erasure.py).

- A sender's name and email address (StorySender), STORY_SENDER_DAYS after their story was published
  or declined; or STORY_SENDER_UNDECIDED_DAYS after it was sent, if nobody has decided by then. The
  story's own mail (queued, or in the mail log) goes with them.
- A published story's earlier revisions, at the same time as its sender: what was sent in, before the team
  edited it (perhaps taking out details that could identify someone), does not stay in the page's history.
  The live and latest revisions stay, and any still in moderation; the audit log keeps who did what.
- A declined story's draft, never published, STORY_SENDER_DAYS after it was declined: the page and
  its revisions, so what they wrote does not outlive the decision. A draft nobody published or
  declined goes STORY_SENDER_UNDECIDED_DAYS after it was sent, with its sender, so what they wrote
  never waits for ever (the record then says declined, as for a draft an editor deletes, which goes at once).

What stays: the SentStory record (who they are to the story, the region, the consents, when it was
sent and decided), which names no one; and a published story, which they agreed to publish.
"""

from django.conf import settings
from django.db import transaction
from mailer.models import Message, MessageLog
from wagtail.models import Page, Revision, TaskState

from campaigns.story_submissions.emails import message_id_start
from campaigns.story_submissions.models import SentStory, StorySender
from mindsite.mail.models import MailDeliveryFailure


def delete_story_mail(story):
    """The story's own queued mail (found by its failure records' Message-ID) and mail logs."""
    start = message_id_start(story)
    queued = MailDeliveryFailure.objects.filter(message_id_header__startswith=start).values("message")
    Message.objects.filter(pk__in=queued).delete()
    MessageLog.objects.filter(message_id__startswith=start).delete()


def delete_earlier_revisions(story):
    """A published story's revisions but its live and latest ones (and any in moderation). Returns how many."""
    page = Page.objects.filter(pk=story.page_id, live=True).first()
    if page is None:
        return 0
    in_moderation = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).values("revision_id")
    earlier = (
        Revision.objects.filter(base_content_type=page.get_base_content_type(), object_id=str(page.pk))
        .exclude(pk__in=[page.live_revision_id, page.latest_revision_id])
        .exclude(pk__in=in_moderation)
    )
    return earlier.delete()[1].get("wagtailcore.Revision", 0)


def erase_sender(story, now):
    with transaction.atomic():
        StorySender.objects.filter(story=story).delete()
        delete_story_mail(story)
        if story.outcome == SentStory.Outcome.PUBLISHED:
            delete_earlier_revisions(story)
        SentStory.objects.filter(pk=story.pk).update(sender_erased_at=now)


def erase_due(now):
    """The daily job's part for stories sent in: says what it erased."""
    decided_days = settings.STORY_SENDER_DAYS
    undecided_days = settings.STORY_SENDER_UNDECIDED_DAYS
    senders = 0
    for story in SentStory.objects.senders_due_for_erasure(now, decided_days, undecided_days).iterator():
        erase_sender(story, now)
        senders += 1
    drafts = 0
    for story in SentStory.objects.drafts_due_for_deletion(now, decided_days, undecided_days):
        page = Page.objects.filter(pk=story.page_id, live=False, first_published_at__isnull=True).first()
        if page is not None:
            page.delete()
            drafts += 1
    return (
        f"erased the sender of {senders} story(ies) sent in, decided more than {decided_days} days ago or sent "
        f"more than {undecided_days} days ago; deleted {drafts} draft story(ies) never published, declined more "
        f"than {decided_days} days ago or sent more than {undecided_days} days ago."
    )
