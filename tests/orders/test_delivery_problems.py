"""An order tells the campaigns team what became of its emails (campaigns.orders.delivery)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Site

from campaigns.orders.delivery import delivery_problems, filter_delivery_failed, with_delivery_failed
from campaigns.orders.models import OrderSettings, PrintOrder
from mindsite.mail.models import MailDeliveryFailure
from tests.conftest import build_site
from tests.order_helpers import RecordingHandler, free_port, fresh_cache, place_order, smtp_server, use_smtp

pytestmark = pytest.mark.usefixtures(fresh_cache.__name__)

INBOX = "print-orders@example.org"


@pytest.fixture
def shop(db, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 100
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 100
    site = build_site(parts=1, stories=0)
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = INBOX
    order_settings.save()
    return [site.guide]


def deliver(settings, handler):
    port = free_port()
    use_smtp(settings, port)
    with smtp_server(port, handler):
        call_command("run_mail_worker", "--once")


def order_with(client, shop, email):
    place_order(client, shop, email=email)
    return PrintOrder.objects.get(email=email)


def test_a_refused_confirmation_is_told_in_words_in_one_query(client, shop, settings, django_assert_num_queries):
    refused = order_with(client, shop, "nobody@example.net")
    fine = order_with(client, shop, "ann@example.org")
    handler = RecordingHandler()
    handler.rcpt_answers = {"nobody@example.net": "550 5.1.1 <nobody@example.net>: user unknown"}
    deliver(settings, handler)

    with django_assert_num_queries(1):
        problems = delivery_problems(refused)
    assert problems == [
        "The confirmation to the campaigner could not be delivered: address refused "
        "(550 5.1.1 <[address]>: user unknown). Check the campaigner's email address on the order, "
        "and contact the campaigner another way, for example by post."
    ]
    with django_assert_num_queries(1):
        assert delivery_problems(fine) == []


def test_a_refused_inbox_email_says_to_check_the_inbox_address(client, shop, settings):
    order = order_with(client, shop, "ann@example.org")
    handler = RecordingHandler()
    handler.data_answers = {INBOX: "552 5.2.2 Mailbox full"}
    deliver(settings, handler)
    assert delivery_problems(order) == [
        "The email to the campaigns inbox could not be delivered: message refused (552 5.2.2 Mailbox full). "
        "Check the campaigns inbox address in Settings → Printed-copy orders: once it is right, "
        "later orders will reach it. This order is saved in Print orders."
    ]


def test_mail_still_being_retried_after_the_stuck_time_is_told_too(client, shop, settings):
    settings.ORDER_MAIL_STUCK_AFTER_MINUTES = 60
    order = order_with(client, shop, "ann@example.org")
    handler = RecordingHandler()
    handler.mode = "refuse"
    deliver(settings, handler)
    assert delivery_problems(order) == []

    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=61)
    problems = delivery_problems(order, now=later)
    assert len(problems) == 2
    assert problems[0].startswith("The confirmation to the campaigner has not been delivered yet")
    assert problems[1].startswith("The email to the campaigns inbox has not been delivered yet")
    assert all("(1 attempt). It will be tried again automatically." in problem for problem in problems)


def test_the_orders_list_flags_and_filters_failed_delivery_without_a_query_per_order(
    client, shop, settings, django_assert_num_queries
):
    refused = [order_with(client, shop, f"nobody{n}@example.net") for n in range(3)]
    fine = [order_with(client, shop, f"ann{n}@example.org") for n in range(3)]
    handler = RecordingHandler()
    handler.rcpt_answers = {o.email: "550 5.1.1 user unknown" for o in refused}
    # Still being retried is not "failed".
    handler.data_answers = {fine[0].email: "451 4.3.0 try later"}
    deliver(settings, handler)
    assert MailDeliveryFailure.objects.count() == 4

    with django_assert_num_queries(1):
        flags = {o.reference: o.delivery_failed for o in with_delivery_failed(PrintOrder.objects.all())}
    assert flags == {o.reference: o in refused for o in refused + fine}

    with django_assert_num_queries(1):
        assert {o.reference for o in filter_delivery_failed(PrintOrder.objects.all(), "mail", True)} == {
            o.reference for o in refused
        }
    assert {o.reference for o in filter_delivery_failed(PrintOrder.objects.all(), "mail", False)} == {
        o.reference for o in fine
    }
    assert filter_delivery_failed(PrintOrder.objects.all(), "mail", None).count() == 6


def test_the_print_orders_admin_flags_a_refused_confirmation(client, shop, settings, django_user_model):
    refused = order_with(client, shop, "nobody@example.net")
    order_with(client, shop, "ann@example.org")
    handler = RecordingHandler()
    handler.rcpt_answers = {"nobody@example.net": "550 5.1.1 <nobody@example.net>: user unknown"}
    deliver(settings, handler)
    team = django_user_model.objects.create_user("team", "team@mind.example", "pw")
    team.groups.add(Group.objects.get(name="Campaigns team"))
    client.force_login(team)

    page = client.get(f"/admin/snippets/orders/printorder/inspect/{refused.pk}/").content.decode()
    assert "The confirmation to the campaigner could not be delivered: address refused" in page

    listing = client.get("/admin/snippets/orders/printorder/").content.decode()
    assert listing.count("Confirmation not delivered") == 1
    flagged = client.get("/admin/snippets/orders/printorder/?mail=true").content.decode()
    assert refused.reference in flagged
    assert PrintOrder.objects.get(email="ann@example.org").reference not in flagged
