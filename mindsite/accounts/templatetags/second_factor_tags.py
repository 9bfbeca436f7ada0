"""Tags for the two-step verification pages (templates/wagtail_2fa/)."""

from base64 import b32encode

from django import template

from mindsite.accounts.second_factor import recovery_device

register = template.Library()


@register.simple_tag
def authenticator_key(device):
    """The device's secret as an authenticator app asks for it when typed in: base32, in groups of four."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@register.simple_tag
def recovery_codes_left(user):
    device = recovery_device(user)
    return device.codes.count() if device else 0
