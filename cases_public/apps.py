from django.apps import AppConfig


class CasesPublicConfig(AppConfig):
    name = "cases_public"
    verbose_name = "办结报告"

    def ready(self):
        from cases_public.signal_handlers import register_signal_handlers

        register_signal_handlers()
