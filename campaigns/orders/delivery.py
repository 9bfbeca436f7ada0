"""What became of an order's two emails, for the campaigns team.

An order finds its mail in the queue's failure records by Message-ID (every email of order
ACDE3467 has one beginning "<order-ACDE3467-"; see campaigns.orders.emails):

- `delivery_problems(order)`: what went wrong with this order's emails, in words (one query);
- `with_delivery_failed(orders)`: marks each order of a list `delivery_failed` when the mail
  server refused one of its emails for good (a subquery: no query per order), and
  `filter_delivery_failed`, a django-filter `method` for a "Mail not delivered" filter;
- `failed_mail_advice(message_id)`: the dashboard's advice on an order's refused email
  (registered as the `describe_failed_mail` hook).
"""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.formats import date_format

from campaigns.orders.emails import CONFIRMATION, INBOX, MESSAGE_ID_PREFIX, ORDER_MESSAGE_ID, message_id_start
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


def failed_mail_advice(message_id):
    """What to do about a refused email of an order, for the dashboard; None for other mail."""
    kind = kind_of_email(message_id)
    return WHAT_TO_DO[kind] if kind else None
