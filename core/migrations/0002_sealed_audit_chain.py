"""Seal the audit trail as a hash chain; entries written before are sealed in id order."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from core import audit


def seal_existing(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    previous = audit.GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        content = audit.content(
            at=entry.at,
            actor=entry.actor,
            user_id=entry.user_id,
            api_key_id=entry.api_key_id,
            organisation_id=entry.organisation_id,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            before=entry.before,
            after=entry.after,
            reason=entry.reason,
        )
        entry.previous_hash = previous
        entry.hash = previous = audit.seal(previous, content)
        AuditEntry.objects.filter(pk=entry.pk).update(
            previous_hash=entry.previous_hash, hash=entry.hash
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="api_key",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to="core.apikey"
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="core.organisation",
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(max_length=64, unique=True),
        ),
    ]
