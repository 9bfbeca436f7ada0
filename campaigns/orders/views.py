import logging

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from campaigns.orders import spam
from campaigns.orders.csrf import order_form_survives_csrf_failure
from campaigns.orders.forms import OrderForm
from campaigns.orders.models import OrderSettings, new_reference
from campaigns.orders.placing import place_order
from guides.models import GuidePage

logger = logging.getLogger(__name__)

# The session holds the last order's reference and guides (no personal data), so only
# the browser that placed the order sees its confirmation.
SESSION_KEY = "print_order_confirmation"


def printed_guides():
    return GuidePage.objects.live().public().filter(available_in_print=True).order_by("path")


def _initial_quantities(request, guides):
    selected = request.GET.get("guide", "")
    return {OrderForm.quantity_field_name(guide): 1 if selected == str(guide.pk) else 0 for guide in guides}


@never_cache
@order_form_survives_csrf_failure
def order_form(request):
    guides = list(printed_guides())
    site = Site.find_for_request(request)
    order_settings = OrderSettings.for_site(site)
    if request.method == "POST" and guides:
        form = OrderForm(request.POST, guides=guides)
        if form.looks_like_a_bot() or spam.filled_too_fast(request.POST.get("started")):
            return _pretend_to_accept(request, form)
        if form.is_valid():
            data = form.cleaned_data
            if spam.over_throttle(request) or spam.over_daily_cap(
                data["email"], data["postcode"], data["address_line_1"]
            ):
                return _pretend_to_accept(request, form)
            order = place_order(form.cleaned_data, form.quantities(), site=site, order_settings=order_settings)
            _remember_for_confirmation(request, order.reference, form.quantities())
            logger.info("Print order %s placed", order.reference)
            return redirect("orders:order_confirmation")
        started = request.POST.get("started")
        if not spam.valid_started_token(started):
            started = spam.form_started_token()
        form = _with_started(form, started)
    else:
        form = OrderForm(
            guides=guides, initial={**_initial_quantities(request, guides), "started": spam.form_started_token()}
        )
    return TemplateResponse(
        request,
        "orders/order_form.html",
        {
            "form": form.describe_fields(),
            "guides": guides,
            "order_settings": order_settings,
            "page_title": "Order printed guides",
        },
    )


def _with_started(form, started):
    # Keep the first timestamp when the form comes back with errors: a person fixing one
    # field can be quick.
    data = form.data.copy()
    data["started"] = started
    form.data = data
    return form


def _pretend_to_accept(request, form):
    """A caught bot sees what a person would. Nothing is saved or sent."""
    quantities = form.quantities() if form.is_valid() else []
    _remember_for_confirmation(request, new_reference(), quantities)
    logger.info("Print order form: submission dropped as spam")
    return redirect("orders:order_confirmation")


def _remember_for_confirmation(request, reference, quantities):
    # A new session key: the confirmation is not readable through a session fixed beforehand.
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "reference": reference,
        "items": [[guide.title, quantity] for guide, quantity in quantities],
    }


@never_cache
def order_confirmation(request):
    confirmation = request.session.get(SESSION_KEY)
    if not confirmation:
        return redirect("orders:order")
    order_settings = OrderSettings.for_site(Site.find_for_request(request))
    return TemplateResponse(
        request,
        "orders/order_confirmation.html",
        {
            "reference": confirmation["reference"],
            "items": confirmation["items"],
            "order_settings": order_settings,
            "page_title": "Order placed",
        },
    )
