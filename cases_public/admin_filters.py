import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from cases_public.choices import CaseState, Category, Channel, Finding
from cases_public.models import CompletionReport


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    widget = django_filters.widgets.DateRangeWidget


class CompletionReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="状态", choices=CaseState.choices, method="filter_status")
    region = django_filters.CharFilter(
        label="行政区划代码", method="filter_region", help_text="输入代码前缀：34 省、3407 市、340705 区县"
    )
    category = django_filters.MultipleChoiceFilter(
        label="污染类型", choices=Category.choices, method="filter_category"
    )
    channel = django_filters.ChoiceFilter(label="信访方式", choices=Channel.choices)
    finding = django_filters.ChoiceFilter(label="是否属实", choices=Finding.choices)
    received_from = django_filters.DateFilter(
        label="登记时间自", field_name="received_at", lookup_expr="date__gte", widget=AdminDateInput
    )
    received_to = django_filters.DateFilter(
        label="登记时间至", field_name="received_at", lookup_expr="date__lte", widget=AdminDateInput
    )
    closed_from = django_filters.DateFilter(
        label="办结时间自", field_name="closed_at", lookup_expr="date__gte", widget=AdminDateInput
    )
    closed_to = django_filters.DateFilter(
        label="办结时间至", field_name="closed_at", lookup_expr="date__lte", widget=AdminDateInput
    )

    class Meta:
        model = CompletionReport
        fields = []

    def filter_status(self, queryset, name, value):
        return (
            queryset.with_needs_changes().filter(CompletionReport.objects.state_q(value))
            if value
            else queryset
        )

    def filter_region(self, queryset, name, value):
        value = (value or "").strip()
        if not value.isdigit():
            return queryset.none() if value else queryset
        if len(value) <= 2:
            return queryset.filter(province_code=value[:2] + "0000")
        if len(value) <= 4:
            return queryset.filter(city_code=value[:4].ljust(4, "0") + "00")
        return queryset.filter(region_code__startswith=value)

    def filter_category(self, queryset, name, value):
        return queryset.with_categories(value) if value else queryset
