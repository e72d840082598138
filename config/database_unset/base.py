"""Django's dummy backend, complaining in our words instead of "supply the ENGINE value"."""

from typing import Any, NoReturn

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.dummy import base as dummy
from django.db.utils import OperationalError

from config.database_unset import MESSAGE


def complain(*args: Any, **kwargs: Any) -> NoReturn:
    raise ImproperlyConfigured(f"No database is configured. {MESSAGE}")


def cannot_connect(*args: Any, **kwargs: Any) -> NoReturn:
    # As a database that cannot be reached: commands that only glance at the database
    # (makemigrations checking the applied history) warn and go on, as Django lets them.
    raise OperationalError(f"No database is configured. {MESSAGE}")


class DatabaseOperations(dummy.DatabaseOperations):
    quote_name = complain


class DatabaseClient(dummy.DatabaseClient):
    runshell = complain


class DatabaseIntrospection(dummy.DatabaseIntrospection):
    get_table_list = complain
    get_table_description = complain
    get_relations = complain
    get_indexes = complain


class DatabaseWrapper(dummy.DatabaseWrapper):
    vendor = "unset"
    display_name = "no database (DATABASE_URL unset)"
    _cursor = cannot_connect
    ensure_connection = complain
    _commit = complain
    _savepoint_commit = complain
    _set_autocommit = complain
    client_class = DatabaseClient
    introspection_class = DatabaseIntrospection
    ops_class = DatabaseOperations
