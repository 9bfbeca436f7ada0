"""`make loadtest`: printed-copy orders under load while the mail server and mail worker fail.

Phase 1, PostgreSQL: a scratch database, the production server (gunicorn) on loopback, a real
SMTP server (aiosmtpd) in this process that records every message, and the mail worker. 1,000
orders from 20 clients, each with its own cookie session, while the SMTP server is stopped and
started twice and the mail worker is killed with SIGKILL and restarted twice (once whatever it
is doing, once after the SMTP server has stored a message and before it answers 250: the crash
window). Then we wait, bounded, until the mail queue is empty. Phase 2 does the same on a scratch
SQLite file with 200 orders from 5 clients, one SMTP outage and one SIGKILL in the crash window.

It prints the results and writes them to bench/RESULTS.md (its own section). Exit status 1 if an
order was lost, an email was lost, a duplicate email has a different Message-ID, more emails
arrived twice than the crash windows explain (one per SMTP stop or SIGKILL), or any request got a
5xx. Every process and scratch database it starts is removed, also on Ctrl-C or failure. The
whole run stops waiting after 14 minutes.

Settings come from the environment; each has a default that works on a development machine:
  LOADTEST_DATABASE_URL  PostgreSQL server and base name for the scratch database
                         (default: DATABASE_URL if it is PostgreSQL, else
                         postgres://postgres@127.0.0.1:5432/mindsite_loadtest); a database
                         <name>_<pid> is created and dropped, the named one is never touched
  LOADTEST_CACHE_URL     Redis database the servers share, flushed before and after
                         (default redis://127.0.0.1:6379/11)
  LOADTEST_PHASES        postgres,sqlite (default both)
  LOADTEST_PG_ORDERS, LOADTEST_PG_CLIENTS, LOADTEST_SQLITE_ORDERS, LOADTEST_SQLITE_CLIENTS
  LOADTEST_WEB_WORKERS   gunicorn sync workers (default 4)
  LOADTEST_DRAIN_SECONDS longest wait for the mail queue to empty after the orders (default 300)
  LOADTEST_OUTAGE_SECONDS how long each SMTP outage lasts (default 8)
  LOADTEST_RESULTS       file to write the section to (default bench/RESULTS.md)
  LOADTEST_KEEP_LOGS     set to keep the servers' logs (printed at the end) instead of deleting them
"""

import datetime
import email.parser
import email.policy
import html.parser
import itertools
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from collections import Counter, defaultdict
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

import psycopg2
import redis
import requests
from aiosmtpd.controller import Controller

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORDER_PATH = "/order-printed-guides/"
EMAIL_DOMAIN = "example.org"
# The Message-ID of an order's email names its reference and kind (campaigns/orders/emails.py).
MESSAGE_ID_ORDER = re.compile(r"order-([A-Z0-9]+)-(inbox|confirmation)")
SUBJECT_REFERENCE = re.compile(r"\b([A-Z0-9]{8})\b")
REFERENCE_ON_PAGE = re.compile(r'class="reference">\s*([A-Z0-9]+)\s*<')
ERROR_ON_PAGE = re.compile(r'class="error-summary".*?<a href="#[^"]*">(.*?)</a>', re.S)
# Bounds that keep the whole run well under 15 minutes on a 2-core machine.
SERVER_START_SECONDS = 60
ORDER_PHASE_SECONDS = {"postgres": 420, "sqlite": 180}
# Every wait also stops at this many seconds from the start, whatever else it allows.
WHOLE_RUN_SECONDS = 14 * 60
REQUEST_TIMEOUT = (5, 90)


def env_int(name, default):
    return int(os.environ.get(name, default))


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the SMTP server -------------------------------------------------------------------


class RecordingHandler:
    """Records every message accepted: recipients, Message-ID, subject. Can kill the worker mid-DATA."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []
        # Set by the fault injector: called once, after a message is recorded and before the
        # server answers 250, which is the instant a worker's crash leaves a message to resend.
        self.before_reply = None

    async def handle_DATA(self, server, session, envelope):
        headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(envelope.original_content)
        with self.lock:
            self.messages.append(
                {
                    "rcpt_tos": [address.lower() for address in envelope.rcpt_tos],
                    "message_id": str(headers.get("Message-ID", "")).strip(),
                    "subject": str(headers.get("Subject", "")),
                }
            )
            hook, self.before_reply = self.before_reply, None
        if hook:
            hook()
        return "250 2.0.0 OK"

    def count(self):
        with self.lock:
            return len(self.messages)


class SMTPServer:
    """A real SMTP server on loopback that can be stopped and started again on the same port, until closed."""

    def __init__(self, port, handler):
        self.port = port
        self.handler = handler
        self.controller = None
        self.closed = False
        self.lock = threading.Lock()

    def start(self):
        with self.lock:
            if self.closed:
                return
            # A stopped controller's event loop is closed, so each start needs a new one.
            self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    def stop(self):
        with self.lock:
            if self.controller is not None:
                self.controller.stop()
                self.controller = None

    def close(self):
        with self.lock:
            self.closed = True
        self.stop()


# --- processes -------------------------------------------------------------------------


class Child:
    """A process of ours in its own session, so Ctrl-C reaches only this script, which stops it."""

    def __init__(self, args, env, log_path):
        self.log_path = log_path
        with open(log_path, "ab") as out:
            self.popen = subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def alive(self):
        return self.popen.poll() is None

    def stop(self, timeout=15):
        """SIGTERM its process group (gunicorn's workers too), then SIGKILL what is left."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.popen.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.popen.wait(timeout)
                # The group may outlive its leader for a moment.
                os.killpg(self.popen.pid, signal.SIGKILL)
            except subprocess.TimeoutExpired:
                continue
            except ProcessLookupError:
                pass
            return


def run_command(args, env, log_path, timeout):
    with open(log_path, "ab") as out:
        completed = subprocess.run(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout, start_new_session=True
        )
    if completed.returncode:
        raise RuntimeError(f"{' '.join(args[1:3])} failed (exit {completed.returncode}); see {tail(log_path)}")


def tail(path, lines=30):
    try:
        with open(path, errors="replace") as f:
            return "\n" + "".join(f.readlines()[-lines:])
    except OSError:
        return "(no log)"


# --- databases -------------------------------------------------------------------------


class PostgresScratch:
    def __init__(self, base_url):
        parsed = urllib.parse.urlsplit(base_url)
        base_name = parsed.path.lstrip("/") or "mindsite_loadtest"
        self.name = f"{base_name}_{os.getpid()}"
        self.url = urllib.parse.urlunsplit(parsed._replace(path=f"/{self.name}"))
        self.admin_url = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
        self.created = False
        self.kind = "PostgreSQL"

    def create(self):
        with self._admin() as cursor:
            cursor.execute(f'CREATE DATABASE "{self.name}"')
        self.created = True

    def drop(self):
        if self.created:
            with self._admin() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.created = False

    @contextmanager
    def _admin(self):
        # CREATE and DROP DATABASE cannot run inside a transaction.
        connection = psycopg2.connect(self.admin_url)
        connection.autocommit = True
        try:
            yield connection.cursor()
        finally:
            connection.close()

    def version(self):
        with self._admin() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"

    def query(self, sql):
        connection = psycopg2.connect(self.url)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()
        finally:
            connection.close()


class SQLiteScratch:
    def __init__(self, directory):
        self.path = os.path.join(directory, "loadtest.sqlite3")
        self.url = f"sqlite:///{self.path}"
        self.kind = "SQLite"
        self.name = self.path

    def create(self):
        pass

    def drop(self):
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(self.path + suffix):
                os.remove(self.path + suffix)

    def version(self):
        return f"SQLite {sqlite3.sqlite_version}"

    def query(self, sql):
        connection = sqlite3.connect(self.path, timeout=30)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()


# --- the clients -----------------------------------------------------------------------


class FormInputs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.values[attrs["name"]] = attrs.get("value") or ""


@dataclass
class Attempt:
    number: int
    email: str
    reference: str = ""
    post_status: int = 0
    post_seconds: float = 0.0
    problem: str = ""


@dataclass
class Traffic:
    lock: threading.Lock = field(default_factory=threading.Lock)
    attempts: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    connection_errors: Counter = field(default_factory=Counter)

    def done(self):
        with self.lock:
            return len(self.attempts)

    def status(self, what, code):
        with self.lock:
            self.statuses[(what, code)] += 1


def place_orders(base_url, phase, total, clients, deadline, stopping):
    """`total` orders from `clients` threads, each with its own session. Returns Traffic."""
    traffic = Traffic()
    numbers = itertools.count(1)
    numbers_lock = threading.Lock()

    def next_number():
        with numbers_lock:
            number = next(numbers)
        return number if number <= total else None

    def client():
        session = requests.Session()
        while not stopping.is_set() and time.monotonic() < deadline:
            number = next_number()
            if number is None:
                return
            attempt = Attempt(number=number, email=f"loadtest-{phase}-{number:05d}@{EMAIL_DOMAIN}")
            try:
                one_order(session, attempt)
            except requests.RequestException as exc:
                attempt.problem = f"connection error: {type(exc).__name__}"
                with traffic.lock:
                    traffic.connection_errors[type(exc).__name__] += 1
            with traffic.lock:
                traffic.attempts.append(attempt)

    def one_order(session, attempt):
        form = session.get(base_url + ORDER_PATH, timeout=REQUEST_TIMEOUT)
        traffic.status("GET form", form.status_code)
        if form.status_code != 200:
            attempt.problem = f"form answered {form.status_code}"
            return
        inputs = FormInputs()
        inputs.feed(form.text)
        guides = [name for name in inputs.values if re.fullmatch(r"guide_\d+", name)]
        data = {
            "csrfmiddlewaretoken": inputs.values.get("csrfmiddlewaretoken", ""),
            "started": inputs.values.get("started", ""),
            "full_name": f"Load Test {attempt.number}",
            "email": attempt.email,
            "organisation": "Load test",
            "address_line_1": f"{attempt.number} Test Street",
            "address_line_2": "",
            "town": "London",
            "postcode": "SW1A 1AA",
            "purpose": "",
            "privacy": "on",
            "website": "",
            **{name: "1" for name in guides},
        }
        started = time.perf_counter()
        posted = session.post(
            base_url + ORDER_PATH,
            data=data,
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
            headers={"Referer": base_url + ORDER_PATH},
        )
        attempt.post_seconds = time.perf_counter() - started
        attempt.post_status = posted.status_code
        traffic.status("POST order", posted.status_code)
        if posted.status_code != 302:
            errors = [re.sub(r"\s+", " ", e).strip() for e in ERROR_ON_PAGE.findall(posted.text)]
            attempt.problem = f"order answered {posted.status_code}" + (f": {errors[0]}" if errors else "")
            return
        confirmation = session.get(urllib.parse.urljoin(base_url, posted.headers["Location"]), timeout=REQUEST_TIMEOUT)
        traffic.status("GET confirmation", confirmation.status_code)
        found = REFERENCE_ON_PAGE.search(confirmation.text)
        if confirmation.status_code != 200 or not found:
            attempt.problem = f"confirmation answered {confirmation.status_code} with no reference"
            return
        attempt.reference = found.group(1)

    threads = [threading.Thread(target=client, name=f"client-{i}", daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    return traffic, threads


# --- faults ----------------------------------------------------------------------------


class FaultInjector(threading.Thread):
    """Runs each fault once the orders have reached its share of the total."""

    def __init__(self, schedule, progress, smtp, worker, outage_seconds, orders_over, abort, started_at):
        super().__init__(name="faults", daemon=True)
        self.schedule = schedule
        self.progress = progress
        self.smtp = smtp
        self.worker = worker
        self.outage_seconds = outage_seconds
        # Orders over early: run no more faults. Abort: the cleanup has begun, restart nothing.
        self.orders_over = orders_over
        self.abort = abort
        self.started_at = started_at
        self.timeline = []
        self.error = None
        # Each SMTP stop or SIGKILL can leave at most one message delivered but not marked sent.
        self.crash_windows = 0

    def note(self, text):
        stamp = time.monotonic() - self.started_at
        self.timeline.append(f"{stamp:6.1f} s  {text}")
        log(f"fault: {text}")

    def run(self):
        try:
            for share, fault in self.schedule:
                while self.progress() < share:
                    if self.abort.wait(0.2) or self.orders_over.is_set():
                        self.note(f"not run (orders stopped early): {fault}")
                        return
                getattr(self, fault)(share)
        except Exception as exc:
            self.error = exc
            self.note(f"fault injector failed: {exc!r}")

    def smtp_outage(self, share):
        self.crash_windows += 1
        self.smtp.stop()
        self.note(f"at {share:.0%} of orders: SMTP server stopped for {self.outage_seconds} s")
        if self.abort.wait(self.outage_seconds):
            return
        self.smtp.start()
        self.note("SMTP server started again")

    def kill_worker(self, share):
        self.crash_windows += 1
        self.worker.kill()
        self.note(f"at {share:.0%} of orders: mail worker killed with SIGKILL (whatever it was doing)")
        if self.abort.wait(1):
            return
        self.worker.start()
        self.note("mail worker started again")

    def kill_worker_mid_delivery(self, share):
        self.crash_windows += 1
        killed = threading.Event()

        def kill():
            self.worker.kill(wait=False)
            killed.set()

        self.smtp.handler.before_reply = kill
        give_up = time.monotonic() + 30
        while not killed.wait(0.2) and time.monotonic() < give_up and not self.abort.is_set():
            pass
        if not killed.is_set():
            self.smtp.handler.before_reply = None
            self.worker.kill()
            self.note(f"at {share:.0%} of orders: no delivery under way; mail worker killed with SIGKILL")
        else:
            self.worker.wait()
            self.note(
                f"at {share:.0%} of orders: mail worker killed with SIGKILL after the SMTP server "
                "stored a message and before it answered 250 (the crash window)"
            )
        if self.abort.wait(1):
            return
        self.worker.start()
        self.note("mail worker started again")


class MailWorker:
    """The mail worker process: killed and restarted by the fault injector, until stopped for good."""

    def __init__(self, env, log_path):
        self.env = env
        self.log_path = log_path
        self.child = None
        self.closed = False
        self.lock = threading.Lock()

    def start(self):
        with self.lock:
            if self.closed:
                return
            self.child = Child(
                [sys.executable, "manage.py", "run_mail_worker", "--interval", "0.5"],
                self.env,
                self.log_path,
            )

    def kill(self, wait=True):
        with self.lock:
            child = self.child
        if child and child.alive():
            os.kill(child.popen.pid, signal.SIGKILL)
            if wait:
                child.popen.wait()

    def wait(self):
        with self.lock:
            child = self.child
        if child:
            child.popen.wait()

    def stop(self):
        with self.lock:
            self.closed = True
            child = self.child
        if child:
            child.stop()


# --- one phase -------------------------------------------------------------------------


@dataclass
class PhaseResult:
    name: str
    database: str
    orders_wanted: int
    clients: int
    faults: list
    timeline: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    seconds: float = 0.0


def run_phase(name, database, orders, clients, schedule, settings, cleanup, stopping):
    result = PhaseResult(name, database.version(), orders, clients, schedule)
    work = settings["work"]
    log(f"phase {name}: {orders} orders from {clients} clients on {result.database}")
    database.create()
    cleanup.callback(database.drop)
    flush_cache(settings["cache_url"])

    smtp_port, web_port = free_port(), free_port()
    env = {
        **settings["base_env"],
        "DATABASE_URL": database.url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
    }
    phase_log = os.path.join(work, f"{name}-setup.log")
    run_command([sys.executable, "manage.py", "migrate", "--noinput"], env, phase_log, timeout=300)
    run_command([sys.executable, "manage.py", "load_demo_content"], env, phase_log, timeout=300)

    handler = RecordingHandler()
    smtp = SMTPServer(smtp_port, handler)
    smtp.start()
    cleanup.callback(smtp.close)

    web_log = os.path.join(work, f"{name}-web.log")
    web = Child(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "mindsite.wsgi:application",
            "--bind",
            f"127.0.0.1:{web_port}",
            "--workers",
            str(settings["web_workers"]),
            "--error-logfile",
            "-",
            # Gunicorn's control socket lives at one path per user: two servers would share it.
            "--no-control-socket",
        ],
        env,
        web_log,
    )
    cleanup.callback(web.stop)
    base_url = f"http://127.0.0.1:{web_port}"
    wait_for_server(web, base_url, web_log)

    worker = MailWorker(env, os.path.join(work, f"{name}-worker.log"))
    worker.start()
    cleanup.callback(worker.stop)

    started_at = time.monotonic()
    phase_stopping, abort_faults = threading.Event(), threading.Event()
    deadline = min(started_at + ORDER_PHASE_SECONDS[name], settings["deadline"])
    traffic, threads = place_orders(base_url, name, orders, clients, deadline, phase_stopping)
    faults = FaultInjector(
        schedule,
        lambda: traffic.done() / orders,
        smtp,
        worker,
        settings["outage_seconds"],
        phase_stopping,
        abort_faults,
        started_at,
    )
    faults.start()
    # First out on the way down: a fault must not restart what the cleanup has just stopped.
    cleanup.callback(faults.join, 60)
    cleanup.callback(abort_faults.set)
    cleanup.callback(phase_stopping.set)
    last_report = 0
    while any(t.is_alive() for t in threads):
        if stopping.wait(0.5):
            phase_stopping.set()
            raise KeyboardInterrupt
        if time.monotonic() - last_report >= 10:
            last_report = time.monotonic()
            log(f"  {traffic.done()}/{orders} orders, {handler.count()} emails received")
    orders_seconds = time.monotonic() - started_at
    faults.note(f"last order answered ({traffic.done()} of {orders})")
    log(f"  orders done in {orders_seconds:.1f} s; waiting for the fault injector to finish")
    if traffic.done() < orders:
        phase_stopping.set()
    faults.join(120)
    phase_stopping.set()

    drain_deadline = min(time.monotonic() + settings["drain_seconds"], settings["deadline"])
    queued = None
    while time.monotonic() < drain_deadline:
        queued, deferred = database.query(
            "SELECT count(*), coalesce(sum(CASE WHEN priority = 4 THEN 1 ELSE 0 END), 0) FROM mailer_message"
        )[0]
        if queued == 0:
            break
        if time.monotonic() - last_report >= 10:
            last_report = time.monotonic()
            log(f"  mail queue: {queued} waiting ({deferred} deferred after a failure), {handler.count()} received")
        if stopping.wait(1):
            raise KeyboardInterrupt
    drain_seconds = time.monotonic() - started_at - orders_seconds
    result.seconds = time.monotonic() - started_at
    result.timeline = faults.timeline
    # Stop the worker before counting, so nothing is delivered while we count.
    worker.stop()
    web.stop()
    logs = (web_log, worker.log_path)
    summarise(result, database, traffic, handler, faults.crash_windows, orders_seconds, drain_seconds, queued, logs)
    return result


def wait_for_server(web, base_url, web_log):
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if not web.alive():
            raise RuntimeError(f"gunicorn exited; its log:{tail(web_log)}")
        try:
            if requests.get(base_url + ORDER_PATH, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {SERVER_START_SECONDS} s; its log:{tail(web_log)}")


def flush_cache(url):
    redis.Redis.from_url(url).flushdb()


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summarise(result, database, traffic, handler, crash_windows, orders_seconds, drain_seconds, queued, logs):
    lines, failures, orders = result.lines, result.failures, result.orders_wanted
    web_log, worker_log = logs
    attempts = sorted(traffic.attempts, key=lambda a: a.number)
    confirmed = {a.reference: a for a in attempts if a.reference}
    rows = database.query(f"SELECT reference, email FROM orders_printorder WHERE email LIKE '%@{EMAIL_DOMAIN}'")
    stored_refs = Counter(reference for reference, _ in rows)
    stored_emails = Counter(address.lower() for _, address in rows)
    email_of = {reference: address.lower() for reference, address in rows}

    not_attempted = orders - len(attempts)
    not_confirmed = [a for a in attempts if not a.reference]
    confirmed_not_stored = sorted(set(confirmed) - set(stored_refs))
    stored_not_confirmed = sorted(set(stored_refs) - set(confirmed))
    stored_twice = sorted(address for address, count in stored_emails.items() if count > 1)

    # Each stored order should have sent exactly two emails: to the campaigns inbox, and to the campaigner.
    received = defaultdict(list)
    unmatched = []
    for message in handler.messages:
        found = MESSAGE_ID_ORDER.search(message["message_id"])
        if found:
            key = (found.group(1), found.group(2))
        else:
            subject_ref = SUBJECT_REFERENCE.search(message["subject"])
            if not subject_ref:
                unmatched.append(message)
                continue
            reference = subject_ref.group(1)
            kind = "confirmation" if email_of.get(reference) in message["rcpt_tos"] else "inbox"
            key = (reference, kind)
        received[key].append(message)
    expected = {(reference, kind) for reference in stored_refs for kind in ("inbox", "confirmation")}
    lost_emails = sorted(expected - set(received))
    unexpected = sorted(set(received) - expected)
    wrong_recipient = [
        key
        for key in expected & set(received)
        if key[1] == "confirmation" and email_of[key[0]] not in received[key][0]["rcpt_tos"]
    ]
    duplicates = {key: messages for key, messages in received.items() if len(messages) > 1}
    duplicates_same_id = sum(1 for messages in duplicates.values() if len({m["message_id"] for m in messages}) == 1)
    duplicates_other_id = len(duplicates) - duplicates_same_id
    extra_copies = sum(len(messages) - 1 for messages in duplicates.values())
    beyond_crash_windows = max(0, extra_copies - crash_windows)
    message_ids = {m["message_id"] for m in handler.messages}
    mail_failures = database.query("SELECT count(*) FROM mailer_messagelog WHERE result = '3'")[0][0]

    fives = sum(count for (_, code), count in traffic.statuses.items() if code >= 500)
    post_other = sum(
        count for (what, code), count in traffic.statuses.items() if what == "POST order" and code != 302 and code < 500
    )
    get_other = sum(
        count for (what, code), count in traffic.statuses.items() if what != "POST order" and code != 200 and code < 500
    )
    connection_errors = sum(traffic.connection_errors.values())
    post_times = [a.post_seconds for a in attempts if a.post_status]
    slowest = max(attempts, key=lambda a: a.post_seconds, default=None)

    def ms(seconds):
        return f"{seconds * 1000:.0f} ms"

    lines += [
        f"Orders: {len(attempts)} sent of {orders} in {orders_seconds:.1f} s "
        f"({len(attempts) / orders_seconds if orders_seconds else 0:.1f} orders/s); mail queue "
        + (
            f"empty {drain_seconds:.1f} s after the last order."
            if queued == 0
            else f"still held {queued} after {drain_seconds:.0f} s."
        ),
        "",
        "| measure | result |",
        "|---|---|",
        f"| orders confirmed to clients (a reference on the confirmation page) | {len(confirmed)} |",
        f"| orders stored (rows / distinct references) | {sum(stored_refs.values())} / {len(stored_refs)} |",
        f"| confirmed but not stored (a reference that exists nowhere) | {len(confirmed_not_stored)} |",
        f"| stored but not confirmed to the client | {len(stored_not_confirmed)} |",
        f"| orders stored more than once for one client's order | {len(stored_twice)} |",
        f"| emails expected (2 per stored order) | {len(expected)} |",
        f"| emails received at the SMTP server | {len(handler.messages)} |",
        f"| distinct Message-IDs | {len(message_ids)} |",
        f"| emails lost (expected, not received by the end of the wait) | {len(lost_emails)} |",
        f"| confirmations to the wrong address | {len(wrong_recipient)} |",
        "| duplicates: same Message-ID (crash window) / different Message-ID | "
        f"{duplicates_same_id} / {duplicates_other_id} |",
        f"| extra copies received / crash windows opened (SMTP stops + SIGKILLs, at most 1 copy each) | "
        f"{extra_copies} / {crash_windows} |",
        f"| emails for no stored order | {len(unexpected) + len(unmatched)} |",
        f"| failed delivery attempts the worker logged (retried later) | {mail_failures} |",
        f"| 5xx responses (all requests) | {fives} |",
        f"| order POSTs answered other than 302 (not 5xx) | {post_other} |",
        f"| other GETs answered other than 200 (not 5xx) | {get_other} |",
        f"| connection errors or timeouts | {connection_errors} |",
        f"| order POST time p50 / p99 / slowest | {ms(percentile(post_times, 0.5))} / "
        f"{ms(percentile(post_times, 0.99))} / {ms(slowest.post_seconds) if slowest else '-'} |",
    ]
    if slowest:
        lines.append("")
        lines.append(f"Slowest order POST: order {slowest.number}, answered {slowest.post_status}.")
    problems = Counter(a.problem for a in not_confirmed)
    if problems:
        lines.append("")
        lines.append("Orders that got no confirmation, by what the client saw:")
        lines += [f"- {count} × {problem}" for problem, count in problems.most_common(8)]
    for process, log_path in (("web server", web_log), ("mail worker", worker_log)):
        causes = logged_exceptions(log_path)
        if causes:
            lines.append("")
            lines.append(f"Exceptions in the {process}'s log, by root cause:")
            lines += [f"- {count} × `{cause}`" for cause, count in causes.most_common(5)]

    lost_orders = not_attempted + len(not_confirmed) + len(confirmed_not_stored)
    if lost_orders:
        failures.append(
            f"{lost_orders} orders lost ({not_attempted} not sent in time, {len(not_confirmed)} not confirmed, "
            f"{len(confirmed_not_stored)} confirmed but not stored)"
        )
    if stored_twice or sum(stored_refs.values()) != len(stored_refs):
        failures.append("an order was stored more than once")
    if lost_emails or wrong_recipient:
        failures.append(f"{len(lost_emails)} emails lost, {len(wrong_recipient)} to the wrong address")
    if duplicates_other_id:
        failures.append(f"{duplicates_other_id} duplicate emails with a different Message-ID")
    if beyond_crash_windows:
        failures.append(
            f"{beyond_crash_windows} emails sent twice beyond what the crash windows explain "
            "(delivered, then not marked sent)"
        )
    if fives:
        failures.append(f"{fives} responses were 5xx")
    if connection_errors:
        failures.append(f"{connection_errors} requests got no answer")


def logged_exceptions(log_path):
    """The root cause of each traceback in a process's log (the first exception of a chain), counted."""
    causes = Counter()
    in_traceback = chained = counted = False
    try:
        with open(log_path, errors="replace") as f:
            for line in f:
                if line.startswith("Traceback"):
                    counted = counted and chained
                    in_traceback, chained = True, False
                elif line.startswith(("The above exception", "During handling")):
                    chained = True
                elif in_traceback and line.strip() and not line.startswith((" ", "\t")):
                    in_traceback = False
                    if not counted:
                        causes[line.strip()[:160]] += 1
                        counted = True
    except OSError:
        pass
    return causes


# --- the report ------------------------------------------------------------------------

SECTION_START = "<!-- loadtest: written by bench/loadtest.py; edits here are overwritten -->"
SECTION_END = "<!-- end of loadtest -->"


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    cores = f"{os.cpu_count()} cores" + (f" ({cpu})" if cpu else "")
    return f"{platform.system()} {platform.machine()}, {cores}, Python {platform.python_version()}"


def commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()

    try:
        changed = git("status", "--porcelain", "--", ".", ":!bench/RESULTS.md")
        return git("rev-parse", "--short", "HEAD") + (" with uncommitted changes" if changed else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def report(results, settings, started, aborted):
    out = [
        SECTION_START,
        "## Orders under load and faults (`make loadtest`)",
        "",
        f"{started:%Y-%m-%d %H:%M} UTC, commit {commit()}, {machine()}, load average at the start "
        f"{settings['load']} (1 / 5 / 15 minutes).",
        f"Production settings served by gunicorn ({settings['web_workers']} sync workers) on loopback, cache "
        f"{settings['cache_url']}, a real SMTP server (aiosmtpd) recording every message, the mail worker "
        "`run_mail_worker --interval 0.5`. Spam limits set out of the way (ORDER_MIN_FILL_SECONDS=0, "
        "throttle, daily cap and hold limit 1,000,000): this measures delivery. The worker's back-off "
        "after a failure (30 s, then 1, 2, 5 minutes) has no setting, so the wait for the queue is up "
        f"to {settings['drain_seconds']} s.",
        "Each client has its own cookie session: GET the form, POST one valid order with a unique email, "
        "follow the redirect and read the reference.",
    ]
    if aborted:
        out += ["", f"**Run did not finish: {aborted}**"]
    for result in results:
        verdict = "passed" if not result.failures else "FAILED: " + "; ".join(result.failures)
        out += [
            "",
            f"### {result.name}: {result.orders_wanted} orders from {result.clients} clients ({result.database})",
            "",
            f"Verdict: {verdict}.",
            "",
            *result.lines,
            "",
            "Faults, seconds from the first order:",
            "",
            *[f"- {line}" for line in result.timeline],
        ]
        if not result.timeline:
            out.append("- none")
    out.append(SECTION_END)
    return "\n".join(out) + "\n"


def write_section(path, section):
    existing = ""
    if os.path.exists(path):
        with open(path) as f:
            existing = f.read()
    if SECTION_START in existing and SECTION_END in existing:
        before, rest = existing.split(SECTION_START, 1)
        after = rest.split(SECTION_END, 1)[1].lstrip("\n")
        text = before + section + (("\n" + after) if after else "")
    elif existing:
        text = existing.rstrip("\n") + "\n\n" + section
    else:
        text = "# Benchmark results\n\n" + section
    with open(path, "w") as f:
        f.write(text)


# --- main ------------------------------------------------------------------------------

PHASES = {
    # (orders, clients, faults in the order they happen, at this share of the orders placed)
    "postgres": (
        ("LOADTEST_PG_ORDERS", 1000),
        ("LOADTEST_PG_CLIENTS", 20),
        [(0.15, "smtp_outage"), (0.35, "kill_worker"), (0.55, "smtp_outage"), (0.75, "kill_worker_mid_delivery")],
    ),
    "sqlite": (
        ("LOADTEST_SQLITE_ORDERS", 200),
        ("LOADTEST_SQLITE_CLIENTS", 5),
        [(0.3, "smtp_outage"), (0.6, "kill_worker_mid_delivery")],
    ),
}


def default_postgres_url():
    url = os.environ.get("LOADTEST_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return "postgres://postgres@127.0.0.1:5432/mindsite_loadtest"


def main():
    started = datetime.datetime.now(datetime.UTC)
    phases = [p.strip() for p in os.environ.get("LOADTEST_PHASES", "postgres,sqlite").split(",") if p.strip()]
    unknown = set(phases) - set(PHASES)
    if unknown:
        sys.exit(f"LOADTEST_PHASES: unknown phase {', '.join(sorted(unknown))} (choose from postgres, sqlite)")
    results_path = os.environ.get("LOADTEST_RESULTS", os.path.join(ROOT, "bench", "RESULTS.md"))
    stopping = threading.Event()

    def on_signal(signum, frame):
        # Only the first: a second Ctrl-C must not cut short the cleanup of the first.
        if not stopping.is_set():
            stopping.set()
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    results, aborted = [], ""
    with ExitStack() as cleanup:
        work = tempfile.mkdtemp(prefix="mindsite-loadtest-")
        keep_work = [False]
        cleanup.callback(lambda: None if keep_work[0] else shutil.rmtree(work, ignore_errors=True))
        cache_url = os.environ.get("LOADTEST_CACHE_URL", "redis://127.0.0.1:6379/11")
        cleanup.callback(flush_cache, cache_url)
        settings = {
            "deadline": time.monotonic() + WHOLE_RUN_SECONDS,
            "load": " / ".join(f"{load:.1f}" for load in os.getloadavg()),
            "work": work,
            "cache_url": cache_url,
            "web_workers": env_int("LOADTEST_WEB_WORKERS", 4),
            "drain_seconds": env_int("LOADTEST_DRAIN_SECONDS", 300),
            "outage_seconds": env_int("LOADTEST_OUTAGE_SECONDS", 8),
            "base_env": {
                **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "EMAIL_", "ORDER_"))},
                "DJANGO_SETTINGS_MODULE": "mindsite.settings.production",
                "SECRET_KEY": "loadtest-only-secret-key-loadtest-only-secret-key-0123456789",
                "OTP_ENCRYPTION_KEY": "m2H4xJ8dQk9Wl1VZ0rY7pN3sT6uB5cE8fG1hJ4kL7oA=",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_COOKIES": "false",
                "CACHE_URL": cache_url,
                "STATIC_ROOT": os.path.join(work, "static"),
                "ORDER_MIN_FILL_SECONDS": "0",
                "ORDERS_PER_HOUR_BEFORE_HOLD": "1000000",
                "ORDER_DAILY_CAP_PER_ADDRESS": "1000000",
                "ORDERS_PER_HOUR_BEFORE_REFUSAL": "1000000",
                "EMAIL_TIMEOUT": "10",
                "PYTHONUNBUFFERED": "1",
            },
        }
        try:
            log(f"collecting static files into {work}")
            run_command(
                [sys.executable, "manage.py", "collectstatic", "--noinput"],
                {**settings["base_env"], "DATABASE_URL": f"sqlite:///{work}/unused.sqlite3"},
                os.path.join(work, "collectstatic.log"),
                timeout=300,
            )
            for name in phases:
                (orders_var, orders_default), (clients_var, clients_default), schedule = PHASES[name]
                database = PostgresScratch(default_postgres_url()) if name == "postgres" else SQLiteScratch(work)
                with ExitStack() as phase_cleanup:
                    result = run_phase(
                        name,
                        database,
                        env_int(orders_var, orders_default),
                        env_int(clients_var, clients_default),
                        schedule,
                        settings,
                        phase_cleanup,
                        stopping,
                    )
                results.append(result)
                print(
                    "\n".join(["", f"== {name}: " + ("passed" if not result.failures else "FAILED"), *result.lines, ""])
                )
        except KeyboardInterrupt:
            aborted = "interrupted"
            log("interrupted: stopping every process and dropping the scratch databases")
        except Exception as exc:
            aborted = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
        if os.environ.get("LOADTEST_KEEP_LOGS"):
            keep_work[0] = True
            log(f"logs kept in {work}")

    if results or aborted != "interrupted":
        section = report(results, settings, started, aborted)
        write_section(results_path, section)
        log(f"results written to {results_path}")
    failed = aborted or any(r.failures for r in results)
    for result in results:
        for failure in result.failures:
            print(f"FAILED ({result.name}): {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
