"""Wagtail's own reports and redirects list, with their CSV and XLSX downloads guarded.

Each is Wagtail's view with GuardedSpreadsheetExportMixin (mindsite/ops/spreadsheets.py), served at
Wagtail's own address: these patterns are included before the admin's (mindsite/urls.py), so they
answer first, and Wagtail's URL names still give the same addresses. Page titles, users' names,
log messages and redirect targets are all text an editor types.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectsIndexView

from mindsite.ops.spreadsheets import GuardedSpreadsheetExportMixin


class GuardedLockedPagesView(GuardedSpreadsheetExportMixin, LockedPagesView):
    pass


class GuardedWorkflowView(GuardedSpreadsheetExportMixin, WorkflowView):
    pass


class GuardedWorkflowTasksView(GuardedSpreadsheetExportMixin, WorkflowTasksView):
    pass


class GuardedLogEntriesView(GuardedSpreadsheetExportMixin, LogEntriesView):
    pass


class GuardedAgingPagesView(GuardedSpreadsheetExportMixin, AgingPagesView):
    pass


class GuardedRedirectsIndexView(GuardedSpreadsheetExportMixin, RedirectsIndexView):
    pass


GUARDED = {
    "reports/locked/": GuardedLockedPagesView,
    "reports/workflow/": GuardedWorkflowView,
    "reports/workflow_tasks/": GuardedWorkflowTasksView,
    "reports/site-history/": GuardedLogEntriesView,
    "reports/aging-pages/": GuardedAgingPagesView,
    "redirects/": GuardedRedirectsIndexView,
}

# Each list and its results-only address (the filters' refresh), both of which answer ?export=;
# behind Wagtail's admin-access check and never cached, as the admin's own addresses are.
urlpatterns = [
    path(f"admin/{address}{results}", never_cache(require_admin_access(view.as_view(results_only=bool(results)))))
    for address, view in GUARDED.items()
    for results in ("", "results/")
]
