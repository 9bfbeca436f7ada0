"""The data editor's upload: choose NHS England's file, see what it would change, then confirm."""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .import_report import describe_import, month_label
from .importer import (
    AlreadyImported,
    FigureFileError,
    earlier_import,
    file_checksum,
    import_figures,
    preview_figures,
)
from .records import FigureImport

PERMISSION = "restraint_figures.import_restraint_data"
# Between the preview and the confirm, the file waits here under its checksum: in the media storage,
# so whichever web process (or machine) takes the confirm can read it.
# A file that waits over a day was never confirmed: delete_abandoned_figure_uploads deletes it.
WAITING_FOLDER = "restraint-figure-imports"
WAITING = WAITING_FOLDER + "/{sha256}.csv"
SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_BYTES = 200 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label="NHS England's restrictive interventions file (the zip as downloaded, or the CSV)",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,.csv,application/zip,text/csv"}),
        help_text=(
            "The monthly 'MHSDS … Restrictive Interventions' CSV, as downloaded. Nothing changes until you confirm. "
            "A file previewed but not confirmed is deleted after a day: then choose it again."
        ),
    )
    source_url = forms.URLField(
        label="Where you downloaded it from (optional)",
        required=False,
        assume_scheme="https",
        help_text="The address of NHS England's page or file, so others can find it again.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("This file is over 200 MB: it cannot be NHS England's monthly file.")
        return upload


class ConfirmForm(forms.Form):
    sha256 = forms.RegexField(regex=SHA256, widget=forms.HiddenInput)
    file_name = forms.CharField(max_length=255, widget=forms.HiddenInput)
    source_url = forms.URLField(required=False, assume_scheme="https", widget=forms.HiddenInput)


class FigureImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "figures/admin/import.html"
    form_class = UploadForm
    page_title = "Import restraint figures"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_imports"] = FigureImport.objects.select_related("user")[:10]
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(ConfirmForm(request.POST))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            preview = preview_figures(upload.file, upload.name)
        except (AlreadyImported, FigureFileError) as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        waiting = WAITING.format(sha256=preview.sha256)
        # Kept afresh at each preview: delete_abandoned_figure_uploads deletes what has waited over a day.
        default_storage.delete(waiting)
        upload.file.seek(0)
        default_storage.save(waiting, upload.file)
        confirm = ConfirmForm(
            initial={"sha256": preview.sha256, "file_name": upload.name, "source_url": form.cleaned_data["source_url"]}
        )
        return self.render_to_response(
            self.get_context_data(form=form, preview=preview, confirm_form=confirm, months=preview_months(preview))
        )

    def confirm(self, confirm):
        # Whatever stops a confirm is said at the top of the upload page it returns to (the confirm has no fields).
        if not confirm.is_valid():
            messages.error(self.request, "Something went wrong with that preview: choose the file again.")
            return redirect("restraint_figures_import")
        sha256 = confirm.cleaned_data["sha256"]
        waiting = WAITING.format(sha256=sha256)
        try:
            try:
                stored = default_storage.open(waiting, "rb")
            except FileNotFoundError:
                # Imported by a confirm a moment ago (a double click, or another editor), or never confirmed
                # and deleted after a day.
                earlier = earlier_import(sha256)
                if earlier is not None:
                    raise AlreadyImported(earlier) from None
                messages.error(self.request, "That preview has expired. Choose the file again.")
                return redirect("restraint_figures_import")
            with stored:
                if file_checksum(stored) != sha256:
                    raise FigureFileError("The file kept for the preview has changed. Choose the file again.")
                record = import_figures(
                    stored,
                    confirm.cleaned_data["file_name"],
                    source_url=confirm.cleaned_data["source_url"],
                    user=self.request.user,
                )
        except (AlreadyImported, FigureFileError) as error:
            messages.error(self.request, str(error))
            return redirect("restraint_figures_import")
        finally:
            default_storage.delete(waiting)
        messages.success(self.request, " ".join(describe_import(record)[:1]))
        return redirect("restraint_figures_import")


def preview_months(preview):
    return [
        ("Months added", [month_label(label) for label in preview.months_added]),
        (
            "Months replaced (their stored figures are replaced entirely)",
            [month_label(label) for label in preview.months_replaced],
        ),
        (
            "Months left as they are (a more final status is stored)",
            [month_label(label) for label in preview.months_kept],
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def admin_urls():
    return [path("restraint-figures/import/", FigureImportView.as_view(), name="restraint_figures_import")]


def menu_item():
    return ImportMenuItem(
        "Import restraint figures", reverse("restraint_figures_import"), icon_name="upload", order=900
    )


def import_permission():
    app_label, codename = PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
