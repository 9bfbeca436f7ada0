"""An expired or missing CSRF token on the order form: the form again, as typed, never a bare 403."""

import re

import pytest
import requests
from bs4 import BeautifulSoup
from django.test import Client
from mailer.models import Message

from campaigns.orders.models import PrintOrder
from tests.order_helpers import ORDER_URL, fresh_cache, order_data
from tests.production_server import production_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

SEND_AGAIN = "Your order has not been sent yet"


@pytest.fixture
def guide(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    return site.guide


@pytest.fixture
def browser():
    """A client that checks CSRF tokens as a real browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


def form_fields(response):
    """The form's hidden fields (token, start time) as a browser would send them back."""
    page = BeautifulSoup(response.content, "html.parser")
    return {i["name"]: i.get("value", "") for i in page.select("form input[type=hidden]")}


def test_a_missing_token_shows_the_form_again_as_typed_and_places_nothing(browser, guide):
    started = form_fields(browser.get(ORDER_URL))["started"]
    typed = order_data([guide], purpose="For Siobhán's group", wants_updates="on", started=started)
    response = browser.post(ORDER_URL, typed)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.get_text().startswith("Error: ")
    alert = page.find(class_="error-summary")
    assert alert["role"] == "alert"
    assert SEND_AGAIN in alert.get_text()
    assert "select 'Place order' again" in alert.get_text()
    assert len(alert.find_all("p")) == 1
    # No field errors: the only thing to do is send it again.
    assert not page.select(".error-message")
    assert page.find("input", attrs={"name": "full_name"})["value"] == "Ann Example"
    assert page.find("input", attrs={"name": "postcode"})["value"] == "sw1a1aa"
    assert page.find("input", attrs={"name": f"guide_{guide.pk}"})["value"] == "2"
    assert page.find("textarea", attrs={"name": "purpose"}).get_text().strip() == "For Siobhán's group"
    assert page.find("input", attrs={"name": "privacy"}).has_attr("checked")
    assert page.find("input", attrs={"name": "wants_updates"}).has_attr("checked")
    assert form_fields(response)["started"] == started
    assert PrintOrder.objects.count() == 0 and Message.objects.count() == 0


def test_an_expired_token_shows_the_form_and_sending_it_again_places_the_order(browser, guide):
    fields = form_fields(browser.get(ORDER_URL))
    # The browser's CSRF cookie has gone (expired, or cleared) while the page stayed open.
    del browser.cookies["csrftoken"]
    again = browser.post(ORDER_URL, {**order_data([guide]), **fields})
    assert again.status_code == 200
    assert SEND_AGAIN in again.content.decode()
    assert PrintOrder.objects.count() == 0
    # The page sent back carries a fresh token: sending it again works.
    placed = browser.post(ORDER_URL, {**order_data([guide]), **form_fields(again)})
    assert placed.status_code == 302
    assert PrintOrder.objects.count() == 1


def test_a_forged_token_places_nothing(browser, guide):
    fields = form_fields(browser.get(ORDER_URL))
    fields["csrfmiddlewaretoken"] = "x" * 64
    response = browser.post(ORDER_URL, {**order_data([guide]), **fields})
    assert response.status_code == 200 and SEND_AGAIN in response.content.decode()
    assert PrintOrder.objects.count() == 0


def test_a_good_token_places_the_order_as_usual(browser, guide):
    fields = form_fields(browser.get(ORDER_URL))
    response = browser.post(ORDER_URL, {**order_data([guide]), **fields})
    assert response.status_code == 302
    assert PrintOrder.objects.count() == 1


def test_a_form_with_errors_and_a_good_token_shows_its_errors_not_the_send_again_line(browser, guide):
    fields = form_fields(browser.get(ORDER_URL))
    response = browser.post(ORDER_URL, {**order_data([guide], full_name=""), **fields})
    assert "Enter your full name" in response.content.decode()
    assert SEND_AGAIN not in response.content.decode()


def test_the_rest_of_the_site_keeps_djangos_csrf_protection_with_a_kind_page(browser, guide):
    browser.get("/admin/login/")
    refused = browser.post("/admin/login/", {"username": "x", "password": "y"})
    assert refused.status_code == 403
    text = refused.content.decode()
    assert "Sorry, your form could not be sent" in text and "nothing you sent was saved" in text
    assert "CSRF" not in text and "Referer" not in text
    assert "no-store" in refused["Cache-Control"]


def test_under_the_production_settings_the_send_again_page_is_never_cached(production_site):
    """The production server, with its page cache on: the page is the reader's own, with a fresh token."""
    with production_server(production_site) as (base_url, _log):
        browser = requests.Session()
        form = browser.get(base_url + ORDER_URL, timeout=30)
        fields = form_fields(form)
        guide_field = BeautifulSoup(form.content, "html.parser").find("input", attrs={"name": re.compile("^guide_")})
        typed = {**fields, guide_field["name"]: "3", "full_name": "Ann Example", "postcode": "sw1a1aa"}
        # The cookie has gone while the page stayed open.
        browser.cookies.clear()
        again = browser.post(base_url + ORDER_URL, typed, timeout=30)
        assert again.status_code == 200
        assert SEND_AGAIN in again.text
        page = BeautifulSoup(again.content, "html.parser")
        assert page.find("input", attrs={"name": "full_name"})["value"] == "Ann Example"
        assert page.find("input", attrs={"name": guide_field["name"]})["value"] == "3"
        assert "no-store" in again.headers["Cache-Control"] and "X-Page-Cache" not in again.headers
        assert "Content-Security-Policy" in again.headers
        # A fresh token and cookie: sending it again gets past the check (to the form's own errors).
        assert "csrftoken" in browser.cookies
        sent_again = browser.post(base_url + ORDER_URL, {**typed, **form_fields(again)}, timeout=30)
        assert sent_again.status_code == 200
        assert SEND_AGAIN not in sent_again.text and "There is a problem" in sent_again.text
