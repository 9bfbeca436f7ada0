from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 (the test settings sign nothing that leaves a test run)
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions"},
}
MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests that count queries or check rendering see every render; tests/caching/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
# No public Cache-Control either, and no CDN; tests/caching/test_cdn_purge.py turns them on.
CDN_CACHE_SECONDS = 0
WAGTAILFRONTENDCACHE = {}
# The second factors' secrets: a fixed key, and recovery-code hashes cheap enough for many tests.
OTP_ENCRYPTION_KEYS = ["GO1LI-bvH9ZZMkrBioBY4Bx40VZCgDhjtkw_XJQM1R8="]
OTP_RECOVERY_CODE_ITERATIONS = 1000
