"""One order's page: what it shows, and marking it dispatched or cancelled (asked first, then undoable)."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from mailer.models import Message
from wagtail.models import ModelLogEntry

from campaigns.orders.models import PrintOrder, PrintOrderItem
from tests.order_helpers import fresh_cache
from tests.orders import admin_fixtures as order_admin_fixtures
from tests.orders.admin_fixtures import INDEX

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

# The shared fixtures, used here by name.
orders = order_admin_fixtures.orders
team_member = order_admin_fixtures.team_member


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def details(response):
    """{label: value} from the order page's list of fields."""
    dl = BeautifulSoup(response.content, "html.parser").find("main").find("dl")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in dl.find_all("dt")}


def undo_form(response):
    form = BeautifulSoup(response.content, "html.parser").find("form", action=re.compile("/undo/"))
    return form["action"], {i["name"]: i["value"] for i in form.find_all("input")}


def actions(order):
    return list(
        ModelLogEntry.objects.filter(object_id=str(order.pk)).order_by("pk").values_list("action", "user__username")
    )


@pytest.fixture
def held(site, team_member):
    order = PrintOrder.objects.create(
        status=PrintOrder.Status.HELD,
        held_reason="Over the daily limit of orders to one address",
        full_name="Hal Held",
        email="hal@example.org",
        address_line_1="2 Low Road",
        town="Leeds",
        postcode="LS1 1AA",
    )
    PrintOrderItem.objects.create(order=order, guide=site.guide, guide_title=site.guide.title, quantity=1)
    return order


def test_the_order_page_shows_every_value_in_words(client, team_member, orders):
    order = orders["ann"]
    PrintOrder.objects.filter(pk=order.pk).update(
        created_at=datetime.datetime(2026, 11, 26, 15, 20, tzinfo=datetime.UTC), organisation="", purpose=""
    )
    client.force_login(team_member)
    response = client.get(f"{INDEX}inspect/{order.pk}/")
    shown = details(response)
    assert shown["Reference"] == order.reference
    assert shown["Status"] == "New"
    assert shown["Received by"] == "Order form"
    assert shown["Entered by"] == "-"
    assert shown["Ordered"] == "26 November 2026, 15:20"
    assert shown["Status last changed"] == "-"
    assert shown["Copies"] == "2 × What the guidance says"
    assert shown["Total copies"] == "2 printed copies"
    assert shown["Organisation"] == "Not given"
    assert shown["What they will use them for"] == "Not given"
    assert shown["Updates opt-in"] == "No"
    assert shown["Personal data erased"] == "-"
    assert "Why it was held" not in shown
    for word in ("None", "True", "False"):
        assert word not in shown.values(), word


def test_one_copy_reads_as_one_printed_copy(client, team_member, orders):
    PrintOrderItem.objects.filter(order=orders["ann"]).update(quantity=1)
    client.force_login(team_member)
    assert details(client.get(f"{INDEX}inspect/{orders['ann'].pk}/"))["Total copies"] == "1 printed copy"


def test_marking_dispatched_asks_first_then_records_who_and_when_and_can_be_undone(client, team_member, orders):
    order = orders["ann"]
    client.force_login(team_member)
    page = BeautifulSoup(client.get(f"{INDEX}inspect/{order.pk}/").content, "html.parser")
    confirm_url = page.find("a", string="Mark dispatched")["href"]
    assert confirm_url == f"{INDEX}status/{order.pk}/dispatched/"

    confirm = client.get(confirm_url)
    assert f"Mark order {order.reference} dispatched?" in page_text(confirm)
    assert "Yes, mark dispatched" in page_text(confirm)
    order.refresh_from_db()
    assert order.status == "new", "asking must not change anything"

    done = client.post(confirm_url, follow=True)
    order.refresh_from_db()
    assert (order.status, order.previous_status, order.status_changed_by) == ("dispatched", "new", team_member)
    assert order.status_changed_at > order.created_at
    assert f"Order {order.reference} marked dispatched." in page_text(done)
    assert details(done)["Status last changed by"] == "Tia Team"

    undo_url, fields = undo_form(done)
    assert fields["from_status"] == "dispatched"
    undone = client.post(undo_url, fields, follow=True)
    order.refresh_from_db()
    assert (order.status, order.previous_status, order.status_changed_by) == ("new", "", team_member)
    assert f"Order {order.reference} is back to 'New'." in page_text(undone)
    assert actions(order) == [("orders.dispatched", "team"), ("orders.undo", "team")]
    history = page_text(client.get(f"{INDEX}history/{order.pk}/"))
    assert "Marked dispatched" in history and "Undid 'Dispatched': back to 'New'" in history


def test_cancelling_asks_first_and_can_be_undone(client, team_member, orders):
    order = orders["bob"]
    client.force_login(team_member)
    url = f"{INDEX}status/{order.pk}/cancelled/"
    assert f"Cancel order {order.reference}?" in page_text(client.get(url))
    done = client.post(url, follow=True)
    order.refresh_from_db()
    assert (order.status, order.status_changed_by) == ("cancelled", team_member)
    assert f"Order {order.reference} cancelled." in page_text(done)
    client.post(*undo_form(done))
    order.refresh_from_db()
    assert order.status == "new"


def test_an_undo_works_once_and_only_on_the_change_it_offers(client, team_member, orders):
    order = orders["ann"]
    client.force_login(team_member)
    done = client.post(f"{INDEX}status/{order.pk}/dispatched/", follow=True)
    undo_url, fields = undo_form(done)
    client.post(undo_url, fields)
    again = client.post(undo_url, fields, follow=True)
    assert "can no longer be undone" in page_text(again)
    client.post(f"{INDEX}status/{order.pk}/cancelled/")
    client.post(undo_url, {"from_status": "dispatched"})
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert client.get(undo_url).status_code == 405


def test_a_dispatched_order_stays_dispatched(client, team_member, orders):
    order = orders["ann"]
    client.force_login(team_member)
    client.post(f"{INDEX}status/{order.pk}/dispatched/")
    page = client.get(f"{INDEX}inspect/{order.pk}/")
    assert "Mark dispatched" not in page_text(page) and "Cancel order" not in page_text(page)
    refused = client.get(f"{INDEX}status/{order.pk}/cancelled/", follow=True)
    assert f"Order {order.reference} is dispatched, so this cannot be done now." in page_text(refused)
    client.post(f"{INDEX}status/{order.pk}/cancelled/")
    order.refresh_from_db()
    assert order.status == "dispatched"


def test_an_unknown_action_is_not_found(client, team_member, orders):
    client.force_login(team_member)
    assert client.get(f"{INDEX}status/{orders['ann'].pk}/delete/").status_code == 404
    assert client.post(f"{INDEX}status/{orders['ann'].pk}/delete/").status_code == 404


def test_a_held_order_shows_why_and_can_be_released_which_sends_its_emails(client, team_member, held):
    client.force_login(team_member)
    page = client.get(f"{INDEX}inspect/{held.pk}/")
    assert details(page)["Why it was held"] == "Over the daily limit of orders to one address"
    assert details(page)["Status"] == "Held for review"
    links = {
        a.get_text(strip=True): a["href"] for a in BeautifulSoup(page.content, "html.parser").select("main a.button")
    }
    assert links["Release"] == f"{INDEX}status/{held.pk}/release/"
    assert links["Cancel order"] == f"{INDEX}status/{held.pk}/cancelled/"
    assert "Mark dispatched" not in links

    assert f"Release order {held.reference}?" in page_text(client.get(links["Release"]))
    assert Message.objects.count() == 0
    released = client.post(links["Release"], follow=True)
    held.refresh_from_db()
    assert (held.status, held.status_changed_by) == ("new", team_member)
    assert f"Order {held.reference} released." in page_text(released)
    assert sorted(m.to_addresses[0] for m in Message.objects.all()) == ["action@mind.org.uk", "hal@example.org"]
    assert ("orders.release", "team") in actions(held)
    # Released once: a second release does nothing more.
    client.post(links["Release"])
    assert Message.objects.count() == 2


def test_a_held_order_can_be_cancelled_and_the_cancel_undone(client, team_member, held):
    client.force_login(team_member)
    done = client.post(f"{INDEX}status/{held.pk}/cancelled/", follow=True)
    held.refresh_from_db()
    assert held.status == "cancelled"
    client.post(*undo_form(done))
    held.refresh_from_db()
    assert held.status == "held"
    assert Message.objects.count() == 0


def test_an_erased_order_says_so_instead_of_blank_fields(client, team_member, orders):
    order = orders["ann"]
    order.set_status(PrintOrder.Status.DISPATCHED, team_member)
    order.erase_personal_data()
    client.force_login(team_member)
    shown = details(client.get(f"{INDEX}inspect/{order.pk}/"))
    assert shown["Full name"] == "Erased" and shown["Postcode"] == "Erased"
    assert shown["Postcode district (kept after erasure)"] == "SW1A"
