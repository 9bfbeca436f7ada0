"""Many people ordering at the same second, through a real server: every order saved once, no 5xx,
and the daily cap to one address holds exactly. Runs on the database the suite runs on (SQLite or
PostgreSQL), served by gunicorn in a separate process with several workers and threads.
"""

from collections import Counter
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup
from mailer.models import Message

from campaigns.orders.models import PrintOrder
from tests.conftest import build_site
from tests.order_helpers import CONFIRMATION_URL, ORDER_URL, order_data
from tests.served_database import send_all_at_once, served_database, site_server

pytestmark = pytest.mark.django_db(transaction=True)

DAILY_CAP = 3


@contextmanager
def order_server(db_name, tmp_path):
    with site_server(
        db_name,
        tmp_path,
        ready_path=ORDER_URL,
        ORDER_MIN_FILL_SECONDS=0,
        ORDER_DAILY_CAP_PER_ADDRESS=DAILY_CAP,
        # Every request comes from 127.0.0.1: keep the per-client limits out of the way.
        ORDERS_PER_HOUR_BEFORE_HOLD=10000,
        ORDERS_PER_HOUR_BEFORE_REFUSAL=10000,
    ) as server:
        yield server


def order_all_at_once(base_url, orders):
    """Each order from its own browser session, all sent at once: (response, the reference its confirmation shows)."""

    def reference(browser, response):
        if response.status_code == 302 and response.headers["Location"] == CONFIRMATION_URL:
            confirmation = BeautifulSoup(browser.get(base_url + CONFIRMATION_URL, timeout=60).text, "html.parser")
            return response, confirmation.find(class_="reference").get_text()
        return response, None

    return send_all_at_once(base_url, ORDER_URL, orders, then=reference)


def test_twenty_people_ordering_at_once_all_get_real_references(tmp_path):
    site = build_site(parts=1, stories=0)
    orders = [
        order_data([site.guide], email=f"person{n}@example.org", address_line_1=f"{n} High Street") for n in range(20)
    ]
    with served_database(tmp_path) as db_name:
        with order_server(db_name, tmp_path) as (base_url, log_path):
            results = order_all_at_once(base_url, orders)

    statuses = [response.status_code for response, _ in results]
    assert statuses == [302] * 20, (Counter(statuses), log_path.read_text()[-3000:])
    assert [response.headers["Location"] for response, _ in results] == [CONFIRMATION_URL] * 20
    saved = PrintOrder.objects.all()
    assert sorted(saved.values_list("email", flat=True)) == sorted(data["email"] for data in orders)
    assert {reference for _, reference in results} == set(saved.values_list("reference", flat=True))
    assert len(set(saved.values_list("reference", flat=True))) == 20
    assert Message.objects.count() == 40


def test_the_daily_cap_to_one_address_holds_when_orders_arrive_at_once(tmp_path):
    site = build_site(parts=1, stories=0)
    with served_database(tmp_path) as db_name:
        with order_server(db_name, tmp_path) as (base_url, log_path):
            results = order_all_at_once(base_url, [order_data([site.guide])] * 8)

    statuses = sorted(response.status_code for response, _ in results)
    assert statuses == [200] * 5 + [302] * 3, (Counter(statuses), log_path.read_text()[-3000:])
    for response, _ in results:
        if response.status_code == 200:
            page = BeautifulSoup(response.text, "html.parser")
            summary = " ".join(page.find(class_="error-summary").get_text(" ", strip=True).split())
            assert summary.startswith("Your order has not been placed")
            assert f"We have already had {DAILY_CAP} orders to this email address in the last 24 hours" in summary
    assert PrintOrder.objects.count() == DAILY_CAP
    assert {reference for _, reference in results if reference} == set(
        PrintOrder.objects.values_list("reference", flat=True)
    )
    assert Message.objects.count() == 2 * DAILY_CAP
