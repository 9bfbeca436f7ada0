"""Personal data in an order is erased a set number of days after it is dispatched or cancelled."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from mailer.models import RESULT_SUCCESS, Message, MessageLog

from campaigns.orders.models import PrintOrder
from tests.order_helpers import fresh_cache, place_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]


@pytest.fixture
def orders(client, site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDER_RETENTION_DAYS = 90
    settings.NEW_ORDER_ERASE_DAYS = 90
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 100
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 100
    for n in range(4):
        place_order(client, [site.guide], email=f"person{n}@example.org", full_name=f"Person {n}")
    now = timezone.now()
    old, recent, cancelled, new = PrintOrder.objects.order_by("pk")
    PrintOrder.objects.filter(pk=old.pk).update(
        status="dispatched", status_changed_at=now - datetime.timedelta(days=91)
    )
    PrintOrder.objects.filter(pk=recent.pk).update(
        status="dispatched", status_changed_at=now - datetime.timedelta(days=89)
    )
    PrintOrder.objects.filter(pk=cancelled.pk).update(
        status="cancelled", status_changed_at=now - datetime.timedelta(days=120)
    )
    # Not yet dispatched, and not old enough for NEW_ORDER_ERASE_DAYS (tests/orders/test_unsettled_orders.py).
    PrintOrder.objects.filter(pk=new.pk).update(created_at=now - datetime.timedelta(days=60))
    return {o.full_name: o for o in PrintOrder.objects.all()}


def test_old_settled_orders_lose_personal_data_and_keep_what_reporting_needs(orders):
    call_command("erase_old_orders")
    old = PrintOrder.objects.get(pk=orders["Person 0"].pk)
    assert old.personal_data_erased_at is not None
    for field in ("full_name", "email", "organisation", "address_line_1", "address_line_2", "town", "postcode"):
        assert getattr(old, field) == "", field
    assert old.purpose == "" and old.wants_updates is False
    assert old.reference == orders["Person 0"].reference
    assert old.postcode_district == "SW1A"
    assert old.created_at == orders["Person 0"].created_at
    assert old.status_changed_at == orders["Person 0"].status_changed_at
    assert [(i.guide_title, i.quantity) for i in old.items.all()] == [("What the guidance says", 2)]

    assert PrintOrder.objects.get(pk=orders["Person 2"].pk).is_erased
    # Dispatched less than 90 days ago, or new for 60 days: kept.
    assert PrintOrder.objects.get(pk=orders["Person 1"].pk).full_name == "Person 1"
    assert PrintOrder.objects.get(pk=orders["Person 3"].pk).full_name == "Person 3"


def test_the_retention_is_a_setting(orders, settings):
    settings.ORDER_RETENTION_DAYS = 30
    call_command("erase_old_orders")
    assert PrintOrder.objects.get(pk=orders["Person 1"].pk).is_erased


def test_mail_and_its_logs_keep_no_personal_data_past_the_retention(orders):
    old = timezone.now() - datetime.timedelta(days=91)
    assert Message.objects.count() == 8
    Message.objects.filter(pk__in=list(Message.objects.order_by("pk").values_list("pk", flat=True)[:2])).update(
        when_added=old
    )
    MessageLog.objects.create(
        message_id="<x@y>", when_added=old, when_attempted=old, priority=2, result=RESULT_SUCCESS, log_message="x"
    )
    fresh = MessageLog.objects.create(message_id="<a@b>", when_added=timezone.now(), priority=2, result=RESULT_SUCCESS)
    call_command("erase_old_orders")
    assert Message.objects.count() == 6
    assert list(MessageLog.objects.all()) == [fresh]


def test_erasing_twice_changes_nothing(orders):
    call_command("erase_old_orders")
    first = PrintOrder.objects.get(pk=orders["Person 0"].pk).personal_data_erased_at
    call_command("erase_old_orders")
    assert PrintOrder.objects.get(pk=orders["Person 0"].pk).personal_data_erased_at == first
