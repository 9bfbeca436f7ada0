"""Placing an order: the order, its items and its two emails, saved together or not at all."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from campaigns.orders.emails import send_order_emails
from campaigns.orders.models import PrintOrder, PrintOrderItem, new_reference


def place_order(
    details,
    quantities,
    site=None,
    order_settings=None,
    *,
    source=PrintOrder.Source.WEB,
    entered_by=None,
    send_confirmation=True,
):
    """Save an order for [(guide, quantity)] posted to `details` and queue its emails. Returns the order.

    The campaigns team enters orders received by phone, email or post with `source` and `entered_by`;
    the campaigner's confirmation is then sent only if they ask (`send_confirmation`).
    """
    with transaction.atomic():
        reference = new_reference()
        while PrintOrder.objects.filter(reference=reference).exists():
            reference = new_reference()
        order = PrintOrder.objects.create(
            reference=reference,
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
        send_order_emails(order, site=site, order_settings=order_settings, send_confirmation=send_confirmation)
    return order


def release_held_order(order, user):
    """Release an order held for review: it becomes new and its emails are queued, together. Returns whether it did."""
    with transaction.atomic():
        released = PrintOrder.objects.filter(pk=order.pk, status=PrintOrder.Status.HELD).update(
            status=PrintOrder.Status.NEW, previous_status="", status_changed_at=timezone.now(), status_changed_by=user
        )
        if not released:
            return False
        order.refresh_from_db()
        # The admin may be on another host than the site the order came from; orders come from the one site.
        send_order_emails(order, site=Site.objects.get(is_default_site=True))
    return True
