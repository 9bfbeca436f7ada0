"""Helpers for the figure alert tests: a section with figures, signing up from the page, the links in the mail."""

import re

import pytest
from django.core.management import call_command

from tests.figures.pages_helpers import INDEPENDENT, TRUST, build_section, import_file
from tests.order_helpers import use_smtp

SIGN_UP_URL = "/alerts/sign-up/"
EMAIL = "ann@example.org"
STARTED = re.compile(r'name="started" value="([^"]+)"')
LINK = re.compile(r"https?://[^/\s]+(/alerts/(?:confirm|unsubscribe)/[^/\s]+/)")


@pytest.fixture
def section(db, settings):
    """A site with the figures section and March 2025 figures for RX1, NQ7 and England; no spam delay."""
    settings.ALERT_MIN_FILL_SECONDS = 0
    return build_section(months=1, orgs=(TRUST, INDEPENDENT))


def provider_path(site, code="RX1"):
    return f"{site.section.url}{code}/"


def started_token(client, path):
    return STARTED.search(client.get(path).content.decode()).group(1)


def sign_up(client, site, email=EMAIL, code="RX1", **extra):
    path = provider_path(site, code) if code != "ENGLAND" else f"{site.section.url}england/"
    data = {"for": code, "email": email, "started": started_token(client, path), "website": ""}
    data.update(extra)
    return client.post(SIGN_UP_URL, data)


def text_of(message):
    """The plain text of a message received over SMTP, or of one still in the queue (a Django EmailMessage)."""
    if hasattr(message, "body"):
        return message.body
    return message.get_body(("plain",)).get_content()


def link_in(message, kind):
    """The site path of the message's confirm or unsubscribe link."""
    return next(path for path in LINK.findall(text_of(message)) if f"/{kind}/" in path)


def import_month(last, orgs=(TRUST, INDEPENDENT), name="figures.csv", **kwargs):
    return import_file(orgs, months=1, last=last, name=name, **kwargs)


def run_worker():
    call_command("run_mail_worker", "--once")


def point_mail_at(settings, port):
    use_smtp(settings, port)
