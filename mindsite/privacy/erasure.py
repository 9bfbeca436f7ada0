"""Erasing personal data on time: the one daily job, `manage.py erase_old_personal_data`.

Each app that keeps personal data says what of it is due to go, and registers that here from its
AppConfig.ready():

    from mindsite.privacy import erasure
    erasure.register("Printed-copy orders", erase_due_orders)

An eraser is called with `now` (an aware datetime; tests move it) and returns one line saying
what it erased. Each app's eraser is its own: a failure in one does not stop the others, and the
job ends in error afterwards so that a scheduler notices. What goes when is in the README's
privacy section and the public privacy notice.
"""

import logging

from django.utils import timezone

logger = logging.getLogger(__name__)

_erasers = {}


def register(name, eraser):
    """Run `eraser(now) -> str` in the daily job, under `name` (registering a name again replaces it)."""
    _erasers[name] = eraser


class ErasureFailed(Exception):
    """One or more erasers raised; the others ran. The args name the ones that failed."""


def erase_old_personal_data(now=None):
    """Run every registered eraser; returns [(name, what it said)]. Raises ErasureFailed after all have run."""
    now = now or timezone.now()
    done, failed = [], []
    for name, eraser in _erasers.items():
        try:
            done.append((name, eraser(now)))
        except Exception:
            logger.exception("Erasing personal data failed: %s", name)
            failed.append(name)
    if failed:
        raise ErasureFailed(*failed)
    return done
