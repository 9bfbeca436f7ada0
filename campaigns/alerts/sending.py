"""Sending the alerts: `manage.py send_figure_alerts`, also run after every import of figures.

What is new is read from the figures themselves, so the figures app knows nothing of alerts: a month whose
figures were stored by an import that finished after a subscriber confirmed, and which has figures for the
subscriber's provider (or for England), is a publication that subscriber has not had. Its key is the month
and its status ("March 2025, performance"): a file that brings the same month at the same status again
sends nothing more; a more final publication of it (provisional, then performance, then final) does.

Each subscriber gets at most one email a run, about the newest such month; every publication it covers is
recorded (AlertSent) in the transaction that queues it. The unique constraint on those records is what
makes each go once: a second run, a re-import or a second worker at the same moment finds the records, or
fails to insert them and queues nothing (on PostgreSQL the second insert waits for the first to commit).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from campaigns.figures.display import MISSING, NOT_IN_FILE_VALUE, Value, add_months
from campaigns.figures.metrics import ENGLAND_CODE, Level, Metric, Status
from campaigns.figures.records import Figure, Month, Provider
from campaigns.figures.wording import month_name

from .emails import alert_email, figures_section, queue, root_url, subject_url
from .models import AlertSent, Subscription

logger = logging.getLogger(__name__)

# What an alert shows, in the words the provider page uses.
SHOWN = [
    (Metric.PEOPLE, "People restrained"),
    (Metric.INTERVENTIONS, "Uses of restraint"),
    (Metric.RATE_PER_1000_BED_DAYS, "Uses of restraint for every 1,000 nights on its wards"),
]


@dataclass
class Line:
    label: str
    latest: Value
    before: Value
    england: Value | None
    is_count: bool


@dataclass
class AlertFigures:
    """One month's figures for a provider (or England) beside the month before and England's."""

    code: str
    name: str
    month: object
    status: str
    is_revision: bool
    is_synthetic: bool
    before: object
    before_stored: bool
    lines: list
    page_url: str

    @property
    def month_name(self):
        return month_name(self.month)

    @property
    def before_name(self):
        return month_name(self.before)

    @property
    def status_label(self):
        return Status(self.status).label.lower() if self.status in Status.values else self.status

    @property
    def for_england(self):
        return self.code == ENGLAND_CODE


def subject_name(code, providers):
    if code == ENGLAND_CODE:
        return "England"
    provider = providers.get(code)
    return provider.display_name if provider is not None else code


def alert_figures(code, month, providers, page_url):
    before = add_months(month.start, -1)
    before_month = Month.objects.filter(start=before).first()
    subject = Q(level=Level.ENGLAND, code=ENGLAND_CODE)
    if code != ENGLAND_CODE:
        subject |= Q(level=Level.PROVIDER, code=code)
    figures = {
        (figure.month_id, figure.code, figure.metric): figure
        for figure in Figure.objects.filter(
            subject, month_id__in=[month.pk, *([before_month.pk] if before_month else [])], intervention_type=""
        ).filter(metric__in=[metric for metric, _ in SHOWN])
    }
    england_in_file = {month_id for month_id, figure_code, _ in figures if figure_code == ENGLAND_CODE}

    def value(month_row, figure_code, metric):
        if month_row is None:
            return MISSING
        figure = figures.get((month_row.pk, figure_code, metric))
        if figure is None:
            if figure_code == ENGLAND_CODE and month_row.pk not in england_in_file:
                return NOT_IN_FILE_VALUE
            return MISSING
        return Value(number=figure.value, suppressed=figure.suppressed)

    lines = [
        Line(
            label=label,
            latest=value(month, code, metric),
            before=value(before_month, code, metric),
            england=None if code == ENGLAND_CODE else value(month, ENGLAND_CODE, metric),
            is_count=metric != Metric.RATE_PER_1000_BED_DAYS,
        )
        for metric, label in SHOWN
    ]
    provider = providers.get(code)
    record = month.figure_import
    return AlertFigures(
        code=code,
        name=subject_name(code, providers),
        month=month.start,
        status=month.status,
        is_revision=f"{month.start:%Y-%m} {month.status}" in (record.months_replaced or []),
        is_synthetic=bool(month.is_synthetic or (provider is not None and provider.is_synthetic)),
        before=before,
        before_stored=before_month is not None,
        lines=lines,
        page_url=page_url,
    )


def send_figure_alerts(now=None):
    """Queue every alert due; returns how many were queued."""
    now = now or timezone.now()
    subscriptions = list(Subscription.objects.confirmed().order_by("pk"))
    if not subscriptions:
        return 0
    earliest = min(subscription.confirmed_at for subscription in subscriptions)
    months = {
        month.pk: month
        for month in Month.objects.filter(figure_import__finished_at__gt=earliest).select_related("figure_import")
    }
    if not months:
        return 0
    codes = {subscription.code for subscription in subscriptions}
    published = set(
        Figure.objects.filter(month_id__in=months, intervention_type="")
        .filter(Q(level=Level.PROVIDER, code__in=codes - {ENGLAND_CODE}) | Q(level=Level.ENGLAND, code=ENGLAND_CODE))
        .values_list("month_id", "code")
        .distinct()
    )
    if not published:
        return 0
    sent = defaultdict(set)
    for subscription_id, month, status in AlertSent.objects.filter(
        subscription__in=[subscription.pk for subscription in subscriptions]
    ).values_list("subscription_id", "month", "status"):
        sent[subscription_id].add((month, status))
    providers = {provider.ods_code: provider for provider in Provider.objects.filter(ods_code__in=codes)}
    section = figures_section()
    root = root_url(section)
    built = {}
    queued = 0
    for subscription in subscriptions:
        due = [
            month
            for month in months.values()
            if (month.pk, subscription.code) in published
            and month.figure_import.finished_at > subscription.confirmed_at
            and (month.start, month.status) not in sent[subscription.pk]
        ]
        if not due:
            continue
        newest = max(due, key=lambda month: month.start)
        key = (subscription.code, newest.pk)
        if key not in built:
            url = subject_url(section, root, subscription.code)
            built[key] = alert_figures(subscription.code, newest, providers, url)
        queued += queue_alert(subscription, built[key], due, root, now)
    if queued:
        logger.info("Figure alerts: queued %s", queued)
    return queued


def queue_alert(subscription, alert, covered, root, now):
    """Queue one alert and record every publication it covers, together; False if another run already did."""
    try:
        with transaction.atomic():
            message_id = queue(alert_email(subscription, alert, root))
            AlertSent.objects.bulk_create(
                AlertSent(
                    subscription=subscription,
                    month=month.start,
                    status=month.status,
                    queued_at=now,
                    message_id=message_id,
                )
                for month in covered
            )
    except IntegrityError:
        # Another run queued it first, or the subscriber has just unsubscribed: nothing is sent twice.
        return False
    return True


def send_after_import(sender, figure_import, **kwargs):
    """The figures app's figures_imported signal: the alerts go at once, not at the next scheduled run."""
    send_figure_alerts()
