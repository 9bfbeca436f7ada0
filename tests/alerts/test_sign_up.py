"""The sign-up form: one answer whoever is signed up, limits like orders, nasty input at the field, kind refusals."""

from unittest import mock

import pytest
from django.core import mail, signing
from mailer.models import Message

from campaigns.alerts.models import Subscription
from campaigns.alerts.signup import STARTED
from mindsite.mail.queue import send_queued_mail
from tests.alerts.helpers import EMAIL, SIGN_UP_URL, provider_path, section, sign_up
from tests.order_helpers import fresh_cache

pytestmark = pytest.mark.usefixtures(fresh_cache.__name__, section.__name__)


def delivered():
    """Deliver the queue to Django's test outbox (MAILER_EMAIL_BACKEND is locmem in the test settings)."""
    send_queued_mail()
    return list(mail.outbox)


def answer_page(client, response):
    assert response.status_code == 302
    page = client.get(response["Location"])
    return response["Location"], page.content.decode()


def test_the_form_is_on_the_provider_and_england_pages(client, section):
    for path in (provider_path(section), f"{section.section.url}england/"):
        page = client.get(path).content.decode()
        assert "Email me when new figures are out" in page
        assert 'action="/alerts/sign-up/"' in page
        assert 'autocomplete="email"' in page
        assert "csrfmiddlewaretoken" not in page, "the cached page carries no per-reader token"


def test_the_answer_is_the_same_for_a_new_a_waiting_and_a_confirmed_address(client, section):
    new = answer_page(client, sign_up(client, section))
    waiting = answer_page(client, sign_up(client, section))
    Subscription.objects.update(confirmed_at=Subscription.objects.get().created_at)
    confirmed = answer_page(client, sign_up(client, section))
    assert new == waiting == confirmed
    assert "Check your email" in new[1]
    assert Subscription.objects.count() == 1
    subjects = [message.subject for message in delivered()]
    assert subjects == [
        "Confirm: email me when new restraint figures for Northshire Mental Health NHS Trust are out",
        "Confirm: email me when new restraint figures for Northshire Mental Health NHS Trust are out",
        "You are already signed up for new restraint figures for Northshire Mental Health NHS Trust",
    ]
    for message in mail.outbox:
        assert message.to == [EMAIL]
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_address_gets_at_most_a_few_emails_an_hour_and_the_page_never_says(client, section, settings):
    settings.ALERT_EMAILS_PER_ADDRESS_PER_HOUR = 2
    answers = {answer_page(client, sign_up(client, section, code=code)) for code in ("RX1", "NQ7", "ENGLAND")}
    assert len({location.split("?")[0] for location, _ in answers}) == 1
    assert Subscription.objects.count() == 3
    assert len(delivered()) == 2


def test_one_internet_connection_is_limited_an_hour_and_told(client, section, settings):
    settings.ALERT_SIGNUPS_PER_HOUR = 2
    for number in range(2):
        assert sign_up(client, section, email=f"person{number}@example.org").status_code == 302
    response = sign_up(client, section, email="person3@example.org")
    assert response.status_code == 429
    assert "a lot of sign-ups from your internet connection" in response.content.decode()
    assert 'value="person3@example.org"' in response.content.decode(), "what was typed is kept"
    assert Subscription.objects.count() == 2


@pytest.mark.parametrize("trap", ["honeypot", "too fast", "forged token"])
def test_a_bot_sees_the_same_answer_and_nothing_is_kept_or_sent(client, section, settings, trap):
    settings.ALERT_MIN_FILL_SECONDS = 60
    extra = {}
    if trap == "honeypot":
        settings.ALERT_MIN_FILL_SECONDS = 0
        extra["website"] = "http://spam.example"
    if trap == "forged token":
        extra["started"] = "figure-alert:forged"
    location, page = answer_page(client, sign_up(client, section, **extra))
    assert "Check your email" in page
    assert not Subscription.objects.exists()
    assert not Message.objects.exists()


def test_a_form_left_open_too_long_comes_back_to_send_again(client, section, settings):
    settings.ALERT_MAX_FILL_SECONDS = 60
    # Signed at the start of 1970: a signer whose clock says so.
    with mock.patch.object(signing.TimestampSigner, "timestamp", lambda self: "1"):
        old = STARTED.make()
    response = client.post(SIGN_UP_URL, {"for": "RX1", "email": EMAIL, "started": old})
    page = response.content.decode()
    assert response.status_code == 200
    assert "ran out of time" in page
    assert f'value="{EMAIL}"' in page
    assert not Subscription.objects.exists()


def test_a_post_from_another_site_gets_a_kind_page_with_the_form_again(client, section):
    started = STARTED.make()
    response = client.post(
        SIGN_UP_URL,
        {"for": "RX1", "email": EMAIL, "started": started},
        HTTP_ORIGIN="https://elsewhere.example",
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "You are not signed up yet" in page
    assert "Email me" in page and f'value="{EMAIL}"' in page
    assert not Subscription.objects.exists()


NASTY = {
    "300 characters": ("a" * 290 + "@example.org", "254 characters or fewer"),
    "emoji": ("ann😀@example.org", "Enter an email address, like name@example.com"),
    "a header injected": ("ann@example.org\r\nBcc: everyone@example.org", "hidden character"),
    "a NUL": ("ann@exam\x00ple.org", "hidden character"),
    "nothing": ("", "Enter your email address"),
    "a name": ("Ann Example", "Enter an email address, like name@example.com"),
}


@pytest.mark.parametrize("name", NASTY)
def test_nasty_input_gets_a_clear_message_at_the_field(client, section, name):
    typed, message = NASTY[name]
    response = sign_up(client, section, email=typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'aria-invalid="true"' in page
    assert 'id="figure-alert-email-error"' in page
    assert "There is a problem" in page
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("code", ["", "NOPE!", "X" * 300, "RX1\x00", "england\r\n"])
def test_a_provider_that_is_not_there_is_a_404_not_a_500(client, section, code):
    response = client.post(SIGN_UP_URL, {"for": code, "email": EMAIL, "started": STARTED.make()})
    assert response.status_code == 404


def test_a_lower_case_code_signs_up_for_the_provider(client, section):
    response = client.post(SIGN_UP_URL, {"for": "rx1", "email": EMAIL, "started": STARTED.make()})
    assert response.status_code == 302
    assert Subscription.objects.get().code == "RX1"


def test_the_answer_and_form_pages_are_never_cached(client, section):
    response = sign_up(client, section)
    for url in (SIGN_UP_URL + "?for=RX1", response["Location"]):
        assert "no-store" in client.get(url)["Cache-Control"]
