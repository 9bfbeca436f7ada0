"""'Add print order': the campaigns team enters an order received by phone, email or post."""

import pytest
from bs4 import BeautifulSoup
from mailer.models import Message

from campaigns.orders.models import PrintOrder
from tests.factories import GuidePageFactory
from tests.order_helpers import fresh_cache
from tests.orders import admin_fixtures as order_admin_fixtures
from tests.orders.admin_fixtures import INDEX

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

# The shared fixtures, used here by name.
team_member = order_admin_fixtures.team_member

ADD = f"{INDEX}add/"


@pytest.fixture
def guides(site):
    second = GuidePageFactory(parent=site.campaign, title="Influencing change in your area", max_copies_per_order=20)
    GuidePageFactory(parent=site.campaign, title="Online only", available_in_print=False)
    return [site.guide, second]


def phone_order(guides, **overrides):
    data = {
        "source": "phone",
        f"guide_{guides[0].pk}": "3",
        f"guide_{guides[1].pk}": "",
        "full_name": "Pat Phone",
        "email": "",
        "organisation": "Ward 7",
        "address_line_1": "3 Hill Road",
        "address_line_2": "",
        "town": "Bristol",
        "postcode": "bs1 4dj",
        "purpose": "For the ward's family room",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def field_errors(response):
    """{input id: error text} for every field the admin marked with an error."""
    page = BeautifulSoup(response.content, "html.parser")
    found = {}
    for wrapper in page.select(".w-field--error"):
        control = wrapper.select_one("input, textarea, select")
        found[control["id"]] = wrapper.select_one(".error-message").get_text(" ", strip=True)
    return found


def test_the_form_asks_for_each_guide_in_print_and_how_the_order_came_in(client, team_member, guides):
    client.force_login(team_member)
    response = client.get(ADD)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    labels = {label.get_text(" ", strip=True): label.get("for") for label in page.select("form label")}
    assert labels["Copies of What the guidance says"] == f"id_guide_{guides[0].pk}"
    assert labels["Copies of Influencing change in your area"] == f"id_guide_{guides[1].pk}"
    assert not any("Online only" in label for label in labels)
    assert "Add an order received by phone, email or post" in page.find(id="header-title").get_text()
    headings = [h.get_text(strip=True) for h in page.select("form h2")]
    assert headings == ["How it came in", "Guides", "The campaigner", "Where to post it", "About the order"]
    assert {i["value"] for i in page.select("input[name=source]")} == {"phone", "email", "post"}
    assert page.find("input", attrs={"name": "send_confirmation", "type": "checkbox"})
    assert not page.find("input", attrs={"name": "send_confirmation", "checked": True})


def test_the_list_offers_add_to_the_team(client, team_member, guides):
    client.force_login(team_member)
    assert ADD in client.get(INDEX).content.decode()


def test_a_phone_order_without_email_is_saved_with_its_items_and_the_inbox_is_told(client, team_member, guides):
    client.force_login(team_member)
    response = client.post(ADD, phone_order(guides, **{f"guide_{guides[1].pk}": "200"}))
    order = PrintOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{INDEX}inspect/{order.pk}/"
    assert (order.source, order.entered_by, order.status, order.email) == ("phone", team_member, "new", "")
    assert (order.full_name, order.postcode, order.postcode_district) == ("Pat Phone", "BS1 4DJ", "BS1")
    # More than the order form allows: the team takes the big orders.
    assert [(i.guide_id, i.quantity) for i in order.items.all()] == [(guides[0].pk, 3), (guides[1].pk, 200)]
    inbox = Message.objects.get()
    assert inbox.to_addresses == ["action@mind.org.uk"]
    email = inbox.email
    assert email.reply_to == []
    assert email.subject == f"Print order {order.reference}: 203 printed copies"
    assert "Received by phone and entered by Tia Team. No confirmation was sent to the campaigner." in email.body
    assert "Email: not given" in email.body
    page = client.get(response["Location"]).content.decode()
    assert f"Order {order.reference} saved. No confirmation was sent to the campaigner." in page


def test_the_confirmation_goes_only_when_ticked(client, team_member, guides):
    client.force_login(team_member)
    client.post(ADD, phone_order(guides, source="email", email="pat@example.org", send_confirmation="on"))
    order = PrintOrder.objects.get()
    assert order.source == "email"
    assert sorted(m.to_addresses[0] for m in Message.objects.all()) == ["action@mind.org.uk", "pat@example.org"]
    inbox = next(m.email for m in Message.objects.all() if m.to_addresses == ["action@mind.org.uk"])
    assert inbox.reply_to == ["pat@example.org"]
    assert "Received by email and entered by Tia Team. A confirmation was sent to the campaigner." in inbox.body
    confirmation = next(m.email for m in Message.objects.all() if m.to_addresses == ["pat@example.org"])
    assert order.reference in confirmation.subject


def test_one_copy_reads_as_one_printed_copy_in_the_inbox_email(client, team_member, guides):
    client.force_login(team_member)
    client.post(ADD, phone_order(guides, source="post", **{f"guide_{guides[0].pk}": "1"}))
    email = Message.objects.get().email
    assert email.subject.endswith(": 1 printed copy")
    assert "Total: 1 printed copy\n" in email.body
    assert "1 printed copies" not in email.body + email.alternatives[0][0]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"guide_A": "0", "guide_B": ""}, "guide_A", "Enter the number of copies of at least one guide"),
        ({"guide_A": "lots"}, "guide_A", "Copies of What the guidance says must be a whole number, like 10"),
        ({"guide_A": "-1"}, "guide_A", "Copies of What the guidance says must be 0 or more"),
        ({"guide_A": "1001"}, "guide_A", "Copies of What the guidance says must be 1,000 or fewer"),
        ({"full_name": ""}, "full_name", "Enter the campaigner's full name"),
        ({"address_line_1": ""}, "address_line_1", "Enter the building and street"),
        ({"town": ""}, "town", "Enter the town or city"),
        ({"postcode": "75001"}, "postcode", "Enter a full UK postcode, like SW1A 1AA"),
        ({"postcode": ""}, "postcode", "Enter the postcode"),
        ({"source": ""}, "source_0", "Select how the order was received"),
        ({"source": "web"}, "source_0", "Select a valid choice. web is not one of the available choices."),
        ({"email": "not an email"}, "email", "Enter an email address, like name@example.com"),
        ({"source": "email"}, "email", "Enter the email address the order came from"),
        (
            {"send_confirmation": "on"},
            "email",
            "Enter the campaigner's email address, or untick 'Send the campaigner a confirmation email'",
        ),
        (
            {"wants_updates": "on"},
            "email",
            "Enter the campaigner's email address, or untick 'They asked for emails about the campaign'",
        ),
    ],
)
def test_bad_input_is_explained_at_the_field_and_nothing_is_saved_or_sent(
    client, team_member, guides, overrides, field, message
):
    client.force_login(team_member)
    names = {"guide_A": f"guide_{guides[0].pk}", "guide_B": f"guide_{guides[1].pk}"}
    data = phone_order(guides, **{names.get(key, key): value for key, value in overrides.items()})
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert field_errors(response).get(f"id_{names.get(field, field)}") == message
    assert "The order was not saved. Check the messages at the fields." in response.content.decode()
    assert PrintOrder.objects.count() == 0 and Message.objects.count() == 0
    # What was typed is kept.
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "full_name"}).get("value", "") == data["full_name"]


@pytest.mark.parametrize("value", ["\x00", "9" * 400, "１２", "1.5", "<script>", "1e3", " 7 "])
def test_no_input_makes_a_server_error(client, team_member, guides, value):
    client.force_login(team_member)
    for name in ("full_name", "postcode", f"guide_{guides[0].pk}", "source", "email"):
        response = client.post(ADD, phone_order(guides, **{name: value}))
        assert response.status_code in (200, 302), (name, value)


def test_nothing_is_saved_if_the_inbox_email_cannot_be_queued(client, team_member, guides, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr("mailer.backend.DbBackend.send_messages", broken)
    client.force_login(team_member)
    client.raise_request_exception = False
    assert client.post(ADD, phone_order(guides)).status_code == 500
    assert PrintOrder.objects.count() == 0


def test_the_order_is_recorded_in_its_history(client, team_member, guides):
    client.force_login(team_member)
    client.post(ADD, phone_order(guides))
    order = PrintOrder.objects.get()
    history = client.get(f"{INDEX}history/{order.pk}/").content.decode()
    assert "Created" in history and "Tia Team" in history
