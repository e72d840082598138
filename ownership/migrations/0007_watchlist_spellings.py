"""The spelling net replaces the trigram net: the words of the list's names filed under
their spellings (as written, and with each one letter left out), looked up by equality;
the GIN trigram index over the words goes. The words already listed are filed here.
The entities' last writing is indexed, for screenings against what an import changed."""

from django.db import migrations, models

TRIGRAM_INDEX = "watchlist_word_trgm"  # of 0006
BATCH = 5_000


def file_listed_words(apps, schema_editor):
    from ownership.name_search import SHORTEST_WORD, spellings

    frequency = apps.get_model("ownership", "WatchlistKeyFrequency")
    spelling = apps.get_model("ownership", "WatchlistSpelling")
    rows = []
    words = frequency.objects.filter(df__gt=0).exclude(word="").values_list("key", "word")
    for key, word in words.iterator(chunk_size=BATCH):
        if len(word) >= SHORTEST_WORD - 1:
            rows.extend(spelling(spelling=hashed, key=key) for hashed in spellings(word))
        if len(rows) >= BATCH:
            spelling.objects.bulk_create(rows, ignore_conflicts=True)
            rows = []
    spelling.objects.bulk_create(rows, ignore_conflicts=True)


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON ownership_watchlistkeyfrequency "
            "USING gin (word gin_trgm_ops) WHERE word <> ''"
        )


class Migration(migrations.Migration):
    dependencies = [("ownership", "0006_watchlist_retrieval")]

    operations = [
        migrations.CreateModel(
            name="WatchlistSpelling",
            fields=[
                ("pk", models.CompositePrimaryKey("spelling", "key", blank=True, editable=False, primary_key=True, serialize=False)),
                ("spelling", models.BigIntegerField()),
                ("key", models.BigIntegerField(help_text="The word's key (WatchlistKeyFrequency.key)")),
            ],
            options={
                "indexes": [models.Index(fields=["key"], name="watchlist_spelling_key")],
            },
        ),
        migrations.RunPython(file_listed_words, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="watchlistentity",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, db_index=True),
        ),
        migrations.RunPython(drop_trigram_index, create_trigram_index),
    ]
