"""Two-step verification for the admin: the code step of signing in, and recovery codes.

wagtail-2fa sends everyone who can use the admin here after their password, and to its
enrolment page (an authenticator app: scan a QR code, type a code back) if they have no
device yet. Its own code form no longer works with django-otp 1.7.1 and later, which
verifies a code only against a device the form names (wagtail-2fa issue #284), so this
module's form names it: the authenticator app for a 6-digit code, the recovery codes for
anything else. Recovery codes are django-otp's static tokens, each good once.
"""

import re

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.generic import TemplateView
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_2fa import views as wagtail_2fa_views
from wagtail_2fa.mixins import OtpRequiredMixin
from wagtail_2fa.utils import get_unconfirmed_device

AUTHENTICATOR_CODE = re.compile(r"\d{6}")
RECOVERY_DEVICE_NAME = "Recovery codes"


def normalise_code(code):
    """People copy codes with spaces or hyphens, and type recovery codes in capitals."""
    return re.sub(r"[\s-]", "", code or "").lower()


def recovery_device(user):
    """The user's recovery codes (one django-otp static device, as `manage.py addstatictoken` uses)."""
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


class SecondFactorForm(OTPAuthenticationFormMixin, forms.Form):
    otp_token = forms.CharField(
        label="Code",
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false", "autofocus": True}
        ),
    )

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Enter the code from your authenticator app",
        "invalid_token": "That code is not right. Enter the code your app shows now, or a recovery code "
        "you have not used before",
        "n_failed_attempts": "Too many wrong codes. Wait a minute, then enter the code your app shows",
        "verification_not_allowed": "Too many wrong codes. Wait a minute, then try again",
        "device_required": "That code is not right. Enter the 6-digit code from your authenticator app",
    }

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.authenticators = list(TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk"))
        if len(self.authenticators) > 1:
            # Naming the device means a code is checked once, and a wrong guess slows only that device.
            self.fields["otp_device"] = forms.ChoiceField(
                label="Which authenticator app?",
                choices=[(device.persistent_id, device.name) for device in self.authenticators],
            )
            self.order_fields(["otp_device", "otp_token"])

    def clean(self):
        cleaned_data = super().clean()
        code = normalise_code(cleaned_data.get("otp_token"))
        if not code:
            return cleaned_data
        cleaned_data["otp_token"] = code
        if not AUTHENTICATOR_CODE.fullmatch(code):
            device = recovery_device(self.user)
            cleaned_data["otp_device"] = device.persistent_id if device else None
        elif len(self.authenticators) == 1:
            cleaned_data["otp_device"] = self.authenticators[0].persistent_id
        try:
            self.clean_otp(self.user)
        except forms.ValidationError as error:
            self.add_error("otp_token", error)
        return cleaned_data


class SecondFactorView(wagtail_2fa_views.LoginView):
    """The code step of signing in (served at wagtail-2fa's address, so its middleware lets people reach it)."""

    form_class = SecondFactorForm
    template_name = "accounts/second_factor.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        if not user_has_device(request.user, confirmed=True):
            return redirect("wagtail_2fa_device_new")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(issuer=settings.OTP_TOTP_ISSUER, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        device = self.request.user.otp_device
        if isinstance(device, StaticDevice):
            left = device.token_set.count()
            messages.warning(
                self.request,
                f"You signed in with a recovery code. You have {left} left: make new ones on "
                "the recovery codes page, and set up your authenticator app again if you have lost it.",
            )
            return redirect("mindsite_recovery_codes")
        return response


class RemoveDeviceView(wagtail_2fa_views.DeviceDeleteView):
    """wagtail-2fa's "Remove", with a 404 (not its 500) for a device that does not exist."""

    def dispatch(self, request, *args, **kwargs):
        get_object_or_404(TOTPDevice, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class DeviceQRCodeView(wagtail_2fa_views.DeviceQRCodeView):
    """wagtail-2fa's QR code, with a 404 (not its 500) when no set-up is under way."""

    def get(self, request):
        if get_unconfirmed_device(request.user) is None:
            raise Http404("No authenticator app is being set up.")
        return super().get(request)


class RecoveryCodesView(OtpRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """How many recovery codes are left, and a button to make a new set (shown once, then never again)."""

    template_name = "accounts/recovery_codes.html"
    page_title = "Recovery codes"
    header_icon = "key"
    # No breadcrumbs: the page's own heading, as on the other two-step verification pages.
    breadcrumbs_items = []

    def get_context_data(self, **kwargs):
        device = recovery_device(self.request.user)
        return super().get_context_data(
            codes_left=device.token_set.count() if device else 0,
            code_count=settings.ADMIN_RECOVERY_CODE_COUNT,
            **kwargs,
        )

    def post(self, request):
        device = recovery_device(request.user)
        if device is None:
            device = StaticDevice.objects.create(user=request.user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        # The same device keeps its id: a session verified with a recovery code stays verified.
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(settings.ADMIN_RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        response = render(request, self.template_name, self.get_context_data(new_codes=codes))
        add_never_cache_headers(response)
        return response


def forget_recovery_codes_with_the_last_authenticator(sender, instance, **kwargs):
    """Removing someone's last authenticator app resets their two-step verification completely.

    They set it up again from the start at their next sign-in, which is how a superuser helps
    someone who has lost their phone. Recovery codes alone would leave them unable to enrol again.
    """
    if not TOTPDevice.objects.filter(user_id=instance.user_id, confirmed=True).exists():
        StaticDevice.objects.filter(user_id=instance.user_id).delete()
