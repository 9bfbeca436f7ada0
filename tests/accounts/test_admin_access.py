"""Signing out only by POST, and nothing beyond enrolment before the second factor."""

import pytest

from mindsite.accounts.models import AuthenticatorApp
from tests.admin_helpers import (
    ENROL_URL,
    add_authenticator,
    authenticator_code,
    enter_code,
    make_superuser,
    sign_in_with_password,
)

LOGOUT_URL = "/admin/logout/"


def devices_url(user):
    return f"/admin/2fa/devices/{user.pk}"


@pytest.mark.django_db
def test_a_get_to_sign_out_changes_nothing(client, django_user_model):
    client.force_login(make_superuser(django_user_model))
    assert client.get("/admin/").status_code == 200

    response = client.get(LOGOUT_URL)
    assert response.status_code == 405
    assert "sessionid" not in response.cookies  # the browser's session cookie is neither deleted nor replaced
    assert client.get("/admin/").status_code == 200

    signed_out = client.post(LOGOUT_URL)
    assert signed_out.status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_someone_part_way_through_signing_in_can_log_out(client, django_user_model):
    make_superuser(django_user_model)
    sign_in_with_password(client, "ada")
    assert client.post(LOGOUT_URL).status_code == 302
    assert client.get(ENROL_URL)["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_before_the_second_factor_only_ones_own_enrolment_opens(client, django_user_model, site):
    superuser = make_superuser(django_user_model)
    colleague = make_superuser(django_user_model, "bea")
    add_authenticator(colleague, name="Bea phone")
    sign_in_with_password(client, superuser.username)

    others = [devices_url(colleague), "/admin/users/", f"/admin/pages/{site.guide.pk}/edit/"]
    for url in others:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL_URL), (url, response["Location"])
    assert client.get(devices_url(superuser)).status_code == 200
    assert client.get(ENROL_URL).status_code == 200

    # Through the second factor (an authenticator app set up), all of it opens.
    device = AuthenticatorApp.objects.get(user=superuser, confirmed=False)
    response = client.post(
        ENROL_URL, {"name": "Phone", "otp_token": authenticator_code(device), "password": "a sturdy staff passphrase"}
    )
    assert response.status_code == 302
    colleagues_list = client.get(devices_url(colleague))
    assert colleagues_list.status_code == 200
    assert "Bea phone" in colleagues_list.content.decode()
    for url in others[1:]:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_with_an_app_the_code_comes_before_anyone_elses_devices(client, django_user_model):
    superuser = make_superuser(django_user_model)
    device = add_authenticator(superuser)
    colleague = make_superuser(django_user_model, "bea")
    sign_in_with_password(client, superuser.username)
    assert client.get(devices_url(colleague))["Location"].startswith("/admin/2fa/auth")
    enter_code(client, authenticator_code(device))
    assert client.get(devices_url(colleague)).status_code == 200
