"""The dashboard flags mail refused for good at once, apart from mail still being retried; the team can act on it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from mailer.models import Message
from wagtail.models import Site

from campaigns.orders.delivery import delivery_problems
from campaigns.orders.models import OrderSettings, PrintOrder
from mindsite.mail.models import MailDeliveryFailure
from tests.conftest import build_site
from tests.order_helpers import RecordingHandler, free_port, fresh_cache, place_order, smtp_server, use_smtp

pytestmark = pytest.mark.usefixtures(fresh_cache.__name__)

INBOX = "print-orders@example.org"
DASHBOARD = "/admin/"
ACT = "/admin/mail/failed/"


@pytest.fixture
def shop(db, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 100
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 100
    site = build_site(parts=1, stories=0)
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = INBOX
    order_settings.save()
    port = free_port()
    use_smtp(settings, port)
    return {"guides": [site.guide], "port": port}


@pytest.fixture
def team_member(django_user_model):
    user = django_user_model.objects.create_user("team", "team@mind.example", "pw")
    user.groups.add(Group.objects.get(name="Campaigns team"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@mind.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def deliver(shop, handler):
    with smtp_server(shop["port"], handler):
        call_command("run_mail_worker", "--once")


def refusing_inbox():
    handler = RecordingHandler()
    handler.rcpt_answers = {INBOX: f"550 5.1.1 <{INBOX}>: Recipient address rejected: User unknown"}
    return handler


def test_a_refused_inbox_is_flagged_at_once_to_the_team_and_not_to_editors(client, shop, team_member, editor):
    place_order(client, shop["guides"], email="ann@example.org")
    order = PrintOrder.objects.get()
    deliver(shop, refusing_inbox())

    client.force_login(team_member)
    html = client.get(DASHBOARD).content.decode()
    assert "1 email could not be delivered</h2>" in html
    assert f"“Print order {order.reference}: 2 printed copies”: address refused on" in html
    assert "550 5.1.1 &lt;[address]&gt;: Recipient address rejected: User unknown" in html
    assert "Check the campaigns inbox address in Settings → Printed-copy orders" in html
    assert "Try again" in html
    # Refused for good is not "still being retried".
    assert "could not be delivered for over" not in html
    assert INBOX not in html

    client.force_login(editor)
    html = client.get(DASHBOARD).content.decode()
    assert "could not be delivered" not in html
    # Wagtail answers a permission denied in the admin with a redirect and a message.
    client.post(ACT, {"message": "all", "action": "retry"})
    assert MailDeliveryFailure.objects.get().gave_up_at is not None
    assert Message.objects.non_deferred().count() == 0


def test_refused_and_still_waiting_mail_are_told_apart(client, shop, team_member):
    place_order(client, shop["guides"], email="nobody@example.net")
    handler = RecordingHandler()
    handler.rcpt_answers = {"nobody@example.net": "550 5.1.1 user unknown", INBOX: "451 4.3.0 try later"}
    deliver(shop, handler)
    client.force_login(team_member)

    html = client.get(DASHBOARD).content.decode()
    assert "1 email could not be delivered</h2>" in html
    assert "contact the campaigner another way" in html
    assert "could not be delivered for over" not in html

    Message.objects.update(when_added=timezone.now() - datetime.timedelta(minutes=61))
    html = client.get(DASHBOARD).content.decode()
    assert "1 email could not be delivered</h2>" in html
    assert "1 email could not be delivered for over an hour." in html
    assert "(last error: SMTPRecipientsRefused 451)" in html


def test_the_team_tries_a_refused_email_again_once_the_problem_is_put_right(client, shop, team_member):
    place_order(client, shop["guides"], email="ann@example.org")
    order = PrintOrder.objects.get()
    deliver(shop, refusing_inbox())
    [failed] = Message.objects.all()
    client.force_login(team_member)

    response = client.post(ACT, {"message": str(failed.pk), "action": "retry", "next": "/admin/"}, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "1 email will be tried again within a minute." in response.content.decode()
    assert MailDeliveryFailure.objects.count() == 0
    assert "could not be delivered" not in response.content.decode()

    handler = RecordingHandler()
    deliver(shop, handler)
    [to_inbox] = handler.to(INBOX)
    assert order.reference in to_inbox["Subject"]
    assert Message.objects.count() == 0
    assert delivery_problems(order) == []


def test_marked_dealt_with_it_leaves_the_dashboard_but_stays_on_the_order(client, shop, team_member):
    place_order(client, shop["guides"], email="ann@example.org")
    order = PrintOrder.objects.get()
    deliver(shop, refusing_inbox())
    [failed] = Message.objects.all()
    client.force_login(team_member)

    response = client.post(ACT, {"message": str(failed.pk), "action": "dealt_with"}, follow=True)
    assert "1 email marked as dealt with." in response.content.decode()
    assert "could not be delivered" not in client.get(DASHBOARD).content.decode()
    assert len(delivery_problems(order)) == 1
    # Still never retried by itself.
    assert Message.objects.non_deferred().count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"message": "abc", "action": "retry"},
        {"message": "²", "action": "retry"},
        {"message": "9" * 40, "action": "dealt_with"},
        {"message": "1", "action": "delete"},
        {"message": "all", "action": "retry", "next": "https://evil.example/"},
    ],
)
def test_odd_requests_get_a_message_never_an_error(client, shop, team_member, data):
    client.force_login(team_member)
    response = client.post(ACT, data)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(ACT).status_code == 405


def test_the_dashboard_is_drawn_in_a_bounded_number_of_queries(
    client, shop, team_member, django_assert_max_num_queries
):
    for n in range(3):
        place_order(client, shop["guides"], email=f"nobody{n}@example.net")
    handler = refusing_inbox()
    handler.rcpt_answers.update({f"nobody{n}@example.net": "550 5.1.1 user unknown" for n in range(3)})
    deliver(shop, handler)
    client.force_login(team_member)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(60) as few:
        client.get(DASHBOARD)
    queries = len(few.captured_queries)
    for n in range(3, 6):
        place_order(client, shop["guides"], email=f"nobody{n}@example.net")
        handler.rcpt_answers[f"nobody{n}@example.net"] = "550 5.1.1 user unknown"
    deliver(shop, handler)
    with django_assert_max_num_queries(queries):
        html = client.get(DASHBOARD).content.decode()
    assert "12 emails could not be delivered</h2>" in html
