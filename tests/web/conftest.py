"""The reviews' fixtures (a filed case, staff), for the pages."""

from tests.reviews.conftest import eager_tasks, filed  # noqa: F401 - shared fixtures
