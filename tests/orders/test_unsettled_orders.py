"""Orders nobody settles do not keep their personal data for ever (issue 17, item 6).

A held order not released within HELD_ORDER_DAYS is cancelled, emailing no one, and erased; a
new order not dispatched within NEW_ORDER_FLAG_DAYS is flagged on the campaigns team's
dashboard, and after NEW_ORDER_ERASE_DAYS cancelled and erased; the order's mail goes with it;
"Is this page useful?" comments go after FEEDBACK_COMMENT_DAYS. One daily command does it all.
"""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from mailer.models import RESULT_SUCCESS, Message, MessageLog
from wagtail.models import ModelLogEntry, Site

from campaigns.orders.models import PERSONAL_DATA_FIELDS, OrderSettings, PrintOrder
from campaigns.orders.placing import place_order
from mindsite.feedback.models import PageFeedback
from mindsite.mail.models import MailDeliveryFailure
from tests.conftest import build_site
from tests.orders.admin_fixtures import editor, team_member  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

DETAILS = {
    "full_name": "Siân Example",
    "email": "sian@example.org",
    "organisation": "Carers Group",
    "address_line_1": "1 High Street",
    "address_line_2": "Flat 2",
    "town": "Cardiff",
    "postcode": "CF10 1AA",
    "purpose": "For our group",
    "wants_updates": True,
}


@pytest.fixture
def guide(settings):
    settings.HELD_ORDER_DAYS = 30
    settings.NEW_ORDER_FLAG_DAYS = 14
    settings.NEW_ORDER_ERASE_DAYS = 90
    settings.ORDER_RETENTION_DAYS = 90
    settings.FEEDBACK_COMMENT_DAYS = 365
    site = build_site(parts=1, stories=0)
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = "print-orders@example.org"
    order_settings.save()
    return site.guide


def order_placed(guide, days_ago, held=False, **details):
    reason = "More than 5 orders in an hour" if held else ""
    site = Site.objects.get(is_default_site=True)
    order = place_order({**DETAILS, **details}, [(guide, 3)], site, held_reason=reason)
    PrintOrder.objects.filter(pk=order.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    order.refresh_from_db()
    return order


def mail_of(order):
    """A delivered email's log row and a refused email's queue row, both naming the campaigner."""
    start = f"<order-{order.reference}-"
    log = MessageLog.objects.create(
        message_id=f"{start}inbox@mind.org.uk>",
        message_data=f"To: print-orders@example.org\n\nFrom {order.full_name}, {order.address_line_1}",
        when_added=timezone.now() - datetime.timedelta(days=1),
        when_attempted=timezone.now() - datetime.timedelta(days=1),
        priority=2,
        result=RESULT_SUCCESS,
        log_message="",
    )
    queued = Message.objects.create(message_data=f"To: {order.email}")
    MailDeliveryFailure.objects.create(
        message=queued, message_id_header=f"{start}confirmation@mind.org.uk>", refused="address", reason="550"
    )
    return log, queued


def assert_erased(order):
    order.refresh_from_db()
    assert order.is_erased
    for name in PERSONAL_DATA_FIELDS:
        assert getattr(order, name) == PrintOrder._meta.get_field(name).get_default(), name
    assert order.postcode_district == "CF10"
    assert order.total_copies() == 3


def test_a_held_order_400_days_old_is_cancelled_and_erased_emailing_no_one(guide):
    order = order_placed(guide, 400, held=True)
    log, queued = mail_of(order)
    other = order_placed(guide, 1, email="someone@example.org")
    other_mail = set(Message.objects.exclude(pk=queued.pk).values_list("pk", flat=True))
    assert len(other_mail) == 2  # the recent order's own two emails

    call_command("erase_old_personal_data")

    assert_erased(order)
    assert order.status == PrintOrder.Status.CANCELLED
    assert order.previous_status == PrintOrder.Status.HELD
    assert order.status_changed_by is None
    assert "not released within 30 days" in order.cancelled_reason and "No email was sent" in order.cancelled_reason
    assert ModelLogEntry.objects.for_instance(order).get().action == "orders.cancelled_unsettled"
    # No email to anyone; the order's own mail rows, which name the campaigner, are gone.
    assert set(Message.objects.values_list("pk", flat=True)) == other_mail
    assert not MessageLog.objects.filter(pk=log.pk).exists()
    assert not MailDeliveryFailure.objects.filter(message_id_header__contains=order.reference).exists()
    other.refresh_from_db()
    assert (other.status, other.full_name) == (PrintOrder.Status.NEW, "Siân Example")


def test_a_held_order_20_days_old_stays(guide):
    order = order_placed(guide, 20, held=True)
    call_command("erase_old_personal_data")
    order.refresh_from_db()
    assert (order.status, order.full_name, order.cancelled_reason) == (PrintOrder.Status.HELD, "Siân Example", "")
    assert not order.is_erased


def test_the_cancelled_reason_shows_on_the_order_for_the_team(guide, client, team_member):  # noqa: F811
    order = order_placed(guide, 400, held=True)
    call_command("erase_old_personal_data")
    client.force_login(team_member)
    page = client.get(f"/admin/snippets/orders/printorder/inspect/{order.pk}/").content.decode()
    assert "Why it was cancelled" in page
    assert "not released within 30 days of being placed" in page
    history = client.get(f"/admin/snippets/orders/printorder/history/{order.pk}/").content.decode()
    assert "Cancelled automatically and personal data erased" in history


def dashboard(client, user):
    client.force_login(user)
    return client.get("/admin/").content.decode()


def test_a_new_order_waiting_too_long_is_flagged_on_the_dashboard_then_erased_after_the_longer_age(
    guide,
    client,
    team_member,  # noqa: F811
    editor,  # noqa: F811
):
    waiting = order_placed(guide, 20)
    recent = order_placed(guide, 5, email="recent@example.org")
    html = dashboard(client, team_member)
    assert "1 order not dispatched after 14 days" in html
    assert waiting.reference in html and recent.reference not in html
    due = timezone.localdate(waiting.created_at + datetime.timedelta(days=90))
    assert f"due to be cancelled and erased on {due:%-d %B %Y}" in html
    assert "not dispatched after" not in dashboard(client, editor)

    call_command("erase_old_personal_data")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.full_name) == (PrintOrder.Status.NEW, "Siân Example")

    PrintOrder.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - datetime.timedelta(days=91))
    call_command("erase_old_personal_data")
    assert_erased(waiting)
    assert waiting.status == PrintOrder.Status.CANCELLED
    assert "Not dispatched within 90 days" in waiting.cancelled_reason
    # Only the 5-day-old order is left: nothing is waiting too long, and the warning is gone.
    assert "not dispatched after" not in dashboard(client, team_member)
    recent.refresh_from_db()
    assert not recent.is_erased


def test_held_orders_are_listed_on_the_dashboard_with_their_day(guide, client, team_member):  # noqa: F811
    held = order_placed(guide, 3, held=True)
    html = dashboard(client, team_member)
    assert "1 order held for review" in html and held.reference in html
    due = timezone.localdate(held.created_at + datetime.timedelta(days=30))
    assert f"due to be cancelled and erased on {due:%-d %B %Y}" in html


def test_the_ages_are_settings(guide, settings):
    held = order_placed(guide, 8, held=True)
    new = order_placed(guide, 8, email="new@example.org")
    settings.HELD_ORDER_DAYS = 7
    settings.NEW_ORDER_ERASE_DAYS = 7
    call_command("erase_old_personal_data")
    held.refresh_from_db()
    new.refresh_from_db()
    assert held.is_erased and new.is_erased


def feedback(page, days_ago, comment, useful=False):
    answer = PageFeedback.objects.create(page=page, useful=useful, comment=comment)
    PageFeedback.objects.filter(pk=answer.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    return answer


def test_old_feedback_comments_are_erased_and_recent_ones_stay(guide):
    old = feedback(guide, 400, "My son was restrained at St Elsewhere's last May")
    recent = feedback(guide, 30, "The link to the form is broken")
    yes = feedback(guide, 400, "", useful=True)
    call_command("erase_old_personal_data")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.comment, old.useful, old.page_id) == ("", False, guide.pk)
    assert recent.comment == "The link to the form is broken"
    assert PageFeedback.objects.filter(pk=yes.pk).exists()


def test_the_old_command_name_still_does_everything(guide):
    held = order_placed(guide, 400, held=True)
    old = feedback(guide, 400, "Something personal")
    call_command("erase_old_orders")
    held.refresh_from_db()
    old.refresh_from_db()
    assert held.is_erased and old.comment == ""
