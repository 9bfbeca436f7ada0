"""What became of an order's two emails, for the campaigns team.

An order finds its mail in the queue's failure records by Message-ID (every email of order
ACDE3467 has one beginning "<order-ACDE3467-"; see campaigns.orders.emails):

- `delivery_problems(order)`: what went wrong with this order's emails, in words (one query);
- `with_delivery_failed(orders)`: marks each order of a list `delivery_failed` when the mail
  server refused one of its emails for good (a subquery: no query per order), and
  `filter_delivery_failed`, a django-filter `method` for a "Mail not delivered" filter;
- `with_mail_outcomes(orders)` and `mail_summary(order)`: what became of each email of an
  order of a list, in a few words for the list's "Mail" column (subqueries: no query per order);
- `failed_mail_advice(message_id)`: the dashboard's advice on an order's refused email
  (registered as the `describe_failed_mail` hook).
"""

import datetime

from django.conf import settings
from django.db.models import Case, Exists, OuterRef, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.formats import date_format
from mailer.models import RESULT_SUCCESS, MessageLog

from campaigns.orders.emails import CONFIRMATION, INBOX, MESSAGE_ID_PREFIX, ORDER_MESSAGE_ID, message_id_start
from campaigns.orders.models import PrintOrder
from mindsite.mail.models import MailDeliveryFailure

WHICH_EMAIL = {
    INBOX: "The email to the campaigns inbox",
    CONFIRMATION: "The confirmation to the campaigner",
}
WHAT_TO_DO = {
    INBOX: "Check the campaigns inbox address in Settings → Printed-copy orders: once it is right, "
    "later orders will reach it. This order is saved in Print orders.",
    CONFIRMATION: "Check the campaigner's email address on the order, and contact the campaigner another way, "
    "for example by post.",
}


def kind_of_email(message_id):
    """INBOX or CONFIRMATION for one of an order's emails; None for any other mail."""
    match = ORDER_MESSAGE_ID.match(message_id or "")
    return match["kind"] if match and match["kind"] in WHICH_EMAIL else None


def delivery_problems(order, now=None):
    """What went wrong with the order's emails, in plain English, one sentence or two each; [] if nothing.

    An email the mail server refused for good, and (with the mail worker's failure record) one
    still being retried after ORDER_MAIL_STUCK_AFTER_MINUTES. One query.
    """
    now = now or timezone.now()
    stuck_since = now - datetime.timedelta(minutes=settings.ORDER_MAIL_STUCK_AFTER_MINUTES)
    failures = (
        MailDeliveryFailure.objects.filter(message_id_header__startswith=message_id_start(order.reference))
        .select_related("message")
        .only(
            "message_id_header",
            "failures",
            "gave_up_at",
            "refused",
            "reason",
            "message__when_added",
        )
        .order_by("message_id_header")
    )
    problems = []
    for failure in failures:
        kind = kind_of_email(failure.message_id_header)
        if kind is None:
            continue
        if failure.gave_up_at:
            problems.append(
                f"{WHICH_EMAIL[kind]} could not be delivered: {failure.get_refused_display()} ({failure.reason}). "
                f"{WHAT_TO_DO[kind]}"
            )
        elif failure.message.when_added <= stuck_since:
            queued = date_format(timezone.localtime(failure.message.when_added), "j M Y, H:i")
            problems.append(
                f"{WHICH_EMAIL[kind]} has not been delivered yet: the mail server has not accepted it since "
                f"{queued} ({failure.failures} attempt{'s' if failure.failures != 1 else ''}). "
                "It will be tried again automatically."
            )
    return problems


def with_delivery_failed(orders):
    """The orders, each with `delivery_failed`: whether the mail server refused one of its emails for good."""
    refused = MailDeliveryFailure.objects.filter(
        gave_up_at__isnull=False,
        message_id_header__startswith=Concat(Value(MESSAGE_ID_PREFIX), OuterRef("reference"), Value("-")),
    )
    return orders.annotate(delivery_failed=Exists(refused))


def filter_delivery_failed(orders, name, value):
    """For django_filters.BooleanFilter(method=...): yes, only orders with a refused email; no, only those without."""
    if value is None:
        return orders
    return with_delivery_failed(orders).filter(delivery_failed=value)


# What became of one email of an order, as with_mail_outcomes finds it.
SENT, REFUSED, RETRYING, NOT_SENT = "sent", "refused", "retrying", ""


def with_mail_outcomes(orders):
    """The orders, each with `inbox_mail` and `confirmation_mail`: SENT, REFUSED, RETRYING or NOT_SENT.

    Sent: the mail log has the server's acceptance (a sent email's queue row and failure record are
    deleted). Refused: the server refused it for good. Retrying: it failed and will be tried again.
    Not sent: none of these, so waiting in the queue, never queued, or its log already deleted.
    """
    outcomes = {}
    for kind in WHICH_EMAIL:
        start = Concat(Value(MESSAGE_ID_PREFIX), OuterRef("reference"), Value(f"-{kind}@"))
        failures = MailDeliveryFailure.objects.filter(message_id_header__startswith=start)
        outcomes[f"{kind}_mail"] = Case(
            When(
                Exists(MessageLog.objects.filter(result=RESULT_SUCCESS, message_id__startswith=start)), then=Value(SENT)
            ),
            When(Exists(failures.filter(gave_up_at__isnull=False)), then=Value(REFUSED)),
            When(Exists(failures), then=Value(RETRYING)),
            default=Value(NOT_SENT),
        )
    return orders.annotate(**outcomes)


def mail_summary(order, now=None):
    """What became of the order's emails, in a few words (the order from with_mail_outcomes)."""
    inbox, confirmation = order.inbox_mail, order.confirmation_mail
    if order.is_erased:
        return "Erased with the order"
    if order.status == PrintOrder.Status.HELD:
        return "None until released"
    if inbox == REFUSED and confirmation == REFUSED:
        return "Neither email delivered"
    if inbox == REFUSED:
        return "Inbox email not delivered"
    if confirmation == REFUSED:
        return "Confirmation not delivered"
    if RETRYING in (inbox, confirmation):
        return "Delayed: being retried"
    if inbox == SENT and confirmation == SENT:
        return "Sent to inbox and campaigner"
    if inbox == SENT:
        return "Sent to inbox"
    if confirmation == SENT:
        return "Sent to campaigner"
    now = now or timezone.now()
    if order.created_at < now - datetime.timedelta(days=settings.ORDER_RETENTION_DAYS):
        return "No record kept"
    if order.status == PrintOrder.Status.CANCELLED:
        return "None sent"
    return "Waiting to be sent"


def failed_mail_advice(message_id):
    """What to do about a refused email of an order, for the dashboard; None for other mail."""
    kind = kind_of_email(message_id)
    return WHAT_TO_DO[kind] if kind else None
