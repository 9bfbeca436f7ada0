"""The campaigns team's view of printed-copy orders in the Wagtail admin ("Print orders")."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import classproperty
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from campaigns.orders.models import PrintOrder
from guides.models import GuidePage
from mindsite.mail_queue import stuck_messages

# Characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def can_see_orders(user):
    return user.has_perm("orders.view_printorder") or user.has_perm("orders.change_printorder")


class PrintOrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=PrintOrder.Status.choices, empty_label="Any status")
    guide = django_filters.ModelChoiceFilter(
        label="Guide",
        field_name="items__guide",
        queryset=lambda request: GuidePage.objects.order_by("path"),
        distinct=True,
    )
    created_at = django_filters.DateFromToRangeFilter(label="Ordered", widget=DateRangePickerWidget)

    class Meta:
        model = PrintOrder
        fields = []


class PrintOrderIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("items")

    def get_edit_url(self, instance):
        # None here makes the reference open the order's page (with its Edit link), not the edit form.
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stuck_mail"] = stuck_messages()
        return context

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # A name like "=HYPERLINK(...)" must not run as a formula in the mailing house's spreadsheet,
        # whether it opens the CSV or the XLSX (openpyxl writes "=..." strings as formulas).
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value


class PrintOrderInspectView(InspectView):
    def get_items_summary_display_value(self):
        return self.object.items_summary() or "-"

    def get_status_changed_by_display_value(self):
        user = self.object.status_changed_by
        return (user.get_full_name() or user.get_username()) if user else "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change_status"] = self.object.status == PrintOrder.Status.NEW and self.user_has_permission(
            "change"
        )
        context["status_url"] = reverse("wagtailsnippets_orders_printorder:status", args=[self.object.pk])
        return context


class PrintOrderViewSet(SnippetViewSet):
    model = PrintOrder
    icon = "mail"
    menu_label = "Print orders"
    menu_name = "print-orders"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = PrintOrderIndexView
    inspect_view_class = PrintOrderInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_template_name = "orders/admin/print_order_index.html"
    inspect_template_name = "orders/admin/print_order_inspect.html"
    list_display = ["reference", "full_name", "items_summary", "postcode", "status", "created_at"]
    list_per_page = 50
    filterset_class = PrintOrderFilterSet
    search_fields = ["reference", "full_name", "postcode"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_export = [
        "reference",
        "created_at",
        "status",
        "items_summary",
        "total_copies",
        "full_name",
        "organisation",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "email",
        "purpose",
    ]
    export_headings = {"created_at": "Ordered", "items_summary": "Copies", "total_copies": "Total copies"}
    export_filename = "print-orders"
    inspect_view_fields = [
        "reference",
        "status",
        "status_changed_at",
        "status_changed_by",
        "created_at",
        "items_summary",
        "full_name",
        "email",
        "organisation",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "postcode_district",
        "purpose",
        "wants_updates",
        "personal_data_erased_at",
    ]

    def register_chooser_viewset(self):
        # Nothing chooses an order, and a chooser would list them to every editor.
        pass

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("status/<int:pk>/", self.status_view, name="status")]

    @property
    def status_view(self):
        @require_POST
        def change_status(request, pk):
            if not self.permission_policy.user_has_permission(request.user, "change"):
                raise PermissionDenied
            order = get_object_or_404(PrintOrder, pk=pk)
            status = request.POST.get("status")
            if order.set_status(status, request.user):
                messages.success(request, f"Order {order.reference} marked {order.get_status_display().lower()}.")
            else:
                messages.error(request, f"Order {order.reference} is already {order.get_status_display().lower()}.")
            return redirect(self.get_url_name("inspect"), pk=order.pk)

        return change_status


class MarkDispatchedBulkAction(SnippetBulkAction):
    display_name = "Mark dispatched"
    action_type = "mark_dispatched"
    aria_label = "Mark the selected orders dispatched"
    template_name = "orders/admin/confirm_bulk_mark_dispatched.html"
    action_priority = 10

    @classproperty
    def models(cls):
        return [PrintOrder]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("orders.change_printorder"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, order):
        return self.request.user.has_perm("orders.change_printorder") and order.status == PrintOrder.Status.NEW

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        now = timezone.now()
        return sum(order.set_status(PrintOrder.Status.DISPATCHED, user, now) for order in objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects == 1:
            return "1 order marked dispatched."
        return f"{num_parent_objects} orders marked dispatched."
