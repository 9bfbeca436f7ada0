"""A bench-only view: the baseline `make bench` measures every page against (bench/run.py).

Routed only when settings.BENCH_VIEWS is true (the BENCH_VIEWS=true environment variable),
which nothing but the bench sets. It passes through every middleware a page does, then answers
a few bytes without touching the database or a template: what Django on this machine can serve
at best, so a page's requests/s divided by this one's says how close the page is to the limit.
"""

from django.http import HttpResponse


def minimal(request):
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")
