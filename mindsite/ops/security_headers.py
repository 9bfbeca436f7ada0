"""The Content-Security-Policy, Permissions-Policy and Cross-Origin-Resource-Policy on every response.

Public pages get CONTENT_SECURITY_POLICY (settings): no inline script or style, nothing from
another origin but uploaded images in object storage. Only /admin/ gets the looser
ADMIN_CONTENT_SECURITY_POLICY that Wagtail's editor needs. Both are the same for every reader,
with no nonce, so the page cache can share a page. Django's SecurityMiddleware sends HSTS,
nosniff, Referrer-Policy and Cross-Origin-Opener-Policy.

Cross-Origin-Resource-Policy (CROSS_ORIGIN_RESOURCE_POLICY, same-origin) tells browsers not to hand
any of the site's responses to another site's page: a page, a CSV file, an image or a stylesheet
can be read only by this site's own pages. Its middleware comes first of all, so it also marks
static files (which WhiteNoise answers early in production), redirects and page-cache hits.
"""

from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.files.storage import default_storage

ADMIN_PREFIX = "/admin/"


@cache
def media_origin():
    """Where uploaded images come from when it is not this site (object storage or its CDN)."""
    address = urlsplit(default_storage.url("images/example.png"))
    return f"{address.scheme}://{address.netloc}" if address.netloc else None


def in_admin(request):
    """The admin, or a page preview: Wagtail renders a preview as a request for the page's own
    address, marked is_preview, and shows it in a frame of the editor."""
    return request.path_info.startswith(ADMIN_PREFIX) or getattr(request, "is_preview", False)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy under /admin/ (django-csp's documented
    way to vary the policy: extending get_policy_parts); a view's own decorator still wins."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None:
            policy = settings.ADMIN_CONTENT_SECURITY_POLICY if in_admin(request) else settings.CONTENT_SECURITY_POLICY
            parts.config = policy["DIRECTIVES"]
        origin = media_origin()
        if origin:
            parts.update = {**(parts.update or {}), "img-src": [origin]}
        return parts


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses, so injected content cannot use them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.ADMIN_PERMISSIONS_POLICY if in_admin(request) else settings.PERMISSIONS_POLICY
        response.headers.setdefault(
            "Permissions-Policy", ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())
        )
        return response


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy on every response the web process sends (outermost middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response
