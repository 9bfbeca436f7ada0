"""Keeping bots off the site's public forms without a CAPTCHA: the rules every form shares.

- A honeypot: a field hidden from people (on screen, from assistive technology and the
  keyboard) that a bot fills in.
- A "started" token: signed with the time the form was drawn; a form sent back sooner than a
  person could fill it in is a bot's, and so, where the form sets a maximum age, is one sent
  back with a token older than that.
- A per-client hourly count in Django's cache, keyed by a keyed hash of the client's address
  (mindsite/accounts/client_address.py), so the cache never holds the address itself.
- A daily cap per email (or postal) address, counted in the database: the count and the save
  happen in one transaction taken one at a time per address (`one_at_a_time_per_address`), so
  several sent at once cannot all see room under the cap.

Each form says what happens to a caught bot or a client over its limit (the order form in
campaigns/orders/spam.py, "Is this page useful?" in mindsite/feedback/).
"""

import hashlib

from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.utils.crypto import salted_hmac

HONEYPOT_FIELD = "website"
HOUR = 60 * 60


def honeypot_filled(data):
    """Whether the hidden trap field was filled in (only a bot sees it)."""
    return bool(str(data.get(HONEYPOT_FIELD, "")).strip())


class StartedToken:
    """A signed timestamp in a hidden field, saying when the form was drawn; one salt per form."""

    def __init__(self, salt, value):
        self.salt = salt
        self.value = value

    def _signer(self):
        return signing.TimestampSigner(salt=self.salt)

    def make(self):
        return self._signer().sign(self.value)

    def is_valid(self, token):
        try:
            self._signer().unsign(token or "")
        except signing.BadSignature:
            return False
        return True

    def sent_too_fast(self, token, min_seconds, max_seconds=None):
        """True if the token is missing, forged, or younger than min_seconds: not a person's.

        Given max_seconds, a token older than that is refused too, so a token copied once from a
        page cannot be replayed for ever. (It should outlast every cache a page with the form sits in.)
        """
        signer = self._signer()
        try:
            signer.unsign(token or "", max_age=max_seconds)
        except signing.BadSignature:
            # Forged, missing or (SignatureExpired, a BadSignature) older than max_seconds.
            return True
        try:
            signer.unsign(token, max_age=min_seconds)
        except signing.SignatureExpired:
            return False
        # Still "fresh" by min_seconds: sent back too quickly for a person.
        return min_seconds > 0


class HourlyCount:
    """One client's submissions of one form this hour, counted in the shared cache."""

    def __init__(self, name, hash_salt):
        self.name = name
        self.hash_salt = hash_salt

    def key(self, address):
        # A keyed hash: the cache never holds the address itself.
        digest = salted_hmac(self.hash_salt, address, algorithm="sha256").hexdigest()
        return f"{self.name}:{digest[:32]}"

    def add_one(self, address):
        """Count one more submission from this address this hour; return the hour's count."""
        key = self.key(address)
        cache.add(key, 0, timeout=HOUR)
        try:
            # incr is atomic in every shared cache, so simultaneous submissions each get their own count.
            return cache.incr(key)
        except ValueError:
            # Expired between add() and incr().
            cache.set(key, 1, timeout=HOUR)
            return 1

    def give_back(self, address):
        """Uncount a submission that did not happen after all."""
        try:
            cache.decr(self.key(address))
        except ValueError:
            # The hour's count has expired meanwhile: nothing to give back.
            pass


def one_at_a_time_per_address(*addresses):
    """Inside a transaction: wait until no other transaction holds any of these addresses.

    Each address is a (kind, value) pair, such as ("story-email", "a@example.org"). On PostgreSQL
    this takes a transaction-level advisory lock per address, released when the transaction ends.
    SQLite needs none: its transactions begin IMMEDIATE (settings: DATABASES OPTIONS), so each one
    already holds the database's only write lock from its first statement.
    """
    if connection.vendor != "postgresql":
        return
    keys = sorted({_lock_key(kind, value) for kind, value in addresses})
    with connection.cursor() as cursor:
        # Always in the same order, so two transactions sharing two addresses cannot deadlock.
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _lock_key(kind, value):
    """A stable signed 64-bit number for an address, as pg_advisory_xact_lock takes.

    Folded harder than a cap's case-insensitive match, so two addresses it counts as one always
    share a lock.
    """
    folded = " ".join(value.split()).casefold()
    digest = hashlib.blake2b(f"{kind}:{folded}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
