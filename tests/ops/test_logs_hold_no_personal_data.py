"""Production logs are JSON lines and never hold a campaigner's name, email or address,
whatever happens to their order: placed, refused, caught as spam, mailed, or failed."""

import io
import json
import logging

import pytest
from django.core.management import call_command

from campaigns.orders import views
from mindsite.ops.json_logging import JsonFormatter
from tests.order_helpers import free_port, fresh_cache, order_data, place_order, use_smtp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

# What order_data() fills in, as typed and as stored.
PERSONAL_DATA = [
    "Ann Example",
    "ann@example.org",
    "1 High Street",
    "Flat 2",
    "Lambeth Carers Group",
    "sw1a1aa",
    "SW1A 1AA",
    "families at our carers",
]
# The loggers that do not pass records up to the root logger, and the root itself.
LOGGERS = ["", "django", "mindsite", "campaigns", "mailer"]


@pytest.fixture
def production_log(settings):
    """What the production log handler would write, at the levels the settings give each logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    for name in LOGGERS:
        logging.getLogger(name).addHandler(handler)
    yield stream
    for name in LOGGERS:
        logging.getLogger(name).removeHandler(handler)


def entries(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def assert_no_personal_data(stream):
    text = stream.getvalue()
    for value in PERSONAL_DATA:
        assert value.lower() not in text.lower(), f"{value!r} is in the logs:\n{text}"


@pytest.fixture
def shop(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    return site


def test_placing_orders_logs_their_references_and_nothing_personal(client, shop, production_log):
    assert place_order(client, [shop.guide]).status_code == 302
    assert place_order(client, [shop.guide], postcode="not a postcode").status_code == 200  # refused
    assert place_order(client, [shop.guide], website="https://spam.example").status_code == 302  # a bot
    for _ in range(4):  # over the daily limit to one address
        place_order(client, [shop.guide])
    call_command("run_mail_worker", "--once")

    logged = entries(production_log)
    assert any(entry["message"].startswith("Print order") and "placed" in entry["message"] for entry in logged)
    assert any("spam" in entry["message"] for entry in logged)
    assert_no_personal_data(production_log)


def test_mail_that_cannot_be_delivered_is_logged_without_addresses(client, shop, settings, production_log):
    assert place_order(client, [shop.guide]).status_code == 302
    use_smtp(settings, free_port())  # nothing listens there
    call_command("run_mail_worker", "--once")
    assert any(entry["level"] == "WARNING" and "deferred" in entry["message"] for entry in entries(production_log))
    assert_no_personal_data(production_log)


def test_an_order_that_fails_is_logged_without_what_the_error_quoted(client, shop, monkeypatch, production_log):
    def failing_database(details, *args, **kwargs):
        raise RuntimeError(
            f"duplicate key value violates unique constraint: ({details['email']}, {details['full_name']})"
        )

    monkeypatch.setattr(views, "place_order", failing_database)
    client.raise_request_exception = False
    data = order_data([shop.guide])
    data["started"] = client.get("/order-printed-guides/").context["form"]["started"].value()
    assert client.post("/order-printed-guides/", data).status_code == 500

    error = next(entry for entry in entries(production_log) if entry["level"] == "ERROR")
    assert error["exception"]["type"] == "RuntimeError"
    assert error["path"] == "/order-printed-guides/"
    assert_no_personal_data(production_log)


def test_email_addresses_in_a_message_are_masked():
    record = logging.LogRecord(
        "campaigns", logging.WARNING, __file__, 1, "Could not reach %s", ("ann@example.org",), None
    )
    assert json.loads(JsonFormatter().format(record))["message"] == "Could not reach [email address]"
