"""The staff roles exist on every node from its first migration, not only where the demo
ran: an administrator gives people a role by adding them to its group (reviews/pure/workflow.py
`Role`, docs/review.md)."""

from django.db import migrations

ROLES = ["case_officer", "senior_officer", "contact_point", "administrator"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("reviews", "0002_case_search_fields"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
