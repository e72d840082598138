"""Filters that refuse what they cannot use, as every other parameter does (400).

django-filter ignores a parameter given with no value (`?submitted_before=`) or a yes/no
parameter it cannot read (`?has_state_link=maybe`); the caller then gets an unfiltered
list and may not notice. A parameter is either left out or
given a value (docs/api-errors.md).
"""

from __future__ import annotations

import django_filters

BOOLEAN_WORDS = {"true", "false", "1", "0"}


class StrictFilterSet(django_filters.FilterSet):
    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if name not in self.data:
                continue
            given = self.data.get(name)
            if given == "":
                self.form.add_error(name, "Give a value, or leave the parameter out.")
                valid = False
            elif isinstance(declared, django_filters.BooleanFilter) and (
                str(given).lower() not in BOOLEAN_WORDS
            ):
                # django-filter reads any other word as "no filter".
                self.form.add_error(name, "Give true or false.")
                valid = False
        return valid
