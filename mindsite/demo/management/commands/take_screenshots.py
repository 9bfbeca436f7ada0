"""`make screenshots`: every page type at 320, 390 and 1280 px, and the admin, as PNG files.

So a change can be reviewed without running the site by hand. Nothing of yours is touched: the
command builds a throwaway site in a temporary folder (a SQLite database, migrated, with the
demo content, an editor with an authenticator app, static files collected), serves it with the
production settings under gunicorn on a free loopback port, photographs it in Debian's Chromium
through Playwright, and removes it all afterwards, on Ctrl-C and errors too.

The site is a separate process with its own environment: the command's own settings, and the
database and cache they name, are never used.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = (320, 390, 1280)
ADMIN_WIDTH = 1280
# The first screen at each width (a full-page shot goes on below it).
HEIGHTS = {320: 640, 390: 844}
FINDER_QUERY = "mental health"
SEARCH_QUERY = "restraint"

# The shots, numbered in this order in the file names. Each is an address found by site_addresses()
# below; a Shooter method named after a shot (_order_errors) does what the shot needs after the visit.
PUBLIC_SHOTS = [
    "home",
    "campaign-index",
    "campaign",
    "guide",
    "guide-part",
    "guide-print",
    "story-index",
    "story",
    "standard-page",
    "figures",
    "figures-search",
    "figures-england",
    "figures-providers",
    "figures-compare",
    "figures-provider",
    "order-form",
    "order-errors",
    "order-confirmation",
    "story-form",
    "story-errors",
    "story-thanks",
    "search",
    "not-found",
]
ADMIN_SHOTS = ["admin-dashboard", "admin-orders", "admin-stories-sent-in", "admin-page-editor"]
ALL_SHOTS = PUBLIC_SHOTS + ADMIN_SHOTS

# The page model each shot shows, so a page type nobody photographs is reported.
SHOT_OF_PAGE_TYPE = {
    "HomePage": "home",
    "CampaignIndexPage": "campaign-index",
    "CampaignPage": "campaign",
    "GuidePage": "guide",
    "GuideChapterPage": "guide-part",
    "StoryIndexPage": "story-index",
    "StoryPage": "story",
    "StandardPage": "standard-page",
    "RestraintFiguresPage": "figures",
}

# Only what a Python process needs is passed on to the site: never the developer's DATABASE_URL,
# CACHE_URL, EMAIL_URL, media storage or anything else the settings read.
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ", "VIRTUAL_ENV")

# Before a shot: lazy images load, every image and font is ready, so the PNG is the page as read.
SETTLE_JS = """async () => {
    for (const img of document.images) { if (img.loading === 'lazy') img.loading = 'eager'; }
    await Promise.all([...document.images].map((img) => img.complete ? null : new Promise((done) => {
        img.addEventListener('load', done, { once: true });
        img.addEventListener('error', done, { once: true });
    })));
    await document.fonts.ready;
}"""

# The admin scrolls inside an element, not the document: how much taller the window must be to show it all.
HIDDEN_BY_INNER_SCROLL_JS = """() => Math.max(0, ...[...document.querySelectorAll('body *')]
    .filter((el) => /auto|scroll/.test(getComputedStyle(el).overflowY))
    .map((el) => el.scrollHeight - el.clientHeight))"""
MAX_HEIGHT = 16_000


def file_name(number, name, width):
    """`05-guide-part-0320.png`: sorts by page, then width (widths padded so 320 comes before 1280)."""
    return f"{number:02d}-{name}-{width:04d}.png"


def site_addresses(username, password, totp_key):
    """Run inside the throwaway site (`manage.py shell`): make the editor, print the addresses as JSON.

    Each page type is found from the page models, so new content or slugs need no change here.
    """
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from wagtail.models import get_page_models

    from campaigns.figures.records import Provider
    from mindsite.accounts.models import AuthenticatorApp

    user = get_user_model().objects.create_superuser(username, f"{username}@example.org", password)
    AuthenticatorApp.objects.create(user=user, name="Screenshots", confirmed=True, key=totp_key)

    addresses, missing = {}, []
    first = {}
    for model in get_page_models():
        shot = SHOT_OF_PAGE_TYPE.get(model.__name__)
        if model.__name__ == "Page":
            continue
        if shot is None:
            missing.append(f"{model.__name__}: no screenshot is defined for it (add it to take_screenshots.py)")
            continue
        page = model.objects.live().public().order_by("path").first()
        if page is None:
            missing.append(f"{model.__name__}: the demo content has no live page of this type")
            continue
        first[model.__name__] = page
        addresses[shot] = page.url
    if "GuidePage" in first:
        addresses["guide-print"] = first["GuidePage"].url + first["GuidePage"].reverse_subpage("print")
    figures = first.get("RestraintFiguresPage")
    provider = Provider.objects.order_by("ods_code").first()
    if figures:
        addresses["figures-search"] = f"{figures.url}?q={FINDER_QUERY.replace(' ', '+')}"
        addresses["figures-england"] = figures.url + figures.reverse_subpage("england")
        addresses["figures-providers"] = figures.url + figures.reverse_subpage("providers")
        addresses["figures-compare"] = figures.url + figures.reverse_subpage("compare")
        if provider:
            addresses["figures-provider"] = figures.url + figures.reverse_subpage("provider", args=[provider.ods_code])
    addresses["order-form"] = addresses["order-errors"] = addresses["order-confirmation"] = reverse("orders:order")
    addresses["story-form"] = addresses["story-errors"] = addresses["story-thanks"] = reverse("story_submissions:tell")
    addresses["search"] = f"{reverse('search')}?q={SEARCH_QUERY}"
    addresses["not-found"] = "/no-such-page-here/"
    addresses["admin-dashboard"] = reverse("wagtailadmin_home")
    addresses["admin-orders"] = reverse("wagtailsnippets_orders_printorder:list")
    addresses["admin-stories-sent-in"] = reverse("sent_stories:index")
    if "GuideChapterPage" in first:
        addresses["admin-page-editor"] = reverse("wagtailadmin_pages:edit", args=[first["GuideChapterPage"].pk])
    print(json.dumps({"addresses": addresses, "missing": missing}))


class Command(BaseCommand):
    help = (
        "Write every page type at 320, 390 and 1280 px, and the admin's dashboard, order list and page "
        "editor at 1280, as PNG files in screenshots/, from a throwaway copy of the demo site. "
        "Needs Chromium (apt-get install chromium)."
    )
    # The command's own settings are never used: no checks against a database it will not touch.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--width",
            type=int,
            action="append",
            help=f"Only this width in px (repeat for more). Default: {', '.join(map(str, WIDTHS))}.",
        )
        parser.add_argument(
            "--only",
            action="append",
            metavar="NAME",
            help=f"Only these shots (repeat, or separate with commas): {', '.join(ALL_SHOTS)}.",
        )
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "screenshots"), help="Folder for the PNGs.")

    def handle(self, *args, **options):
        started = time.monotonic()
        chromium = chromium_path()
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise CommandError(
                "Playwright is not installed: it is a development requirement (.venv/bin/pip install -r "
                "requirements-dev.txt, or run `make screenshots`)."
            ) from None
        widths = options["width"] or list(WIDTHS)
        if any(width < 200 or width > 4000 for width in widths):
            raise CommandError("--width is in CSS pixels, between 200 and 4000.")
        chosen = choose(options["only"])
        public = [name for name in PUBLIC_SHOTS if name in chosen]
        admin = [name for name in ADMIN_SHOTS if name in chosen] if ADMIN_WIDTH in widths else []
        if not public and not admin:
            raise CommandError(f"The admin is photographed at {ADMIN_WIDTH} px only: add --width {ADMIN_WIDTH}.")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)

        # A SIGTERM (a CI timeout, `kill`) tidies up as Ctrl-C does.
        previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        try:
            with tempfile.TemporaryDirectory(prefix="mindsite-screenshots-") as work:
                site = ThrowawaySite(Path(work), self.stdout)
                addresses, missing = site.build()
                for line in missing:
                    self.stderr.write(f"Not photographed: {line}")
                with site.serving() as base_url, sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
                    try:
                        shooter = Shooter(browser, base_url, addresses, site, out, self.stdout)
                        shooter.public(public, widths)
                        if admin:
                            shooter.admin(admin)
                    finally:
                        browser.close()
        except KeyboardInterrupt:
            self.stderr.write("Stopped. The throwaway site, its server and the browser are gone.")
            sys.exit(130)
        finally:
            signal.signal(signal.SIGTERM, previous)
        seconds = time.monotonic() - started
        self.stdout.write(f"{len(shooter.written)} screenshots in {out}/ ({seconds:.0f} s)")
        if shooter.problems:
            raise CommandError("Some pages did not come out as expected:\n  " + "\n  ".join(shooter.problems))


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)) and not shutil.which(path):
        raise CommandError(
            f"Chromium was not found at {path}. Install Debian's: sudo apt-get install chromium "
            "(or set CHROMIUM_PATH to another Chromium)."
        )
    return path


def choose(only):
    if not only:
        return set(ALL_SHOTS)
    names = {name.strip() for value in only for name in value.split(",") if name.strip()}
    unknown = sorted(names - set(ALL_SHOTS))
    if unknown:
        raise CommandError(f"No shot called {', '.join(unknown)}. The shots: {', '.join(ALL_SHOTS)}.")
    return names


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawaySite:
    """The demo site in a temporary folder, served by gunicorn under the production settings."""

    def __init__(self, work, stdout):
        from cryptography.fernet import Fernet

        self.work = work
        self.stdout = stdout
        self.editor = ("screenshots", secrets.token_urlsafe(24))
        self.totp_key = secrets.token_hex(20)
        self.env = {key: os.environ[key] for key in PASSED_ON if key in os.environ}
        self.env.update(
            DJANGO_SETTINGS_MODULE="mindsite.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            OTP_ENCRYPTION_KEY=Fernet.generate_key().decode(),
            DATABASE_URL=f"sqlite:///{work / 'site.sqlite3'}",
            MEDIA_ROOT=str(work / "media"),
            STATIC_ROOT=str(work / "static"),
            ALLOWED_HOSTS="127.0.0.1",
            # Plain HTTP on loopback: no redirect to HTTPS, cookies not limited to it.
            SECURE_SSL_REDIRECT="false",
            SECURE_COOKIES="false",
            # The order form is filled in by a script, faster than the spam rules expect of a person.
            ORDER_MIN_FILL_SECONDS="0",
            STORY_MIN_FILL_SECONDS="0",
            PYTHONUNBUFFERED="1",
        )

    def manage(self, *args):
        return subprocess.run(  # noqa: S603 (this project's manage.py, with arguments of ours)
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )

    def build(self):
        """Migrate, load the demo content and collect static files; returns (addresses, what is missing)."""
        self.stdout.write(f"Building a throwaway demo site in {self.work} ...")
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            self.manage("migrate", "--noinput", "-v", "0")
            self.manage("load_demo_content")
            code = (
                "from mindsite.demo.management.commands.take_screenshots import site_addresses;"
                f"site_addresses({self.editor[0]!r}, {self.editor[1]!r}, {self.totp_key!r})"
            )
            found = json.loads(self.manage("shell", "--no-imports", "-c", code).stdout.strip().splitlines()[-1])
            _, errors = collect.communicate()
            if collect.returncode:
                raise CommandError(f"collectstatic failed:\n{errors}")
        except subprocess.CalledProcessError as error:
            raise CommandError(f"{' '.join(error.cmd[1:])} failed:\n{error.stderr}") from None
        finally:
            if collect.poll() is None:
                collect.kill()
                collect.wait()
        return found["addresses"], found["missing"]

    def serving(self):
        return _Server(self)

    def authenticator_code(self):
        from django_otp.oath import totp

        return f"{totp(bytes.fromhex(self.totp_key)):06d}"


class _Server:
    def __init__(self, site):
        self.site = site
        self.process = None

    def __enter__(self):
        port = free_port()
        self.log_path = self.site.work / "gunicorn.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 (gunicorn, with arguments of ours)
                [sys.executable, "-m", "gunicorn", "mindsite.wsgi:application", "--bind", f"127.0.0.1:{port}"]
                + ["--workers", "2", "--timeout", "60"],
                cwd=settings.BASE_DIR,
                env=self.site.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base_url = f"http://127.0.0.1:{port}"
        try:
            self._wait_until_serving(base_url)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.site.stdout.write(f"Serving it at {base_url} (production settings, gunicorn)")
        return base_url

    def _wait_until_serving(self, base_url, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn stopped:\n{self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(base_url + "/robots.txt", timeout=2):  # noqa: S310 (loopback http only)
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise CommandError(f"gunicorn did not answer within {timeout} s:\n{self.log_path.read_text()[-3000:]}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return False


class Shooter:
    def __init__(self, browser, base_url, addresses, site, out, stdout):
        self.browser = browser
        self.base_url = base_url
        self.addresses = addresses
        self.site = site
        self.out = out
        self.stdout = stdout
        self.written = []
        self.problems = []

    def context(self, width):
        context = self.browser.new_context(
            viewport={"width": width, "height": HEIGHTS.get(width, 800)},
            device_scale_factor=1,
            is_mobile=width < 768,
            has_touch=width < 768,
            locale="en-GB",
        )
        context.set_default_timeout(30_000)
        return context

    def public(self, names, widths):
        for width in widths:
            context = self.context(width)
            try:
                page = context.new_page()
                for name in names:
                    self.shoot(page, name, width)
            finally:
                context.close()

    def admin(self, names):
        context = self.context(ADMIN_WIDTH)
        try:
            page = context.new_page()
            self.sign_in(page)
            for name in names:
                self.shoot(page, name, ADMIN_WIDTH)
        finally:
            context.close()

    def shoot(self, page, name, width):
        if name not in self.addresses:
            return
        url = self.base_url + self.addresses[name]
        expected = 404 if name == "not-found" else 200
        from playwright.sync_api import Error as PlaywrightError

        try:
            response = page.goto(url)
            action = getattr(self, "_" + name.replace("-", "_"), None)
            if action:
                response = action(page, width) or response
            status = response.status if response else None
            if status != expected:
                self.problems.append(f"{name} at {width}px: {page.url} answered {status}, not {expected}")
            page.evaluate(SETTLE_JS)
            path = self.out / file_name(ALL_SHOTS.index(name) + 1, name, width)
            viewport = page.viewport_size
            hidden = page.evaluate(HIDDEN_BY_INNER_SCROLL_JS) if name in ADMIN_SHOTS else 0
            if hidden:
                page.set_viewport_size({"width": width, "height": min(viewport["height"] + hidden, MAX_HEIGHT)})
                page.evaluate(SETTLE_JS)
            page.screenshot(path=path, full_page=True, animations="disabled", caret="hide")
            if hidden:
                page.set_viewport_size(viewport)
        except PlaywrightError as error:  # one page failing (a timeout) does not lose the rest
            self.problems.append(f"{name} at {width}px: {error}".splitlines()[0])
            return
        self.written.append(path)
        self.stdout.write(f"  {path}")

    # --- shots that need more than a visit -----------------------------------------------------------

    def _order_errors(self, page, width):
        """The order form sent empty: the error summary and each field's message."""
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Place order").click()
        page.wait_for_selector(".error-summary")
        return navigation.value

    def _order_confirmation(self, page, width):
        """An order placed (a different address at each width, within the daily cap per address)."""
        page.locator("input[id^='id_guide_']").first.fill("2")
        page.fill("#id_full_name", "Sam Example")
        page.fill("#id_email", f"sam.{width}@example.org")
        page.fill("#id_address_line_1", f"{width} High Street")
        page.fill("#id_town", "London")
        page.fill("#id_postcode", "SW1A 1AA")
        page.check("#id_privacy")
        with page.expect_navigation(url="**/confirmation/") as navigation:
            page.get_by_role("button", name="Place order").click()
        return navigation.value

    def _story_errors(self, page, width):
        """ "Tell us your story" sent empty: the error summary and each field's message."""
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Send my story").click()
        page.wait_for_selector(".error-summary")
        return navigation.value

    def _story_thanks(self, page, width):
        """A story sent (from a different address at each width, within the daily cap per address)."""
        page.check("#id_role_0")
        page.fill("#id_what_happened", "We asked our local ward how often it used restraint, and why.")
        page.select_option("#id_region", "north-west")
        page.check("#id_naming_0")
        page.fill("#id_name", "Sam Example")
        page.fill("#id_email", f"sam.{width}@example.org")
        page.check("#id_consent_to_publish")
        with page.expect_navigation(url="**/thank-you/") as navigation:
            page.get_by_role("button", name="Send my story").click()
        return navigation.value

    def sign_in(self, page):
        """The real sign-in: the password form, then the code from the editor's authenticator app."""
        username, password = self.site.editor
        page.goto(self.base_url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/admin/2fa/auth**")
        page.get_by_label("Code").fill(self.site.authenticator_code())
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(self.base_url + "/admin/")
