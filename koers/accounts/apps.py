from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "koers.accounts"
    verbose_name = "Organisaties en gebruikers"
