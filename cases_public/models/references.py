from django.db import connection, models
from django.db.models import F


class ReferenceCounter(models.Model):
    """The last public case number issued per year (HJXF-2026-000123)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "受理编号计数器"


def reserve_references(year: int, count: int) -> list[str]:
    """Issue the next `count` references for `year`. Call inside the transaction that stores the
    reports: the row update takes the write lock, so two pushes never get the same number."""
    if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35
        ReferenceCounter.objects.get_or_create(year=year)
        ReferenceCounter.objects.filter(year=year).update(last=F("last") + count)
        last = ReferenceCounter.objects.values_list("last", flat=True).get(year=year)
        return _numbers(year, last, count)
    # One statement on the hot path.
    quote = connection.ops.quote_name
    table, last_column, year_column = (quote(n) for n in (ReferenceCounter._meta.db_table, "last", "year"))
    sql = f"UPDATE {table} SET {last_column} = {last_column} + %s WHERE {year_column} = %s RETURNING {last_column}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [count, year])
        row = cursor.fetchone()
        if row is None:  # the year's first case
            ReferenceCounter.objects.get_or_create(year=year)
            cursor.execute(sql, [count, year])
            row = cursor.fetchone()
    return _numbers(year, row[0], count)


def _numbers(year: int, last: int, count: int) -> list[str]:
    return [f"HJXF-{year}-{number:06d}" for number in range(last - count + 1, last + 1)]


def next_reference(year: int) -> str:
    return reserve_references(year, 1)[0]
