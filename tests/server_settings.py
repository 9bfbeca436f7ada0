"""Settings for the site served by gunicorn as a separate process in the tests: the test database by file or name.

Everything else is as tests and production have it, including the SQLite OPTIONS in base.py.
"""

import os

from mindsite.settings.test import *  # noqa: F403
from mindsite.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["SERVER_DB_NAME"]
DATABASES["default"].pop("TEST", None)
