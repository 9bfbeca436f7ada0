"""Who gets into the admin, and what they see there.

Sign-in lockout (django-axes), password rules, two-step verification (wagtail-2fa on
django-otp) with recovery codes, and bulk actions that list nothing to people who may
not act on it. README: "Getting into the admin".
"""
