"""Filters that refuse what they cannot use, as every other parameter does (400).

django-filter ignores a parameter given with no value (`?submitted_before=`); the caller
then gets an unfiltered list and may not notice. A parameter is either left out or
given a value (docs/api-errors.md).
"""

from __future__ import annotations

import django_filters


class StrictFilterSet(django_filters.FilterSet):
    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.filters:
            if name in self.data and self.data.get(name) == "":
                self.form.add_error(name, "Give a value, or leave the parameter out.")
                valid = False
        return valid
