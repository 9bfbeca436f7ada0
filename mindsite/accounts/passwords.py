"""Password rules beyond Django's own."""

import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

# Words anyone would try first against this site's admin.
SITE_WORDS = frozenset({"mind", "mindcampaigns", "campaign", "campaigns", "restraint", "wagtail", "admin"})
PADDING = string.digits + string.punctuation + string.whitespace


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20,000 common passwords, also caught with numbers or symbols added.

    "Summer2026!" is "summer" with a year and a mark added, and guessers try exactly that.
    """

    def validate(self, password, user=None):
        super().validate(password, user)
        word = password.lower().strip(PADDING)
        if word in self.passwords or word in SITE_WORDS:
            raise ValidationError(
                "This password is a common word with numbers or symbols added. "
                "Choose something harder to guess, such as three random words.",
                code="password_too_common",
            )

    def get_help_text(self):
        return "Your password cannot be a commonly used password, even with numbers or symbols added."
