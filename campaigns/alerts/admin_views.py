"""Reports → Figure alerts: how many people get each provider's (and England's) alerts.

Everyone who can use the admin sees the counts, never an address. The addresses of one provider's
subscribers are shown only to those with "Can see the email addresses of figure alert subscribers", which
the Campaigns team alone is given (migration figure_alerts 0002).
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from campaigns.figures.metrics import ENGLAND_CODE
from campaigns.figures.records import Provider

from .models import Subscription

ADDRESSES_PERMISSION = "figure_alerts.view_subscriber_addresses"


def counts():
    """[{code, name, confirmed, waiting}], England first, then by provider name."""
    rows = list(
        Subscription.objects.values("code")
        .annotate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            waiting=Count("pk", filter=Q(confirmed_at__isnull=True)),
        )
        .order_by("code")
    )
    names = {
        provider.ods_code: provider.display_name
        for provider in Provider.objects.filter(ods_code__in=[row["code"] for row in rows])
    }
    for row in rows:
        row["name"] = "England" if row["code"] == ENGLAND_CODE else names.get(row["code"], row["code"])
    return sorted(rows, key=lambda row: (row["code"] != ENGLAND_CODE, row["name"].lower()))


class FigureAlertsReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "alerts/admin/report.html"
    page_title = "Figure alerts"
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_see = self.request.user.has_perm(ADDRESSES_PERMISSION)
        context["rows"] = counts()
        context["can_see_addresses"] = can_see
        return context


class FigureAlertAddressesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "alerts/admin/addresses.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ADDRESSES_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Figure alerts: {self.kwargs['code']}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subscriptions"] = Subscription.objects.filter(code=self.kwargs["code"]).order_by("email")
        context["code"] = self.kwargs["code"]
        return context


def admin_urls():
    return [
        path("reports/figure-alerts/", FigureAlertsReportView.as_view(), name="figure_alerts_report"),
        path(
            "reports/figure-alerts/<str:code>/",
            FigureAlertAddressesView.as_view(),
            name="figure_alerts_addresses",
        ),
    ]


def report_menu_item():
    return MenuItem("Figure alerts", reverse("figure_alerts_report"), icon_name="mail", order=750)


def addresses_permission():
    app_label, codename = ADDRESSES_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
