"""The second factors, with their secrets kept out of the database's plain text (otp_secrets.py).

django-otp's own TOTPDevice and StaticToken keep the authenticator key and the recovery codes as
they are, readable in any dump or backup, and django-otp has no hook to change that (its issues
#67 and #68 are open). These models implement django-otp's Device API themselves, so django-otp's
sign-in, session and throttling work with them unchanged; migration 0002 moved the old rows here.
"""

import time
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP
from django_otp.util import random_hex

from mindsite.accounts import otp_secrets


def new_encrypted_key():
    """A new random 20-byte key (django-otp's default), encrypted."""
    return otp_secrets.encrypt(random_hex(20))


class AuthenticatorApp(TimestampMixin, ThrottlingMixin, Device):
    """An authenticator app (TOTP, RFC 6238): django-otp's TOTPDevice, with its key encrypted.

    `key` is the hex key, as on TOTPDevice; only `encrypted_key` is stored.
    """

    encrypted_key = models.TextField(default=new_encrypted_key, editable=False)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    # The time step of the last code accepted: a code is accepted once.
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = "authenticator app"

    @property
    def key(self):
        return otp_secrets.decrypt(self.encrypted_key)

    @key.setter
    def key(self, value):
        self.encrypted_key = otp_secrets.encrypt(value)
        self.key_changed = True

    def save(self, *args, **kwargs):
        """Writes the encrypted key only when it is new or set anew.

        So a sign-in saving its device (the code's time step, the throttle) never writes back a key
        encrypted with an old key over what `manage.py rotate_otp_key` has just written.
        """
        if self.pk is not None and kwargs.get("update_fields") is None and not getattr(self, "key_changed", False):
            kwargs["update_fields"] = [
                field.name for field in self._meta.concrete_fields if field.name not in ("id", "encrypted_key")
            ]
        super().save(*args, **kwargs)
        self.key_changed = False

    @property
    def bin_key(self):
        return unhexlify(self.key.encode())

    def get_throttle_factor(self):
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    def verify_token(self, token):
        """As django-otp's TOTPDevice.verify_token: throttled, each code once, drift followed."""
        if not self.verify_is_allowed()[0]:
            return False
        try:
            token = int(token)
        except (TypeError, ValueError):
            verified = False
        else:
            totp = TOTP(self.bin_key, self.step, self.t0, self.digits, self.drift)
            totp.time = time.time()
            verified = totp.verify(token, self.tolerance, self.last_t + 1)
            if verified:
                self.last_t = totp.t()
                if getattr(settings, "OTP_TOTP_SYNC", True):
                    self.drift = totp.drift
                self.throttle_reset(commit=False)
                self.set_last_used_timestamp(commit=False)
                self.save()
        if not verified:
            self.throttle_increment(commit=True)
        return verified

    @property
    def config_url(self):
        """The otpauth:// address the QR code holds (the Key Uri Format authenticator apps read)."""
        issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
        label = f"{issuer}:{self.user.get_username()}"
        params = urlencode(
            {"secret": b32encode(self.bin_key), "algorithm": "SHA1", "digits": self.digits, "period": self.step}
        )
        return f"otpauth://totp/{quote(label)}?{params}&issuer={quote(issuer)}"


def recovery_code_iterations():
    return settings.OTP_RECOVERY_CODE_ITERATIONS


class RecoveryCodes(ThrottlingMixin, TimestampMixin, Device):
    """Someone's set of recovery codes, each good once: django-otp's StaticDevice, with codes hashed.

    Every code in the set is hashed with the set's salt, so a typed code is hashed once and looked up.
    """

    salt = models.CharField(max_length=64, default=otp_secrets.new_salt, editable=False)
    iterations = models.PositiveIntegerField(default=recovery_code_iterations, editable=False)

    class Meta(Device.Meta):
        verbose_name = "recovery codes"
        verbose_name_plural = "recovery codes"

    def get_throttle_factor(self):
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def hash(self, code):
        return otp_secrets.hash_recovery_code(code, self.salt, self.iterations)

    def replace_codes(self, codes):
        """A new set: a new salt, the current cost, and only the codes' hashes kept."""
        self.codes.all().delete()
        self.salt = otp_secrets.new_salt()
        self.iterations = recovery_code_iterations()
        self.save(update_fields=["salt", "iterations"])
        RecoveryCode.objects.bulk_create(RecoveryCode(device=self, hashed_code=self.hash(code)) for code in codes)

    def add_code(self, code):
        """One more code in the set (`manage.py add_recovery_code`), hashed like the rest."""
        RecoveryCode.objects.create(device=self, hashed_code=self.hash(code))

    def verify_token(self, token):
        """As django-otp's StaticDevice.verify_token: throttled, and a code is gone once used."""
        if not self.verify_is_allowed()[0]:
            return False
        match = self.codes.filter(hashed_code=self.hash(str(token))).first()
        if match is None:
            self.throttle_increment()
            return False
        match.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodes, related_name="codes", on_delete=models.CASCADE)
    hashed_code = models.CharField(max_length=128, db_index=True)

    def __str__(self):
        return f"A recovery code of {self.device}"
