"""What of the orders, the mail queue and page feedback the daily erasure removes (mindsite/privacy/erasure.py).

- An order dispatched or cancelled more than ORDER_RETENTION_DAYS ago is erased.
- A held order not released within HELD_ORDER_DAYS of being placed is cancelled and erased.
- A new order not dispatched within NEW_ORDER_ERASE_DAYS of being placed is cancelled and erased.
  (From NEW_ORDER_FLAG_DAYS it is flagged on the campaigns team's dashboard: PrintOrdersPanel.)
- Queued mail and mail logs older than ORDER_RETENTION_DAYS are deleted, and so is an erased
  order's own mail, whatever its age.
- "Is this page useful?" comments older than FEEDBACK_COMMENT_DAYS are blanked.

Erasing keeps what an order was for and where (reference, guides, quantities, dates, postcode
district); cancelling here emails no one and records why (PrintOrder.cancelled_reason, and the
order's history).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from mailer.models import Message, MessageLog
from wagtail.log_actions import log

from campaigns.orders.emails import message_id_start
from campaigns.orders.models import PrintOrder
from mindsite.feedback.models import PageFeedback
from mindsite.mail.models import MailDeliveryFailure

CANCELLED_ACTION = "orders.cancelled_unsettled"


def held_cancelled_reason():
    return (
        f"Held for review and not released within {settings.HELD_ORDER_DAYS} days of being placed, "
        "so cancelled and its personal data erased. No email was sent."
    )


def never_dispatched_reason():
    return (
        f"Not dispatched within {settings.NEW_ORDER_ERASE_DAYS} days of being placed, "
        "so cancelled and its personal data erased. No email was sent about it."
    )


@dataclass
class Erased:
    orders: int = 0
    held_cancelled: int = 0
    new_cancelled: int = 0
    messages: int = 0
    logs: int = 0
    comments: int = 0

    def __str__(self):
        return (
            f"cancelled and erased {self.held_cancelled} held order(s) not released within "
            f"{settings.HELD_ORDER_DAYS} days and {self.new_cancelled} new order(s) not dispatched within "
            f"{settings.NEW_ORDER_ERASE_DAYS} days; erased personal data from {self.orders} order(s) settled "
            f"more than {settings.ORDER_RETENTION_DAYS} days ago; deleted {self.messages} queued mail row(s) and "
            f"{self.logs} mail log row(s); blanked {self.comments} page feedback comment(s) older than "
            f"{settings.FEEDBACK_COMMENT_DAYS} days."
        )


def delete_order_mail(order):
    """The order's own queued mail (found by its failure records' Message-ID) and mail logs. Returns (queued, logs)."""
    start = message_id_start(order.reference)
    queued = MailDeliveryFailure.objects.filter(message_id_header__startswith=start).values("message")
    messages = Message.objects.filter(pk__in=queued).delete()[1].get("mailer.Message", 0)
    logs = MessageLog.objects.filter(message_id__startswith=start).delete()[0]
    return messages, logs


def erase_order(order, now):
    """Erase one order's personal data and its mail, in one transaction. Returns (queued, logs) deleted."""
    with transaction.atomic():
        order.erase_personal_data(now)
        return delete_order_mail(order)


def cancel_and_erase(order, reason, now):
    """Cancel an unsettled order (saying why, emailing no one) and erase it. Returns whether it was still unsettled."""
    with transaction.atomic():
        if not order.cancel_unsettled(reason, now):
            return False
        log(instance=order, action=CANCELLED_ACTION, user=None)
        order.erase_personal_data(now)
        delete_order_mail(order)
    return True


def erase_old_personal_data(now=None):
    """Everything the daily job does; returns what it erased."""
    now = now or timezone.now()
    done = Erased()
    for order in PrintOrder.objects.held_too_long(now).iterator():
        done.held_cancelled += cancel_and_erase(order, held_cancelled_reason(), now)
    for order in PrintOrder.objects.never_dispatched(now).iterator():
        done.new_cancelled += cancel_and_erase(order, never_dispatched_reason(), now)
    for order in PrintOrder.objects.due_for_erasure(now).iterator():
        messages, logs = erase_order(order, now)
        done.orders += 1
        done.messages += messages
        done.logs += logs
    # An order's mail is queued when it is placed, before it can be dispatched, so this also
    # removes any mail still waiting for an order whose data was erased.
    cutoff = now - datetime.timedelta(days=settings.ORDER_RETENTION_DAYS)
    done.messages += Message.objects.filter(when_added__lt=cutoff).delete()[1].get("mailer.Message", 0)
    done.logs += MessageLog.objects.filter(when_attempted__lt=cutoff).delete()[0]
    done.comments = PageFeedback.objects.comments_written_before(
        now - datetime.timedelta(days=settings.FEEDBACK_COMMENT_DAYS)
    ).update(comment="")
    return done


def erase_due(now):
    """The daily job's part for orders, the mail queue and page feedback: says what it erased."""
    return str(erase_old_personal_data(now))
