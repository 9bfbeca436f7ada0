"""Helpers shared by the order tests: a valid form, placing an order, a real SMTP server on loopback."""

import asyncio
import email
import email.policy
import socket
import threading
import time
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

ORDER_URL = "/order-printed-guides/"
CONFIRMATION_URL = "/order-printed-guides/confirmation/"


def order_data(guides, **overrides):
    """A complete, valid POST for the order form: 2 copies of each guide given."""
    data = {
        "full_name": "Ann Example",
        "email": "ann@example.org",
        "organisation": "Lambeth Carers Group",
        "address_line_1": "1 High Street",
        "address_line_2": "Flat 2",
        "town": "London",
        "postcode": "sw1a1aa",
        "purpose": "To give to families at our carers' group",
        "privacy": "on",
    }
    for guide in guides:
        data[f"guide_{guide.pk}"] = "2"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def form_token(client):
    """The signed 'form started' value the form hands out."""
    response = client.get(ORDER_URL)
    return response.context["form"]["started"].value()


def place_order(client, guides, **overrides):
    data = order_data(guides, **overrides)
    data.setdefault("started", form_token(client))
    return client.post(ORDER_URL, data)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    """An SMTP server's handler that records each message it accepts.

    mode "accept": record and reply 250. "refuse": reply 451 at DATA (try later). "stall": wait
    forever before replying, as a server does mid-DATA, so a client can be killed then.
    "drop": close the connection at DATA without a reply.
    rcpt_answers / data_answers, {address: answer}: answer RCPT TO for that address, or the
    end of DATA for a message to it, with e.g. "550 5.1.1 <address>: User unknown".
    rcpt_tos: every address given at RCPT TO, accepted or not, so attempts can be counted.
    """

    def __init__(self):
        self.messages = []
        self.mode = "accept"
        self.stalled = threading.Event()
        self.rcpt_answers = {}
        self.data_answers = {}
        self.rcpt_tos = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpt_tos.append(address)
        if address in self.rcpt_answers:
            return self.rcpt_answers[address]
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "refuse":
            return "451 4.3.0 Try again later"
        if self.mode == "stall":
            self.stalled.set()
            await asyncio.Event().wait()
        if self.mode == "drop":
            server.transport.close()
            return "421 4.3.0 Closing"
        for address in envelope.rcpt_tos:
            if address in self.data_answers:
                return self.data_answers[address]
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append({"rcpt_tos": list(envelope.rcpt_tos), "message": message})
        return "250 2.0.0 OK"

    def to(self, address):
        return [m["message"] for m in self.messages if address in m["rcpt_tos"]]

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return len(self.messages) >= count


@contextmanager
def smtp_server(port, handler):
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


def use_smtp(settings, port):
    """Point the mail worker at a real SMTP server on loopback."""
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def fresh_cache():
    """The throttle counts orders in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()
