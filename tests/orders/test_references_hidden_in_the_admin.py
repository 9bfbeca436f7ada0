"""Editors without the order permission find no order reference anywhere in the admin."""

import pytest
from django.contrib.auth.models import Group
from wagtail.log_actions import log

from campaigns.orders.models import PrintOrder
from tests.order_helpers import fresh_cache, place_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]


@pytest.fixture
def orders(client, site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 100
    place_order(client, [site.guide], full_name="Ann Example", email="ann@example.org")
    place_order(client, [site.guide], full_name="Bob Sample", email="bob@example.org")
    client.cookies.clear()
    return list(PrintOrder.objects.order_by("pk"))


def member_of(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@mind.example", "a sturdy staff passphrase")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "Editors", "editor")


@pytest.fixture
def team_member(django_user_model):
    return member_of(django_user_model, "Campaigns team", "team")


def bulk_delete_url(orders):
    return "/admin/bulk/orders/printorder/delete/?" + "&".join(f"id={order.pk}" for order in orders)


def refused(response):
    """Wagtail answers a refusal in the admin by going back to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def shows_a_reference(response, orders):
    html = response.content.decode()
    return any(order.reference in html for order in orders)


@pytest.mark.parametrize("who", ["editor", "team_member"])
def test_the_bulk_delete_page_lists_no_orders_to_those_who_may_not_delete_them(client, orders, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in (bulk_delete_url(orders), "/admin/bulk/orders/printorder/delete/?id=all"):
        response = client.get(url)
        assert refused(response), url
        assert not shows_a_reference(response, orders), url
    assert refused(client.post(bulk_delete_url(orders)))
    assert PrintOrder.objects.count() == 2


def test_a_superuser_can_still_bulk_delete_orders(admin_client, orders):
    confirm = admin_client.get(bulk_delete_url(orders))
    assert confirm.status_code == 200
    assert all(order.reference in confirm.content.decode() for order in orders)
    admin_client.post(bulk_delete_url(orders))
    assert PrintOrder.objects.count() == 0


def test_site_history_shows_order_changes_only_to_the_team(client, orders, editor, team_member):
    log(orders[0], "wagtail.edit", user=team_member)
    client.force_login(team_member)
    assert shows_a_reference(client.get("/admin/reports/site-history/"), orders)
    client.force_login(editor)
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    assert not shows_a_reference(history, orders)
    assert "print order" not in history.content.decode().lower()


def test_search_usage_and_the_snippets_list_show_editors_no_orders(client, site, orders, editor):
    client.force_login(editor)
    for url in (
        "/admin/pages/search/?q=Ann+Example",
        f"/admin/pages/{site.guide.pk}/usage/",
        "/admin/snippets/",
        "/admin/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 302, 403), url
        assert not shows_a_reference(response, orders), url
        assert "Print orders" not in response.content.decode(), url
