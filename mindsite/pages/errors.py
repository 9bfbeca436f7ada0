"""The 400, 500 and CSRF-failure (403) pages, drawn without the database or the request.

The database may be what failed; and a request too odd to read (a form sent as UTF-16, say) would
fail again in anything that reads it, as the site's context processors and Wagtail's tags do.
Neither page is ever stored by a browser or a cache in between (Cache-Control: no-store).
"""

from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers

from mindsite.pages.models.menu_and_footer import CONTACT_EMAIL, HELP_NOW_CONTACTS, HELP_NOW_HEADING, HELP_NOW_TEXT


def error_page(template_name, response_class):
    # A plain context, not the request's: its processors read site settings and the signed-in
    # user from the database. The crisis help is the block's own numbers and the text the site starts with.
    context = {
        "help_now_heading": HELP_NOW_HEADING,
        "help_now_contacts": HELP_NOW_CONTACTS,
        "help_now_text": HELP_NOW_TEXT,
        "contact_email": CONTACT_EMAIL,
    }
    response = response_class(loader.get_template(template_name).render(context))
    add_never_cache_headers(response)
    return response


def bad_request(request, exception):
    return error_page("400.html", HttpResponseBadRequest)


def server_error(request):
    return error_page("500.html", HttpResponseServerError)


def csrf_failure(request, reason=""):
    """A form sent back without its security token (a cleared cookie, a page left open for days): say so kindly.

    Django's own page speaks of CSRF tokens and Referer headers. Forms that can draw themselves again
    with what was typed do so first (the order form: campaigns/orders/views.py, CSRF_FAILURE_VIEW).
    """
    return error_page("403_csrf.html", HttpResponseForbidden)
