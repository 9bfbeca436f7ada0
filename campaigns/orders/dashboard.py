"""The campaigns team's dashboard panel: orders waiting too long, before the daily erasure cancels them.

New orders not dispatched NEW_ORDER_FLAG_DAYS after they were placed, and every held order, each
with the day the daily erasure (campaigns/orders/erasure.py) will cancel it and erase its
personal data. Shown to whoever may change orders.
"""

import datetime

from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from campaigns.orders.models import PrintOrder

SHOWN = 10
INSPECT_URL_NAME = "wagtailsnippets_orders_printorder:inspect"
INDEX_URL_NAME = "wagtailsnippets_orders_printorder:list"


def can_see_orders_waiting(user):
    return user.has_perm("orders.change_printorder")


def waiting(orders, days):
    return [
        {
            "order": order,
            "url": reverse(INSPECT_URL_NAME, args=[order.pk]),
            "erased_on": timezone.localdate(order.created_at + datetime.timedelta(days=days)),
        }
        for order in orders[:SHOWN]
    ]


class OrdersWaitingPanel(Component):
    name = "orders_waiting"
    order = 55
    template_name = "orders/admin/orders_waiting_panel.html"

    def __init__(self, context):
        self.context = context

    def render_html(self, parent_context=None):
        return get_template(self.template_name).render(self.get_context_data(parent_context))

    def get_context_data(self, parent_context=None):
        return self.context


def orders_waiting_context(now=None):
    new = PrintOrder.objects.waiting_too_long(now)
    held = PrintOrder.objects.filter(status=PrintOrder.Status.HELD).order_by("created_at", "pk")
    new_count, held_count = new.count(), held.count()
    return {
        "new_orders": waiting(new, settings.NEW_ORDER_ERASE_DAYS),
        "new_count": new_count,
        "new_more": max(new_count - SHOWN, 0),
        "held_orders": waiting(held, settings.HELD_ORDER_DAYS),
        "held_count": held_count,
        "held_more": max(held_count - SHOWN, 0),
        "flag_days": settings.NEW_ORDER_FLAG_DAYS,
        "erase_days": settings.NEW_ORDER_ERASE_DAYS,
        "held_days": settings.HELD_ORDER_DAYS,
        "list_url": reverse(INDEX_URL_NAME),
    }


def add_orders_waiting_panel(request, panels):
    if not can_see_orders_waiting(request.user):
        return
    context = orders_waiting_context()
    if context["new_count"] or context["held_count"]:
        panels.insert(0, OrdersWaitingPanel(context))
