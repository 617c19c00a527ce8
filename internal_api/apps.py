from django.apps import AppConfig


class InternalApiConfig(AppConfig):
    name = "internal_api"
    verbose_name = "内部接口"
