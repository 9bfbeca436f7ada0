"""The signed links in the emails: one to confirm a sign-up, one to unsubscribe.

Each signs the subscription's id and its secret (a random value kept with it), so a link names exactly one
sign-up and never works for another made later, even one given the same id.
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare

from .models import Subscription

CONFIRM = "figure-alerts.confirm"
UNSUBSCRIBE = "figure-alerts.unsubscribe"


def make(subscription, salt):
    return signing.dumps([subscription.pk, subscription.secret], salt=salt)


def read(token, salt, max_age=None):
    """The subscription the token names, or None: forged, mangled, expired or already erased."""
    try:
        pk, secret = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None or not constant_time_compare(subscription.secret, str(secret)):
        return None
    return subscription


def confirm_max_age():
    return settings.ALERT_UNCONFIRMED_DAYS * 24 * 60 * 60
