"""Documents get the name they are downloaded under: the original name with the extension
of the type their bytes show (docs/api-documents.md). Existing rows are named the same way;
their stored files keep the path they have."""

from django.db import migrations, models

# The extensions as screening.services.EXTENSIONS had them when this was written; copied so
# that the migration does not change when the code does.
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/tiff": "tif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def name_documents(apps, schema_editor):
    Document = apps.get_model("screening", "Document")
    for document in Document.objects.only("original_name", "media_type").iterator():
        base = document.original_name.replace("\\", "/").rsplit("/", 1)[-1]
        stem, dot, _ = base.rpartition(".")
        stem = "".join(c for c in (stem if dot else base) if c.isprintable()).strip(" .")
        extension = EXTENSIONS.get(document.media_type, "bin")
        document.name = f"{stem[:200] or 'document'}.{extension}"
        document.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="name",
            field=models.CharField(
                default="",
                help_text="The original name with the extension of the detected type: the "
                "name it is stored and downloaded under",
                max_length=255,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(name_documents, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="document",
            name="original_name",
            field=models.CharField(help_text="As uploaded; for the record", max_length=255),
        ),
    ]
