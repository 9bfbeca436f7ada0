from django import template

from campaigns.alerts.forms import SignUpForm
from campaigns.alerts.signup import STARTED

register = template.Library()


@register.inclusion_tag("alerts/_sign_up_section.html")
def figure_alert_form(code, name):
    """'Email me when new figures are out' for a provider (its ODS code) or England ("ENGLAND"). No query."""
    return {"form": SignUpForm(code=code).describe_fields(), "code": code, "name": name, "started": STARTED.make()}
