# This node's private signing keys are encrypted at rest (cooperation/keys.py,
# docs/security.md): the keys written before are encrypted in place, then the column is
# renamed so nothing reads the ciphertext as a key. Reversible: decrypts again.

from django.db import migrations, models

from cooperation import keys


def encrypt_existing(apps, schema_editor):
    NodeKey = apps.get_model("cooperation", "NodeKey")
    for key in NodeKey.objects.filter(secret_key__startswith="whsk_"):
        NodeKey.objects.filter(pk=key.pk).update(secret_key=keys.encrypt(key.secret_key))


def decrypt_existing(apps, schema_editor):
    NodeKey = apps.get_model("cooperation", "NodeKey")
    for key in NodeKey.objects.exclude(secret_key__startswith="whsk_"):
        NodeKey.objects.filter(pk=key.pk).update(secret_key=keys.decrypt(key.secret_key))


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0003_message_read"),
    ]

    operations = [
        migrations.AlterField(
            model_name="nodekey",
            name="secret_key",
            field=models.TextField(),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
        migrations.RenameField(
            model_name="nodekey",
            old_name="secret_key",
            new_name="secret_key_encrypted",
        ),
    ]
