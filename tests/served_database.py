"""The test database served by gunicorn in another process, and forms sent to it at the same moment."""

import os
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import requests
from bs4 import BeautifulSoup
from django.db import connection

from tests.order_helpers import free_port

BASE_DIR = Path(__file__).resolve().parent.parent


@contextmanager
def served_database(tmp_path):
    """The test database as a server process can open it, and back again once it has finished.

    SQLite: the in-memory test database copied to a file, and the file copied back afterwards so
    the test reads what the server wrote. PostgreSQL: the test database itself.
    """
    if connection.vendor != "sqlite":
        yield connection.settings_dict["NAME"]
        return
    connection.ensure_connection()
    path = tmp_path / "server.sqlite3"
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    yield str(path)
    with sqlite3.connect(path) as source:
        source.backup(connection.connection)


@contextmanager
def site_server(db_name, tmp_path, ready_path="/", **settings):
    """gunicorn serving the site: 2 worker processes of 8 threads each, so requests really overlap.

    `settings` are given to the server's environment (tests/server_settings.py reads them as the
    production settings do); it is ready once `ready_path` answers 200."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "SERVER_DB_NAME": db_name,
        **{name: str(value) for name, value in settings.items()},
    }
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "mindsite.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "8",
                "--timeout",
                "120",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, log_path.read_text()
            try:
                if requests.get(base_url + ready_path, timeout=10).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
        yield base_url, log_path
    finally:
        server.terminate()
        server.wait(30)


def send_all_at_once(base_url, form_url, forms, then=None):
    """Each form from its own browser session: open the form, wait for everyone, then send it.

    Returns the POSTs' responses, in the order of `forms`; or, with `then(browser, response)`, what
    it returns for each, called in the same session (to follow a redirect, say)."""
    everyone_ready = threading.Barrier(len(forms))

    def send(data):
        with requests.Session() as browser:
            form = BeautifulSoup(browser.get(base_url + form_url, timeout=60).text, "html.parser")
            data = {
                **data,
                "csrfmiddlewaretoken": form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"],
                "started": form.find("input", attrs={"name": "started"})["value"],
            }
            everyone_ready.wait(60)
            response = browser.post(base_url + form_url, data=data, allow_redirects=False, timeout=120)
            return then(browser, response) if then else response

    with ThreadPoolExecutor(max_workers=len(forms)) as pool:
        return list(pool.map(send, forms))
