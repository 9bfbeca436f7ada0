import re

from django import forms
from django.utils.functional import cached_property
from localflavor.gb.forms import GBPostcodeField

from campaigns.orders.models import PrintOrder
from campaigns.orders.spam import STARTED_TOKEN
from mindsite.spam.hidden_characters import PlainCharField, PlainEmailField, PlainTextField, RefusesHiddenCharacters

QUANTITY_PREFIX = "guide_"


def hidden_message(what):
    """The message for a field with a character nobody can see in it (mindsite/spam/hidden_characters.py)."""
    return f"{what} has a hidden character in it. Type it again"


class UKPostcodeField(RefusesHiddenCharacters, GBPostcodeField):
    """A UK postcode, however it is spaced or cased: 'sw1a1aa' becomes 'SW1A 1AA'."""

    default_error_messages = {"invalid": "Enter a full UK postcode, like SW1A 1AA"}
    allowed = frozenset()

    def to_python(self, value):
        value = super().to_python(value)
        # Before the spacing is taken out: a line break or tab inside is refused, as in every field.
        self.refuse_hidden_characters(value)
        return re.sub(r"\s+", "", value)


class CampaignerDetailsForm(forms.Form):
    """Who the copies are for, where to post them and why: the eight fields both order forms ask.

    Declared once, with the lengths an order keeps (PrintOrder) and the UK postcode rule. Each
    form words them for whoever fills it in (the public form speaks to the campaigner, the team's
    form about them): `labels`, `help_texts`, `error_messages` and `widget_attrs`, by field name.
    """

    full_name = PlainCharField(
        label="Full name",
        max_length=200,
        error_messages={
            "max_length": "Full name must be 200 characters or fewer",
            "hidden_characters": hidden_message("Full name"),
        },
    )
    email = PlainEmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "invalid": "Enter an email address, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
            "hidden_characters": hidden_message("Email address"),
        },
    )
    organisation = PlainCharField(
        label="Organisation",
        required=False,
        max_length=200,
        error_messages={
            "max_length": "Organisation must be 200 characters or fewer",
            "hidden_characters": hidden_message("Organisation"),
        },
    )
    address_line_1 = PlainCharField(
        label="Address line 1",
        max_length=200,
        error_messages={
            "required": "Enter the building and street",
            "max_length": "Address line 1 must be 200 characters or fewer",
            "hidden_characters": hidden_message("Address line 1"),
        },
    )
    address_line_2 = PlainCharField(
        label="Address line 2",
        required=False,
        max_length=200,
        error_messages={
            "max_length": "Address line 2 must be 200 characters or fewer",
            "hidden_characters": hidden_message("Address line 2"),
        },
    )
    town = PlainCharField(
        label="Town or city",
        max_length=100,
        error_messages={
            "max_length": "Town or city must be 100 characters or fewer",
            "hidden_characters": hidden_message("Town or city"),
        },
    )
    postcode = UKPostcodeField(
        label="Postcode",
        max_length=20,
        error_messages={
            "hidden_characters": hidden_message("Postcode"),
        },
    )
    purpose = PlainTextField(required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))

    labels = {}
    help_texts = {}
    error_messages = {}
    widget_attrs = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            self.fields[name].label = label
        for name, help_text in self.help_texts.items():
            self.fields[name].help_text = help_text
        for name, messages in self.error_messages.items():
            self.fields[name].error_messages.update(messages)
        for name, attrs in self.widget_attrs.items():
            self.fields[name].widget.attrs.update(attrs)


class StartedField(forms.CharField):
    """When the form was drawn, signed (campaigns/orders/spam.py): a form sent back sooner is a bot's.

    Drawn again (after an error, or a failed CSRF check) it keeps the time it was first drawn, if
    that is genuine, since a person fixing one field can be quick; otherwise it has a fresh one.
    """

    widget = forms.HiddenInput

    def __init__(self, token=STARTED_TOKEN, **kwargs):
        super().__init__(required=False, **kwargs)
        # The form's own token (mindsite/spam/rules.py StartedToken): "Tell us your story" has another.
        self.token = token

    @cached_property
    def fresh_token(self):
        # One per form: the same wherever the form asks for its value.
        return self.token.make()

    def prepare_value(self, value):
        return value if self.token.is_valid(value) else self.fresh_token


class OrderForm(CampaignerDetailsForm):
    """What a campaigner fills in to order printed guides. One 'Number of copies' field per printed guide."""

    labels = {
        "organisation": "Organisation (optional)",
        "address_line_2": "Address line 2 (optional)",
        "purpose": "What will you use them for? (optional)",
    }
    help_texts = {
        "email": "We'll send your confirmation here.",
        "organisation": "For example, your group, ward or trust.",
        "purpose": "For example, 'to give to families at our carers' group'. It helps us plan print runs.",
    }
    error_messages = {
        "full_name": {"required": "Enter your full name"},
        "email": {"required": "Enter your email address"},
        "town": {"required": "Enter town or city"},
        "postcode": {"required": "Enter your postcode"},
        "purpose": {
            "max_length": "What you will use them for must be 1,000 characters or fewer",
            "hidden_characters": hidden_message("What you will use them for"),
        },
    }
    widget_attrs = {
        "full_name": {"autocomplete": "name", "spellcheck": "false", "class": "input"},
        "email": {"autocomplete": "email", "spellcheck": "false", "class": "input"},
        "organisation": {"autocomplete": "organization", "class": "input"},
        "address_line_1": {"autocomplete": "address-line1", "class": "input"},
        "address_line_2": {"autocomplete": "address-line2", "class": "input"},
        "town": {"autocomplete": "address-level2", "class": "input"},
        "postcode": {"autocomplete": "postal-code", "spellcheck": "false", "class": "input input--short"},
        "purpose": {"class": "textarea"},
    }

    privacy = forms.BooleanField(
        label="I have read the privacy notice",
        error_messages={"required": "Confirm that you have read the privacy notice"},
    )
    wants_updates = forms.BooleanField(
        label="Email me news about the campaign (optional)",
        required=False,
        help_text="We'll only use your email address for this. You can unsubscribe at any time.",
    )
    # A trap for bots, drawn by templates/components/bot_trap.html.
    website = forms.CharField(required=False)
    started = StartedField()

    def __init__(self, *args, guides, **kwargs):
        super().__init__(*args, **kwargs)
        self.guides = list(guides)
        quantity_fields = {}
        for guide in self.guides:
            limit = guide.max_copies_per_order
            quantity_fields[self.quantity_field_name(guide)] = forms.IntegerField(
                label="Number of copies",
                # Left blank means none of this guide.
                required=False,
                min_value=0,
                max_value=limit,
                initial=0,
                help_text=f"From 0 to {limit}",
                # Short enough for a phone: the guide's title is the field's legend, and the summary names it.
                error_messages={
                    "invalid": "Enter a whole number of copies, like 10",
                    "min_value": "Number of copies must be 0 or more",
                    "max_value": f"Number of copies must be {limit} or fewer",
                },
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "spellcheck": "false", "class": "input input--short"}
                ),
            )
        # Guides first, in the order the campaigner meets them.
        self.fields = {**quantity_fields, **self.fields}

    @staticmethod
    def quantity_field_name(guide):
        return f"{QUANTITY_PREFIX}{guide.pk}"

    def guide_fields(self):
        return [(guide, self[self.quantity_field_name(guide)]) for guide in self.guides]

    def personal_fields(self):
        names = ["full_name", "email", "organisation", "address_line_1", "address_line_2", "town", "postcode"]
        return [self[name] for name in names]

    def clean(self):
        cleaned = super().clean()
        if self.guides and not any(self.errors.get(self.quantity_field_name(g)) for g in self.guides):
            if not any(cleaned.get(self.quantity_field_name(g)) for g in self.guides):
                self.add_error(
                    self.quantity_field_name(self.guides[0]),
                    "Enter how many copies you need",
                )
        return cleaned

    def quantities(self):
        """[(guide, quantity)] for each guide ordered, once the form is valid."""
        return [
            (guide, self.cleaned_data[self.quantity_field_name(guide)])
            for guide in self.guides
            if self.cleaned_data.get(self.quantity_field_name(guide))
        ]

    def error_summary(self):
        """[(field id, message)] in the order the fields appear, for the error summary.

        A guide's number of copies is named by the guide (the words after its title's colon, if it has one),
        so two guides' messages can be told apart away from their fields."""
        guides = {self.quantity_field_name(guide): guide.title.rpartition(": ")[2] for guide in self.guides}
        return [
            (self[name].auto_id, f"{guides[name]}: {error}" if name in guides else error)
            for name in self.fields
            for error in self[name].errors
        ]

    def describe_fields(self):
        """Point each input at its hint and error (aria-describedby) and mark invalid ones."""
        for name, field in self.fields.items():
            bound = self[name]
            described_by = []
            if field.help_text or name == "privacy":
                described_by.append(f"{bound.auto_id}-hint")
            if bound.errors:
                described_by.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
        return self


# Enough for any order the team takes by hand, and a typo like 5000 for 50 is stopped.
TEAM_MAX_COPIES = 1000
SOURCES_BY_HAND = [choice for choice in PrintOrder.Source.choices if choice[0] != PrintOrder.Source.WEB]


class TeamOrderForm(CampaignerDetailsForm):
    """An order the campaigns team received by phone, email or post and enters in the admin."""

    labels = {"purpose": "What they will use them for"}
    help_texts = {
        "email": "Needed to send a confirmation or campaign news. Leave blank if they gave none.",
        "postcode": "We post to UK addresses only.",
    }
    error_messages = {
        "full_name": {"required": "Enter the campaigner's full name"},
        "town": {"required": "Enter the town or city"},
        "postcode": {"required": "Enter the postcode"},
        "purpose": {
            "max_length": "What they will use them for must be 1,000 characters or fewer",
            "hidden_characters": hidden_message("What they will use them for"),
        },
    }
    widget_attrs = {"purpose": {"rows": 3}}
    field_order = ["source"]

    source = forms.ChoiceField(
        label="How the order was received",
        choices=SOURCES_BY_HAND,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the order was received"},
    )
    wants_updates = forms.BooleanField(
        label="They asked for emails about the campaign",
        required=False,
    )
    send_confirmation = forms.BooleanField(
        label="Send the campaigner a confirmation email",
        required=False,
        help_text="It gives the reference and the address we will post to. The campaigns inbox is emailed either way.",
    )

    def __init__(self, *args, guides, **kwargs):
        super().__init__(*args, **kwargs)
        # An order by post may come with no email address: clean() says when one is needed.
        self.fields["email"].required = False
        self.guides = list(guides)
        quantity_fields = {}
        for guide in self.guides:
            quantity_fields[OrderForm.quantity_field_name(guide)] = forms.IntegerField(
                label=f"Copies of {guide.title}",
                required=False,
                min_value=0,
                max_value=TEAM_MAX_COPIES,
                help_text=(
                    f"The order form allows up to {guide.max_copies_per_order}; "
                    f"you can enter up to {TEAM_MAX_COPIES:,} here."
                ),
                error_messages={
                    "invalid": f"Copies of {guide.title} must be a whole number, like 10",
                    "min_value": f"Copies of {guide.title} must be 0 or more",
                    "max_value": f"Copies of {guide.title} must be {TEAM_MAX_COPIES:,} or fewer",
                },
                widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
            )
        self.fields = {**quantity_fields, **self.fields}

    def guide_fields(self):
        return [self[OrderForm.quantity_field_name(guide)] for guide in self.guides]

    def clean(self):
        cleaned = super().clean()
        if not self.guides:
            raise forms.ValidationError("No guide is available in print. Mark a guide as available in print first.")
        names = [OrderForm.quantity_field_name(guide) for guide in self.guides]
        if not any(self.errors.get(name) for name in names) and not any(cleaned.get(name) for name in names):
            self.add_error(names[0], "Enter the number of copies of at least one guide")
        if not cleaned.get("email") and "email" not in self.errors:
            if cleaned.get("source") == PrintOrder.Source.EMAIL:
                self.add_error("email", "Enter the email address the order came from")
            elif cleaned.get("send_confirmation"):
                self.add_error(
                    "email",
                    "Enter the campaigner's email address, or untick 'Send the campaigner a confirmation email'",
                )
            elif cleaned.get("wants_updates"):
                self.add_error(
                    "email",
                    "Enter the campaigner's email address, or untick 'They asked for emails about the campaign'",
                )
        return cleaned

    def quantities(self):
        """[(guide, quantity)] for each guide ordered, once the form is valid."""
        return [
            (guide, self.cleaned_data[OrderForm.quantity_field_name(guide)])
            for guide in self.guides
            if self.cleaned_data.get(OrderForm.quantity_field_name(guide))
        ]
