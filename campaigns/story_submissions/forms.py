from django import forms

from campaigns.models.pages import REGIONS
from campaigns.orders.forms import StartedField, hidden_message
from campaigns.story_submissions.models import CONTENT_NOTE_LENGTH, LONG, SHORT, SentStory
from campaigns.story_submissions.spam import STARTED_TOKEN
from mindsite.spam.hidden_characters import PlainCharField, PlainEmailField, PlainTextField


def _text(label, max_length, what, *, required=True, long=False, required_message="", help_text="", attrs=None):
    """A text field with its messages said in the words of its label."""
    field_class = PlainTextField if long else PlainCharField
    messages = {
        "max_length": f"{what} must be {max_length:,} characters or fewer",
        "hidden_characters": hidden_message(what),
    }
    if required_message:
        messages["required"] = required_message
    widget = (
        forms.Textarea(attrs={"rows": 8, "class": "textarea"}) if long else forms.TextInput(attrs={"class": "input"})
    )
    widget.attrs.update(attrs or {})
    return field_class(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages=messages,
        widget=widget,
    )


class StoryForm(forms.Form):
    """What someone fills in to tell us their story. Each field's hint says what it is for."""

    role = forms.ChoiceField(
        label="Which of these best describes you?",
        choices=SentStory.Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select which best describes you",
            "invalid_choice": "Select one of the options given",
        },
    )
    what_happened = _text(
        "What happened?",
        LONG,
        "What happened",
        long=True,
        required_message="Tell us what happened",
        help_text="Write as much or as little as you like. Please do not name staff or other patients.",
    )
    what_changed = _text(
        "What changed? (optional)",
        LONG,
        "What changed",
        required=False,
        long=True,
        help_text="For example, what you did about it, and anything that is different now. "
        "If nothing has changed yet, leave this blank.",
    )
    region = forms.ChoiceField(
        label="Where did it happen?",
        choices=[("", "Select a region")] + REGIONS,
        error_messages={
            "required": "Select the region where it happened",
            "invalid_choice": "Select one of the regions given",
        },
        widget=forms.Select(attrs={"class": "select"}),
    )
    place = _text(
        "Town, city or area (optional)",
        80,
        "Town, city or area",
        required=False,
        help_text="For example, 'Bristol'.",
    )
    provider = _text(
        "Hospital or service (optional)",
        SHORT,
        "Hospital or service",
        required=False,
        help_text="The hospital, ward, NHS trust or independent provider, if you want to say.",
    )
    content_note = _text(
        "Anything readers should know before they read it? (optional)",
        CONTENT_NOTE_LENGTH,
        "What readers should know before they read it",
        required=False,
        help_text="We show a short note like this before a story, for example 'This story describes restraint "
        "and an injury.'",
    )
    naming = forms.ChoiceField(
        label="If we publish your story, how should we name you?",
        choices=SentStory.Naming.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how we should name you",
            "invalid_choice": "Select one of the options given",
        },
    )
    name = _text(
        "Your name",
        SHORT,
        "Your name",
        required_message="Enter your name",
        help_text="Only our campaigns team sees it. We publish it only if you choose that above.",
        attrs={"autocomplete": "name", "spellcheck": "false"},
    )
    email = PlainEmailField(
        label="Your email address",
        max_length=254,
        help_text="We'll send you a note to say we have your story. Only our campaigns team sees your address.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address, like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
            "hidden_characters": hidden_message("Your email address"),
        },
        widget=forms.EmailInput(attrs={"class": "input", "autocomplete": "email", "spellcheck": "false"}),
    )
    consent_to_publish = forms.BooleanField(
        label="I agree that Mind may publish my story on this website, after it is reviewed, named as I chose above",
        error_messages={"required": "Tick to agree that we may publish your story, or email us instead"},
    )
    consent_to_contact = forms.BooleanField(
        label="Mind may email me about my story, for example to check a detail before it is published (optional)",
        required=False,
    )
    # A trap for bots, drawn by templates/components/bot_trap.html.
    website = forms.CharField(required=False)
    started = StartedField(token=STARTED_TOKEN)

    def error_summary(self):
        """[(field id, message)] in the order the fields appear; a group of radios is linked by its first one."""
        summary = []
        for name in self.fields:
            bound = self[name]
            target = f"{bound.auto_id}_0" if isinstance(bound.field.widget, forms.RadioSelect) else bound.auto_id
            summary += [(target, error) for error in bound.errors]
        return summary

    def describe_fields(self):
        """Point each input at its hint and error (aria-describedby) and mark invalid ones."""
        for name, field in self.fields.items():
            bound = self[name]
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.auto_id}-hint")
            if bound.errors:
                described_by.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
        return self
