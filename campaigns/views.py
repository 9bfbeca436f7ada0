from django.http import HttpResponse


def order_form(request):
    # Placeholder until the printed-copy order service lands (issue 3).
    return HttpResponse("Ordering printed copies is coming soon.", status=503)
