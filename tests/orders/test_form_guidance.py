"""The order form says what a campaigner needs to know before they type, and reads right."""

import pytest
from bs4 import BeautifulSoup
from mailer.models import Message
from wagtail.models import Site

from campaigns.orders.models import OrderSettings, PrintOrder
from tests.order_helpers import CONFIRMATION_URL, ORDER_URL, fresh_cache, place_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]


@pytest.fixture
def guide(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    return site.guide


def text_before_the_first_field(response):
    main = BeautifulSoup(response.content, "html.parser").find("main")
    first_input = main.find("form").find("input", attrs={"type": "text"})
    return " ".join(el.get_text(" ", strip=True) for el in first_input.find_all_previous(["p", "legend", "h1", "h2"]))


def test_the_form_says_before_any_field_that_copies_go_to_uk_addresses_only(client, guide):
    assert "We post printed copies to addresses in the UK only." in text_before_the_first_field(client.get(ORDER_URL))


def test_the_form_says_how_to_ask_for_more_copies_than_the_maximum(client, guide):
    settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    settings.campaigns_inbox = "bulk@example.org"
    settings.save()
    response = client.get(ORDER_URL)
    assert "If you need more copies than the form allows, email bulk@example.org" in text_before_the_first_field(
        response
    )
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("main").find("a", href="mailto:bulk@example.org")


def test_the_honeypot_is_hidden_from_screen_readers_and_the_keyboard(client, guide):
    page = BeautifulSoup(client.get(ORDER_URL).content, "html.parser")
    trap = page.find("input", attrs={"name": "website"})
    assert trap.find_parent(attrs={"aria-hidden": "true"}), "not hidden from assistive technology"
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"
    assert not trap.has_attr("aria-describedby")
    # Nothing in it reads as a question or instruction, were it ever read out.
    container = trap.find_parent(attrs={"aria-hidden": "true"})
    assert "?" not in container.get_text() and "blank" not in container.get_text().lower()
    # Still an ordinary text box for a bot to fill.
    assert trap["type"] == "text" and not trap.has_attr("disabled") and not trap.has_attr("readonly")


def test_a_bot_that_fills_the_honeypot_places_nothing(client, guide):
    response = place_order(client, [guide], website="https://spam.example")
    assert response.status_code == 302
    assert PrintOrder.objects.count() == 0 and Message.objects.count() == 0


def test_one_copy_reads_as_one_printed_copy_on_the_confirmation_and_in_the_emails(client, guide):
    place_order(client, [guide], **{f"guide_{guide.pk}": "1"})
    page = client.get(CONFIRMATION_URL).content.decode()
    inbox, confirmation = sorted((m.email for m in Message.objects.all()), key=lambda e: e.to != ["action@mind.org.uk"])
    assert inbox.subject.endswith(": 1 printed copy")
    assert "Total: 1 printed copy\n" in inbox.body
    everything = [page, inbox.subject, inbox.body, inbox.alternatives[0][0], confirmation.body]
    everything += [confirmation.subject, confirmation.alternatives[0][0]]
    for text in everything:
        assert "1 printed copies" not in text and "1 copies" not in text


def test_more_copies_read_as_printed_copies(client, guide):
    place_order(client, [guide], **{f"guide_{guide.pk}": "3"})
    inbox = next(m.email for m in Message.objects.all() if m.to_addresses == ["action@mind.org.uk"])
    assert inbox.subject.endswith(": 3 printed copies")
