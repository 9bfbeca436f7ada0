"""Settings shared by every environment. Values come from environment variables."""

import datetime
import ipaddress
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "mindsite.pages",
    "mindsite.caching",
    "mindsite.mail",
    "mindsite.accounts",
    "mindsite.feedback",
    "mindsite.ops",
    "mindsite.privacy",
    "mindsite.demo",
    "guides",
    "campaigns",
    "campaigns.orders",
    "campaigns.story_submissions",
    "campaigns.figures",
    "campaigns.alerts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "mailer",
    # The admin's sign-in: lockout after repeated failures, and the second factor.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail_2fa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The sitemap's template, for wagtail.contrib.sitemaps (mindsite/pages/seo.py).
    "django.contrib.sitemaps",
    # Wagtail's search uses PostgreSQL full-text search when this is installed.
    "django.contrib.postgres",
    # django-csp's system checks (its settings format changed in version 4).
    "csp",
]

MIDDLEWARE = [
    # First, so every response has it: static files, redirects and page-cache hits too.
    "mindsite.ops.security_headers.CrossOriginResourcePolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Anonymous readers' pages from the page cache (mindsite/caching/page_cache.py), before everything a
    # hit never needs; what it stores carries the security headers the middleware below adds.
    "mindsite.caching.page_cache.PageCacheMiddleware",
    "mindsite.ops.security_headers.ContentSecurityPolicyMiddleware",
    "mindsite.ops.security_headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Everyone who can use the admin passes the second factor before any other page (wagtail-2fa).
    "wagtail_2fa.middleware.VerifyUserMiddleware",
    # A listing's ?export=csv or xlsx only from the guarded views (mindsite/ops/spreadsheets.py).
    "mindsite.ops.spreadsheets.OnlyGuardedExportsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Per-request stores: rich-text link pages, restricted paths (mindsite.pages.request_store).
    "mindsite.pages.request_store.RequestStoresMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mindsite.urls"
# A failed CSRF check on the order form or "Tell us your story" shows the form again as typed, asking
# to send it again; everywhere else it is Django's own 403 page.
CSRF_FAILURE_VIEW = "campaigns.story_submissions.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "mindsite.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait their turn instead of failing with "database is locked": a write
    # transaction takes the lock when it begins (IMMEDIATE), waits up to 20 s for it, and readers
    # never block the writer (WAL). Options given in DATABASE_URL win.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    # Wagtail looks an image's renditions up here before the database (one round trip for all of
    # an image's sizes). The same backend as the rest, so with Redis every process shares them;
    # a deleted rendition is removed from it at once, so entries can live long.
    "renditions": {
        **env.cache("CACHE_URL", default="locmemcache://"),
        "KEY_PREFIX": "renditions",
        "TIMEOUT": env.int("RENDITIONS_CACHE_SECONDS", default=7 * 24 * 3600),
    },
}
# Redis through Django's own backend, but with one Redis client per process (mindsite/caching/redis_cache.py).
for alias in CACHES:
    if CACHES[alias]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        CACHES[alias]["BACKEND"] = "mindsite.caching.redis_cache.RedisCache"
# Seconds an anonymous reader's page is kept in the full-page cache (mindsite/caching/page_cache.py);
# publishing purges it sooner. 0 turns the cache off. With more than one process, set CACHE_URL
# to a shared cache (Redis) so a purge reaches them all.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# Bench-only addresses (mindsite/ops/bench_views.py) that `make bench` measures the pages against:
# a minimal Django view. Off unless BENCH_VIEWS=true is in the environment; never set it on a
# live site.
BENCH_VIEWS = env.bool("BENCH_VIEWS", default=False)

# What a public page tells browsers and a CDN (mindsite/caching/page_cache.py): the pages the page cache
# may share go out as `public, max-age=BROWSER_CACHE_SECONDS, s-maxage=CDN_CACHE_SECONDS,
# stale-while-revalidate=CDN_STALE_SECONDS`; everything else stays private. The CDN is purged when
# the page cache is, so its copy can be kept long; a browser's cannot be purged, so it is short.
# CDN_CACHE_SECONDS=0 sends no public header at all.
CDN_CACHE_SECONDS = env.int("CDN_CACHE_SECONDS", default=PAGE_CACHE_SECONDS)
BROWSER_CACHE_SECONDS = env.int("BROWSER_CACHE_SECONDS", default=60)
CDN_STALE_SECONDS = env.int("CDN_STALE_SECONDS", default=60)
# The CDN purged by wagtail.contrib.frontend_cache's backends, when one is named: Cloudflare (an API
# token allowed to purge the zone, and the zone's id) or CloudFront (the distribution's id; AWS keys
# from CLOUDFRONT_AWS_ACCESS_KEY_ID and CLOUDFRONT_AWS_SECRET_ACCESS_KEY, or boto3's own lookup).
# Off when unset. The app itself is not installed: its own publish handlers purge only the page
# published, and mindsite/caching/page_cache.py purges every page that shows it.
WAGTAILFRONTENDCACHE = {}
if env("CLOUDFLARE_API_TOKEN", default="") or env("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
        "AWS_ACCESS_KEY_ID": env("CLOUDFRONT_AWS_ACCESS_KEY_ID", default=None),
        "AWS_SECRET_ACCESS_KEY": env("CLOUDFRONT_AWS_SECRET_ACCESS_KEY", default=None),
    }

# Security headers on every response (mindsite/ops/security_headers.py). Public pages: no inline
# script or style, nothing from elsewhere; the page cache shares them, so no nonces.
WRITETOTHEM = "https://www.writetothem.com"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        # "Write to your MP" on a provider's page sends the reader's postcode to WriteToThem.
        "form-action": [SELF, WRITETOTHEM],
    },
}
# Only under /admin/ and its page previews: Wagtail 7.4's admin has inline scripts and styles,
# previews uploads from data: and blob: addresses, shows the page preview in a frame of its own,
# and asks releases.wagtail.org whether a security release is out.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, "https://releases.wagtail.org"],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    },
}
# Browser features no page uses. The admin may use security keys and full screen for itself.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
ADMIN_PERMISSIONS_POLICY = {
    **PERMISSIONS_POLICY,
    "fullscreen": ["self"],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent on every response (mindsite/ops/security_headers.py): no other site's page may load or read ours.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Editors' email addresses are not sent to a third party for avatars.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "mindsite.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The admin's sign-in (README: "Getting into the admin").
# django-axes checks every sign-in first and refuses it while the account or the address is locked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Locked after this many failed sign-ins to one account (from anywhere), or from one address (to any account)...
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# ...until this long after the last failure; a failure while locked starts the wait again.
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("ADMIN_LOCKOUT_MINUTES", default=15))
# A success does not wipe the address's count: a guesser with one account of their own cannot reset it.
AXES_RESET_ON_SUCCESS = False
# The client's address as the site's proxies report it (BEHIND_PROXY), not a header anyone can send.
AXES_CLIENT_IP_CALLABLE = "mindsite.accounts.client_address.client_address"
# The site's own page (429, with Retry-After), not a bare refusal.
AXES_LOCKOUT_CALLABLE = "mindsite.accounts.lockout.lockout_response"


def proxies_in_front(value):
    """BEHIND_PROXY as a number of proxies: false is 0, true is 1, a number is that many."""
    word = value.strip().lower()
    if word.isdigit():
        return int(word)
    if word in ("true", "on", "yes"):
        return 1
    if word in ("false", "off", "no", ""):
        return 0
    raise ImproperlyConfigured(f"BEHIND_PROXY is {value!r}: set it to true, false or the number of proxies.")


# How many proxies (load balancer, CDN) in front of the web process append to X-Forwarded-For and
# end HTTPS: true for one, a number for a chain (a CDN in front of a load balancer: 2). Only then is
# X-Forwarded-For believed, for the client's address (mindsite/accounts/client_address.py: the admin's
# lockout and the hourly limits on orders and page feedback), and, in production, X-Forwarded-Proto.
# false (0): the client is the connection's own address.
BEHIND_PROXY = proxies_in_front(env.str("BEHIND_PROXY", default="false"))


def proxy_networks(value):
    """TRUSTED_PROXY_CIDRS as networks: '10.0.0.0/8, 2001:db8::/32' (a bare address is one address)."""
    networks = []
    for entry in value.split(","):
        if entry.strip():
            try:
                networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError:
                raise ImproperlyConfigured(
                    f"TRUSTED_PROXY_CIDRS has {entry.strip()!r}, which is not a network: give networks like "
                    "10.0.0.0/8 or single addresses, separated by commas."
                ) from None
    return tuple(networks)


# The addresses the proxies in front connect to the web process from, and, for a chain, the
# addresses of every proxy in it (a CDN's published ranges too). X-Forwarded-For is read only on a
# request whose connection comes from one of these; any other request's client is its connection,
# whatever it sends, so a visitor who reaches the web process directly cannot pick their own address.
# There is no default: with BEHIND_PROXY on, the site refuses to start without it.
TRUSTED_PROXY_CIDRS = proxy_networks(env.str("TRUSTED_PROXY_CIDRS", default=""))
if BEHIND_PROXY and not TRUSTED_PROXY_CIDRS:
    raise ImproperlyConfigured(
        "BEHIND_PROXY is on but TRUSTED_PROXY_CIDRS is not set: give the addresses your proxies connect "
        "from (for example 10.0.0.0/16), separated by commas. Only requests from them may say who the visitor is."
    )

# Two-factor authentication (wagtail-2fa on django-otp) for everyone who can use the admin.
# Only the development settings may turn it off (ADMIN_2FA_REQUIRED); production refuses to.
WAGTAIL_2FA_REQUIRED = True
# The name the authenticator app shows beside the codes.
OTP_TOTP_ISSUER = "Mind campaigns"
# Recovery codes are made in sets of this many, each good once.
ADMIN_RECOVERY_CODE_COUNT = 10
# The second factors' secrets, kept out of the database's plain text (mindsite/accounts/otp_secrets.py).
# The keys that encrypt each authenticator app's key: Fernet keys, separated by commas, the first
# used to encrypt, each of them to decrypt (docs/operations.md: rotating the key). Never in the
# database or its backups. Production refuses to start without one.
OTP_ENCRYPTION_KEYS = env.list("OTP_ENCRYPTION_KEY", default=[])
# Recovery codes are kept only as PBKDF2-SHA256 hashes, of this many rounds (OWASP's figure, 2023).
OTP_RECOVERY_CODE_ITERATIONS = 600_000

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Where `manage.py backup_site` (make backup) puts each backup, in a folder named for the time.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads live in MEDIA_ROOT and the web process serves their images (mindsite/ops/media.py),
# unless a bucket is named: then S3-compatible object storage, shared by every machine.
# Its keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, which django-storages reads itself.
MEDIA_IN_OBJECT_STORAGE = bool(env("AWS_STORAGE_BUCKET_NAME", default=""))
if MEDIA_IN_OBJECT_STORAGE:
    STORAGES["default"] = {
        "BACKEND": "mindsite.ops.object_storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            "location": env("AWS_LOCATION", default=""),
            # Plain URLs: a signed one would expire inside a cached page.
            "querystring_auth": False,
            # A new upload never replaces another file of the same name.
            "file_overwrite": False,
            # The bucket's policy decides who may read, not a per-object ACL.
            "default_acl": None,
        },
    }

# Mail: everything the site sends is queued in the database (django-mailer) and
# delivered by the mail worker through the server EMAIL_URL names.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = "mailer.backend.DbBackend"
MAILER_EMAIL_BACKEND = _email.pop("EMAIL_BACKEND")
for _key, _value in _email.items():
    if _key.startswith("EMAIL_") and _value not in (None, ""):
        globals()[_key] = _value
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Mind campaigns <campaigns@mind.org.uk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Several workers may share the queue: they take rows with SELECT ... FOR UPDATE,
# not a lock file on one machine's disk.
MAILER_USE_FILE_LOCK = False
# The queue's log keeps outcomes, not message bodies (which hold personal data).
MAILER_EMAIL_LOG_MESSAGE_DATA = False

WAGTAIL_SITE_NAME = "Mind campaigns"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Documents always pass through Wagtail's view, which checks a collection's privacy, even in
# object storage; and they download as attachments, never open on our origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO"), "propagate": False},
        "mindsite": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "campaigns": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "guides": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Printed-copy orders (campaigns app)
# Personal data in an order is erased this many days after it is dispatched or cancelled
# (`manage.py erase_old_personal_data`, run daily); sent-mail logs are purged on the same clock.
ORDER_RETENTION_DAYS = env.int("ORDER_RETENTION_DAYS", default=90)
# How long personal data waits on orders nobody settles, counted from when the order was placed
# (the same daily job). A held order not released within HELD_ORDER_DAYS is cancelled, without
# any email, and erased: it was held as likely spam, and nothing was ever sent.
HELD_ORDER_DAYS = env.int("HELD_ORDER_DAYS", default=30)
# A new order not dispatched after NEW_ORDER_FLAG_DAYS is flagged on the campaigns team's dashboard
# (the confirmation promises posting "within 10 working days")...
NEW_ORDER_FLAG_DAYS = env.int("NEW_ORDER_FLAG_DAYS", default=14)
# ...and after NEW_ORDER_ERASE_DAYS it is cancelled and erased, as a dispatched one is after ORDER_RETENTION_DAYS.
NEW_ORDER_ERASE_DAYS = env.int("NEW_ORDER_ERASE_DAYS", default=90)
# "What was wrong?" comments on "Is this page useful?" are blanked this long after they were written;
# the answer itself (yes or no, the page, the date) is kept for the counts.
FEEDBACK_COMMENT_DAYS = env.int("FEEDBACK_COMMENT_DAYS", default=365)
# Spam and abuse, with no CAPTCHA. A form sent back sooner than this is a bot's.
ORDER_MIN_FILL_SECONDS = env.int("ORDER_MIN_FILL_SECONDS", default=3)
# Orders one client may place an hour: counted in the cache (CACHE_URL), keyed by a keyed hash
# of the client's address, never the address itself. Shared between processes with Redis.
# Orders past this many are saved but held for the campaigns team to review; no mail until released.
ORDERS_PER_HOUR_BEFORE_HOLD = env.int("ORDERS_PER_HOUR_BEFORE_HOLD", default=5)
# Orders past this many from one client in an hour (placed and held together) are refused
# outright, so a bot cannot fill the database with held orders.
ORDERS_PER_HOUR_BEFORE_REFUSAL = env.int("ORDERS_PER_HOUR_BEFORE_REFUSAL", default=20)
# Orders in 24 hours to one email address, or to one postal address; past it the form says so
# and nothing is saved.
ORDER_DAILY_CAP_PER_ADDRESS = env.int("ORDER_DAILY_CAP_PER_ADDRESS", default=3)
# "Is this page useful?" (mindsite/page_feedback): the order form's spam rules. An answer sent
# sooner than this after the page was drawn is a bot's, and is not counted.
FEEDBACK_MIN_SECONDS = env.int("FEEDBACK_MIN_SECONDS", default=3)
# An answer whose started token is older than this (a day) is refused the same way, so a token
# taken once from a page cannot be replayed for ever. Keep it well above PAGE_CACHE_SECONDS and
# CDN_CACHE_SECONDS (plus CDN_STALE_SECONDS), or answers from cached pages would not count.
FEEDBACK_MAX_SECONDS = env.int("FEEDBACK_MAX_SECONDS", default=24 * 60 * 60)
# Answers one client may give an hour (a ward or library may share one address), counted in the
# cache by a keyed hash of its address (BEHIND_PROXY); past it an answer is not counted
# and the reader is told so.
FEEDBACK_PER_HOUR = env.int("FEEDBACK_PER_HOUR", default=30)
# "Email me when new figures are out" (campaigns/alerts). A sign-up not confirmed within this many days is
# erased (the daily erasure), and its confirmation link stops working.
ALERT_UNCONFIRMED_DAYS = env.int("ALERT_UNCONFIRMED_DAYS", default=7)
# The sign-up form's spam rules (mindsite/spam/rules.py): sent back sooner than this, it is a bot's...
ALERT_MIN_FILL_SECONDS = env.int("ALERT_MIN_FILL_SECONDS", default=3)
# ...and with a started token older than this, the form is shown again to send once more (see FEEDBACK_MAX_SECONDS).
ALERT_MAX_FILL_SECONDS = env.int("ALERT_MAX_FILL_SECONDS", default=24 * 60 * 60)
# Sign-ups one client may send an hour (keyed hash of its internet address); past it the page says so.
ALERT_SIGNUPS_PER_HOUR = env.int("ALERT_SIGNUPS_PER_HOUR", default=10)
# Emails about signing up (a confirmation, or "you are already signed up") to one email address an hour,
# whoever asks: past it none is sent, and the page says what it always says.
ALERT_EMAILS_PER_ADDRESS_PER_HOUR = env.int("ALERT_EMAILS_PER_ADDRESS_PER_HOUR", default=3)
# "Tell us your story" (campaigns/story_submissions). The sender's name and email address are erased
# this many days after their story is published or declined (the daily erasure job); a declined draft,
# never published, is deleted then too.
STORY_SENDER_DAYS = env.int("STORY_SENDER_DAYS", default=90)
# ...and this many days after it was sent, if nobody has published or declined it by then.
STORY_SENDER_UNDECIDED_DAYS = env.int("STORY_SENDER_UNDECIDED_DAYS", default=180)
# A story sent back sooner than this after the form was drawn is a bot's (it sees the thank-you page).
STORY_MIN_FILL_SECONDS = env.int("STORY_MIN_FILL_SECONDS", default=5)
# Stories one client may send an hour (counted in the cache by a keyed hash of its address), and stories
# from one email address in 24 hours; past either the form says so and nothing is saved.
STORIES_PER_HOUR = env.int("STORIES_PER_HOUR", default=5)
STORY_DAILY_CAP_PER_ADDRESS = env.int("STORY_DAILY_CAP_PER_ADDRESS", default=3)
# Mail that has waited longer than this is flagged on the admin dashboard and the orders list.
ORDER_MAIL_STUCK_AFTER_MINUTES = env.int("ORDER_MAIL_STUCK_AFTER_MINUTES", default=60)
# The mail worker defers a failed message and records why, without recipients' addresses.
MAILER_ERROR_HANDLER = "mindsite.mail.queue.defer_and_record_failure"
# django-mailer logs each recipient at INFO: keep addresses out of the logs.
LOGGING["loggers"]["mailer"] = {"handlers": ["console"], "level": "WARNING", "propagate": False}
