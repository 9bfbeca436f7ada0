"""The campaigns team in Chromium: a phone order entered, marked dispatched, and the change undone."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect
from wagtail.models import Site

from campaigns.orders.models import PrintOrder
from campaigns.orders.placing import place_order
from tests.admin_helpers import add_authenticator, sign_in_in_browser
from tests.orders.test_unsettled_orders import DETAILS

pytestmark = pytest.mark.browser


@pytest.fixture
def team_member(live_site, django_user_model):
    # A live-server test starts from an emptied database: the group the migrations made is gone.
    group, _ = Group.objects.get_or_create(name="Campaigns team")
    codenames = ["access_admin", "view_printorder", "add_printorder", "change_printorder"]
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    user = django_user_model.objects.create_user("tia", "tia@mind.example", "a long password", first_name="Tia")
    user.groups.add(group)
    user.authenticator = add_authenticator(user)
    return user


def test_a_phone_order_is_entered_marked_dispatched_and_the_change_undone(page, live_site, team_member):
    sign_in_in_browser(page, live_site.base_url, "tia", "a long password", team_member.authenticator)
    page.goto(live_site.url("/admin/snippets/orders/printorder/"))
    page.get_by_role("link", name="Add print order").click()

    page.get_by_label("Phone").check()
    page.get_by_label("Copies of What the guidance says").fill("5")
    page.get_by_label("Full name").fill("Pat Phone")
    page.get_by_label("Address line 1").fill("3 Hill Road")
    page.get_by_label("Town or city").fill("Bristol")
    page.get_by_label("Postcode").fill("bs1 4dj")
    page.get_by_role("button", name="Save order").click()
    page.get_by_text(re.compile(r"Order \w{8} saved\. No confirmation was sent")).wait_for()
    order = PrintOrder.objects.get()
    assert (order.source, order.entered_by, order.postcode) == ("phone", team_member, "BS1 4DJ")

    page.get_by_role("link", name="Mark dispatched").click()
    page.get_by_role("button", name="Yes, mark dispatched").click()
    page.get_by_text(f"Order {order.reference} marked dispatched.").wait_for()
    order.refresh_from_db()
    assert order.status == "dispatched"

    page.get_by_role("button", name="Undo").click()
    page.get_by_text(f"Order {order.reference} is back to 'New'.").wait_for()
    order.refresh_from_db()
    assert (order.status, order.status_changed_by) == ("new", team_member)


def test_the_dashboards_print_orders_panel_has_no_serious_accessibility_problems(page, live_site, team_member, axe):
    place_order(DETAILS, [(live_site.guide, 3)], held_reason="More than 5 orders in an hour")
    place_order({**DETAILS, "email": "new@example.org"}, [(live_site.guide, 2)], Site.objects.get(is_default_site=True))
    sign_in_in_browser(page, live_site.base_url, "tia", "a long password", team_member.authenticator)
    panel = page.locator("#print-orders-section")
    expect(panel.get_by_role("row", name="New, waiting to be posted 1")).to_be_visible()
    axe.assert_no_violations(page, "#print-orders-section")
    panel.get_by_role("link", name="Held for review").click()
    expect(page.get_by_role("link", name=re.compile("^[A-Z0-9]{8}$"))).to_have_count(1)
