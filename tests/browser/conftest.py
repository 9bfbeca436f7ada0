"""Browser tests: Debian's Chromium driven by Playwright, against pytest-django's live server.

Fixtures for any tests/browser/test_*.py (every test here is marked ``browser``
automatically, and browser tests run after the rest of the suite):

- ``live_site``: the live server with ``tests.conftest.build_site()`` loaded and the
  Site pointed at the server's host and port. It is the SimpleNamespace build_site()
  returns plus ``base_url`` and ``url(page_or_path)``, which gives an absolute URL.
  Tests that make their own data can use pytest-django's ``live_server`` directly.
- ``page``: a Playwright Page in a fresh context with JavaScript on (1280x800).
- ``page_without_js``: the same with JavaScript off, as a reader who blocks scripts.
- ``phone_page``: JavaScript on, a 375x740 touch viewport.
- ``new_page(**context_options)``: makes more pages (any ``browser.new_context`` option);
  their contexts close after the test.
- ``axe``: ``axe(page)`` runs axe-core on the page as it is now and returns the serious
  and critical violations; ``axe.assert_no_violations(page)`` fails with a readable
  report (rule id, help, selectors). axe needs JavaScript: use it on ``page``/``phone_page``.

Every live-server test here starts with Wagtail's root page, locale and root collection
in place (``ensure_wagtail_roots()``), which a transactional test's flush would have
removed. tests/browser/helpers.py has keyboard helpers (``press_until``, ``focused``...).

Chromium: ``/usr/bin/chromium`` (override with CHROMIUM_PATH). Without it the tests are
skipped, except under CI (CI=true), where they fail.
"""

import os

# Playwright's sync API runs an asyncio event loop in the test thread, and Django
# refuses ORM calls from a thread with a running loop. These tests are synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import contextlib  # noqa: E402
import shutil  # noqa: E402
import threading  # noqa: E402
import weakref  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402

BROWSER_DIR = Path(__file__).resolve().parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]
DEFAULT_TIMEOUT_MS = 15_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_IMPACTS = ("serious", "critical")

# Contexts made with JavaScript off: axe cannot run in them (its promise never settles).
_contexts_without_js = weakref.WeakSet()


# What the browser gets from the demo site, judged by a tool that takes minutes (Lighthouse), or
# `make screenshots`, which makes its own SQLite site whatever the tests run on: the same on any
# database, so only the default one (SQLite) runs it. CI's second pass, on PostgreSQL, skips it.
judged_once_on_sqlite = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="judges only what the browser gets, the same on any database: the SQLite pass runs it",
)


def in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(message):
    if in_ci():
        pytest.fail(f"{message} (browser tests must run in CI)", pytrace=False)
    pytest.skip(message)


# --- collection --------------------------------------------------------------------


def _is_browser_item(item):
    return BROWSER_DIR in Path(str(item.path)).resolve().parents


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder ``browser`` and run them last.

    Once Playwright has started, the main thread has a running event loop, which would
    upset later tests that use asyncio or the ORM; so nothing else runs after it.
    """
    browser_items = []
    for item in items:
        if _is_browser_item(item):
            item.add_marker(pytest.mark.browser)
            browser_items.append(item)
    if browser_items:
        chosen = set(map(id, browser_items))
        items[:] = [item for item in items if id(item) not in chosen] + browser_items


@pytest.fixture(autouse=True)
def _wagtail_roots(request):
    """Before any live-server test here: the root page, locale and collection exist."""
    if "live_server" in request.fixturenames or "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from tests.conftest import ensure_wagtail_roots

        ensure_wagtail_roots()


# --- the browser ----------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)) and not shutil.which(path):
        _unavailable(f"Chromium not found at {path}: apt-get install chromium")
    return path


@contextlib.contextmanager
def _thread_local_db_connections():
    """Keep Django's database connections per thread while Playwright runs.

    Between calls, Playwright's sync API leaves its event loop marked as running in
    the test thread. Django keeps connections in an asgiref Local, which then switches
    from thread-local storage to context-var storage: the test would get a second
    connection to the database, not the one pytest-django set up (and, on SQLite, a
    rival to the live server's shared in-memory connection, and not the connection
    whose test-case state pytest-django keeps). The tests are synchronous code, so the
    connections stay in the thread's own storage.
    """
    from django.db import connections

    original = connections._connections
    storage = getattr(original, "_storage", None)
    if isinstance(storage, threading.local):
        connections._connections = storage
    try:
        yield
    finally:
        connections._connections = original


@pytest.fixture(scope="session")
def playwright_instance():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: .venv/bin/pip install -r requirements-dev.txt")
    with _thread_local_db_connections():
        manager = sync_playwright()
        playwright = manager.start()
        try:
            yield playwright
        finally:
            manager.__exit__(None, None, None)


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path):
    browser = playwright_instance.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser):
    """``new_page(**options)`` makes a page in a new browser context; ``options`` go to
    ``browser.new_context`` (e.g. ``java_script_enabled=False``, ``viewport=...``)."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        options.setdefault("locale", "en-GB")
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        if options.get("java_script_enabled") is False:
            _contexts_without_js.add(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page(java_script_enabled=True)


@pytest.fixture
def page_without_js(new_page):
    return new_page(java_script_enabled=False)


@pytest.fixture
def phone_page(new_page):
    return new_page(
        java_script_enabled=True,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


# --- the site -------------------------------------------------------------------


def _clear_caches():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def live_site(live_server):
    """The live server with build_site()'s pages, and the Site matching the server."""
    from urllib.parse import urlsplit

    from wagtail.models import Site

    from tests.conftest import build_site

    _clear_caches()
    site = build_site()
    address = urlsplit(live_server.url)
    wagtail_site = Site.objects.get(is_default_site=True)
    wagtail_site.hostname = address.hostname
    wagtail_site.port = address.port
    wagtail_site.save()
    _clear_caches()

    site.base_url = live_server.url

    def url(target):
        """An absolute URL on the live server for a page, or for a path like "/"."""
        path = target if isinstance(target, str) else target.get_url()
        if path.startswith(("http://", "https://")):
            return path
        return live_server.url + path

    site.url = url
    yield site
    _clear_caches()


# --- axe-core -------------------------------------------------------------------


class Violations(list):
    """axe violations (dicts as axe returns them) that print as a readable report."""

    def report(self):
        if not self:
            return "no violations"
        lines = [f"{len(self)} accessibility violation(s):"]
        for violation in self:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.append(f"  {violation['helpUrl']}")
            for node in violation["nodes"]:
                target = " ".join(str(t) for t in node["target"])
                lines.append(f"    at {target}")
                lines.append(f"       {node['html'][:200]}")
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                if summary:
                    lines.append(f"       {summary[:300]}")
        return "\n".join(lines)

    __str__ = report


class AxeChecker:
    def __init__(self, tags=AXE_TAGS, impacts=AXE_IMPACTS):
        from axe_playwright_python.sync_playwright import Axe

        self._axe = Axe()
        self.tags = list(tags)
        self.impacts = tuple(impacts)

    def __call__(self, page, context=None, *, impacts=None):
        """Serious and critical violations on the page as it is now (``context``: an
        axe context, e.g. a CSS selector, to check part of the page)."""
        if page.context in _contexts_without_js:
            raise RuntimeError("axe needs JavaScript: run it on `page` or `phone_page`, not `page_without_js`")
        # Colours are judged as they end up: a message still fading in (Wagtail's admin messages take
        # half a second) blends with what is behind it and reads as low contrast on a busy machine.
        # So every animation that ends is taken to its end at once (waiting would cost 25 seconds on
        # the dashboard, whose "what's new" badge pings that long). Endless ones (a spinner) are left.
        page.evaluate(
            """() => document.getAnimations()
                .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .forEach((a) => { try { a.finish(); } catch (e) { /* cancelled meanwhile */ } })"""
        )
        options = {"runOnly": {"type": "tag", "values": self.tags}, "resultTypes": ["violations"]}
        results = self._axe.run(page, context=context, options=options)
        wanted = impacts or self.impacts
        return Violations(v for v in results.response["violations"] if v["impact"] in wanted)

    def assert_no_violations(self, page, context=None, *, impacts=None):
        violations = self(page, context, impacts=impacts)
        assert not violations, f"{page.url}\n{violations.report()}"


@pytest.fixture(scope="session")
def axe():
    return AxeChecker()
