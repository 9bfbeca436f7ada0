from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from mindsite.accounts.otp_secrets import check_keys as check_otp_encryption_keys

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, BEHIND_PROXY, LOGGING, MIDDLEWARE, OTP_ENCRYPTION_KEYS, SECRET_KEY, STORAGES, env

DEBUG = env.bool("DEBUG", default=False)

# Refuse to start rather than run with a guessable key or accept any Host header.
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: production will not start without it.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated): production will not start without it.")
# Nor with settings that are only safe on a developer's own machine. The key rule is Django's own
# (its deploy check security.W009); here it stops the start, not just warns.
HOW_TO_MAKE_A_KEY = 'Make one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
if DEBUG:
    raise ImproperlyConfigured(
        "DEBUG is on: production will not start with it, because error pages would show anyone the "
        "site's settings and addresses. Unset DEBUG (or set DEBUG=false)."
    )
if SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX):
    raise ImproperlyConfigured(
        f"SECRET_KEY starts with {SECRET_KEY_INSECURE_PREFIX!r}: it is a development key, and anyone "
        f"could forge sessions with it. {HOW_TO_MAKE_A_KEY}"
    )
if len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
    raise ImproperlyConfigured(
        f"SECRET_KEY is too easy to guess: it needs at least {SECRET_KEY_MIN_LENGTH} characters, "
        f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different. {HOW_TO_MAKE_A_KEY}"
    )
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS has '*', which accepts any Host header (so links in password-reset mail and "
        "cached pages could name another site). List the site's own host names, separated by commas."
    )
# The authenticator apps' keys are encrypted with OTP_ENCRYPTION_KEY: refuse to start without a
# good one (mindsite/accounts/otp_secrets.py says what is wrong and how to make one).
check_otp_encryption_keys(OTP_ENCRYPTION_KEYS)
# Two-factor sign-in cannot be turned off on a live site; say so rather than quietly ignore the setting.
if not env.bool("ADMIN_2FA_REQUIRED", default=True):
    raise ImproperlyConfigured("ADMIN_2FA_REQUIRED=false is for development only: unset it in production.")
WAGTAIL_2FA_REQUIRED = True

# Static files are served by the web process itself (compressed, cache-busted names).
# WhiteNoise goes straight after SecurityMiddleware, as its documentation asks.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
]

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# X-Forwarded-Proto says the reader came over HTTPS; anyone can send it, so it is believed
# only behind a proxy that sets it (and strips a reader's own): BEHIND_PROXY=true (or a number).
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
# A year of HTTPS-only, for subdomains too, whenever the site redirects to HTTPS.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE_SSL_REDIRECT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Preloading binds the whole registrable domain (mind.org.uk) in browsers for months: the
    # domain's owner decides it, not this site's settings. Django warns (W021) until then.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Logs are JSON lines (mindsite/ops/json_logging.py), without exception messages or request data,
# which can quote a campaigner's details.
LOGGING = {
    **LOGGING,
    "formatters": {"json": {"()": "mindsite.ops.json_logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
}
