"""An order's two emails, delivered by the mail worker to a real SMTP server on loopback."""

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from mailer.models import Message, MessageLog
from wagtail.models import Site

from campaigns.orders.models import OrderSettings, PrintOrder
from mindsite.mail.models import MailDeliveryFailure
from mindsite.mail.queue import BACKOFF_CEILING, backoff_after
from tests.conftest import build_site
from tests.factories import GuidePageFactory
from tests.order_helpers import (
    RecordingHandler,
    free_port,
    fresh_cache,
    place_order,
    smtp_server,
    use_smtp,
)

pytestmark = pytest.mark.usefixtures(fresh_cache.__name__)

BASE_DIR = Path(__file__).resolve().parents[2]
INBOX = "print-orders@example.org"


@pytest.fixture
def shop(db, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    site = build_site(parts=1, stories=0)
    second = GuidePageFactory(parent=site.campaign, title="Influencing change in your area")
    set_inbox(INBOX)
    return [site.guide, second]


def set_inbox(address):
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = address
    order_settings.save()


def run_worker():
    call_command("run_mail_worker", "--once")


def age_failures(seconds):
    """Pretend the last failure was this long ago."""
    for failure in MailDeliveryFailure.objects.all():
        failure.last_failed_at -= datetime.timedelta(seconds=seconds)
        failure.first_failed_at -= datetime.timedelta(seconds=seconds)
        failure.save()


def test_order_reaches_the_configured_inbox_and_the_campaigner(client, shop, settings):
    port = free_port()
    use_smtp(settings, port)
    handler = RecordingHandler()
    response = place_order(client, shop)
    assert response.status_code == 302
    order = PrintOrder.objects.get()

    with smtp_server(port, handler):
        run_worker()

    assert len(handler.messages) == 2
    [to_inbox] = handler.to(INBOX)
    assert to_inbox["Reply-To"] == "ann@example.org"
    assert order.reference in to_inbox["Subject"]
    text = to_inbox.get_body(("plain",)).get_content()
    html = to_inbox.get_body(("html",)).get_content()
    for body in (text, html):
        for expected in [
            "2 × What the guidance says" if body is text else "What the guidance says",
            "Influencing change in your area",
            "Ann Example",
            "Lambeth Carers Group",
            "1 High Street",
            "Flat 2",
            "London",
            "SW1A 1AA",
            "carers",
            f"/admin/snippets/orders/printorder/inspect/{order.pk}/",
        ]:
            assert expected in body, expected

    [confirmation] = handler.to("ann@example.org")
    assert order.reference in confirmation["Subject"]
    confirmation_text = confirmation.get_body(("plain",)).get_content()
    assert "2 × Influencing change in your area" in confirmation_text
    assert "SW1A 1AA" in confirmation_text
    assert confirmation.get_body(("html",)) is not None
    assert Message.objects.count() == 0


def test_mail_waits_while_the_server_is_down_or_refusing_then_arrives_once(client, shop, settings):
    port = free_port()
    use_smtp(settings, port)
    handler = RecordingHandler()

    # Server down: the campaigner still gets the confirmation page.
    response = place_order(client, shop)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    run_worker()
    assert Message.objects.deferred().count() == 2
    assert {f.failures for f in MailDeliveryFailure.objects.all()} == {1}
    assert all("ConnectionRefusedError" in f.last_error for f in MailDeliveryFailure.objects.all())

    with smtp_server(port, handler):
        # Not retried before its back-off has passed...
        run_worker()
        assert handler.messages == []
        # ...and retried within a minute of failing; the server refuses this time.
        handler.mode = "refuse"
        age_failures(59)
        run_worker()
        assert handler.messages == []
        assert {f.failures for f in MailDeliveryFailure.objects.all()} == {2}
        assert Message.objects.deferred().count() == 2

        handler.mode = "accept"
        age_failures(backoff_after(2).total_seconds())
        run_worker()
        run_worker()

    assert Counter(m["message"]["Message-ID"] for m in handler.messages) == Counter(
        {m["message"]["Message-ID"]: 1 for m in handler.messages}
    )
    assert len(handler.to(INBOX)) == 1
    assert len(handler.to("ann@example.org")) == 1
    assert Message.objects.count() == 0
    assert MailDeliveryFailure.objects.count() == 0
    # The log keeps outcomes, not addresses.
    assert not any("example.org" in (log.log_message or "") for log in MessageLog.objects.all())
    assert not any(log.message_data for log in MessageLog.objects.all())


def test_backoff_starts_within_a_minute_and_settles_at_hourly():
    waits = [backoff_after(n) for n in range(1, 12)]
    assert waits[0] <= datetime.timedelta(minutes=1)
    assert waits == sorted(waits)
    assert waits[-1] == BACKOFF_CEILING == datetime.timedelta(hours=1)


def test_each_message_keeps_the_message_id_it_was_queued_with(client, shop):
    place_order(client, shop)
    ids = {m.email.extra_headers["Message-ID"] for m in Message.objects.all()}
    order = PrintOrder.objects.get()
    assert len(ids) == 2
    assert all(order.reference in message_id for message_id in ids)


# A worker killed mid-send: runs the worker as a real process, so the database must be
# one a second process can open: a copy of the in-memory SQLite test database in a
# file, or the PostgreSQL test database itself.


def _worker_database(tmp_path):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "worker.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return str(path), lambda: sqlite3.connect(path).execute("SELECT COUNT(*) FROM mailer_message").fetchone()[0]
    return connection.settings_dict["NAME"], lambda: Message.objects.count()


def _start_worker(db_name, port, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "WORKER_DB_NAME": db_name,
        "WORKER_SMTP_PORT": str(port),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_mail_worker", "--interval", "0.2", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_loses_nothing_and_sends_nothing_twice(client, settings, tmp_path):
    settings.ORDER_MIN_FILL_SECONDS = 0
    site = build_site(parts=1, stories=0)
    set_inbox(INBOX)
    assert place_order(client, [site.guide]).status_code == 302
    db_name, queued = _worker_database(tmp_path)
    assert queued() == 2

    port = free_port()
    handler = RecordingHandler()
    handler.mode = "stall"
    with smtp_server(port, handler):
        worker = _start_worker(db_name, port)
        try:
            assert handler.stalled.wait(60), "the worker never reached DATA"
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
        assert handler.messages == []
        assert queued() == 2

        handler.mode = "accept"
        worker = _start_worker(db_name, port)
        try:
            assert handler.wait_for(2, timeout=60), worker.stdout.read1().decode() if worker.stdout else ""
        finally:
            # SIGTERM: the worker finishes its pass and exits cleanly.
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(20) == 0
        # One more pass: nothing left to send.
        again = _start_worker(db_name, port, "--once")
        assert again.wait(60) == 0

    assert len(handler.messages) == 2
    assert len(handler.to(INBOX)) == 1
    assert len(handler.to("ann@example.org")) == 1
    assert queued() == 0


@pytest.mark.django_db(transaction=True)
def test_on_sqlite_a_stalled_mail_server_does_not_hold_up_orders(client, settings, tmp_path):
    """The worker must not hold SQLite's one write lock while it waits on the mail server."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's row locks never block other writers")
    settings.ORDER_MIN_FILL_SECONDS = 0
    site = build_site(parts=1, stories=0)
    set_inbox(INBOX)
    assert place_order(client, [site.guide]).status_code == 302
    db_name, queued = _worker_database(tmp_path)

    port = free_port()
    handler = RecordingHandler()
    handler.mode = "stall"
    with smtp_server(port, handler):
        worker = _start_worker(db_name, port)
        try:
            assert handler.stalled.wait(60), "the worker never reached DATA"
            # What an order does while the worker waits: take the write lock, write, commit.
            writer = sqlite3.connect(db_name, timeout=2, isolation_level=None)
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("UPDATE orders_printorder SET purpose = 'written while the mail server stalled'")
            writer.execute("COMMIT")
            writer.close()
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
    assert queued() == 2
