"""INSERT and UPDATE statements for the ingest's hot path, composed once per model and shape.

`bulk_create` and `QuerySet.update` build a query and a compiler and compose the SQL anew on
every call. For the one-row statements of a single push (about ten of them) that composing
cost more than the database took to run them. Here the SQL text is kept per model, columns and
row count; each value still goes through its field's `pre_save` and `get_db_prep_save`, as
the ORM does, so the stored rows are the same (tests/test_bulk_reports.py compares them with
what Wagtail's own calls write).
"""

from __future__ import annotations

from functools import lru_cache

from django.db import connections, router
from django.db.models import Model


def insert_rows(model: type[Model], objs: list[Model]) -> None:
    """Insert new instances (primary key unset) and set their primary keys, like `bulk_create`."""
    if not objs:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    opts = model._meta
    if opts.parents or not connection.features.can_return_rows_from_bulk_insert:
        model._base_manager.using(alias).bulk_create(objs)
        return
    fields = _insert_fields(model)
    params = []
    for obj in objs:
        if obj.pk is not None:
            raise ValueError(f"insert_rows: {obj!r} already has a primary key")
        obj._prepare_related_fields_for_save(operation_name="insert_rows")
        for field in fields:
            value = field.pre_save(obj, True)
            if hasattr(value, "resolve_expression"):  # an expression or a database default
                model._base_manager.using(alias).bulk_create(objs)
                return
            params.append(field.get_db_prep_save(value, connection=connection))
    batch = max(1, connection.ops.bulk_batch_size(fields, objs))
    width = len(fields)
    pk_attname = opts.pk.attname
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            chunk = objs[start : start + batch]
            cursor.execute(
                _insert_sql(alias, model, len(chunk)), params[start * width : (start + len(chunk)) * width]
            )
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                setattr(obj, pk_attname, pk)
                obj._state.adding = False
                obj._state.db = alias


def upsert_rows(model: type[Model], objs: list[Model], *, unique: str, update: list[str]) -> None:
    """Insert rows; where `unique` clashes with an existing row, overwrite its `update` columns
    (like `bulk_create(update_conflicts=True)`; primary keys are not read back)."""
    if not objs:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = _insert_fields(model)
    params = [
        field.get_db_prep_save(field.pre_save(obj, True), connection=connection)
        for obj in objs
        for field in fields
    ]
    sql = _insert_sql(alias, model, len(objs), returning=False) + _conflict_sql(
        alias, model, unique, tuple(update)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def update_rows(objs: list[Model], field_names: list[str]) -> None:
    """Write `field_names` of saved instances of one model, one UPDATE by primary key each, sent
    together (`executemany`): for a batch of 100 that is a fraction of `bulk_update`'s CASE."""
    if not objs:
        return
    model = type(objs[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = [model._meta.get_field(name) for name in field_names]
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection=connection) for field in fields]
        + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(_update_sql(alias, model, tuple(field_names)), rows)


def _insert_fields(model):
    return [field for field in model._meta.concrete_fields if field is not model._meta.auto_field]


@lru_cache(maxsize=256)
def _insert_sql(alias: str, model, rows: int, returning: bool = True) -> str:
    quote = connections[alias].ops.quote_name
    fields = _insert_fields(model)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES {', '.join([row] * rows)}"
    )
    return sql + f" RETURNING {quote(model._meta.pk.column)}" if returning else sql


@lru_cache(maxsize=64)
def _conflict_sql(alias: str, model, unique: str, update: tuple[str, ...]) -> str:
    """The ON CONFLICT clause, the same on SQLite (3.24+) and PostgreSQL."""
    quote = connections[alias].ops.quote_name
    column = model._meta.get_field
    assignments = ", ".join(f"{quote(column(n).column)} = EXCLUDED.{quote(column(n).column)}" for n in update)
    return f" ON CONFLICT ({quote(column(unique).column)}) DO UPDATE SET {assignments}"


@lru_cache(maxsize=256)
def _update_sql(alias: str, model, field_names: tuple[str, ...]) -> str:
    quote = connections[alias].ops.quote_name
    columns = ", ".join(f"{quote(model._meta.get_field(name).column)} = %s" for name in field_names)
    return f"UPDATE {quote(model._meta.db_table)} SET {columns} WHERE {quote(model._meta.pk.column)} = %s"
