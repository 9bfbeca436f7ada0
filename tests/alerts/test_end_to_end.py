"""'Email me when new figures are out', end to end against a real SMTP server on loopback.

Sign up on a provider's page, confirm from the link in the email, import a new month with the real importer,
receive exactly one alert whatever runs again, then unsubscribe with one click (RFC 8058).
"""

import pytest
from django.core.management import call_command
from mailer.models import Message

from campaigns.alerts.models import AlertSent, Subscription
from campaigns.figures.importer import AlreadyImported
from tests.alerts.helpers import (
    EMAIL,
    import_month,
    link_in,
    point_mail_at,
    provider_path,
    run_worker,
    section,
    sign_up,
    text_of,
)
from tests.figures.pages_helpers import INDEPENDENT, TRUST, figures_file
from tests.order_helpers import RecordingHandler, free_port, fresh_cache, smtp_server

pytestmark = pytest.mark.usefixtures(fresh_cache.__name__, section.__name__)


def sign_up_and_confirm(client, site, handler, port):
    response = sign_up(client, site, email="Ann@Example.org")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    with smtp_server(port, handler):
        run_worker()
    [confirmation] = handler.to(EMAIL)
    assert "Confirm" in confirmation["Subject"]
    confirm_path = link_in(confirmation, "confirm")
    page = client.get(confirm_path)
    assert b"Confirm your email alerts" in page.content
    assert Subscription.objects.get().confirmed_at is None, "following the link alone confirms nothing"
    assert client.post(confirm_path).status_code == 302
    assert b"You are signed up" in client.get(confirm_path).content
    assert Subscription.objects.get().confirmed_at is not None
    handler.messages.clear()


def test_sign_up_confirm_alert_once_and_unsubscribe_with_one_click(
    client, section, settings, django_capture_on_commit_callbacks
):
    port = free_port()
    point_mail_at(settings, port)
    handler = RecordingHandler()
    page = client.get(provider_path(section))
    assert b"Email me when new figures are out" in page.content

    sign_up_and_confirm(client, section, handler, port)

    # Nothing is sent for figures imported before the sign-up was confirmed.
    call_command("send_figure_alerts")
    assert not Message.objects.exists()

    # A new month, imported with the real importer: the alert is queued when the import commits.
    with django_capture_on_commit_callbacks(execute=True):
        import_month((2025, 4))
    # Again and again: the job, the same file, the same month and status from another file.
    call_command("send_figure_alerts")
    call_command("send_figure_alerts")
    with pytest.raises(AlreadyImported):
        import_month((2025, 4))
    with django_capture_on_commit_callbacks(execute=True):
        import_month((2025, 4), name="the same month again.csv", orgs=(TRUST, INDEPENDENT, ("RX9", "ANOTHER TRUST")))
    with smtp_server(port, handler):
        run_worker()
        run_worker()

    [alert] = handler.to(EMAIL)
    assert len(handler.messages) == 1
    assert alert["Subject"] == "New restraint figures for Northshire Mental Health NHS Trust: April 2025"
    text = text_of(alert)
    assert "April 2025: about 40" in text
    assert "March 2025: about 40" in text
    assert "England, April 2025: about 40" in text
    print(text)
    assert provider_path(section) in text
    unsubscribe_path = link_in(alert, "unsubscribe")
    assert alert["List-Unsubscribe"].endswith(f"{unsubscribe_path}>")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert AlertSent.objects.count() == 1

    # One click, as a mail program sends it (RFC 8058): no CSRF token, no confirmation page.
    csrf_checking = client.__class__(enforce_csrf_checks=True)
    response = csrf_checking.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert not AlertSent.objects.exists()

    # Gone: the next month sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        import_month((2025, 5))
    with smtp_server(port, handler):
        run_worker()
    assert len(handler.messages) == 1


def test_a_more_final_publication_of_the_month_is_one_more_alert(client, section, settings):
    port = free_port()
    point_mail_at(settings, port)
    handler = RecordingHandler()
    sign_up_and_confirm(client, section, handler, port)
    import_month((2025, 4))
    call_command("send_figure_alerts")
    final = figures_file([("RX1", "NORTHSHIRE MENTAL HEALTH NHS TRUST")], months=1, last=(2025, 4))
    text = final.getvalue().decode().replace(",Performance,", ",Final,")
    from io import BytesIO

    from campaigns.figures.importer import import_figures

    import_figures(BytesIO(text.encode()), "final.csv")
    call_command("send_figure_alerts")
    call_command("send_figure_alerts")
    with smtp_server(port, handler):
        run_worker()
    subjects = sorted(message["Subject"] for message in handler.to(EMAIL))
    assert subjects == [
        "New restraint figures for Northshire Mental Health NHS Trust: April 2025",
        "Updated restraint figures for Northshire Mental Health NHS Trust: April 2025",
    ]


def test_an_smtp_outage_delays_the_alert_and_loses_nothing(client, section, settings):
    port = free_port()
    point_mail_at(settings, port)
    handler = RecordingHandler()
    sign_up_and_confirm(client, section, handler, port)
    import_month((2025, 4))
    call_command("send_figure_alerts")

    run_worker()  # no server listening: the alert waits in the queue
    assert Message.objects.count() == 1
    handler.mode = "refuse"
    with smtp_server(port, handler):
        call_command("send_figure_alerts")
        from tests.orders.test_mail_delivery import age_failures

        age_failures(3600)
        run_worker()  # 451: still waiting
        assert Message.objects.count() == 1
        handler.mode = "accept"
        age_failures(3600)
        run_worker()
        age_failures(3600)
        run_worker()
    [alert] = handler.to(EMAIL)
    assert "April 2025" in alert["Subject"]
    assert not Message.objects.exists()
