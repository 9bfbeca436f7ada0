"""Admin passwords are at least 12 characters and not a common password, even with numbers added."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


def refusals(password):
    try:
        validate_password(password)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


@pytest.mark.parametrize(
    "password, codes",
    [
        ("Summer2026", {"password_too_short", "password_too_common"}),
        ("Summer2026!!", {"password_too_common"}),
        ("2026!summer!", {"password_too_common"}),
        ("password1234", {"password_too_common"}),
        ("Restraint2026", {"password_too_common"}),
        ("Mindcampaigns1", {"password_too_common"}),
        ("wqxz7kvbq", {"password_too_short"}),
        ("482910375519", {"password_entirely_numeric"}),
    ],
)
def test_short_and_common_passwords_are_refused(password, codes):
    assert refusals(password) == codes


@pytest.mark.parametrize("password", ["purple otter lighthouse", "kettle-Granite-7-moss", "wqxz7kvbq-lp4m"])
def test_long_uncommon_passwords_are_accepted(password):
    assert refusals(password) == set()


def test_the_admin_refuses_a_common_password_for_a_new_user_and_says_why(admin_client):
    form = {
        "username": "newcomer",
        "email": "newcomer@mind.example",
        "first_name": "New",
        "last_name": "Comer",
        "password1": "Summer2026!!",
        "password2": "Summer2026!!",
    }
    response = admin_client.post("/admin/users/new/", form)
    assert response.status_code == 200
    assert "This password is a common word with numbers or symbols added." in response.content.decode()

    form["password1"] = form["password2"] = "purple otter lighthouse"
    assert admin_client.post("/admin/users/new/", form).status_code == 302
