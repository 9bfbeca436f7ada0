"""Mail the server refuses for good (SMTP 5xx) is tried once and never again; temporary failures keep the back-off."""

import datetime
import importlib
import logging
import smtplib

import pytest
from django.apps import apps as django_apps
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone
from mailer.models import PRIORITY_DEFERRED, Message, MessageLog, email_to_db
from wagtail.models import Site

from campaigns.orders.models import OrderSettings, PrintOrder
from mindsite.mail.models import MailDeliveryFailure
from mindsite.mail.queue import (
    backoff_after,
    failed_messages,
    permanent_refusal,
    requeue_due_messages,
    stuck_messages,
)
from tests.conftest import build_site
from tests.factories import GuidePageFactory
from tests.order_helpers import RecordingHandler, free_port, fresh_cache, place_order, smtp_server, use_smtp

pytestmark = pytest.mark.usefixtures(fresh_cache.__name__)


class AppsBeforeTheMailAppMoved:
    """The app registry as migration mindsite 0004 saw it: the mail failure was the pages app's (label mindsite)."""

    def get_model(self, app_label, model_name):
        if (app_label, model_name) == ("mindsite", "MailDeliveryFailure"):
            return MailDeliveryFailure
        return django_apps.get_model(app_label, model_name)


INBOX = "print-orders@example.org"
CAMPAIGNER = "nobody@example.net"
USER_UNKNOWN = f"550 5.1.1 <{CAMPAIGNER}>: Recipient address rejected: User unknown"


@pytest.fixture
def shop(db, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    site = build_site(parts=1, stories=0)
    GuidePageFactory(parent=site.campaign, title="Influencing change in your area")
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = INBOX
    order_settings.save()
    return [site.guide]


@pytest.fixture
def site_logs(caplog):
    """Everything the site logs, at the levels it is configured to log at (its loggers do not propagate)."""
    loggers = [logging.getLogger(name) for name in ("mindsite", "campaigns", "mailer", "django", "")]
    for logger in loggers:
        logger.addHandler(caplog.handler)
    yield caplog
    for logger in loggers:
        logger.removeHandler(caplog.handler)


def run_worker():
    call_command("run_mail_worker", "--once")


def age_failures(seconds):
    """Pretend every failure, and the mail itself, happened this long ago."""
    delta = datetime.timedelta(seconds=seconds)
    for failure in MailDeliveryFailure.objects.all():
        failure.last_failed_at -= delta
        failure.first_failed_at -= delta
        failure.save()
    for message in Message.objects.all():
        Message.objects.filter(pk=message.pk).update(when_added=message.when_added - delta)


def everything_recorded(site_logs):
    """Every place an address must not reach: the log, the queue's log, the failure records."""
    return "\n".join(
        [site_logs.text]
        + [f"{log.log_message} {log.message_data}" for log in MessageLog.objects.all()]
        + [f"{f.reason} {f.last_error} {f}" for f in MailDeliveryFailure.objects.all()]
    )


@pytest.mark.parametrize(
    "where, answer, refused, reason",
    [
        ("rcpt", USER_UNKNOWN, "address refused", "550 5.1.1 <[address]>: Recipient address rejected: User unknown"),
        (
            "data",
            f"550 5.7.1 Message to {CAMPAIGNER} rejected as spam",
            "message refused",
            "550 5.7.1 Message to [address] rejected as spam",
        ),
    ],
)
def test_a_refused_email_is_tried_once_never_again_and_the_other_is_delivered(
    client, shop, settings, site_logs, where, answer, refused, reason
):
    port = free_port()
    use_smtp(settings, port)
    handler = RecordingHandler()
    setattr(handler, f"{where}_answers", {CAMPAIGNER: answer})
    assert place_order(client, shop, email=CAMPAIGNER).status_code == 302
    order = PrintOrder.objects.get()

    with smtp_server(port, handler):
        run_worker()
        [failure] = MailDeliveryFailure.objects.all()
        assert failure.gave_up_at is not None
        assert failure.get_refused_display() == refused
        assert failure.reason == reason
        assert failure.message_id_header.startswith(f"<order-{order.reference}-confirmation@")
        # However long it waits, it is not tried again.
        for _ in range(3):
            age_failures(datetime.timedelta(days=7).total_seconds())
            assert requeue_due_messages() == 0
            run_worker()

    assert handler.rcpt_tos.count(CAMPAIGNER) == 1
    [to_inbox] = handler.to(INBOX)
    assert order.reference in to_inbox["Subject"]
    assert handler.to(CAMPAIGNER) == []
    # The row is kept, to be seen and tried again by hand, but not in the queue.
    assert Message.objects.count() == 1
    assert Message.objects.non_deferred().count() == 0
    assert MailDeliveryFailure.objects.get().failures == 1
    assert [m.reason for m in failed_messages()] == [reason]
    assert stuck_messages() == []
    recorded = everything_recorded(site_logs)
    assert reason in site_logs.text
    assert CAMPAIGNER not in recorded
    assert "example.net" not in recorded


def test_a_refused_inbox_does_not_stop_the_confirmation(client, shop, settings):
    port = free_port()
    use_smtp(settings, port)
    handler = RecordingHandler()
    handler.rcpt_answers = {INBOX: f"550 5.1.1 <{INBOX}>: no such mailbox"}
    place_order(client, shop, email="ann@example.org")

    with smtp_server(port, handler):
        run_worker()
        age_failures(datetime.timedelta(days=1).total_seconds())
        run_worker()

    assert len(handler.to("ann@example.org")) == 1
    assert handler.rcpt_tos.count(INBOX) == 1
    assert MailDeliveryFailure.objects.get().reason == "550 5.1.1 <[address]>: no such mailbox"


def drop_connection(handler):
    handler.mode = "drop"


def answer_at_rcpt(answer):
    def set_up(handler):
        handler.rcpt_answers = {INBOX: answer, "ann@example.org": answer}

    return set_up


@pytest.mark.parametrize(
    "failing, error",
    [
        (answer_at_rcpt("421 4.7.0 Too busy, closing connection"), "SMTPRecipientsRefused 421"),
        (answer_at_rcpt("450 4.2.1 Mailbox busy, try later"), "SMTPRecipientsRefused 450"),
        (lambda handler: setattr(handler, "mode", "refuse"), "SMTPDataError 451"),
        (drop_connection, "SMTPServerDisconnected"),
        (None, "ConnectionRefusedError"),
    ],
    ids=["421-at-rcpt", "450-at-rcpt", "451-at-data", "dropped-connection", "connection-refused"],
)
def test_a_temporary_failure_keeps_the_backoff_and_delivers_once(client, shop, settings, failing, error):
    port = free_port()
    use_smtp(settings, port)
    handler = RecordingHandler()
    place_order(client, shop, email="ann@example.org")

    def attempt():
        if failing is None:
            run_worker()
            return
        with smtp_server(port, handler):
            run_worker()

    if failing:
        failing(handler)
    for failures in (1, 2):
        attempt()
        assert handler.messages == []
        assert Message.objects.deferred().count() == 2
        assert {f.failures for f in MailDeliveryFailure.objects.all()} == {failures}
        assert all(error in f.last_error for f in MailDeliveryFailure.objects.all())
        assert not MailDeliveryFailure.objects.filter(gave_up_at__isnull=False).exists()
        # Not before its back-off has passed...
        assert requeue_due_messages() == 0
        # ...and then it is.
        age_failures(backoff_after(failures).total_seconds())

    handler.mode, handler.rcpt_answers = "accept", {}
    with smtp_server(port, handler):
        run_worker()
        age_failures(datetime.timedelta(days=1).total_seconds())
        run_worker()
    assert len(handler.to(INBOX)) == 1
    assert len(handler.to("ann@example.org")) == 1
    assert Message.objects.count() == 0
    assert failed_messages() == []


def test_a_timeout_keeps_the_backoff(client, shop, settings):
    port = free_port()
    use_smtp(settings, port)
    settings.EMAIL_TIMEOUT = 1
    settings.MAILER_EMAIL_MAX_DEFERRED = 1
    handler = RecordingHandler()
    handler.mode = "stall"
    place_order(client, shop, email="ann@example.org")
    with smtp_server(port, handler):
        run_worker()
    [failure] = MailDeliveryFailure.objects.all()
    # smtplib reports a read that timed out as the server going away.
    assert failure.last_error == "SMTPServerDisconnected"
    assert failure.gave_up_at is None
    age_failures(backoff_after(1).total_seconds())
    assert requeue_due_messages() == 1


def refused(code, text=b"refused"):
    return smtplib.SMTPRecipientsRefused({"a@example.org": (code, text)})


@pytest.mark.parametrize(
    "exc, expected",
    [
        (refused(550, b"5.1.1 <a@example.org> User unknown"), ("address", "550 5.1.1 <[address]> User unknown")),
        (refused(553), ("address", "553 refused")),
        (
            smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no"), "b@example.org": (450, b"later")}),
            None,
        ),
        (refused(452), None),
        (
            smtplib.SMTPSenderRefused(553, b"5.7.1 Sender not allowed", "campaigns@mind.org.uk"),
            ("sender", "553 5.7.1 Sender not allowed"),
        ),
        (smtplib.SMTPSenderRefused(451, b"later", "campaigns@mind.org.uk"), None),
        (
            smtplib.SMTPDataError(554, b"5.7.1 Message rejected:\n  policy"),
            ("message", "554 5.7.1 Message rejected: policy"),
        ),
        (smtplib.SMTPDataError(452, b"4.3.1 Insufficient storage"), None),
        # Answers before the message: the configuration's problem, shared by every message.
        (smtplib.SMTPAuthenticationError(535, b"5.7.8 Bad credentials"), None),
        (smtplib.SMTPConnectError(554, b"No SMTP service here"), None),
        (smtplib.SMTPHeloError(501, b"Bad HELO"), None),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), None),
        (ConnectionRefusedError(111, "Connection refused"), None),
        (TimeoutError("timed out"), None),
        (ValueError("anything else"), None),
    ],
)
def test_only_a_5xx_answer_to_the_message_is_permanent(exc, expected):
    refusal = permanent_refusal(exc)
    assert (tuple(refusal) if refusal else None) == expected


def test_failure_records_made_before_the_change_get_their_message_id_and_keep_retrying(db):
    """Migration mindsite 0004's data step, on a record as the mail worker made them before it."""
    migration = importlib.import_module("mindsite.pages.migrations.0004_mail_failures_given_up")
    email = EmailMessage(
        "Print order", "Body", to=["a@example.org"], headers={"Message-ID": "<order-ACDE3467-inbox@x>"}
    )
    message = Message.objects.create(message_data=email_to_db(email), priority=PRIORITY_DEFERRED)
    long_ago = timezone.now() - datetime.timedelta(days=1)
    MailDeliveryFailure.objects.create(
        message=message, failures=3, first_failed_at=long_ago, last_failed_at=long_ago, last_error="SMTPDataError 451"
    )

    migration.record_message_ids(AppsBeforeTheMailAppMoved(), None)

    failure = MailDeliveryFailure.objects.get()
    assert failure.message_id_header == "<order-ACDE3467-inbox@x>"
    assert (failure.failures, failure.last_error, failure.gave_up_at, failure.reason) == (
        3,
        "SMTPDataError 451",
        None,
        "",
    )
    assert requeue_due_messages() == 1
