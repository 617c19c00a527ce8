from django.core.management.base import BaseCommand, CommandError

from internal_api.models import ApiClient


class Command(BaseCommand):
    help = "吊销接口客户端及其全部令牌"

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, name, **options):
        client = ApiClient.objects.filter(name=name).first()
        if client is None:
            raise CommandError(f"没有名为“{name}”的客户端")
        client.revoke()
        self.stdout.write(self.style.SUCCESS(f"已吊销客户端“{name}”及其全部令牌"))
