"""The page that sets up an authenticator app opens at its top, and says when set-up has worked (issue 19, item 8)."""

import re

import pytest

from mindsite.accounts.models import AuthenticatorApp
from tests.admin_helpers import ENROL_URL, PASSWORD, authenticator_code, make_team_member, sign_in_with_password

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(client, django_user_model):
    """A team member through the password step, with no authenticator app yet."""
    user = make_team_member(django_user_model)
    sign_in_with_password(client, user.username)
    return user


def test_nothing_on_the_page_takes_the_focus_so_it_opens_at_its_heading(client, newcomer):
    html = client.get(ENROL_URL).content.decode()
    # An autofocused field far down the page made the browser scroll past the heading and the steps.
    assert "autofocus" not in html
    main = html[html.index("<main") :]
    heading, steps, code_field = (
        main.index("<h1"),
        main.index("In the app, add an account and scan this QR code"),
        main.index('name="otp_token"'),
    )
    assert "Set up two-step verification" in main[heading:steps]
    assert heading < steps < code_field
    # The form's fields are the first controls of the page's content: a keyboard user reaches them first.
    first_control = re.search(r"<(input|a|button|select|textarea)\b(?![^>]*type=\"hidden\")[^>]*>", main)
    assert 'name="name"' in first_control[0], first_control[0]
    assert re.search(r'<input[^>]*name="otp_token"[^>]*autocomplete="one-time-code"', html)


def test_setting_up_an_app_says_it_worked_on_the_next_page(client, newcomer):
    client.get(ENROL_URL)
    device = AuthenticatorApp.objects.get(user=newcomer, confirmed=False)
    response = client.post(
        ENROL_URL, {"name": "Work phone", "otp_token": authenticator_code(device), "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain and "Two-step verification" in html
    assert "Two-step verification is set up with “Work phone”." in html
    assert "signing in asks for your password and a code from the app" in html
    # Said once: not again on the next page.
    assert "is set up with" not in client.get(response.request["PATH_INFO"]).content.decode()


def test_a_wrong_code_says_nothing_of_success(client, newcomer):
    client.get(ENROL_URL)
    response = client.post(ENROL_URL, {"name": "Work phone", "otp_token": "000000", "password": PASSWORD}, follow=True)
    assert "There is a problem" in response.content.decode()
    assert "is set up with" not in response.content.decode()
