"""The two steps of 'Is this page useful?': Yes or No, then (after No) an optional 'What was wrong?'."""

from django import forms
from django.core import signing

from mindsite.feedback.models import COMMENT_MAX_LENGTH
from mindsite.spam.hidden_characters import PlainTextField

# The comment step names its answer by a signed id, not a cookie: nothing ties an answer to a person.
ANSWER_SALT = "mindsite.page-feedback-answer"
# Long enough to write a comment, short enough that an old form cannot reopen an answer.
ANSWER_MAX_AGE_SECONDS = 24 * 60 * 60


def answer_token(feedback_id, useful):
    """A signed note of one answer (feedback_id None for a caught bot's, which is never saved)."""
    return signing.dumps({"id": feedback_id, "useful": useful}, salt=ANSWER_SALT)


def read_answer_token(token):
    """{"id": ..., "useful": ...} from a token this site made in the last day, else None."""
    try:
        answer = signing.loads(token or "", salt=ANSWER_SALT, max_age=ANSWER_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(answer, dict) or not isinstance(answer.get("useful"), bool):
        return None
    return answer


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Select Yes or No", "invalid_choice": "Select Yes or No"},
    )

    def useful(self):
        return self.cleaned_data["answer"] == "yes"


class CommentForm(forms.Form):
    answer = forms.CharField(required=False, widget=forms.HiddenInput)
    comment = PlainTextField(
        label="What was wrong? (optional)",
        help_text="Please do not write your name, email or anything that could identify you or anyone else.",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"class": "textarea", "rows": 5, "spellcheck": "true"}),
        error_messages={
            "max_length": f"What was wrong must be {COMMENT_MAX_LENGTH:,} characters or fewer. "
            "You wrote %(show_value)s",
            "null_characters_not_allowed": "What was wrong has a hidden character in it. Type it again",
            "hidden_characters": "What was wrong has a hidden character in it. Type it again",
        },
    )

    def clean_answer(self):
        answer = read_answer_token(self.cleaned_data["answer"])
        if answer is None or answer["useful"]:
            raise forms.ValidationError("This form has expired. Copy your words, go back and choose No again")
        return answer

    def describe_fields(self):
        """Point the box at its hint and any error (aria-describedby), and mark it invalid."""
        bound = self["comment"]
        described_by = [f"{bound.auto_id}-hint"]
        errors = bound.errors or self["answer"].errors
        if errors:
            described_by.append(f"{bound.auto_id}-error")
            self.fields["comment"].widget.attrs["aria-invalid"] = "true"
        self.fields["comment"].widget.attrs["aria-describedby"] = " ".join(described_by)
        return self

    def error_messages_for_comment(self):
        """Every error shows at the box: an expired answer is about what was written too."""
        return [*self["answer"].errors, *self["comment"].errors]
