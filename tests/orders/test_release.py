"""Releasing an order held for review: it becomes new and its two emails are queued, once, together."""

import threading

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone
from mailer.models import Message
from wagtail.models import Site

from campaigns.orders.models import OrderSettings, PrintOrder
from campaigns.orders.placing import place_order, release_held_order
from tests.conftest import build_site

INBOX = "print-orders@example.org"
DETAILS = {
    "full_name": "Ann Example",
    "email": "ann@example.org",
    "organisation": "",
    "address_line_1": "1 High Street",
    "address_line_2": "",
    "town": "London",
    "postcode": "SW1A 1AA",
    "purpose": "",
    "wants_updates": False,
}


def held_order():
    site = build_site(parts=1, stories=0)
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = INBOX
    order_settings.save()
    return place_order(DETAILS, [(site.guide, 4)], held_reason="More than 5 orders in an hour")


def recipients():
    return sorted(address for message in Message.objects.all() for address in message.email.to)


@pytest.mark.django_db
def test_a_held_order_is_saved_with_no_mail(django_user_model):
    order = held_order()
    assert (order.status, order.held_reason) == (PrintOrder.Status.HELD, "More than 5 orders in an hour")
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_releasing_a_held_order_makes_it_new_records_who_and_queues_its_two_emails(django_user_model):
    order = held_order()
    user = django_user_model.objects.create_user("campaigns-team")
    before = timezone.now()

    assert release_held_order(order, user) is True

    saved = PrintOrder.objects.get()
    assert saved.status == order.status == PrintOrder.Status.NEW
    assert saved.previous_status == PrintOrder.Status.HELD
    assert saved.status_changed_by == user
    assert before <= saved.status_changed_at <= timezone.now()
    assert saved.held_reason == "More than 5 orders in an hour"
    assert recipients() == sorted([INBOX, "ann@example.org"])
    assert all(order.reference in message.subject for message in Message.objects.all())


@pytest.mark.django_db
def test_only_a_held_order_can_be_released(django_user_model):
    order = held_order()
    user = django_user_model.objects.create_user("campaigns-team")
    release_held_order(order, user)
    assert release_held_order(order, user) is False
    PrintOrder.objects.update(status=PrintOrder.Status.CANCELLED)
    order.status = PrintOrder.Status.HELD
    assert release_held_order(order, user) is False
    assert PrintOrder.objects.get().status == PrintOrder.Status.CANCELLED
    assert Message.objects.count() == 2


@pytest.mark.django_db
def test_an_order_stays_held_if_its_emails_cannot_be_queued(django_user_model, monkeypatch):
    order = held_order()
    user = django_user_model.objects.create_user("campaigns-team")

    def broken(*args, **kwargs):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr("mailer.backend.DbBackend.send_messages", broken)
    with pytest.raises(RuntimeError):
        release_held_order(order, user)
    saved = PrintOrder.objects.get()
    assert (saved.status, saved.previous_status, saved.status_changed_by) == (PrintOrder.Status.HELD, "", None)
    assert Message.objects.count() == 0


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database locks whole tables and does not wait; SQLite's locking is "
    "tested with a real server in tests/orders/test_concurrency.py",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_releasing_at_once_queue_the_emails_once(django_user_model):
    order = held_order()
    users = [django_user_model.objects.create_user(f"team-{n}") for n in range(2)]
    start = threading.Barrier(2)
    results = []

    def release(user):
        start.wait()
        try:
            results.append(release_held_order(PrintOrder.objects.get(pk=order.pk), user))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=release, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == [False, True]
    assert Message.objects.count() == 2
