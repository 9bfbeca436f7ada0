"""'Email me when new figures are out' in a real browser, without JavaScript: sign up, confirm, unsubscribe.

Screenshots of the provider page's form, the answer and confirmation pages and the emails' text, at 320,
390 and 1280 pixels wide, go to the test's folder (tmp_path) to look at.
"""

import html
import re

import pytest
from mailer.models import Message

from campaigns.alerts.models import Subscription
from tests.figures.pages_helpers import INDEPENDENT, TRUST, add_section, import_file

WIDTHS = (320, 390, 1280)
LINK = re.compile(r"https?://[^/\s]+(/alerts/(?:confirm|unsubscribe)/[^/\s]+/)")


@pytest.fixture
def figures_site(live_site, settings):
    settings.ALERT_MIN_FILL_SECONDS = 0
    live_site.section = add_section(live_site.campaign)
    import_file((TRUST, INDEPENDENT))
    return live_site


def shoot(new_page, url, name, tmp_path, around=None):
    """The whole page at each width; given `around` (a CSS selector), that element and what is just before it."""
    for width in WIDTHS:
        page = new_page(viewport={"width": width, "height": 800}, java_script_enabled=False)
        page.goto(url)
        path = str(tmp_path / f"{name}-{width}.png")
        if around:
            box = page.locator(around).bounding_box()
            top = max(box["y"] - 200, 0)
            page.screenshot(
                path=path, full_page=True, clip={"x": 0, "y": top, "width": width, "height": box["height"] + 400}
            )
        else:
            page.screenshot(path=path, full_page=True)
        page.close()


def email_page(new_page, message, name, tmp_path):
    """The email's text as a mail program shows plain text: wrapped, in the reader's font."""
    body = html.escape(f"Subject: {message.subject}\n\n{message.body}")
    document = (
        '<body style="font:16px/1.5 sans-serif;margin:12px">'
        f'<div style="white-space:pre-wrap;overflow-wrap:anywhere">{body}</div></body>'
    )
    for width in WIDTHS:
        page = new_page(viewport={"width": width, "height": 800})
        page.set_content(document)
        page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
        page.close()


def test_sign_up_confirm_and_unsubscribe_without_javascript(figures_site, page_without_js, new_page, tmp_path, axe):
    provider_url = figures_site.url(figures_site.section.url + "RX1/")
    page = page_without_js
    page.goto(provider_url)
    form = page.locator("#figure-alert-heading")
    assert form.is_visible()
    page.get_by_label("Your email address").fill("ann@example.org")
    page.get_by_role("button", name="Email me").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    check_url = page.url

    [message] = [row.email for row in Message.objects.all()]
    confirm_path = next(path for path in LINK.findall(message.body) if "/confirm/" in path)
    page.goto(figures_site.url(confirm_path))
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role("heading", name="You are signed up").is_visible()
    assert Subscription.objects.get().confirmed_at is not None

    shoot(new_page, provider_url, "provider-page", tmp_path, around="section.figure-alert")
    shoot(new_page, check_url, "check-your-email", tmp_path)
    shoot(new_page, figures_site.url(confirm_path), "signed-up", tmp_path)
    email_page(new_page, message, "confirmation-email", tmp_path)

    # The next month's figures: the import's signal queues the alert as it commits.
    import_file((TRUST, INDEPENDENT), last=(2025, 4), name="april.csv")
    [alert] = [row.email for row in Message.objects.all() if "April 2025" in row.email.subject]
    email_page(new_page, alert, "alert-email", tmp_path)

    with_js = new_page(viewport={"width": 390, "height": 800})
    with_js.goto(provider_url)
    axe.assert_no_violations(with_js)

    unsubscribe_path = next(path for path in LINK.findall(message.body) if "/unsubscribe/" in path)
    page.goto(figures_site.url(unsubscribe_path))
    page.get_by_role("button", name="Stop these emails").click()
    assert page.get_by_role("heading", name="You will get no more emails").is_visible()
    assert not Subscription.objects.exists()


def test_a_mistyped_address_is_told_at_the_field(figures_site, page_without_js, tmp_path):
    page = page_without_js
    page.goto(figures_site.url(figures_site.section.url + "RX1/"))
    page.get_by_label("Your email address").fill("ann at example.org")
    page.get_by_role("button", name="Email me").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.locator("#figure-alert-email-error").is_visible()
    assert page.get_by_label("Your email address").input_value() == "ann at example.org"
    page.screenshot(path=str(tmp_path / "error-1280.png"), full_page=True)
