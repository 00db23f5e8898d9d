from django.apps import AppConfig


class TrajectoriesConfig(AppConfig):
    name = "koers.trajectories"
    verbose_name = "Jongeren en trajecten"
