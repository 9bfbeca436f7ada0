"""Spam, with no CAPTCHA: a caught bot whose form is otherwise valid sees the normal confirmation; nothing is
saved or sent. A form with errors gets its errors, however fast it came back."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from mailer.models import Message

from campaigns.orders.models import PrintOrder
from campaigns.orders.spam import STARTED_TOKEN
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
    assert "visually-hidden" in field.find_parent(attrs={"aria-hidden": "true"})["class"]
    assert page.find("label", attrs={"for": field["id"]})


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
    token = STARTED_TOKEN.make()
    import time

    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 5)
    assert place_order(client, [guide], started=token).status_code == 302
    assert PrintOrder.objects.count() == 1


@pytest.mark.parametrize(
    "bot_signs",
    [{"website": "http://spam.example"}, {"started": ""}, {"started": "forged:123"}, {}],
    ids=["honeypot", "no start time", "forged start time", "too fast"],
)
def test_an_invalid_form_gets_its_errors_however_it_was_sent(client, guide, settings, bot_signs):
    settings.ORDER_MIN_FILL_SECONDS = 60
    for data in ({"started": STARTED_TOKEN.make(), **bot_signs}, {**order_data([guide], email="not an email")}):
        data.setdefault("started", STARTED_TOKEN.make())
        data.update(bot_signs)
        response = client.post(ORDER_URL, data)
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert page.find(class_="error-summary").find("h2").get_text() == "There is a problem"
        assert page.title.get_text().startswith("Error:")
    assert PrintOrder.objects.count() == 0
    assert Message.objects.count() == 0


def test_fixing_an_error_keeps_the_original_start_time(client, guide, settings):
    token = STARTED_TOKEN.make()
    response = place_order(client, [guide], started=token, full_name="")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "started"})["value"] == token


def test_the_fake_confirmation_looks_like_the_real_one(client, guide):
    real = client.get(place_order(client, [guide])["Location"])
    bot = Client()
    data = {**order_data([guide]), "started": STARTED_TOKEN.make(), "website": "x"}
    fake = bot.get(bot.post(ORDER_URL, data)["Location"])
    strip = lambda r: BeautifulSoup(r.content, "html.parser").find("main").get_text(" ", strip=True)  # noqa: E731
    real_text, fake_text = strip(real), strip(fake)
    real_reference = PrintOrder.objects.get().reference
    fake_reference = fake_text.split("Your reference is ")[1][:8]
    assert real_text.replace(real_reference, "REF") == fake_text.replace(fake_reference, "REF")
