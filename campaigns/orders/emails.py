"""The two emails an order sends: to the campaigns inbox, and a confirmation to the campaigner.

They are queued in the database (django-mailer's DbBackend) inside the caller's
transaction, so an order and its mail are saved together or not at all; the mail
worker delivers them.
"""

import re

from django.conf import settings
from django.core.mail import get_connection
from django.urls import reverse

from campaigns.orders.models import OrderSettings, printed_copies
from mindsite.mail import messages

# The two kinds of email an order sends, as they appear in its Message-IDs.
INBOX = "inbox"
CONFIRMATION = "confirmation"
MESSAGE_ID_PREFIX = "<order-"
ORDER_MESSAGE_ID = re.compile(r"<order-(?P<reference>[A-Z0-9]+)-(?P<kind>[a-z]+)@")


def message_id_start(reference):
    """How the Message-ID of every email of this order begins, whatever the sending domain."""
    return f"{MESSAGE_ID_PREFIX}{reference}-"


def _message_id(order, kind):
    """'<order-ACDE3467-inbox@mind.org.uk>': one per order and kind of email, made from the reference alone.

    A resend after a crash carries the same Message-ID, so receiving systems drop the duplicate;
    and the order finds its mail in the queue by it (campaigns.orders.delivery).
    """
    return messages.message_id(message_id_start(order.reference), kind)


def _email(subject, template, context, to, headers, reply_to=None):
    return messages.email(subject, f"orders/emails/{template}", context, to, headers, reply_to)


def send_order_emails(order, site=None, order_settings=None, send_confirmation=True):
    """Queue the order's email to the campaigns inbox and (unless told not to) its confirmation to the campaigner."""
    order_settings = order_settings or OrderSettings.for_site(site)
    items = list(order.items.all())
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_orders_printorder:inspect", args=[order.pk]
    )
    context = {
        "order": order,
        "items": items,
        "total": sum(item.quantity for item in items),
        "admin_url": admin_url,
        "campaigns_inbox": order_settings.campaigns_inbox,
        "dispatch_time": order_settings.dispatch_time,
        "confirmation_sent": send_confirmation,
    }
    to_inbox = _email(
        subject=f"Print order {order.reference}: {printed_copies(context['total'])}",
        template="order_to_inbox",
        context=context,
        to=[order_settings.campaigns_inbox],
        reply_to=[order.email] if order.email else None,
        headers={"Message-ID": _message_id(order, INBOX)},
    )
    messages = [to_inbox]
    if send_confirmation:
        messages.append(
            _email(
                subject=f"Your order of printed guides: reference {order.reference}",
                template="order_confirmation",
                context=context,
                to=[order.email],
                reply_to=[order_settings.campaigns_inbox],
                headers={"Message-ID": _message_id(order, CONFIRMATION)},
            )
        )
    # Always the database queue, whatever EMAIL_BACKEND says: the mail must commit with the order.
    get_connection("mailer.backend.DbBackend").send_messages(messages)
