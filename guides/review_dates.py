"""The admin's list of guides whose content is due to be checked: on the dashboard and as a report.

Both show the dates readers see on the guide ("Last reviewed", "Next review due"): GuidePage's fields.

A guide is listed from REVIEW_WARNING_DAYS before its "next review due" date, and from then on
until the date is moved; a guide with no date is listed too, as "no review date set".
Overdue guides come first, the longest overdue at the top.
"""

import datetime

from django.db.models import F, Q
from django.template.loader import get_template
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from guides.models import GuidePage
from mindsite.ops.spreadsheets import GuardedSpreadsheetExportMixin

REVIEW_WARNING_DAYS = 30
# Whoever may write or publish pages sees the guides due, as with Wagtail's own page reports.
PAGE_ACTIONS = ["add", "change", "publish"]


def can_see_reviews(user):
    return page_permission_policy.user_has_any_permission(user, PAGE_ACTIONS)


def guides_due_for_review(today=None):
    """Published guides past, or within REVIEW_WARNING_DAYS of, their review date, or with none: overdue first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    return (
        GuidePage.objects.live()
        .filter(Q(next_review_due__lte=horizon) | Q(next_review_due__isnull=True))
        .order_by(F("next_review_due").asc(nulls_last=True), "title")
    )


def review_status(guide, today=None):
    """In words, for the lists: 'Overdue by 3 days', 'Due today', 'Due in 12 days', 'No review date set'."""
    due = guide.next_review_due
    if due is None:
        return "No review date set"
    days = (due - (today or timezone.localdate())).days
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    return f"Due in {days} day{'s' if days != 1 else ''}"


def edit_url(guide):
    return reverse("wagtailadmin_pages:edit", args=[guide.pk])


class ReviewDateColumn(Column):
    def get_value(self, instance):
        due = instance.next_review_due
        return date_format(due, "j F Y") if due else "No review date set"


class LastReviewedColumn(Column):
    def get_value(self, instance):
        reviewed = instance.last_reviewed
        return date_format(reviewed, "j F Y") if reviewed else "Not set"


class ReviewStatusColumn(Column):
    def get_value(self, instance):
        return review_status(instance)


class GuidesDueForReviewView(GuardedSpreadsheetExportMixin, ReportView):
    page_title = "Guides due for review"
    header_icon = "time"
    index_url_name = "guides_due_for_review"
    index_results_url_name = "guides_due_for_review_results"
    permission_policy = page_permission_policy
    any_permission_required = PAGE_ACTIONS
    paginate_by = 100
    columns = [
        TitleColumn("title", label="Guide", get_url=edit_url),
        LastReviewedColumn("last_reviewed", label="Last reviewed"),
        ReviewDateColumn("next_review_due", label="Next review due"),
        ReviewStatusColumn("status", label="Status"),
    ]
    list_export = ["title", "last_reviewed", "next_review_due", "status"]
    export_headings = {
        "title": "Guide",
        "last_reviewed": "Last reviewed",
        "next_review_due": "Next review due",
        "status": "Status",
    }

    def get_queryset(self):
        return guides_due_for_review()

    def decorate_paginated_queryset(self, object_list):
        for guide in object_list:
            guide.status = review_status(guide)
        return object_list


class GuideReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_reviews(request.user)


class GuidesDueForReviewPanel(Component):
    name = "guides_due_for_review"
    order = 60
    template_name = "guides/admin/review_panel.html"

    def __init__(self, guides):
        self.guides = guides

    def render_html(self, parent_context=None):
        return get_template(self.template_name).render(self.get_context_data(parent_context))

    def get_context_data(self, parent_context=None):
        return {
            "guides": [
                {"guide": guide, "status": review_status(guide), "url": edit_url(guide)} for guide in self.guides
            ],
            "report_url": reverse("guides_due_for_review"),
            "warning_days": REVIEW_WARNING_DAYS,
        }


def add_review_panel(request, panels):
    if not can_see_reviews(request.user):
        return
    guides = list(guides_due_for_review())
    if guides:
        panels.append(GuidesDueForReviewPanel(guides))


def report_menu_item():
    return GuideReviewMenuItem(
        "Guides due for review", reverse("guides_due_for_review"), name="guides-due-for-review", icon_name="time"
    )


def admin_urls():
    return [
        path("reports/guides-due-for-review/", GuidesDueForReviewView.as_view(), name="guides_due_for_review"),
        path(
            "reports/guides-due-for-review/results/",
            GuidesDueForReviewView.as_view(results_only=True),
            name="guides_due_for_review_results",
        ),
    ]
