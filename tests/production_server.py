"""The site under gunicorn with mindsite.settings.production, for tests of what a deployment sends.

DEBUG is off, static files come from WhiteNoise's manifest, media from MEDIA_ROOT, and the logs
are the production logs. The server has a database of its own, made once a test run as the
README says (migrate, load_demo_content) plus an editor account: a SQLite file, or a PostgreSQL
database beside the test database when the tests run on PostgreSQL. So these tests need no
transactional test database, and never flush what the migrations made under other tests.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import psycopg2
from django.conf import settings
from psycopg2 import sql

from tests.order_helpers import free_port

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "production-test-only-" + "k" * 50
EDITOR = ("editor", "a-long-editor-password-1")
# Encrypts the authenticator apps' keys (mindsite/accounts/otp_secrets.py): the test settings' own,
# so an authenticator app a test makes in the test database is one a production process can read.
OTP_ENCRYPTION_KEY = settings.OTP_ENCRYPTION_KEYS[0]
# The secret of the editor's authenticator app (hex, as django-otp takes it).
EDITOR_TOTP_KEY = "3132333435363738393031323334353637383930"


def production_environment(**overrides):
    """The environment the README gives a production web process, for loopback over plain HTTP."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="mindsite.settings.production",
        SECRET_KEY=SECRET_KEY,
        OTP_ENCRYPTION_KEY=OTP_ENCRYPTION_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Loopback has no TLS: the HTTPS redirect and secure-only cookies are tested by settings.
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def manage(site, *args, **env):
    """Run manage.py under the production settings against the served site's database."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=production_environment(**site.env, **env),
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout


def query(site, code):
    """What a line of Python, run in the served site's Django shell, prints as JSON."""
    return json.loads(manage(site, "shell", "--no-imports", "-c", code))


def _postgres_admin(database):
    admin = psycopg2.connect(
        dbname="postgres",
        user=database["USER"],
        password=database["PASSWORD"],
        host=database["HOST"],
        port=database["PORT"] or 5432,
    )
    admin.autocommit = True
    return admin


@contextmanager
def served_site(work_dir):
    """A database, media and static folder for the production server, with the demo content."""
    database = settings.DATABASES["default"]
    postgres = database["ENGINE"].endswith("postgresql")
    name = f"{database['NAME']}_production_test"
    if postgres:
        admin = _postgres_admin(database)
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
        database_url = f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT'] or 5432}/{name}"
    else:
        database_url = f"sqlite:///{work_dir / 'production.sqlite3'}"
    site = SimpleNamespace(
        env={
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(work_dir / "static"),
            "MEDIA_ROOT": str(work_dir / "media"),
        },
        work_dir=work_dir,
        editor=EDITOR,
    )
    try:
        manage(site, "collectstatic", "--noinput", "-v", "0")
        manage(site, "migrate", "--noinput", "-v", "0")
        manage(site, "load_demo_content")
        manage(
            site,
            "createsuperuser",
            "--noinput",
            "--username",
            EDITOR[0],
            "--email",
            "editor@example.org",
            DJANGO_SUPERUSER_PASSWORD=EDITOR[1],
        )
        # The editor's authenticator app, so tests can sign in with both factors.
        manage(
            site,
            "shell",
            "--no-imports",
            "-c",
            "from django.contrib.auth import get_user_model;"
            "from mindsite.accounts.models import AuthenticatorApp;"
            f"AuthenticatorApp.objects.create(user=get_user_model().objects.get(username={EDITOR[0]!r}),"
            f" name='Phone', confirmed=True, key={EDITOR_TOTP_KEY!r})",
        )
        yield site
    finally:
        if postgres:
            with admin.cursor() as cursor:
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            admin.close()


@contextmanager
def production_server(site, **env):
    """gunicorn serving the site; yields (base_url, path of the server's log)."""
    port = free_port()
    log_path = site.work_dir / f"gunicorn-{port}.log"
    with open(log_path, "wb") as log:
        # One worker: its page cache is the one each purge reaches (production shares Redis).
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "mindsite.wsgi:application", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "1", "--timeout", "60"],
            cwd=BASE_DIR,
            env=production_environment(**{**site.env, **env}),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(server, base_url, log_path)
        yield base_url, log_path
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


def _wait_until_serving(server, base_url, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn exited with {server.returncode}:\n{log_path.read_text()}")
        try:
            fetch(base_url + "/static/css/site.css", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer within {timeout}s:\n{log_path.read_text()}")


def fetch(url, method="GET", headers=None, timeout=30, data=None):
    """(status, headers, body) for a request, without following redirects or raising on 4xx/5xx."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
