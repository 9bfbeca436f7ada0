"""A failed CSRF check on the order form shows the form again, not Django's bare 403 page.

A campaigner who leaves the form open a long time, or whose cookie was cleared, keeps what
they typed and is asked to send it again. Nothing is placed on that request. Every other
view keeps Django's normal CSRF protection; this one runs the same check itself.
"""

from functools import wraps

from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from campaigns.orders.forms import OrderForm
from campaigns.orders.models import OrderSettings

# Never called: process_view() only needs a middleware instance.
_check = CsrfViewMiddleware(lambda request: None)


def order_form_survives_csrf_failure(view):
    """Run Django's CSRF check for `view`; on failure, show the order form again with what was typed."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        # The view as given is not exempt, so process_view() checks it as the middleware would have.
        if _check.process_view(request, view, args, kwargs) is None:
            return view(request, *args, **kwargs)
        return send_it_again(request)

    # The site-wide middleware leaves this view to the check above.
    return csrf_exempt(checked)


def send_it_again(request):
    # Imported here: views.py imports this module for its decorator.
    from campaigns.orders.views import printed_guides

    guides = list(printed_guides())
    typed = {name: request.POST.get(name) for name in request.POST if name != "csrfmiddlewaretoken"}
    # Unbound, with what was typed as its starting values: the one message is about sending it again.
    form = OrderForm(guides=guides, initial=typed)
    return TemplateResponse(
        request,
        "orders/order_form.html",
        {
            "form": form.describe_fields(),
            "guides": guides,
            "order_settings": OrderSettings.for_site(Site.find_for_request(request)),
            "page_title": "Order printed guides",
            "send_again": True,
        },
    )
