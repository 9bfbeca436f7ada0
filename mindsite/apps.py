import mimetypes

from django.apps import AppConfig


class MindsiteConfig(AppConfig):
    name = "mindsite"
    verbose_name = "Site"

    def ready(self):
        from mindsite import checks  # noqa: F401 (registers the system checks)
        from mindsite.signal_handlers import register_signal_handlers

        # Python 3.11 knows WebP only from the system's /etc/mime.types, which a slim server may
        # lack: without this, WebP renditions would not be served (mindsite/media.py) or would be
        # stored in a bucket with no image type.
        mimetypes.add_type("image/webp", ".webp")
        register_signal_handlers()
