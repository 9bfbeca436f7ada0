"""The site under gunicorn with mindsite.settings.production, for tests of what a deployment sends.

DEBUG is off, static files come from WhiteNoise's manifest, media from MEDIA_ROOT, and the logs
are the production logs. The server reads the test database: a file copy of SQLite's in-memory
one, or PostgreSQL's test database itself, so the test must commit what it made
(django_db(transaction=True)) before starting it.
"""

import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from tests.order_helpers import free_port

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "production-test-only-" + "k" * 50


def production_environment(**overrides):
    """The environment the README gives a production web process, for loopback over plain HTTP."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="mindsite.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Loopback has no TLS: the HTTPS redirect and secure-only cookies are tested by settings.
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def collect_static(static_root):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=production_environment(STATIC_ROOT=str(static_root), DATABASE_URL="sqlite://:memory:"),
        check=True,
        timeout=300,
    )


def database_url_for_server(tmp_path):
    """A DATABASE_URL another process can open that holds what this test committed."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "production.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"


@contextmanager
def production_server(tmp_path, static_root, **env):
    """Serve the committed test data with gunicorn; yields (base_url, path of the server's log)."""
    port = free_port()
    media_root = tmp_path / "media"
    media_root.mkdir(exist_ok=True)
    log_path = tmp_path / "gunicorn.log"
    if "DATABASE_URL" not in env:
        env["DATABASE_URL"] = database_url_for_server(tmp_path)
    environment = production_environment(STATIC_ROOT=str(static_root), MEDIA_ROOT=str(media_root), **env)
    with open(log_path, "wb") as log:
        # One worker: its page cache is the one each purge reaches (production shares Redis).
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "mindsite.wsgi:application", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "1", "--timeout", "60"],
            cwd=BASE_DIR,
            env=environment,
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


def fetch(url, method="GET", headers=None, timeout=30):
    """(status, headers, body) for a request, without following redirects or raising on 4xx/5xx."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
