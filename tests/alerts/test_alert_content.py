"""What an alert says: hidden and missing figures honestly, England's for England, invented figures said so."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from mailer.models import Message

from campaigns.alerts.models import Subscription
from tests.alerts.helpers import section
from tests.figures.builders import ENGLAND, TRUST, load, row
from tests.figures.pages_helpers import INVENTED, import_file
from tests.order_helpers import fresh_cache

pytestmark = pytest.mark.usefixtures(fresh_cache.__name__, section.__name__)


def confirmed(code):
    """Confirmed now: after the section's March figures were imported, before anything the test imports."""
    now = timezone.now()
    return Subscription.objects.create(email=f"{code.lower()}@example.org", code=code, created_at=now, confirmed_at=now)


def alert_text():
    [message] = Message.objects.all()
    email = message.email
    return email.subject, email.body


def test_hidden_and_missing_figures_are_said_honestly(section):
    confirmed("RX1")
    load(
        row("*", metric="MHS76", month="2025-04"),
        row("12.5", metric="MHS96", month="2025-04"),
        row("2000", metric="MHS76", month="2025-04", org=ENGLAND),
    )
    call_command("send_figure_alerts")
    subject, text = alert_text()
    assert "- April 2025: [c] (1–4, hidden to protect privacy)" in text
    # No row for uses of restraint in April: none recorded, or not sent in. Never 0.
    assert "Uses of restraint\n- April 2025: no data reported" in text
    assert "- England, April 2025: about 2,000" in text
    # England is in the file, but with no rate: none reported.
    assert "- England, April 2025: no data reported" in text
    assert ": 0\n" not in text


def test_england_left_out_of_the_file_is_said_so(section):
    confirmed("RX1")
    load(row("40", metric="MHS76", month="2025-04"))
    call_command("send_figure_alerts")
    _, text = alert_text()
    assert "- England, April 2025: not in NHS England's file for this month" in text


def test_an_england_alert_has_no_england_column(section):
    confirmed("ENGLAND")
    load(row("2000", metric="MHS76", month="2025-04", org=ENGLAND), row("40", metric="MHS76", month="2025-04"))
    call_command("send_figure_alerts")
    subject, text = alert_text()
    assert subject == "New restraint figures for England: April 2025"
    assert "- April 2025: about 2,000" in text
    assert "- March 2025: about 40" in text
    assert "England, April 2025" not in text
    assert "/england/" in text


def test_a_month_with_nothing_before_it_says_so(section):
    confirmed("RX1")
    load(row("40", metric="MHS76", month="2024-01", org=TRUST))
    call_command("send_figure_alerts")
    _, text = alert_text()
    assert "- December 2023: we have no figures for this month" in text


def test_a_demo_providers_alert_says_the_figures_are_invented(section):
    import_file([INVENTED], is_synthetic=True)
    confirmed("Z0001")
    import_file([INVENTED], is_synthetic=True, last=(2025, 4), name="april.csv")
    call_command("send_figure_alerts")
    _, text = alert_text()
    assert "THESE FIGURES ARE INVENTED" in text


def test_a_real_providers_alert_does_not(section):
    confirmed("RX1")
    load(row("40", metric="MHS76", month="2025-04"))
    call_command("send_figure_alerts")
    _, text = alert_text()
    assert "INVENTED" not in text


def test_nothing_is_sent_to_an_unconfirmed_sign_up(section):
    Subscription.objects.create(email="a@example.org", code="RX1", created_at=timezone.now())
    load(row("40", metric="MHS76", month="2025-04"))
    call_command("send_figure_alerts")
    assert not Message.objects.exists()


def test_only_subscribers_of_a_provider_in_the_file_get_an_alert(section):
    confirmed("NQ7")
    load(row("40", metric="MHS76", month="2025-04"))  # RX1 only
    call_command("send_figure_alerts")
    assert not Message.objects.exists()
