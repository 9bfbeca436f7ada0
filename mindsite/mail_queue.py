"""Retrying django-mailer's queue with back-off, and noticing mail that is stuck.

django-mailer keeps each message in the database until the mail server accepts it, and
marks one that fails as deferred; it has no back-off of its own. Here we record each
failure (`defer_and_record_failure`, installed as MAILER_ERROR_HANDLER) and put a
deferred message back in the queue once its wait has passed (`requeue_due_messages`).
"""

import datetime
import logging
from collections import namedtuple

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from mailer.models import PRIORITY_DEFERRED, PRIORITY_MEDIUM, RESULT_FAILURE, Message, MessageLog

from mindsite.models import MailDeliveryFailure

logger = logging.getLogger(__name__)

StuckMessage = namedtuple("StuckMessage", "subject queued_at attempts last_error")

# Wait after the 1st, 2nd, ... failure; then hourly for as long as it takes.
BACKOFF = [
    datetime.timedelta(seconds=30),
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=2),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=10),
    datetime.timedelta(minutes=30),
]
BACKOFF_CEILING = datetime.timedelta(hours=1)


def backoff_after(failures):
    """How long to wait before trying again after this many failures in a row."""
    if failures < 1:
        return datetime.timedelta(0)
    return BACKOFF[failures - 1] if failures <= len(BACKOFF) else BACKOFF_CEILING


def describe_error(exc):
    """The exception's class and SMTP code: enough to diagnose, and no recipient's address."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__}{f' {code}' if code else ''}"[:200]


def defer_and_record_failure(connection, message, exc):
    """django-mailer's error handler: defer the message, whatever went wrong, and remember when."""
    description = describe_error(exc)
    now = timezone.now()
    message.defer()
    MessageLog.objects.log(message, RESULT_FAILURE, log_message=description)
    updated = MailDeliveryFailure.objects.filter(message=message).update(
        failures=F("failures") + 1, last_failed_at=now, last_error=description
    )
    if not updated:
        MailDeliveryFailure.objects.create(
            message=message, failures=1, first_failed_at=now, last_failed_at=now, last_error=description
        )
    logger.warning("Mail message %s deferred: %s", message.pk, description)
    # None: the next message opens a fresh connection rather than reuse a broken one.
    return None, "deferred"


def requeue_due_messages(now=None):
    """Put deferred messages whose back-off has passed back in the queue. Returns how many."""
    now = now or timezone.now()
    deferred = Message.objects.deferred().values_list("pk", flat=True)
    failures = {f.message_id: f for f in MailDeliveryFailure.objects.filter(message__priority=PRIORITY_DEFERRED)}
    due = [
        pk
        for pk in deferred
        # Deferred by someone else (no record of ours): retry it now.
        if pk not in failures or failures[pk].last_failed_at + backoff_after(failures[pk].failures) <= now
    ]
    if not due:
        return 0
    return (
        Message.objects.deferred().filter(pk__in=due).update(priority=PRIORITY_MEDIUM, retry_count=F("retry_count") + 1)
    )


def stuck_messages(now=None):
    """Messages still queued after ORDER_MAIL_STUCK_AFTER_MINUTES (failing, or no worker running), oldest first."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.ORDER_MAIL_STUCK_AFTER_MINUTES)
    messages = list(Message.objects.filter(when_added__lte=cutoff).order_by("when_added", "pk"))
    failures = MailDeliveryFailure.objects.in_bulk([m.pk for m in messages])
    return [
        StuckMessage(
            subject=message.subject,
            queued_at=message.when_added,
            attempts=failures[message.pk].failures if message.pk in failures else 0,
            last_error=failures[message.pk].last_error if message.pk in failures else "",
        )
        for message in messages
    ]
