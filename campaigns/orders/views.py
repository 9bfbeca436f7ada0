import logging

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from campaigns.orders import spam
from campaigns.orders.forms import OrderForm
from campaigns.orders.models import OrderSettings, new_reference
from campaigns.orders.placing import OverDailyCap, place_order
from guides.models import GuidePage
from mindsite.pages.errors import csrf_failure as site_csrf_failure

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
def order_form(request):
    guides = list(printed_guides())
    site = Site.find_for_request(request)
    order_settings = OrderSettings.for_site(site)
    if request.method == "POST" and guides:
        form = OrderForm(request.POST, guides=guides)
        # Errors first: a form with errors always gets them, whoever sent it.
        if form.is_valid():
            return _place(request, form, guides, site, order_settings)
    else:
        form = OrderForm(guides=guides, initial=_initial_quantities(request, guides))
    return _form_page(request, form, guides, order_settings)


@never_cache
def csrf_failure(request, reason=""):
    """Django's CSRF_FAILURE_VIEW: on the order form, the form again as typed; elsewhere the site's kind 403 page.

    A campaigner who leaves the form open a long time, or whose cookie was cleared, keeps what
    they typed and is asked to send it again. Nothing is placed on that request.
    """
    match = request.resolver_match
    if request.method != "POST" or match is None or match.view_name != "orders:order":
        return site_csrf_failure(request, reason)
    guides = list(printed_guides())
    typed = {name: request.POST.get(name) for name in request.POST if name != "csrfmiddlewaretoken"}
    # Unbound, with what was typed as its starting values: the one message is about sending it again.
    form = OrderForm(guides=guides, initial=typed)
    order_settings = OrderSettings.for_site(Site.find_for_request(request))
    return _form_page(request, form, guides, order_settings, send_again=True)


def _form_page(request, form, guides, order_settings, not_placed=None, send_again=False, status=200):
    return TemplateResponse(
        request,
        "orders/order_form.html",
        {
            "form": form.describe_fields(),
            "guides": guides,
            "order_settings": order_settings,
            "not_placed": not_placed,
            "send_again": send_again,
            "page_title": "Order printed guides",
        },
        status=status,
    )


def _place(request, form, guides, site, order_settings):
    """Place a valid order, hold it for review, or say plainly on the form why it was not placed."""
    decision = spam.decide(request)
    if decision.from_a_bot:
        return _pretend_to_accept(request, form)
    if decision.outcome is spam.Outcome.REFUSE:
        logger.warning("Print order not placed: one client is over ORDERS_PER_HOUR_BEFORE_REFUSAL")
        # What was typed stays in the form, so it can be copied into an email to the campaigns team.
        return _form_page(request, form, guides, order_settings, not_placed={"over_hourly_limit": True}, status=429)
    try:
        order = place_order(
            form.cleaned_data,
            form.quantities(),
            site=site,
            order_settings=order_settings,
            held_reason=decision.held_reason,
            daily_cap=settings.ORDER_DAILY_CAP_PER_ADDRESS,
        )
    except OverDailyCap as over:
        decision.give_back()
        logger.info("Print order not placed: over the daily cap to one %s", over.address_kind)
        not_placed = {"over_daily_cap": True, "count": over.count, "address_kind": over.address_kind}
        return _form_page(request, form, guides, order_settings, not_placed=not_placed)
    held = decision.outcome is spam.Outcome.HOLD
    _remember_for_confirmation(request, order.reference, form.quantities(), held=held)
    logger.info("Print order %s %s", order.reference, "held for review" if held else "placed")
    return redirect("orders:order_confirmation")


def _pretend_to_accept(request, form):
    """A caught bot whose form is otherwise valid sees what a person would. Nothing is saved or sent."""
    _remember_for_confirmation(request, new_reference(), form.quantities())
    logger.info("Print order form: submission dropped as spam")
    return redirect("orders:order_confirmation")


def _remember_for_confirmation(request, reference, quantities, held=False):
    # A new session key: the confirmation is not readable through a session fixed beforehand.
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "reference": reference,
        "items": [[guide.title, quantity] for guide, quantity in quantities],
        "held": held,
    }


@never_cache
def order_confirmation(request):
    confirmation = request.session.get(SESSION_KEY)
    if not confirmation:
        return redirect("orders:order")
    order_settings = OrderSettings.for_site(Site.find_for_request(request))
    held = confirmation.get("held", False)
    return TemplateResponse(
        request,
        "orders/order_held.html" if held else "orders/order_confirmation.html",
        {
            "reference": confirmation["reference"],
            "items": confirmation["items"],
            "order_settings": order_settings,
            "page_title": "Order received" if held else "Order placed",
        },
    )
