"""The order list's "Mail" column says, in a few words, what became of each order's two emails.

And the list's other columns say something for every order (an erased order's name is "Erased"),
and a reference stays on one line (issue 19, item 8).
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from campaigns.orders.delivery import mail_summary, with_mail_outcomes
from campaigns.orders.models import PrintOrder
from campaigns.orders.placing import place_order as place_directly
from tests.order_helpers import fresh_cache  # noqa: F401 (a fixture)
from tests.orders import test_delivery_problems as delivery
from tests.orders.admin_fixtures import INDEX, team_member  # noqa: F401 (a fixture)
from tests.orders.test_unsettled_orders import DETAILS

pytestmark = pytest.mark.usefixtures("fresh_cache")

shop = delivery.shop
deliver = delivery.deliver
order_with = delivery.order_with


def row_of(html, reference):
    """The text of the list's row for this order, its cells joined by ' | '."""
    row = next(row for row in html.split("<tr")[1:] if f">{reference}<" in row)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    return " | ".join(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in cells)


def listing(client, user):
    client.force_login(user)
    return client.get(INDEX).content.decode()


def test_the_mail_column_says_what_became_of_each_email(client, shop, settings, team_member):  # noqa: F811
    sent = order_with(client, shop, "ann@example.org")
    refused = order_with(client, shop, "nobody@example.net")
    retried = order_with(client, shop, "later@example.org")
    site = Site.objects.get(is_default_site=True)
    by_phone = place_directly(
        {**DETAILS, "email": "phone@example.org"},
        [(shop[0], 3)],
        site,
        source=PrintOrder.Source.PHONE,
        send_confirmation=False,
    )
    held = place_directly({**DETAILS, "email": "held@example.org"}, [(shop[0], 3)], site, held_reason="Too many")
    handler = delivery.RecordingHandler()
    handler.rcpt_answers = {"nobody@example.net": "550 5.1.1 <nobody@example.net>: user unknown"}
    handler.data_answers = {"later@example.org": "451 4.3.0 try later"}
    deliver(settings, handler)
    waiting = order_with(client, shop, "new@example.org")  # placed after the worker's pass

    html = listing(client, team_member)
    assert "Sent to inbox and campaigner" in row_of(html, sent.reference)
    assert "Confirmation not delivered" in row_of(html, refused.reference)
    assert "Delayed: being retried" in row_of(html, retried.reference)
    assert "Sent to inbox |" in row_of(html, by_phone.reference)
    assert "None until released" in row_of(html, held.reference)
    assert "Waiting to be sent" in row_of(html, waiting.reference)


def test_a_refused_inbox_email_and_orders_past_their_mail_records(client, shop, settings):
    refused = order_with(client, shop, "ann@example.org")
    handler = delivery.RecordingHandler()
    handler.data_answers = {delivery.INBOX: "552 5.2.2 Mailbox full"}
    deliver(settings, handler)
    cancelled_while_held = place_directly(
        {**DETAILS, "email": "held@example.org"},
        [(shop[0], 3)],
        Site.objects.get(is_default_site=True),
        held_reason="x",
    )
    cancelled_while_held.set_status(PrintOrder.Status.CANCELLED, None)
    old = order_with(client, shop, "old@example.org")
    PrintOrder.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=settings.ORDER_RETENTION_DAYS + 1)
    )
    erased = order_with(client, shop, "erased@example.org")
    erased.erase_personal_data()

    said = {order.reference: mail_summary(order) for order in with_mail_outcomes(PrintOrder.objects.all())}
    assert said[refused.reference] == "Inbox email not delivered"
    assert said[cancelled_while_held.reference] == "None sent"
    assert said[old.reference] == "No record kept"
    assert said[erased.reference] == "Erased with the order"


def test_every_column_says_something_for_an_erased_order(client, shop, team_member):  # noqa: F811
    order = order_with(client, shop, "ann@example.org")
    order.erase_personal_data()
    row = row_of(listing(client, team_member), order.reference)
    cells = row.split(" | ")
    assert all(cells[1:]), row  # the first cell is the selection checkbox's
    assert row.count("Erased") == 3  # the name, the postcode and the mail


def test_references_and_postcodes_stay_on_one_line(client, shop, team_member):  # noqa: F811
    order = order_with(client, shop, "ann@example.org")
    html = listing(client, team_member)
    assert re.search(r'<table class="listing print-orders-list', html)
    assert re.search(r'<link rel="stylesheet" href="/static/css/orders-admin\.css', html)
    assert re.search(r'<td class="print-orders-nowrap">\s*SW1A 1AA', html), order.postcode


def test_the_mail_column_costs_no_query_per_order(client, shop, settings, team_member):  # noqa: F811
    for n in range(2):
        order_with(client, shop, f"first{n}@example.org")
    deliver(settings, delivery.RecordingHandler())
    client.force_login(team_member)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for n in range(6):
        order_with(client, shop, f"more{n}@example.org")
    deliver(settings, delivery.RecordingHandler())
    with CaptureQueriesContext(connection) as many:
        html = client.get(INDEX).content.decode()
    assert html.count("Sent to inbox and campaigner") == 8
    assert len(many) == len(few)
