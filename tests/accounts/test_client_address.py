"""The client's address (accounts/client_address.py): one answer for the lockout, order limits and feedback limits.

X-Forwarded-For is believed only with BEHIND_PROXY, only on a connection from a trusted proxy
(TRUSTED_PROXY_CIDRS), and then only the entries the proxies appended (the right-most), never the
ones the client wrote itself.
"""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from campaigns.orders.models import PrintOrder
from mindsite.accounts import client_address as client_address_module
from mindsite.accounts.client_address import client_address
from mindsite.feedback.models import PageFeedback
from mindsite.feedback.views import STARTED as FEEDBACK_STARTED
from mindsite.settings.base import proxies_in_front, proxy_networks
from tests.admin_helpers import make_superuser, sign_in_with_password
from tests.order_helpers import place_order

PROXY = "10.0.0.2"
CLIENT = "203.0.113.7"


@pytest.fixture(autouse=True)
def proxies_on_the_private_network(settings):
    settings.TRUSTED_PROXY_CIDRS = proxy_networks("10.0.0.0/8")


def request_from(remote_addr=PROXY, forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


# --- the function --------------------------------------------------------------------


def test_without_behind_proxy_a_forwarded_for_header_is_never_believed(settings):
    settings.BEHIND_PROXY = 0
    assert client_address(request_from(CLIENT)) == CLIENT
    assert client_address(request_from(PROXY, "198.51.100.1")) == PROXY
    assert client_address(request_from(PROXY, f"198.51.100.1, {CLIENT}")) == PROXY


def test_behind_one_proxy_the_right_most_entry_is_the_client_not_the_left_most(settings):
    settings.BEHIND_PROXY = 1
    assert client_address(request_from(PROXY, CLIENT)) == CLIENT
    # The client wrote "198.51.100.1, 192.0.2.5" itself; the proxy appended the address it saw.
    assert client_address(request_from(PROXY, f"198.51.100.1, 192.0.2.5,{CLIENT}")) == CLIENT


def test_behind_a_chain_of_proxies_the_entry_the_outermost_one_appended_is_the_client(settings):
    # A CDN appends the client's address; the load balancer behind it appends the CDN's. Both are trusted.
    settings.BEHIND_PROXY = 2
    settings.TRUSTED_PROXY_CIDRS = proxy_networks("10.0.0.0/8, 192.0.2.0/24")
    assert client_address(request_from(PROXY, f"198.51.100.1, {CLIENT}, 192.0.2.80")) == CLIENT


def test_a_request_that_did_not_pass_every_proxy_is_counted_by_the_last_address_a_trusted_proxy_saw(settings):
    settings.BEHIND_PROXY = 2
    # The load balancer (trusted) saw CLIENT: it reached the load balancer without the CDN.
    assert client_address(request_from(PROXY, CLIENT)) == CLIENT
    # A health check from the load balancer itself.
    assert client_address(request_from(PROXY)) == PROXY
    assert client_address(request_from(PROXY, "10.0.0.9")) == "10.0.0.9"


# --- only a trusted proxy may say who the client is (the lockout bypass) --------------


def test_a_connection_from_outside_the_trusted_proxies_is_the_client_whatever_it_sends(settings, address_log):
    settings.BEHIND_PROXY = 1
    # A guesser reaching the web process directly, with a new X-Forwarded-For each try.
    for n in range(3):
        assert client_address(request_from(CLIENT, f"198.51.100.{n}")) == CLIENT
        assert client_address(request_from(CLIENT, f"10.0.0.{n}, 198.51.100.{n}")) == CLIENT
    [warning] = [r for r in address_log.records if "outside TRUSTED_PROXY_CIDRS" in r.getMessage()]
    assert CLIENT not in warning.getMessage()


def test_the_walk_skips_trusted_proxies_and_stops_at_the_first_address_that_is_not_one(settings):
    settings.BEHIND_PROXY = 2
    settings.TRUSTED_PROXY_CIDRS = proxy_networks("10.0.0.0/8, 192.0.2.0/24")
    # client -> CDN (192.0.2.80, trusted) -> load balancer (PROXY): the CDN's entry is skipped.
    assert client_address(request_from(PROXY, f"198.51.100.1, {CLIENT}, 192.0.2.80")) == CLIENT
    # Straight to the load balancer, skipping the CDN: the load balancer saw CLIENT, and
    # "198.51.100.1" left of it is the client's own claim.
    assert client_address(request_from(PROXY, f"198.51.100.1, {CLIENT}")) == CLIENT


def test_a_chain_whose_outer_proxy_is_not_trusted_stops_at_that_proxy(settings):
    # The CDN's ranges were left out of TRUSTED_PROXY_CIDRS: what the CDN wrote is not believed.
    settings.BEHIND_PROXY = 2
    assert client_address(request_from(PROXY, f"198.51.100.1, {CLIENT}, 192.0.2.80")) == "192.0.2.80"


def test_no_more_entries_than_there_are_proxies_are_read(settings):
    # A client inside a trusted range (an office on the private network) cannot pass on a claim.
    settings.BEHIND_PROXY = 1
    assert client_address(request_from(PROXY, f"{CLIENT}, 10.0.0.50")) == "10.0.0.50"


def test_an_ipv4_address_written_as_ipv6_is_the_same_address(settings):
    settings.BEHIND_PROXY = 1
    assert client_address(request_from("::ffff:10.0.0.2", CLIENT)) == CLIENT
    assert client_address(request_from("::ffff:203.0.113.7", "198.51.100.1")) == CLIENT


def test_trusted_proxy_cidrs_are_networks_or_single_addresses():
    assert proxy_networks("") == ()
    assert [str(n) for n in proxy_networks(" 10.0.0.0/8 ,127.0.0.1, ::1/128,")] == [
        "10.0.0.0/8",
        "127.0.0.1/32",
        "::1/128",
    ]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_CIDRS has 'the load balancer'"):
        proxy_networks("10.0.0.0/8, the load balancer")


def test_junk_where_an_address_should_be_is_not_believed(settings):
    settings.BEHIND_PROXY = 1
    assert client_address(request_from(PROXY, "not-an-address")) == PROXY
    assert client_address(request_from(PROXY, "2001:DB8:0:0::1")) == "2001:db8::1"
    assert client_address(request_from("")) is None


def test_behind_proxy_is_true_false_or_a_number_of_proxies():
    assert [proxies_in_front(value) for value in ("false", "", "0", "true", "True", "1", "2")] == [0, 0, 0, 1, 1, 1, 2]
    with pytest.raises(ImproperlyConfigured, match="BEHIND_PROXY"):
        proxies_in_front("cloudflare")


@pytest.fixture
def address_log(caplog, monkeypatch):
    # The "mindsite" logger does not pass records up to the root logger, where caplog listens.
    monkeypatch.setattr(logging.getLogger("mindsite"), "propagate", True)
    monkeypatch.setattr(client_address_module, "_unbelieved_header_logged", False)
    caplog.set_level(logging.WARNING)
    return caplog


def unbelieved_header_warnings(log):
    return [r for r in log.records if "BEHIND_PROXY is off" in r.getMessage()]


def test_a_forwarded_for_header_without_behind_proxy_is_warned_of_once(settings, address_log):
    settings.BEHIND_PROXY = 0
    client_address(request_from(PROXY))
    assert unbelieved_header_warnings(address_log) == []
    client_address(request_from(PROXY, CLIENT))
    [warning] = unbelieved_header_warnings(address_log)
    assert warning.name == "mindsite.accounts.client_address"
    assert "share one sign-in lockout and one hourly allowance of orders and page feedback" in warning.getMessage()
    assert CLIENT not in warning.getMessage()
    client_address(request_from(PROXY, "198.51.100.9"))
    assert len(unbelieved_header_warnings(address_log)) == 1


def test_no_warning_behind_a_proxy(settings, address_log):
    settings.BEHIND_PROXY = 1
    client_address(request_from(PROXY, CLIENT))
    assert unbelieved_header_warnings(address_log) == []


# --- a deployment still setting the old variables ------------------------------------


def retired_setting_errors():
    return [message for message in checks.run_checks() if message.id == "mindsite.E001"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("TRUSTED_PROXY_COUNT", "BEHIND_PROXY"),
        ("ORDER_TRUSTED_PROXY_COUNT", "BEHIND_PROXY"),
        ("ORDER_THROTTLE_PER_HOUR", "ORDERS_PER_HOUR_BEFORE_HOLD"),
        ("ORDER_HOLD_LIMIT_PER_HOUR", "ORDERS_PER_HOUR_BEFORE_REFUSAL"),
    ],
)
def test_an_old_variable_still_set_is_an_error_naming_its_replacement(monkeypatch, old, new):
    monkeypatch.delenv(old, raising=False)
    assert retired_setting_errors() == []
    monkeypatch.setenv(old, "1")
    [error] = retired_setting_errors()
    assert error.level == checks.ERROR
    assert old in error.msg
    assert f"Set {new}" in error.hint


def test_an_old_setting_in_a_settings_file_is_an_error_too(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    [error] = retired_setting_errors()
    assert "TRUSTED_PROXY_COUNT" in error.msg


# --- lockout, order limits and feedback limits all count that address ----------------


@pytest.fixture
def guide(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 1
    settings.ORDERS_PER_HOUR_BEFORE_REFUSAL = 1
    return site.guide


def order_from(guide, n, remote_addr, forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return place_order(Client(REMOTE_ADDR=remote_addr, **extra), [guide], email=f"order{n}@example.org")


@pytest.mark.django_db
def test_order_limits_ignore_a_spoofed_header_without_behind_proxy(guide, settings):
    settings.BEHIND_PROXY = 0
    assert order_from(guide, 1, CLIENT, "198.51.100.1").status_code == 302
    assert order_from(guide, 2, CLIENT, "198.51.100.2").status_code == 429
    assert PrintOrder.objects.count() == 1


@pytest.mark.django_db
def test_order_limits_count_the_address_the_proxy_appended(guide, settings):
    settings.BEHIND_PROXY = 1
    assert order_from(guide, 1, PROXY, f"198.51.100.1, {CLIENT}").status_code == 302
    # A new left-most entry of the client's own making does not make it a new client...
    assert order_from(guide, 2, PROXY, f"198.51.100.2, {CLIENT}").status_code == 429
    # ...while another client behind the same proxy is one.
    assert order_from(guide, 3, PROXY, f"{CLIENT}, 192.0.2.77").status_code == 302
    assert PrintOrder.objects.count() == 2


def feedback_from(page, remote_addr, forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    data = {"answer": "yes", "started": FEEDBACK_STARTED.make(), "website": ""}
    return Client(REMOTE_ADDR=remote_addr, **extra).post(f"/feedback/{page.pk}/", data)


@pytest.mark.django_db
def test_feedback_limits_ignore_a_spoofed_header_without_behind_proxy(site, settings):
    settings.FEEDBACK_MIN_SECONDS = 0
    settings.FEEDBACK_PER_HOUR = 1
    settings.BEHIND_PROXY = 0
    part = site.chapters[0]
    assert feedback_from(part, CLIENT, "198.51.100.1").status_code == 302
    assert feedback_from(part, CLIENT, "198.51.100.2").status_code == 429
    assert PageFeedback.objects.count() == 1


@pytest.mark.django_db
def test_feedback_limits_count_the_address_the_proxy_appended(site, settings):
    settings.FEEDBACK_MIN_SECONDS = 0
    settings.FEEDBACK_PER_HOUR = 1
    settings.BEHIND_PROXY = 1
    part = site.chapters[0]
    assert feedback_from(part, PROXY, f"198.51.100.1, {CLIENT}").status_code == 302
    assert feedback_from(part, PROXY, f"198.51.100.2, {CLIENT}").status_code == 429
    assert feedback_from(part, PROXY, "192.0.2.77").status_code == 302
    assert PageFeedback.objects.count() == 2


@pytest.mark.django_db
def test_the_lockout_ignores_a_spoofed_header_without_behind_proxy(client, django_user_model, settings):
    settings.BEHIND_PROXY = 0
    make_superuser(django_user_model, "ada")
    sign_in_with_password(client, "ada", "a wrong guess", REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]


@pytest.mark.django_db
def test_the_lockout_counts_the_address_the_proxy_appended(client, django_user_model, settings):
    settings.BEHIND_PROXY = 1
    make_superuser(django_user_model, "ada")
    sign_in_with_password(
        client, "ada", "a wrong guess", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.1, {CLIENT}"
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]


def settings_loaded_with(**env):
    """Load the base settings in a new Python with this environment: (exit code, error output)."""
    environment = {
        key: value for key, value in os.environ.items() if key not in ("BEHIND_PROXY", "TRUSTED_PROXY_CIDRS")
    }
    result = subprocess.run(
        [sys.executable, "-c", "import mindsite.settings.base"],
        env={**environment, **env},
        cwd=Path(django_settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, result.stderr


def test_behind_proxy_without_trusted_proxy_cidrs_refuses_to_start():
    code, error = settings_loaded_with(BEHIND_PROXY="true")
    assert code != 0
    assert "BEHIND_PROXY is on but TRUSTED_PROXY_CIDRS is not set" in error
    assert settings_loaded_with(BEHIND_PROXY="true", TRUSTED_PROXY_CIDRS="10.0.0.0/16")[0] == 0
    assert settings_loaded_with(BEHIND_PROXY="false")[0] == 0
