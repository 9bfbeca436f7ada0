from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Guides"

    def ready(self):
        from guides.pdf.signal_handlers import register_signal_handlers as register_pdf_signal_handlers
        from guides.signal_handlers import register_signal_handlers

        register_signal_handlers()
        register_pdf_signal_handlers()
