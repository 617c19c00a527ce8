"""Server-rendered SVG charts: no JavaScript, no external resource, readable by screen readers
(`role="img"` with `<title>` and `<desc>`). Each chart is followed by its data table on the
page, so the numbers never exist only as pixels."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#0b5d3b"
BAR_2 = "#0a4f8f"
INK = "#1a1a1a"
GRID = "#d4d4d4"


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def bar_chart(
    rows: list[dict], *, chart_id: str, title: str, desc: str, value_key: str = "count"
) -> SafeString:
    """Horizontal bars, one per row (`label`, `count`)."""
    label_width, bar_width, row_height, top = 150, 420, 26, 8
    width = label_width + bar_width + 90
    height = top * 2 + row_height * max(len(rows), 1)
    peak = max((row[value_key] for row in rows), default=0) or 1
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for index, row in enumerate(rows):
        y = top + index * row_height
        length = bar_width * row[value_key] / peak
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 17}" text-anchor="end" font-size="13" fill="{INK}">'
            f"{escape(row['label'])}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row_height - 8}" fill="{BAR}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 17}" font-size="13" fill="{INK}">'
            f"{_fmt(row[value_key])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def month_chart(
    months: list[dict], *, chart_id: str, title: str, desc: str, series: tuple[tuple[str, str], ...]
) -> SafeString:
    """Grouped vertical bars per month; `series` is ((key, legend label), ...), at most two."""
    left, bottom, top, plot_height = 56, 36, 30, 200
    group = 52
    width = left + group * len(months) + 16
    height = top + plot_height + bottom
    peak = max((month[key] for month in months for key, _ in series), default=0) or 1
    colours = (BAR, BAR_2)
    bar = (group - 12) / len(series)
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for step in range(5):
        value = peak * step / 4
        y = top + plot_height - plot_height * step / 4
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="{INK}">{_fmt(value)}</text>'
        )
    for index, (_key, label) in enumerate(series):
        x = left + 8 + index * 110
        parts.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{colours[index]}"/>'
            f'<text x="{x + 16}" y="17" font-size="12" fill="{INK}">{escape(label)}</text>'
        )
    for position, month in enumerate(months):
        x0 = left + position * group + 6
        for index, (key, _) in enumerate(series):
            h = plot_height * month[key] / peak
            parts.append(
                f'<rect x="{x0 + index * bar:.1f}" y="{top + plot_height - h:.1f}" width="{bar - 2:.1f}" '
                f'height="{h:.1f}" fill="{colours[index]}"/>'
            )
        parts.append(
            f'<text x="{x0 + (group - 12) / 2:.1f}" y="{top + plot_height + 16}" text-anchor="middle" '
            f'font-size="11" fill="{INK}">{month["month"]:%y.%m}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
