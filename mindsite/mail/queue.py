"""Retrying django-mailer's queue with back-off, giving up on mail the server refuses for good.

django-mailer keeps each message in the database until the mail server accepts it, and
marks one that fails as deferred; it has no back-off of its own. Here we record each
failure (`defer_and_record_failure`, installed as MAILER_ERROR_HANDLER) and put a
deferred message back in the queue once its wait has passed (`requeue_due_messages`).
A permanent refusal (an SMTP 5xx answer to the message) is recorded with the server's
reason and never retried by itself: it stays in the queue, deferred, until someone
tries it again by hand (`retry_failed`) or marks it dealt with.
"""

import datetime
import logging
import re
import smtplib
from collections import namedtuple

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as database
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from mailer import engine
from mailer.models import (
    PRIORITY_DEFERRED,
    PRIORITY_MEDIUM,
    RESULT_FAILURE,
    RESULT_SUCCESS,
    Message,
    MessageLog,
    get_message_id,
)

from mindsite.mail.models import MESSAGE_ID_MAX_LENGTH, REASON_MAX_LENGTH, MailDeliveryFailure

logger = logging.getLogger(__name__)

StuckMessage = namedtuple("StuckMessage", "subject queued_at attempts last_error")
FailedMessage = namedtuple("FailedMessage", "pk subject queued_at gave_up_at refused reason message_id")
Refusal = namedtuple("Refusal", "refused reason")

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

# Anything shaped like an email address in a server's answer, with or without <angle brackets>.
EMAIL_ADDRESS = re.compile(r"[^\s<>()\[\]{},;:\"'@]+@[^\s<>()\[\]{},;:\"'@]+")


def backoff_after(failures):
    """How long to wait before trying again after this many failures in a row."""
    if failures < 1:
        return datetime.timedelta(0)
    return BACKOFF[failures - 1] if failures <= len(BACKOFF) else BACKOFF_CEILING


def describe_error(exc):
    """The exception's class and SMTP code(s): enough to diagnose, and no recipient's address."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = " ".join(str(code) for code in sorted({code for code, _ in exc.recipients.values()}))
    else:
        codes = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__}{f' {codes}' if codes else ''}"[:200]


def without_addresses(text):
    return EMAIL_ADDRESS.sub("[address]", text)


def server_answer(code, text):
    """An SMTP answer as one line, '550 5.1.1 [address]: User unknown', naming no one."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return without_addresses(" ".join(f"{code} {text}".split()))[:REASON_MAX_LENGTH]


def is_permanent(code):
    return isinstance(code, int) and 500 <= code <= 599


def permanent_refusal(exc):
    """What the server refused for good, and its answer; None for a failure worth retrying.

    Only answers to this message count: a 5xx to the greeting, EHLO, STARTTLS or login is the
    server's or our configuration's problem, shared by every message, so it keeps the back-off.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = list(exc.recipients.values())
        if answers and all(is_permanent(code) for code, _ in answers):
            reasons = dict.fromkeys(server_answer(code, text) for code, text in answers)
            return Refusal(MailDeliveryFailure.Refused.ADDRESS, "; ".join(reasons)[:REASON_MAX_LENGTH])
    elif isinstance(exc, smtplib.SMTPSenderRefused) and is_permanent(exc.smtp_code):
        return Refusal(MailDeliveryFailure.Refused.SENDER, server_answer(exc.smtp_code, exc.smtp_error))
    elif isinstance(exc, smtplib.SMTPDataError) and is_permanent(exc.smtp_code):
        return Refusal(MailDeliveryFailure.Refused.MESSAGE, server_answer(exc.smtp_code, exc.smtp_error))
    return None


def defer_and_record_failure(connection, message, exc):
    """django-mailer's error handler: defer the message and remember why; give up on it if refused for good."""
    now = timezone.now()
    refusal = permanent_refusal(exc)
    description = describe_error(exc)
    outcome = {"last_failed_at": now, "last_error": description}
    if refusal:
        outcome.update(gave_up_at=now, refused=refusal.refused, reason=refusal.reason)
    email = message.email
    message_id = (get_message_id(email) or "") if email is not None else ""
    outcome["message_id_header"] = message_id[:MESSAGE_ID_MAX_LENGTH]
    # Deferred either way: django-mailer never sends a deferred message, and only we requeue them.
    message.defer()
    MessageLog.objects.log(
        message, RESULT_FAILURE, log_message=f"{description}: {refusal.reason}" if refusal else description
    )
    updated = MailDeliveryFailure.objects.filter(message=message).update(failures=F("failures") + 1, **outcome)
    if not updated:
        MailDeliveryFailure.objects.create(message=message, failures=1, first_failed_at=now, **outcome)
    if refusal:
        logger.error(
            "Mail message %s refused by the mail server (%s: %s); it will not be retried",
            message.pk,
            MailDeliveryFailure.Refused(refusal.refused).label,
            refusal.reason,
        )
    else:
        logger.warning("Mail message %s deferred: %s", message.pk, description)
    # None: the next message opens a fresh connection rather than reuse a broken one.
    return None, "deferred"


def backoff_has_passed(failure, now):
    return failure.last_failed_at + backoff_after(failure.failures) <= now


def requeue_due_messages(now=None):
    """Put deferred messages whose back-off has passed back in the queue. Returns how many."""
    now = now or timezone.now()
    deferred = Message.objects.deferred().values_list("pk", flat=True)
    failures = {
        f.message_id: f
        for f in MailDeliveryFailure.objects.filter(message__priority=PRIORITY_DEFERRED).only(
            "message", "failures", "last_failed_at", "gave_up_at"
        )
    }
    due = [
        pk
        for pk in deferred
        # Deferred by someone else (no record of ours): retry it now. Refused for good: never.
        if pk not in failures or (failures[pk].gave_up_at is None and backoff_has_passed(failures[pk], now))
    ]
    if not due:
        return 0
    return (
        Message.objects.deferred().filter(pk__in=due).update(priority=PRIORITY_MEDIUM, retry_count=F("retry_count") + 1)
    )


def given_up():
    """Failure records of messages refused for good."""
    return MailDeliveryFailure.objects.filter(gave_up_at__isnull=False)


def not_dealt_with():
    return given_up().filter(dealt_with_at__isnull=True)


def still_waiting(now=None):
    """Messages queued over ORDER_MAIL_STUCK_AFTER_MINUTES ago and still being retried (or no worker running)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.ORDER_MAIL_STUCK_AFTER_MINUTES)
    return Message.objects.filter(when_added__lte=cutoff).exclude(pk__in=given_up().values("message"))


def stuck_messages(now=None, limit=None):
    """The messages `still_waiting`, oldest first. Messages refused for good are `failed_messages`, not these."""
    messages = still_waiting(now).order_by("when_added", "pk")
    messages = list(messages[:limit] if limit else messages)
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


def failed_messages(limit=None):
    """Messages the mail server refused for good, however recent, newest first; not those marked dealt with."""
    failures = not_dealt_with().select_related("message").order_by("-gave_up_at", "-pk")
    return [
        FailedMessage(
            pk=failure.message_id,
            subject=failure.message.subject,
            queued_at=failure.message.when_added,
            gave_up_at=failure.gave_up_at,
            refused=failure.get_refused_display(),
            reason=failure.reason,
            message_id=failure.message_id_header,
        )
        for failure in (failures[:limit] if limit else failures)
    ]


def retry_failed(message_pks=None):
    """Put messages refused for good (all those not dealt with, if none are named) back in the queue.

    With a fresh back-off. Returns how many.
    """
    failures = not_dealt_with() if message_pks is None else given_up().filter(message__in=message_pks)
    with transaction.atomic():
        pks = list(failures.values_list("message", flat=True))
        MailDeliveryFailure.objects.filter(message__in=pks).delete()
        return Message.objects.deferred().filter(pk__in=pks).update(priority=PRIORITY_MEDIUM)


def mark_dealt_with(message_pks=None, now=None):
    """Stop showing these refused messages (all of them, if none are named) on the dashboard. Returns how many."""
    failures = not_dealt_with() if message_pks is None else not_dealt_with().filter(message__in=message_pks)
    return failures.update(dealt_with_at=now or timezone.now())


def send_queued_mail():
    """Send what is waiting in the queue: django-mailer's engine, or on SQLite our own loop below."""
    if database.vendor == "sqlite":
        send_without_holding_the_database()
    else:
        engine.send_all()


def send_without_holding_the_database():
    """django-mailer's send loop, for SQLite: the SMTP exchange happens outside any transaction.

    django-mailer sends each message inside a transaction so that a row lock keeps other workers
    off it. SQLite has no row locks: that transaction holds the one write lock for the whole SMTP
    exchange (so orders wait on a slow mail server), or fails to record a message it has already
    sent (so it is sent again). Here each message is sent first, then recorded in a short
    transaction. Without row locks, run one mail worker per SQLite database.
    """
    error_handler = import_string(settings.MAILER_ERROR_HANDLER)
    # django-mailer's own limits on one pass, honoured the same way.
    max_sent = getattr(settings, "MAILER_EMAIL_MAX_BATCH", None)
    max_deferred = getattr(settings, "MAILER_EMAIL_MAX_DEFERRED", None)
    sent = deferred = 0
    smtp = None
    for pk in list(Message.objects.non_deferred().order_by("priority", "when_added").values_list("pk", flat=True)):
        message = Message.objects.filter(pk=pk).first()
        if message is None or message.priority == PRIORITY_DEFERRED:
            continue
        email = message.email
        if email is None:
            logger.warning("Mail message %s could not be read from the queue: discarded", pk)
            message.delete()
            continue
        if (max_sent is not None and sent >= max_sent) or (max_deferred is not None and deferred >= max_deferred):
            break
        try:
            if smtp is None:
                smtp = get_connection(backend=settings.MAILER_EMAIL_BACKEND)
            email.connection = smtp
            engine.ensure_message_id(email)
            email.send()
        except Exception as exc:
            with transaction.atomic():
                smtp, _ = error_handler(smtp, message, exc)
            deferred += 1
            continue
        email.connection = None
        message.email = email
        with transaction.atomic():
            MessageLog.objects.log(message, RESULT_SUCCESS)
            message.delete()
        sent += 1
