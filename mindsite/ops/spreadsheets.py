"""Text the site writes into spreadsheets (CSV and XLSX files) stays text.

Excel, LibreOffice and Google Sheets read a cell that starts with =, +, -, @, a tab or a carriage
return as a formula, whatever the file says: a name typed into the order form as
'=HYPERLINK("http://evil", "Click")' would become a live link in the mailing house's spreadsheet
(CSV injection). Such text gets a leading apostrophe, which a spreadsheet shows as text. Every file
the site writes passes its text through guard_formula:
- the order export (campaigns/orders/admin_views.py) and the restraint figures' CSV files
  (campaigns/figures/display.py) call it for each cell;
- every download of a Wagtail listing (its ?export=csv or ?export=xlsx: page feedback, guides due
  for review, and Wagtail's own reports and redirects, mounted guarded by
  mindsite/ops/guarded_reports.py) goes through GuardedSpreadsheetExportMixin;
- OnlyGuardedExportsMiddleware refuses (404) a download from any other Wagtail listing, such as a
  snippet's or the users' list, which would otherwise answer ?export=csv with unguarded or blank rows.
"""

from django.http import Http404
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(value):
    """The value, with an apostrophe first if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class GuardedSpreadsheetExportMixin:
    """Put before a Wagtail listing view (SpreadsheetExportMixin): every cell and heading of its
    CSV and XLSX downloads passes through guard_formula, after the view's own preprocessing, so
    text, objects written as text, and whatever a preprocess function made all come out guarded."""

    def preprocess_field_value(self, field, value, export_format):
        return guard_formula(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return guard_formula(super().get_heading(queryset, field))


def export_asked_for(request):
    return request.GET.get("export") in SpreadsheetExportMixin.FORMATS


class OnlyGuardedExportsMiddleware:
    """A download (?export=csv or xlsx) only from a view with GuardedSpreadsheetExportMixin.

    Any Wagtail listing answers ?export=, with rows from its list_export (blank rows when it has
    none); this refuses all but the guarded ones, so a new listing cannot write an unguarded file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Django's as_view() sets view_class on the view function; functools.wraps keeps it through decorators.
        view_class = getattr(view_func, "view_class", None)
        if (
            view_class is not None
            and export_asked_for(request)
            and issubclass(view_class, SpreadsheetExportMixin)
            and not issubclass(view_class, GuardedSpreadsheetExportMixin)
        ):
            raise Http404("This list has no download.")
        return None
