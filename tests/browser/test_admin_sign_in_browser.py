"""Signing in to the admin in Chromium: a newcomer sets up an authenticator app, then every sign-in asks for a code."""

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.admin_helpers import PASSWORD, add_authenticator, sign_in_in_browser
from tests.browser.helpers import focused, wait_for_focus

# Wagtail's own admin pages are not ours to fix; these are the pages this site adds.
OUR_PAGES = "main"


@pytest.fixture
def newcomer(live_server):
    return get_user_model().objects.create_superuser("newcomer", "newcomer@mind.example", PASSWORD)


def code_for_key(key, steps_ahead=0):
    secret = base64.b32decode(key.replace(" ", ""))
    return f"{totp(secret, drift=steps_ahead):06d}"


def test_a_newcomer_sets_up_two_step_verification_and_makes_recovery_codes(page, live_server, newcomer, axe):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/admin/2fa/devices/new**")
    expect(page.get_by_role("heading", name="Set up two-step verification")).to_be_visible()
    expect(page.get_by_alt_text("QR code to add this site to your authenticator app")).to_be_visible()
    axe.assert_no_violations(page, OUR_PAGES)
    key = re.search(r"enter: ([A-Z2-7 ]+)", page.locator("main").inner_text()).group(1)

    page.get_by_label("Name for this app").fill("My phone")
    page.get_by_label("Code from the app").fill(code_for_key(key))
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("You have no recovery codes")).to_be_visible()
    page.get_by_role("link", name="See how many recovery codes you have left, or make new ones").click()
    page.get_by_role("button", name="Make new recovery codes").click()
    expect(page.get_by_role("list", name="Your recovery codes").get_by_role("listitem")).to_have_count(10)
    axe.assert_no_violations(page, OUR_PAGES)


def test_signing_in_asks_for_the_code_from_the_app(page, live_server, newcomer, axe):
    device = add_authenticator(newcomer)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/2fa/auth**")
    axe.assert_no_violations(page, OUR_PAGES)

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-message")).to_contain_text("That code is not right")
    axe.assert_no_violations(page, OUR_PAGES)

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/admin/login/**")
    device.throttle_reset()  # the wrong code made the next try wait a second
    sign_in_in_browser(page, live_server.url, "newcomer", PASSWORD, device)
    expect(page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Print orders")).to_be_visible()


def test_a_locked_out_person_is_told_what_happened_and_what_to_do(page, live_server, newcomer, axe):
    for n in range(5):
        page.goto(live_server.url + "/admin/login/")
        page.get_by_label("Username").fill("newcomer")
        page.get_by_label("Password").fill(f"guess {n}")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Signing in is paused")).to_be_visible()
    expect(page.get_by_text("ask the person who looks after the website to unlock your account")).to_be_visible()
    axe.assert_no_violations(page)


def test_the_set_up_page_opens_at_its_heading_and_the_keyboard_soon_reaches_the_form(page, live_server, newcomer):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/2fa/devices/new**")
    page.wait_for_load_state("load")

    # At 1280x800 the heading and the first steps are on the first screen; nothing has taken the focus.
    expect(page.get_by_role("heading", name="Set up two-step verification")).to_be_in_viewport()
    expect(page.get_by_text("Install an authenticator app if you do not have one")).to_be_in_viewport()
    assert focused(page) is None

    # From the top: "Skip to main content", then the first field of the form.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    wait_for_focus(page, lambda element: element["id"] == "main")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_name"
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_otp_token"
