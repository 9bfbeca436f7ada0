"""The second factors' secrets, kept so that a copy of the database alone cannot sign anyone in.

An authenticator app's key is encrypted (Fernet: AES with an HMAC) with a key that lives outside the
database, OTP_ENCRYPTION_KEY. It may name several keys, separated by commas: the first encrypts,
every one decrypts, so a new key is put first, `manage.py rotate_otp_key` encrypts everything
with it again, and the old one is then dropped (docs/operations.md).

Recovery codes are never stored, only a slow salted hash of each (PBKDF2-SHA256): a code is
checked by hashing what was typed, once, with its set's salt.
"""

import functools
import hashlib
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

HOW_TO_MAKE_A_KEY = (
    'Make one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


def check_keys(keys):
    """The keys as Fernet objects, or ImproperlyConfigured saying what is wrong (never the key itself)."""
    if not keys:
        raise ImproperlyConfigured(
            "Set OTP_ENCRYPTION_KEY: it encrypts the authenticator apps' keys in the database, and "
            f"production will not start without it. {HOW_TO_MAKE_A_KEY}"
        )
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except ValueError:
            raise ImproperlyConfigured(
                f"OTP_ENCRYPTION_KEY: key {position} of {len(keys)} is not a Fernet key (32 bytes in "
                f"URL-safe base64, 44 characters). {HOW_TO_MAKE_A_KEY}"
            ) from None
    return fernets


@functools.lru_cache(maxsize=4)
def _multi_fernet(keys):
    return MultiFernet(check_keys(keys))


def fernet():
    return _multi_fernet(tuple(settings.OTP_ENCRYPTION_KEYS))


def encrypt(text):
    return fernet().encrypt(text.encode()).decode()


def decrypt(token):
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "An authenticator app's key cannot be decrypted with any key in OTP_ENCRYPTION_KEY: "
            "was the key it was encrypted with dropped before `manage.py rotate_otp_key` ran?"
        ) from None


def encrypt_again(token):
    """The same secret, encrypted with the first key (what rotation does to each stored key)."""
    return fernet().rotate(token.encode()).decode()


def new_salt():
    return secrets.token_hex(16)


def hash_recovery_code(code, salt, iterations):
    return hashlib.pbkdf2_hmac("sha256", code.encode(), salt.encode(), iterations).hex()
