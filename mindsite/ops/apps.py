import mimetypes

from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site: backups and restore, JSON logs, media storage, security headers."""

    name = "mindsite.ops"
    verbose_name = "Operations"

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)

        # Python 3.11 knows WebP only from the system's /etc/mime.types, which a slim server may
        # lack: without this, WebP renditions would not be served (mindsite/ops/media.py) or would
        # be stored in a bucket with no image type.
        mimetypes.add_type("image/webp", ".webp")
