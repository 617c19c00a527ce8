from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import mark_safe

from cases_public.redactions import highlight

register = template.Library()


@register.simple_tag(takes_context=True)
def report_text(context, report, field: str, default: str = "—"):
    """A report's text field: plain on the public page, with replacements marked in previews."""
    text = getattr(report, field.replace(".", "_"), "") or ""
    if not text:
        return default
    if context.get("is_preview"):
        return mark_safe(highlight(text, field, report.replacements))
    return linebreaksbr(text, autoescape=True)
