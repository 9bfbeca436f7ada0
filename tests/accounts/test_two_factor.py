"""Everyone who can use the admin signs in with a password and a code from an authenticator app."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from campaigns.orders.models import PrintOrder
from mindsite.accounts.models import AuthenticatorApp, RecoveryCodes
from tests.admin_helpers import (
    CODE_URL,
    ENROL_URL,
    PASSWORD,
    RECOVERY_CODES_URL,
    add_authenticator,
    authenticator_code,
    enter_code,
    make_superuser,
    make_team_member,
    sign_in_with_password,
)
from tests.order_helpers import fresh_cache, place_order
from tests.production_server import OTP_ENCRYPTION_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

ORDERS = "/admin/snippets/orders/printorder/"


@pytest.fixture
def order(client, site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    place_order(client, [site.guide], full_name="Ann Example", email="ann@example.org")
    client.cookies.clear()
    return PrintOrder.objects.get()


def admin_pages(order):
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{order.items.get().guide_id}/edit/",
        ORDERS,
        f"{ORDERS}inspect/{order.pk}/",
        f"{ORDERS}export/?format=csv",
        "/admin/users/",
        "/admin/reports/site-history/",
        "/admin/account/",
        RECOVERY_CODES_URL,
    ]


def assert_nothing_reachable(client, order, to):
    for url in admin_pages(order):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(to), (url, response["Location"])
    # Nor can anything be changed: a post is stopped the same way.
    response = client.post(f"{ORDERS}status/{order.pk}/", {"status": "dispatched"})
    assert response.status_code == 302 and response["Location"].startswith(to)
    order.refresh_from_db()
    assert order.status == PrintOrder.Status.NEW


@pytest.mark.parametrize("make_user", [make_superuser, make_team_member], ids=["superuser", "campaigns team"])
def test_a_newcomer_must_set_up_an_authenticator_before_any_admin_page(client, django_user_model, order, make_user):
    user = make_user(django_user_model)
    response = sign_in_with_password(client, user.username)
    assert response.status_code == 302
    assert_nothing_reachable(client, order, ENROL_URL)

    setup = client.get(ENROL_URL)
    html = setup.content.decode()
    assert "Set up two-step verification" in html
    assert 'alt="QR code to add this site to your authenticator app"' in html
    device = AuthenticatorApp.objects.get(user=user, confirmed=False)
    key = re.search(r"type a key instead and enter: <code>([A-Z2-7 ]+)</code>", html).group(1)
    assert len(key.replace(" ", "")) == 32

    wrong = client.post(ENROL_URL, {"name": "Phone", "otp_token": "000000", "password": PASSWORD})
    assert wrong.status_code == 200 and "There is a problem" in wrong.content.decode()
    assert client.get("/admin/")["Location"].startswith(ENROL_URL)

    device.refresh_from_db()
    device.throttle_reset()  # the wrong code made the next try wait a second
    response = client.post(ENROL_URL, {"name": "Phone", "otp_token": authenticator_code(device), "password": PASSWORD})
    assert response.status_code == 302, response.context["form"].errors
    assert client.get("/admin/").status_code == 200
    assert "You have no recovery codes" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("make_user", [make_superuser, make_team_member], ids=["superuser", "campaigns team"])
def test_signing_in_asks_for_the_code_and_nothing_opens_without_it(client, django_user_model, order, make_user):
    user = make_user(django_user_model)
    device = add_authenticator(user)
    sign_in_with_password(client, user.username)
    assert_nothing_reachable(client, order, CODE_URL)

    page = client.get(CODE_URL + "?next=/admin/pages/")
    assert page.status_code == 200
    assert "Enter your sign-in code" in page.content.decode()

    wrong = enter_code(client, "123456")
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/admin/")["Location"].startswith(CODE_URL)

    device.throttle_reset()  # the wrong code made the next try wait a second
    right = enter_code(client, authenticator_code(device), next_url="/admin/pages/")
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    for url in ("/admin/", ORDERS, RECOVERY_CODES_URL):
        assert client.get(url).status_code == 200, url


def test_a_code_works_once(client, django_user_model):
    user = make_superuser(django_user_model)
    device = add_authenticator(user)
    code = authenticator_code(device)
    sign_in_with_password(client, user.username)
    assert enter_code(client, code).status_code == 302
    client.post("/admin/logout/")

    sign_in_with_password(client, user.username)
    assert enter_code(client, code).status_code == 200
    assert client.get("/admin/")["Location"].startswith(CODE_URL)


def test_recovery_codes_are_shown_once_and_each_signs_in_once(client, django_user_model):
    user = make_superuser(django_user_model)
    add_authenticator(user)
    client.force_login(user)
    made = client.post(RECOVERY_CODES_URL)
    assert "no-store" in made["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", made.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert not any(code in client.get(RECOVERY_CODES_URL).content.decode() for code in codes)
    assert "You have 10 recovery codes left" in client.get(RECOVERY_CODES_URL).content.decode()
    client.post("/admin/logout/")

    sign_in_with_password(client, user.username)
    used = enter_code(client, codes[0].upper())  # typed in capitals, still accepted
    assert used.status_code == 302 and used["Location"] == RECOVERY_CODES_URL
    page = client.get(RECOVERY_CODES_URL).content.decode()
    assert "You signed in with a recovery code. You have 9 left" in page
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")

    sign_in_with_password(client, user.username)
    again = enter_code(client, codes[0])
    assert again.status_code == 200 and "That code is not right" in again.content.decode()
    RecoveryCodes.objects.get(user=user).throttle_reset()
    assert enter_code(client, codes[1]).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, django_user_model):
    user = make_superuser(django_user_model)
    add_authenticator(user)
    client.force_login(user)
    first = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.post(RECOVERY_CODES_URL).content.decode())
    second = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.post(RECOVERY_CODES_URL).content.decode())
    assert set(first).isdisjoint(second)
    client.post("/admin/logout/")
    sign_in_with_password(client, user.username)
    assert enter_code(client, first[0]).status_code == 200


def test_someone_with_two_authenticators_says_which_one(client, django_user_model):
    user = make_superuser(django_user_model)
    phone = add_authenticator(user, "Phone")
    tablet = add_authenticator(user, "Tablet")
    sign_in_with_password(client, user.username)
    page = client.get(CODE_URL).content.decode()
    assert "Which authenticator app?" in page
    response = client.post(
        CODE_URL, {"otp_device": tablet.persistent_id, "otp_token": authenticator_code(tablet), "next": "/admin/"}
    )
    assert response.status_code == 302
    phone.refresh_from_db()
    assert phone.throttling_failure_count == 0


def test_a_superuser_resets_a_colleagues_lost_phone(client, django_user_model):
    colleague = make_team_member(django_user_model)
    lost = add_authenticator(colleague)
    RecoveryCodes.objects.create(user=colleague, name="Recovery codes").replace_codes(["abcdefgh"])
    admin = make_superuser(django_user_model)
    client.force_login(admin)
    listing = client.get(f"/admin/2fa/devices/{colleague.pk}").content.decode()
    assert "Removing all of this person's apps resets" in listing
    response = client.post(f"/admin/2fa/devices/{lost.pk}/remove", {"user_id": colleague.pk})
    assert response.status_code == 302
    assert not AuthenticatorApp.objects.filter(user=colleague).exists()
    assert not RecoveryCodes.objects.filter(user=colleague).exists()

    client.post("/admin/logout/")
    sign_in_with_password(client, colleague.username)
    assert client.get("/admin/")["Location"].startswith(ENROL_URL)


def test_the_code_step_sends_people_who_have_not_signed_in_to_the_sign_in_page(client):
    response = client.get(CODE_URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_addresses_for_devices_that_do_not_exist_are_not_found(admin_client):
    assert admin_client.get("/admin/2fa/devices/999/remove").status_code == 404
    assert admin_client.post("/admin/2fa/devices/999/remove", {"user_id": 1}).status_code == 404
    assert admin_client.get("/admin/2fa/devices/qr-code").status_code == 404  # no set-up under way


def two_factor_required(settings_module, **env):
    """WAGTAIL_2FA_REQUIRED as a fresh process with these settings and environment sees it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "test-only-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "OTP_ENCRYPTION_KEY": OTP_ENCRYPTION_KEY,
        "ALLOWED_HOSTS": "campaigns.example.org",
        **env,
    }
    code = "from django.conf import settings; print(settings.WAGTAIL_2FA_REQUIRED)"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_only_development_can_switch_two_step_verification_off():
    assert two_factor_required("mindsite.settings.dev").stdout.strip() == "True"
    assert two_factor_required("mindsite.settings.dev", ADMIN_2FA_REQUIRED="false").stdout.strip() == "False"
    assert two_factor_required("mindsite.settings.production").stdout.strip() == "True"
    refused = two_factor_required("mindsite.settings.production", ADMIN_2FA_REQUIRED="false")
    assert refused.returncode != 0
    assert "ADMIN_2FA_REQUIRED=false is for development only" in refused.stderr
