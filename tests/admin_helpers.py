"""Helpers for tests of signing in to the admin: real passwords, real authenticator codes.

`client.force_login(user)` already signs in with both factors (tests/conftest.py). These
helpers go through the real steps instead: the password form, then the code step.
"""

from django.contrib.auth.models import Group
from django_otp.oath import totp

from mindsite.accounts.models import AuthenticatorApp

LOGIN_URL = "/admin/login/"
CODE_URL = "/admin/2fa/auth"
ENROL_URL = "/admin/2fa/devices/new"
RECOVERY_CODES_URL = "/admin/2fa/recovery-codes/"
PASSWORD = "a sturdy staff passphrase"


def make_superuser(django_user_model, username="ada", password=PASSWORD):
    return django_user_model.objects.create_superuser(username, f"{username}@mind.example", password)


def make_team_member(django_user_model, username="tia", password=PASSWORD):
    user = django_user_model.objects.create_user(username, f"{username}@mind.example", password)
    user.groups.add(Group.objects.get(name="Campaigns team"))
    return user


def add_authenticator(user, name="Phone"):
    """An authenticator app the user has already set up (a confirmed TOTP device)."""
    return AuthenticatorApp.objects.create(user=user, name=name, confirmed=True)


def authenticator_code(device, steps_ahead=0):
    """The code the user's authenticator app shows now (or `steps_ahead` 30-second steps later).

    A code is accepted once: a second sign-in within the same 30 seconds needs the next one.
    """
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + steps_ahead)
    return f"{code:0{device.digits}d}"


def sign_in_with_password(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"}, **extra)


def enter_code(client, code, next_url="/admin/"):
    return client.post(CODE_URL, {"otp_token": code, "next": next_url})


def sign_in_in_browser(page, base_url, username, password, device):
    """Sign in to the admin in a Playwright page: the password form, then the authenticator code."""
    page.goto(base_url + LOGIN_URL)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**" + CODE_URL + "**")
    page.get_by_label("Code").fill(authenticator_code(device, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(base_url + "/admin/")
