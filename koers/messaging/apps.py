from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "koers.messaging"
    verbose_name = "Berichten"

    def ready(self) -> None:
        from koers.messaging import signals  # noqa: F401 - connects the receivers
