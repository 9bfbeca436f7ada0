"""The campaigns team's view of orders in the Wagtail admin ("Print orders")."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from mailer.models import Message

from campaigns.orders.models import OrderSettings, PrintOrder
from tests.factories import GuidePageFactory
from tests.order_helpers import fresh_cache, place_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

INDEX = "/admin/snippets/orders/printorder/"


@pytest.fixture
def team_member(django_user_model):
    user = django_user_model.objects.create_user("team", "team@mind.example", "pw", first_name="Tia", last_name="Team")
    user.groups.add(Group.objects.get(name="Campaigns team"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@mind.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def orders(client, site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 100
    settings.ORDER_THROTTLE_PER_HOUR = 100
    second = GuidePageFactory(parent=site.campaign, title="Influencing change in your area")
    place_order(client, [site.guide], full_name="Ann Example", postcode="SW1A 1AA", email="ann@example.org")
    place_order(client, [second], full_name="Bob Sample", postcode="M1 1AE", email="bob@example.org")
    place_order(
        client, [site.guide, second], full_name='=HYPERLINK("http://evil")', postcode="B33 8TH", email="c@example.org"
    )
    ann, bob, evil = PrintOrder.objects.order_by("pk")
    PrintOrder.objects.filter(pk=ann.pk).update(created_at=timezone.now() - datetime.timedelta(days=10))
    return {"ann": ann, "bob": bob, "evil": evil, "guide": site.guide, "second": second}


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


def test_the_csv_export_is_the_filtered_list_with_everything_to_post_it(client, team_member, orders):
    client.force_login(team_member)
    response = client.get(INDEX, {"export": "csv", "guide": orders["second"].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["Reference"] for row in rows} == {orders["bob"].reference, orders["evil"].reference}
    bob = next(row for row in rows if row["Reference"] == orders["bob"].reference)
    assert bob["Full name"] == "Bob Sample"
    assert bob["Postcode"] == "M1 1AE"
    assert bob["Address line 1"] == "1 High Street"
    assert bob["Town or city"] == "London"
    assert bob["Copies"] == "2 × Influencing change in your area"
    assert bob["Total copies"] == "2"
    evil = next(row for row in rows if row["Reference"] == orders["evil"].reference)
    assert evil["Full name"].startswith("'=")


def test_the_xlsx_export_writes_a_formula_like_name_as_text(client, team_member, orders):
    client.force_login(team_member)
    response = client.get(INDEX, {"export": "xlsx", "guide": orders["second"].pk})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    names = [row[headings.index("Full name")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil")' in names


def test_the_detail_page_shows_the_order_and_marks_it_dispatched_recording_who_and_when(client, team_member, orders):
    client.force_login(team_member)
    order = orders["ann"]
    page = client.get(f"{INDEX}inspect/{order.pk}/")
    html = page.content.decode()
    for expected in (order.reference, "Ann Example", "1 High Street", "SW1A 1AA", "2 × What the guidance says"):
        assert expected in html
    assert "Mark dispatched" in html
    response = client.post(f"{INDEX}status/{order.pk}/", {"status": "dispatched"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "dispatched"
    assert order.status_changed_by == team_member
    assert timezone.now() - order.status_changed_at < datetime.timedelta(minutes=1)
    # Dispatched is final.
    client.post(f"{INDEX}status/{order.pk}/", {"status": "cancelled"})
    order.refresh_from_db()
    assert order.status == "dispatched"


def test_an_order_can_be_cancelled(client, team_member, orders):
    client.force_login(team_member)
    client.post(f"{INDEX}status/{orders['bob'].pk}/", {"status": "cancelled"})
    orders["bob"].refresh_from_db()
    assert (orders["bob"].status, orders["bob"].status_changed_by) == ("cancelled", team_member)


def test_bulk_mark_dispatched(client, team_member, orders):
    client.force_login(team_member)
    ids = [orders["ann"].pk, orders["bob"].pk]
    url = "/admin/bulk/orders/printorder/mark_dispatched/?" + "&".join(f"id={pk}" for pk in ids)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert orders["ann"].reference in confirm.content.decode()
    client.post(url)
    statuses = dict(PrintOrder.objects.values_list("pk", "status"))
    assert statuses == {orders["ann"].pk: "dispatched", orders["bob"].pk: "dispatched", orders["evil"].pk: "new"}
    assert set(PrintOrder.objects.filter(pk__in=ids).values_list("status_changed_by", flat=True)) == {team_member.pk}


def test_the_list_offers_the_bulk_action(client, team_member, orders):
    client.force_login(team_member)
    assert "mark_dispatched" in client.get(INDEX).content.decode()


def test_editors_without_the_permission_see_no_orders_anywhere(client, editor, orders):
    client.force_login(editor)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Print orders" not in dashboard.content.decode()
    order = orders["ann"]
    for url in [
        INDEX,
        f"{INDEX}results/",
        f"{INDEX}inspect/{order.pk}/",
        f"{INDEX}edit/{order.pk}/",
        f"{INDEX}delete/{order.pk}/",
        f"{INDEX}history/{order.pk}/",
        f"{INDEX}usage/{order.pk}/",
        f"{INDEX}?export=csv",
        "/admin/snippets/choose/orders/printorder/",
        f"/admin/bulk/orders/printorder/mark_dispatched/?id={order.pk}",
    ]:
        response = client.get(url)
        html = response.content.decode() if not response.streaming else ""
        assert response.status_code in (302, 403, 404), url
        assert "Ann Example" not in html and "ann@example.org" not in html, url
    client.post(f"/admin/bulk/orders/printorder/mark_dispatched/?id={order.pk}")
    assert client.post(f"{INDEX}status/{order.pk}/", {"status": "dispatched"}).status_code in (302, 403)
    order.refresh_from_db()
    assert order.status == "new"


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
