"""The two emails a sent story queues: a note to the campaigns inbox, and an acknowledgement to the sender.

Queued in the database (django-mailer's DbBackend) inside the sending transaction, as an order's are
(campaigns/orders/emails.py); the mail worker delivers them. Neither carries the story's text; the
note to the inbox carries no personal details, only links to the admin.
"""

from django.conf import settings
from django.core.mail import get_connection
from django.urls import reverse

from campaigns.orders.models import OrderSettings
from mindsite.mail import messages

INBOX = "inbox"
ACKNOWLEDGEMENT = "acknowledgement"


def message_id_start(story):
    """How the Message-ID of each email of this story begins: erasure finds the story's mail by it."""
    return f"<story-{story.pk}-"


def _message_id(story, kind):
    return messages.message_id(message_id_start(story), kind)


def _email(subject, template, context, to, headers, reply_to=None):
    return messages.email(subject, f"story_submissions/emails/{template}", context, to, headers, reply_to)


def admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def send_story_emails(story, site=None, in_moderation=True):
    order_settings = OrderSettings.for_site(site)
    inbox = order_settings.campaigns_inbox
    context = {
        "story": story,
        "sender": story.sender,
        "in_moderation": in_moderation,
        "campaigns_inbox": inbox,
        "privacy_notice_url": order_settings.privacy_notice_url,
        "draft_url": admin_url("wagtailadmin_pages:edit", story.page_id),
        "sent_story_url": admin_url("sent_stories:inspect", story.pk),
    }
    messages = [
        _email(
            subject="A story has been sent in and is waiting for review",
            template="story_to_inbox",
            context=context,
            to=[inbox],
            headers={"Message-ID": _message_id(story, INBOX)},
        ),
        _email(
            subject="We have received your story",
            template="acknowledgement",
            context=context,
            to=[story.sender.email],
            reply_to=[inbox],
            headers={"Message-ID": _message_id(story, ACKNOWLEDGEMENT)},
        ),
    ]
    # Always the database queue, whatever EMAIL_BACKEND says: the mail must commit with the story.
    get_connection("mailer.backend.DbBackend").send_messages(messages)
