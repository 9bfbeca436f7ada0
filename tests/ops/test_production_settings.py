"""Production refuses to start with settings that are only safe on a developer's own machine.

Each case runs the real thing in a process of its own, as a deployment would: `manage.py check
--deploy` (the README's release step) and gunicorn under mindsite.settings.production, with the
environment the production tests use (tests/production_server.py) and one setting made bad.
"""

import subprocess
import sys

import pytest

from tests.order_helpers import free_port
from tests.production_server import BASE_DIR, OTP_ENCRYPTION_KEY, production_environment

GOOD_KEY = "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz"
HOW_TO_MAKE_A_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


def check_deploy(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=production_environment(**{"SECRET_KEY": GOOD_KEY, **env}),
        capture_output=True,
        text=True,
        timeout=120,
    )


BAD_ENVIRONMENTS = {
    "debug on": (
        {"DEBUG": "true"},
        ["DEBUG is on", "Unset DEBUG"],
    ),
    "the audit's example": (
        {"DEBUG": "true", "SECRET_KEY": "x", "ALLOWED_HOSTS": "*"},
        ["DEBUG is on"],
    ),
    "a short key": (
        {"SECRET_KEY": "x" * 10 + "abcdefghij" * 3},
        ["SECRET_KEY is too easy to guess", "at least 50 characters", HOW_TO_MAKE_A_KEY],
    ),
    "a long key of few characters": (
        {"SECRET_KEY": "abcd" * 20},
        ["SECRET_KEY is too easy to guess", "5 of them different", HOW_TO_MAKE_A_KEY],
    ),
    "Django's development key": (
        {"SECRET_KEY": "django-insecure-" + GOOD_KEY},
        ["SECRET_KEY starts with 'django-insecure-'", HOW_TO_MAKE_A_KEY],
    ),
    "no key for the authenticator apps' keys": (
        {"OTP_ENCRYPTION_KEY": ""},
        ["Set OTP_ENCRYPTION_KEY", "production will not start without it", "Fernet.generate_key()"],
    ),
    "a key for them that is not a Fernet key": (
        {"OTP_ENCRYPTION_KEY": f"{OTP_ENCRYPTION_KEY},not-a-key"},
        ["OTP_ENCRYPTION_KEY: key 2 of 2 is not a Fernet key", "Fernet.generate_key()"],
    ),
    "any host": (
        {"ALLOWED_HOSTS": "campaigns.example.org,*"},
        ["ALLOWED_HOSTS has '*'", "List the site's own host names"],
    ),
}


@pytest.mark.parametrize("case", BAD_ENVIRONMENTS)
def test_check_deploy_refuses_an_unsafe_setting_and_says_which(case):
    env, messages = BAD_ENVIRONMENTS[case]
    result = check_deploy(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for message in messages:
        assert message in result.stderr


def test_check_deploy_passes_with_a_good_environment():
    result = check_deploy(ALLOWED_HOSTS="campaigns.example.org")
    assert result.returncode == 0, result.stderr
    assert "ImproperlyConfigured" not in result.stderr


def test_gunicorn_will_not_serve_the_debug_page(tmp_path):
    """The audit's finding: DEBUG=true, a one-letter key and any Host served Django's debug page."""
    port = free_port()
    server = subprocess.run(
        [sys.executable, "-m", "gunicorn", "mindsite.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--timeout", "60"],
        cwd=BASE_DIR,
        env=production_environment(DEBUG="true", SECRET_KEY="x", ALLOWED_HOSTS="*"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert server.returncode != 0
    assert "DEBUG is on: production will not start with it" in server.stdout + server.stderr
