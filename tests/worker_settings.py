"""Settings for a mail worker run as a separate process by the tests: the test database, a loopback SMTP server."""

import os

from mindsite.settings.test import *  # noqa: F403
from mindsite.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["WORKER_DB_NAME"]
DATABASES["default"].pop("TEST", None)
MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["WORKER_SMTP_PORT"])
EMAIL_HOST_USER = ""
EMAIL_HOST_PASSWORD = ""
EMAIL_USE_TLS = False
EMAIL_USE_SSL = False
EMAIL_TIMEOUT = 60
