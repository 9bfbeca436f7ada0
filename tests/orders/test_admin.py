"""The campaigns team's list of orders in the Wagtail admin ("Print orders"), and who may see it."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from mailer.models import Message

from campaigns.orders.models import OrderSettings, PrintOrder
from tests.order_helpers import fresh_cache
from tests.orders import admin_fixtures as order_admin_fixtures
from tests.orders.admin_fixtures import INDEX

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

# The shared fixtures, used here by name.
editor = order_admin_fixtures.editor
orders = order_admin_fixtures.orders
team_member = order_admin_fixtures.team_member


def listed(response):
    return {o.reference for o in response.context["object_list"]}


def test_the_team_finds_orders_by_status_guide_and_date(client, team_member, orders):
    client.force_login(team_member)
    ann, bob, evil = orders["ann"], orders["bob"], orders["evil"]
    assert listed(client.get(INDEX)) == {ann.reference, bob.reference, evil.reference}
    bob.set_status("dispatched", team_member)
    assert listed(client.get(INDEX, {"status": "new"})) == {ann.reference, evil.reference}
    assert listed(client.get(INDEX, {"status": "dispatched"})) == {bob.reference}
    assert listed(client.get(INDEX, {"guide": orders["second"].pk})) == {bob.reference, evil.reference}
    since = (timezone.now() - datetime.timedelta(days=2)).date().isoformat()
    assert listed(client.get(INDEX, {"created_at_from": since})) == {bob.reference, evil.reference}


def test_the_team_filters_by_updates_opt_in(client, team_member, orders):
    PrintOrder.objects.filter(pk=orders["bob"].pk).update(wants_updates=True)
    client.force_login(team_member)
    page = client.get(INDEX).content.decode()
    assert "Updates opt-in" in page
    assert listed(client.get(INDEX, {"wants_updates": "true"})) == {orders["bob"].reference}
    assert listed(client.get(INDEX, {"wants_updates": "false"})) == {orders["ann"].reference, orders["evil"].reference}
    assert len(listed(client.get(INDEX, {"wants_updates": ""}))) == 3


def test_the_list_shows_status_and_how_the_order_came_in_as_words(client, team_member, orders):
    client.force_login(team_member)
    orders["bob"].set_status("dispatched", team_member)
    page = client.get(INDEX).content.decode()
    assert "Dispatched" in page and "Order form" in page
    assert listed(client.get(INDEX, {"source": "phone"})) == set()


@pytest.mark.parametrize("query, who", [("Ann Exa", "ann"), ("m1 1ae", "bob"), ("B33", "evil")])
def test_the_team_searches_by_name_and_postcode(client, team_member, orders, query, who):
    client.force_login(team_member)
    assert listed(client.get(INDEX, {"q": query})) == {orders[who].reference}


def test_the_team_searches_by_reference(client, team_member, orders):
    client.force_login(team_member)
    assert listed(client.get(INDEX, {"q": orders["bob"].reference.lower()})) == {orders["bob"].reference}


def test_the_list_is_drawn_in_a_bounded_number_of_queries(client, team_member, orders, django_assert_max_num_queries):
    client.force_login(team_member)
    client.get(INDEX)
    with django_assert_max_num_queries(40):
        response = client.get(INDEX)
    assert response.status_code == 200


def test_bulk_mark_dispatched(client, team_member, orders):
    client.force_login(team_member)
    ids = [orders["ann"].pk, orders["bob"].pk]
    url = "/admin/bulk/orders/printorder/mark_dispatched/?" + "&".join(f"id={pk}" for pk in ids)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert orders["ann"].reference in confirm.content.decode()
    assert "Mark 2 orders dispatched?" in confirm.content.decode()
    client.post(url)
    statuses = dict(PrintOrder.objects.values_list("pk", "status"))
    assert statuses == {orders["ann"].pk: "dispatched", orders["bob"].pk: "dispatched", orders["evil"].pk: "new"}
    assert set(PrintOrder.objects.filter(pk__in=ids).values_list("status_changed_by", flat=True)) == {team_member.pk}
    assert set(PrintOrder.objects.filter(pk__in=ids).values_list("previous_status", flat=True)) == {"new"}


def test_the_list_offers_the_bulk_action(client, team_member, orders):
    client.force_login(team_member)
    assert "mark_dispatched" in client.get(INDEX).content.decode()


def personal_or_order_data(order):
    return (order.full_name, order.email, order.reference, order.postcode)


def assert_shows_no_order(response, orders, where):
    html = "" if response.streaming else response.content.decode()
    for order in (orders["ann"], orders["bob"]):
        for value in personal_or_order_data(order):
            assert value not in html, f"{where} shows {value!r}"


def test_editors_without_the_permission_see_no_orders_anywhere(client, team_member, editor, orders, site):
    order = orders["ann"]
    # Something in the history of an order, as the team leaves there.
    team = Client()
    team.force_login(team_member)
    team.post(f"{INDEX}status/{order.pk}/dispatched/")
    client.force_login(editor)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Print orders" not in dashboard.content.decode()
    assert_shows_no_order(dashboard, orders, "the dashboard")
    for url in [
        INDEX,
        f"{INDEX}results/",
        f"{INDEX}add/",
        f"{INDEX}inspect/{order.pk}/",
        f"{INDEX}edit/{order.pk}/",
        f"{INDEX}delete/{order.pk}/",
        f"{INDEX}history/{order.pk}/",
        f"{INDEX}usage/{order.pk}/",
        f"{INDEX}status/{order.pk}/cancelled/",
        f"{INDEX}?export=csv",
        f"{INDEX}?export=xlsx",
        f"{INDEX}export/?format=csv",
        f"{INDEX}export/?format=xlsx",
        "/admin/snippets/choose/orders/printorder/",
        f"/admin/bulk/orders/printorder/mark_dispatched/?id={order.pk}",
        f"/admin/bulk/orders/printorder/delete/?id={order.pk}",
        "/admin/bulk/orders/printorder/delete/?id=all",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert_shows_no_order(response, orders, url)
    # Where an editor may go: the list of snippet types, the site's history, search, and what uses a guide.
    assert "Print order" not in client.get("/admin/snippets/").content.decode()
    for url in [
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        f"/admin/search/?q={order.reference}",
        "/admin/search/?q=Ann",
        f"/admin/pages/{site.guide.pk}/usage/",
        f"/admin/pages/{site.guide.pk}/history/",
    ]:
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        assert_shows_no_order(response, orders, url)
    # And nothing they can post changes an order.
    client.post(f"/admin/bulk/orders/printorder/mark_dispatched/?id={orders['bob'].pk}")
    client.post(f"/admin/bulk/orders/printorder/delete/?id={orders['bob'].pk}")
    assert client.post(f"{INDEX}status/{orders['bob'].pk}/cancelled/").status_code in (302, 403)
    assert client.post(f"{INDEX}undo/{order.pk}/", {"from_status": "dispatched"}).status_code in (302, 403)
    assert dict(PrintOrder.objects.values_list("reference", "status")) == {
        order.reference: "dispatched",
        orders["bob"].reference: "new",
        orders["evil"].reference: "new",
    }


def test_the_site_history_shows_order_changes_to_the_team(client, team_member, orders):
    client.force_login(team_member)
    client.post(f"{INDEX}status/{orders['ann'].pk}/dispatched/")
    assert orders["ann"].reference in client.get("/admin/reports/site-history/").content.decode()


def test_the_team_may_not_delete_orders_in_bulk(client, team_member, orders):
    client.force_login(team_member)
    page = client.get(f"/admin/bulk/orders/printorder/delete/?id={orders['ann'].pk}")
    assert page.status_code in (302, 403)
    assert orders["ann"].reference not in page.content.decode()
    client.post(f"/admin/bulk/orders/printorder/delete/?id={orders['ann'].pk}")
    assert PrintOrder.objects.count() == 3


def test_a_superuser_may_still_delete_orders_in_bulk(client, django_user_model, orders):
    client.force_login(django_user_model.objects.create_superuser("root", "root@mind.example", "pw"))
    url = f"/admin/bulk/orders/printorder/delete/?id={orders['ann'].pk}"
    assert orders["ann"].reference in client.get(url).content.decode()
    client.post(url)
    assert not PrintOrder.objects.filter(pk=orders["ann"].pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, orders):
    response = client.get(f"{INDEX}inspect/{orders['ann'].pk}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_team_can_see_print_orders_in_the_menu(client, team_member, orders):
    client.force_login(team_member)
    assert "Print orders" in client.get("/admin/").content.decode()


def test_only_permitted_users_change_the_campaigns_inbox(client, team_member, editor, site):
    url = f"/admin/settings/orders/ordersettings/{site.home.get_site().pk}/"
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    client.force_login(team_member)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "campaigns_inbox": "orders@example.org",
            "privacy_notice_url": "https://example.org/privacy",
            "dispatch_time": "within a week",
        },
    )
    assert response.status_code == 302
    assert OrderSettings.for_site(site.home.get_site()).campaigns_inbox == "orders@example.org"


def test_mail_stuck_for_over_an_hour_is_flagged(client, team_member, editor, orders):
    client.force_login(team_member)
    assert "could not be delivered" not in client.get("/admin/").content.decode()
    Message.objects.filter(pk=Message.objects.order_by("pk").first().pk).update(
        when_added=timezone.now() - datetime.timedelta(minutes=61)
    )
    for url in ("/admin/", INDEX):
        html = client.get(url).content.decode()
        assert "1 email could not be delivered for over an hour" in html, url
        assert orders["ann"].reference in html
    client.force_login(editor)
    assert "could not be delivered" not in client.get("/admin/").content.decode()
