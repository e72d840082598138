"""The case row's search and filter fields (LEIs, the ultimate investors' countries),
filled for existing cases; on PostgreSQL, the indexes that keep the queue's name search
and its sector and country filters fast at 100,000 cases (pg_trgm for `icontains`,
GIN for JSON containment)."""

from django.db import migrations, models

POSTGRES_INDEXES = [
    ("case_title_trgm", "USING gin (UPPER(title::text) gin_trgm_ops)"),
    ("case_investor_name_trgm", "USING gin (UPPER(investor_name::text) gin_trgm_ops)"),
    ("case_target_name_trgm", "USING gin (UPPER(target_name::text) gin_trgm_ops)"),
    ("case_reference_upper", "(UPPER(reference::text))"),
    ("case_sectors_gin", "USING gin (sectors jsonb_path_ops)"),
    ("case_origin_countries_gin", "USING gin (origin_countries jsonb_path_ops)"),
]


def fill(apps, schema_editor):
    Case = apps.get_model("reviews", "Case")
    Assessment = apps.get_model("screening", "OwnershipAssessment")
    for case in Case.objects.filter(filing__isnull=False).iterator():
        version = case.filing.versions.order_by("-number").first()
        if version is None:
            continue
        content = version.content
        assessment = Assessment.objects.filter(version=version, status="done").first()
        links = (assessment.result or {}).get("state_links") or [] if assessment else []
        declared = {o.get("country", "") for o in content.get("ultimate_investors") or []}
        linked = {link.get("country", "") for link in links}
        case.investor_lei = ((content.get("investor") or {}).get("lei") or "").upper()
        case.target_lei = ((content.get("target") or {}).get("lei") or "").upper()
        case.origin_countries = sorted(c.upper() for c in declared | linked if c)
        case.save(update_fields=["investor_lei", "target_lei", "origin_countries"])
    for case in Case.objects.filter(filing__isnull=True).exclude(investor_country=""):
        case.origin_countries = [case.investor_country.upper()]
        case.save(update_fields=["origin_countries"])


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in POSTGRES_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON reviews_case {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in POSTGRES_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("screening", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="investor_lei",
            field=models.CharField(blank=True, db_index=True, max_length=20),
        ),
        migrations.AddField(
            model_name="case",
            name="target_lei",
            field=models.CharField(blank=True, db_index=True, max_length=20),
        ),
        migrations.AddField(
            model_name="case",
            name="origin_countries",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["authority", "opened_at"], name="case_authority_opened"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
