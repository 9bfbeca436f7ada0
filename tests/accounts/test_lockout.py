"""Guessing admin passwords gets an account, and an address, locked for a while (django-axes)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from mindsite.settings.base import proxy_networks
from tests.admin_helpers import CODE_URL, add_authenticator, make_superuser, sign_in_with_password

pytestmark = pytest.mark.django_db

GUESSER = "203.0.113.9"


@pytest.fixture
def ada(django_user_model):
    user = make_superuser(django_user_model, "ada")
    add_authenticator(user)
    return user


def guess(client, username, times, address=GUESSER, **extra):
    return [
        sign_in_with_password(client, username, f"guess number {n}", REMOTE_ADDR=address, **extra) for n in range(times)
    ]


def signed_in(response):
    """The password was accepted: on to the code step."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def assert_locked_out(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "Signing in is paused" in html
    assert "paused for 15 minutes" in html
    assert response["Retry-After"] == "900"
    assert "no-store" in response["Cache-Control"]


def test_a_password_guesser_is_locked_out_and_then_the_right_password_fails_too(client, ada):
    responses = guess(client, "ada", 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert "Your username and password didn&#x27;t match" in responses[0].content.decode()
    assert_locked_out(responses[4])

    assert_locked_out(sign_in_with_password(client, "ada", REMOTE_ADDR=GUESSER))
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_the_account_is_locked_whichever_address_the_guesses_come_from(client, ada):
    for n in range(5):
        guess(client, "ada", 1, address=f"198.51.100.{n}")
    assert_locked_out(sign_in_with_password(client, "ada", REMOTE_ADDR="192.0.2.77"))


def test_the_address_is_locked_whichever_accounts_it_guesses(client, ada, django_user_model):
    make_superuser(django_user_model, "bea")
    for name in ("cat", "dan", "eve", "fay", "gus"):
        guess(client, name, 1)
    assert_locked_out(sign_in_with_password(client, "bea", REMOTE_ADDR=GUESSER))
    assert signed_in(sign_in_with_password(client, "bea", REMOTE_ADDR="192.0.2.77"))


def test_a_spoofed_forwarded_for_header_does_not_help_a_guesser(client, ada, settings):
    settings.BEHIND_PROXY = 0
    for n in range(5):
        guess(client, f"user{n}", 1, HTTP_X_FORWARDED_FOR=f"10.9.8.{n}")
    assert_locked_out(sign_in_with_password(client, "ada", REMOTE_ADDR=GUESSER))


def test_behind_a_proxy_each_client_is_counted_by_the_address_the_proxy_saw(client, ada, settings):
    settings.BEHIND_PROXY = 1
    settings.TRUSTED_PROXY_CIDRS = proxy_networks("10.0.0.0/8")
    proxy = "10.0.0.2"
    # The guesser writes its own X-Forwarded-For; the proxy appends the address it really saw.
    for n in range(5):
        guess(client, f"user{n}", 1, address=proxy, HTTP_X_FORWARDED_FOR=f"10.9.8.{n}, {GUESSER}")
    assert AccessAttempt.objects.filter(ip_address=GUESSER).count() == 5
    locked = sign_in_with_password(client, "ada", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=GUESSER)
    assert_locked_out(locked)
    colleague = sign_in_with_password(client, "ada", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert signed_in(colleague)


def test_unlocking_an_account_by_command(client, ada):
    guess(client, "ada", 5)
    call_command("axes_reset_username", "ada")
    call_command("axes_reset_ip", GUESSER)
    response = sign_in_with_password(client, "ada", REMOTE_ADDR=GUESSER)
    assert signed_in(response)
    assert client.get("/admin/")["Location"].startswith(CODE_URL)


def test_the_lock_lifts_after_the_wait(client, ada):
    guess(client, "ada", 5)
    assert_locked_out(sign_in_with_password(client, "ada", REMOTE_ADDR=GUESSER))
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert signed_in(sign_in_with_password(client, "ada", REMOTE_ADDR=GUESSER))


def test_a_wrong_password_now_and_then_locks_nobody_out(client, ada):
    guess(client, "ada", 4)
    assert signed_in(sign_in_with_password(client, "ada", REMOTE_ADDR=GUESSER))
