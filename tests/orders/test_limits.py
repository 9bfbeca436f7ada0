"""A person over a limit is never told an order exists that does not.

Over the hourly limit for one connection the order is saved but held for review, with no mail;
past a higher limit, and over the daily cap to one address, the form says plainly that the
order was not placed, why, and how to reach the campaigns team, with what was typed kept.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from mailer.models import Message
from wagtail.models import Site

from campaigns.orders.models import OrderSettings, PrintOrder
from mindsite.settings.base import proxy_networks
from tests.order_helpers import CONFIRMATION_URL, fresh_cache, place_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

INBOX = "print-orders@example.org"


@pytest.fixture
def guide(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 100
    settings.ORDERS_PER_HOUR_BEFORE_REFUSAL = 100
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 100
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = INBOX
    order_settings.save()
    return site.guide


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)


def assert_not_placed_and_form_kept(response, *, status, says, typed):
    assert response.status_code == status
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.get_text().startswith("Error:")
    summary = page.find("main").find(class_="error-summary")
    assert summary["role"] == "alert"
    assert summary.find("h2").get_text() == "Your order has not been placed"
    summary_text = " ".join(summary.get_text(" ", strip=True).split())
    assert says in summary_text
    assert summary.find("a", href=f"mailto:{INBOX}")
    assert "Your reference" not in page.get_text()
    # Everything typed is still in the form.
    for name, value in typed.items():
        field = page.find(attrs={"name": name})
        assert (field.get("value") or field.get_text()) == value, name


def test_over_the_hourly_limit_an_order_is_held_with_no_mail_and_the_page_says_so(guide, settings):
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 2
    ward = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(2):
        assert place_order(ward, [guide], email=f"nurse{n}@example.org").status_code == 302
    assert set(PrintOrder.objects.values_list("status", flat=True)) == {PrintOrder.Status.NEW}
    assert Message.objects.count() == 4

    response = place_order(ward, [guide], email="third@example.org")
    assert response["Location"] == CONFIRMATION_URL
    held = PrintOrder.objects.get(email="third@example.org")
    assert held.status == PrintOrder.Status.HELD
    assert held.held_reason.startswith("More than 2 orders in an hour from one internet connection")
    assert held.items.get().quantity == 2
    assert Message.objects.count() == 4

    confirmation = ward.get(CONFIRMATION_URL)
    page = text_of(confirmation)
    assert confirmation.context["page_title"] == "Order received"
    assert "Order placed" not in page
    assert f"Your reference is {held.reference}" in page
    assert "The campaigns team will check your order before it is posted." in page
    assert "You do not need to do anything." in page
    assert f"email the campaigns team at {INBOX} quoting your reference, {held.reference}." in page
    assert BeautifulSoup(confirmation.content, "html.parser").find("a", href=f"mailto:{INBOX}")

    # Someone on another connection is not affected.
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    assert place_order(elsewhere, [guide], email="else@example.org").status_code == 302
    assert PrintOrder.objects.get(email="else@example.org").status == PrintOrder.Status.NEW
    assert Message.objects.count() == 6


def test_past_the_hold_limit_nothing_is_saved_and_the_form_says_so(guide, settings):
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 1
    settings.ORDERS_PER_HOUR_BEFORE_REFUSAL = 2
    bot = Client(REMOTE_ADDR="203.0.113.7")
    place_order(bot, [guide], email="one@example.org")
    place_order(bot, [guide], email="two@example.org")
    assert sorted(PrintOrder.objects.values_list("status", flat=True)) == ["held", "new"]

    for n in range(2):
        response = place_order(bot, [guide], email=f"more{n}@example.org", full_name="Bea Example")
        assert_not_placed_and_form_kept(
            response,
            status=429,
            says="We have had more orders from your internet connection in the last hour than we can take.",
            typed={"full_name": "Bea Example", "email": f"more{n}@example.org", f"guide_{guide.pk}": "2"},
        )
    assert PrintOrder.objects.count() == 2
    assert Message.objects.count() == 2


def test_the_throttle_sees_the_client_behind_a_trusted_proxy(guide, settings):
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 1
    settings.BEHIND_PROXY = 1
    settings.TRUSTED_PROXY_CIDRS = proxy_networks("10.0.0.0/8")
    one = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    two = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    place_order(one, [guide], email="a@example.org")
    place_order(two, [guide], email="b@example.org")
    assert list(PrintOrder.objects.values_list("status", flat=True)) == ["new", "new"]


def test_the_throttle_keeps_no_raw_address(guide):
    place_order(Client(REMOTE_ADDR="203.0.113.77"), [guide])
    keys = list(cache._cache.keys())  # the locmem cache's own store: Django has no public way to list keys
    assert keys and not any("203.0.113.77" in key for key in keys)


def test_over_the_daily_cap_to_one_email_address_nothing_is_saved_and_the_form_says_so(client, guide, settings):
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 2
    for n in range(2):
        assert place_order(client, [guide], address_line_1=f"{n} Other Road").status_code == 302
    typed = {"email": "ANN@example.org", "address_line_1": "9 New Road", "town": "Leeds"}
    response = place_order(client, [guide], **typed)
    assert_not_placed_and_form_kept(
        response,
        status=200,
        says="We have already had 2 orders to this email address in the last 24 hours, so we have not placed this one.",
        typed=typed,
    )
    assert PrintOrder.objects.count() == 2
    assert Message.objects.count() == 4


def test_over_the_daily_cap_to_one_postal_address_nothing_is_saved_and_the_form_says_so(client, guide, settings):
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 1
    place_order(client, [guide], email="one@example.org")
    response = place_order(
        client, [guide], email="two@example.org", address_line_1="1 HIGH STREET", postcode="SW1A 1AA"
    )
    assert_not_placed_and_form_kept(
        response,
        status=200,
        says="We have already had 1 order to this postal address in the last 24 hours",
        typed={"email": "two@example.org", "address_line_1": "1 HIGH STREET"},
    )
    assert PrintOrder.objects.count() == 1
    assert place_order(client, [guide], email="three@example.org", postcode="M1 1AE").status_code == 302
    assert PrintOrder.objects.count() == 2


def test_held_orders_count_towards_the_daily_cap(guide, settings):
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 0
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 1
    client = Client(REMOTE_ADDR="203.0.113.7")
    place_order(client, [guide])
    assert PrintOrder.objects.get().status == PrintOrder.Status.HELD
    assert "not been placed" in text_of(place_order(client, [guide]))
    assert PrintOrder.objects.count() == 1


def test_an_order_refused_by_the_daily_cap_does_not_use_up_the_hourly_allowance(guide, settings):
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 2
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 1
    library = Client(REMOTE_ADDR="203.0.113.7")
    place_order(library, [guide], email="one@example.org", address_line_1="1 First Road")
    for _ in range(3):
        assert place_order(library, [guide], email="one@example.org", address_line_1="2 Second Road").status_code == 200
    place_order(library, [guide], email="two@example.org", address_line_1="3 Third Road")
    assert list(PrintOrder.objects.order_by("pk").values_list("status", flat=True)) == ["new", "new"]
