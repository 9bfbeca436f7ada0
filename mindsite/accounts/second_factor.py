"""Two-step verification for the admin: the code step of signing in, and recovery codes.

wagtail-2fa sends everyone who can use the admin here after their password, and to its
enrolment page (an authenticator app: scan a QR code, type a code back) if they have no
device yet. Its own code form no longer works with django-otp 1.7.1 and later, which
verifies a code only against a device the form names (wagtail-2fa issue #284), so this
module's form names it: the authenticator app for a 6-digit code, the recovery codes for
anything else. Recovery codes are each good once.

The devices are this site's own models (mindsite/accounts/models.py: the authenticator key
encrypted, recovery codes only as hashes), so wagtail-2fa's device pages, which use django-otp's
TOTPDevice, are answered by this module's subclasses of them (mindsite/accounts/urls.py).
"""

import re
import secrets
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_2fa import forms as wagtail_2fa_forms
from wagtail_2fa import views as wagtail_2fa_views
from wagtail_2fa.mixins import OtpRequiredMixin

from mindsite.accounts.models import AuthenticatorApp, RecoveryCodes

AUTHENTICATOR_CODE = re.compile(r"\d{6}")
RECOVERY_DEVICE_NAME = "Recovery codes"


def normalise_code(code):
    """People copy codes with spaces or hyphens, and type recovery codes in capitals."""
    return re.sub(r"[\s-]", "", code or "").lower()


def recovery_device(user):
    """The user's set of recovery codes, if they have made one."""
    return RecoveryCodes.objects.filter(user=user, confirmed=True).order_by("pk").first()


def new_recovery_code():
    """8 characters of base32 (40 random bits), as django-otp's StaticToken.random_token makes them."""
    return b32encode(secrets.token_bytes(5)).decode("ascii").lower()


def unconfirmed_authenticator(user):
    """The authenticator app being set up (wagtail-2fa's get_unconfirmed_device, for this site's model)."""
    return AuthenticatorApp.objects.devices_for_user(user, confirmed=False).first()


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
        self.authenticators = list(AuthenticatorApp.objects.devices_for_user(user, confirmed=True).order_by("pk"))
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
        if isinstance(device, RecoveryCodes):
            left = device.codes.count()
            messages.warning(
                self.request,
                f"You signed in with a recovery code. You have {left} left: make new ones on "
                "the recovery codes page, and set up your authenticator app again if you have lost it.",
            )
            return redirect("mindsite_recovery_codes")
        return response


class AuthenticatorAppForm(wagtail_2fa_forms.DeviceForm):
    """wagtail-2fa's form for naming (and, when new, confirming) an authenticator app."""

    class Meta(wagtail_2fa_forms.DeviceForm.Meta):
        model = AuthenticatorApp

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "otp_token" in self.fields:
            # wagtail-2fa autofocuses the code field, which sits below the QR code and the steps: the
            # page opened scrolled past its own heading and instructions. The form's fields are the
            # first things in the page's content a keyboard user reaches (after "Skip to main content").
            self.fields["otp_token"].widget.attrs.pop("autofocus", None)
            self.fields["otp_token"].widget.attrs["autocomplete"] = "one-time-code"


class DeviceListView(wagtail_2fa_views.DeviceListView):
    """wagtail-2fa's list of someone's authenticator apps (who may see it: wagtail-2fa's rule)."""

    def get_queryset(self):
        return AuthenticatorApp.objects.devices_for_user(self.kwargs["user_id"], confirmed=True)


class DeviceCreateView(wagtail_2fa_views.DeviceCreateView):
    """wagtail-2fa's setting up of an authenticator app: a new key on each visit, kept once confirmed."""

    form_class = AuthenticatorAppForm

    @cached_property
    def device(self):
        if self.request.method.lower() == "get":
            AuthenticatorApp.objects.devices_for_user(self.request.user, confirmed=False).delete()
            count = AuthenticatorApp.objects.filter(user=self.request.user).count()
            return AuthenticatorApp.objects.create(user=self.request.user, name=f"Device #{count + 1}", confirmed=False)
        return unconfirmed_authenticator(self.request.user)

    def post(self, request, *args, **kwargs):
        # No set-up under way (finished in another tab, or the form sent again): start a new one,
        # rather than check the code against a key no app has (wagtail-2fa's own view fails with a 500).
        if self.device is None:
            messages.warning(request, "That set-up had already ended. Scan this new QR code, then enter its code.")
            return redirect("wagtail_2fa_device_new")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        form.save()
        AuthenticatorApp.objects.devices_for_user(self.request.user, confirmed=False).delete()
        if not self.request.user.is_verified():
            otp_login(self.request, form.instance)
        messages.success(
            self.request,
            f"Two-step verification is set up with “{form.instance.name}”. "
            "From now on, signing in asks for your password and a code from the app.",
        )
        return HttpResponseRedirect(self.get_success_url())


class DeviceUpdateView(wagtail_2fa_views.DeviceUpdateView):
    """wagtail-2fa's renaming of one's own authenticator app."""

    form_class = AuthenticatorAppForm

    def get_queryset(self):
        return AuthenticatorApp.objects.devices_for_user(self.request.user, confirmed=True)


class RemoveDeviceView(wagtail_2fa_views.DeviceDeleteView):
    """wagtail-2fa's "Remove": one's own app, or anyone's for those who may manage users; 404 for none."""

    def get_queryset(self):
        device = get_object_or_404(AuthenticatorApp, **self.kwargs)
        return AuthenticatorApp.objects.devices_for_user(device.user, confirmed=True)

    def dispatch(self, request, *args, **kwargs):
        device = get_object_or_404(AuthenticatorApp, pk=kwargs["pk"])
        # wagtail-2fa's own rule, word for word ("user.change_user": in effect, superusers).
        if device.user_id != request.user.pk and not request.user.has_perm("user.change_user"):
            raise PermissionDenied
        # Past wagtail-2fa's dispatch, which looks the device up in django-otp's table: to its
        # OtpRequiredMixin (verified users only), then Django's DeleteView.
        return super(wagtail_2fa_views.DeviceDeleteView, self).dispatch(request, *args, **kwargs)


class DeviceQRCodeView(wagtail_2fa_views.DeviceQRCodeView):
    """wagtail-2fa's QR code of the app being set up, with a 404 (not its 500) when none is."""

    def get(self, request):
        device = unconfirmed_authenticator(request.user)
        if device is None:
            raise Http404("No authenticator app is being set up.")
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgFillImage)
        response = HttpResponse(content_type="image/svg+xml")
        image.save(response)
        return response


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
            codes_left=device.codes.count() if device else 0,
            code_count=settings.ADMIN_RECOVERY_CODE_COUNT,
            **kwargs,
        )

    def post(self, request):
        device = recovery_device(request.user)
        if device is None:
            device = RecoveryCodes.objects.create(user=request.user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        # The same device keeps its id: a session verified with a recovery code stays verified.
        # The codes are shown this once; only their hashes are kept.
        codes = [new_recovery_code() for _ in range(settings.ADMIN_RECOVERY_CODE_COUNT)]
        device.replace_codes(codes)
        response = render(request, self.template_name, self.get_context_data(new_codes=codes))
        add_never_cache_headers(response)
        return response


def forget_recovery_codes_with_the_last_authenticator(sender, instance, **kwargs):
    """Removing someone's last authenticator app resets their two-step verification completely.

    They set it up again from the start at their next sign-in, which is how a superuser helps
    someone who has lost their phone. Recovery codes alone would leave them unable to enrol again.
    """
    if not AuthenticatorApp.objects.filter(user_id=instance.user_id, confirmed=True).exists():
        RecoveryCodes.objects.filter(user_id=instance.user_id).delete()
