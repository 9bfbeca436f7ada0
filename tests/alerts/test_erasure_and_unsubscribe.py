"""Nothing personal outlives its time: unconfirmed sign-ups go after 7 days (a moved clock), unsubscribing at once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from mailer.models import Message, MessageLog

from campaigns.alerts.models import AlertSent, Subscription
from mindsite.mail.queue import send_queued_mail
from mindsite.privacy.erasure import erase_old_personal_data
from tests.alerts.helpers import import_month, link_in, section, sign_up
from tests.order_helpers import fresh_cache

pytestmark = pytest.mark.usefixtures(fresh_cache.__name__, section.__name__)


def erased_by_the_daily_job(now):
    return dict(erase_old_personal_data(now))["Figure alerts"]


def test_an_unconfirmed_sign_up_is_erased_after_seven_days_with_its_mail(client, section):
    sign_up(client, section)
    made = Subscription.objects.get().created_at
    assert Message.objects.count() == 1  # the confirmation, still queued (no worker ran)

    assert erased_by_the_daily_job(made + datetime.timedelta(days=6, hours=23)).startswith("erased 0 ")
    assert Subscription.objects.exists()

    said = erased_by_the_daily_job(made + datetime.timedelta(days=7, minutes=1))
    assert said.startswith("erased 1 figure alert sign-up(s) not confirmed within 7 days")
    assert not Subscription.objects.exists()
    assert not Message.objects.exists(), "the queued confirmation holds the address: it goes too"


def test_a_sent_confirmations_mail_log_goes_with_the_sign_up(client, section):
    sign_up(client, section)
    send_queued_mail()
    assert MessageLog.objects.count() == 1
    made = Subscription.objects.get().created_at
    erased_by_the_daily_job(made + datetime.timedelta(days=8))
    assert not MessageLog.objects.exists()


def test_a_confirmed_sign_up_is_kept(client, section):
    sign_up(client, section)
    Subscription.objects.update(confirmed_at=timezone.now())
    erased_by_the_daily_job(timezone.now() + datetime.timedelta(days=365))
    assert Subscription.objects.exists()


def test_signing_up_again_starts_the_seven_days_again(client, section):
    sign_up(client, section)
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=6))
    sign_up(client, section)
    erased_by_the_daily_job(timezone.now() + datetime.timedelta(days=2))
    assert Subscription.objects.exists()


def test_a_confirmation_link_past_its_time_no_longer_works(client, section):
    sign_up(client, section)
    [message] = Message.objects.all()
    path = link_in(message.email, "confirm")
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    response = client.get(path)
    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()
    client.post(path)
    assert Subscription.objects.get().confirmed_at is None


def test_unsubscribing_with_the_button_erases_the_address_and_its_queued_alert(client, section):
    sign_up(client, section)
    subscription = Subscription.objects.get()
    confirmation = Message.objects.get().email
    Subscription.objects.update(confirmed_at=timezone.now())
    import_month((2025, 4))
    call_command("send_figure_alerts")
    assert AlertSent.objects.count() == 1
    assert Message.objects.count() == 2

    path = link_in(confirmation, "unsubscribe")
    page = client.get(path)
    assert "Stop these emails" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists(), "a GET changes nothing"
    response = client.post(path)
    assert response.status_code == 302
    assert "You will get no more emails" in client.get(response["Location"]).content.decode()
    assert not Subscription.objects.exists()
    assert not Message.objects.exists(), "the alert still queued for this address is gone too"

    again = client.get(path)
    assert again.status_code == 200
    assert "not signed up for these emails any more" in again.content.decode()


@pytest.mark.parametrize("token", ["nonsense", "W10:1xZrQj:forged", "a" * 2000, "%00"])
def test_a_mangled_link_is_a_calm_page_not_an_error(client, section, token):
    for kind in ("confirm", "unsubscribe"):
        for method in ("get", "post"):
            response = getattr(client, method)(f"/alerts/{kind}/{token}/")
            assert response.status_code in (200, 302, 404)
