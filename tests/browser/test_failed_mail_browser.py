"""The dashboard's warning about refused mail in Chromium: axe-core, and trying again with JavaScript off."""

import os

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from mailer.models import Message
from wagtail.models import Site

from campaigns.orders.models import OrderSettings
from mindsite.mail.models import MailDeliveryFailure
from tests.admin_helpers import add_authenticator, sign_in_in_browser
from tests.order_helpers import RecordingHandler, free_port, place_order, smtp_server, use_smtp

pytestmark = pytest.mark.browser

INBOX = "print-orders@example.org"
PANEL = 'section[aria-label="Mail not delivered"]'


@pytest.fixture
def refused_mail(live_site, settings, client, django_user_model):
    settings.ORDER_MIN_FILL_SECONDS = 0
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = INBOX
    order_settings.save()
    place_order(client, [live_site.guide], email="nobody@example.net")
    port = free_port()
    use_smtp(settings, port)
    handler = RecordingHandler()
    handler.rcpt_answers = {INBOX: f"550 5.1.1 <{INBOX}>: no such user", "nobody@example.net": "550 5.1.1 no such user"}
    with smtp_server(port, handler):
        call_command("run_mail_worker", "--once")
    assert MailDeliveryFailure.objects.filter(gave_up_at__isnull=False).count() == 2
    # A live-server test starts after a flush, without the migrations' groups: make the Campaigns team's view.
    team = Group.objects.create(name="Mail watchers")
    team.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_maildeliveryfailure")
    )
    user = django_user_model.objects.create_user("team", "team@mind.example", "pw")
    user.groups.add(team)
    live_site.authenticator = add_authenticator(user)
    return live_site


def log_in(page, site):
    sign_in_in_browser(page, site.base_url, "team", "pw", site.authenticator)
    page.wait_for_selector(PANEL)


def test_the_warning_has_no_serious_accessibility_problems(page, refused_mail, axe):
    log_in(page, refused_mail)
    assert page.get_by_role("heading", name="2 emails could not be delivered").is_visible()
    axe.assert_no_violations(page, PANEL)
    if os.environ.get("SCREENSHOT_DIR"):
        page.locator(PANEL).screenshot(path=os.path.join(os.environ["SCREENSHOT_DIR"], "failed_mail_panel.png"))


def test_try_again_works_without_javascript(page_without_js, refused_mail):
    page = page_without_js
    log_in(page, refused_mail)
    page.get_by_role("button", name="Try again").first.click()
    page.wait_for_selector("text=1 email will be tried again within a minute.")
    assert page.get_by_role("heading", name="1 email could not be delivered").is_visible()
    assert Message.objects.non_deferred().count() == 1
