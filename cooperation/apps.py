from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "cooperation"

    def ready(self) -> None:
        from cooperation import receivers  # noqa: F401 - signal receivers
