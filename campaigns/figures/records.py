"""NHS England's restraint figures as stored: providers, months, figures and the imports that brought them.

A figure is one published cell: a month, a level (England, a region or a provider), a metric and an
intervention type ('' for all types). A suppressed cell (`*`, meaning 1 to 4) is stored with no value and
suppressed=True; a cell the file leaves out (none recorded, or not submitted) is never stored.
A provider's page reads its figures and England's for a run of months in a fixed number of queries:
figures are filtered by (level, code) or provider and a list of months, with the month joined in.
"""

import datetime
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, PreviewableMixin, RevisionMixin

from .metrics import STATUS_RANK, Level, Metric, Status

# Words kept in capitals when a published name (always upper case) is shown in title case. HQ and FT are in
# ODS's addresses ("THE RESOURCE, TRUST HQ", "ROYAL DEVON UNIVERSITY NHS FT").
UPPER_WORDS = {"NHS", "CIC", "UK", "LLP", "PLC", "ICB", "CCG", "CAMHS", "CQC", "HQ", "FT"}
LOWER_WORDS = {"and", "of", "the", "for", "in", "on", "at", "with", "upon"}
# Inside a hyphenated place name: Stoke-on-Trent, Newcastle-under-Lyme, Weston-super-Mare, Sutton-in-Ashfield.
HYPHENATED_LOWER_WORDS = LOWER_WORDS | {"under", "super"}


def title_case(name):
    """'HALLOWAY AND ST BRIDE'S NHS TRUST (FICTIONAL)' -> "Halloway and St Bride's NHS Trust (Fictional)"."""

    def word(text, first):
        if text.upper().rstrip(",") in UPPER_WORDS:
            return text.upper()
        if not first and text.lower() in LOWER_WORDS:
            return text.lower()
        # Capitalise the first letter after any opening bracket or quote, and each part of a hyphenated word
        # but the small words inside it ("Stoke-on-Trent"); a word starting with a digit stays in lower case
        # ("4th", "2gether").
        return "-".join(
            part.lower()
            if index and part.lower() in HYPHENATED_LOWER_WORDS
            else re.sub(r"^([^A-Za-z0-9]*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), part.lower())
            for index, part in enumerate(text.split("-"))
        )

    return " ".join(word(text, index == 0) for index, text in enumerate(name.split()))


class Region(models.Model):
    """An NHS England region as the file names it. Region figures count patients by where they live."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=200, help_text="As last published, in capitals.")

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.code == "UNKNOWN":
            return "Region not known"
        return title_case(re.sub(r"\s+COMMISSIONING REGION$", "", self.name, flags=re.IGNORECASE))


class ProviderKind(models.TextChoices):
    """What a provider is, from the Organisation Data Service file it was last found in (never from its code)."""

    NHS_TRUST = "nhs_trust", "NHS trust"
    CARE_TRUST = "care_trust", "Care trust"
    INDEPENDENT = "independent", "Independent provider"


# The kinds that are NHS bodies: PALS, public board meetings, governors and Freedom of Information apply.
NHS_KINDS = {ProviderKind.NHS_TRUST, ProviderKind.CARE_TRUST}
CQC_PROVIDER_PREFIX = "https://www.cqc.org.uk/provider/"


def validate_cqc_provider_url(value):
    """An editor's CQC link must be a provider page on the CQC's own site: https://www.cqc.org.uk/provider/<id>."""
    rest = value.removeprefix(CQC_PROVIDER_PREFIX)
    if rest == value or not re.fullmatch(r"[A-Za-z0-9-]+/?", rest):
        raise ValidationError(
            "Enter the provider's page on the CQC's website, starting https://www.cqc.org.uk/provider/ and "
            "followed by its CQC provider ID, for example https://www.cqc.org.uk/provider/1-102642961."
        )


class DutyStatus(models.TextChoices):
    """What editors found of one of a provider's Use of Force Act duties. Never guessed: not known until checked."""

    NOT_KNOWN = "not_known", "Not known (not checked yet)"
    YES = "yes", "Yes (found: give the source)"
    NO = "no", "No (looked and did not find it)"


# The duties editors keep for each provider (campaigns/figures/duties.py says what each means): each has a
# status, a source (a web address) and the day it was last checked, as <key>_status, <key>_source, <key>_checked.
DUTY_KEYS = ("responsible_person", "policy", "patient_information", "training")
WHATDOTHEYKNOW_BODY_PREFIX = "https://www.whatdotheyknow.com/body/"


def validate_not_in_the_future(value):
    if value and value > datetime.date.today():
        raise ValidationError("The day it was checked cannot be in the future. Enter the day you looked.")


def whatdotheyknow_name_from(value):
    """A body's name on WhatDoTheyKnow from its name or its page's address (https://www.whatdotheyknow.com/body/x)."""
    value = value.strip()
    for prefix in (WHATDOTHEYKNOW_BODY_PREFIX, WHATDOTHEYKNOW_BODY_PREFIX.replace("://www.", "://")):
        if value.startswith(prefix):
            return value.removeprefix(prefix).split("/")[0].split("?")[0].split("#")[0]
    return value


def validate_whatdotheyknow_name(value):
    if not re.fullmatch(r"[a-z0-9_]+", whatdotheyknow_name_from(value)):
        raise ValidationError(
            "Enter the last part of the trust's address on WhatDoTheyKnow: for "
            "https://www.whatdotheyknow.com/body/example_nhs_trust enter example_nhs_trust (small letters, numbers "
            "and underscores only)."
        )


def duty_fields(what):
    """A duty's three fields: its status, its source and the day it was last checked."""
    return (
        models.CharField(what, max_length=10, choices=DutyStatus.choices, default=DutyStatus.NOT_KNOWN),
        models.URLField(
            f"{what}: source",
            max_length=500,
            blank=True,
            help_text="Where you found it (needed for Yes), or for No, where you looked: the provider's own page.",
        ),
        models.DateField(
            f"{what}: checked on",
            null=True,
            blank=True,
            validators=[validate_not_in_the_future],
            help_text="The day you last looked (needed for No). Not in the future.",
        ),
    )


class Provider(ClusterableModel):
    """A mental health provider, known by its ODS code.

    Its figures name it by code and upper-case name. What it is (its kind), its current name, headquarters,
    sites, open and close dates and successor come from the Organisation Data Service's files
    (import_ods_providers): blank until one of them has it, and then nothing about it is guessed.
    """

    ods_code = models.CharField("ODS code", max_length=12, unique=True)
    name = models.CharField(max_length=255, help_text="As published in the latest month imported, in capitals.")
    name_month = models.DateField(help_text="The first day of the month the name was last published for.")
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "The NHS England region the provider is in. The figures file does not say: the ODS import fills it "
            "from ODS's national grouping when it is empty, and keeps one chosen here."
        ),
    )
    is_synthetic = models.BooleanField(
        default=False, help_text="Invented for the demonstration: only ever seen in synthetic imports."
    )
    # From the Organisation Data Service (ODS) files; blank until a file has the provider.
    kind = models.CharField(
        max_length=12,
        choices=ProviderKind.choices,
        blank=True,
        help_text="From the ODS file the provider was found in: blank when no ODS file has it yet.",
    )
    ods_name = models.CharField(
        "current name", max_length=255, blank=True, help_text="Its name in the latest ODS file, in capitals."
    )
    address = models.CharField("headquarters address", max_length=500, blank=True)
    town = models.CharField("headquarters town", max_length=100, blank=True)
    postcode = models.CharField("headquarters postcode", max_length=10, blank=True)
    opened = models.DateField(null=True, blank=True)
    closed = models.DateField(null=True, blank=True)
    successor_code = models.CharField(
        "successor's ODS code",
        max_length=12,
        blank=True,
        help_text="The organisation that took it over, from the ODS successions file (succ.csv).",
    )
    succeeded_on = models.DateField("succeeded on", null=True, blank=True)
    # What editors found of its duties under the Mental Health Units (Use of Force) Act 2018 (duties.py).
    responsible_person_status, responsible_person_source, responsible_person_checked = duty_fields(
        "responsible person named"
    )
    policy_status, policy_source, policy_checked = duty_fields("use of force policy published")
    patient_information_status, patient_information_source, patient_information_checked = duty_fields(
        "information for patients published"
    )
    training_status, training_source, training_checked = duty_fields("training to the RRN standards")
    whatdotheyknow_name = models.CharField(
        "WhatDoTheyKnow name",
        max_length=200,
        blank=True,
        validators=[validate_whatdotheyknow_name],
        help_text=(
            "For an NHS trust: search for it on https://www.whatdotheyknow.com/, open its page, and copy the last "
            "part of the address (after /body/), e.g. example_nhs_foundation_trust. The whole address works too. "
            "Left blank, the page links to WhatDoTheyKnow's search for the trust's name instead."
        ),
    )
    # Links editors keep, for "What you can do" on the provider's page (the file has none of them).
    board_papers_url = models.URLField("board papers", max_length=500, blank=True)
    complaints_url = models.URLField("PALS or complaints", max_length=500, blank=True)
    website_url = models.URLField("website", max_length=500, blank=True)
    cqc_url = models.URLField(
        "CQC page",
        max_length=200,
        blank=True,
        validators=[validate_cqc_provider_url],
        help_text=(
            "For an independent provider: its page on the CQC's website (https://www.cqc.org.uk/provider/…), "
            "found by searching there. An NHS trust's is made from its ODS code, so leave it blank."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.display_name} ({self.ods_code})"

    @property
    def display_name(self):
        """The current name from ODS in readable case, else the name in the latest figures."""
        return title_case(self.ods_name or self.name)

    @property
    def is_nhs_trust(self):
        """Whether ODS lists it as an NHS trust or care trust. False when no ODS file has it: nothing is guessed."""
        return self.kind in NHS_KINDS

    @property
    def is_independent(self):
        return self.kind == ProviderKind.INDEPENDENT

    @property
    def use_of_force_policy_url(self):
        """Its use of force policy's address, when an editor found it published (else "")."""
        return self.policy_source if self.policy_status == DutyStatus.YES else ""

    def clean(self):
        """A Yes needs its source, a No the day it was looked for; the message goes to the field to fix."""
        super().clean()
        self.whatdotheyknow_name = whatdotheyknow_name_from(self.whatdotheyknow_name)
        errors = {}
        for key in DUTY_KEYS:
            status = getattr(self, f"{key}_status")
            if status == DutyStatus.YES and not getattr(self, f"{key}_source"):
                errors[f"{key}_source"] = "For Yes, give the address where you found it, so readers can check."
            if status == DutyStatus.NO and not getattr(self, f"{key}_checked"):
                errors[f"{key}_checked"] = "For No, give the day you looked and did not find it."
        if errors:
            raise ValidationError(errors)


class ProviderSite(models.Model):
    """One of a provider's sites (a hospital, a unit), from ODS's site files (ets.csv, ephpsite.csv)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="sites")
    code = models.CharField("ODS site code", max_length=12, unique=True)
    name = models.CharField(max_length=255, help_text="As in the latest ODS file, in capitals.")
    address = models.CharField(max_length=500, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    opened = models.DateField(null=True, blank=True)
    closed = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self):
        return title_case(self.name)


class ProviderPlace(Orderable):
    """A place a provider serves, for the finder. Editors keep these; the figures file has none."""

    provider = ParentalKey(Provider, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(max_length=120, help_text="A town, city, borough or county, as readers would type it.")

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["provider", "name"], name="unique_place_per_provider")]

    def __str__(self):
        return self.name


class ProviderCommentary(DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model):
    """An editor's short commentary on one provider, drafted, previewed and published like a page.

    The row holds what is published; a draft waits in the latest revision until it is published.
    A provider's page shows the commentary only while it is live.
    """

    provider = models.OneToOneField(
        Provider,
        on_delete=models.CASCADE,
        related_name="commentary",
        help_text="The provider this commentary is about. Each provider has at most one.",
    )
    body = RichTextField(
        features=["bold", "italic", "link"],
        max_length=1200,
        help_text=(
            "A short note, a paragraph or two (at most 1,200 characters): what the figures may mean, or what has "
            "changed there. Only say what you can back up, and link to where it is said."
        ),
    )
    # So that deleting a commentary deletes its revisions too (Wagtail's documented pattern).
    _revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="provider_commentary",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = "provider commentary"
        verbose_name_plural = "provider commentaries"

    def __str__(self):
        return f"Commentary on {self.provider}"

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "figures/commentary_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["provider"] = self.provider
        context["extras"] = {"commentary": self, "pinned_stories": []}
        return context


class FigureImport(models.Model):
    """One file imported: where it came from, what it held and what it changed."""

    file_name = models.CharField(max_length=255)
    source_url = models.URLField("source address", max_length=1000, blank=True)
    # What identifies a file: importing it again changes nothing (one_import_per_file).
    sha256 = models.CharField("checksum (SHA-256)", max_length=64)
    rows_read = models.PositiveIntegerField(default=0)
    rows_kept = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    # Why rows were skipped: {"other breakdowns": n, "other metrics": n, "lower status": n, "repeated rows": n}.
    skipped_reasons = models.JSONField(default=dict, blank=True)
    # Months as "YYYY-MM status", e.g. "2025-03 performance".
    months_added = models.JSONField(default=list, blank=True)
    months_replaced = models.JSONField(default=list, blank=True)
    months_kept = models.JSONField(
        default=list, blank=True, help_text="Months in the file left as they were: a higher status is stored."
    )
    providers_added = models.JSONField(default=list, blank=True)
    providers_renamed = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    run_by = models.CharField(
        max_length=150, help_text="'command' for the management command, else the admin user's name at the time."
    )
    is_synthetic = models.BooleanField(default=False, help_text="Invented figures, for the demonstration.")
    # Each CSV read, in order: {"member": its name in the zip ('' for a CSV uploaded as it is), "encoding": …}.
    csv_files = models.JSONField(
        "CSV files read",
        default=list,
        blank=True,
        help_text="Each CSV read: its name in the zip (blank for a CSV uploaded as it is) and its text encoding.",
    )
    members_skipped = models.JSONField(
        "files in the zip left unread", default=list, blank=True, help_text="Files in the zip that are not CSV."
    )

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        permissions = [("import_restraint_data", "Can import restraint data")]
        # Two imports of one file at once (two editors, or a double click): the second insert fails,
        # whatever the database, and that import is told the file was imported before.
        constraints = [models.UniqueConstraint(fields=["sha256"], name="one_import_per_file")]

    def __str__(self):
        return f"{self.file_name} ({self.started_at:%d %b %Y %H:%M})"


class Month(models.Model):
    """A month of figures, and how final they are (a month published twice keeps the higher status)."""

    start = models.DateField(unique=True, help_text="The first day of the month.")
    end = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices)
    figure_import = models.ForeignKey(
        FigureImport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="months",
        help_text="The import that stored this month's figures.",
    )
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["start"]

    def __str__(self):
        return f"{self.start:%B %Y} ({self.get_status_display()})"

    @property
    def status_rank(self):
        return STATUS_RANK[self.status]


class Figure(models.Model):
    """One published cell. No value and suppressed=True for `*` (1 to 4, hidden to protect privacy)."""

    month = models.ForeignKey(Month, on_delete=models.CASCADE, related_name="figures")
    level = models.CharField(max_length=8, choices=Level.choices)
    # ENGLAND_CODE, a region's code (Y56…, UNKNOWN) or the provider's ODS code.
    code = models.CharField(max_length=12)
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="figures")
    metric = models.CharField(max_length=8, choices=Metric.choices)
    # Two-digit code as published ('01' prone…), '' for all types together.
    intervention_type = models.CharField(max_length=4, blank=True)
    # Counts are rounded to the nearest 5 as published; MHS137 has one decimal place.
    value = models.DecimalField(max_digits=15, decimal_places=3, null=True, blank=True)
    suppressed = models.BooleanField(default=False)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "level", "code", "metric", "intervention_type"], name="one_figure_per_cell"
            ),
            models.CheckConstraint(
                condition=Q(suppressed=True, value__isnull=True) | Q(suppressed=False, value__isnull=False),
                name="suppressed_figures_have_no_value",
            ),
            models.CheckConstraint(
                condition=Q(level=Level.PROVIDER, provider__isnull=False)
                | (~Q(level=Level.PROVIDER) & Q(provider__isnull=True)),
                name="provider_figures_name_their_provider",
            ),
        ]
        indexes = [models.Index(fields=["level", "code", "metric", "month"], name="figures_for_an_organisation")]

    def __str__(self):
        shown = "[c]" if self.suppressed else self.value
        return f"{self.code} {self.metric} {self.intervention_type or 'all'} {self.month_id}: {shown}"


class StoryProvider(Orderable):
    """A provider an editor pins to a story: the story is listed on the provider's page."""

    story = ParentalKey("campaigns.StoryPage", on_delete=models.CASCADE, related_name="provider_pins")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="story_pins", verbose_name="provider")

    panels = [FieldPanel("provider")]

    class Meta(Orderable.Meta):
        verbose_name = "provider pinned to the story"
        constraints = [models.UniqueConstraint(fields=["story", "provider"], name="one_pin_per_story_and_provider")]

    def __str__(self):
        return f"{self.story} → {self.provider}"


class PostcodeSource(models.TextChoices):
    """Where a postcode's location came from: each is under the Open Government Licence, with its own attribution."""

    ONSPD = "onspd", "ONS Postcode Directory"
    CODE_POINT_OPEN = "codepoint", "OS Code-Point Open"


class PostcodeLocation(models.Model):
    """Where a postcode is, on the British National Grid, from import_postcode_locations.

    Both published sources give OSGB36 eastings and northings in metres (ONSPD as oseast1m/osnrth1m), so
    distances are straight lines on the grid: exact enough for "about 3 miles"."""

    postcode = models.CharField(max_length=8, unique=True, help_text='In its standard form: "EX4 4QJ".')
    eastings = models.PositiveIntegerField()
    northings = models.PositiveIntegerField()
    source = models.CharField(max_length=10, choices=PostcodeSource.choices)
    year = models.PositiveSmallIntegerField(help_text="The year it was imported, for the licence's attribution.")

    def __str__(self):
        return self.postcode

    @property
    def point(self):
        return (self.eastings, self.northings)
