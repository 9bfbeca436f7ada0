from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content `make run` loads (load_demo_content): the one app that knows every other."""

    name = "mindsite.demo"
    verbose_name = "Demo content"
