"""The database engine of a node whose DATABASE_URL is not set: every use of it fails
with a message saying what to set (config/settings.py, docs/decisions.md)."""

MESSAGE = (
    "Set DATABASE_URL (postgres://… in production; scripts/demo.sh sets a SQLite file "
    "for trying it out)."
)
