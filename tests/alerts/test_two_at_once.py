"""The alert job run by several processes at the same moment, and two mail workers at once: still one alert.

Separate processes on the test database (SQLite: a file copy, copied back; PostgreSQL: the database itself),
so each has its own connection and transaction, as two scheduled runs or an import and a run would.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from mailer.models import Message

from campaigns.alerts.models import AlertSent, Subscription
from tests.alerts.helpers import EMAIL
from tests.figures.pages_helpers import INDEPENDENT, TRUST, build_section, import_file
from tests.order_helpers import RecordingHandler, free_port, smtp_server
from tests.served_database import served_database

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parents[2]


def start(command, db_name, smtp_port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "WORKER_DB_NAME": db_name,
        "WORKER_SMTP_PORT": str(smtp_port),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def finish(processes):
    outputs = []
    for process in processes:
        output, _ = process.communicate(timeout=120)
        outputs.append(output.decode())
        assert process.returncode == 0, output.decode()
    return outputs


def test_four_runs_of_the_job_at_once_queue_one_alert(tmp_path):
    build_section(months=1, orgs=(TRUST, INDEPENDENT))
    earlier = timezone.now()
    Subscription.objects.create(email=EMAIL, code="RX1", created_at=earlier, confirmed_at=earlier)
    import_file((TRUST, INDEPENDENT), months=1, last=(2025, 4), name="april.csv")
    # The import committed, so its signal queued the alert already: start again from before that.
    AlertSent.objects.all().delete()
    Message.objects.all().delete()
    port = free_port()
    with served_database(tmp_path) as db_name:
        outputs = finish([start(["send_figure_alerts"], db_name, port) for _ in range(4)])
    said = [line for output in outputs for line in output.splitlines() if line.startswith("Queued")]
    assert sorted(said) == ["Queued 0 figure alert(s)."] * 3 + ["Queued 1 figure alert(s)."], outputs
    assert Message.objects.count() == 1
    assert AlertSent.objects.count() == 1


@pytest.mark.skipif("os.environ.get('DATABASE_URL', '').startswith('sqlite') or not os.environ.get('DATABASE_URL')")
def test_two_mail_workers_at_once_deliver_the_alert_once(tmp_path):
    """PostgreSQL hands each message to one worker (on SQLite, one worker runs: docs/operations.md)."""
    assert connection.vendor == "postgresql"
    build_section(months=1, orgs=(TRUST, INDEPENDENT))
    earlier = timezone.now()
    Subscription.objects.create(email=EMAIL, code="RX1", created_at=earlier, confirmed_at=earlier)
    import_file((TRUST, INDEPENDENT), months=1, last=(2025, 4), name="april.csv")
    assert Message.objects.count() == 1, "queued when the import committed"
    port = free_port()
    handler = RecordingHandler()
    with served_database(tmp_path) as db_name, smtp_server(port, handler):
        finish([start(["send_figure_alerts"], db_name, port) for _ in range(2)])
        finish([start(["run_mail_worker", "--once"], db_name, port) for _ in range(2)])
    assert len(handler.to(EMAIL)) == 1
