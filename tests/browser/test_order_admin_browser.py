"""The campaigns team in Chromium: a phone order entered, marked dispatched, and the change undone."""

import re

import pytest
from django.contrib.auth.models import Group, Permission

from campaigns.orders.models import PrintOrder
from tests.admin_helpers import add_authenticator, sign_in_in_browser

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
