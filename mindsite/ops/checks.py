"""System checks: a deployment still setting a variable the site no longer reads is told which replaced it.

Run by `manage.py check`, `migrate` and `runserver`. An error, not a warning: a retired
variable is otherwise ignored without a word, and each of these changes who is counted or
held (the client's address, the hourly order limits).
"""

import os

from django.conf import settings
from django.core import checks

RETIRED = {
    "TRUSTED_PROXY_COUNT": "BEHIND_PROXY (true for one proxy, or the number of proxies) with TRUSTED_PROXY_CIDRS",
    "ORDER_TRUSTED_PROXY_COUNT": "BEHIND_PROXY (true for one proxy, or the number of proxies) with TRUSTED_PROXY_CIDRS",
    "ORDER_THROTTLE_PER_HOUR": "ORDERS_PER_HOUR_BEFORE_HOLD",
    "ORDER_HOLD_LIMIT_PER_HOUR": "ORDERS_PER_HOUR_BEFORE_REFUSAL",
}


@checks.register(checks.Tags.compatibility)
def retired_settings(app_configs, **kwargs):
    return [
        checks.Error(
            f"{name} is set, but the site no longer reads it.",
            hint=f"Set {replacement} instead, and remove {name}.",
            obj=name,
            id="mindsite.E001",
        )
        for name, replacement in RETIRED.items()
        if name in os.environ or hasattr(settings, name)
    ]
