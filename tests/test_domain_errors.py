"""Services speak the domain's language: no service module raises (or subclasses) an
exception of Django REST framework. They raise `core.errors` kinds, which the API maps
to HTTP once and the pages to a message once (docs/api-errors.md)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ["core", "ownership", "screening", "reviews", "cooperation"]
# The API's own edge: serializers, views, permissions, parsers, schema; DRF is theirs.
EDGE = {
    "api.py",
    "views.py",
    "admin.py",
    "permissions.py",
    "authentication.py",
    "pagination.py",
    "parsers.py",
    "filters.py",
    "openapi.py",
    "schemas.py",
    "idempotency.py",
    "errors.py",
    "filing_content.py",
    "serializers.py",
}


def domain_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if path.name in EDGE or {"api", "migrations", "management"} & set(parts):
                continue
            yield path


def drf_names(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rest_framework"):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def root_name(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def drf_exceptions_raised(path):
    tree = ast.parse(path.read_text())
    names = drf_names(tree)
    found = []
    for node in ast.walk(tree):
        raised = node.exc if isinstance(node, ast.Raise) else None
        if isinstance(raised, ast.Call) and root_name(raised.func) in names:
            found.append(f"line {raised.lineno}: raise {ast.unparse(raised.func)}")
        if isinstance(node, ast.ClassDef):
            found += [
                f"line {node.lineno}: class {node.name}({ast.unparse(base)})"
                for base in node.bases
                if root_name(base) in names
            ]
    return found


@pytest.mark.parametrize("path", list(domain_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_service_module_raises_a_drf_exception(path):
    assert drf_exceptions_raised(path) == []


def test_the_check_finds_a_drf_exception_where_there_is_one(tmp_path):
    module = tmp_path / "services.py"
    module.write_text(
        "from rest_framework import exceptions\n"
        "def refuse():\n"
        "    raise exceptions.PermissionDenied('no')\n"
    )

    assert drf_exceptions_raised(module) == ["line 3: raise exceptions.PermissionDenied"]
