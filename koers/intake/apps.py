from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "koers.intake"
    verbose_name = "Instroom en verwijzingen"

    def ready(self) -> None:
        from koers.intake import signals  # noqa: F401 - connects the receivers
