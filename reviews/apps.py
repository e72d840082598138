from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"

    def ready(self) -> None:
        # Signal receivers, after-commit effect handlers, the regime's start-up check.
        from reviews import effects, notices, receivers, regime  # noqa: F401
