"""The campaigns team's dashboard panel: print orders to post, orders held for review, and their deadlines.

At a glance: how many new orders wait to be posted (and how long the oldest has waited), how
many are held for review and what to do with them, each linking to Print orders filtered to
them. Below, the orders the daily erasure (campaigns/orders/erasure.py) will cancel: new orders
not dispatched NEW_ORDER_FLAG_DAYS after they were placed, and every held order, each with its
day. Shown to whoever may see orders; three queries at most.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Min, Q
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from wagtail.admin.ui.components import Component

from campaigns.orders.models import PrintOrder

SHOWN = 10
INSPECT_URL_NAME = "wagtailsnippets_orders_printorder:inspect"
INDEX_URL_NAME = "wagtailsnippets_orders_printorder:list"
ORDER_PERMISSIONS = ("view", "change", "add", "delete")


def can_see_orders(user):
    return any(user.has_perm(f"orders.{action}_printorder") for action in ORDER_PERMISSIONS)


def list_url(status):
    """Print orders filtered to one status, oldest first: the order to post them in."""
    return f"{reverse(INDEX_URL_NAME)}?{urlencode({'status': status, 'ordering': 'created_at'})}"


def waiting(orders, days):
    return [
        {
            "order": order,
            "url": reverse(INSPECT_URL_NAME, args=[order.pk]),
            "erased_on": timezone.localdate(order.created_at + datetime.timedelta(days=days)),
        }
        for order in orders[:SHOWN]
    ]


class PrintOrdersPanel(Component):
    name = "print_orders"
    order = 55
    template_name = "orders/admin/print_orders_panel.html"

    class Media:
        css = {"all": ["css/orders-admin.css"]}

    def __init__(self, context):
        self.context = context

    def render_html(self, parent_context=None):
        return get_template(self.template_name).render(self.get_context_data(parent_context))

    def get_context_data(self, parent_context=None):
        return self.context


def print_orders_context(now=None):
    now = now or timezone.now()
    flag_before = now - datetime.timedelta(days=settings.NEW_ORDER_FLAG_DAYS)
    new, held = PrintOrder.Status.NEW, PrintOrder.Status.HELD
    counts = PrintOrder.objects.filter(status__in=[new, held]).aggregate(
        new_count=Count("pk", filter=Q(status=new)),
        oldest_new=Min("created_at", filter=Q(status=new)),
        overdue_count=Count("pk", filter=Q(status=new, created_at__lt=flag_before)),
        held_count=Count("pk", filter=Q(status=held)),
    )
    overdue_count, held_count = counts["overdue_count"], counts["held_count"]
    overdue = PrintOrder.objects.waiting_too_long(now).order_by("created_at", "pk") if overdue_count else []
    held_orders = PrintOrder.objects.filter(status=held).order_by("created_at", "pk") if held_count else []
    return {
        "new_count": counts["new_count"],
        "oldest_new": counts["oldest_new"],
        "oldest_new_age": timesince(counts["oldest_new"], now, depth=1) if counts["oldest_new"] else "",
        "new_url": list_url(new),
        "overdue_orders": waiting(overdue, settings.NEW_ORDER_ERASE_DAYS),
        "overdue_count": overdue_count,
        "overdue_more": max(overdue_count - SHOWN, 0),
        "held_count": held_count,
        "held_url": list_url(held),
        "held_orders": waiting(held_orders, settings.HELD_ORDER_DAYS),
        "held_more": max(held_count - SHOWN, 0),
        "flag_days": settings.NEW_ORDER_FLAG_DAYS,
        "erase_days": settings.NEW_ORDER_ERASE_DAYS,
        "held_days": settings.HELD_ORDER_DAYS,
        "list_url": reverse(INDEX_URL_NAME),
    }


def add_print_orders_panel(request, panels):
    if can_see_orders(request.user):
        panels.insert(0, PrintOrdersPanel(print_orders_context()))
