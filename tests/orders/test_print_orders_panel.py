"""The dashboard's Print orders panel: new orders to post and held orders, with counts and links (issue 19, item 8)."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from campaigns.orders.dashboard import print_orders_context
from campaigns.orders.models import PrintOrder
from tests.orders.admin_fixtures import INDEX, editor, team_member  # noqa: F401 (fixtures)
from tests.orders.test_unsettled_orders import guide, order_placed  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

PANEL = 'id="print-orders-section"'


def dashboard(client, user):
    client.force_login(user)
    return client.get("/admin/").content.decode()


def panel_row(html, label):
    """The panel's row for 'New, waiting to be posted' or 'Held for review': (link, count, what to do)."""
    row = re.search(rf'<a href="([^"]+)">{label}</a></th>\s*<td>(\d+)</td>\s*<td>(.*?)</td>', html, flags=re.S)
    assert row, f"no row {label!r} in the panel"
    return unescape(row[1]), int(row[2]), unescape(row[3]).replace("\xa0", " ")


def listed(client, url):
    return [order.reference for order in client.get(url).context["object_list"]]


def test_the_team_sees_how_many_orders_wait_and_how_old_the_oldest_is(client, guide, team_member):  # noqa: F811
    oldest = order_placed(guide, 3)
    newer = order_placed(guide, 1, email="newer@example.org")
    held = order_placed(guide, 2, held=True, email="held@example.org")
    dispatched = order_placed(guide, 5, email="sent@example.org")
    dispatched.set_status(PrintOrder.Status.DISPATCHED, team_member)

    html = dashboard(client, team_member)
    assert PANEL in html
    new_url, new_count, new_advice = panel_row(html, "New, waiting to be posted")
    assert new_count == 2
    assert f"The oldest was placed 3 days ago, on {timezone.localtime(oldest.created_at):%-d %B}." in new_advice
    held_url, held_count, held_advice = panel_row(html, "Held for review")
    assert held_count == 1
    assert "release it" in held_advice and "cancel it" in held_advice

    # Each links to the list filtered to those orders, oldest first.
    assert listed(client, new_url) == [oldest.reference, newer.reference]
    assert listed(client, held_url) == [held.reference]
    assert new_url.startswith(INDEX) and held_url.startswith(INDEX)


def test_with_nothing_waiting_the_panel_says_so(client, guide, team_member):  # noqa: F811
    html = dashboard(client, team_member)
    assert panel_row(html, "New, waiting to be posted")[1:] == (0, "Nothing to post.")
    assert panel_row(html, "Held for review")[1:] == (0, "Nothing to review.")
    assert "due to be cancelled" not in html


def test_only_people_who_can_see_orders_see_the_panel(client, guide, team_member, editor):  # noqa: F811
    order_placed(guide, 1)
    assert PANEL in dashboard(client, team_member)
    assert PANEL not in dashboard(client, editor)


def test_the_panel_costs_three_queries_at_most(guide, django_assert_num_queries, settings):  # noqa: F811
    with django_assert_num_queries(1):
        print_orders_context()
    for days in (20, 21):
        order_placed(guide, days, email=f"old{days}@example.org")
    for days in range(3):
        order_placed(guide, days, held=True, email=f"held{days}@example.org")
    with django_assert_num_queries(3):
        context = print_orders_context()
    assert (context["new_count"], context["overdue_count"], context["held_count"]) == (2, 2, 3)
    assert len(context["overdue_orders"]) == 2 and len(context["held_orders"]) == 3
    assert context["oldest_new"] < timezone.now() - datetime.timedelta(days=20)
