"""The pure modules of `screening`: no Django, no database, no I/O (docs/architecture.md).

The import-linter contract in pyproject.toml keeps them so."""
