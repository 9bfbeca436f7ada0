"""Printed-copy orders: what a campaigner asked for, where to post it, and its mail."""

import secrets

from django.conf import settings
from django.db import models
from django.template.defaultfilters import pluralize
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from mindsite.pages.blocks import validate_link_address
from mindsite.spam.hidden_characters import validate_multi_line, validate_no_invisible_characters, validate_single_line

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a reference read over the phone is not misheard.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
REFERENCE_LENGTH = 8


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def printed_copies(count):
    """'1 printed copy', '2 printed copies'."""
    return f"{count} printed cop{pluralize(count, 'y,ies')}"


@register_setting(icon="mail")
class OrderSettings(BaseSiteSetting):
    """Where printed-copy orders go. Editable only with the 'change order settings' permission."""

    campaigns_inbox = models.EmailField(
        default="action@mind.org.uk",
        help_text="Every printed-copy order is emailed here, with Reply-To set to the campaigner.",
    )
    privacy_notice_url = models.CharField(
        max_length=500,
        default="/privacy-notice/",
        validators=[validate_link_address],
        help_text="The privacy notice the order form links to: a path on this site (/…) or a full address.",
    )
    dispatch_time = models.CharField(
        max_length=100,
        default="within 10 working days",
        help_text="How soon copies are usually posted, as the confirmation says it: 'We usually post orders …'.",
    )

    panels = [FieldPanel("campaigns_inbox"), FieldPanel("privacy_notice_url"), FieldPanel("dispatch_time")]

    class Meta:
        verbose_name = "printed-copy orders"


class PrintOrderQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("status_changed_by").prefetch_related("items")

    def due_for_erasure(self, now=None):
        now = now or timezone.now()
        cutoff = now - timezone.timedelta(days=settings.ORDER_RETENTION_DAYS)
        return self.filter(
            status__in=[PrintOrder.Status.DISPATCHED, PrintOrder.Status.CANCELLED],
            status_changed_at__lt=cutoff,
            personal_data_erased_at__isnull=True,
        )

    def placed_before(self, status, days, now=None):
        """Orders of this status placed more than `days` days ago, oldest first."""
        cutoff = (now or timezone.now()) - timezone.timedelta(days=days)
        return self.filter(status=status, created_at__lt=cutoff).order_by("created_at", "pk")

    def held_too_long(self, now=None):
        """Held orders nobody released within HELD_ORDER_DAYS: the daily job cancels and erases them."""
        return self.placed_before(PrintOrder.Status.HELD, settings.HELD_ORDER_DAYS, now)

    def waiting_too_long(self, now=None):
        """New orders not dispatched within NEW_ORDER_FLAG_DAYS: flagged on the campaigns team's dashboard."""
        return self.placed_before(PrintOrder.Status.NEW, settings.NEW_ORDER_FLAG_DAYS, now)

    def never_dispatched(self, now=None):
        """New orders not dispatched within NEW_ORDER_ERASE_DAYS: the daily job cancels and erases them."""
        return self.placed_before(PrintOrder.Status.NEW, settings.NEW_ORDER_ERASE_DAYS, now)


class PrintOrder(models.Model):
    """One campaigner's order of printed guides."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        # Saved, but over a spam limit: the campaigns team releases or cancels it; no mail until released.
        HELD = "held", "Held for review"
        DISPATCHED = "dispatched", "Dispatched"
        CANCELLED = "cancelled", "Cancelled"

    class Source(models.TextChoices):
        WEB = "web", "Order form"
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        POST = "post", "Post"

    reference = models.CharField(max_length=REFERENCE_LENGTH, unique=True, editable=False, default=new_reference)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW, db_index=True)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # What the status was before the last change, so that change can be undone.
    previous_status = models.CharField(max_length=12, choices=Status.choices, blank=True, editable=False)
    held_reason = models.CharField(
        max_length=200, blank=True, editable=False, help_text="Why the order was held for review."
    )
    # Set when the daily erasure cancelled an order nobody settled in time; blank when a person cancelled it.
    cancelled_reason = models.CharField(
        max_length=200, blank=True, editable=False, help_text="Why the order was cancelled automatically."
    )
    source = models.CharField(
        max_length=8, choices=Source.choices, default=Source.WEB, verbose_name="received by", editable=False
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="Who entered an order received by phone, email or post.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False, verbose_name="ordered")

    # Personal data: blanked by `erase_old_personal_data` (campaigns/orders/erasure.py) once no longer needed.
    # Each refuses characters nobody can see when the team edits it too (mindsite/spam/hidden_characters.py).
    full_name = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    email = models.EmailField(blank=True, verbose_name="email address", validators=[validate_no_invisible_characters])
    organisation = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    address_line_1 = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    address_line_2 = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    town = models.CharField(max_length=100, blank=True, verbose_name="town or city", validators=[validate_single_line])
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_no_invisible_characters])
    purpose = models.TextField(blank=True, verbose_name="what they will use them for", validators=[validate_multi_line])
    wants_updates = models.BooleanField(default=False, verbose_name="wants campaign updates")

    # Kept for reporting after erasure: the outward code, e.g. "SW1A".
    postcode_district = models.CharField(max_length=4, blank=True, editable=False)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PrintOrderQuerySet.as_manager()

    panels = [
        HelpPanel(
            content="Correct the campaigner's details here. Change the order's status from the order's page "
            "or the list (Mark dispatched)."
        ),
        MultiFieldPanel([FieldPanel("full_name"), FieldPanel("email"), FieldPanel("organisation")], heading="Who"),
        MultiFieldPanel(
            [
                FieldPanel("address_line_1"),
                FieldPanel("address_line_2"),
                FieldRowPanel([FieldPanel("town"), FieldPanel("postcode")]),
            ],
            heading="Where to post it",
        ),
        FieldPanel("purpose"),
        FieldPanel("wants_updates"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "print order"
        verbose_name_plural = "print orders"

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if self.postcode:
            self.postcode_district = self.postcode.split(" ")[0][:4]
        super().save(*args, **kwargs)

    @property
    def is_erased(self):
        return self.personal_data_erased_at is not None

    def items_summary(self):
        return "; ".join(f"{item.quantity} × {item.guide_title}" for item in self.items.all())

    items_summary.short_description = "Copies"

    def total_copies(self):
        return sum(item.quantity for item in self.items.all())

    total_copies.short_description = "Total copies"

    def address_lines(self):
        lines = [self.full_name, self.organisation, self.address_line_1, self.address_line_2, self.town, self.postcode]
        return [line for line in lines if line]

    # Which status each status may move to from the order's page or the list; releasing a held order is
    # placing.release_held_order, as it queues the order's emails.
    STATUS_CHANGES = {Status.NEW: (Status.DISPATCHED, Status.CANCELLED), Status.HELD: (Status.CANCELLED,)}

    def can_move_to(self, status):
        return status in self.STATUS_CHANGES.get(self.status, ())

    def set_status(self, status, user, now=None):
        """Move the order to dispatched or cancelled, recording who, when and what it was. Returns whether it moved."""
        if not self.can_move_to(status):
            return False
        return self._move(status, previous_status=self.status, user=user, now=now)

    def can_undo_status_change(self):
        return (
            self.status in (self.Status.DISPATCHED, self.Status.CANCELLED)
            and bool(self.previous_status)
            and not self.is_erased
        )

    def undo_status_change(self, from_status, user, now=None):
        """Put back the status before the last change, if the order is still `from_status`. Returns whether it did."""
        if self.status != from_status or not self.can_undo_status_change():
            return False
        return self._move(self.previous_status, previous_status="", user=user, now=now)

    def _move(self, status, previous_status, user, now):
        changes = {
            "status": status,
            "previous_status": previous_status,
            "status_changed_at": now or timezone.now(),
            "status_changed_by": user,
        }
        # Conditional on the status we read: two people clicking at once change it once.
        if not PrintOrder.objects.filter(pk=self.pk, status=self.status).update(**changes):
            return False
        for name, value in changes.items():
            setattr(self, name, value)
        return True

    def cancel_unsettled(self, reason, now=None):
        """Cancel a held or new order nobody settled in time, saying why, emailing no one. Returns whether it moved."""
        if self.status not in (self.Status.HELD, self.Status.NEW):
            return False
        changes = {
            "status": self.Status.CANCELLED,
            "previous_status": self.status,
            "status_changed_at": now or timezone.now(),
            "status_changed_by": None,
            "cancelled_reason": reason,
        }
        if not PrintOrder.objects.filter(pk=self.pk, status=self.status).update(**changes):
            return False
        for name, value in changes.items():
            setattr(self, name, value)
        return True

    def erase_personal_data(self, now=None):
        """Blank every personal-data field, keeping what the order was for and where (the district)."""
        blank = {name: PrintOrder._meta.get_field(name).get_default() for name in PERSONAL_DATA_FIELDS}
        self.personal_data_erased_at = now or timezone.now()
        for name, value in blank.items():
            setattr(self, name, value)
        # Not save(): that would recompute the district from the now-blank postcode.
        PrintOrder.objects.filter(pk=self.pk).update(**blank, personal_data_erased_at=self.personal_data_erased_at)


class PrintOrderItem(models.Model):
    order = models.ForeignKey(PrintOrder, on_delete=models.CASCADE, related_name="items")
    guide = models.ForeignKey("guides.GuidePage", null=True, on_delete=models.SET_NULL, related_name="+")
    # Copied at order time so the order still reads right if the guide is renamed or deleted.
    guide_title = models.CharField(max_length=255)
    quantity = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.guide_title}"


# Every field of an order, said once to be personal data or not. Erasure blanks the personal ones,
# the export and the admin show them only to the campaigns team, and a test fails when a field is
# added to PrintOrder without being put in one of these lists.
# Personal fields are listed as a mailing label reads, as the export and the order's page show them.
PERSONAL_DATA_FIELDS = (
    "full_name",
    "organisation",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "email",
    "purpose",
    "wants_updates",
)
ORDER_FACT_FIELDS = (
    "id",
    "reference",
    "status",
    "status_changed_at",
    "status_changed_by",
    "previous_status",
    "held_reason",
    "cancelled_reason",
    "source",
    "entered_by",
    "created_at",
    "postcode_district",
    "personal_data_erased_at",
)
