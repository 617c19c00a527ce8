from django.apps import AppConfig


class CasesPublicConfig(AppConfig):
    name = "cases_public"
    verbose_name = "办结报告"
