"""The sign-up form: an email address, nothing else (the provider, or England, comes from the page)."""

from django import forms

from mindsite.spam.hidden_characters import PlainEmailField


class SignUpForm(forms.Form):
    email = PlainEmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address, like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
            "hidden_characters": "Your email address has a hidden character in it. Type it again",
            "null_characters_not_allowed": "Your email address has a hidden character in it. Type it again",
        },
    )

    def __init__(self, *args, code, **kwargs):
        # One id per page: the form is on a provider's page once, and on its own page when sent back.
        kwargs.setdefault("auto_id", "figure-alert-%s")
        super().__init__(*args, **kwargs)
        self.code = code
        field = self.fields["email"]
        field.widget.attrs.update({"autocomplete": "email", "spellcheck": "false", "class": "input"})

    def describe_fields(self):
        """Point the input at its hint and error (aria-describedby), and mark it invalid."""
        bound = self["email"]
        described_by = [f"{bound.auto_id}-hint"]
        if bound.errors:
            described_by.append(f"{bound.auto_id}-error")
            self.fields["email"].widget.attrs["aria-invalid"] = "true"
        self.fields["email"].widget.attrs["aria-describedby"] = " ".join(described_by)
        return self

    def clean_email(self):
        return self.cleaned_data["email"].lower()
