"""Placing an order: the order, its items and its two emails, saved together or not at all."""

from django.db import transaction

from campaigns.orders.emails import send_order_emails
from campaigns.orders.models import PrintOrder, PrintOrderItem, new_reference


def place_order(details, quantities, site=None, order_settings=None):
    """Save an order for [(guide, quantity)] posted to `details` and queue its emails. Returns the order."""
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
        )
        PrintOrderItem.objects.bulk_create(
            PrintOrderItem(order=order, guide=guide, guide_title=guide.title, quantity=quantity)
            for guide, quantity in quantities
        )
        send_order_emails(order, site=site, order_settings=order_settings)
    return order
