"""Placing an order: the order, its items and its two emails, saved together or not at all.

The daily cap per address is counted and the order saved in one transaction, taken one at a
time per address (mindsite/spam/rules.py: one_at_a_time_per_address).
"""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from campaigns.orders import spam
from campaigns.orders.emails import send_order_emails
from campaigns.orders.models import PrintOrder, PrintOrderItem, new_reference
from mindsite.spam import rules as site_spam


class OverDailyCap(Exception):
    """The order was not placed: its email or postal address already has the day's orders."""

    def __init__(self, count, address_kind):
        super().__init__(f"{count} orders to this {address_kind} in the last 24 hours")
        self.count = count
        # "email address" or "postal address", as the page says it.
        self.address_kind = address_kind


def place_order(
    details,
    quantities,
    site=None,
    order_settings=None,
    *,
    held_reason="",
    daily_cap=None,
    source=PrintOrder.Source.WEB,
    entered_by=None,
    send_confirmation=True,
):
    """Save an order for [(guide, quantity)] posted to `details` and queue its emails. Returns the order.

    With a held_reason the order is saved held for review and no mail is queued until it is
    released. With a daily_cap, raises OverDailyCap, saving nothing, if the email or postal
    address already has that many orders in the last 24 hours. The campaigns team enters orders
    received by phone, email or post with `source` and `entered_by`; the campaigner's
    confirmation is then sent only if they ask (`send_confirmation`).
    """
    with transaction.atomic():
        if daily_cap is not None:
            _refuse_over_daily_cap(details, daily_cap)
        reference = new_reference()
        while PrintOrder.objects.filter(reference=reference).exists():
            reference = new_reference()
        order = PrintOrder.objects.create(
            reference=reference,
            status=PrintOrder.Status.HELD if held_reason else PrintOrder.Status.NEW,
            held_reason=held_reason,
            full_name=details["full_name"],
            email=details["email"],
            organisation=details["organisation"],
            address_line_1=details["address_line_1"],
            address_line_2=details["address_line_2"],
            town=details["town"],
            postcode=details["postcode"],
            purpose=details["purpose"],
            wants_updates=details["wants_updates"],
            source=source,
            entered_by=entered_by,
        )
        PrintOrderItem.objects.bulk_create(
            PrintOrderItem(order=order, guide=guide, guide_title=guide.title, quantity=quantity)
            for guide, quantity in quantities
        )
        if not held_reason:
            send_order_emails(order, site=site, order_settings=order_settings, send_confirmation=send_confirmation)
    return order


def release_held_order(order, user, site=None, order_settings=None, now=None):
    """Release an order held for review: it becomes new and its two emails are queued, together.

    Records who released it, when, and that it was held. Returns False, changing nothing, if
    the order is no longer held (someone released or cancelled it meanwhile).
    """
    with transaction.atomic():
        # Read again under a row lock: two people releasing it at once queue its mail once.
        current = PrintOrder.objects.select_for_update().get(pk=order.pk)
        if current.status != PrintOrder.Status.HELD:
            return False
        current.previous_status = current.status
        current.status = PrintOrder.Status.NEW
        current.status_changed_at = now or timezone.now()
        current.status_changed_by = user
        current.save(update_fields=["previous_status", "status", "status_changed_at", "status_changed_by"])
        if order_settings is None and site is None:
            site = Site.objects.get(is_default_site=True)
        send_order_emails(current, site=site, order_settings=order_settings)
    for name in ("previous_status", "status", "status_changed_at", "status_changed_by"):
        setattr(order, name, getattr(current, name))
    return True


def _refuse_over_daily_cap(details, daily_cap):
    site_spam.one_at_a_time_per_address(
        ("order-email", details["email"]),
        ("order-postal-address", f"{details['postcode']}|{details['address_line_1']}"),
    )
    to_email, to_postal_address = spam.orders_to_address_in_last_day(
        details["email"], details["postcode"], details["address_line_1"]
    )
    if to_email >= daily_cap:
        raise OverDailyCap(to_email, "email address")
    if to_postal_address >= daily_cap:
        raise OverDailyCap(to_postal_address, "postal address")
