from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only-key")
# Links in admin emails point at the port `make run` serves on.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=f"http://127.0.0.1:{env('PORT', default='8000')}")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Off by default while developing: the scheduled publisher runs in its own process, and
# a process-local cache would not hear its purges.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
# Nor does the browser keep pages while you work on them.
CDN_CACHE_SECONDS = env.int("CDN_CACHE_SECONDS", default=PAGE_CACHE_SECONDS)
# Two-factor sign-in is on in development too, so what you try is what production does.
# ADMIN_2FA_REQUIRED=false turns it off on your own machine only; production refuses it.
WAGTAIL_2FA_REQUIRED = env.bool("ADMIN_2FA_REQUIRED", default=True)
# Tells the development site's codes apart from the live site's in the authenticator app.
OTP_TOTP_ISSUER = "Mind campaigns (development)"
# A fixed key for the authenticator apps' keys on your own machine (production needs its own).
OTP_ENCRYPTION_KEYS = env.list("OTP_ENCRYPTION_KEY", default=["txzToMk0BKlJ5_mh16UzailL0jgPgIoR6Ob86d7QzDs="])
