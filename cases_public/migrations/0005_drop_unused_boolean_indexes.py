"""Drop the single-column indexes on the report's boolean columns.

No query reads them: the public list filters by pollution type and penalty through partial
indexes (0004), and a bare boolean in WHERE cannot use such an index on SQLite anyway. Each
still cost a B-tree write on every pushed case. The field changes are recorded as state only:
Django's SQLite schema editor would rebuild the whole table (and its forty indexes) once per
field to drop an index; a DROP INDEX per column does the same on both databases.
"""

from django.db import migrations, models

COLUMNS = [
    "category_air",
    "category_ecology",
    "category_noise",
    "category_other",
    "category_radiation",
    "category_soil",
    "category_solid_waste",
    "category_water",
    "disclose",
    "penalty_case_filed",
]


def _index_names(schema_editor, model):
    table = model._meta.db_table
    return {column: schema_editor._create_index_name(table, [column], suffix="") for column in COLUMNS}


def drop_indexes(apps, schema_editor):
    model = apps.get_model("cases_public", "CompletionReport")
    for name in _index_names(schema_editor, model).values():
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_indexes(apps, schema_editor):
    model = apps.get_model("cases_public", "CompletionReport")
    for column, name in _index_names(schema_editor, model).items():
        schema_editor.execute(
            f"CREATE INDEX {schema_editor.quote_name(name)} ON "
            f"{schema_editor.quote_name(model._meta.db_table)} ({schema_editor.quote_name(column)})"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases_public", "0004_list_filter_indexes_and_statistics"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
            state_operations=[
                migrations.AlterField(
                    model_name="completionreport",
                    name=column,
                    field=models.BooleanField(default=default, verbose_name=label),
                )
                for column, default, label in [
                    ("category_air", False, "大气"),
                    ("category_ecology", False, "生态"),
                    ("category_noise", False, "噪声"),
                    ("category_other", False, "其他"),
                    ("category_radiation", False, "辐射"),
                    ("category_soil", False, "土壤"),
                    ("category_solid_waste", False, "固废"),
                    ("category_water", False, "水"),
                    ("disclose", True, "宜公开"),
                    ("penalty_case_filed", False, "立案处罚"),
                ]
            ],
        )
    ]
