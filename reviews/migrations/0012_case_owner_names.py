"""The owners a filing declares, by name, and the filing's reference on the case row
(the queue's search looked into every filing version's JSON and joined the filings: 600
ms at 100,000 cases), filled for existing cases, with trigram indexes on PostgreSQL for
them and for the case's reference, like the names' (0002): with every part of the search
indexed, PostgreSQL combines the indexes instead of reading all cases."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Case = apps.get_model("reviews", "Case")
    for case in Case.objects.filter(filing__isnull=False).iterator():
        version = case.filing.versions.order_by("-number").first()
        if version is None:
            continue
        content = version.content
        owners = [
            *(content.get("ultimate_investors") or []),
            *(content.get("beneficial_owners") or []),
        ]
        names = [str(o.get("name") or "") for o in owners if isinstance(o, dict)]
        case.owner_names = "; ".join(dict.fromkeys(n for n in names if n))[:5000]
        case.filing_reference = case.filing.reference
        case.save(update_fields=["owner_names", "filing_reference"])


INDEXED = ["owner_names", "filing_reference", "reference"]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in INDEXED:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS case_{column}_trgm ON reviews_case "
                f"USING gin (UPPER({column}::text) gin_trgm_ops)"
            )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in INDEXED:
            schema_editor.execute(f"DROP INDEX IF EXISTS case_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0011_case_documents_and_requests_outside"),
        ("screening", "0004_document_confidential"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="owner_names",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="case",
            name="filing_reference",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
