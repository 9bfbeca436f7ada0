"""Under the production settings and gunicorn: a password guesser is locked out, and signing in asks for a code.

The server runs behind a pretend proxy (BEHIND_PROXY=true): this test adds the
X-Forwarded-For entry a proxy would, so the guesser and a colleague are different clients.
"""

import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import global_settings
from django.conf import settings as django_settings
from django.db import connection

from tests.admin_helpers import PASSWORD, add_authenticator, authenticator_code, make_superuser
from tests.order_helpers import free_port
from tests.production_server import OTP_ENCRYPTION_KEY

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BASE_DIR = Path(django_settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "mindsite.settings.production",
    "SECRET_KEY": "test-only-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "OTP_ENCRYPTION_KEY": OTP_ENCRYPTION_KEY,
    "ALLOWED_HOSTS": "127.0.0.1",
    # Plain HTTP on loopback: no redirect to HTTPS, and cookies a client may send back over HTTP.
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "BEHIND_PROXY": "true",
    # The test plays the proxy, on loopback.
    "TRUSTED_PROXY_CIDRS": "127.0.0.1",
}
GUESSER = "203.0.113.9"
COLLEAGUE = "192.0.2.77"


@pytest.fixture(scope="session")
def production_static_root(tmp_path_factory):
    """collectstatic once: the production storage needs its manifest to draw any admin page."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, **PRODUCTION_ENV, "STATIC_ROOT": str(root)}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True
    )
    return root


def database_url_for_a_second_process(tmp_path):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "site.sqlite3"
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        return f"sqlite:///{path}"
    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
    return f"postgres://{credentials}{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def gunicorn(tmp_path, production_static_root):
    """Start the production web process on the test data; call it once the data is in place."""
    processes = []

    def start():
        port = free_port()
        env = {
            **os.environ,
            **PRODUCTION_ENV,
            "STATIC_ROOT": str(production_static_root),
            "DATABASE_URL": database_url_for_a_second_process(tmp_path),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "mindsite.wsgi:application", "--bind", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(url + "/admin/login/", timeout=5)
                return url
            except requests.ConnectionError:
                assert process.poll() is None, process.stdout.read().decode()
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start")

    yield start
    for process in processes:
        process.terminate()
        process.wait(20)


class Browser:
    """A client that signs in through the forms, from one address behind the proxy."""

    def __init__(self, base_url, address):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["X-Forwarded-For"] = address

    def form_token(self, path):
        html = self.session.get(self.base_url + path, timeout=10).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(self, path, data):
        data = {"csrfmiddlewaretoken": self.form_token(path), **data}
        return self.session.post(self.base_url + path, data=data, allow_redirects=False, timeout=10)

    def sign_in(self, username, password):
        return self.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})

    def get(self, path):
        return self.session.get(self.base_url + path, allow_redirects=False, timeout=10)


def test_a_guesser_is_locked_out_and_every_sign_in_asks_for_a_code(django_user_model, gunicorn, settings):
    # Passwords stored as production stores them (the test settings use a fast hasher it does not know).
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    ada = make_superuser(django_user_model, "ada")
    bea = make_superuser(django_user_model, "bea")
    device = add_authenticator(bea)
    base_url = gunicorn()

    guesser = Browser(base_url, GUESSER)
    answers = [guesser.sign_in("ada", f"guess {n}") for n in range(5)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    assert "Signing in is paused" in answers[-1].text
    right_password = guesser.sign_in("ada", PASSWORD)
    assert right_password.status_code == 429
    assert "Signing in is paused" in right_password.text
    assert guesser.get("/admin/").status_code == 302

    colleague = Browser(base_url, COLLEAGUE)
    assert colleague.sign_in(ada.username, PASSWORD).status_code == 429  # the account is locked everywhere
    signed_in = colleague.sign_in(bea.username, PASSWORD)
    assert signed_in.status_code == 302
    dashboard = colleague.get("/admin/")
    assert dashboard.status_code == 302 and dashboard.headers["Location"].startswith("/admin/2fa/auth")
    assert "Enter your sign-in code" in colleague.get(dashboard.headers["Location"]).text
    assert colleague.get("/admin/pages/").headers["Location"].startswith("/admin/2fa/auth")

    code = colleague.post("/admin/2fa/auth", {"otp_token": authenticator_code(device), "next": "/admin/"})
    assert code.status_code == 302 and code.headers["Location"] == "/admin/"
    assert colleague.get("/admin/").status_code == 200
