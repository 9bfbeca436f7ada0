"""The 500 page, drawn without the database: the database may be what failed."""

from django.http import HttpResponseServerError
from django.template import loader

from mindsite.pages.models.menu_and_footer import CONTACT_EMAIL, HELP_NOW_CONTACTS, HELP_NOW_HEADING, HELP_NOW_TEXT


def server_error(request):
    # A plain context, not the request's: its processors read site settings and the signed-in
    # user from the database. The crisis help is the block's own numbers and the text the site starts with.
    template = loader.get_template("500.html")
    context = {
        "help_now_heading": HELP_NOW_HEADING,
        "help_now_contacts": HELP_NOW_CONTACTS,
        "help_now_text": HELP_NOW_TEXT,
        "contact_email": CONTACT_EMAIL,
    }
    return HttpResponseServerError(template.render(context))
