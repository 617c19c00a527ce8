from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "全文检索"

    def ready(self):
        from search.signal_handlers import register_signal_handlers

        register_signal_handlers()
