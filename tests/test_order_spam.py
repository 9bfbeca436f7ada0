"""Spam and abuse, with no CAPTCHA: a caught bot sees the normal confirmation; nothing is saved or sent."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from mailer.models import Message

from campaigns.orders.models import PrintOrder
from campaigns.orders.spam import form_started_token
from tests.order_helpers import CONFIRMATION_URL, ORDER_URL, fresh_cache, order_data, place_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]


@pytest.fixture
def guide(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    cache.clear()
    yield site.guide
    cache.clear()


def assert_looks_accepted_but_nothing_happened(client, response):
    assert response.status_code == 302
    assert response["Location"] == CONFIRMATION_URL
    page = client.get(CONFIRMATION_URL)
    assert page.status_code == 200
    assert "Your reference is" in page.content.decode()
    assert PrintOrder.objects.count() == 0
    assert Message.objects.count() == 0


def test_the_honeypot_is_hidden_from_screen_readers_and_out_of_the_tab_order(client, guide):
    page = BeautifulSoup(client.get(ORDER_URL).content, "html.parser")
    field = page.find("input", attrs={"name": "website"})
    assert field["tabindex"] == "-1"
    assert field["autocomplete"] == "off"
    assert field.find_parent(attrs={"aria-hidden": "true"})
    assert "visually-hidden" in field.find_parent(class_="form-group")["class"]


def test_a_filled_honeypot_is_dropped(client, guide):
    assert_looks_accepted_but_nothing_happened(client, place_order(client, [guide], website="http://spam.example"))


def test_a_form_sent_back_too_fast_is_dropped(client, guide, settings):
    settings.ORDER_MIN_FILL_SECONDS = 60
    assert_looks_accepted_but_nothing_happened(client, place_order(client, [guide]))


def test_a_form_without_a_genuine_start_time_is_dropped(client, guide):
    for started in ("", "forged:123"):
        assert_looks_accepted_but_nothing_happened(client, place_order(client, [guide], started=started))


def test_a_person_taking_their_time_is_not_dropped(client, guide, settings, monkeypatch):
    settings.ORDER_MIN_FILL_SECONDS = 3
    token = form_started_token()
    import time

    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 5)
    assert place_order(client, [guide], started=token).status_code == 302
    assert PrintOrder.objects.count() == 1


def test_fixing_an_error_keeps_the_original_start_time(client, guide, settings):
    token = form_started_token()
    response = place_order(client, [guide], started=token, full_name="")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "started"})["value"] == token


def test_one_client_is_throttled_and_another_is_not(guide, settings):
    settings.ORDER_THROTTLE_PER_HOUR = 2
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 100
    busy = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(2):
        assert place_order(busy, [guide], email=f"person{n}@example.org").status_code == 302
    assert PrintOrder.objects.count() == 2
    response = place_order(busy, [guide], email="third@example.org")
    assert response.status_code == 302
    assert PrintOrder.objects.count() == 2
    assert Message.objects.count() == 4

    other = Client(REMOTE_ADDR="198.51.100.9")
    assert place_order(other, [guide], email="else@example.org").status_code == 302
    assert PrintOrder.objects.count() == 3


def test_the_throttle_sees_the_client_behind_a_trusted_proxy(guide, settings):
    settings.ORDER_THROTTLE_PER_HOUR = 1
    settings.ORDER_TRUSTED_PROXY_COUNT = 1
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 100
    one = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    two = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    place_order(one, [guide], email="a@example.org")
    place_order(two, [guide], email="b@example.org")
    assert PrintOrder.objects.count() == 2


def test_the_throttle_keeps_no_raw_address(guide, settings):
    client = Client(REMOTE_ADDR="203.0.113.77")
    place_order(client, [guide])
    keys = list(cache._cache.keys())
    assert keys and not any("203.0.113.77" in key for key in keys)


def test_a_daily_cap_for_one_email_address(client, guide, settings):
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 2
    settings.ORDER_THROTTLE_PER_HOUR = 100
    for n in range(2):
        place_order(client, [guide], address_line_1=f"{n} Other Road")
    assert PrintOrder.objects.count() == 2
    response = place_order(client, [guide], email="ANN@example.org", address_line_1="9 New Road")
    assert response.status_code == 302
    assert PrintOrder.objects.count() == 2


def test_a_daily_cap_for_one_postal_address(client, guide, settings):
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 1
    settings.ORDER_THROTTLE_PER_HOUR = 100
    place_order(client, [guide], email="one@example.org")
    place_order(client, [guide], email="two@example.org", address_line_1="1 HIGH STREET", postcode="SW1A 1AA")
    assert PrintOrder.objects.count() == 1
    place_order(client, [guide], email="three@example.org", postcode="M1 1AE")
    assert PrintOrder.objects.count() == 2


def test_the_fake_confirmation_looks_like_the_real_one(client, guide):
    real = client.get(place_order(client, [guide])["Location"])
    bot = Client()
    data = {**order_data([guide]), "started": form_started_token(), "website": "x"}
    fake = bot.get(bot.post(ORDER_URL, data)["Location"])
    strip = lambda r: BeautifulSoup(r.content, "html.parser").find("main").get_text(" ", strip=True)  # noqa: E731
    real_text, fake_text = strip(real), strip(fake)
    real_reference = PrintOrder.objects.get().reference
    fake_reference = fake_text.split("Your reference is ")[1][:8]
    assert real_text.replace(real_reference, "REF") == fake_text.replace(fake_reference, "REF")
