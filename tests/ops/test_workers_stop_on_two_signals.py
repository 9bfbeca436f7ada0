"""The mail worker and the PDF worker stop after two signals back to back (issue 17, item 12).

Their signal handlers used to log and set a threading.Event: both take locks, and a second signal
soon after the first (Ctrl-C twice, `make run`'s `kill 0` after a SIGTERM to its group, a process
manager's stop) could run the handler again while one was held, so that the worker waited on itself
for ever. Now a handler only sets a flag, and the worker's loop logs "stopping" once it sees it.

Each worker runs as a real process (manage.py, the test settings, the test database: a copy of the
in-memory SQLite database in a file, or the PostgreSQL test database itself). Several are started
at once, each gets its pair of signals, and each must exit cleanly within its interval and a margin,
saying it is stopping once. That deadlock needs the second signal inside a window of microseconds,
so no test makes it happen on demand; the once-only "stopping" line is what shows the handler no
longer does more than set the flag.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.order_helpers import free_port

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parents[2]
INTERVAL = 2.0
MARGIN = 5.0  # starting Python's shutdown on a busy machine
WORKERS_AT_ONCE = 3
WORKERS = {
    "mail worker": (["run_mail_worker"], ["Mail worker started"], "Mail worker"),
    # Without WeasyPrint's packages the PDF worker idles until stopped, having said so.
    "PDF worker": (["build_guide_pdfs", "--watch"], ["PDF worker started", "cannot be built here"], "PDF worker"),
}
PAIRS = {
    "SIGTERM then SIGINT": (signal.SIGTERM, signal.SIGINT),
    "SIGTERM twice": (signal.SIGTERM, signal.SIGTERM),
}


def database_for_a_worker(tmp_path):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "worker.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return str(path)
    return connection.settings_dict["NAME"]


class Worker:
    """A worker process whose log lines are gathered as they come."""

    def __init__(self, command, db_name):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "WORKER_DB_NAME": db_name,
            "WORKER_SMTP_PORT": str(free_port()),
            "PYTHONUNBUFFERED": "1",
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", *command, "--interval", str(INTERVAL)],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines = []
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        for text in self.process.stdout:
            self.lines.append(text.rstrip("\n"))

    def wait_for_any(self, markers, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(marker in text for text in self.lines for marker in markers):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"the worker did not start: {self.lines}")

    def said(self, words):
        return [text for text in self.lines if words in text]

    def stop_for_good(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        self.reader.join(10)


@pytest.mark.parametrize("pair", PAIRS.values(), ids=PAIRS.keys())
@pytest.mark.parametrize("worker", WORKERS.values(), ids=WORKERS.keys())
def test_two_signals_back_to_back_stop_the_worker_within_its_interval(worker, pair, tmp_path):
    command, started, name = worker
    db_name = database_for_a_worker(tmp_path)
    workers = [Worker(command, db_name) for _ in range(WORKERS_AT_ONCE)]
    try:
        for each in workers:
            each.wait_for_any(started)
        time.sleep(0.2)  # into the wait between passes
        for each in workers:
            first, second = pair
            os.kill(each.process.pid, first)
            os.kill(each.process.pid, second)
        sent = time.monotonic()
        for each in workers:
            try:
                code = each.process.wait(max(0.1, sent + INTERVAL + MARGIN - time.monotonic()))
            except subprocess.TimeoutExpired:
                pytest.fail(
                    f"the {name.lower()} was still running {INTERVAL + MARGIN} s after the signals: {each.lines}"
                )
            each.reader.join(10)
            assert code == 0, each.lines
            assert len(each.said(f"{name} stopping")) == 1, each.lines
            assert len(each.said(f"{name} stopped")) == 1, each.lines
            assert not each.said("Traceback"), each.lines
    finally:
        for each in workers:
            each.stop_for_good()
