from django.apps import AppConfig


class MethodConfig(AppConfig):
    name = "koers.method"
    verbose_name = "Werkwijze"

    def ready(self) -> None:
        from koers.method import signals  # noqa: F401 - connects the receivers
