"""Editors' view of 'Is this page useful?' in the admin: Reports → Page feedback.

The report lists every page with answers, newest answer first, with its Yes and No counts and
how many No answers are not dealt with yet. A page's own list shows each answer, newest first,
and "Mark as dealt with" (a POST) records who did it and when.

Who: superusers, and groups with "Can view page feedback" (to see) and "Can change page
feedback" (to mark dealt with); the Editors group has both (migration mindsite 0008).
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from mindsite.feedback.models import PageFeedback
from mindsite.ops.spreadsheets import GuardedSpreadsheetExportMixin

permission_policy = ModelPermissionPolicy(PageFeedback)

# The downloads use Wagtail's documented report export (list_export, export_headings, the
# preprocess tables), guarded: a page title or comment a spreadsheet would run as a formula is made text.


def local_minute(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def yes_no(useful):
    return "Yes" if useful else "No"


def both_formats(function):
    return {"csv": function, "xlsx": function}


def count_of(**conditions):
    """A page's number of answers meeting the conditions, in one subquery."""
    answers = (
        PageFeedback.objects.filter(page=OuterRef("pk"), **conditions)
        .order_by()
        .values("page")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(answers[:1], output_field=IntegerField()), Value(0))


def pages_with_answers():
    newest = PageFeedback.objects.filter(page=OuterRef("pk")).order_by("-created_at").values("created_at")
    return Page.objects.filter(pk__in=PageFeedback.objects.values("page")).annotate(
        yes=count_of(useful=True),
        no=count_of(useful=False),
        waiting=count_of(useful=False, dealt_with_at__isnull=True),
        latest=Subquery(newest[:1]),
    )


class PageFeedbackReportView(GuardedSpreadsheetExportMixin, ReportView):
    page_title = "Page feedback"
    header_icon = "comment"
    index_url_name = "page_feedback_report"
    index_results_url_name = "page_feedback_report_results"
    permission_policy = permission_policy
    permission_required = "view"
    verbose_name = "page"
    verbose_name_plural = "pages"
    no_results_message = "No one has answered 'Is this page useful?' yet."
    default_ordering = "-latest"
    columns = [
        TitleColumn("title", label="Page", get_url=lambda page: reverse("page_feedback_answers", args=[page.pk])),
        Column("yes", label="Useful", sort_key="yes"),
        Column("no", label="Not useful", sort_key="no"),
        Column("waiting", label="Not dealt with", sort_key="waiting"),
        DateColumn("latest", label="Latest answer", sort_key="latest"),
    ]
    list_export = ["title", "yes", "no", "waiting", "latest"]
    export_headings = {
        "title": "Page",
        "yes": "Useful",
        "no": "Not useful",
        "waiting": "Not dealt with",
        "latest": "Latest answer",
    }

    @property
    def export_filename(self):
        return f"page-feedback-{timezone.localdate():%Y-%m-%d}"

    def get_base_queryset(self):
        return pages_with_answers()

    def get_ordering(self):
        ordering = super().get_ordering()
        # Ties (and pages answered at the same moment) in a stable order.
        return [ordering, "path"]


class PageFeedbackAnswersView(GuardedSpreadsheetExportMixin, ReportView):
    """One page's answers, newest first, each No with 'Mark as dealt with'."""

    header_icon = "comment"
    results_template_name = "feedback/admin/page_feedback_answers_results.html"
    permission_policy = permission_policy
    permission_required = "view"
    verbose_name = "answer"
    verbose_name_plural = "answers"
    no_results_message = "This page has no answers yet."
    paginate_by = 50
    list_export = ["created_at", "useful", "comment", "dealt_with_at"]
    export_headings = {
        "created_at": "When",
        "useful": "Useful?",
        "comment": "What was wrong",
        "dealt_with_at": "Dealt with",
    }
    custom_field_preprocess = {
        "created_at": both_formats(local_minute),
        "useful": both_formats(yes_no),
        "dealt_with_at": both_formats(local_minute),
    }

    @cached_property
    def about(self):
        # Looked up after the permission check (dispatch), so a 404 says nothing to the unpermitted.
        return get_object_or_404(Page, pk=self.kwargs["page_id"])

    def get_page_title(self):
        return f"Feedback on “{self.about.title}”"

    @property
    def export_filename(self):
        return f"page-feedback-{self.about.slug}-{timezone.localdate():%Y-%m-%d}"

    def get_index_url(self):
        return reverse("page_feedback_answers", args=[self.about.pk])

    def get_index_results_url(self):
        return reverse("page_feedback_answers_results", args=[self.about.pk])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("page_feedback_report"), "label": "Page feedback"},
            {"url": "", "label": self.about.title},
        ]

    def get_base_queryset(self):
        return (
            PageFeedback.objects.filter(page=self.about).select_related("dealt_with_by").order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = PageFeedback.objects.filter(page=self.about).aggregate(
            yes=Count("pk", filter=Q(useful=True)),
            no=Count("pk", filter=Q(useful=False)),
            waiting=Count("pk", filter=Q(useful=False, dealt_with_at__isnull=True)),
        )
        context.update(
            about=self.about,
            totals=totals,
            can_mark_dealt_with=self.user_has_permission("change"),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.about.pk]),
        )
        return context


@require_POST
def mark_dealt_with(request, pk):
    """'Mark as dealt with' on a No answer: records who and when, once."""
    if not permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    # Only a "not useful" answer has anything to deal with.
    feedback = get_object_or_404(PageFeedback, pk=pk, useful=False)
    marked = PageFeedback.objects.filter(pk=feedback.pk, dealt_with_at__isnull=True).update(
        dealt_with_at=timezone.now(), dealt_with_by=request.user
    )
    if marked:
        messages.success(request, "Marked as dealt with.")
    else:
        messages.warning(request, "Someone had already marked it as dealt with.")
    return redirect(reverse("page_feedback_answers", args=[feedback.page_id]) + f"#answer-{feedback.pk}")


class PageFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return permission_policy.user_has_permission(request.user, "view")


def report_menu_item():
    return PageFeedbackMenuItem(
        "Page feedback", reverse("page_feedback_report"), name="page-feedback", icon_name="comment", order=1300
    )


def admin_urls():
    return [
        path("reports/page-feedback/", PageFeedbackReportView.as_view(), name="page_feedback_report"),
        path(
            "reports/page-feedback/results/",
            PageFeedbackReportView.as_view(results_only=True),
            name="page_feedback_report_results",
        ),
        path("reports/page-feedback/<int:page_id>/", PageFeedbackAnswersView.as_view(), name="page_feedback_answers"),
        path(
            "reports/page-feedback/<int:page_id>/results/",
            PageFeedbackAnswersView.as_view(results_only=True),
            name="page_feedback_answers_results",
        ),
        path("reports/page-feedback/answer/<int:pk>/dealt-with/", mark_dealt_with, name="page_feedback_dealt_with"),
    ]


def feedback_permissions():
    """Shown in Settings → Groups, so a superuser can give them to a group."""
    return Permission.objects.filter(
        content_type__app_label="feedback", codename__in=["view_pagefeedback", "change_pagefeedback"]
    )
