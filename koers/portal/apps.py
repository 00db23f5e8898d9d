from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "koers.portal"
    verbose_name = "Portaal voor jongeren"
