# The signed heads of the audit trail (core/audit.py, docs/security.md).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_idempotent_request_location'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditHead',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('node', models.CharField(max_length=10)),
                ('last_entry_id', models.BigIntegerField()),
                ('last_entry_hash', models.CharField(max_length=64)),
                ('entry_count', models.PositiveBigIntegerField()),
                ('signed_at', models.DateTimeField(db_index=True)),
                ('key_id', models.CharField(max_length=16)),
                ('public_key', models.CharField(max_length=60)),
                ('signature', models.CharField(max_length=100)),
            ],
            options={
                'ordering': ['id'],
            },
        ),
    ]
