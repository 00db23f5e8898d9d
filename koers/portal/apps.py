from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "koers.portal"
    verbose_name = "Portaal voor jongeren"

    def ready(self) -> None:
        from koers.portal import signals  # noqa: F401 - connects the receivers
