"""The campaigns team's view of printed-copy orders in the Wagtail admin ("Print orders")."""

import codecs
import csv
from collections import Counter
from io import BytesIO
from zoneinfo import ZoneInfo

import django_filters
from django.contrib import messages as django_messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.functional import cached_property, classproperty
from django.utils.text import capfirst
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import BooleanRadioSelect, Button
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Site
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from campaigns.orders.delivery import delivery_problems, filter_delivery_failed, mail_summary, with_mail_outcomes
from campaigns.orders.forms import TeamOrderForm
from campaigns.orders.models import PERSONAL_DATA_FIELDS, PrintOrder, PrintOrderItem, printed_copies
from campaigns.orders.placing import place_order, release_held_order
from campaigns.orders.views import printed_guides
from guides.models import GuidePage
from mindsite.mail.admin_views import mail_problems_context
from mindsite.ops.spreadsheets import guard_formula

# The team and the mailing house are in the UK, whatever time zone an admin user has chosen.
EXPORT_TIME_ZONE = ZoneInfo("Europe/London")
EXPORT_DATE_FORMAT = "%Y-%m-%d %H:%M"
# Order facts in the export, then one column per guide, the total, and the personal data.
EXPORT_FACTS = ["reference", "created_at", "status", "source"]
EXPORT_HEADINGS = {"created_at": "Ordered", "total_copies": "Total copies", "wants_updates": "Updates opt-in"}
EXPORT_FILENAME = "print-orders"
# The list's columns a reader can sort by, which the export follows; else newest first.
EXPORT_ORDERINGS = {"reference", "full_name", "postcode", "created_at"}
SEARCH_FIELDS = ["reference", "full_name", "postcode"]
DETAIL_DATE_FORMAT = "j F Y, H:i"
STATUS_URL_NAME = "wagtailsnippets_orders_printorder:status"
INSPECT_URL_NAME = "wagtailsnippets_orders_printorder:inspect"


# A column class of ours (static/css/orders-admin.css) for what reads wrongly broken over two lines.
NO_WRAP = "print-orders-nowrap"


def personal_value(order, name):
    """A personal detail for the list: 'Erased' once the order's personal data is, 'Not given' if left blank."""
    if order.is_erased:
        return "Erased"
    return getattr(order, name) or "Not given"


def user_name(user):
    return (user.get_full_name() or user.get_username()) if user else "-"


class PrintOrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=PrintOrder.Status.choices, empty_label="Any status")
    source = django_filters.ChoiceFilter(label="Received by", choices=PrintOrder.Source.choices, empty_label="Any way")
    guide = django_filters.ModelChoiceFilter(
        label="Guide",
        field_name="items__guide",
        queryset=lambda request: GuidePage.objects.order_by("path"),
        distinct=True,
    )
    wants_updates = django_filters.BooleanFilter(label="Updates opt-in", widget=BooleanRadioSelect)
    mail = django_filters.BooleanFilter(
        label="Mail not delivered", method=filter_delivery_failed, widget=BooleanRadioSelect
    )
    created_at = django_filters.DateFromToRangeFilter(label="Ordered", widget=DateRangePickerWidget)

    class Meta:
        model = PrintOrder
        fields = []


class PrintOrderIndexView(IndexView):
    # The list's own class, so static/css/orders-admin.css keeps its references on one line.
    table_classname = "listing print-orders-list"

    def get_base_queryset(self):
        return with_mail_outcomes(super().get_base_queryset().prefetch_related("items"))

    def get_edit_url(self, instance):
        # None here makes the reference open the order's page (with its Edit link), not the edit form.
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(mail_problems_context(self.request.user))
        # The export of what the list shows: the same filters, search and sorting, without the page number.
        query = self.request.GET.copy()
        query.pop("p", None)
        export_url = reverse("wagtailsnippets_orders_printorder:export")
        context["export_urls"] = {}
        for spreadsheet_format in EXPORT_RESPONSES:
            query["format"] = spreadsheet_format
            context["export_urls"][spreadsheet_format] = f"{export_url}?{query.urlencode()}"
        return context


# The export the team hands to a mailing house -------------------------------------------------------
#
# A plain view of ours (PrintOrderViewSet.export_view), not Wagtail's listing export: its columns
# depend on what is exported (one per guide ordered), and Excel needs a byte-order mark to read a CSV
# as UTF-8. It exports what the list shows for the same filters, search and sorting, every page of it;
# the list's results link to it (templates/orders/admin/print_order_index_results.html).


def exported_orders(request):
    """The orders the list shows for the filters, search and sorting in the request, every page of them."""
    orders = PrintOrder.objects.prefetch_related("items")
    filters = PrintOrderFilterSet(request.GET, queryset=orders, request=request)
    if filters.is_valid():  # as the list does, a filter it cannot read is left out
        orders = filters.qs
    query = request.GET.get("q", "").strip()
    if query:  # as the list searches (search_backend_name None): any of the fields contains it
        matches = Q()
        for field in SEARCH_FIELDS:
            matches |= Q(**{f"{field}__icontains": query})
        orders = orders.filter(matches)
    ordering = request.GET.get("ordering", "")
    if ordering.removeprefix("-") not in EXPORT_ORDERINGS:
        ordering = "-created_at"
    return orders.order_by(ordering, "-pk")


def guide_column(guide_id, guide_title):
    # An item whose guide was deleted still has its title.
    return f"guide-{guide_id}" if guide_id else f"guide-titled-{guide_title}"


def export_guide_columns(orders):
    """{column: heading}: every guide in print, then any other guide in the exported orders."""
    columns = {guide_column(guide.pk, guide.title): guide.title for guide in printed_guides()}
    ordered = (
        PrintOrderItem.objects.filter(order__in=orders.order_by().values("pk"))
        .values_list("guide_id", "guide_title")
        .distinct()
    )
    current_titles = dict(
        GuidePage.objects.filter(pk__in={gid for gid, _ in ordered if gid}).values_list("pk", "title")
    )
    others = {}
    for guide_id, guide_title in ordered:
        column = guide_column(guide_id, guide_title)
        if column not in columns:
            others[column] = current_titles.get(guide_id, guide_title)
    columns.update(sorted(others.items(), key=lambda item: item[1].lower()))
    return columns


def export_headings(guide_columns):
    facts = [
        EXPORT_HEADINGS.get(name) or capfirst(PrintOrder._meta.get_field(name).verbose_name) for name in EXPORT_FACTS
    ]
    personal = [
        EXPORT_HEADINGS.get(name) or capfirst(PrintOrder._meta.get_field(name).verbose_name)
        for name in PERSONAL_DATA_FIELDS
    ]
    return [*facts, *guide_columns.values(), EXPORT_HEADINGS["total_copies"], *personal]


def export_value(order, name):
    if name in ("status", "source"):
        return getattr(order, f"get_{name}_display")()
    value = getattr(order, name)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "astimezone"):
        return value.astimezone(EXPORT_TIME_ZONE).strftime(EXPORT_DATE_FORMAT)
    return value


def export_row(order, guide_columns):
    """The order's cells: its facts, its copies of each guide (numbers), their total, and its personal data."""
    copies = Counter()
    for item in order.items.all():
        copies[guide_column(item.guide_id, item.guide_title)] += item.quantity
    return [
        *(export_value(order, name) for name in EXPORT_FACTS),
        *(copies[column] for column in guide_columns),
        sum(copies.values()),
        *(export_value(order, name) for name in PERSONAL_DATA_FIELDS),
    ]


def export_rows(orders):
    """The heading row, then a row an order, each cell a spreadsheet would run as a formula made text."""
    guide_columns = export_guide_columns(orders)
    yield [guard_formula(heading) for heading in export_headings(guide_columns)]
    for order in orders.iterator(chunk_size=500):
        yield [guard_formula(value) for value in export_row(order, guide_columns)]


class Echo:
    """A file that hands back what is written to it, so csv.writer makes each line for a streamed response."""

    def write(self, value):
        return value


def csv_lines(orders):
    writer = csv.writer(Echo())
    # A byte-order mark first, so Excel reads the file as UTF-8 ("Siobhán", not "SiobhÃ¡n").
    yield codecs.BOM_UTF8
    for row in export_rows(orders):
        yield writer.writerow(row).encode("utf-8")


def order_csv_response(orders):
    response = StreamingHttpResponse(csv_lines(orders), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{EXPORT_FILENAME}.csv"'
    return response


def order_xlsx_response(orders):
    from openpyxl import Workbook  # only the export needs it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Print orders")
    for row in export_rows(orders):
        sheet.append(row)
    output = BytesIO()
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=f"{EXPORT_FILENAME}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


EXPORT_RESPONSES = {"csv": order_csv_response, "xlsx": order_xlsx_response}


class PrintOrderInspectView(InspectView):
    labels = {
        "created_at": "Ordered",
        "status_changed_at": "Status last changed",
        "status_changed_by": "Status last changed by",
        "held_reason": "Why it was held",
        "cancelled_reason": "Why it was cancelled",
        "postcode_district": "Postcode district (kept after erasure)",
        "personal_data_erased_at": "Personal data erased",
        "wants_updates": "Updates opt-in",
    }

    def get_fields_context(self):
        fields = self.fields
        if not self.object.held_reason and self.object.status != PrintOrder.Status.HELD:
            fields = [name for name in fields if name != "held_reason"]
        if not self.object.cancelled_reason:
            fields = [name for name in fields if name != "cancelled_reason"]
        return [self.get_context_for_field(name) for name in fields]

    def get_field_label(self, field_name, field):
        return self.labels.get(field_name) or super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if field_name in PERSONAL_DATA_FIELDS and self.object.is_erased:
            return "Erased"
        if value is None:
            return "-"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if hasattr(value, "astimezone"):
            return dateformat.format(timezone.localtime(value), DETAIL_DATE_FORMAT)
        if value == "":
            return "Not given" if field_name in PERSONAL_DATA_FIELDS else "-"
        return value

    def get_items_summary_display_value(self):
        return self.object.items_summary() or "-"

    def get_total_copies_display_value(self):
        return printed_copies(self.object.total_copies())

    def get_status_changed_by_display_value(self):
        return user_name(self.object.status_changed_by)

    def get_entered_by_display_value(self):
        return user_name(self.object.entered_by)

    @cached_property
    def header_more_buttons(self):
        history_url = reverse("wagtailsnippets_orders_printorder:history", args=[self.object.pk])
        return [*super().header_more_buttons, Button("History", url=history_url, icon_name="history", priority=30)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        actions = []
        if self.user_has_permission("change"):
            actions = [
                (action, reverse(STATUS_URL_NAME, args=[order.pk, action]), meta["button"], meta["serious"])
                for action, meta in STATUS_ACTIONS.items()
                if meta["allowed"](order)
            ]
        context["status_actions"] = actions
        context["delivery_problems"] = delivery_problems(order)
        return context


def order_summary_context(order):
    return {"order": order, "total": printed_copies(order.total_copies())}


STATUS_ACTIONS = {
    "dispatched": {
        "allowed": lambda order: order.can_move_to(PrintOrder.Status.DISPATCHED),
        "button": "Mark dispatched",
        "question": "Mark order {reference} dispatched?",
        "confirm": "Yes, mark dispatched",
        "serious": False,
    },
    "cancelled": {
        "allowed": lambda order: order.can_move_to(PrintOrder.Status.CANCELLED),
        "button": "Cancel order",
        "question": "Cancel order {reference}?",
        "confirm": "Yes, cancel the order",
        "serious": True,
    },
    "release": {
        "allowed": lambda order: order.status == PrintOrder.Status.HELD,
        "button": "Release",
        "question": "Release order {reference}?",
        "confirm": "Yes, release it",
        "serious": False,
    },
}


class PrintOrderStatusView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks 'Mark order X dispatched?' (or cancelled, or released) and, on 'Yes', does it."""

    permission_required = "change"
    template_name = "orders/admin/confirm_status_change.html"
    model = None
    index_url_name = None
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in STATUS_ACTIONS:
            raise Http404
        self.action = STATUS_ACTIONS[kwargs["action"]]
        self.order = get_object_or_404(PrintOrder.objects.prefetch_related("items"), pk=kwargs["pk"])

    def get_page_title(self):
        return self.action["question"].format(reference=self.order.reference)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": "Print orders"},
            {"url": reverse(INSPECT_URL_NAME, args=[self.order.pk]), "label": self.order.reference},
            {"url": "", "label": self.action["button"]},
        ]

    def get(self, request, *args, **kwargs):
        if not self.action["allowed"](self.order):
            return self.not_now()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            **order_summary_context(self.order),
            "confirm_label": self.action["confirm"],
            "serious": self.action["serious"],
            "inspect_url": reverse(INSPECT_URL_NAME, args=[self.order.pk]),
        }

    def post(self, request, *args, **kwargs):
        order, user = self.order, request.user
        if self.kwargs["action"] == "release":
            if not release_held_order(order, user):
                return self.not_now()
            log(instance=order, action="orders.release", user=user)
            messages.success(request, f"Order {order.reference} released. Its emails are on their way.")
        else:
            if not order.set_status(self.kwargs["action"], user):
                return self.not_now()
            log(instance=order, action=f"orders.{order.status}", user=user)
            django_messages.success(
                request,
                render_to_string(
                    "orders/admin/includes/status_changed_message.html",
                    {
                        "order": order,
                        "undo_url": reverse("wagtailsnippets_orders_printorder:undo", args=[order.pk]),
                    },
                    request=request,
                ),
            )
        return redirect(INSPECT_URL_NAME, pk=order.pk)

    def not_now(self):
        messages.error(
            self.request,
            f"Order {self.order.reference} is {self.order.get_status_display().lower()}, so this cannot be done now.",
        )
        return redirect(INSPECT_URL_NAME, pk=self.order.pk)


class UndoStatusFormatter(LogFormatter):
    label = "Undo a status change"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        undone = PrintOrder.Status(data["undone"]).label if data.get("undone") else "the change"
        restored = PrintOrder.Status(data["restored"]).label if data.get("restored") else "its previous status"
        return f"Undid '{undone}': back to '{restored}'"


def register_log_actions(actions):
    actions.register_action("orders.dispatched", "Mark dispatched", "Marked dispatched")
    actions.register_action("orders.cancelled", "Cancel order", "Cancelled")
    actions.register_action("orders.release", "Release held order", "Released from review; emails queued")
    actions.register_action(
        "orders.cancelled_unsettled", "Cancel unsettled order", "Cancelled automatically and personal data erased"
    )
    actions.register_action("orders.undo")(UndoStatusFormatter)


class PrintOrderCreateView(CreateView):
    """'Add print order': an order received by phone, email or post, placed like one from the form."""

    page_title = "Add an order received by phone, email or post"
    submit_button_label = "Save order"
    submit_button_active_label = "Saving…"
    error_message = "The order was not saved. Check the messages at the fields."

    def get_page_subtitle(self):
        return self.page_title

    def get_panel(self):
        return None

    def get_form_class(self):
        return TeamOrderForm

    def get_form_kwargs(self):
        kwargs = {"guides": printed_guides(), "initial": self.get_initial(), "prefix": self.get_prefix()}
        if self.request.method in ("POST", "PUT"):
            kwargs["data"] = self.request.POST
        return kwargs

    def save_instance(self):
        data = self.form.cleaned_data
        order = place_order(
            data,
            self.form.quantities(),
            site=Site.find_for_request(self.request),
            source=data["source"],
            entered_by=self.request.user,
            send_confirmation=data["send_confirmation"],
        )
        log(instance=order, action="wagtail.create", user=self.request.user, content_changed=True)
        return order

    def get_success_url(self):
        return reverse(INSPECT_URL_NAME, args=[self.object.pk])

    def get_success_message(self, instance):
        sent = (
            f"A confirmation email is on its way to {instance.email}."
            if self.form.cleaned_data["send_confirmation"]
            else "No confirmation was sent to the campaigner."
        )
        return f"Order {instance.reference} saved. {sent}"

    def get_success_buttons(self):
        return []


class PrintOrderViewSet(SnippetViewSet):
    model = PrintOrder
    icon = "mail"
    menu_label = "Print orders"
    menu_name = "print-orders"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = PrintOrderIndexView
    inspect_view_class = PrintOrderInspectView
    add_view_class = PrintOrderCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_template_name = "orders/admin/print_order_index.html"
    inspect_template_name = "orders/admin/print_order_inspect.html"
    create_template_name = "orders/admin/print_order_create.html"
    list_display = [
        "reference",
        Column(
            "full_name",
            label="Full name",
            accessor=lambda order: personal_value(order, "full_name"),
            sort_key="full_name",
        ),
        Column("items_summary", label="Copies", accessor=lambda order: order.items_summary() or "-"),
        Column(
            "postcode",
            label="Postcode",
            accessor=lambda order: personal_value(order, "postcode"),
            sort_key="postcode",
            classname=NO_WRAP,
        ),
        Column("status", label="Status", accessor="get_status_display"),
        Column("source", label="Received by", accessor="get_source_display"),
        Column("mail", label="Mail", accessor=mail_summary),
        "created_at",
    ]
    list_per_page = 50
    filterset_class = PrintOrderFilterSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    ordering = ["-created_at"]
    # The export is our own view (order_export, below), linked from the results template.
    index_results_template_name = "orders/admin/print_order_index_results.html"
    inspect_view_fields = [
        "reference",
        "status",
        "held_reason",
        "cancelled_reason",
        "source",
        "entered_by",
        "created_at",
        "status_changed_at",
        "status_changed_by",
        "items_summary",
        "total_copies",
        *PERSONAL_DATA_FIELDS,
        "postcode_district",
        "personal_data_erased_at",
    ]

    def register_chooser_viewset(self):
        # Nothing chooses an order, and a chooser would list them to every editor.
        pass

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("status/<int:pk>/<slug:action>/", self.status_view, name="status"),
            path("undo/<int:pk>/", self.undo_view, name="undo"),
            path("export/", self.export_view, name="export"),
        ]

    @property
    def status_view(self):
        return self.construct_view(PrintOrderStatusView)

    @property
    def export_view(self):
        def order_export(request):
            """?format=csv or xlsx, and the list's filters, search and sorting: those orders as a spreadsheet."""
            if not self.permission_policy.user_has_any_permission(request.user, ["add", "change", "delete", "view"]):
                raise PermissionDenied
            respond = EXPORT_RESPONSES.get(request.GET.get("format"))
            if respond is None:
                raise Http404("No such format.")
            return respond(exported_orders(request))

        return order_export

    @property
    def undo_view(self):
        @require_POST
        def undo(request, pk):
            if not self.permission_policy.user_has_permission(request.user, "change"):
                raise PermissionDenied
            order = get_object_or_404(PrintOrder, pk=pk)
            undone = order.status
            if order.undo_status_change(request.POST.get("from_status"), request.user):
                log(
                    instance=order,
                    action="orders.undo",
                    user=request.user,
                    data={"undone": undone, "restored": order.status},
                )
                messages.success(request, f"Order {order.reference} is back to '{order.get_status_display()}'.")
            else:
                messages.error(
                    request,
                    f"The change to order {order.reference} can no longer be undone: "
                    f"it is now {order.get_status_display().lower()}.",
                )
            return redirect(self.get_url_name("inspect"), pk=order.pk)

        return undo


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
        moved = 0
        for order in objects:
            if order.set_status(PrintOrder.Status.DISPATCHED, user, now):
                log(instance=order, action="orders.dispatched", user=user)
                moved += 1
        return moved, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects == 1:
            return "1 order marked dispatched."
        return f"{num_parent_objects} orders marked dispatched."
