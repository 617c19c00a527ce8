from django import template
from wagtail.models import Site

from portal.models import BureauSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def bureau_settings(context):
    """The bureau settings for the current site, also where no `settings` context exists
    (the Wagtail admin's login page)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return BureauSettings(bureau_name="生态环境局")
    return BureauSettings.for_site(site)


# Public sections served by Django views rather than pages; shown once their URL exists.
SECTION_ROUTES = [
    ("cases_public:list", "办结公开"),
    ("cases_public:statistics", "数据统计"),
    ("cases_public:open_data", "开放数据"),
    ("search:search", "搜索"),
]


@register.simple_tag(takes_context=True)
def main_nav(context):
    from django.urls import NoReverseMatch, reverse

    request = context.get("request")
    items = []
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        root = site.root_page
        items.append({"title": "首页", "url": root.url or "/"})
        for page in root.get_children().live().in_menu().specific(defer=True):
            items.append({"title": page.title, "url": page.url})
    for name, title in SECTION_ROUTES:
        try:
            items.append({"title": title, "url": reverse(name)})
        except NoReverseMatch:
            continue
    current = request.path if request is not None else ""
    for item in items:
        url = item["url"] or ""
        item["current"] = url == current or (url not in ("", "/") and current.startswith(url))
    return items
